// The WhatsApp channel (web/PROTOCOL.md, "WhatsApp"): the pure parts (payload,
// signature, rendering, retry policy, cutting) and the real server against a
// stand-in Graph API on loopback (tests/graph_stub.hpp) with recorded Cloud
// API payloads from tests/data/whatsapp: over HTTP, over HTTPS with
// certificates made for the test, and behind two replicas sharing one Redis.
#include <catch2/catch.hpp>
#include <chrono>
#include <cstdio>
#include <fstream>
#include <iostream>
#include <thread>

#include "knowledge/base/utf8.hpp"
#include "knowledge/knowledge_dir.hpp"
#include "tests/child_process.hpp"
#include "tests/graph_stub.hpp"
#include "tests/server_process.hpp"
#include "tests/test_certs.hpp"
#include "tests/test_support.hpp"
#include "tests/ws_client.hpp"
#include "web/channels/outbound_queue.hpp"
#include "web/channels/text_cut.hpp"
#include "web/channels/whatsapp_payload.hpp"

using namespace tanya;
using nlohmann::json;
using namespace std::chrono_literals;

namespace {

const std::string kVerify = "verify-me-7431";
const std::string kAppSecret = "app-secret-5c2e";
const std::string kToken = "EAAG-test-token";
const std::string kPhoneId = "109876543210987";
// Recipients the stand-in treats specially.
const std::string kFlaky = "628000500001";    // 500, 500, then 200
const std::string kBusy = "628000429001";     // 429 with Retry-After: 1, then 200
const std::string kSilent = "628000999001";   // never answers

std::string payload(const std::string& name) {
  auto text = read_file(test::source_dir() + "/tests/data/whatsapp/" + name);
  REQUIRE(text.ok());
  return *text;
}

// text.json with another sender, message id and text.
std::string text_payload(const std::string& from, const std::string& id, const std::string& text) {
  json p = json::parse(payload("text.json"));
  auto& m = p["entry"][0]["changes"][0]["value"]["messages"][0];
  m["from"] = from;
  m["id"] = id;
  m["text"]["body"] = text;
  p["entry"][0]["changes"][0]["value"]["contacts"][0]["wa_id"] = from;
  return p.dump();
}

test::GraphStub::Reply script(const std::string& to, int attempt) {
  if (to == kFlaky && attempt <= 2) return {500, "", false};
  if (to == kBusy && attempt == 1) return {429, "1", false};
  if (to == kSilent) return {0, "", true};
  return {};
}

// `tanya serve` options for the channel, the Graph API at `api_url`.
std::vector<std::string> server_args(const std::string& api_url, std::vector<std::string> extra = {}) {
  std::vector<std::string> args = {"--whatsapp-verify-token", kVerify, "--whatsapp-app-secret", kAppSecret,
                                   "--whatsapp-token", kToken, "--whatsapp-phone-id", kPhoneId,
                                   "--whatsapp-api-url", api_url, "--whatsapp-timeout", "0.5",
                                   "--whatsapp-attempts", "3", "--whatsapp-backoff", "0.05",
                                   "--rate", "1000", "--burst", "1000"};
  args.insert(args.end(), extra.begin(), extra.end());
  return args;
}

test::HttpResult deliver(unsigned short port, const std::string& body, const std::string& signature) {
  test::Headers h;
  if (!signature.empty()) h.push_back({"X-Hub-Signature-256", signature});
  return test::http_request(port, http::verb::post, "/adapters/whatsapp", body, "application/json", "", h);
}
test::HttpResult deliver(unsigned short port, const std::string& body) {
  return deliver(port, body, whatsapp_signature(body, kAppSecret));
}

// A metric's value (the line that starts with `line_start`), -1 when absent.
double metric(unsigned short port, const std::string& line_start) {
  auto r = test::http_request(port, http::verb::get, "/metrics");
  auto at = r.body.find("\n" + line_start + " ");
  if (at == std::string::npos) return -1;
  return std::atof(r.body.c_str() + at + line_start.size() + 2);
}

std::string answer_text(unsigned short port, const std::string& question) {
  return test::http_request(port, http::verb::post, "/api/ask", json{{"text", question}}.dump()).json()["text"];
}

// Waits (up to 15 s) until `done()` holds; returns whether it did.
template <class Condition>
bool eventually(Condition done) {
  for (auto until = std::chrono::steady_clock::now() + 15s; std::chrono::steady_clock::now() < until;) {
    if (done()) return true;
    std::this_thread::sleep_for(20ms);
  }
  return done();
}

struct Fixture {
  test::GraphStub graph{script};
  std::unique_ptr<test::ServerProcess> server;
  explicit Fixture(std::vector<std::string> extra = {}) {
    server = std::make_unique<test::ServerProcess>(
        server_args("http://127.0.0.1:" + std::to_string(graph.port()) + "/v21.0", std::move(extra)));
  }
  unsigned short port() const { return server->port(); }
  test::HttpResult deliver(const std::string& body, const std::string& signature) {
    return ::deliver(port(), body, signature);
  }
  test::HttpResult deliver(const std::string& body) { return ::deliver(port(), body); }
  double metric(const std::string& line_start) { return ::metric(port(), line_start); }
  std::string answer_text(const std::string& question) { return ::answer_text(port(), question); }
};

Fixture& fixture() {
  static Fixture f;
  return f;
}

// The text a Graph API call carries: a text message's body or an interactive body.
std::string sent_text(const json& body) {
  if (body["type"] == "text") return body["text"]["body"];
  return body["interactive"]["body"]["text"];
}

// The first suggestion an interactive answer offers, as its question.
std::string first_offered(const json& body) {
  const auto& action = body["interactive"]["action"];
  if (action.contains("buttons")) return action["buttons"][0]["reply"]["title"];
  const auto& row = action["sections"][0]["rows"][0];
  return row.contains("description") ? row["description"] : row["title"];
}

// list-reply.json from `from`: the first suggestion ("s:0") pressed.
std::string press_first(const std::string& from, const std::string& id) {
  json p = json::parse(payload("list-reply.json"));
  auto& m = p["entry"][0]["changes"][0]["value"]["messages"][0];
  m["from"] = from;
  m["id"] = id;
  m["interactive"]["list_reply"]["id"] = "s:0";
  return p.dump();
}

}  // namespace

TEST_CASE("WhatsAppPayload_RecordedPayloads", "[whatsapp]") {
  using Kind = WhatsAppMessage::Kind;
  auto text = parse_whatsapp_payload(payload("text.json"));
  REQUIRE(text.ok());
  REQUIRE(text->messages.size() == 1);
  CHECK(text->messages[0].kind == Kind::text);
  CHECK(text->messages[0].from == "6281234567001");
  CHECK(text->messages[0].text == "Apa manfaat kerja sama bilateral di bidang keamanan?");
  CHECK(text->messages[0].id.rfind("wamid.", 0) == 0);

  auto button = parse_whatsapp_payload(payload("button-reply.json"));
  REQUIRE(button->messages.size() == 1);
  CHECK(button->messages[0].kind == Kind::button);
  CHECK(button->messages[0].suggestion == 0);
  auto list = parse_whatsapp_payload(payload("list-reply.json"));
  REQUIRE(list->messages.size() == 1);
  CHECK(list->messages[0].kind == Kind::list);
  CHECK(list->messages[0].suggestion == 1);

  auto status = parse_whatsapp_payload(payload("status.json"));
  CHECK(status->messages.empty());
  CHECK(status->statuses == 1);
  CHECK(parse_whatsapp_payload(payload("image.json"))->messages.at(0).kind == Kind::media);
  CHECK(parse_whatsapp_payload(payload("reaction.json"))->messages.at(0).kind == Kind::reaction);
  auto batch = parse_whatsapp_payload(payload("batch.json"));
  REQUIRE(batch->messages.size() == 2);
  CHECK(batch->messages[0].from == "6281234567003");
  CHECK(batch->messages[1].from == "6281234567004");
  // Odd parts are skipped, not fatal: the malformed payload carries nothing to answer.
  auto odd = parse_whatsapp_payload(payload("malformed.json"));
  REQUIRE(odd.ok());
  CHECK(odd->messages.empty());
  CHECK(parse_whatsapp_payload("{nope").error().code == "bad_json");
  CHECK(parse_whatsapp_payload("{\"entry\":\"\xff\"}").error().code == "bad_request");  // not UTF-8
  CHECK(parse_whatsapp_payload("[]").error().code == "bad_request");
  CHECK(parse_whatsapp_payload("{\"object\":\"whatsapp_business_account\"}").error().code == "bad_request");
}

TEST_CASE("WhatsAppSignature_ConstantTimeHmac", "[whatsapp]") {
  std::string body = payload("text.json");
  std::string sig = whatsapp_signature(body, kAppSecret);
  CHECK(sig.size() == 7 + 64);
  CHECK(whatsapp_signature_valid(body, sig, kAppSecret));
  std::string upper = sig;
  for (size_t i = 7; i < upper.size(); ++i) upper[i] = static_cast<char>(std::toupper(upper[i]));
  CHECK(whatsapp_signature_valid(body, upper, kAppSecret));
  CHECK_FALSE(whatsapp_signature_valid(body, sig, "other-secret"));
  CHECK_FALSE(whatsapp_signature_valid(body + " ", sig, kAppSecret));
  CHECK_FALSE(whatsapp_signature_valid(body, "", kAppSecret));
  CHECK_FALSE(whatsapp_signature_valid(body, sig.substr(7), kAppSecret));
  // RFC 4231 test case 2 (key "Jefe").
  CHECK(whatsapp_signature("what do ya want for nothing?", "Jefe") ==
        "sha256=5bdcc146bf60754e6a042426089575c75a003f089d2739839dec58b964ec3843");
}

TEST_CASE("WhatsAppRender_ButtonsListAndLongAnswers", "[whatsapp]") {
  Answer a;
  a.text = "Kerja sama bilateral adalah kerja sama antara dua negara.";
  a.sources.push_back(Source{});
  a.sources[0].section = "Pengertian";
  a.suggestions = {"Tujuannya?", "Contohnya?", "Manfaatnya?", "Keempat?"};
  auto bodies = render_whatsapp_answer("628123", a);
  REQUIRE(bodies.size() == 1);
  json m = json::parse(bodies[0]);
  CHECK(m["messaging_product"] == "whatsapp");
  CHECK(m["to"] == "628123");
  CHECK(m["type"] == "interactive");
  CHECK(m["interactive"]["type"] == "button");
  CHECK(m["interactive"]["body"]["text"] == a.text + "\n\nSumber: Pengertian");
  REQUIRE(m["interactive"]["action"]["buttons"].size() == 3);  // at most three
  CHECK(m["interactive"]["action"]["buttons"][1]["reply"]["id"] == "s:1");

  a.suggestions = {"Apa tujuan kerja sama bilateral?", "Pendek"};
  m = json::parse(render_whatsapp_answer("628123", a)[0]);
  CHECK(m["interactive"]["type"] == "list");
  const auto& rows = m["interactive"]["action"]["sections"][0]["rows"];
  REQUIRE(rows.size() == 2);
  CHECK(utf8::count(rows[0]["title"].get<std::string>()) <= 24);
  CHECK(rows[0]["description"] == "Apa tujuan kerja sama bilateral?");
  CHECK_FALSE(rows[1].contains("description"));

  // Too long for an interactive body (1,024): the text first, cut to 4,096 at a sentence.
  a.text.clear();
  for (int i = 0; i < 300; ++i) a.text += "Kalimat nomor " + std::to_string(i) + " cukup panjang. ";
  bodies = render_whatsapp_answer("628123", a);
  REQUIRE(bodies.size() == 2);
  json first = json::parse(bodies[0]);
  CHECK(first["type"] == "text");
  std::string t = first["text"]["body"];
  CHECK(utf8::count(t) <= 4096);
  CHECK_THAT(t, Catch::EndsWith(". …"));
  CHECK(json::parse(bodies[1])["type"] == "interactive");

  a.suggestions.clear();
  a.fallback = true;
  m = json::parse(render_whatsapp_answer("628123", a)[0]);
  CHECK(m["type"] == "text");
  CHECK(m["text"]["body"].get<std::string>().find("Sumber:") == std::string::npos);
}

TEST_CASE("CutAtSentence", "[whatsapp]") {
  CHECK(cut_at_sentence("Pendek.", 100) == "Pendek.");
  std::string s = "Satu dua tiga. Empat lima enam tujuh delapan. Sembilan sepuluh sebelas dua belas.";
  std::string cut = cut_at_sentence(s, 60);
  CHECK(cut == "Satu dua tiga. Empat lima enam tujuh delapan. …");
  CHECK(utf8::count(cut) <= 60);
  // No sentence end in the second half: cut at a word.
  std::string words = "kata kata kata kata kata kata kata kata kata kata kata kata";
  cut = cut_at_sentence(words, 30);
  CHECK(utf8::count(cut) <= 30);
  CHECK_THAT(cut, Catch::EndsWith("kata…"));
  // Multi-byte characters are never split.
  std::string wide;
  for (int i = 0; i < 50; ++i) wide += "é";
  cut = cut_at_sentence(wide, 10);
  CHECK(utf8::valid(cut));
  CHECK(utf8::count(cut) <= 10);
}

TEST_CASE("RetryPolicy", "[whatsapp]") {
  using Outcome = RetryDecision::Outcome;
  OutboundOptions o;
  o.base_delay = 1000ms;
  o.max_delay = 8000ms;
  o.max_attempts = 4;
  auto status = [](int s, std::string ra = "") { return Result<ClientResponse>(ClientResponse{s, "", ra}); };
  CHECK(decide_retry(status(200), 1, o, 0.5).outcome == Outcome::delivered);
  CHECK(decide_retry(status(400), 1, o, 0.5).outcome == Outcome::give_up);  // no retry on other 4xx
  CHECK(decide_retry(status(401), 1, o, 0.5).outcome == Outcome::give_up);
  auto r = decide_retry(status(503), 1, o, 0.0);
  CHECK(r.outcome == Outcome::retry);
  CHECK(r.delay == 500ms);  // half the step fixed, half jitter
  CHECK(decide_retry(status(503), 1, o, 0.999).delay < 1000ms);
  CHECK(decide_retry(status(503), 3, o, 0.0).delay == 2000ms);  // doubling
  CHECK(decide_retry(status(503), 3, o, 0.999).delay < 4000ms);
  CHECK(decide_retry(status(500), 4, o, 0.0).outcome == Outcome::give_up);  // attempts spent
  CHECK(decide_retry(status(429, "7"), 1, o, 0.0).delay == 7000ms);          // Retry-After honoured
  CHECK(decide_retry(status(429, "100000"), 1, o, 0.0).outcome == Outcome::give_up);
  CHECK(decide_retry(Result<ClientResponse>(make_error("timeout", "t")), 1, o, 0).outcome == Outcome::retry);
  CHECK(decide_retry(Result<ClientResponse>(make_error("connect", "c")), 1, o, 0).outcome == Outcome::retry);
  CHECK(decide_retry(Result<ClientResponse>(make_error("tls", "bad certificate")), 1, o, 0).outcome == Outcome::give_up);
  for (int attempt = 1; attempt < 4; ++attempt) CHECK(decide_retry(status(502), attempt, o, 0.999).delay <= o.max_delay);
}

TEST_CASE("WhatsApp_VerificationHandshake", "[whatsapp]") {
  auto& f = fixture();
  auto ok = test::http_request(f.port(), http::verb::get,
                               "/adapters/whatsapp?hub.mode=subscribe&hub.verify_token=" + kVerify +
                                   "&hub.challenge=1158201444");
  CHECK(ok.status == 200);
  CHECK(ok.body == "1158201444");
  CHECK(test::http_request(f.port(), http::verb::get,
                           "/adapters/whatsapp?hub.mode=subscribe&hub.verify_token=wrong&hub.challenge=1")
            .status == 403);
  CHECK(test::http_request(f.port(), http::verb::get, "/adapters/whatsapp?hub.verify_token=" + kVerify +
                                                          "&hub.challenge=1")
            .status == 403);
  CHECK(test::http_request(f.port(), http::verb::get, "/adapters/whatsapp").status == 403);
  // With the right token, a challenge that is missing or too long is a bad
  // request that says so, not a wrong token.
  auto missing = test::http_request(f.port(), http::verb::get,
                                    "/adapters/whatsapp?hub.mode=subscribe&hub.verify_token=" + kVerify);
  CHECK(missing.status == 400);
  CHECK(missing.body.find("hub.challenge is missing") != std::string::npos);
  auto too_long = test::http_request(f.port(), http::verb::get,
                                     "/adapters/whatsapp?hub.mode=subscribe&hub.verify_token=" + kVerify +
                                         "&hub.challenge=" + std::string(257, '7'));
  CHECK(too_long.status == 400);
  CHECK(too_long.body.find("over 256 bytes") != std::string::npos);
  // Without the token, the challenge's faults are not told apart.
  CHECK(test::http_request(f.port(), http::verb::get,
                           "/adapters/whatsapp?hub.mode=subscribe&hub.verify_token=wrong&hub.challenge=" +
                               std::string(257, '7'))
            .status == 403);
}

TEST_CASE("WhatsApp_WrongOrMissingSignature_401AndNothingSent", "[whatsapp]") {
  auto& f = fixture();
  std::string body = text_payload("628000401001", "wamid.sig-1", "Apa tujuan kerja sama bilateral?");
  CHECK(f.deliver(body, "").status == 401);
  CHECK(f.deliver(body, whatsapp_signature(body, "not-the-secret")).status == 401);
  CHECK(f.deliver(body + " ", whatsapp_signature(body, kAppSecret)).status == 401);
  CHECK(f.deliver("{not json", "sha256=00").status == 401);  // checked before parsing
  // A signed delivery from someone else goes through; the unsigned one never did.
  std::string other = text_payload("628000401002", "wamid.sig-2", "Apa tujuan kerja sama bilateral?");
  REQUIRE(f.deliver(other).status == 200);
  REQUIRE(f.graph.wait_for("628000401002", 1));
  std::this_thread::sleep_for(200ms);
  CHECK(f.graph.calls_to("628000401001").empty());
  CHECK(f.deliver("{not json").status == 400);
}

TEST_CASE("WhatsApp_Question_OneCallWithTokenPhoneIdRecipientTextAndButtons", "[whatsapp]") {
  auto& f = fixture();
  std::string expected = f.answer_text("Apa manfaat kerja sama bilateral di bidang keamanan?");
  REQUIRE(f.deliver(payload("text.json")).status == 200);
  REQUIRE(f.graph.wait_for("6281234567001", 1));
  std::this_thread::sleep_for(300ms);  // a second call would have come by now
  auto calls = f.graph.calls_to("6281234567001");
  REQUIRE(calls.size() == 1);
  const auto& c = calls[0];
  CHECK(c.target == "/v21.0/" + kPhoneId + "/messages");
  CHECK(c.authorization == "Bearer " + kToken);
  CHECK(c.body["messaging_product"] == "whatsapp");
  CHECK(c.body["type"] == "interactive");
  CHECK_THAT(sent_text(c.body), Catch::StartsWith(expected));
  CHECK_THAT(sent_text(c.body), Catch::Contains("\n\nSumber: "));
  const auto& action = c.body["interactive"]["action"];
  size_t offered = action.contains("buttons") ? action["buttons"].size() : action["sections"][0]["rows"].size();
  CHECK(offered >= 1);
  CHECK(offered <= 3);

  SECTION("the same message delivered twice is answered once") {
    REQUIRE(f.deliver(payload("text.json")).status == 200);
    REQUIRE(f.deliver(payload("text.json")).status == 200);
    std::string marker = text_payload("6281234567001", "wamid.after-dup", "Apa tujuan kerja sama bilateral?");
    REQUIRE(f.deliver(marker).status == 200);
    REQUIRE(f.graph.wait_for("6281234567001", 2));  // per-recipient order: the marker comes last
    std::this_thread::sleep_for(200ms);
    auto after = f.graph.calls_to("6281234567001");
    REQUIRE(after.size() == 2);
    CHECK_THAT(sent_text(after[1].body), Catch::StartsWith(f.answer_text("Apa tujuan kerja sama bilateral?")));
    CHECK(f.metric("tanya_whatsapp_duplicates_total") >= 2);
  }
}

TEST_CASE("WhatsApp_FollowUpAndPressedSuggestionUseTheConversation", "[whatsapp]") {
  auto& f = fixture();
  const std::string who = "628000777001";
  REQUIRE(f.deliver(text_payload(who, "wamid.f-1", "Apa manfaat kerja sama bilateral di bidang keamanan?")).status == 200);
  REQUIRE(f.deliver(text_payload(who, "wamid.f-2", "kalau di bidang pendidikan?")).status == 200);
  REQUIRE(f.graph.wait_for(who, 2));
  auto calls = f.graph.calls_to(who);
  CHECK_THAT(sent_text(calls[1].body), Catch::Contains("beasiswa"));  // as the webhook adapter's follow-up
  // The second answer's first suggestion, pressed as a list row.
  std::string first = first_offered(calls[1].body);
  REQUIRE(f.deliver(press_first(who, "wamid.f-3")).status == 200);
  REQUIRE(f.graph.wait_for(who, 3));
  // The same three questions in one /api/ask session give the same answer.
  auto ask = [&](const std::string& q) {
    return test::http_request(f.port(), http::verb::post, "/api/ask", json{{"text", q}, {"session", "wa-replay"}}.dump())
        .json()["text"]
        .get<std::string>();
  };
  ask("Apa manfaat kerja sama bilateral di bidang keamanan?");
  ask("kalau di bidang pendidikan?");
  CHECK_THAT(sent_text(f.graph.calls_to(who)[2].body), Catch::StartsWith(ask(first)));
}

TEST_CASE("WhatsApp_MediaStatusReactionBatch", "[whatsapp]") {
  auto& f = fixture();
  CHECK(f.deliver(payload("status.json")).status == 200);
  CHECK(f.deliver(payload("reaction.json")).status == 200);
  CHECK(f.deliver(payload("malformed.json")).status == 200);
  REQUIRE(f.deliver(payload("image.json")).status == 200);
  REQUIRE(f.graph.wait_for("6281234567002", 1));
  auto media = f.graph.calls_to("6281234567002");
  CHECK(media[0].body["type"] == "text");
  CHECK_THAT(sent_text(media[0].body), Catch::Contains("hanya bisa membaca pesan teks"));
  REQUIRE(f.deliver(payload("batch.json")).status == 200);
  CHECK(f.graph.wait_for("6281234567003", 1));
  CHECK(f.graph.wait_for("6281234567004", 1));
  CHECK_THAT(sent_text(f.graph.calls_to("6281234567004")[0].body),
             Catch::StartsWith(f.answer_text("Apa tujuan kerja sama bilateral?")));
  CHECK(f.metric("tanya_whatsapp_statuses_total") >= 1);
  CHECK(f.metric("tanya_whatsapp_messages_total{kind=\"reaction\"}") >= 1);
  // Over --max-question: a polite refusal, not an answer.
  REQUIRE(f.deliver(text_payload("628000413001", "wamid.long", std::string(1200, 'a'))).status == 200);
  REQUIRE(f.graph.wait_for("628000413001", 1));
  CHECK_THAT(sent_text(f.graph.calls_to("628000413001")[0].body), Catch::Contains("terlalu panjang"));
}

TEST_CASE("WhatsApp_ServerErrorsThenSuccess_OneAnswerAfterRetries", "[whatsapp]") {
  auto& f = fixture();
  double retries = f.metric("tanya_whatsapp_retries_total");
  REQUIRE(f.deliver(text_payload(kFlaky, "wamid.flaky", "Apa tujuan kerja sama bilateral?")).status == 200);
  REQUIRE(f.graph.wait_for(kFlaky, 3));
  std::this_thread::sleep_for(300ms);
  auto calls = f.graph.calls_to(kFlaky);
  REQUIRE(calls.size() == 3);  // 500, 500, 200: delivered once, not again
  CHECK(calls[0].status == 500);
  CHECK(calls[1].status == 500);
  CHECK(calls[2].status == 200);
  CHECK(calls[2].body == calls[0].body);
  CHECK(f.metric("tanya_whatsapp_retries_total") >= retries + 2);
}

TEST_CASE("WhatsApp_429WithRetryAfter_Waits", "[whatsapp]") {
  auto& f = fixture();
  REQUIRE(f.deliver(text_payload(kBusy, "wamid.busy", "Apa tujuan kerja sama bilateral?")).status == 200);
  REQUIRE(f.graph.wait_for(kBusy, 2));
  auto calls = f.graph.calls_to(kBusy);
  CHECK(calls[0].status == 429);
  CHECK(calls[1].status == 200);
  // The backoff alone is 50 ms here: only Retry-After: 1 explains the second.
  CHECK(calls[1].at - calls[0].at >= 1000ms);
}

TEST_CASE("WhatsApp_SilentApi_GiveUpCountedAndWebhookStill200AtOnce", "[whatsapp]") {
  auto& f = fixture();
  double before = f.metric("tanya_whatsapp_give_ups_total");
  REQUIRE(before >= 0);
  auto r = f.deliver(text_payload(kSilent, "wamid.silent", "Apa tujuan kerja sama bilateral?"));
  CHECK(r.status == 200);
  CHECK(f.metric("tanya_whatsapp_give_ups_total") == before);  // answered before any attempt ended
  REQUIRE(f.graph.wait_for(kSilent, 3));                        // --whatsapp-attempts 3
  for (int i = 0; i < 100 && f.metric("tanya_whatsapp_give_ups_total") == before; ++i) std::this_thread::sleep_for(50ms);
  CHECK(f.metric("tanya_whatsapp_give_ups_total") == before + 1);
  CHECK(f.graph.calls_to(kSilent).size() == 3);
  CHECK_THAT(f.server->output(), Catch::Contains("gave a message up"));
}

TEST_CASE("WhatsApp_FullQueue_503", "[whatsapp]") {
  // Room for one answer (two bodies); the stand-in never answers, so it stays taken.
  test::GraphStub silent([](const std::string&, int) { return test::GraphStub::Reply{0, "", true}; });
  test::ServerProcess s({"--whatsapp-verify-token", kVerify, "--whatsapp-app-secret", kAppSecret, "--whatsapp-token",
                         kToken, "--whatsapp-phone-id", kPhoneId, "--whatsapp-api-url",
                         "http://127.0.0.1:" + std::to_string(silent.port()), "--whatsapp-queue", "2",
                         "--whatsapp-timeout", "5"});
  auto deliver = [&](const std::string& body) {
    return test::http_request(s.port(), http::verb::post, "/adapters/whatsapp", body, "application/json", "",
                              {{"X-Hub-Signature-256", whatsapp_signature(body, kAppSecret)}});
  };
  CHECK(deliver(text_payload("628000503001", "wamid.q-1", "Apa tujuan kerja sama bilateral?")).status == 200);
  auto full = deliver(text_payload("628000503002", "wamid.q-2", "Apa tujuan kerja sama bilateral?"));
  CHECK(full.status == 503);
  CHECK(full.json()["code"] == "unavailable");
  CHECK(deliver(payload("status.json")).status == 200);  // nothing to send: still accepted
}

TEST_CASE("WhatsApp_OffUnlessConfiguredAndBadOptionsStopTheServer", "[whatsapp]") {
  test::ServerProcess plain;
  CHECK(test::http_request(plain.port(), http::verb::get, "/adapters/whatsapp?hub.mode=subscribe").status == 404);
  std::string out = test::run_tanya("serve --port 0 --whatsapp-token t --whatsapp-phone-id 1 2>&1");
  CHECK_THAT(out, Catch::Contains("--whatsapp-verify-token"));
}

TEST_CASE("WhatsApp_Throughput", "[whatsapp][bench]") {
  // Figures for the README, not a threshold: N questions from N senders,
  // delivered to the stand-in, timed from the first webhook to the last call.
  auto& f = fixture();
  const int n = 400;
  auto started = std::chrono::steady_clock::now();
  for (int i = 0; i < n; ++i) {
    std::string who = "62899" + std::to_string(1000000 + i);
    REQUIRE(f.deliver(text_payload(who, "wamid.tp-" + std::to_string(i), "Apa tujuan kerja sama bilateral?")).status ==
            200);
  }
  double accepted = std::chrono::duration<double>(std::chrono::steady_clock::now() - started).count();
  bool all = f.graph.wait_for("62899" + std::to_string(1000000 + n - 1), 1);
  for (int i = 0; i < n && all; ++i) all = f.graph.wait_for("62899" + std::to_string(1000000 + i), 1, 30s);
  double total = std::chrono::duration<double>(std::chrono::steady_clock::now() - started).count();
  CHECK(all);
  std::printf("whatsapp throughput: %d webhooks accepted in %.3f s (%.0f/s); %d answers delivered in %.3f s (%.0f/s); "
              "%zu connections to the API\n",
              n, accepted, n / accepted, n, total, n / total, f.graph.connections());
}

namespace {

// The Graph API stand-in over HTTPS with `served`, and tanya trusting `trusted`
// only through OpenSSL's own SSL_CERT_FILE (the default verify paths), as an
// operator with a private CA would: no option switches verification off.
struct HttpsGraph {
  test::TempDir dir;
  test::GraphStub graph;
  test::ServerProcess server;
  HttpsGraph(const test::TestCa& trusted, test::CertAndKey served)
      : graph(script, std::move(served)),
        server(server_args("https://127.0.0.1:" + std::to_string(graph.port()) + "/v21.0"),
               {{"SSL_CERT_FILE", write(dir.path() + "/trusted.pem", trusted.cert_pem())}}) {}
  static std::string write(const std::string& path, const std::string& text) {
    std::ofstream(path) << text;
    return path;
  }
  unsigned short port() const { return server.port(); }
};

// A certificate tanya must refuse: the webhook still gets its 200, one TLS
// handshake is tried and refused, nothing reaches the API, and the message is
// given up at once (no retry: the same certificate would be refused again).
void expect_refused(HttpsGraph& s, const std::string& who) {
  REQUIRE(metric(s.port(), "tanya_whatsapp_give_ups_total") == 0);
  CHECK(deliver(s.port(), text_payload(who, "wamid.tls-refused", "Apa tujuan kerja sama bilateral?")).status == 200);
  REQUIRE(eventually([&] { return metric(s.port(), "tanya_whatsapp_give_ups_total") >= 1; }));
  REQUIRE(eventually([&] { return s.graph.tls_refused() >= 1; }));
  CHECK(metric(s.port(), "tanya_whatsapp_give_ups_total") == 1);
  CHECK(metric(s.port(), "tanya_whatsapp_retries_total") == 0);
  CHECK(metric(s.port(), "tanya_whatsapp_sent_total") == 0);
  CHECK(s.graph.calls().empty());
  CHECK(s.graph.connections() == 1);
  CHECK(s.graph.tls_refused() == 1);
  CHECK_THAT(s.server.output(), Catch::Contains("gave a message up (tls: "));
  // The channel is still up: a status delivery is acknowledged as before.
  CHECK(deliver(s.port(), payload("status.json")).status == 200);
}

}  // namespace

TEST_CASE("WhatsApp_Https_TrustedCertificate_AnswerDeliveredOverOneKeptAliveConnection", "[whatsapp]") {
  test::TestCa ca("tanya test CA");
  HttpsGraph s(ca, ca.issue("127.0.0.1", "IP:127.0.0.1"));
  const std::string who = "628000443001";
  const std::string q1 = "Apa manfaat kerja sama bilateral di bidang keamanan?", q2 = "Apa tujuan kerja sama bilateral?";
  auto t0 = std::chrono::steady_clock::now();
  REQUIRE(deliver(s.port(), text_payload(who, "wamid.tls-1", q1)).status == 200);
  REQUIRE(s.graph.wait_for(who, 1));
  auto t1 = std::chrono::steady_clock::now();
  // Delivered (the response read) before the next question: its call may reuse the connection.
  REQUIRE(eventually([&] { return metric(s.port(), "tanya_whatsapp_sent_total") == 1; }));
  auto t2 = std::chrono::steady_clock::now();
  REQUIRE(deliver(s.port(), text_payload(who, "wamid.tls-2", q2)).status == 200);
  REQUIRE(s.graph.wait_for(who, 2));
  auto t3 = std::chrono::steady_clock::now();
  REQUIRE(eventually([&] { return metric(s.port(), "tanya_whatsapp_sent_total") == 2; }));
  auto calls = s.graph.calls_to(who);
  REQUIRE(calls.size() == 2);
  for (const auto& c : calls) {
    CHECK(c.target == "/v21.0/" + kPhoneId + "/messages");
    CHECK(c.authorization == "Bearer " + kToken);
    CHECK(c.body["to"] == who);
    CHECK(c.status == 200);
  }
  CHECK_THAT(sent_text(calls[0].body), Catch::StartsWith(answer_text(s.port(), q1)));
  CHECK_THAT(sent_text(calls[1].body), Catch::StartsWith(answer_text(s.port(), q2)));
  CHECK(s.graph.tls_refused() == 0);
  CHECK(s.graph.connections() == 1);  // the TLS connection was kept alive and reused
  CHECK(metric(s.port(), "tanya_whatsapp_retries_total") == 0);
  CHECK(metric(s.port(), "tanya_whatsapp_give_ups_total") == 0);
  using ms = std::chrono::duration<double, std::milli>;
  std::printf("whatsapp https: webhook to the API's receipt %.1f ms with a new TLS connection, %.1f ms over the "
              "kept-alive one\n",
              ms(t1 - t0).count(), ms(t3 - t2).count());
}

TEST_CASE("WhatsApp_Https_UntrustedCertificate_RefusedNotRetriedGiveUpCounted", "[whatsapp]") {
  test::TestCa trusted("tanya test CA"), stranger("a CA tanya does not trust");
  // The right address in the certificate, signed by the wrong authority.
  HttpsGraph s(trusted, stranger.issue("127.0.0.1", "IP:127.0.0.1"));
  expect_refused(s, "628000495001");
}

TEST_CASE("WhatsApp_Https_CertificateForAnotherName_Refused", "[whatsapp]") {
  test::TestCa ca("tanya test CA");
  // Signed by the trusted authority (the case above is accepted with such a
  // certificate), but for another host: the host name check alone refuses it.
  HttpsGraph s(ca, ca.issue("graph.other.example", "DNS:graph.other.example,DNS:localhost,IP:127.0.0.2"));
  expect_refused(s, "628000495002");
}

TEST_CASE("WhatsApp_TwoReplicasOneRedis_AnsweredOnceAndTheConversationFollows", "[.][whatsapp-redis]") {
  if (auto skip = test::missing_programs("whatsapp-redis", {"redis-server"}); !skip.empty())
    return (void)(std::cout << skip << "\n");
  test::TempDir dir;
  test::RedisServer redis(dir.path());
  test::GraphStub graph(script);
  auto args = server_args("http://127.0.0.1:" + std::to_string(graph.port()) + "/v21.0", {"--sessions", redis.url()});
  test::ServerProcess a(args), b(args);
  auto sum = [&](const std::string& name) { return metric(a.port(), name) + metric(b.port(), name); };
  const std::string who = "628000818001";
  const std::string first = text_payload(who, "wamid.replicas-1", "Apa manfaat kerja sama bilateral di bidang keamanan?");

  // WhatsApp's redelivery may land on either replica, even while the first is answering: both at once.
  int to_b = 0;
  std::thread other([&] { to_b = deliver(b.port(), first).status; });
  CHECK(deliver(a.port(), first).status == 200);
  other.join();
  CHECK(to_b == 200);
  REQUIRE(graph.wait_for(who, 1));
  // Once one replica counted the duplicate, neither will send anything more for it.
  REQUIRE(eventually([&] { return sum("tanya_whatsapp_duplicates_total") >= 1 && sum("tanya_whatsapp_answers_total") >= 1; }));
  CHECK(sum("tanya_whatsapp_duplicates_total") == 1);
  CHECK(sum("tanya_whatsapp_answers_total") == 1);
  REQUIRE(graph.calls_to(who).size() == 1);
  CHECK_THAT(sent_text(graph.calls_to(who)[0].body),
             Catch::StartsWith(answer_text(a.port(), "Apa manfaat kerja sama bilateral di bidang keamanan?")));

  // The follow-up on the replica that did not answer: the first suggestion
  // pressed. Only the conversation (in Redis) knows what "s:0" was.
  test::ServerProcess& idle = metric(a.port(), "tanya_whatsapp_answers_total") == 1 ? b : a;
  REQUIRE(metric(idle.port(), "tanya_whatsapp_answers_total") == 0);
  const std::string offered = first_offered(graph.calls_to(who)[0].body);
  REQUIRE(deliver(idle.port(), press_first(who, "wamid.replicas-2")).status == 200);
  REQUIRE(graph.wait_for(who, 2));
  auto ask = [&](const std::string& q) {
    return test::http_request(a.port(), http::verb::post, "/api/ask", json{{"text", q}, {"session", "wa-replay"}}.dump())
        .json()["text"]
        .get<std::string>();
  };
  ask("Apa manfaat kerja sama bilateral di bidang keamanan?");
  CHECK_THAT(sent_text(graph.calls_to(who)[1].body), Catch::StartsWith(ask(offered)));
  CHECK(metric(idle.port(), "tanya_whatsapp_answers_total") == 1);
  // The same press from someone with no conversation offers nothing to answer;
  // their next question (answered after it, in order) is the only call they get.
  const std::string stranger = "628000818002";
  REQUIRE(deliver(idle.port(), press_first(stranger, "wamid.replicas-3")).status == 200);
  REQUIRE(deliver(idle.port(), text_payload(stranger, "wamid.replicas-4", "Apa tujuan kerja sama bilateral?")).status ==
          200);
  REQUIRE(graph.wait_for(stranger, 1));
  REQUIRE(eventually([&] { return metric(idle.port(), "tanya_whatsapp_answers_total") >= 2; }));
  CHECK(graph.calls_to(stranger).size() == 1);
  CHECK_THAT(sent_text(graph.calls_to(stranger)[0].body),
             Catch::StartsWith(answer_text(idle.port(), "Apa tujuan kerja sama bilateral?")));

  // Redelivered later, to each replica again: still answered once.
  CHECK(deliver(a.port(), first).status == 200);
  CHECK(deliver(b.port(), first).status == 200);
  REQUIRE(eventually([&] { return sum("tanya_whatsapp_duplicates_total") >= 3; }));
  CHECK(sum("tanya_whatsapp_duplicates_total") == 3);
  CHECK(graph.calls_to(who).size() == 2);
}

// Unit tests of web/'s pure parts, without a server: the protocol handler,
// the one table of error codes (and its mirror in web/PROTOCOL.md), the
// question checks of the answering path, the adapters' parsing, the rate
// buckets, and the Unicode helpers they use.
#include <catch2/catch.hpp>
#include <fstream>
#include <sstream>

#include "knowledge/base/utf8.hpp"
#include "knowledge/knowledge_dir.hpp"
#include "tests/test_support.hpp"
#include "web/channels/adapter.hpp"
#include "web/server/answering.hpp"
#include "web/server/error_code.hpp"
#include "web/server/protocol.hpp"
#include "web/server/rate_limiter.hpp"

using namespace tanya;
using nlohmann::json;

TEST_CASE("ErrorCodes_TableMatchesProtocolMd", "[web][unit]") {
  auto text = read_file(test::source_dir() + "/web/PROTOCOL.md");
  REQUIRE(text.ok());
  // The rows of the "Error codes" table: | `code` | status | when |
  std::vector<std::pair<std::string, int>> rows;
  std::stringstream ss(*text);
  std::string line;
  bool in_table = false;
  while (std::getline(ss, line)) {
    if (line.rfind("| code | HTTP |", 0) == 0) in_table = true;
    else if (in_table && line.rfind("| `", 0) == 0) {
      auto end = line.find('`', 3);
      std::string code = line.substr(3, end - 3);
      int status = std::atoi(line.c_str() + line.find('|', end) + 1);
      rows.emplace_back(code, status);
    } else if (in_table && line.rfind("|---", 0) != 0) {
      in_table = false;
    }
  }
  REQUIRE(rows.size() == kErrorCodes.size());
  for (size_t i = 0; i < rows.size(); ++i) {
    CAPTURE(i, rows[i].first);
    CHECK(rows[i].first == kErrorCodes[i].name);
    CHECK(rows[i].second == kErrorCodes[i].http_status);
    CHECK(error_code_named(rows[i].first) == kErrorCodes[i].code);
  }
  CHECK_FALSE(error_code_named("teapot"));
  CHECK(to_protocol_error(make_error("sqlite", "x")).code == ErrorCode::internal);
  CHECK(to_protocol_error(protocol_error(ErrorCode::unauthorized, "x")).code == ErrorCode::unauthorized);
}

TEST_CASE("parse_ws_message_Table", "[web][unit][protocol]") {
  struct Case {
    const char* payload;
    const char* error;  // "" when accepted
    json id;
  };
  auto c = GENERATE(values<Case>({
      {R"({"type":"ask","id":"c-1","text":"halo"})", "", "c-1"},
      {R"({"type":"ask","id":42,"text":"halo"})", "", 42},
      {R"({"type":"ask","id":18446744073709551615,"text":"halo"})", "", 18446744073709551615ULL},
      {R"({"type":"ask","id":-1.5,"text":"halo"})", "", -1.5},
      {R"({"type":"ask","id":null,"text":"halo"})", "", nullptr},
      {R"({"type":"ask","text":"halo"})", "", nullptr},
      {R"({"type":"ask","id":[1],"text":"halo"})", "bad_request", nullptr},
      {R"({"type":"ask","id":7})", "bad_request", 7},
      {R"({"type":"ask","id":7,"text":5})", "bad_request", 7},
      {R"({"type":"ask","id":7,"text":"x","lang":1})", "bad_request", 7},
      {R"({"type":"feedback","id":"f","useful":true})", "", "f"},
      {R"({"type":"feedback","id":"f","useful":"yes"})", "bad_request", "f"},
      {R"({"type":"subscribe","id":3})", "unsupported", 3},
      {R"({"id":3})", "bad_request", 3},
      {R"([1,2])", "bad_request", nullptr},
      {R"({"type":"ask")", "bad_json", nullptr},
      {R"({"type":"ask","text":"\ud800"})", "bad_json", nullptr},
      {"{\"type\":\"ask\",\"text\":\"\xff\"}", "bad_request", nullptr},  // not UTF-8: said so
  }));
  CAPTURE(c.payload);
  WsMessage m = parse_ws_message(c.payload);
  if (*c.error) {
    REQUIRE(m.error);
    CHECK(name(m.error->code) == c.error);
    CHECK_FALSE(m.error->message.empty());
  } else {
    CHECK_FALSE(m.error);
  }
  CHECK(m.id == c.id);
  // Errors and answers carry the id exactly as it came.
  if (m.error) CHECK(json::parse(error_json(m.id, *m.error))["id"] == c.id);
}

TEST_CASE("parse_ask_body_Table", "[web][unit][protocol]") {
  CHECK(parse_ask_body(R"({"text":"halo","session":"s"})")->session == "s");
  CHECK(parse_ask_body(R"({"text":"halo"})")->text == "halo");
  for (auto [body, code] : std::vector<std::pair<std::string, std::string>>{
           {"{oops", "bad_json"},
           {"[]", "bad_request"},
           {"{}", "bad_request"},
           {R"({"text":1})", "bad_request"},
           {R"({"text":"x","session":1})", "bad_request"},
           {R"({"text":"x","session":")" + std::string(129, 's') + "\"}", "bad_request"},
           {"{\"text\":\"\xff\xfe\"}", "bad_request"}}) {
    CAPTURE(body);
    auto r = parse_ask_body(body);
    REQUIRE_FALSE(r.ok());
    CHECK(name(r.error().code) == code);
  }
}

TEST_CASE("Answering_CheckText_OneRuleForEveryChannel", "[web][unit]") {
  CHECK_FALSE(Answering::check_text("Apa itu diplomasi?", 1000));
  for (std::string blank : {std::string(), std::string(" \t\r\n"), std::string("\0", 1), std::string("\u00a0\u200b"),
                            std::string("\u2028\u2029\u202f\u3000\ufeff"), std::string("\u200e\u2066\U000E0041")}) {
    CAPTURE(blank);
    auto e = Answering::check_text(blank, 1000);
    REQUIRE(e);
    CHECK(e->code == ErrorCode::bad_request);
  }
  CHECK(Answering::check_text("\xff", 1000)->code == ErrorCode::bad_request);
  // The limit counts characters, not bytes.
  std::string three_byte;
  for (int i = 0; i < 10; ++i) three_byte += "\xEA\xA6\xB2";
  CHECK_FALSE(Answering::check_text(three_byte, 10));
  CHECK(Answering::check_text(three_byte + "a", 10)->code == ErrorCode::too_large);
}

TEST_CASE("utf8_BlankAndCutChars", "[web][unit][utf8]") {
  CHECK(utf8::blank(""));
  CHECK(utf8::blank("\u0085\u00ad\u180e\u205f"));
  CHECK_FALSE(utf8::blank("\u00a0a"));
  CHECK_FALSE(utf8::blank("\xff"));
  CHECK_FALSE(utf8::blank("\U0001F600"));  // an emoji says something
  std::string s = "a\xEA\xA6\xB2" "b\xC3\xA9";
  CHECK(utf8::cut_chars(s, 0).empty());
  CHECK(utf8::cut_chars(s, 2) == "a\xEA\xA6\xB2");
  CHECK(utf8::cut_chars(s, 10) == s);
  for (size_t n = 0; n < 5; ++n) CHECK(utf8::valid(utf8::cut_chars(s, n)));
}

TEST_CASE("utf8_AsciiMarks_FullwidthAndCjkPunctuationReadAsAscii", "[web][unit][utf8]") {
  std::string storage;
  // Text without such a mark is returned itself, not copied.
  const std::string plain = "apa itu el ni\xC3\xB1o?";
  CHECK(utf8::ascii_marks(plain, &storage).data() == plain.data());
  CHECK(utf8::ascii_marks("Halo\xEF\xBC\x81 Apa itu ini\xEF\xBC\x9F", &storage) == "Halo!  Apa itu ini? ");
  CHECK(utf8::ascii_marks("a\xEF\xBC\x8C b\xEF\xBC\x9B c\xE3\x80\x82 d\xE3\x80\x81", &storage) == "a,  b;  c.  d, ");
  CHECK(utf8::ascii_marks("\xEF\xBC\x88x\xEF\xBC\x89", &storage) == "(x)");
  // Fullwidth letters and digits and other CJK characters stay (fold() reads the letters).
  CHECK(utf8::ascii_marks("\xEF\xBD\x81\xEF\xBC\x91 \xE3\x81\x82", &storage) == "\xEF\xBD\x81\xEF\xBC\x91 \xE3\x81\x82");
  // An invalid or cut sequence is kept as it was, byte for byte.
  CHECK(utf8::ascii_marks("x\xEF\xBC", &storage) == "x\xEF\xBC");
  CHECK(utf8::ascii_marks("\xE3\xFF?", &storage) == "\xE3\xFF?");
}

TEST_CASE("RateBuckets_ForgetTheLeastRecentlyUsedOnly", "[web][unit][limits]") {
  RateBuckets buckets(0.001, 1, 3);
  CHECK(buckets.take("a"));
  CHECK_FALSE(buckets.take("a"));  // empty now
  CHECK(buckets.take("b"));
  CHECK(buckets.take("c"));
  CHECK_FALSE(buckets.take("a"));  // "a" is the most recently used now
  CHECK(buckets.take("d"));        // a fourth key: "b" goes, not everyone
  CHECK(buckets.size() == 3);
  CHECK_FALSE(buckets.take("a"));  // still limited
  CHECK_FALSE(buckets.take("c"));
  CHECK(buckets.take("b"));        // forgotten, so forgiven
}

namespace {

std::string payload(const std::string& name) {
  auto text = read_file(test::source_dir() + "/tests/data/adapters/" + name);
  REQUIRE(text.ok());
  return *text;
}

std::vector<std::unique_ptr<Adapter>> adapters() {
  char a0[] = "serve", a1[] = "--telegram-secret", a2[] = "s3cret";
  char* argv[] = {a0, a1, a2};
  return make_adapters(*parse_config(3, argv, {}));
}

http::request<http::string_body> post(const std::string& target, const std::string& body,
                                      const std::string& secret_header = "") {
  http::request<http::string_body> req{http::verb::post, target, 11};
  if (!secret_header.empty()) req.set("X-Telegram-Bot-Api-Secret-Token", secret_header);
  req.body() = body;
  return req;
}

}  // namespace

TEST_CASE("Adapters_Parse_RecordedPayloads", "[web][unit][channels]") {
  auto all = adapters();
  REQUIRE(all.size() == 2);
  const Adapter& telegram = *all[0];
  const Adapter& webhook = *all[1];
  REQUIRE(telegram.name() == "telegram");

  auto m = telegram.parse(post("/adapters/telegram/s3cret", payload("telegram-message.json"), "s3cret"));
  REQUIRE(m.ok());
  CHECK(m->conversation == "telegram:5512093");
  CHECK(m->reply_to == "5512093");
  CHECK_FALSE(m->text.empty());
  auto pressed = telegram.parse(post("/adapters/telegram/s3cret", payload("telegram-callback.json"), "s3cret"));
  REQUIRE(pressed.ok());
  CHECK(pressed->suggestion == 0);
  CHECK(pressed->text.empty());
  auto sticker = telegram.parse(post("/adapters/telegram/s3cret", payload("telegram-sticker.json"), "s3cret"));
  REQUIRE(sticker.ok());
  CHECK(sticker->text.empty());
  struct Bad {
    std::string target, body, header;
    ErrorCode code;
  };
  for (const auto& b : std::vector<Bad>{{"/adapters/telegram/wrong", "{}", "s3cret", ErrorCode::not_found},
                                        {"/adapters/telegram/s3cret", "{}", "wrong", ErrorCode::unauthorized},
                                        {"/adapters/telegram/s3cret", "{x", "s3cret", ErrorCode::bad_json},
                                        {"/adapters/telegram/s3cret", "[1]", "s3cret", ErrorCode::bad_request},
                                        // not UTF-8: bad_request, as on every endpoint (PROTOCOL.md)
                                        {"/adapters/telegram/s3cret", "{\"a\":\"\xff\"}", "s3cret", ErrorCode::bad_request}}) {
    CAPTURE(b.target, b.body, b.header);
    auto r = telegram.parse(post(b.target, b.body, b.header));
    REQUIRE_FALSE(r.ok());
    CHECK(to_protocol_error(r.error()).code == b.code);
  }

  auto w = webhook.parse(post("/adapters/webhook", payload("webhook-rasa.json")));
  REQUIRE(w.ok());
  CHECK(w->conversation.rfind("webhook:", 0) == 0);
  CHECK_FALSE(w->text.empty());
  for (const char* bad : {"{}", "{\"sender\":\"x\"}", "{\"sender\":5,\"text\":\"hai\"}", "{\"sender\":\"\",\"text\":\"hai\"}",
                          "{\"sender\":\"x\",\"text\":[]}", "nope"}) {
    CAPTURE(bad);
    auto r = webhook.parse(post("/adapters/webhook", bad));
    REQUIRE_FALSE(r.ok());
    auto code = to_protocol_error(r.error()).code;
    CHECK((code == ErrorCode::bad_request || code == ErrorCode::bad_json));
  }
  auto not_utf8 = webhook.parse(post("/adapters/webhook", "{\"sender\":\"x\",\"text\":\"\xff\"}"));
  REQUIRE_FALSE(not_utf8.ok());
  CHECK(to_protocol_error(not_utf8.error()).code == ErrorCode::bad_request);
}

TEST_CASE("Adapters_Render_TheChannelsShape", "[web][unit][channels]") {
  auto all = adapters();
  Answer a;
  a.text = "Kerja sama <bilateral> & multilateral";
  a.confidence = 0.9;
  a.suggestions = {"Apa tujuan kerja sama bilateral?"};
  Source src;
  src.article = "kerja-sama-bilateral";
  src.section = "FAQ";
  src.kind = "faq";
  a.sources = {src};
  AdapterMessage in;
  in.reply_to = "42";
  in.conversation = "telegram:42";
  json tg = json::parse(all[0]->render(in, &a));
  CHECK(tg["method"] == "sendMessage");
  CHECK(tg["chat_id"] == 42);
  CHECK_THAT(tg["text"].get<std::string>(), Catch::Contains("&lt;bilateral&gt; &amp;"));
  CHECK(tg["reply_markup"]["inline_keyboard"][0][0]["callback_data"] == "s:0");
  CHECK(all[0]->render(in, nullptr) == "{}");
  in.reply_to = "u1";
  json wh = json::parse(all[1]->render(in, &a));
  CHECK(wh[0]["recipient_id"] == "u1");
  CHECK(wh[0]["custom"]["source"]["kind"] == "faq");
  CHECK(json::parse(all[1]->render(in, nullptr)).empty());
}

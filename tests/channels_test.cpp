// Channels and operations against the real server: the Telegram and webhook
// adapters with recorded payloads, the event log behind /admin and
// `tanya review`, feedback, and hot reload under load.
#include <signal.h>

#include <atomic>
#include <catch2/catch.hpp>
#include <cstdio>
#include <filesystem>
#include <fstream>
#include <thread>

#include "knowledge/knowledge_dir.hpp"
#include "tests/server_process.hpp"
#include "tests/test_support.hpp"
#include "tests/ws_client.hpp"
#include "knowledge/base/utf8.hpp"
#include "web/channels/adapter.hpp"
#include "web/channels/chat_text.hpp"

using namespace tanya;
using nlohmann::json;
namespace fs = std::filesystem;

namespace {

const std::string kSecret = "tg-s3cret-token";
const std::string kToken = "admin-t0ken";

std::string payload(const std::string& name) {
  auto text = read_file(test::source_dir() + "/tests/data/adapters/" + name);
  REQUIRE(text.ok());
  return *text;
}

// A server over a private copy of the bundled knowledge, with admin and Telegram enabled.
struct Fixture {
  test::TempDir dir;
  std::string knowledge = dir.path() + "/knowledge";
  std::string events = dir.path() + "/events.db";
  std::unique_ptr<test::ServerProcess> server;
  Fixture() {
    fs::create_directory(knowledge);
    fs::copy_file(test::article_path(), knowledge + "/kerja-sama-bilateral.txt");
    server = std::make_unique<test::ServerProcess>(std::vector<std::string>{
        "--knowledge", knowledge, "--events-db", events, "--admin-token", kToken, "--telegram-secret", kSecret,
        "--telegram-bot-username", "tanya_bot", "--rate", "1000", "--burst", "1000"});
  }
  unsigned short port() const { return server->port(); }
  test::HttpResult telegram(const std::string& body, const std::string& path_secret = kSecret,
                            const std::string& header = kSecret) {
    return test::http_request(port(), http::verb::post, "/adapters/telegram/" + path_secret, body, "application/json",
                              "", {{"X-Telegram-Bot-Api-Secret-Token", header}});
  }
  test::HttpResult admin(http::verb method, const std::string& path, const std::string& token = kToken) {
    test::Headers h;
    if (!token.empty()) h.push_back({"Authorization", "Bearer " + token});
    return test::http_request(port(), method, path, "", "application/json", "", h);
  }
};

Fixture& fixture() {
  static Fixture f;
  return f;
}

// Runs the tanya binary and returns what it printed.
}  // namespace

TEST_CASE("Telegram_TextUpdate_SendMessageWithEscapedHtmlAndButtons", "[channels]") {
  auto r = fixture().telegram(payload("telegram-message.json"));
  REQUIRE(r.status == 200);
  json reply = r.json();
  CHECK(reply["method"] == "sendMessage");
  CHECK(reply["chat_id"] == 5512093);
  CHECK(reply["parse_mode"] == "HTML");
  std::string text = reply["text"];
  CHECK_THAT(text, Catch::Contains("<i>Sumber: "));
  CHECK(text.find("<penting>") == std::string::npos);  // the question is never echoed raw
  const auto& keyboard = reply["reply_markup"]["inline_keyboard"];
  REQUIRE(keyboard.size() >= 1);
  CHECK(keyboard[0][0]["callback_data"] == "s:0");
  CHECK_FALSE(keyboard[0][0]["text"].get<std::string>().empty());

  // Pressing the first button answers that suggestion in the same chat.
  std::string first_suggestion = keyboard[0][0]["text"];
  auto pressed = fixture().telegram(payload("telegram-callback.json"));
  REQUIRE(pressed.status == 200);
  CHECK(pressed.json()["chat_id"] == 5512093);
  CHECK_FALSE(pressed.json()["text"].get<std::string>().empty());
}

TEST_CASE("Telegram_SecretsAndOddUpdates", "[channels]") {
  auto& f = fixture();
  CHECK(f.telegram(payload("telegram-message.json"), "wrong-secret").status == 404);
  CHECK(f.telegram(payload("telegram-message.json"), kSecret, "wrong-header").status == 401);
  CHECK(f.telegram(payload("telegram-message.json"), kSecret, "").status == 401);
  CHECK(f.telegram("{not json").status == 400);
  CHECK(f.telegram("[1]").status == 400);
  for (const char* quiet : {"telegram-edited.json", "telegram-sticker.json", "telegram-malformed.json"}) {
    CAPTURE(quiet);
    auto r = f.telegram(payload(quiet));
    CHECK(r.status == 200);
    CHECK(r.body == "{}");  // acknowledged, nothing sent
  }
}

TEST_CASE("Webhook_ConversationAnswersAFollowUp", "[channels]") {
  auto& f = fixture();
  auto first = test::http_request(f.port(), http::verb::post, "/adapters/webhook", payload("webhook-first.json"));
  REQUIRE(first.status == 200);
  json m = first.json();
  REQUIRE(m.is_array());
  CHECK(m[0]["recipient_id"] == "visitor-7f3a");
  CHECK(m[0]["buttons"].size() >= 1);
  CHECK_FALSE(m[0]["buttons"][0]["payload"].get<std::string>().empty());
  auto next = test::http_request(f.port(), http::verb::post, "/adapters/webhook", payload("webhook-followup.json"));
  REQUIRE(next.status == 200);
  CHECK_THAT(next.json()[0]["text"].get<std::string>(), Catch::Contains("beasiswa"));
  auto rasa = test::http_request(f.port(), http::verb::post, "/adapters/webhook", payload("webhook-rasa.json"));
  CHECK_THAT(rasa.json()[0]["text"].get<std::string>(), Catch::Contains("dua negara"));
  for (const char* bad : {"{}", "{\"sender\":\"x\"}", "{\"sender\":5,\"text\":\"hai\"}", "{\"sender\":\"x\",\"text\":[]}",
                          "{\"sender\":\"x\",\"text\":\"  \"}", "nope"}) {
    CAPTURE(bad);
    CHECK(test::http_request(f.port(), http::verb::post, "/adapters/webhook", bad).status == 400);
  }
}

TEST_CASE("Unanswered_ShowUpInAdminAndReview", "[channels]") {
  auto& f = fixture();
  for (const char* q : {"Resep rendang padang yang enak", "resep rendang padang dong", "Siapa pemenang piala dunia 2022?"})
    test::http_request(f.port(), http::verb::post, "/api/ask", json{{"text", q}}.dump());
  test::WsClient ws(f.port());
  ws.ask("x", "resep rendang padang yang paling enak?");

  CHECK(f.admin(http::verb::get, "/admin/unanswered", "").status == 401);
  CHECK(f.admin(http::verb::get, "/admin/unanswered", "wrong").status == 401);
  CHECK(f.admin(http::verb::get, "/admin/unanswered", kToken + "x").status == 401);
  auto r = f.admin(http::verb::get, "/admin/unanswered");
  REQUIRE(r.status == 200);
  json groups = r.json()["groups"];
  REQUIRE(groups.size() >= 2);
  CHECK(groups[0]["count"] == 3);  // the rendang questions are one group, most frequent first
  CHECK_THAT(groups[0]["question"].get<std::string>(), Catch::Contains("rendang"));

  std::string review = test::run_tanya("review --knowledge " + f.knowledge + " --events-db " + f.events);
  CHECK_THAT(review, Catch::Contains("rendang"));
  CHECK_THAT(review, Catch::Contains("piala dunia"));
  CHECK(review.find("rendang") < review.find("piala dunia"));
}

TEST_CASE("Admin_DisabledWithoutToken", "[channels]") {
  test::ServerProcess plain;
  CHECK(test::http_request(plain.port(), http::verb::get, "/admin/unanswered").status == 404);
  CHECK(test::http_request(plain.port(), http::verb::post, "/admin/reload", "", "application/json", "",
                           {{"Authorization", "Bearer anything"}})
            .status == 404);
}

TEST_CASE("Feedback_IsStoredAndListed", "[channels]") {
  auto& f = fixture();
  test::WsClient ws(f.port());
  json a = ws.ask("fb-1", "Apa manfaat kerja sama bilateral?");
  REQUIRE(a["type"] == "answer");
  ws.send_text(R"({"type":"feedback","id":"fb-1","useful":false})");
  json ack = ws.read_json();
  CHECK(ack["type"] == "ack");
  auto r = f.admin(http::verb::get, "/admin/feedback");
  REQUIRE(r.status == 200);
  bool found = false;
  json body = r.json();  // keep the document alive while iterating over part of it
  for (const auto& v : body["feedback"])
    if (v["id"] == "fb-1" && v["useful"] == false && v["question"] == "Apa manfaat kerja sama bilateral?") found = true;
  CAPTURE(r.body);
  CHECK(found);
  CHECK(r.json()["not_useful"].get<int>() >= 1);
}

TEST_CASE("Reload_EditedArticleChangesTheNextAnswerWhileClientsStayConnected", "[channels]") {
  auto& f = fixture();
  const int clients = 100;
  std::vector<std::unique_ptr<test::WsClient>> ws;
  for (int i = 0; i < clients; ++i) ws.push_back(std::make_unique<test::WsClient>(f.port()));
  for (int i = 0; i < clients; ++i) CHECK(ws[i]->ask("before", "Apa tujuan kerja sama bilateral?")["type"] == "answer");

  // Edit the article: the table's "Tujuan" row gets new words.
  std::string path = f.knowledge + "/kerja-sama-bilateral.txt";
  auto text = read_file(path);
  REQUIRE(text.ok());
  std::string edited = *text;
  auto at = edited.find("Tujuan Meningkatkan kesejahteraan");
  REQUIRE(at != std::string::npos);
  edited.replace(at, 33, "Tujuan Menjamin perdamaian abadi, meningkatkan kesejahteraan");
  std::ofstream(path, std::ios::trunc) << edited;

  // Clients keep asking while the reload runs.
  std::atomic<bool> stop{false};
  std::atomic<int> answered{0}, failed{0};
  std::vector<std::thread> askers;
  for (int i = 0; i < clients; ++i)
    askers.emplace_back([&, i] {
      for (int n = 0; !stop || n < 2; ++n) {
        try {
          json r = ws[i]->ask("during-" + std::to_string(n), "Apa manfaat kerja sama bilateral?");
          (r["type"] == "answer" ? answered : failed)++;
        } catch (...) {
          failed++;
          return;
        }
      }
    });
  auto r = f.admin(http::verb::post, "/admin/reload");
  stop = true;
  for (auto& t : askers) t.join();
  REQUIRE(r.status == 200);
  CHECK(r.json()["built"] == true);
  CHECK(failed == 0);
  CHECK(answered >= 2 * clients);
  for (int i = 0; i < clients; ++i) {
    json after = ws[i]->ask("after", "Apa tujuan kerja sama bilateral?");
    CHECK_THAT(after["sources"][0]["text"].get<std::string>(), Catch::Contains("perdamaian abadi"));
  }
}

TEST_CASE("Reload_FailedBuildKeepsTheOldIndex", "[channels]") {
  test::TempDir dir;
  std::string knowledge = dir.path() + "/k";
  fs::create_directory(knowledge);
  fs::copy_file(test::article_path(), knowledge + "/a.txt");
  test::ServerProcess s({"--knowledge", knowledge, "--admin-token", kToken});
  fs::remove(knowledge + "/a.txt");
  std::ofstream(knowledge + "/broken.md") << "| no | separator |\n| x | y |\n";
  auto r = test::http_request(s.port(), http::verb::post, "/admin/reload", "", "application/json", "",
                              {{"Authorization", "Bearer " + kToken}});
  CHECK(r.status == 500);
  CHECK_THAT(r.json()["message"].get<std::string>(), Catch::Contains("old index stays"));
  test::WsClient ws(s.port());
  json a = ws.ask("1", "Apa perbedaan kerja sama bilateral dan multilateral?");
  REQUIRE_FALSE(a["sources"].empty());
  CHECK(a["sources"][0]["kind"] == "faq");
}

TEST_CASE("Reload_OnSighup", "[channels]") {
  test::TempDir dir;
  std::string knowledge = dir.path() + "/k";
  fs::create_directory(knowledge);
  fs::copy_file(test::article_path(), knowledge + "/a.txt");
  test::ServerProcess s({"--knowledge", knowledge});
  std::ofstream(knowledge + "/kantin.md") << "# Kantin\n\nQ: Jam berapa kantin sekolah buka?\nA: Kantin buka pukul 06.30 sampai 15.00.\n";
  kill(s.pid(), SIGHUP);
  bool changed = false;
  for (int i = 0; i < 100 && !changed; ++i) {
    auto r = test::http_request(s.port(), http::verb::post, "/api/ask", R"({"text":"jam berapa kantin buka"})");
    changed = r.json()["text"].get<std::string>().find("06.30") != std::string::npos;
    if (!changed) std::this_thread::sleep_for(std::chrono::milliseconds(100));
  }
  CHECK(changed);
}

TEST_CASE("Review_ExportThenAcceptAddsAnAlternateQuestion", "[channels]") {
  test::TempDir dir;
  std::string knowledge = dir.path() + "/k", events = dir.path() + "/events.db";
  fs::create_directory(knowledge);
  fs::copy_file(test::article_path(), knowledge + "/kerja-sama-bilateral.txt");
  {
    test::ServerProcess s({"--knowledge", knowledge, "--events-db", events});
    test::http_request(s.port(), http::verb::post, "/api/ask", R"({"text":"apa sih MoU antar negara itu"})");
    s.stop(SIGTERM);  // everything recorded is committed on the way out
  }
  std::string tsv = dir.path() + "/review.tsv";
  CHECK_THAT(test::run_tanya("review --knowledge " + knowledge + " --events-db " + events + " --export " + tsv),
             Catch::Contains("wrote 1"));
  // The site owner keeps the row and points it at the FAQ entry on differences (unit 32).
  auto exported = read_file(tsv);
  REQUIRE(exported.ok());
  CHECK_THAT(*exported, Catch::Contains("apa sih MoU antar negara itu\tkerja-sama-bilateral\t"));
  std::ofstream(tsv, std::ios::trunc) << "apa sih MoU antar negara itu\tkerja-sama-bilateral\t32\n";
  CHECK_THAT(test::run_tanya("review --knowledge " + knowledge + " --accept " + tsv), Catch::Contains("added 1"));
  test::ServerProcess s({"--knowledge", knowledge});
  auto r = test::http_request(s.port(), http::verb::post, "/api/ask", R"({"text":"apa sih MoU antar negara itu"})");
  json a = r.json();
  CHECK(a["fallback"] == false);
  REQUIRE_FALSE(a["sources"].empty());
  CHECK(a["sources"][0]["question"] == "Apa perbedaan kerja sama bilateral dan multilateral?");
}

// Fuzzing found it (tests/fuzz/regressions/http/telegram-short-path): the
// Telegram adapter read its secret past the end of a shorter path.
TEST_CASE("Regression_TelegramAdapterOnAShortPath", "[channels][regression]") {
  auto adapters = make_adapters([] {
    char a0[] = "serve", a1[] = "--telegram-secret", a2[] = "s3cret";
    char* argv[] = {a0, a1, a2};
    return *parse_config(3, argv, {});
  }());
  http::request<http::string_body> req{http::verb::post, "/adapters/webhook", 11};
  req.body() = "{}";
  for (const auto& adapter : adapters) CHECK_NOTHROW((void)adapter->parse(req));
}

// Telegram as a new user meets it (issue 18): commands, the bot's @mention, a
// leading quote, and groups where tanya answers only when addressed.
TEST_CASE("Telegram_StartAndCommands", "[channels][telegram]") {
  auto& f = fixture();
  auto start = f.telegram(payload("telegram-start.json"));
  REQUIRE(start.status == 200);
  json s = start.json();
  CHECK(s["chat_id"] == 6623401);
  CHECK_THAT(s["text"].get<std::string>(), !Catch::Contains("Maaf"));  // the welcome, not a fallback
  CHECK(s["reply_markup"]["inline_keyboard"].size() >= 3);              // with its starter questions
  std::string welcome = s["text"];

  auto group = f.telegram(payload("telegram-start-group.json"));
  REQUIRE(group.status == 200);
  CHECK(group.json()["chat_id"] == -1001987654321LL);
  CHECK(group.json()["text"] == welcome);
  CHECK(group.json()["reply_parameters"]["message_id"] == 301);  // threaded under the command in a group

  auto help = f.telegram(payload("telegram-help.json"));
  CHECK_THAT(help.json()["text"].get<std::string>(), Catch::Contains("pertanyaan"));
  CHECK(help.json()["reply_markup"]["inline_keyboard"].size() >= 1);
  auto unknown = f.telegram(payload("telegram-unknown-command.json"));
  CHECK_THAT(unknown.json()["text"].get<std::string>(), Catch::StartsWith("Perintah itu tidak saya kenal."));
  // A command for another bot in the group: not for tanya.
  CHECK(f.telegram(payload("telegram-other-bot.json")).body == "{}");
}

TEST_CASE("Telegram_MentionQuoteAndGroups", "[channels][telegram]") {
  auto& f = fixture();
  auto plain = test::http_request(f.port(), http::verb::post, "/api/ask", R"({"text":"apa itu diplomasi publik?"})");
  std::string expected = plain.json()["text"];
  CHECK(plain.json()["fallback"] == false);

  auto mention = f.telegram(payload("telegram-mention.json"));
  REQUIRE(mention.status == 200);
  CHECK_THAT(mention.json()["text"].get<std::string>(), Catch::StartsWith(expected.substr(0, 40)));
  CHECK(mention.json()["reply_parameters"]["message_id"] == 302);

  auto quote = f.telegram(payload("telegram-quote.json"));
  CHECK_THAT(quote.json()["text"].get<std::string>(), Catch::StartsWith(expected.substr(0, 40)));

  // Not addressed in a group: acknowledged, nothing said.
  CHECK(f.telegram(payload("telegram-group.json")).body == "{}");
  // A reply to tanya's own message is addressed to it.
  auto reply = f.telegram(payload("telegram-reply-to-bot.json"));
  REQUIRE(reply.status == 200);
  CHECK(reply.json()["chat_id"] == -1001987654321LL);
  CHECK_FALSE(reply.json()["text"].get<std::string>().empty());
}

TEST_CASE("Webhook_CommandsAndQuote", "[channels]") {
  auto& f = fixture();
  auto start = test::http_request(f.port(), http::verb::post, "/adapters/webhook", R"({"sender":"c1","text":"/start"})");
  REQUIRE(start.status == 200);
  CHECK(start.json()[0]["custom"]["intent"] == "greeting");
  CHECK(start.json()[0]["buttons"].size() >= 3);
  auto quoted = test::http_request(f.port(), http::verb::post, "/adapters/webhook",
                                   json{{"sender", "c2"}, {"text", "> kutipan lama\napa itu diplomasi publik?"}}.dump());
  CHECK(quoted.json()[0]["custom"]["fallback"] == false);
}

TEST_CASE("ChatText_CommandsMentionsQuotes", "[channels]") {
  auto t = read_chat_text("/start@Tanya_Bot", "tanya_bot");
  CHECK(t.command == "start");
  CHECK(t.mentioned);
  CHECK(read_chat_text("/start abc123", "tanya_bot").command == "start");  // deep-link payload ignored
  CHECK(read_chat_text("/start@kuis_bot", "tanya_bot").for_others);
  CHECK(read_chat_text("/Help", "").command == "help");
  CHECK(read_chat_text("/nilai", "").command == "other");
  t = read_chat_text("@tanya_bot, apa itu diplomasi?", "tanya_bot");
  CHECK(t.text == "apa itu diplomasi?");
  CHECK(t.mentioned);
  t = read_chat_text("apa itu diplomasi @TANYA_BOT?", "tanya_bot");
  CHECK(t.text == "apa itu diplomasi ?");
  CHECK(t.mentioned);
  t = read_chat_text("email ke a@tanya_bot.id", "tanya_bot");  // not a mention: part of a word
  CHECK_FALSE(t.mentioned);
  t = read_chat_text("> baris satu\n> baris dua\n\napa tujuannya?", "");
  CHECK(t.text == "apa tujuannya?");
  CHECK(t.command.empty());
}

TEST_CASE("Telegram_LongAnswerCutAtASentence", "[channels][telegram]") {
  auto adapters = make_adapters([] {
    char a0[] = "serve", a1[] = "--telegram-secret", a2[] = "s3cret";
    char* argv[] = {a0, a1, a2};
    return *parse_config(3, argv, {});
  }());
  Answer a;
  for (int i = 0; i < 400; ++i) a.text += "Kalimat ke-" + std::to_string(i) + " <b> & lainnya. ";
  a.sources.push_back(Source{});
  a.sources[0].section = "Bagian";
  AdapterMessage in;
  in.reply_to = "42";
  json reply = json::parse(adapters[0]->render(in, &a));
  std::string text = reply["text"];
  CHECK_THAT(text, Catch::EndsWith("<i>Sumber: Bagian</i>"));
  std::string body = text.substr(0, text.find("\n\n<i>"));
  CHECK_THAT(body, Catch::EndsWith("lainnya. …"));
  // Telegram counts characters after parsing the HTML: entities count as one.
  std::string shown;
  for (size_t i = 0; i < text.size(); ++i) {
    if (text.compare(i, 5, "&amp;") == 0) shown += "&", i += 4;
    else if (text.compare(i, 4, "&lt;") == 0) shown += "<", i += 3;
    else if (text.compare(i, 4, "&gt;") == 0) shown += ">", i += 3;
    else shown += text[i];
  }
  CHECK(utf8::count(shown) - 7 <= 4096);  // "<i></i>" are tags
}

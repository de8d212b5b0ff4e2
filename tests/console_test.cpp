// The owner's console against the real server: GET /admin, the activity rows
// behind /admin/stats, accepting and dismissing unanswered questions (the
// alternates keyed by their passage), "Why this answer?", uploading and
// deleting articles, and `tanya review` before and after. The browser side is
// tests/browser/console.test.mjs.
#include <catch2/catch.hpp>
#include <filesystem>
#include <fstream>

#include "knowledge/knowledge_dir.hpp"
#include "tests/server_process.hpp"
#include "tests/test_support.hpp"
#include "tests/ws_client.hpp"

using namespace tanya;
using nlohmann::json;
namespace fs = std::filesystem;

namespace {

const std::string kToken = "console-t0ken";

struct Console {
  test::TempDir dir;
  std::string knowledge = dir.path() + "/knowledge";
  std::string events = dir.path() + "/events.db";
  std::unique_ptr<test::ServerProcess> server;
  explicit Console(std::vector<std::string> extra = {}) {
    fs::create_directory(knowledge);
    fs::copy_file(test::article_path(), knowledge + "/kerja-sama-bilateral.txt");
    std::vector<std::string> args = {"--knowledge", knowledge, "--events-db", events, "--admin-token", kToken,
                                     "--rate", "1000", "--burst", "1000"};
    args.insert(args.end(), extra.begin(), extra.end());
    server = std::make_unique<test::ServerProcess>(args);
  }
  test::HttpResult call(http::verb method, const std::string& path, const std::string& body = "",
                        const std::string& type = "application/json", const std::string& token = kToken) {
    test::Headers h;
    if (!token.empty()) h.push_back({"Authorization", "Bearer " + token});
    return test::http_request(server->port(), method, path, body, type, "", h);
  }
  json ask(const std::string& q) {
    return test::http_request(server->port(), http::verb::post, "/api/ask", json{{"text", q}}.dump()).json();
  }
};

const char* kOffTopic = "resep rendang padang yang enak";
const char* kFellBack = "berapa jumlah duta besar indonesia";

}  // namespace

TEST_CASE("Console_PageNeedsTheTokenSetAndApiNeedsTheHeader", "[console]") {
  Console c;
  auto page = c.call(http::verb::get, "/admin", "", "", "");
  REQUIRE(page.status == 200);
  CHECK_THAT(page.body, Catch::Contains("sessionStorage"));
  CHECK(std::string(page.headers["Content-Security-Policy"]).find("frame-ancestors 'none'") != std::string::npos);
  // The page's file is not served under its own name.
  CHECK(c.call(http::verb::get, "/admin.html", "", "", "").status == 404);
  for (const char* path : {"/admin/stats", "/admin/knowledge", "/admin/unanswered", "/admin/feedback"}) {
    CAPTURE(path);
    CHECK(c.call(http::verb::get, path, "", "", "").status == 401);
    CHECK(c.call(http::verb::get, path, "", "", "wrong").status == 401);
  }
  CHECK(c.call(http::verb::post, "/admin/explain", R"({"question":"x"})", "application/json", "").status == 401);
  CHECK(c.call(http::verb::put, "/admin/knowledge/x.md", "# X\n\nY.\n", "text/plain", "").status == 401);
  CHECK(c.call(http::verb::delete_, "/admin/knowledge/kerja-sama-bilateral.txt", "", "", "").status == 401);
  CHECK(fs::exists(c.knowledge + "/kerja-sama-bilateral.txt"));

  test::TempDir d;
  fs::create_directory(d.path() + "/k");
  fs::copy_file(test::article_path(), d.path() + "/k/a.txt");
  test::ServerProcess plain({"--knowledge", d.path() + "/k"});
  CHECK(test::http_request(plain.port(), http::verb::get, "/admin").status == 404);
  CHECK(test::http_request(plain.port(), http::verb::get, "/admin.html").status == 404);
}

TEST_CASE("Console_StatsCountEveryAnswerInHourAndDayRows", "[console]") {
  Console c;
  c.ask("Apa manfaat kerja sama bilateral?");
  c.ask("Apa tujuan kerja sama bilateral?");
  c.ask(kOffTopic);
  c.ask("halo");
  test::WsClient ws(c.server->port());
  json a = ws.ask("v1", "Apa manfaat kerja sama bilateral?");
  ws.send_text(R"({"type":"feedback","id":"v1","useful":false})");
  CHECK(ws.read_json()["type"] == "ack");

  auto r = c.call(http::verb::get, "/admin/stats");
  REQUIRE(r.status == 200);
  json s = r.json();
  CAPTURE(r.body);
  REQUIRE(s["hours"].size() == 24);
  REQUIRE(s["days"].size() == 30);
  // Summed over the rows, so a test that runs across an hour or midnight passes too.
  auto sum = [](const json& rows, const char* field) {
    int64_t n = 0;
    for (const auto& r : rows) n += r[field].get<int64_t>();
    return n;
  };
  CHECK(sum(s["hours"], "questions") == 5);
  CHECK(sum(s["hours"], "answered") == 3);
  CHECK(sum(s["hours"], "fell_back") == 1);
  CHECK(sum(s["hours"], "small_talk") == 1);
  CHECK(sum(s["hours"], "thumbs_down") == 1);
  CHECK(sum(s["hours"], "thumbs_up") == 0);
  CHECK(sum(s["days"], "questions") == 5);
  CHECK(s["last_day"]["questions"] == 5);
  CHECK(s["last_month"]["fell_back"] == 1);
  CHECK(s["last_day"]["p50_ms"].get<double>() > 0);
  CHECK(s["last_day"]["p99_ms"].get<double>() >= s["last_day"]["p50_ms"].get<double>());
  CHECK(s["hours"].back()["questions"].get<int>() >= 1);
  CHECK(s["hours"][0]["questions"] == 0);  // a day ago: before this server

  // The rows are in the event log's file, not in the server's memory: they
  // survive a restart, and the counting goes on from them.
  c.server->stop();
  c.server = std::make_unique<test::ServerProcess>(std::vector<std::string>{
      "--knowledge", c.knowledge, "--events-db", c.events, "--admin-token", kToken});
  c.ask("Apa manfaat kerja sama bilateral?");
  json after = c.call(http::verb::get, "/admin/stats").json();
  CHECK(after["last_day"]["questions"] == 6);
  CHECK(after["last_day"]["thumbs_down"] == 1);

  // `tanya review` shows the answer voted down with its passage.
  std::string review = test::run_tanya("review --knowledge " + c.knowledge + " --events-db " + c.events);
  CHECK_THAT(review, Catch::Contains("voted down (1)"));
  CHECK_THAT(review, Catch::Contains("passage: kerja-sama-bilateral #"));
  CHECK_THAT(review, Catch::Contains(kOffTopic));
}

TEST_CASE("Console_AcceptAPassageDismissAndReload", "[console]") {
  Console c;
  // Falls back, but has passages to suggest (the knowledge has "duta besar").
  c.ask(kFellBack);
  c.ask("jumlah duta besar indonesia berapa ya");
  c.ask("Siapa pemenang piala dunia 2022?");
  auto r = c.call(http::verb::get, "/admin/unanswered");
  REQUIRE(r.status == 200);
  json groups = r.json()["groups"];
  REQUIRE(groups.size() == 2);
  CHECK(groups[0]["count"] == 2);
  REQUIRE_FALSE(groups[0]["suggestions"].empty());
  CHECK(groups[0]["suggestions"].size() <= 3);

  // Bad inputs change nothing.
  CHECK(c.call(http::verb::post, "/admin/unanswered/accept", "{").status == 400);
  CHECK(c.call(http::verb::post, "/admin/unanswered/accept", R"({"wordings":[],"article":"x","order":1})").status == 400);
  CHECK(c.call(http::verb::post, "/admin/unanswered/accept", R"({"wordings":["a"],"article":"kerja-sama-bilateral","order":9999})").status == 400);
  CHECK(c.call(http::verb::post, "/admin/unanswered/accept", R"({"wordings":["a"]})", "text/plain").status == 415);
  CHECK_FALSE(fs::exists(c.knowledge + "/alternates.tsv"));

  // Accept passage 3 for the duta besar group.
  json body = {{"wordings", groups[0]["wordings"]}, {"article", "kerja-sama-bilateral"}, {"order", 3}};
  auto accepted = c.call(http::verb::post, "/admin/unanswered/accept", body.dump());
  REQUIRE(accepted.status == 200);
  CHECK(accepted.json()["added"] == 2);
  auto again = c.call(http::verb::post, "/admin/unanswered/accept", body.dump());
  CHECK(again.json()["added"] == 0);
  CHECK(again.json()["skipped"] == 2);
  auto dismissed = c.call(http::verb::post, "/admin/unanswered/dismiss",
                          json{{"wordings", groups[1]["wordings"]}}.dump());
  CHECK(dismissed.status == 200);
  json left = c.call(http::verb::get, "/admin/unanswered").json()["groups"];
  CHECK(left.empty());

  auto reloaded = c.call(http::verb::post, "/admin/reload");
  REQUIRE(reloaded.status == 200);
  CHECK(reloaded.json()["problems"].empty());
  json a = c.ask(kFellBack);
  CHECK(a["fallback"] == false);
  auto text = read_file(c.knowledge + "/alternates.tsv");
  REQUIRE(text.ok());
  CHECK_THAT(*text, Catch::Contains("\tkerja-sama-bilateral\t3\tp:"));
}

TEST_CASE("Console_ExplainShowsWordsCandidatesAndWhy", "[console]") {
  Console c;
  auto r = c.call(http::verb::post, "/admin/explain", R"({"question":"apa manfat kerjasama bilateral?"})");
  REQUIRE(r.status == 200);
  json x = r.json();
  CAPTURE(r.body);
  CHECK_FALSE(x["tokens"].empty());
  CHECK_FALSE(x["terms"].empty());
  CHECK_FALSE(x["candidates"].empty());
  CHECK(x["candidates"][0]["features"].size() >= 3);
  CHECK(x["candidates"][0]["bm25"].get<double>() > 0);
  CHECK(x["fallback"] == false);
  CHECK(x["confidence"].get<double>() >= x["threshold"].get<double>());
  CHECK_FALSE(x["reason"].get<std::string>().empty());

  json off = c.call(http::verb::post, "/admin/explain", json{{"question", kOffTopic}}.dump()).json();
  CHECK(off["fallback"] == true);
  CHECK_FALSE(off["reason"].get<std::string>().empty());
  CHECK(c.call(http::verb::post, "/admin/explain", R"({"question":""})").status == 400);
  CHECK(c.call(http::verb::post, "/admin/explain", R"({"question":5})").status == 400);
  CHECK(c.call(http::verb::post, "/admin/explain", "[]").status == 400);
  // Asked on an article's page: explained as the widget there would be answered.
  CHECK(c.call(http::verb::post, "/admin/explain", R"({"question":"apa itu diplomasi?","article":5})").status == 400);
  auto paged = c.call(http::verb::post, "/admin/explain",
                      R"({"question":"apa manfat kerjasama bilateral?","article":"kerja-sama-bilateral"})");
  REQUIRE(paged.status == 200);
  CHECK(paged.json()["answer"]["text"] == x["answer"]["text"]);
}

TEST_CASE("Console_UploadChecksFirstWritesAtomicallyAndReloads", "[console]") {
  Console c;
  auto list = c.call(http::verb::get, "/admin/knowledge");
  REQUIRE(list.status == 200);
  REQUIRE(list.json()["articles"].size() == 1);
  CHECK(list.json()["articles"][0]["faq"].get<int>() > 0);
  CHECK(list.json()["articles"][0]["passages"].get<int>() > 0);

  // A broken Markdown table: refused with its line, nothing written.
  auto broken = c.call(http::verb::put, "/admin/knowledge/kantin.md",
                       "# Kantin\n\nTeks.\n\n| a | b |\n| x | y |\n", "text/plain");
  CAPTURE(broken.body);
  CHECK(broken.status == 400);
  CHECK_THAT(broken.json()["problems"][0].get<std::string>(), Catch::Matches("kantin\\.md:[0-9]+: .*"));
  CHECK_FALSE(fs::exists(c.knowledge + "/kantin.md"));
  for (const char* bad : {"/admin/knowledge/../x.md", "/admin/knowledge/x.exe", "/admin/knowledge/alternates.tsv",
                          "/admin/knowledge/.hidden.md", "/admin/knowledge/"}) {
    CAPTURE(bad);
    CHECK(c.call(http::verb::put, bad, "# X\n\nY.\n", "text/plain").status == 400);
  }
  CHECK(c.call(http::verb::put, "/admin/knowledge/x.md", "\xff\xfe", "text/plain").status == 400);

  const std::string article =
      "# Kantin Sekolah\n\nKantin sekolah menjual makanan sehat untuk siswa.\n\n## Jam buka\n\n"
      "Kantin buka pukul 06.30 sampai 15.00 setiap hari sekolah.\n";
  auto up = c.call(http::verb::put, "/admin/knowledge/kantin.md", article, "text/markdown");
  REQUIRE(up.status == 200);
  CHECK(up.json()["written"] == "kantin.md");
  CHECK(up.json()["title"] == "Kantin Sekolah");
  CHECK(up.json()["status"] == "reloaded");
  CHECK_THAT(c.ask("jam berapa kantin buka?")["text"].get<std::string>(), Catch::Contains("06.30"));
  CHECK(c.call(http::verb::get, "/admin/knowledge").json()["articles"].size() == 2);
  // The same name in another format, whatever the extension's case, would be
  // a second "kantin": refused, nothing written.
  auto twin = c.call(http::verb::put, "/admin/knowledge/kantin.TXT", "Kantin\n\nKantin buka pukul 07.00.\n",
                     "text/plain");
  CHECK(twin.status == 400);
  CHECK_THAT(twin.body, Catch::Contains("kantin.md already holds"));
  CHECK_FALSE(fs::exists(c.knowledge + "/kantin.TXT"));

  // Larger than --max-body is fine for an owner with the token, not for anyone else.
  std::string big = article + std::string(40000, ' ') + "\n\nKantin juga menjual buku tulis.\n";
  CHECK(c.call(http::verb::put, "/admin/knowledge/kantin.md", big, "text/plain").status == 200);
  CHECK(c.call(http::verb::put, "/admin/knowledge/kantin.md", big, "text/plain", "wrong").status == 413);

  // A web page saved from the browser: its article, without navigation.
  auto page = c.call(http::verb::put, "/admin/knowledge/koperasi.html",
                     "<html><head><title>Koperasi</title></head><body><nav>Beranda Profil</nav><article>"
                     "<h1>Koperasi Siswa</h1><p>Koperasi siswa buka <strong>pukul 09.15</strong> saat istirahat.</p>"
                     "</article></body></html>",
                     "text/html");
  REQUIRE(page.status == 200);
  CHECK(page.json()["title"] == "Koperasi Siswa");
  CHECK_THAT(c.ask("koperasi siswa buka jam berapa?")["text"].get<std::string>(), Catch::Contains("09.15"));
  const auto listing = c.call(http::verb::get, "/admin/knowledge").json();
  CAPTURE(listing.dump());
  bool listed = false;
  for (const auto& a : listing["articles"])
    if (a["file"] == "koperasi.html") listed = a["format"] == "html";
  CHECK(listed);
  REQUIRE(c.call(http::verb::delete_, "/admin/knowledge/koperasi.html").status == 200);

  auto del = c.call(http::verb::delete_, "/admin/knowledge/kantin.md");
  REQUIRE(del.status == 200);
  CHECK_FALSE(fs::exists(c.knowledge + "/kantin.md"));
  CHECK(c.ask("jam berapa kantin buka?")["fallback"] == true);
  CHECK(c.call(http::verb::delete_, "/admin/knowledge/kantin.md").status == 404);
  CHECK(c.call(http::verb::delete_, "/admin/knowledge/kerja-sama-bilateral.txt").status == 400);
  CHECK(fs::exists(c.knowledge + "/kerja-sama-bilateral.txt"));
}

TEST_CASE("Review_AcceptedWordingFollowsItsPassageAndVotedDownIsShown", "[console]") {
  test::TempDir d;
  std::string k = d.path() + "/k", events = d.path() + "/events.db";
  fs::create_directory(k);
  fs::copy_file(test::article_path(), k + "/a.txt");
  // Before any question: nothing to review, not an error.
  std::string empty = test::run_tanya("review --knowledge " + k + " --events-db " + events);
  CHECK_THAT(empty, Catch::Contains("nothing to review"));

  // Accept a wording for unit 5, twice: the second time it is skipped.
  auto original = read_file(k + "/a.txt");
  REQUIRE(original.ok());
  std::ofstream(d.path() + "/export.tsv") << "rendang enak dimana\ta\t5\t2\t2026-11-28T10:00:00Z\tx\n";
  CHECK_THAT(test::run_tanya("review --knowledge " + k + " --accept " + d.path() + "/export.tsv"),
             Catch::Contains("added 1"));
  CHECK_THAT(test::run_tanya("review --knowledge " + k + " --accept " + d.path() + "/export.tsv"),
             Catch::Contains("added 0"));
  auto knowledge = load_knowledge(k);
  REQUIRE(knowledge.ok());
  const Unit& target = knowledge->articles[0].units[5];
  auto has_wording = [](const Unit& u) {
    return std::find(u.alternates.begin(), u.alternates.end(), "rendang enak dimana") != u.alternates.end();
  };
  CHECK(has_wording(target));
  std::string target_text = target.text;

  // Delete the lead (the third line, after the title and a blank line): unit
  // orders shift, the wording stays with its passage.
  std::string edited = *original;
  size_t second = edited.find('\n', edited.find('\n') + 1), third = edited.find('\n', second + 1);
  edited.erase(second + 1, third - second);

  std::ofstream(k + "/a.txt", std::ios::trunc) << edited;
  knowledge = load_knowledge(k);
  REQUIRE(knowledge.ok());
  CHECK(knowledge->problems.empty());
  int holders = 0;
  for (const auto& u : knowledge->articles[0].units)
    if (has_wording(u)) {
      holders++;
      CHECK(u.text == target_text);
    }
  CHECK(holders == 1);

  // Change the passage itself: the wording is reported, not moved elsewhere.
  std::string changed = edited;
  size_t at = changed.find(target_text.substr(0, 40));
  REQUIRE(at != std::string::npos);
  changed.insert(at, "Sebenarnya, ");
  std::ofstream(k + "/a.txt", std::ios::trunc) << changed;
  knowledge = load_knowledge(k);
  REQUIRE(knowledge.ok());
  REQUIRE(knowledge->problems.size() == 1);
  CHECK_THAT(knowledge->problems[0], Catch::Contains("no longer there"));
  for (const auto& u : knowledge->articles[0].units) CHECK_FALSE(has_wording(u));
}

// Regression tests for the defects of issue 14, each against the real server
// over real sockets: a follow-up after a reload to smaller knowledge, slots
// held after 1009, the webhook's rate limit, ids on errors, near-blank text,
// --max-question on every channel, bad numbers in the configuration, and
// blocking work on the I/O threads.
#include <fcntl.h>
#include <netinet/in.h>
#include <signal.h>
#include <sys/socket.h>
#include <unistd.h>

#include <atomic>
#include <catch2/catch.hpp>
#include <chrono>
#include <filesystem>
#include <fstream>
#include <mutex>
#include <sstream>
#include <thread>

#include "knowledge/base/utf8.hpp"
#include "knowledge/knowledge_dir.hpp"
#include "tests/server_process.hpp"
#include "tests/test_support.hpp"
#include "tests/ws_client.hpp"
#include "web/stores/event_log.hpp"

using namespace tanya;
using nlohmann::json;
namespace fs = std::filesystem;

namespace {

const std::string kToken = "regression-token";

const char* kSmallArticle =
    "Koperasi Sekolah\n\n"
    "Koperasi sekolah adalah usaha bersama siswa yang dikelola dari, oleh, dan untuk anggota.\n\n"
    "Setiap siswa boleh menjadi anggota dengan membayar simpanan pokok sekali dan simpanan wajib setiap bulan.\n\n"
    "Sisa hasil usaha dibagikan kepada anggota setiap akhir tahun ajaran menurut besar simpanannya.\n";

test::HttpResult ask_http(unsigned short port, const std::string& text, const std::string& session = "") {
  json body = {{"text", text}};
  if (!session.empty()) body["session"] = session;
  return test::http_request(port, http::verb::post, "/api/ask", body.dump());
}

test::HttpResult webhook(unsigned short port, const std::string& sender, const std::string& text,
                         const test::Headers& headers = {}) {
  return test::http_request(port, http::verb::post, "/adapters/webhook", json{{"sender", sender}, {"text", text}}.dump(),
                            "application/json", "", headers);
}

test::HttpResult reload(unsigned short port) {
  return test::http_request(port, http::verb::post, "/admin/reload", "", "application/json", "",
                            {{"Authorization", "Bearer " + kToken}});
}

// A knowledge directory holding the bundled article, which can be swapped for
// a three-paragraph one and back.
struct KnowledgeDir {
  test::TempDir dir;
  std::string path = dir.path() + "/knowledge";
  KnowledgeDir() {
    fs::create_directory(path);
    big();
  }
  void big() const {
    fs::remove(path + "/koperasi.txt");
    fs::copy_file(test::article_path(), path + "/kerja-sama-bilateral.txt", fs::copy_options::overwrite_existing);
  }
  void small() const {
    fs::remove(path + "/kerja-sama-bilateral.txt");
    std::ofstream(path + "/koperasi.txt") << kSmallArticle;
  }
};

int threads_of(pid_t pid) {
  std::ifstream in("/proc/" + std::to_string(pid) + "/status");
  std::string line;
  while (std::getline(in, line))
    if (line.rfind("Threads:", 0) == 0) return std::stoi(line.substr(8));
  return -1;
}

size_t count_of(const std::string& text, const std::string& what) {
  size_t n = 0;
  for (size_t at = text.find(what); at != std::string::npos; at = text.find(what, at + 1)) ++n;
  return n;
}

}  // namespace

// Defect 1: the conversation named its passage by a unit id, read unchecked
// after a reload to an index with fewer units: std::bad_alloc, the process died.
TEST_CASE("Regression_FollowUpAfterReloadToSmallerKnowledge_DegradesToNoTopic", "[regression][reload]") {
  KnowledgeDir k;
  test::ServerProcess s({"--knowledge", k.path, "--admin-token", kToken, "--rate", "1000", "--burst", "1000"});
  const std::string question = "Bagaimana masa depan kerja sama bilateral di era digital?";
  REQUIRE(ask_http(s.port(), question, "s1").status == 200);
  REQUIRE(webhook(s.port(), "w1", question).status == 200);
  test::WsClient ws(s.port());
  REQUIRE(ws.ask("1", question)["type"] == "answer");

  k.small();
  REQUIRE(reload(s.port()).status == 200);

  auto r = ask_http(s.port(), "contohnya?", "s1");
  REQUIRE(r.status == 200);
  CHECK(r.json()["followup"] == false);  // the passage is gone: no topic
  auto w = webhook(s.port(), "w1", "contohnya?");
  REQUIRE(w.status == 200);
  CHECK(w.json()[0]["custom"]["fallback"].is_boolean());
  json a = ws.ask("2", "contohnya?");
  CHECK(a["type"] == "answer");
  CHECK(a["followup"] == false);
  CHECK(test::http_request(s.port(), http::verb::get, "/healthz").json()["units"] < 10);  // the small one is in

  // Back to the bundled article: the passage is there again under its name.
  k.big();
  REQUIRE(reload(s.port()).status == 200);
  REQUIRE(ask_http(s.port(), "Apa manfaat kerja sama bilateral?", "s2").status == 200);
  k.small();
  REQUIRE(reload(s.port()).status == 200);
  k.big();
  REQUIRE(reload(s.port()).status == 200);
  json f = ask_http(s.port(), "contohnya?", "s2").json();
  CHECK(f["followup"] == true);
}

// Defect 1 under load: 20 clients asking and following up while the
// knowledge switches between the bundled article and a small one every 0.3 s.
TEST_CASE("Regression_FollowUpsUnderReloadsEveryThirdOfASecond_ServerStaysUp", "[regression][reload][load]") {
  KnowledgeDir k;
  test::ServerProcess s({"--knowledge", k.path, "--admin-token", kToken, "--rate", "100000", "--burst", "100000",
                         "--log-level", "warn"});
  const auto until = std::chrono::steady_clock::now() + std::chrono::seconds(30);
  std::atomic<int> answered{0}, failed{0}, reloads{0};
  std::vector<std::thread> clients;
  for (int c = 0; c < 20; ++c)
    clients.emplace_back([&, c] {
      const std::vector<std::string> questions = {"Bagaimana masa depan kerja sama bilateral di era digital?",
                                                  "contohnya?", "Apa itu koperasi sekolah?", "kenapa begitu?"};
      try {
        std::unique_ptr<test::WsClient> ws;
        if (c % 2 == 0) ws = std::make_unique<test::WsClient>(s.port());
        for (int i = 0; std::chrono::steady_clock::now() < until; ++i) {
          const std::string& q = questions[i % questions.size()];
          bool ok;
          if (ws) ok = ws->ask(std::to_string(i), q)["type"] == "answer";
          else if (c % 4 == 1) ok = ask_http(s.port(), q, "load-" + std::to_string(c)).status == 200;
          else ok = webhook(s.port(), "load-" + std::to_string(c), q).status == 200;
          (ok ? answered : failed)++;
        }
      } catch (const std::exception&) {
        failed++;  // the connection broke: the server died
      }
    });
  bool small = false;
  while (std::chrono::steady_clock::now() < until) {
    small ? k.big() : k.small();
    small = !small;
    try {
      if (reload(s.port()).status == 200) reloads++;
    } catch (const std::exception&) {
      failed++;
      break;
    }
    std::this_thread::sleep_for(std::chrono::milliseconds(300));
  }
  for (auto& t : clients) t.join();
  CAPTURE(answered.load(), reloads.load());
  CHECK(failed == 0);
  CHECK(answered > 0);
  CHECK(reloads > 10);
  CHECK(test::http_request(s.port(), http::verb::get, "/healthz").status == 200);
}

// Defect 2: after 1009 the idle timer kept the session, and its slot, until
// --idle-timeout (300 s): 50 oversized messages locked everyone out.
TEST_CASE("Regression_OversizedMessagesReleaseTheirSlotsAtOnce", "[regression][limits]") {
  test::ServerProcess s({"--max-connections", "50", "--max-message", "1024", "--log-level", "warn"});
  std::vector<std::thread> clients;
  std::atomic<int> closed_1009{0};
  for (int i = 0; i < 50; ++i)
    clients.emplace_back([&, i] {
     try {
      if (i % 2 == 0) {
        test::WsClient ws(s.port());
        ws.send_text(json{{"type", "ask"}, {"id", "big"}, {"text", std::string(2000, 'a')}}.dump());
        if (ws.read_until_close() == 1009) closed_1009++;
        return;
      }
      // Only a 14-byte header declaring a 1 MiB text frame.
      test::WsClient ws(s.port());
      unsigned char header[14] = {0x81, 0xFF, 0, 0, 0, 0, 0, 0x10, 0, 0, 1, 2, 3, 4};
      net::write(ws.stream().next_layer(), net::buffer(header, sizeof header));
      if (ws.read_until_close() == 1009) closed_1009++;
     } catch (const std::exception&) {
     }
    });
  for (auto& t : clients) t.join();
  CHECK(closed_1009 == 50);
  // The clients are gone: a new one gets a slot and an answer. The deadline
  // only guards against a hang (the idle timeout is 300 s).
  json answer;
  auto deadline = std::chrono::steady_clock::now() + std::chrono::seconds(20);
  while (std::chrono::steady_clock::now() < deadline) {
    try {
      test::WsClient ws(s.port());
      answer = ws.ask("new", "Apa manfaat kerja sama bilateral?");
      break;
    } catch (const std::exception&) {
      std::this_thread::sleep_for(std::chrono::milliseconds(50));  // 503: not released yet
    }
  }
  CHECK(answer["type"] == "answer");
}

// Defect 3: the webhook was limited per sender only; rotating senders got
// everything through.
TEST_CASE("Regression_WebhookRateLimitIsPerClientAndPerSender", "[regression][limits]") {
  test::ServerProcess s({"--rate", "0.5", "--burst", "5", "--trusted-proxies", "127.0.0.1", "--log-level", "warn"});
  int limited = 0;
  for (int i = 0; i < 40; ++i) {
    auto r = webhook(s.port(), "rotating-" + std::to_string(i), "Apa manfaat kerja sama bilateral?",
                     {{"X-Real-IP", "198.51.100.1"}});
    if (r.status == 429) {
      ++limited;
      CHECK(r.json()["code"] == "rate_limited");
    }
  }
  CHECK(limited >= 30);
  // One sender through many client addresses is limited too.
  int same_sender = 0;
  for (int i = 0; i < 40; ++i)
    if (webhook(s.port(), "one-sender", "hai", {{"X-Real-IP", "198.51.100." + std::to_string(10 + i)}}).status == 429)
      ++same_sender;
  CHECK(same_sender >= 30);
}

// Defect 4: rate_limited answered "id": null, and ids came back as strings.
TEST_CASE("Regression_ErrorsEchoTheIdExactlyAsSent", "[regression][protocol]") {
  test::ServerProcess s({"--rate", "0.01", "--burst", "2"});
  test::WsClient ws(s.port());
  ws.send_text(R"({"type":"ask","id":18446744073709551615,"text":""})");
  json e = ws.read_json();
  CHECK(e["code"] == "bad_request");
  CHECK(e["id"].is_number_unsigned());
  CHECK(e["id"].get<uint64_t>() == 18446744073709551615ULL);
  ws.send_text(R"({"type":"ask","id":42,"text":"Apa manfaat kerja sama bilateral?"})");
  json a = ws.read_json();
  CHECK(a["type"] == "answer");
  CHECK(a["id"] == 42);
  CHECK(a["id"].is_number_integer());
  for (const char* id : {"42", "\"c-7\"", "1.5", "true", "-3"}) {
    CAPTURE(id);
    ws.send_text(std::string(R"({"type":"ask","text":"hai","id":)") + id + "}");
    json limited = ws.read_json();
    CHECK(limited["code"] == "rate_limited");
    CHECK(limited["id"] == json::parse(id));
  }
}

// Defect 5: "\u0000" or "\u00a0\u200b" after a question returned the
// previous answer with confidence 1.0.
TEST_CASE("Regression_NearBlankTextIsEmpty", "[regression][protocol]") {
  test::ServerProcess s({"--rate", "1000", "--burst", "1000"});
  test::WsClient ws(s.port());
  REQUIRE(ws.ask("q", "Apa manfaat kerja sama bilateral?")["type"] == "answer");
  for (const char* blank : {"\\u0000", "\\u00a0\\u200b", "\\u2028\\ufeff\\t", "\\u200e\\u3000"}) {
    CAPTURE(blank);
    ws.send_text(std::string(R"({"type":"ask","id":"b","text":")") + blank + "\"}");
    json e = ws.read_json();
    CHECK(e["type"] == "error");
    CHECK(e["code"] == "bad_request");
    auto r = test::http_request(s.port(), http::verb::post, "/api/ask",
                                std::string(R"({"session":"s","text":")") + blank + "\"}");
    CHECK(r.status == 400);
  }
  CHECK(ws.ask("after", "kalau di bidang pendidikan?")["type"] == "answer");
}

// Defect 6: adapters skipped --max-question, and the event log cut questions
// at 1,000 bytes, in the middle of a character.
TEST_CASE("Regression_MaxQuestionOnEveryChannel_EventLogCutsOnCodePoints", "[regression][protocol]") {
  test::TempDir dir;
  std::string events = dir.path() + "/events.db";
  std::string secret = "tg-secret";
  test::ServerProcess s({"--events-db", events, "--telegram-secret", secret, "--max-question", "1000"});
  const std::string long_text(5000, 'a');
  json update = {{"update_id", 1},
                 {"message", {{"message_id", 1}, {"chat", {{"id", 77}, {"type", "private"}}}, {"text", long_text}}}};
  auto tg = test::http_request(s.port(), http::verb::post, "/adapters/telegram/" + secret, update.dump(),
                               "application/json", "", {{"X-Telegram-Bot-Api-Secret-Token", secret}});
  CHECK(tg.status == 413);
  CHECK(tg.json()["code"] == "too_large");
  auto wh = webhook(s.port(), "long", long_text);
  CHECK(wh.status == 413);
  CHECK(ask_http(s.port(), long_text).status == 413);

  // 400 three-byte characters: 1,200 bytes, under the 1,000-character limit.
  std::string javanese;
  for (int i = 0; i < 400; ++i) javanese += "\xEA\xA6\xB2";  // U+A9B2 JAVANESE LETTER HA
  REQUIRE(ask_http(s.port(), javanese).json()["fallback"] == true);
  s.stop(SIGTERM);  // commits the event log
  auto logged = EventLog::read(events, "unanswered", 10);
  REQUIRE(logged.ok());
  REQUIRE(logged->size() == 1);
  CHECK(utf8::valid((*logged)[0].question));
  CHECK((*logged)[0].question == javanese);
}

// Defect 7: a value that did not parse as a number became 1 (or 0).
TEST_CASE("Regression_BadNumberInTheConfigurationStopsTheServer", "[regression][config]") {
  std::string said;
  try {
    test::ServerProcess s({"--max-connections", "abc"});
  } catch (const std::runtime_error& e) {
    said = e.what();
  }
  CHECK_THAT(said, Catch::Contains("exited early"));  // it did not start
  CHECK_THAT(said, Catch::Contains("--max-connections: \"abc\" is not a whole number (from the flag"));
}

// Defect 8: conversations on Redis were read and written on the I/O thread.
// A "Redis" that answers PING and nothing else holds every GET for the
// client's timeout; meanwhile the one I/O thread must still serve /healthz.
TEST_CASE("Regression_ASlowConversationStoreNeverBlocksTheIoThread", "[regression][blocking]") {
  int listener = socket(AF_INET, SOCK_STREAM, 0);
  sockaddr_in a{};
  a.sin_family = AF_INET;
  a.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
  REQUIRE(bind(listener, reinterpret_cast<sockaddr*>(&a), sizeof a) == 0);
  REQUIRE(listen(listener, 64) == 0);
  socklen_t len = sizeof a;
  getsockname(listener, reinterpret_cast<sockaddr*>(&a), &len);
  unsigned short redis_port = ntohs(a.sin_port);
  std::atomic<bool> stop{false};
  std::atomic<int> gets{0};
  std::vector<std::thread> conns;
  std::mutex conns_mu;
  std::thread acceptor([&] {
    while (!stop) {
      int fd = accept(listener, nullptr, nullptr);
      if (fd < 0) return;
      std::lock_guard<std::mutex> lock(conns_mu);
      conns.emplace_back([&, fd] {
        std::string in;
        char buf[4096];
        ssize_t n;
        while (!stop && (n = read(fd, buf, sizeof buf)) > 0) {
          in.append(buf, static_cast<size_t>(n));
          // Answer PING; stay silent on everything else (GET, EVAL, SUBSCRIBE).
          for (size_t at; (at = in.find("PING\r\n")) != std::string::npos;) {
            in.erase(0, at + 6);
            (void)!write(fd, "+PONG\r\n", 7);
          }
          if (in.find("GET\r\n") != std::string::npos) {
            gets++;
            in.clear();
          }
        }
        close(fd);
      });
    }
  });
  {
    test::ServerProcess s({"--threads", "1", "--sessions", "redis://127.0.0.1:" + std::to_string(redis_port) + "/0",
                           "--rate", "1000", "--burst", "1000"});
    const int asks = 8;
    std::atomic<int> done{0}, answered{0};
    std::vector<std::thread> askers;
    for (int i = 0; i < asks; ++i)
      askers.emplace_back([&, i] {
        try {
          if (ask_http(s.port(), "Apa manfaat kerja sama bilateral?", "slow-" + std::to_string(i)).status == 200)
            answered++;  // without its context
        } catch (const std::exception&) {
        }
        done++;
      });
    auto deadline = std::chrono::steady_clock::now() + std::chrono::seconds(60);  // only against a hang
    while (gets == 0 && std::chrono::steady_clock::now() < deadline)
      std::this_thread::sleep_for(std::chrono::milliseconds(1));
    REQUIRE(gets > 0);
    auto h = test::http_request(s.port(), http::verb::get, "/healthz");
    int finished_before_health = done.load();
    for (auto& t : askers) t.join();
    CHECK(h.status == 200);
    // Each ask waits 500 ms for its GET and 500 ms for its PUT; on a blocked
    // I/O thread /healthz would have waited for at least the first of them.
    CHECK(finished_before_health == 0);
    CHECK(answered == asks);
  }
  stop = true;
  shutdown(listener, SHUT_RDWR);
  close(listener);
  acceptor.join();
  std::lock_guard<std::mutex> lock(conns_mu);
  for (auto& t : conns) t.join();
}

// Defect 8: every reload started a detached thread, and each built in turn.
TEST_CASE("Regression_ReloadBurstUsesTheReloadThreadAndCoalesces", "[regression][reload]") {
  KnowledgeDir k;
  test::ServerProcess s({"--knowledge", k.path, "--admin-token", kToken});
  REQUIRE(reload(s.port()).status == 200);
  int threads_at_rest = threads_of(s.pid());
  REQUIRE(threads_at_rest > 0);
  std::atomic<bool> sampling{true};
  std::atomic<int> most{0};
  std::thread sampler([&] {
    while (sampling) {
      most = std::max(most.load(), threads_of(s.pid()));
      std::this_thread::sleep_for(std::chrono::milliseconds(1));
    }
  });
  const int requests = 20;
  std::atomic<int> ok{0};
  std::vector<std::thread> clients;
  for (int i = 0; i < requests; ++i)
    clients.emplace_back([&] {
      if (reload(s.port()).status == 200) ok++;
    });
  for (auto& t : clients) t.join();
  sampling = false;
  sampler.join();
  CHECK(ok == requests);
  CHECK(most <= threads_at_rest);  // no thread per reload
  // Coalesced: far fewer builds than requests (one log line per build).
  std::string out = s.output();
  size_t builds = count_of(out, " units from ");
  CAPTURE(builds);
  CHECK(builds < static_cast<size_t>(requests));
}

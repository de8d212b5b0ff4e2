// Scale-out (web/deploy/): redis-server, two tanya replicas sharing it, and
// nginx in front with the shipped tanya-proxy.conf, all on loopback ports.
// Skipped, with a message ctest recognises, only when nginx or redis-server
// is not installed (.ci/install --test installs both).
#include <signal.h>
#include <sys/wait.h>
#include <unistd.h>

#include <atomic>
#include <catch2/catch.hpp>
#include <chrono>
#include <filesystem>
#include <fstream>
#include <iostream>
#include <mutex>
#include <set>
#include <sstream>
#include <thread>

#include "tests/child_process.hpp"
#include "tests/server_process.hpp"
#include "tests/test_support.hpp"
#include "tests/ws_client.hpp"
#include "web/stores/conversation_store.hpp"
#include "web/stores/event_log.hpp"
#include "web/stores/redis_client.hpp"

using namespace tanya;
using nlohmann::json;
namespace fs = std::filesystem;

namespace {

// The programs the test needs, or the skip message naming the missing one.
std::string missing_programs() { return test::missing_programs("scale-out", {"nginx", "redis-server"}); }

const std::string kToken = "scale-out-token";

// A cluster of its own for each test case: cases may kill a replica or Redis,
// and each runs alone, in any order (ctest runs them in random order).
struct Cluster {
  test::TempDir dir;
  std::string knowledge = dir.path() + "/knowledge";
  std::unique_ptr<test::RedisServer> redis;
  unsigned short redis_port = 0;
  std::string redis_url;
  std::unique_ptr<test::Child> nginx;
  std::unique_ptr<test::ServerProcess> a, b;
  unsigned short nginx_port = 0;

  Cluster() {
    fs::create_directory(knowledge);
    fs::copy_file(test::article_path(), knowledge + "/kerja-sama-bilateral.txt");
    redis = std::make_unique<test::RedisServer>(dir.path());
    redis_port = redis->port;
    redis_url = redis->url();
    std::vector<std::string> args = {"--knowledge",   knowledge,   "--sessions", redis_url,     "--events-db",
                                     redis_url,       "--admin-token", kToken,   "--trusted-proxies", "127.0.0.1",
                                     "--rate",        "1000",      "--burst",    "1000"};
    a = std::make_unique<test::ServerProcess>(args);
    b = std::make_unique<test::ServerProcess>(args);

    nginx_port = test::free_port();
    fs::create_directory(dir.path() + "/nginx");
    std::string conf = dir.path() + "/nginx/nginx.conf";
    std::string n = dir.path() + "/nginx";
    std::ofstream(conf) << (geteuid() == 0 ? "user root;\n" : "") << "daemon off;\nworker_processes 2;\npid " << n
                        << "/nginx.pid;\nerror_log " << n << "/error.log warn;\n"
                        << "events { worker_connections 4096; }\nhttp {\n  access_log off;\n"
                        << "  client_body_temp_path " << n << "/body;\n  proxy_temp_path " << n << "/proxy;\n"
                        << "  fastcgi_temp_path " << n << "/fastcgi;\n  uwsgi_temp_path " << n << "/uwsgi;\n"
                        << "  scgi_temp_path " << n << "/scgi;\n"
                        << "  upstream tanya {\n    least_conn;\n"
                        << "    server 127.0.0.1:" << a->port() << " max_fails=1 fail_timeout=5s;\n"
                        << "    server 127.0.0.1:" << b->port() << " max_fails=1 fail_timeout=5s;\n"
                        << "    keepalive 16;\n  }\n"
                        << "  server {\n    listen 127.0.0.1:" << nginx_port << ";\n    include "
                        << test::source_dir() << "/web/deploy/tanya-proxy.conf;\n  }\n}\n";
    nginx = std::make_unique<test::Child>(
        std::vector<std::string>{test::find_program("nginx"), "-p", n, "-c", conf, "-e", n + "/error.log"},
        n + "/stdout.log");
    test::wait_for_port(nginx_port, "nginx", n + "/error.log");
  }
};

test::HttpResult ask_http(unsigned short port, const std::string& text, const std::string& session = "") {
  json body = {{"text", text}};
  if (!session.empty()) body["session"] = session;
  return test::http_request(port, http::verb::post, "/api/ask", body.dump());
}

// Sum of the samples of one metric whose labels contain `labels`.
double metric(unsigned short port, const std::string& name, const std::string& labels) {
  auto r = test::http_request(port, http::verb::get, "/metrics");
  std::stringstream ss(r.body);
  std::string line;
  double sum = 0;
  while (std::getline(ss, line))
    if ((line.rfind(name + "{", 0) == 0 || line.rfind(name + " ", 0) == 0) && line.find(labels) != std::string::npos)
      sum += std::stod(line.substr(line.rfind(' ') + 1));
  return sum;
}

}  // namespace

TEST_CASE("ScaleOut_RedisStoreKeepsTheSameLimitsAsTheMemoryStore", "[scaleout]") {
  if (auto skip = missing_programs(); !skip.empty()) return (void)(std::cout << skip << "\n");
  Cluster c;
  // Database 1: the replicas use 0, and this store's small cap must not evict theirs.
  std::string url = "redis://127.0.0.1:" + std::to_string(c.redis_port) + "/1";
  auto store = make_conversation_store(url, 2, std::chrono::seconds(1));
  REQUIRE(store.ok());
  Conversation conv;
  conv.article = "kerja-sama-bilateral";
  conv.passage = "0123456789abcdef";
  (*store)->put("a", conv);
  (*store)->put("b", conv);
  CHECK((*store)->get("a").article == conv.article);
  (*store)->put("c", conv);  // the cap is 2: the least recently used ("a") goes
  CHECK((*store)->size() == 2);
  CHECK((*store)->get("a").article.empty());
  CHECK((*store)->get("c").passage == conv.passage);
  std::this_thread::sleep_for(std::chrono::milliseconds(2100));  // past the 1 s TTL
  CHECK((*store)->get("c").article.empty());
  CHECK((*store)->size() == 0);
  CHECK((*store)->errors() == 0);
}

TEST_CASE("ScaleOut_TwoHundredWebSocketClientsThroughNginxAllAnswered", "[scaleout]") {
  if (auto skip = missing_programs(); !skip.empty()) return (void)(std::cout << skip << "\n");
  Cluster c;
  std::vector<std::unique_ptr<test::WsClient>> clients;
  for (int i = 0; i < 200; ++i) clients.push_back(std::make_unique<test::WsClient>(c.nginx_port));
  // Every connection is open at once: both replicas hold some (least_conn).
  double on_a = metric(c.a->port(), "tanya_open_connections", "websocket");
  double on_b = metric(c.b->port(), "tanya_open_connections", "websocket");
  CHECK(on_a + on_b == 200);
  CHECK(on_a > 0);
  CHECK(on_b > 0);
  for (int i = 0; i < 200; ++i)
    clients[i]->send_text(json({{"type", "ask"}, {"id", "q" + std::to_string(i)},
                                {"text", "Apa perbedaan kerja sama bilateral dan multilateral?"}})
                              .dump());
  int answered = 0;
  for (int i = 0; i < 200; ++i) {
    json r = clients[i]->read_json();
    if (r["type"] == "answer" && r["id"] == "q" + std::to_string(i) && r["sources"][0]["kind"] == "faq") ++answered;
  }
  CHECK(answered == 200);
}

TEST_CASE("ScaleOut_ReplicasGiveIdenticalAnswers", "[scaleout]") {
  if (auto skip = missing_programs(); !skip.empty()) return (void)(std::cout << skip << "\n");
  Cluster c;
  for (const char* q : {"Apa manfaat kerja sama bilateral?", "gmn cara negara menjalin hubungan diplomatik",
                        "What are the benefits of bilateral cooperation?", "resep rendang enak", "halo",
                        "kenapa sih negara2 perlu diplomasi?"}) {
    auto ra = ask_http(c.a->port(), q);
    auto rb = ask_http(c.b->port(), q);
    REQUIRE(ra.status == 200);
    CAPTURE(q);
    CHECK(ra.body == rb.body);
  }
  // "resep rendang enak" fell back on both: `tanya review` on the shared
  // stream sees it twice (the event log's writer commits in the background).
  std::string review;
  auto deadline = std::chrono::steady_clock::now() + std::chrono::seconds(20);
  do {
    review = test::run_tanya("review --events-db " + c.redis_url);
    if (review.find("2  resep rendang enak") != std::string::npos) break;
    std::this_thread::sleep_for(std::chrono::milliseconds(100));
  } while (std::chrono::steady_clock::now() < deadline);
  CAPTURE(review);
  CHECK_THAT(review, Catch::Contains("2  resep rendang enak"));
}

TEST_CASE("ScaleOut_FollowUpOverApiAskOnAnotherReplica", "[scaleout]") {
  if (auto skip = missing_programs(); !skip.empty()) return (void)(std::cout << skip << "\n");
  Cluster c;
  // Without the conversation the follow-up means nothing: the check can fail.
  json alone = ask_http(c.b->port(), "contohnya?", "never-seen").json();
  CHECK(alone["followup"] == false);

  // First question on A, follow-up on B, and the other way round.
  for (auto [first, second] : {std::pair{c.a->port(), c.b->port()}, std::pair{c.b->port(), c.a->port()}}) {
    std::string session = "direct-" + std::to_string(first);
    REQUIRE(ask_http(first, "Apa manfaat kerja sama bilateral?", session).status == 200);
    json f = ask_http(second, "contohnya?", session).json();
    CAPTURE(f.dump());
    CHECK(f["followup"] == true);
    CHECK(f["fallback"] == false);
    // On the benefits asked about first: the summary row, or the passage
    // giving an example of them ("keuntungan berupa penurunan tarif").
    CHECK_THAT(f["sources"][0]["text"].get<std::string>(), Catch::Contains("Manfaat") || Catch::Contains("keuntungan"));
  }

  // Through nginx: consecutive requests spread over both replicas.
  double before_a = metric(c.a->port(), "tanya_answers_total", "transport=\"http\"");
  double before_b = metric(c.b->port(), "tanya_answers_total", "transport=\"http\"");
  int right = 0;
  for (int i = 0; i < 10; ++i) {
    std::string session = "lb-" + std::to_string(i);
    REQUIRE(ask_http(c.nginx_port, "Apa tujuan kerja sama bilateral?", session).status == 200);
    json f = ask_http(c.nginx_port, "kenapa begitu?", session).json();
    if (f["followup"] == true && f["fallback"] == false) ++right;
  }
  CHECK(right == 10);
  CHECK(metric(c.a->port(), "tanya_answers_total", "transport=\"http\"") > before_a);
  CHECK(metric(c.b->port(), "tanya_answers_total", "transport=\"http\"") > before_b);
}

TEST_CASE("ScaleOut_OneReloadReachesBothReplicas", "[scaleout]") {
  if (auto skip = missing_programs(); !skip.empty()) return (void)(std::cout << skip << "\n");
  Cluster c;
  const std::string question = "kapan festival layang-layang di Pangandaran diadakan?";
  for (auto port : {c.a->port(), c.b->port()}) CHECK(ask_http(port, question).json()["fallback"] == true);

  std::ofstream(c.knowledge + "/festival.txt")
      << "Festival Layang-Layang\n\nFestival layang-layang internasional diadakan di Pangandaran setiap bulan Juli "
         "dan diikuti peserta dari dua belas negara sahabat.\n";
  auto r = test::http_request(c.nginx_port, http::verb::post, "/admin/reload", "", "application/json", "",
                              {{"Authorization", "Bearer " + kToken}});
  REQUIRE(r.status == 200);
  CAPTURE(r.body);
  CHECK(r.json()["replicas"] == 2);  // both listen on the reload channel

  // The other replica reloads on its own thread: wait for it, within reason.
  for (auto port : {c.a->port(), c.b->port()}) {
    json answer;
    auto deadline = std::chrono::steady_clock::now() + std::chrono::seconds(30);
    do {
      answer = ask_http(port, question).json();
      if (answer["fallback"] == false) break;
      std::this_thread::sleep_for(std::chrono::milliseconds(100));
    } while (std::chrono::steady_clock::now() < deadline);
    CAPTURE(port, answer.dump());
    CHECK(answer["fallback"] == false);
    CHECK_THAT(answer["sources"][0]["text"].get<std::string>(), Catch::Contains("Pangandaran"));
  }
}

TEST_CASE("ScaleOut_KilledReplicaClientsReconnectAndNoAcknowledgedVoteIsLost", "[scaleout]") {
  if (auto skip = missing_programs(); !skip.empty()) return (void)(std::cout << skip << "\n");
  Cluster c;
  const int clients = 40, rounds = 30;
  const std::vector<std::string> questions = {"Apa manfaat kerja sama bilateral?", "apa itu diplomasi",
                                              "Apa perbedaan kerja sama bilateral dan multilateral?"};
  std::atomic<int> acked_total{0}, reconnects{0}, finished{0};
  std::mutex mu;
  std::set<std::string> acked;
  std::vector<std::thread> threads;
  for (int n = 0; n < clients; ++n)
    threads.emplace_back([&, n] {
      std::unique_ptr<test::WsClient> ws;
      auto deadline = std::chrono::steady_clock::now() + std::chrono::seconds(120);
      for (int i = 0; i < rounds && std::chrono::steady_clock::now() < deadline;) {
        std::string id = "k" + std::to_string(n) + "-" + std::to_string(i);
        try {
          if (!ws) ws = std::make_unique<test::WsClient>(c.nginx_port);
          json a = ws->ask(id, questions[(n + i) % questions.size()]);
          if (a["type"] != "answer") continue;
          ws->send_text(json({{"type", "feedback"}, {"id", id}, {"useful", true}}).dump());
          json ack = ws->read_json();
          if (ack["type"] != "ack" || ack["id"] != id) continue;
          {
            std::lock_guard<std::mutex> lock(mu);
            acked.insert(id);
          }
          ++acked_total;
          ++i;
        } catch (...) {
          // The replica went away: reconnect through nginx and ask again.
          ws.reset();
          ++reconnects;
          std::this_thread::sleep_for(std::chrono::milliseconds(50));
        }
      }
      ++finished;
    });
  while (acked_total < clients * 5) std::this_thread::sleep_for(std::chrono::milliseconds(5));
  c.a->stop(SIGKILL);
  for (auto& t : threads) t.join();

  CHECK(finished == clients);
  CHECK(acked_total == clients * rounds);  // every client went on to the end
  CHECK(reconnects > 0);                   // some were on the killed replica
  auto events = EventLog::read(c.redis_url, "feedback", 1000000);
  REQUIRE(events.ok());
  std::set<std::string> stored;
  for (const auto& e : *events) stored.insert(e.ref);
  int lost = 0;
  for (const auto& id : acked) lost += stored.count(id) ? 0 : 1;
  CHECK(acked.size() == static_cast<size_t>(clients * rounds));
  CHECK(lost == 0);
  // The surviving replica still answers through nginx.
  CHECK(ask_http(c.nginx_port, "Apa manfaat kerja sama bilateral?").json()["fallback"] == false);
}

TEST_CASE("ScaleOut_RedisGoneQuestionsStillAnsweredVotesGetAClearError", "[scaleout]") {
  if (auto skip = missing_programs(); !skip.empty()) return (void)(std::cout << skip << "\n");
  Cluster c;
  c.redis.reset();  // killed: conversations, events and reloads have nowhere to go
  auto r = ask_http(c.nginx_port, "Apa manfaat kerja sama bilateral?", "after-redis");
  REQUIRE(r.status == 200);
  CHECK(r.json()["fallback"] == false);  // answered on its own
  CHECK(metric(c.a->port(), "tanya_conversation_store_errors_total", "") +
            metric(c.b->port(), "tanya_conversation_store_errors_total", "") >
        0);  // and counted, on whichever replica answered
  test::WsClient ws(c.nginx_port);
  CHECK(ws.ask("v1", "Apa manfaat kerja sama bilateral?")["type"] == "answer");
  ws.send_text(R"({"type":"feedback","id":"v1","useful":true})");
  json reply = ws.read_json();
  CAPTURE(reply.dump());
  CHECK(reply["type"] == "error");  // not acknowledged: it was not stored
  CHECK(reply["code"] == "internal");
  CHECK(ws.ask("v2", "apa itu diplomasi")["type"] == "answer");  // the connection goes on
}

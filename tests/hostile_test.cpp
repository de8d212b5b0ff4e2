// Hostile input over the wire and faults: generated hostile questions each
// followed by a good one on the same connection, hand-made WebSocket frames
// (the shapes of the Autobahn suite's sections 1–7 and 9, which cannot run
// here), kill -9 during an index build, a reload and feedback writes, a full
// disk, clients that stop reading, and 2,000 connections asking at once.
#include <signal.h>
#include <fcntl.h>
#include <sys/resource.h>
#include <sys/wait.h>
#include <unistd.h>

#include <atomic>
#include <catch2/catch.hpp>
#include <cstdio>
#include <filesystem>
#include <fstream>
#include <random>
#include <set>
#include <thread>

#include "index/index_store.hpp"
#include "knowledge/knowledge_dir.hpp"
#include "tests/server_process.hpp"
#include "tests/test_support.hpp"
#include "tests/ws_client.hpp"
#include "web/stores/event_log.hpp"

using namespace tanya;
using nlohmann::json;
namespace fs = std::filesystem;

namespace {

// ---- generated hostile questions -----------------------------------------

std::string hostile_question(std::mt19937& rng) {
  static const std::vector<std::string> pieces = {
      "\"", "*", "^", ":", "(", ")", "-", "NEAR(", "AND", "OR", "NOT", "body:", "{body}", "'; DROP TABLE units; --",
      "\" OR 1=1 --", "%s%s%n", "\\", "\\u0000", std::string(1, '\0'), "\x01\x02\x1b[31m", "\t\r\n", "😀", "🇮🇩",
      "مرحبا", "שלום", "\u202e\u202d", "‮", "..", "../../etc/passwd", "<script>alert(1)</script>", "&amp;", "؟",
      "kerja sama", "diplomasi", "negara2", "gmn", "?!?!", "...", "—", "\u200b", "𝔡𝔦𝔭𝔩𝔬𝔪𝔞𝔰𝔦", "ｋｅｒｊａ"};
  std::uniform_int_distribution<size_t> pick(0, pieces.size() - 1), count(1, 12), shape(0, 9);
  switch (shape(rng)) {
    case 0: return std::string(100 * 1024, "x!*\" "[rng() % 5]);  // 100 KB
    case 1: return std::string(1 + rng() % 300, ".,;:!?"[rng() % 6]);  // only punctuation
    case 2: {
      std::string s;
      for (size_t i = 0, n = 1 + rng() % 400; i < n; ++i) s.push_back(static_cast<char>(rng() % 256));
      return s;  // any bytes (invalid UTF-8 included)
    }
    default: {
      std::string s;
      for (size_t i = 0, n = count(rng); i < n; ++i) s += pieces[pick(rng)] + (rng() % 2 ? " " : "");
      return s;
    }
  }
}

// ---- a raw WebSocket client for hand-made frames ---------------------------

class RawWs {
 public:
  explicit RawWs(unsigned short port) : sock_(ioc_) {
    sock_.connect(tcp::endpoint(net::ip::make_address("127.0.0.1"), port));
    std::string req = "GET /ws HTTP/1.1\r\nHost: 127.0.0.1\r\nUpgrade: websocket\r\nConnection: Upgrade\r\n"
                      "Sec-WebSocket-Key: dGhlIHNhbXBsZSBub25jZQ==\r\nSec-WebSocket-Version: 13\r\n\r\n";
    net::write(sock_, net::buffer(req));
    net::read_until(sock_, buf_, "\r\n\r\n");
    std::string head(net::buffers_begin(buf_.data()), net::buffers_begin(buf_.data()) + static_cast<long>(buf_.size()));
    auto end = head.find("\r\n\r\n") + 4;
    buf_.consume(end);
    if (head.rfind("HTTP/1.1 101", 0) != 0) throw std::runtime_error("no upgrade: " + head);
    read_frame();  // the welcome
  }
  // Sends one frame; `mask` false breaks the rule that clients mask.
  void frame(int opcode, const std::string& payload, bool fin = true, bool mask = true, int rsv = 0,
             uint64_t declared = UINT64_MAX) {
    std::string f;
    f.push_back(static_cast<char>((fin ? 0x80 : 0) | (rsv << 4) | opcode));
    uint64_t n = declared == UINT64_MAX ? payload.size() : declared;
    unsigned char m = mask ? 0x80 : 0;
    if (n < 126) {
      f.push_back(static_cast<char>(m | n));
    } else if (n < 65536) {
      f.push_back(static_cast<char>(m | 126));
      f.push_back(static_cast<char>(n >> 8));
      f.push_back(static_cast<char>(n & 0xFF));
    } else {
      f.push_back(static_cast<char>(m | 127));
      for (int i = 7; i >= 0; --i) f.push_back(static_cast<char>((n >> (8 * i)) & 0xFF));
    }
    const unsigned char key[4] = {0x12, 0x34, 0x56, 0x78};
    if (mask) f.append(reinterpret_cast<const char*>(key), 4);
    for (size_t i = 0; i < payload.size(); ++i)
      f.push_back(mask ? static_cast<char>(payload[i] ^ key[i % 4]) : payload[i]);
    beast::error_code ec;
    net::write(sock_, net::buffer(f), ec);
  }
  struct Frame {
    int opcode = -1;  // -1: the connection ended
    std::string payload;
    int close_code() const {
      return payload.size() >= 2 ? (static_cast<unsigned char>(payload[0]) << 8) | static_cast<unsigned char>(payload[1]) : 0;
    }
  };
  Frame read_frame() {
    Frame fr;
    beast::error_code ec;
    auto need = [&](size_t n) {
      if (buf_.size() < n) net::read(sock_, buf_, net::transfer_at_least(n - buf_.size()), ec);
      return !ec && buf_.size() >= n;
    };
    if (!need(2)) return fr;
    auto byte = [&](size_t i) { return static_cast<unsigned char>(*(net::buffers_begin(buf_.data()) + static_cast<long>(i))); };
    int opcode = byte(0) & 0x0F;
    uint64_t n = byte(1) & 0x7F;
    size_t header = 2;
    if (n == 126) {
      if (!need(4)) return fr;
      n = (static_cast<uint64_t>(byte(2)) << 8) | byte(3);
      header = 4;
    } else if (n == 127) {
      if (!need(10)) return fr;
      n = 0;
      for (int i = 0; i < 8; ++i) n = (n << 8) | byte(2 + static_cast<size_t>(i));
      header = 10;
    }
    if (!need(header + n)) return fr;
    auto begin = net::buffers_begin(buf_.data()) + static_cast<long>(header);
    fr.payload.assign(begin, begin + static_cast<long>(n));
    fr.opcode = opcode;
    buf_.consume(header + n);
    return fr;
  }
  // The next text frame, answering pings on the way.
  Frame next_data() {
    for (;;) {
      Frame f = read_frame();
      if (f.opcode == 9) continue;
      return f;
    }
  }
  tcp::socket& socket() { return sock_; }

 private:
  net::io_context ioc_;
  tcp::socket sock_;
  net::streambuf buf_;
};

std::string ask_json(const std::string& id, const std::string& text) {
  return json{{"type", "ask"}, {"id", id}, {"text", text}}.dump(-1, ' ', false, json::error_handler_t::replace);
}

int integrity(const std::string& path) {
  sqlite3* db = nullptr;
  if (sqlite3_open_v2(path.c_str(), &db, SQLITE_OPEN_READONLY, nullptr) != SQLITE_OK) {
    sqlite3_close(db);
    return -1;
  }
  sqlite3_stmt* s = nullptr;
  sqlite3_prepare_v2(db, "PRAGMA integrity_check", -1, &s, nullptr);
  int ok = s && sqlite3_step(s) == SQLITE_ROW && std::string(reinterpret_cast<const char*>(sqlite3_column_text(s, 0))) == "ok";
  sqlite3_finalize(s);
  sqlite3_close(db);
  return ok;
}

// Runs the binary with `args`; returns its pid (the caller waits or kills).
pid_t spawn(const std::vector<std::string>& args, const std::string& cache, rlim_t fsize = RLIM_INFINITY) {
  pid_t pid = fork();
  if (pid == 0) {
    setenv("TANYA_CACHE_DIR", cache.c_str(), 1);
    if (fsize != RLIM_INFINITY) {
      rlimit rl{fsize, fsize};
      setrlimit(RLIMIT_FSIZE, &rl);
    }
    int devnull = open("/dev/null", O_WRONLY);
    dup2(devnull, 1);
    std::vector<std::string> a = {TANYA_TEST_BINARY};
    a.insert(a.end(), args.begin(), args.end());
    std::vector<char*> argv;
    for (auto& s : a) argv.push_back(s.data());
    argv.push_back(nullptr);
    execv(argv[0], argv.data());
    _exit(127);
  }
  return pid;
}

int wait_exit(pid_t pid) {
  int status = 0;
  waitpid(pid, &status, 0);
  return WIFEXITED(status) ? WEXITSTATUS(status) : -WTERMSIG(status);
}

std::string make_corpus(const std::string& dir, int n) {
  std::string cmd = "python3 " + test::source_dir() + "/tests/bench/make_corpus.py " + std::to_string(n) + " " + dir +
                    " > /dev/null";
  REQUIRE(std::system(cmd.c_str()) == 0);
  return dir;
}

}  // namespace

TEST_CASE("Hostile_TenThousandQuestions_EachFollowedByAGoodOne", "[hostile]") {
  // Messages up to 1 MB, so that the 100 KB questions (twice that once JSON
  // escapes them) reach the question-length check.
  test::ServerProcess s({"--rate", "1000000", "--burst", "1000000", "--max-message", "1000000", "--log-level", "warn"});
  test::WsClient ws(s.port());
  std::mt19937 rng(20261128);
  int answered = 0, errors = 0;
  std::set<std::string> codes;
  for (int i = 0; i < 10000; ++i) {
    // Bytes that are not UTF-8 cannot travel in a text frame (that closes
    // with 1007, tested below); JSON carries them as U+FFFD.
    ws.send_text(ask_json("h-" + std::to_string(i), hostile_question(rng)));
    json r = ws.read_json();
    if (r["type"] == "answer") ++answered;
    else {
      ++errors;
      codes.insert(r["code"].get<std::string>());
    }
    json good = ws.ask("g-" + std::to_string(i), "Apa perbedaan kerja sama bilateral dan multilateral?");
    REQUIRE(good["type"] == "answer");
    REQUIRE(good["id"] == "g-" + std::to_string(i));
    REQUIRE(good["sources"][0]["kind"] == "faq");
  }
  CHECK(answered + errors == 10000);
  CHECK(answered > 1000);
  for (const auto& c : codes) CHECK((c == "too_large" || c == "bad_request" || c == "bad_json"));
  // Invalid UTF-8 over HTTP gets its own error.
  auto r = test::http_request(s.port(), http::verb::post, "/api/ask", std::string("{\"text\":\"\xff\xfe\"}"));
  CHECK(r.status == 400);
  CHECK_THAT(r.body, Catch::Contains("UTF-8"));
}

TEST_CASE("Hostile_MalformedJsonOfEveryKind", "[hostile]") {
  test::ServerProcess s({"--rate", "1000000", "--burst", "1000000", "--log-level", "warn"});
  test::WsClient ws(s.port());
  const std::vector<std::string> bad = {
      "", " ", "{", "}", "[", "{\"type\":", "{\"type\":\"ask\",}", "{'type':'ask'}", "{\"type\":\"ask\" \"id\":1}",
      "nul", "tru", "1e99999", "-", "{\"a\":1}{\"b\":2}", std::string(5000, '['), std::string(5000, '{'),
      "{\"type\":\"ask\",\"text\":\"\\x\"}", "{\"type\":\"ask\",\"text\":\"\\ud83d\"}", "\"\\u0000\"",
      "{\"type\":[\"ask\"]}", "{\"type\":null}", "{\"type\":\"ask\",\"text\":null}", "{\"type\":\"ask\",\"text\":{}}",
      "{\"type\":\"ask\",\"id\":{\"x\":1},\"text\":\"hai\"}", "{\"type\":\"ask\",\"text\":\"hai\",\"lang\":7}",
      "{\"type\":\"feedback\",\"useful\":\"yes\"}", "0", "3.14", "true", "null"};
  for (size_t i = 0; i < bad.size(); ++i) {
    CAPTURE(bad[i].substr(0, 60));
    ws.send_text(bad[i]);
    json r = ws.read_json();
    CHECK((r["type"] == "error" || r["type"] == "answer"));
    json good = ws.ask("ok-" + std::to_string(i), "hai");
    CHECK(good["type"] == "answer");
  }
}

TEST_CASE("Hostile_WebSocketFrames_AutobahnShapes", "[hostile]") {
  test::ServerProcess s({"--log-level", "warn"});
  auto port = s.port();
  SECTION("fragmented text with a ping in between is one question (sections 5, 2)") {
    RawWs ws(port);
    std::string msg = ask_json("frag", "Apa perbedaan kerja sama bilateral dan multilateral?");
    ws.frame(0x1, msg.substr(0, 10), false);
    ws.frame(0x9, "ping!");  // a control frame between fragments
    ws.frame(0x0, msg.substr(10, 20), false);
    ws.frame(0x0, msg.substr(30), true);
    RawWs::Frame pong = ws.read_frame();
    CHECK(pong.opcode == 0xA);
    CHECK(pong.payload == "ping!");
    RawWs::Frame answer = ws.next_data();
    CHECK(answer.opcode == 0x1);
    CHECK(json::parse(answer.payload)["id"] == "frag");
  }
  SECTION("unmasked client frame is a protocol error (section 1)") {
    RawWs ws(port);
    ws.frame(0x1, ask_json("u", "hai"), true, /*mask=*/false);
    CHECK(ws.next_data().close_code() == 1002);
  }
  SECTION("reserved opcodes and RSV bits close with 1002 (sections 3, 4)") {
    for (int opcode : {0x3, 0x7, 0xB, 0xF}) {
      RawWs ws(port);
      ws.frame(opcode, "x");
      CHECK(ws.next_data().close_code() == 1002);
    }
    RawWs ws(port);
    ws.frame(0x1, ask_json("r", "hai"), true, true, /*rsv=*/1);
    CHECK(ws.next_data().close_code() == 1002);
  }
  SECTION("continuation without a start, and a ping over 125 bytes, close with 1002 (sections 2, 5)") {
    RawWs a(port);
    a.frame(0x0, "orphan");
    CHECK(a.next_data().close_code() == 1002);
    RawWs b(port);
    b.frame(0x9, std::string(200, 'p'));
    CHECK(b.next_data().close_code() == 1002);
  }
  SECTION("invalid UTF-8 in a text frame closes with 1007 (section 6)") {
    RawWs ws(port);
    ws.frame(0x1, std::string("{\"type\":\"ask\",\"text\":\"\xce\xba\xe1\xbd\xb9\xcf\x83\xce\xbc\xce\xb5\xed\xa0\x80\"}"));
    CHECK(ws.next_data().close_code() == 1007);
  }
  SECTION("close codes: a valid one is echoed, invalid ones get 1002 (section 7)") {
    RawWs ok(port);
    ok.frame(0x8, std::string("\x03\xe8", 2) + "bye");
    CHECK(ok.next_data().close_code() == 1000);
    // (5000 and above are "informational" in Autobahn 7.13: not checked.)
    for (int code : {0, 999, 1004, 1005, 1006, 1015, 1100, 2000, 2999}) {
      RawWs ws(port);
      ws.frame(0x8, std::string{static_cast<char>(code >> 8), static_cast<char>(code & 0xFF)});
      CAPTURE(code);
      CHECK(ws.next_data().close_code() == 1002);
    }
  }
  SECTION("oversized frames close with 1009 (section 9)") {
    RawWs ws(port);
    ws.frame(0x1, std::string(100, 'a'), true, true, 0, /*declared=*/(1ULL << 40));
    int code = ws.next_data().close_code();
    CHECK((code == 1009 || code == 1002));
  }
  // After all of it, the server still answers.
  test::WsClient ws(port);
  CHECK(ws.ask("after", "hai")["type"] == "answer");
}

TEST_CASE("Hostile_HttpShapes", "[hostile]") {
  test::ServerProcess s({"--log-level", "warn"});
  auto port = s.port();
  for (const char* target : {"/%2e%2e/%2e%2e/etc/passwd", "/..%2f..%2fetc%2fpasswd", "/widget.js%00.html", "/%00",
                             "/web/static/widget.js", "//etc/passwd", "/./widget.js/..", "/.git/config"}) {
    CAPTURE(target);
    std::string reply = test::raw_exchange(port, std::string("GET ") + target + " HTTP/1.1\r\nHost: x\r\n\r\n", 500);
    CHECK((reply.rfind("HTTP/1.1 404", 0) == 0 || reply.rfind("HTTP/1.1 400", 0) == 0));
  }
  for (const std::string smuggle :
       {"POST /api/ask HTTP/1.1\r\nHost: x\r\nTransfer-Encoding: chunked\r\nContent-Length: 3\r\n\r\n0\r\n\r\n",
        "POST /api/ask HTTP/1.1\r\nHost: x\r\nContent-Length: 5\r\nContent-Length: 7\r\n\r\n{}"}) {
    CAPTURE(smuggle);
    CHECK(test::raw_exchange(port, smuggle, 500).rfind("HTTP/1.1 400", 0) == 0);
  }
  // Two Host fields: the same-origin check must not pick one for the client.
  CHECK(test::raw_exchange(port, "GET /healthz HTTP/1.1\r\nHost: x\r\nHost: evil.example\r\n\r\n", 500)
            .rfind("HTTP/1.1 400", 0) == 0);
  CHECK(test::raw_exchange(port, "GET /healthz HTTP/1.1\r\nHost: x\r\n\r\n", 500).rfind("HTTP/1.1 200", 0) == 0);
  // A transfer coding other than one "chunked": no body is read, so the bytes
  // after the header must not be served as a second request.
  for (const std::string coding : {"gzip", "chunked, chunked", "identity", "gzip, chunked"}) {
    CAPTURE(coding);
    std::string reply = test::raw_exchange(
        port,
        "POST /api/ask HTTP/1.1\r\nHost: x\r\nContent-Type: application/json\r\nTransfer-Encoding: " + coding +
            "\r\n\r\nGET /healthz HTTP/1.1\r\nHost: x\r\nConnection: close\r\n\r\n",
        500);
    CHECK(reply.rfind("HTTP/1.1 400", 0) == 0);
    CHECK(reply.find("HTTP/1.1", 1) == std::string::npos);
  }
  // WebSocket handshakes RFC 6455 refuses get the protocol's JSON error.
  const std::string upgrade = "GET /ws HTTP/1.1\r\nHost: x\r\nUpgrade: websocket\r\nConnection: Upgrade\r\n";
  std::string old_version =
      test::raw_exchange(port, upgrade + "Sec-WebSocket-Key: dGhlIHNhbXBsZSBub25jZQ==\r\nSec-WebSocket-Version: 8\r\n\r\n", 500);
  CHECK(old_version.rfind("HTTP/1.1 426", 0) == 0);
  CHECK(old_version.find("Sec-WebSocket-Version: 13") != std::string::npos);
  CHECK(old_version.find("\"code\":\"bad_request\"") != std::string::npos);
  for (const char* key : {"abc", "dGhlIHNhbXBsZSBub25jZQ", "dGhlIHNhbXBsZSBub25j!Q==", ""}) {
    CAPTURE(key);
    std::string reply = test::raw_exchange(
        port, upgrade + "Sec-WebSocket-Key: " + key + "\r\nSec-WebSocket-Version: 13\r\n\r\n", 500);
    CHECK(reply.rfind("HTTP/1.1 400", 0) == 0);
    CHECK(reply.find("\"code\":\"bad_request\"") != std::string::npos);
  }
  std::string many = "GET / HTTP/1.1\r\nHost: x\r\n";
  for (int i = 0; i < 2000; ++i) many += "X-H" + std::to_string(i) + ": v\r\n";
  CHECK(test::raw_exchange(port, many + "\r\n", 500).rfind("HTTP/1.1 431", 0) == 0);
  CHECK(test::http_request(port, http::verb::get, "/healthz").status == 200);
}

TEST_CASE("Faults_KillDuringIndexBuildKeepsTheOldIndex", "[faults]") {
  test::TempDir dir;
  std::string db = dir.path() + "/index.db", cache = dir.path() + "/cache";
  REQUIRE(wait_exit(spawn({"index", "--db", db}, cache)) == 0);
  auto before = stored_fingerprint(db);
  REQUIRE(before.ok());
  std::string corpus = make_corpus(dir.path() + "/corpus", 300);
  // What a build that is not killed stores: a kill that comes after the new
  // index is in place (a fast machine) may leave it, never anything else.
  std::string full = dir.path() + "/full.db";
  REQUIRE(wait_exit(spawn({"index", "--knowledge", corpus, "--db", full}, dir.path() + "/full-cache")) == 0);
  auto complete = stored_fingerprint(full);
  REQUIRE(complete.ok());
  REQUIRE(*complete != *before);
  int kept_old = 0;
  for (int delay_ms : {50, 150, 400}) {
    // A cache of its own each time, so every build starts from nothing.
    pid_t pid = spawn({"index", "--knowledge", corpus, "--db", db}, cache + std::to_string(delay_ms));
    std::this_thread::sleep_for(std::chrono::milliseconds(delay_ms));
    kill(pid, SIGKILL);
    wait_exit(pid);
    CAPTURE(delay_ms);
    CHECK(integrity(db) == 1);
    auto after = stored_fingerprint(db);
    REQUIRE(after.ok());
    CHECK((*after == *before || *after == *complete));
    if (*after == *before) ++kept_old;
    else before = complete;  // the new index is the one to keep from now on
  }
  // The first kill, 50 ms into a build of 300 articles, lands before the end.
  CHECK(kept_old >= 1);
}

TEST_CASE("Faults_FullDiskDuringIndexBuildIsAClearError", "[faults]") {
  test::TempDir dir;
  std::string db = dir.path() + "/index.db", cache = dir.path() + "/cache";
  REQUIRE(wait_exit(spawn({"index", "--db", db}, cache)) == 0);
  auto before = fs::file_size(db);
  std::string corpus = make_corpus(dir.path() + "/corpus", 30);
  // A file-size limit stands in for a full disk: writes past it fail with EFBIG.
  int rc = wait_exit(spawn({"index", "--knowledge", corpus, "--db", db}, cache, 200 * 1024));
  CHECK(rc == 1);
  CHECK(fs::file_size(db) == before);
  CHECK(integrity(db) == 1);
  for (const auto& e : fs::directory_iterator(dir.path())) CHECK(e.path().string().find(".tmp-") == std::string::npos);
}

TEST_CASE("Faults_KillDuringReloadKeepsAWorkingIndex", "[faults]") {
  test::TempDir dir;
  std::string knowledge = dir.path() + "/k", db = dir.path() + "/index.db";
  fs::create_directory(knowledge);
  fs::copy_file(test::article_path(), knowledge + "/a.txt");
  {
    test::ServerProcess s({"--knowledge", knowledge, "--db", db, "--admin-token", "t"});
    make_corpus(knowledge, 300);  // the next reload has much to build
    std::thread reload([&] {
      try {
        test::http_request(s.port(), http::verb::post, "/admin/reload", "", "application/json", "",
                           {{"Authorization", "Bearer t"}});
      } catch (...) {
      }
    });
    std::this_thread::sleep_for(std::chrono::milliseconds(200));
    s.stop(SIGKILL);
    reload.join();
  }
  CHECK(integrity(db) == 1);
  test::ServerProcess again({"--db", db});
  CHECK(test::http_request(again.port(), http::verb::post, "/api/ask", R"({"text":"Apa manfaat kerja sama bilateral?"})")
            .status == 200);
}

TEST_CASE("Faults_KillWhileFeedbackIsWrittenLosesNoAcknowledgedVote", "[faults]") {
  test::TempDir dir;
  std::string events = dir.path() + "/events.db";
  std::vector<std::string> acked;
  {
    test::ServerProcess s({"--events-db", events, "--rate", "1000000", "--burst", "1000000", "--log-level", "warn"});
    test::WsClient ws(s.port());
    ws.ask("a", "Apa manfaat kerja sama bilateral?");
    std::atomic<bool> done{false};
    std::thread writer([&] {
      try {
        for (int i = 0; i < 100000 && !done; ++i) {
          ws.send_text(json{{"type", "feedback"}, {"id", "v-" + std::to_string(i)}, {"useful", i % 2 == 0}}.dump());
          json ack = ws.read_json();
          if (ack["type"] == "ack") acked.push_back(ack["id"]);
        }
      } catch (...) {
      }
    });
    std::this_thread::sleep_for(std::chrono::milliseconds(700));
    s.stop(SIGKILL);
    done = true;
    writer.join();
  }
  REQUIRE(acked.size() > 10);
  auto stored = EventLog::read(events, "feedback", 1000000);
  REQUIRE(stored.ok());
  std::set<std::string> ids;
  for (const auto& e : *stored) ids.insert(e.ref);
  size_t missing = 0;
  for (const auto& id : acked) missing += !ids.count(id);
  CHECK(missing == 0);
  CHECK(integrity(events) == 1);
}

TEST_CASE("Faults_ClientThatStopsReadingIsDropped", "[faults]") {
  test::ServerProcess s({"--rate", "1000000", "--burst", "1000000", "--log-level", "warn", "--handshake-timeout", "2"});
  RawWs slow(s.port());
  // Ask a great deal and never read the (large) answers.
  std::string msg = ask_json("s", "Apa manfaat kerja sama bilateral di bidang ekonomi, politik, budaya dan keamanan?");
  beast::error_code ec;
  bool dropped = false;
  slow.socket().non_blocking(true);
  for (int i = 0; i < 200000 && !dropped; ++i) {
    std::string f;
    f.push_back(static_cast<char>(0x81));
    f.push_back(static_cast<char>(0x80 | 126));
    f.push_back(static_cast<char>(msg.size() >> 8));
    f.push_back(static_cast<char>(msg.size() & 0xFF));
    f.append("\0\0\0\0", 4);
    f += msg;
    net::write(slow.socket(), net::buffer(f), ec);
    if (ec == net::error::would_block) std::this_thread::sleep_for(std::chrono::milliseconds(5));
    else if (ec) dropped = true;
  }
  // Meanwhile everyone else is served.
  test::WsClient other(s.port());
  CHECK(other.ask("x", "hai")["type"] == "answer");
  CHECK(dropped);
}

TEST_CASE("Load_TwoThousandConnectionsAskingAtOnce", "[hostile]") {
  test::ServerProcess s({"--rate", "1000000", "--burst", "1000000", "--log-level", "warn"});
  std::string bench = fs::path(TANYA_TEST_BINARY).parent_path().string() + "/tanya-bench";
  test::TempDir dir;
  std::string out = dir.path() + "/bench.out";
  std::string cmd = bench + " --url ws://127.0.0.1:" + std::to_string(s.port()) +
                    "/ws --connections 2000 --count 6000 --warmup 3 > " + out + " 2>&1";
  // tanya-bench exits non-zero on any wrong id or type, or a connection not made.
  int rc = std::system(cmd.c_str());
  std::ifstream in(out);
  std::string report((std::istreambuf_iterator<char>(in)), std::istreambuf_iterator<char>());
  CAPTURE(report);
  CHECK(rc == 0);
}

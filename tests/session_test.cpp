// The two session classes in memory (issue 14): basic_http_session and
// basic_websocket_session on Beast's test::stream pairs, with the real
// SharedState on the bundled article — no sockets, no listener, no timing
// thresholds. The test drives the io_context (and the worker pool the answers
// come from) handler by handler until what it waits for has happened. The real
// server over real sockets is server_test's and hostile_test's.
#include <boost/beast/_experimental/test/stream.hpp>
#include <catch2/catch.hpp>
#include <functional>

#include "bot/engine.hpp"
#include "knowledge/paths.hpp"
#include "tests/test_support.hpp"
#include "web/server/http_session_impl.hpp"
#include "web/server/websocket_session_impl.hpp"

namespace tanya {
// The sessions on the in-memory stream: their one instantiation besides TCP's
// (websocket_session.cpp, http_session.cpp).
template class basic_http_session<beast::test::stream>;
template class basic_websocket_session<beast::test::stream>;
}  // namespace tanya

using namespace tanya;
using nlohmann::json;
using TestStream = beast::test::stream;
using Response = http::response<http::string_body>;

namespace {

const std::string kQuestion = "Apa perbedaan kerja sama bilateral dan multilateral?";

EngineOptions engine_options() {
  static test::TempDir dir;
  EngineOptions o;
  o.db_path = dir.path() + "/index.db";
  o.knowledge_dir = default_knowledge_dir();
  return o;
}

// One engine for the whole binary: building the index takes a moment.
std::shared_ptr<const Engine> engine() {
  static std::shared_ptr<const Engine> e = [] {
    auto r = Engine::open(engine_options(), test::analyzer());
    if (!r) throw std::runtime_error(r.error().message);
    return *r;
  }();
  return e;
}

// The server without its listener: the SharedState server.cpp builds (an
// in-memory conversation store, no event log, no static files), and an
// io_context the sessions' strands run on.
struct Server {
  std::shared_ptr<SharedState> state;
  net::io_context ioc;
  // Keeps run_one_for waiting for the worker pool's posts instead of returning.
  net::executor_work_guard<net::io_context::executor_type> work{ioc.get_executor()};

  explicit Server(std::vector<std::string> flags = {}) {
    flags.insert(flags.begin(), "serve");
    std::vector<char*> argv;
    for (auto& f : flags) argv.push_back(f.data());
    auto config = parse_config(static_cast<int>(argv.size()), argv.data(), {});
    REQUIRE(config.ok());
    auto store = make_conversation_store("memory", 1000, std::chrono::seconds(3600));
    REQUIRE(store.ok());
    state = std::make_shared<SharedState>(*config, std::make_unique<Reloader>(test::analyzer(), engine_options(), engine()),
                                          StaticFiles(), nullptr, std::move(*store));
  }
  // The workers finish before the io_context they post to goes (as in server.cpp).
  ~Server() { state->drain(); }

  // A client stream connected to a new HTTP session, started as the listener
  // starts one: a slot taken, the server side on its own strand.
  TestStream connect() {
    REQUIRE(state->connections.try_open());
    TestStream server_side(net::make_strand(ioc));
    TestStream client(ioc);
    client.connect(server_side);
    std::make_shared<basic_http_session<TestStream>>(std::move(server_side), state,
                                                     ConnectionSlot(state->connections, false),
                                                     state->connections.next_id())
        ->run();
    return client;
  }

  // Runs handlers one at a time until `done`. Nothing to run for a minute is
  // a hang (a reply that never comes), not a slow machine: the test fails.
  void run_until(const std::function<bool()>& done) {
    int idle = 0;
    while (!done()) {
      if (ioc.run_one_for(std::chrono::milliseconds(100)) > 0) idle = 0;
      else if (++idle > 600) FAIL("nothing happened for a minute");
    }
  }
};

struct HttpClient {
  Server& server;
  TestStream stream;
  beast::flat_buffer buffer;

  explicit HttpClient(Server& s) : server(s), stream(s.connect()) {}

  Response send(http::request<http::string_body> req) {
    req.set(http::field::host, "localhost");
    req.prepare_payload();
    bool written = false, read = false;
    beast::error_code ec;
    Response res;
    http::async_write(stream, req, [&](beast::error_code, std::size_t) { written = true; });
    http::async_read(stream, buffer, res, [&](beast::error_code e, std::size_t) {
      ec = e;
      read = true;
    });
    server.run_until([&] { return written && read; });
    REQUIRE_FALSE(ec);
    return res;
  }
  Response get(const std::string& target) { return send({http::verb::get, target, 11}); }
  Response post(const std::string& target, std::string body) {
    http::request<http::string_body> req{http::verb::post, target, 11};
    req.set(http::field::content_type, "application/json");
    req.body() = std::move(body);
    return send(std::move(req));
  }
};

struct WsClient {
  Server& server;
  websocket::stream<TestStream> ws;
  beast::flat_buffer buffer;
  std::string out;  // the message being written

  // Upgrades at /ws and reads the welcome message.
  explicit WsClient(Server& s) : server(s), ws(s.connect()) {
    bool done = false;
    beast::error_code ec;
    ws.async_handshake("localhost", "/ws", [&](beast::error_code e) {
      ec = e;
      done = true;
    });
    server.run_until([&] { return done; });
    REQUIRE_FALSE(ec);
    REQUIRE(json::parse(read())["type"] == "welcome");
  }

  // Sends one text frame (any bytes: the server is the one to check them).
  void write(std::string message) {
    out = std::move(message);
    bool done = false;
    ws.text(true);
    ws.async_write(net::buffer(out), [&](beast::error_code, std::size_t) { done = true; });
    server.run_until([&] { return done; });
  }
  // The next message; empty with `ec` set when the server closed instead.
  std::string read(beast::error_code* error = nullptr) {
    bool done = false;
    beast::error_code ec;
    buffer.consume(buffer.size());
    ws.async_read(buffer, [&](beast::error_code e, std::size_t) {
      ec = e;
      done = true;
    });
    server.run_until([&] { return done; });
    if (error) *error = ec;
    else REQUIRE_FALSE(ec);
    return ec ? std::string() : beast::buffers_to_string(buffer.data());
  }
  // The close code the server sent; fails when the server sent a message instead.
  websocket::close_code read_close() {
    beast::error_code ec;
    std::string message = read(&ec);
    INFO(message);
    REQUIRE(ec == websocket::error::closed);
    return static_cast<websocket::close_code>(ws.reason().code);
  }
};

}  // namespace

TEST_CASE("HttpSession_Healthz_200", "[session][http]") {
  Server server;
  HttpClient client(server);
  auto res = client.get("/healthz");
  CHECK(res.result_int() == 200);
  auto j = json::parse(res.body());
  CHECK(j["status"] == "ok");
  CHECK(j["units"] == engine()->index().units.size());
}

TEST_CASE("HttpSession_AskAQuestion_AnswerJson", "[session][http]") {
  Server server;
  HttpClient client(server);
  auto res = client.post("/api/ask", json{{"text", kQuestion}}.dump());
  REQUIRE(res.result_int() == 200);
  CHECK(std::string(res[http::field::content_type]).rfind("application/json", 0) == 0);
  auto a = json::parse(res.body());
  CHECK(a["fallback"] == false);
  CHECK_FALSE(a["text"].get<std::string>().empty());
  REQUIRE_FALSE(a["sources"].empty());
  CHECK(a["sources"][0]["question"] == kQuestion);
}

TEST_CASE("HttpSession_MalformedJson_BadJson400", "[session][http]") {
  Server server;
  HttpClient client(server);
  auto res = client.post("/api/ask", R"({"text": "kerja sama)");
  CHECK(static_cast<int>(res.result_int()) == http_status(ErrorCode::bad_json));
  auto e = json::parse(res.body());
  CHECK(e["type"] == "error");
  CHECK(e["code"] == name(ErrorCode::bad_json));
}

TEST_CASE("HttpSession_KeepAlive_TwoRequestsOnOneStreamBothAnswered", "[session][http]") {
  Server server;
  HttpClient client(server);
  auto first = client.get("/healthz");
  CHECK(first.result_int() == 200);
  CHECK(first.keep_alive());
  auto second = client.post("/api/ask", json{{"text", kQuestion}}.dump());
  CHECK(second.result_int() == 200);
  CHECK(json::parse(second.body())["fallback"] == false);
  CHECK(server.state->connections.open() == 1);  // still the one connection
}

TEST_CASE("HttpSession_BodyOverTheLimit_413AndClosed", "[session][http]") {
  Server server({"--max-body", "1024"});
  HttpClient client(server);
  auto res = client.post("/api/ask", json{{"text", std::string(2000, 'a')}}.dump());
  CHECK(res.result_int() == 413);
  CHECK(json::parse(res.body())["code"] == name(ErrorCode::too_large));
  CHECK_FALSE(res.keep_alive());
  // The session closed its end and went: the slot is free.
  server.run_until([&] { return server.state->connections.open() == 0; });
}

TEST_CASE("WebSocketSession_Ask_AnswerWithTheIdEchoed", "[session][ws]") {
  Server server;
  WsClient client(server);
  CHECK(server.state->connections.session_count() == 1);
  client.write(json{{"type", "ask"}, {"id", 42}, {"text", kQuestion}}.dump());
  auto a = json::parse(client.read());
  CHECK(a["type"] == "answer");
  CHECK(a["id"] == 42);  // as sent: a number stays a number
  CHECK(a["fallback"] == false);
  CHECK_FALSE(a["text"].get<std::string>().empty());
}

TEST_CASE("WebSocketSession_MessageOverMaxMessage_1009AndTheSlotReleased", "[session][ws]") {
  Server server({"--max-message", "1024"});
  WsClient client(server);
  REQUIRE(server.state->connections.open() == 1);
  client.write(json{{"type", "ask"}, {"id", 1}, {"text", std::string(2000, 'a')}}.dump());
  CHECK(client.read_close() == websocket::close_code::too_big);
  // Released at once, not when --idle-timeout fires (issue 14, defect 2).
  server.run_until([&] { return server.state->connections.open() == 0; });
  CHECK(server.state->connections.session_count() == 0);
}

TEST_CASE("WebSocketSession_InvalidUtf8Text_1007", "[session][ws]") {
  Server server;
  WsClient client(server);
  client.write("{\"type\":\"ask\",\"id\":1,\"text\":\"\xc3\x28\"}");
  CHECK(client.read_close() == websocket::close_code::bad_payload);
  server.run_until([&] { return server.state->connections.open() == 0; });
}

TEST_CASE("WebSocketSession_PeerCloses_SessionFreed", "[session][ws]") {
  Server server;
  WsClient client(server);
  REQUIRE(server.state->connections.session_count() == 1);
  REQUIRE(server.state->connections.open() == 1);
  bool closed = false;
  client.ws.async_close(websocket::close_code::normal, [&](beast::error_code) { closed = true; });
  server.run_until([&] {
    return closed && server.state->connections.open() == 0 && server.state->connections.session_count() == 0;
  });
}

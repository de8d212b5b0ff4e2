// Integration tests: the real `tanya serve` binary on an ephemeral port, a real
// WebSocket and HTTP client over loopback sockets.
#include <signal.h>

#include <atomic>
#include <catch2/catch.hpp>
#include <filesystem>
#include <fstream>
#include <thread>

#include "tests/server_process.hpp"
#include "tests/test_support.hpp"
#include "tests/ws_client.hpp"

using namespace tanya;
using nlohmann::json;

namespace {

test::ServerProcess& server() {
  static test::ServerProcess s({"--rate", "1000", "--burst", "1000"});
  return s;
}

const std::vector<std::pair<std::string, std::string>>& faqs() {
  static const std::vector<std::pair<std::string, std::string>> list = {
      {"Apa perbedaan kerja sama bilateral dan multilateral?", "hanya melibatkan dua negara"},
      {"Mengapa diplomasi budaya penting dalam kerja sama bilateral?", "ikatan emosional antar masyarakat"},
      {"Bagaimana peran kerja sama bilateral dalam menghadapi krisis global?", "bergerak cepat dan fleksibel"},
      {"Apakah semua negara membutuhkan kerja sama bilateral?", "tidak ada negara yang bisa memenuhi"},
      {"Bagaimana masa depan kerja sama bilateral di era digital?", "membuka peluang baru"},
  };
  return list;
}

void check_answer_object(const json& a) {
  CHECK(a["text"].is_string());
  CHECK(a["intent"].is_string());
  CHECK(a["fallback"].is_boolean());
  CHECK(a["confidence"].is_number());
  CHECK(a["sources"].is_array());
  CHECK(a["suggestions"].is_array());
  for (const auto& s : a["sources"]) {
    CHECK(s["kind"].is_string());
    CHECK(s["article"].is_string());
    CHECK(s["section"].is_string());
    CHECK(s["text"].is_string());
    CHECK(s["score"].is_number());
  }
}

}  // namespace

TEST_CASE("Server_WebSocket_WelcomeThenAnswersFaqsFirst", "[server]") {
  test::WsClient ws(server().port());
  CHECK(ws.welcome["type"] == "welcome");
  CHECK_FALSE(ws.welcome["text"].get<std::string>().empty());
  CHECK(ws.welcome["suggestions"].size() >= 3);
  CHECK(ws.welcome["suggestions"].size() <= 5);
  int i = 0;
  for (const auto& [q, expect] : faqs()) {
    std::string id = "c-" + std::to_string(++i);
    json a = ws.ask(id, q);
    CAPTURE(q);
    CHECK(a["type"] == "answer");
    CHECK(a["id"] == id);
    check_answer_object(a);
    REQUIRE_FALSE(a["sources"].empty());
    CHECK(a["sources"][0]["kind"] == "faq");
    CHECK(a["sources"][0]["text"].get<std::string>().find(expect) != std::string::npos);
  }
}

TEST_CASE("Server_ApiAsk_AnswersFaqsFirst", "[server]") {
  for (const auto& [q, expect] : faqs()) {
    auto r = test::http_request(server().port(), http::verb::post, "/api/ask", json{{"text", q}}.dump());
    CAPTURE(q);
    REQUIRE(r.status == 200);
    json a = r.json();
    check_answer_object(a);
    REQUIRE_FALSE(a["sources"].empty());
    CHECK(a["sources"][0]["kind"] == "faq");
    CHECK(a["sources"][0]["text"].get<std::string>().find(expect) != std::string::npos);
  }
}

TEST_CASE("Server_WebSocket_EveryBadInputGetsItsErrorAndConnectionSurvives", "[server]") {
  struct Case {
    const char* name;
    std::string payload;
    bool binary;
    const char* code;
  };
  auto c = GENERATE(values<Case>({
      {"not json", "hello", false, "bad_json"},
      {"truncated json", "{\"type\":\"ask\"", false, "bad_json"},
      {"array", "[1,2,3]", false, "bad_request"},
      {"string", "\"ask\"", false, "bad_request"},
      {"no type", "{\"text\":\"halo\"}", false, "bad_request"},
      {"type not string", "{\"type\":5}", false, "bad_request"},
      {"unknown type", "{\"type\":\"subscribe\"}", false, "unsupported"},
      {"missing text", "{\"type\":\"ask\",\"id\":\"x\"}", false, "bad_request"},
      {"text not string", "{\"type\":\"ask\",\"id\":\"x\",\"text\":42}", false, "bad_request"},
      {"empty text", "{\"type\":\"ask\",\"id\":\"x\",\"text\":\"\"}", false, "bad_request"},
      {"blank text", "{\"type\":\"ask\",\"id\":\"x\",\"text\":\" \\n\\t \"}", false, "bad_request"},
      {"question too long", json{{"type", "ask"}, {"id", "x"}, {"text", std::string(1500, 'a')}}.dump(), false,
       "too_large"},
      {"binary frame", "{\"type\":\"ask\",\"text\":\"halo\"}", true, "unsupported"},
      {"lone surrogate", "{\"type\":\"ask\",\"id\":\"x\",\"text\":\"\\ud800\"}", false, "bad_json"},
      {"feedback without vote", "{\"type\":\"feedback\",\"id\":\"x\"}", false, "bad_request"},
      {"article not string", "{\"type\":\"ask\",\"id\":\"x\",\"text\":\"halo\",\"article\":[1]}", false, "bad_request"},
      {"article too long", json{{"type", "ask"}, {"id", "x"}, {"text", "halo"}, {"article", std::string(300, 'a')}}.dump(),
       false, "bad_request"},
  }));
  CAPTURE(c.name);
  test::WsClient ws(server().port());
  if (c.binary) ws.send_binary(c.payload);
  else ws.send_text(c.payload);
  json e = ws.read_json();
  CHECK(e["type"] == "error");
  CHECK(e["code"] == c.code);
  CHECK_FALSE(e["message"].get<std::string>().empty());
  json a = ws.ask("after", "Apa manfaat kerja sama bilateral?");
  CHECK(a["type"] == "answer");
  CHECK(a["id"] == "after");
}

TEST_CASE("Server_WebSocket_FeedbackIsAcknowledged", "[server]") {
  test::WsClient ws(server().port());
  ws.send_text(R"({"type":"feedback","id":"c-1","useful":true})");
  json ack = ws.read_json();
  CHECK(ack["type"] == "ack");
  CHECK(ack["id"] == "c-1");
}

TEST_CASE("Server_WebSocket_FollowUpUsesTheConnection", "[server]") {
  test::WsClient ws(server().port());
  ws.ask("1", "Apa manfaat kerja sama bilateral di bidang keamanan?");
  json a = ws.ask("2", "kalau di bidang pendidikan?");
  REQUIRE_FALSE(a["sources"].empty());
  CHECK(a["sources"][0]["text"].get<std::string>().find("program beasiswa") != std::string::npos);
}

TEST_CASE("Server_ApiAsk_SessionCarriesFollowUps", "[server]") {
  auto port = server().port();
  test::http_request(port, http::verb::post, "/api/ask",
                     json{{"text", "Apa manfaat kerja sama bilateral di bidang keamanan?"}, {"session", "s-42"}}.dump());
  auto r = test::http_request(port, http::verb::post, "/api/ask",
                              json{{"text", "kalau di bidang pendidikan?"}, {"session", "s-42"}}.dump());
  REQUIRE(r.status == 200);
  json a = r.json();
  CHECK(a["followup"] == true);
  REQUIRE_FALSE(a["sources"].empty());
  CHECK(a["sources"][0]["text"].get<std::string>().find("program beasiswa") != std::string::npos);
}

TEST_CASE("Server_ApiAsk_BadInputGetsStatusAndErrorJson", "[server]") {
  struct Case {
    const char* name;
    std::string body;
    std::string type;
    int status;
    const char* code;
  };
  auto c = GENERATE(values<Case>({
      {"not json", "{oops", "application/json", 400, "bad_json"},
      {"not object", "[]", "application/json", 400, "bad_request"},
      {"no text", "{}", "application/json", 400, "bad_request"},
      {"text not string", "{\"text\":[1]}", "application/json", 400, "bad_request"},
      {"empty text", "{\"text\":\"  \"}", "application/json", 400, "bad_request"},
      {"session not string", "{\"text\":\"halo\",\"session\":1}", "application/json", 400, "bad_request"},
      {"article not string", "{\"text\":\"halo\",\"article\":true}", "application/json", 400, "bad_request"},
      {"wrong type", "{\"text\":\"halo\"}", "text/plain", 415, "unsupported"},
      {"body too large", "{\"text\":\"" + std::string(20000, 'a') + "\"}", "application/json", 413, "too_large"},
  }));
  CAPTURE(c.name);
  auto r = test::http_request(server().port(), http::verb::post, "/api/ask", c.body, c.type);
  CHECK(r.status == c.status);
  json e = r.json();
  CHECK(e["type"] == "error");
  CHECK(e["code"] == c.code);
  auto ok = test::http_request(server().port(), http::verb::post, "/api/ask", R"({"text":"hai"})");
  CHECK(ok.status == 200);
}

TEST_CASE("Server_Http_ExpectContinueGetsTheInterimReply", "[server]") {
  // A client that sends "Expect: 100-continue" waits for the interim reply
  // before its body (curl does, for a second, with bodies over 1 KB).
  const std::string body = R"({"text":"hai"})";
  const std::string head = "POST /api/ask HTTP/1.1\r\nHost: x\r\nContent-Type: application/json\r\nContent-Length: " +
                           std::to_string(body.size()) + "\r\nExpect: 100-continue\r\n\r\n";
  CHECK(test::raw_exchange(server().port(), head, 500) == "HTTP/1.1 100 Continue\r\n\r\n");
  // Sent with the body at once, the answer follows the interim reply.
  std::string both = test::raw_exchange(server().port(), head + body, 1000);
  CHECK(both.rfind("HTTP/1.1 100 Continue\r\n\r\nHTTP/1.1 200", 0) == 0);
  // HTTP/1.0 knows no interim replies.
  std::string old = head + body;
  old.replace(old.find("HTTP/1.1"), 8, "HTTP/1.0");
  CHECK(test::raw_exchange(server().port(), old, 1000).rfind("HTTP/1.0 200", 0) == 0);
}

TEST_CASE("Server_ApiAsk_MediaTypeIsCaseInsensitive", "[server]") {
  // RFC 9110: type and subtype are case-insensitive, and parameters may
  // follow after spaces; none of these is a 415.
  for (const char* type : {"Application/JSON", "application/json ; charset=utf-8", "APPLICATION/JSON;charset=UTF-8"}) {
    CAPTURE(type);
    CHECK(test::http_request(server().port(), http::verb::post, "/api/ask", R"({"text":"hai"})", type).status == 200);
  }
  CHECK(test::http_request(server().port(), http::verb::post, "/api/ask", R"({"text":"hai"})", "application/jsonx").status ==
        415);
}

TEST_CASE("Server_Http_HealthStaticAndNoTraversal", "[server]") {
  auto port = server().port();
  auto h = test::http_request(port, http::verb::get, "/healthz");
  CHECK(h.status == 200);
  CHECK(h.json()["status"] == "ok");
  CHECK(h.json()["units"] == 40);
  auto page = test::http_request(port, http::verb::get, "/");
  CHECK(page.status == 200);
  CHECK(std::string(page.headers[http::field::content_type]).rfind("text/html", 0) == 0);
  CHECK(page.body.find("widget.js") != std::string::npos);
  CHECK_FALSE(std::string(page.headers[http::field::cache_control]).empty());
  auto js = test::http_request(port, http::verb::get, "/widget.js");
  CHECK(js.status == 200);
  CHECK(std::string(js.headers[http::field::content_type]).rfind("text/javascript", 0) == 0);
  for (const char* bad : {"/../CMakeLists.txt", "/%2e%2e/CMakeLists.txt", "/..%2fknowledge", "/static/", "/index.html%00",
                          "/web/static/index.html", "/nope"}) {
    CAPTURE(bad);
    CHECK(test::http_request(port, http::verb::get, bad).status == 404);
  }
}

TEST_CASE("Server_Http_WrongMethodIs405WithAllow", "[server]") {
  // web/PROTOCOL.md: 405 (with `Allow`) for a wrong method, on every route.
  auto port = server().port();
  struct Case {
    http::verb method;
    const char* target;
    const char* allow;
  };
  auto c = GENERATE(values<Case>({{http::verb::post, "/healthz", "GET, HEAD"},
                                  {http::verb::put, "/widget.js", "GET, HEAD"},
                                  {http::verb::delete_, "/", "GET, HEAD"},
                                  {http::verb::get, "/adapters/webhook", "POST"},
                                  {http::verb::get, "/api/ask", "POST, OPTIONS"}}));
  CAPTURE(c.target);
  auto r = test::http_request(port, c.method, c.target);
  CHECK(r.status == 405);
  CHECK(std::string(r.headers[http::field::allow]) == c.allow);
  CHECK(r.json()["code"] == "bad_request");
}

TEST_CASE("Server_Metrics_CountWhatHappened", "[server]") {
  auto port = server().port();
  test::WsClient ws(port);
  ws.ask("m-1", "Apa manfaat kerja sama bilateral?");
  ws.send_text("not json");
  ws.read_json();
  auto m = test::http_request(port, http::verb::get, "/metrics");
  CHECK(m.status == 200);
  CHECK(m.body.find("tanya_answers_total{transport=\"ws\",intent=\"question\"}") != std::string::npos);
  CHECK(m.body.find("tanya_answer_latency_seconds_bucket{le=\"+Inf\"}") != std::string::npos);
  CHECK(m.body.find("tanya_open_connections{kind=\"websocket\"} 0") == std::string::npos);  // ours is open
  CHECK(m.body.find("tanya_errors_total{code=\"bad_json\"} 0") == std::string::npos);
}

TEST_CASE("Server_Origin_AllowlistOnWebSocketAndCors", "[server]") {
  auto port = server().port();
  CHECK_NOTHROW(test::WsClient(port, "http://localhost:3000"));
  CHECK_NOTHROW(test::WsClient(port, "http://127.0.0.1:" + std::to_string(port)));
  CHECK_NOTHROW(test::WsClient(port));  // no Origin: not a browser
  try {
    test::WsClient ws(port, "https://evil.example");
    FAIL("a foreign origin was let in");
  } catch (const boost::system::system_error& e) {
    CHECK(e.code() == websocket::error::upgrade_declined);
  }
  auto pre = test::http_request(port, http::verb::options, "/api/ask", "", "", "http://localhost:3000");
  CHECK(pre.status == 204);
  CHECK(pre.headers[http::field::access_control_allow_origin] == "http://localhost:3000");
  auto bad = test::http_request(port, http::verb::post, "/api/ask", R"({"text":"hai"})", "application/json",
                                "https://evil.example");
  CHECK(bad.status == 403);
  CHECK(bad.json()["code"] == "forbidden");
}

TEST_CASE("Server_ManyClients_EveryAnswerMatchesItsId", "[server]") {
  const int clients = 200, questions = 50;
  auto port = server().port();
  std::atomic<int> matched{0}, failures{0};
  std::vector<std::thread> threads;
  const std::vector<std::string> qs = {"Apa manfaat kerja sama bilateral?", "hai",
                                       "Mengapa diplomasi budaya penting?", "Resep rendang padang",
                                       "apa itu diplomsi budaya"};
  for (int c = 0; c < clients; ++c) {
    threads.emplace_back([&, c] {
      try {
        test::WsClient ws(port);
        for (int i = 0; i < questions; ++i) {
          std::string id = std::to_string(c) + "-" + std::to_string(i);
          json a = ws.ask(id, qs[(c + i) % qs.size()]);
          if (a["type"] == "answer" && a["id"] == id) matched++;
          else failures++;
        }
      } catch (...) {
        failures++;
      }
    });
  }
  for (auto& t : threads) t.join();
  CHECK(failures == 0);
  CHECK(matched == clients * questions);
}

TEST_CASE("Server_Limits_MessageTooBigClosesWith1009", "[server][limits]") {
  test::ServerProcess s({"--max-message", "300"});
  test::WsClient ws(s.port());
  // Under Beast's 4 KB masking buffer, so the frame leaves in one write and the
  // server's close cannot cut it in half (a broken pipe on a busy machine).
  ws.send_text(json{{"type", "ask"}, {"id", "big"}, {"text", std::string(1000, 'a')}}.dump());
  CHECK(ws.read_until_close() == 1009);
  test::WsClient again(s.port());
  CHECK(again.ask("ok", "hai")["type"] == "answer");
}

TEST_CASE("Server_Limits_RateLimitedThenRecovers", "[server][limits]") {
  test::ServerProcess s({"--rate", "1", "--burst", "3"});
  test::WsClient ws(s.port());
  int limited = 0;
  for (int i = 0; i < 10; ++i) {
    json r = ws.ask("r-" + std::to_string(i), "hai");
    if (r["type"] == "error" && r["code"] == "rate_limited") ++limited;
  }
  CHECK(limited >= 5);
  std::this_thread::sleep_for(std::chrono::milliseconds(1200));
  CHECK(ws.ask("later", "hai")["type"] == "answer");
  // The HTTP API limits per client address, whatever the connection.
  int http_limited = 0;
  for (int i = 0; i < 8; ++i) {
    auto r = test::http_request(s.port(), http::verb::post, "/api/ask", R"({"text":"hai"})");
    if (r.status == 429) {
      ++http_limited;
      CHECK(r.json()["code"] == "rate_limited");
      CHECK(std::string(r.headers[http::field::retry_after]) == "1");  // one message a second
    }
  }
  CHECK(http_limited >= 3);
}

TEST_CASE("Server_Limits_BehindATrustedProxyTheRateLimitIsPerClient", "[server][limits]") {
  // One request a client: a second from the same client is limited.
  auto ask_as = [](unsigned short port, const std::string& client) {
    return test::http_request(port, http::verb::post, "/api/ask", R"({"text":"hai"})", "application/json", "",
                              {{"X-Real-IP", client}})
        .status;
  };
  // The test connects from 127.0.0.1: trusted as a network, and as the one address.
  for (const char* trusted : {"10.0.0.0/8,127.0.0.0/8", "127.0.0.1"}) {
    CAPTURE(trusted);
    test::ServerProcess proxied({"--rate", "0.1", "--burst", "1", "--trusted-proxies", trusted});
    CHECK(ask_as(proxied.port(), "203.0.113.7") == 200);
    CHECK(ask_as(proxied.port(), "203.0.113.8") == 200);  // another client behind the same proxy
    CHECK(ask_as(proxied.port(), "203.0.113.7") == 429);
  }
  // An untrusted peer's X-Real-IP is ignored: both requests are the peer's.
  test::ServerProcess direct({"--rate", "0.1", "--burst", "1", "--trusted-proxies", "10.0.0.0/8,not-an-address"});
  CHECK(ask_as(direct.port(), "203.0.113.7") == 200);
  CHECK(ask_as(direct.port(), "203.0.113.8") == 429);
  // The client is told when to try again: a token every ten seconds.
  auto limited = test::http_request(direct.port(), http::verb::post, "/api/ask", R"({"text":"hai"})");
  CHECK(limited.status == 429);
  CHECK(std::string(limited.headers[http::field::retry_after]) == "10");
  CHECK_THAT(direct.output(), Catch::Contains("\"not-an-address\" is not an address or a network"));  // said at start
}

TEST_CASE("Server_Limits_ConnectionCapGives503", "[server][limits]") {
  test::ServerProcess s({"--max-connections", "3"});
  test::WsClient a(s.port()), b(s.port()), c(s.port());
  std::string reply = test::raw_exchange(s.port(), "GET /healthz HTTP/1.1\r\nHost: x\r\n\r\n");
  CHECK(reply.rfind("HTTP/1.1 503", 0) == 0);
  CHECK(a.ask("still", "hai")["type"] == "answer");
}

TEST_CASE("Server_Limits_SlowlorisIsDropped", "[server][limits]") {
  test::ServerProcess s({"--handshake-timeout", "1"});
  net::io_context ioc;
  tcp::socket sock(ioc);
  sock.connect(tcp::endpoint(net::ip::make_address("127.0.0.1"), s.port()));
  std::string header = "GET /healthz HTTP/1.1\r\nHost: x\r\nX-Slow: ";
  bool dropped = false;
  for (int i = 0; i < 30 && !dropped; ++i) {
    beast::error_code ec;
    net::write(sock, net::buffer(header.substr(i % header.size(), 1)), ec);
    if (ec) dropped = true;
    std::this_thread::sleep_for(std::chrono::milliseconds(300));
    sock.non_blocking(true);
    char buf[64];
    sock.read_some(net::buffer(buf), ec);
    if (ec && ec != net::error::would_block) dropped = true;
    sock.non_blocking(false);
  }
  CHECK(dropped);
  CHECK(test::http_request(s.port(), http::verb::get, "/healthz").status == 200);
}

TEST_CASE("Server_Limits_IdleWebSocketGetsCloseFrame", "[server][limits]") {
  test::ServerProcess s({"--idle-timeout", "1"});
  test::WsClient ws(s.port());
  CHECK(ws.read_until_close() == 1000);
  CHECK(ws.stream().reason().reason == "idle timeout");
}

TEST_CASE("Server_Http_MalformedRequestsAreRefused", "[server][limits]") {
  auto port = server().port();
  std::string smuggle =
      "POST /api/ask HTTP/1.1\r\nHost: x\r\nContent-Type: application/json\r\nContent-Length: 4\r\n"
      "Transfer-Encoding: chunked\r\n\r\n0\r\n\r\n";
  CHECK(test::raw_exchange(port, smuggle).rfind("HTTP/1.1 400", 0) == 0);
  CHECK(test::raw_exchange(port, "BLAH\r\n\r\n").rfind("HTTP/1.1 400", 0) == 0);
  std::string huge = "GET / HTTP/1.1\r\nHost: x\r\nX-Big: " + std::string(20000, 'a') + "\r\n\r\n";
  CHECK(test::raw_exchange(port, huge).rfind("HTTP/1.1 431", 0) == 0);
  CHECK(test::http_request(port, http::verb::get, "/healthz").status == 200);
}

TEST_CASE("Server_Shutdown_ClosesWebSocketsWith1001AndExitsZero", "[server]") {
  test::ServerProcess s;
  std::vector<std::unique_ptr<test::WsClient>> clients;
  for (int i = 0; i < 5; ++i) clients.push_back(std::make_unique<test::WsClient>(s.port()));
  CHECK(clients[0]->ask("before", "hai")["type"] == "answer");
  std::vector<int> codes(clients.size());
  std::vector<std::thread> readers;
  for (size_t i = 0; i < clients.size(); ++i)
    readers.emplace_back([&, i] { codes[i] = clients[i]->read_until_close(); });
  int status = s.stop(SIGTERM);
  for (auto& t : readers) t.join();
  CHECK(status == 0);
  for (int code : codes) CHECK(code == 1001);
}

TEST_CASE("Server_OriginCheck_SaysWhetherAPageMayUseTheChat", "[server]") {
  auto port = server().port();
  auto ok = test::http_request(port, http::verb::get, "/api/origin", "", "", "http://localhost:3000");
  CHECK(ok.status == 200);
  CHECK(ok.json()["allowed"] == true);
  CHECK(ok.json()["origin"] == "http://localhost:3000");
  CHECK(ok.headers[http::field::access_control_allow_origin] == "*");
  // A refused page must be able to read the answer: CORS * on it too.
  auto refused = test::http_request(port, http::verb::get, "/api/origin", "", "", "https://evil.example");
  CHECK(refused.status == 200);
  CHECK(refused.json()["allowed"] == false);
  CHECK(refused.json()["origin"] == "https://evil.example");
  CHECK(refused.headers[http::field::access_control_allow_origin] == "*");
  auto none = test::http_request(port, http::verb::get, "/api/origin");
  CHECK(none.json()["allowed"] == true);
  CHECK(none.json()["origin"].is_null());
  // Only "scheme://host[:port]" as a browser writes it: "localhost:1@evil.example"
  // is a user "localhost" at evil.example, and the rest no browser sends.
  for (const char* forged : {"http://localhost:3000@evil.example", "http://localhost:3000/page", "http://localhost:x",
                             "http://localhost:", "http://LOCALHOST:3000", "http://[::1", "http://localhost:3000?q",
                             "http://local host", "null"}) {
    INFO(forged);
    auto r = test::http_request(port, http::verb::get, "/api/origin", "", "", forged);
    CHECK(r.status == 200);
    CHECK(r.json()["allowed"] == false);
  }
  for (const char* browser : {"http://localhost", "https://localhost:8443", "http://127.0.0.1:3000", "http://[::1]:3000"}) {
    INFO(browser);
    CHECK(test::http_request(port, http::verb::get, "/api/origin", "", "", browser).json()["allowed"] == true);
  }
}

TEST_CASE("Server_AllowedOrigins_AnEntryThatIsNotAFullOriginIsWarnedAbout", "[server]") {
  test::ServerProcess s({"--allowed-origins", "sekolah.test,https://ok.example,HTTPS://Upper.example/page"});
  std::string out = s.output();
  CHECK_THAT(out, Catch::Contains("\"sekolah.test\" is not a full origin") && Catch::Contains("\"https://sekolah.test\""));
  CHECK_THAT(out, Catch::Contains("\"HTTPS://Upper.example/page\" is not a full origin") &&
                      Catch::Contains("\"https://upper.example\""));
  CHECK_THAT(out, !Catch::Contains("\"https://ok.example\" is not"));
}

TEST_CASE("Server_DemoPage_NamesTheKnowledgeServed", "[server]") {
  auto page = test::http_request(server().port(), http::verb::get, "/");
  CHECK(page.status == 200);
  CHECK_THAT(page.body, Catch::Contains("<h1>Latar Belakang Kerja Sama Bilateral dan Strategi Diplomasi Internasional</h1>"));
  CHECK_THAT(page.body, Catch::Contains("<p class=\"lead\">Pelajari latar belakang kerja sama bilateral"));
  CHECK_THAT(page.body, !Catch::Contains("{{"));
  CHECK(std::string(page.headers[http::field::cache_control]) == "no-cache");
  auto again = test::http_request(server().port(), http::verb::get, "/index.html");
  CHECK(again.body == page.body);
}

TEST_CASE("Server_AskedOnAnArticlesPage_ThatArticleAnswersFirst", "[server]") {
  // A site of two articles with the same words: the widget on a page sends
  // its article, over the WebSocket and /api/ask, and that article answers.
  test::TempDir dir;
  const std::string knowledge = dir.path() + "/knowledge";
  std::filesystem::create_directory(knowledge);
  std::ofstream(knowledge + "/kantin-gedung-a.md")
      << "# Kantin Gedung A\n\n## Jam Buka\n\nKantin gedung A buka setiap hari sekolah pukul 06.30 sampai 14.00.\n";
  std::ofstream(knowledge + "/kantin-gedung-b.md")
      << "# Kantin Gedung B\n\n## Jam Buka\n\nKantin gedung B buka setiap hari sekolah pukul 09.00 sampai 16.30.\n";
  test::ServerProcess s({"--knowledge", knowledge}, {{"TANYA_CACHE_DIR", dir.path()}});
  for (const char* page : {"kantin-gedung-a", "kantin-gedung-b"}) {
    CAPTURE(page);
    test::WsClient ws(s.port());
    ws.send_text(json{{"type", "ask"}, {"id", 1}, {"text", "kantinnya buka jam berapa?"}, {"article", page}}.dump());
    json a = ws.read_json();
    REQUIRE(a["type"] == "answer");
    REQUIRE_FALSE(a["sources"].empty());
    CHECK(a["sources"][0]["article"] == page);
    auto r = test::http_request(s.port(), http::verb::post, "/api/ask",
                                json{{"text", "kantinnya buka jam berapa?"}, {"article", page}}.dump());
    REQUIRE(r.status == 200);
    REQUIRE_FALSE(r.json()["sources"].empty());
    CHECK(r.json()["sources"][0]["article"] == page);
  }
  // An article the site does not have is no error: the whole site answers.
  auto r = test::http_request(s.port(), http::verb::post, "/api/ask",
                              json{{"text", "kantinnya buka jam berapa?"}, {"article", "kantin-gedung-z"}}.dump());
  CHECK(r.status == 200);
  CHECK(r.json()["fallback"] == false);
}

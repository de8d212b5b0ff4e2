#pragma once
// One plain HTTP connection: reads requests (with header, body and time
// limits), answers the JSON API, the adapters, /admin, health, metrics and
// static files, and hands a WebSocket upgrade at /ws over to a
// websocket_session. Lifetime by shared_from_this in every handler; one
// request at a time on the socket's strand. Nothing here blocks the strand:
// questions go through the answering path, /admin reads run on the worker
// pool and reloads on the reload thread; their responses come back through
// respond(), posted onto the strand.
//
// A template on the stream so tests can run it in memory on Beast's
// test::stream (tests/session_test.cpp); the server uses http_session, on
// beast::tcp_stream. What only TCP has (deadlines, the peer's address, a
// half-close) goes through session_stream.hpp. The member definitions are in
// http_session_impl.hpp, compiled once per stream type: http_session.cpp for
// TCP, the test for test::stream. Nothing else includes that header.
#include <chrono>
#include <memory>
#include <optional>
#include <string>

#include "web/server/beast.hpp"
#include "web/server/shared_state.hpp"

namespace tanya {

template <class Stream>
class basic_http_session final : public std::enable_shared_from_this<basic_http_session<Stream>> {
 public:
  using Request = http::request<http::string_body>;
  using Response = http::response<http::string_body>;

  // `stream` on its own strand; `slot` is the connection's, passed on to the
  // WebSocket session on an upgrade.
  basic_http_session(Stream&& stream, std::shared_ptr<SharedState> state, ConnectionSlot slot, uint64_t id);
  void run();

 private:
  Stream stream_;
  beast::flat_buffer buffer_;
  std::shared_ptr<SharedState> state_;
  std::optional<ConnectionSlot> slot_;
  uint64_t id_;
  std::optional<http::request_parser<http::string_body>> parser_;
  // The request being answered, for the log line and the response's framing.
  std::string method_, path_;
  unsigned version_ = 11;
  bool keep_alive_ = false;
  std::chrono::steady_clock::time_point started_;

  void do_read();
  void on_header(beast::error_code ec, std::size_t bytes);
  void on_continue(beast::error_code ec, std::size_t bytes);  // "100 Continue" sent: now the body
  void read_body();
  void on_read(beast::error_code ec, std::size_t bytes);
  void upgrade(Request req);
  // Handlers return the response, or nullopt when it comes later through respond().
  std::optional<Response> handle(Request& req);
  std::optional<Response> handle_ask(Request& req);
  std::optional<Response> handle_adapter(const Adapter& adapter, Request& req);
  std::optional<Response> handle_admin(Request& req);
  std::optional<Response> handle_get(Request& req);
  Response error(const ProtocolError& e, Route route);
  // 405 with `Allow` (web/PROTOCOL.md: every route answers a wrong method so).
  Response not_allowed(Route route, const char* allow);
  // 429 with `Retry-After`: the seconds `buckets` takes to allow one more.
  Response too_many(Route route, const char* message, const RateBuckets& buckets);
  Response json(int status, std::string body) const;
  std::string client_address(const Request& req);
  // Runs `make` on the worker pool and responds with what it returns.
  void respond_later(std::function<Response()> make);
  void respond(Response res);  // on the strand: logs the request, then sends
  void send(Response res);
  void on_write(bool close, beast::error_code ec, std::size_t bytes);
  void do_close();
};

using http_session = basic_http_session<beast::tcp_stream>;
extern template class basic_http_session<beast::tcp_stream>;

}  // namespace tanya

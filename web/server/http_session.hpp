#pragma once
// One plain HTTP connection: reads requests (with header, body and time limits),
// answers the JSON API, health, metrics and static files, and hands a WebSocket
// upgrade at /ws over to a websocket_session. Lifetime by shared_from_this in
// every handler; one request at a time on the socket's strand.
#include <memory>
#include <optional>

#include "web/server/beast.hpp"
#include "web/server/shared_state.hpp"

namespace tanya {

class http_session : public std::enable_shared_from_this<http_session> {
  beast::tcp_stream stream_;
  beast::flat_buffer buffer_;
  std::shared_ptr<SharedState> state_;
  std::optional<ConnectionSlot> slot_;
  uint64_t id_;
  std::optional<http::request_parser<http::string_body>> parser_;

  void do_read();
  void on_header(beast::error_code ec, std::size_t bytes);
  void on_read(beast::error_code ec, std::size_t bytes);
  void send(http::response<http::string_body> res);
  void on_write(bool close, beast::error_code ec, std::size_t bytes);
  void do_close();
  // nullopt: the response comes later (an admin reload: admin_api.hpp).
  std::optional<http::response<http::string_body>> handle(http::request<http::string_body>& req);
  http::response<http::string_body> handle_adapter(const Adapter& adapter, http::request<http::string_body>& req);

 public:
  http_session(tcp::socket&& socket, std::shared_ptr<SharedState> state, ConnectionSlot slot, uint64_t id);
  void run();
};

}  // namespace tanya

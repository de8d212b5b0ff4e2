#pragma once
// One WebSocket connection at /ws: the chat protocol. Lifetime by
// shared_from_this in every handler; all work on the socket's strand; at most
// one async_write in flight, the rest queued. The connection is the
// conversation: its history lives here.
#include <deque>
#include <memory>
#include <string>

#include "bot/answer.hpp"
#include "web/server/beast.hpp"
#include "web/server/rate_limiter.hpp"
#include "web/server/shared_state.hpp"

namespace tanya {

class websocket_session : public std::enable_shared_from_this<websocket_session> {
  websocket::stream<beast::tcp_stream> ws_;
  beast::flat_buffer buffer_;
  std::shared_ptr<SharedState> state_;
  ConnectionSlot slot_;
  uint64_t id_;
  std::deque<std::shared_ptr<const std::string>> queue_;
  Conversation conversation_;
  // The last answers by id, so a vote can be stored with its question and answer.
  std::deque<std::pair<std::string, Reply>> recent_;
  TokenBucket bucket_;
  net::steady_timer idle_timer_;
  bool closing_ = false;

  void on_accept(beast::error_code ec);
  void do_read();
  void on_read(beast::error_code ec, std::size_t bytes);
  void on_send(std::shared_ptr<const std::string> message);  // on the strand
  void on_write(beast::error_code ec, std::size_t bytes);
  void on_close(beast::error_code ec);
  void arm_idle_timer();
  void do_close(websocket::close_reason reason);
  void store_feedback(const Reply& vote);

 public:
  websocket_session(tcp::socket&& socket, std::shared_ptr<SharedState> state, ConnectionSlot slot, uint64_t id);
  ~websocket_session();

  // Accepts the upgrade request that the HTTP session read.
  void run(http::request<http::string_body> req);
  // Queues a text message; safe from any thread.
  void send(std::shared_ptr<const std::string> message);
  // Sends a close frame with `reason`; safe from any thread.
  void close(websocket::close_reason reason);
};

}  // namespace tanya

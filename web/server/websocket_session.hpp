#pragma once
// One WebSocket connection at /ws: the chat protocol. Lifetime by
// shared_from_this in every I/O handler; the idle timer holds only a weak
// reference, so every close path (an error, 1009, 1007, a close frame) frees
// the session, and with it its connection slot, as soon as the last read or
// write returns. All work on the socket's strand; at most one async_write in
// flight, the rest queued. The connection is the conversation: it lives here
// and is answered through the answering path on this strand.
//
// A template on the stream so tests can run it in memory on Beast's
// test::stream (tests/session_test.cpp); the server uses websocket_session,
// on beast::tcp_stream. The member definitions are in websocket_session_impl.hpp,
// compiled once per stream type: websocket_session.cpp for TCP, the test for
// test::stream. Nothing else includes that header.
#include <deque>
#include <memory>
#include <nlohmann/json.hpp>
#include <string>

#include "bot/answer.hpp"
#include "web/server/beast.hpp"
#include "web/server/rate_limiter.hpp"
#include "web/server/shared_state.hpp"

namespace tanya {

template <class Stream>
class basic_websocket_session final : public websocket_connection,
                                      public std::enable_shared_from_this<basic_websocket_session<Stream>> {
  websocket::stream<Stream> ws_;
  beast::flat_buffer buffer_;
  std::shared_ptr<SharedState> state_;
  ConnectionSlot slot_;
  uint64_t id_;
  std::deque<std::shared_ptr<const std::string>> queue_;
  Conversation conversation_;
  // The last answers by id, so a vote can be stored with its question and answer.
  struct Recent {
    nlohmann::json id;
    std::string question, answer;
    double confidence = 0;
  };
  std::deque<Recent> recent_;
  TokenBucket bucket_;
  net::steady_timer idle_timer_;
  bool closing_ = false;

  void on_accept(beast::error_code ec);
  void do_read();
  void on_read(beast::error_code ec, std::size_t bytes);
  void handle(const std::string& payload);
  void on_answered(const nlohmann::json& id, AskResult r);
  void reply(std::string message);       // queues and reads the next message
  void on_send(std::shared_ptr<const std::string> message);  // on the strand
  void on_write(beast::error_code ec, std::size_t bytes);
  void on_close(beast::error_code ec);
  void arm_idle_timer();
  void do_close(websocket::close_reason reason);
  void store_feedback(const nlohmann::json& id, bool useful);

 public:
  // `stream` is the HTTP session's, whose upgrade request run() accepts.
  basic_websocket_session(Stream&& stream, std::shared_ptr<SharedState> state, ConnectionSlot slot, uint64_t id);
  ~basic_websocket_session();

  // Accepts the upgrade request that the HTTP session read.
  void run(http::request<http::string_body> req);
  // Queues a text message; safe from any thread.
  void send(std::shared_ptr<const std::string> message);
  // Sends a close frame with `reason`; safe from any thread.
  void close(websocket::close_reason reason) override;
};

using websocket_session = basic_websocket_session<beast::tcp_stream>;
extern template class basic_websocket_session<beast::tcp_stream>;

}  // namespace tanya

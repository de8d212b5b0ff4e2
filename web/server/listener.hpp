#pragma once
// Accepts connections and starts an http_session for each, on its own strand.
// Beyond the connection limit a new connection gets 503 and is closed.
#include <memory>

#include "web/server/beast.hpp"
#include "web/server/shared_state.hpp"

namespace tanya {

class listener : public std::enable_shared_from_this<listener> {
  net::io_context& ioc_;
  tcp::acceptor acceptor_;
  std::shared_ptr<SharedState> state_;

  void do_accept();
  void on_accept(beast::error_code ec, tcp::socket socket);
  void reject(tcp::socket socket);

 public:
  // Opens, binds and listens; `ec` reports a failure (port in use …).
  listener(net::io_context& ioc, tcp::endpoint endpoint, std::shared_ptr<SharedState> state, beast::error_code& ec);
  void run();
  void stop();  // stops accepting; safe from any thread
  unsigned short port() const { return acceptor_.local_endpoint().port(); }
};

}  // namespace tanya

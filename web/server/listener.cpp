#include "web/server/listener.hpp"

#include "web/server/http_session.hpp"
#include "web/server/log.hpp"

namespace tanya {

listener::listener(net::io_context& ioc, tcp::endpoint endpoint, std::shared_ptr<SharedState> state,
                   beast::error_code& ec)
    : ioc_(ioc), acceptor_(net::make_strand(ioc)), state_(std::move(state)) {
  acceptor_.open(endpoint.protocol(), ec);
  if (ec) return;
  acceptor_.set_option(net::socket_base::reuse_address(true), ec);
  if (ec) return;
  acceptor_.bind(endpoint, ec);
  if (ec) return;
  acceptor_.listen(net::socket_base::max_listen_connections, ec);
}

void listener::run() {
  if (!acceptor_.is_open()) return;
  do_accept();
}

void listener::stop() {
  net::post(acceptor_.get_executor(), [self = shared_from_this()] {
    beast::error_code ec;
    self->acceptor_.close(ec);
  });
}

void listener::do_accept() {
  // Each connection gets its own strand.
  acceptor_.async_accept(net::make_strand(ioc_), beast::bind_front_handler(&listener::on_accept, shared_from_this()));
}

void listener::on_accept(beast::error_code ec, tcp::socket socket) {
  if (ec == net::error::operation_aborted) return;  // stopped
  if (ec) {
    fail(ec, "accept", 0);
    if (ec == net::error::no_descriptors) spdlog::warn("accept: out of file descriptors");
  } else if (!state_->connections.try_open()) {
    state_->metrics.rejected_connection();
    reject(std::move(socket));
  } else {
    uint64_t id = state_->connections.next_id();
    std::make_shared<http_session>(beast::tcp_stream(std::move(socket)), state_,
                                   ConnectionSlot(state_->connections, false), id)
        ->run();
  }
  if (acceptor_.is_open()) do_accept();
}

void listener::reject(tcp::socket socket) {
  static const std::string kBusy =
      "HTTP/1.1 503 Service Unavailable\r\nContent-Type: application/json\r\nConnection: close\r\n"
      "Retry-After: 1\r\nContent-Length: 80\r\n\r\n"
      "{\"type\":\"error\",\"id\":null,\"code\":\"unavailable\",\"message\":\"too many connections\"}";
  auto sock = std::make_shared<tcp::socket>(std::move(socket));
  net::async_write(*sock, net::buffer(kBusy), [sock](beast::error_code, std::size_t) {
    beast::error_code ignored;
    sock->shutdown(tcp::socket::shutdown_both, ignored);
    sock->close(ignored);
  });
}

}  // namespace tanya

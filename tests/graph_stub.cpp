#include "tests/graph_stub.hpp"

#include <sys/socket.h>

#include <algorithm>
#include <boost/asio/ssl.hpp>

namespace tanya::test {

GraphStub::GraphStub(Script script, std::optional<CertAndKey> tls) : script_(std::move(script)) {
  if (tls) {
    ssl_ = std::make_unique<net::ssl::context>(net::ssl::context::tls_server);
    ssl_->use_certificate_chain(net::buffer(tls->cert_pem));
    ssl_->use_private_key(net::buffer(tls->key_pem), net::ssl::context::pem);
  }
  tcp::endpoint ep{net::ip::make_address("127.0.0.1"), 0};
  acceptor_.open(ep.protocol());
  acceptor_.set_option(net::socket_base::reuse_address(true));
  acceptor_.bind(ep);
  acceptor_.listen();
  port_ = acceptor_.local_endpoint().port();
  accept_thread_ = std::thread([this] {
    while (!stopping_) {
      beast::error_code ec;
      tcp::socket s(ioc_);
      acceptor_.accept(s, ec);
      if (ec || stopping_) break;
      ++connections_;
      std::lock_guard<std::mutex> lock(mu_);
      open_fds_.push_back(s.native_handle());
      threads_.emplace_back([this, s = std::move(s)]() mutable { serve(std::move(s)); });
    }
  });
}

GraphStub::~GraphStub() {
  stopping_ = true;
  {
    // Wakes the accept() with a connection of our own, then every reader.
    beast::error_code ec;
    net::io_context ioc;
    tcp::socket wake(ioc);
    wake.connect({net::ip::make_address("127.0.0.1"), port_}, ec);
  }
  accept_thread_.join();
  std::vector<std::thread> threads;
  {
    std::lock_guard<std::mutex> lock(mu_);
    for (int fd : open_fds_) ::shutdown(fd, SHUT_RDWR);
    threads.swap(threads_);
  }
  for (auto& t : threads) t.join();
}

void GraphStub::serve(tcp::socket socket) {
  if (!ssl_) {
    exchange(socket);
  } else {
    net::ssl::stream<tcp::socket&> tls(socket, *ssl_);
    beast::error_code ec;
    tls.handshake(net::ssl::stream_base::server, ec);
    if (ec) ++tls_refused_;
    else exchange(tls);
  }
  {
    // Off the list before the descriptor closes: it may be reused at once.
    std::lock_guard<std::mutex> lock(mu_);
    open_fds_.erase(std::remove(open_fds_.begin(), open_fds_.end(), socket.native_handle()), open_fds_.end());
  }
  beast::error_code ec;
  socket.shutdown(tcp::socket::shutdown_both, ec);
}

template <class Stream>
void GraphStub::exchange(Stream& socket) {
  beast::flat_buffer buffer;
  for (;;) {
    http::request<http::string_body> req;
    beast::error_code ec;
    http::read(socket, buffer, req, ec);
    if (ec || stopping_) break;
    GraphCall call;
    call.target = std::string(req.target());
    call.authorization = std::string(req[http::field::authorization]);
    call.body = nlohmann::json::parse(req.body(), nullptr, false);
    if (call.body.is_object() && call.body.contains("to") && call.body["to"].is_string()) call.to = call.body["to"];
    call.at = std::chrono::steady_clock::now();
    int attempt = 1;
    {
      std::lock_guard<std::mutex> lock(mu_);
      for (const auto& c : calls_) attempt += c.to == call.to ? 1 : 0;
    }
    Reply reply = script_ ? script_(call.to, attempt) : Reply{};
    call.status = reply.hang ? 0 : reply.status;
    {
      std::lock_guard<std::mutex> lock(mu_);
      calls_.push_back(call);
    }
    if (reply.hang) continue;  // no answer; the next read returns when the client gives up
    http::response<http::string_body> res{static_cast<http::status>(reply.status), req.version()};
    res.set(http::field::content_type, "application/json");
    if (!reply.retry_after.empty()) res.set(http::field::retry_after, reply.retry_after);
    if (reply.status == 200)
      res.body() = nlohmann::json{{"messaging_product", "whatsapp"},
                                  {"contacts", {{{"input", call.to}, {"wa_id", call.to}}}},
                                  {"messages", {{{"id", "wamid.stub-" + std::to_string(attempt)}}}}}
                       .dump();
    else
      res.body() = nlohmann::json{{"error", {{"message", "stub error"}, {"type", "OAuthException"},
                                             {"code", reply.status == 429 ? 130429 : 131000}}}}
                       .dump();
    res.keep_alive(req.keep_alive());
    res.prepare_payload();
    http::write(socket, res, ec);
    if (ec || !req.keep_alive()) break;
  }
}

std::vector<GraphCall> GraphStub::calls() const {
  std::lock_guard<std::mutex> lock(mu_);
  return calls_;
}

std::vector<GraphCall> GraphStub::calls_to(const std::string& to) const {
  std::vector<GraphCall> out;
  for (auto& c : calls())
    if (c.to == to) out.push_back(c);
  return out;
}

bool GraphStub::wait_for(const std::string& to, size_t n, std::chrono::milliseconds timeout) const {
  auto until = std::chrono::steady_clock::now() + timeout;
  while (std::chrono::steady_clock::now() < until) {
    if (calls_to(to).size() >= n) return true;
    std::this_thread::sleep_for(std::chrono::milliseconds(10));
  }
  return calls_to(to).size() >= n;
}

}  // namespace tanya::test

#pragma once
// A stand-in for the WhatsApp Graph API, for tests and the bench: a real HTTP
// server on loopback (one thread per connection, keep-alive honoured) that
// records every call and answers as a script says — 200, an error status with
// an optional Retry-After, or nothing at all (the connection is held open).
// Plain HTTP, or HTTPS with a given certificate (counting the handshakes the
// client refused).
#include <atomic>
#include <chrono>
#include <functional>
#include <memory>
#include <mutex>
#include <nlohmann/json.hpp>
#include <optional>
#include <string>
#include <thread>
#include <vector>

#include <boost/asio/ssl/context.hpp>

#include "tests/test_certs.hpp"
#include "web/server/beast.hpp"

namespace tanya::test {

struct GraphCall {
  std::string target;
  std::string authorization;
  std::string to;  // the body's "to"
  nlohmann::json body;
  int status = 0;  // what the stub answered (0: nothing)
  std::chrono::steady_clock::time_point at;
};

class GraphStub {
 public:
  struct Reply {
    int status = 200;
    std::string retry_after;
    bool hang = false;  // never answer
  };
  // `attempt` counts the calls for the same recipient, from 1.
  using Script = std::function<Reply(const std::string& to, int attempt)>;
  // `tls`: serve HTTPS with this certificate and key (PEM) instead of HTTP.
  explicit GraphStub(Script script = nullptr, std::optional<CertAndKey> tls = std::nullopt);
  ~GraphStub();
  GraphStub(const GraphStub&) = delete;
  GraphStub& operator=(const GraphStub&) = delete;

  unsigned short port() const { return port_; }
  std::vector<GraphCall> calls() const;
  std::vector<GraphCall> calls_to(const std::string& to) const;
  size_t connections() const { return connections_.load(); }
  size_t tls_refused() const { return tls_refused_.load(); }  // TLS handshakes that failed
  // Waits until at least `n` calls went to `to` (true), or `timeout` passes (false).
  bool wait_for(const std::string& to, size_t n, std::chrono::milliseconds timeout = std::chrono::seconds(15)) const;

 private:
  void serve(tcp::socket socket);
  template <class Stream>
  void exchange(Stream& stream);
  Script script_;
  std::unique_ptr<net::ssl::context> ssl_;
  net::io_context ioc_;
  tcp::acceptor acceptor_{ioc_};
  unsigned short port_ = 0;
  std::atomic<bool> stopping_{false};
  std::atomic<size_t> connections_{0}, tls_refused_{0};
  mutable std::mutex mu_;
  std::vector<GraphCall> calls_;
  std::vector<int> open_fds_;
  std::vector<std::thread> threads_;
  std::thread accept_thread_;
};

}  // namespace tanya::test

#pragma once
// The open connections: the slots under --max-connections (each held by a
// ConnectionSlot for the life of its connection) and the WebSocket sessions by
// address, so shutdown can close them all. Thread-safe: atomics and one mutex.
#include <atomic>
#include <cstdint>
#include <memory>
#include <mutex>
#include <unordered_map>
#include <vector>

#include "web/server/beast.hpp"
#include "web/server/metrics.hpp"

namespace tanya {

// What shutdown needs of an open WebSocket, whatever stream it runs on (the
// session is a template: TCP in the server, in memory in tests): a close
// frame, sent from any thread. The registry below holds sessions by it.
class websocket_connection {
 public:
  virtual void close(websocket::close_reason reason) = 0;

 protected:
  ~websocket_connection() = default;
};

class Connections {
 public:
  Connections(int64_t max, Metrics& metrics) : max_(max), metrics_(metrics) {}
  // A slot: false when the limit is reached.
  bool try_open();
  void release() { open_.fetch_sub(1); }
  uint64_t next_id() { return next_id_++; }
  Metrics& metrics() { return metrics_; }

  // Slots held now (HTTP and WebSocket), for tests of the close paths.
  int64_t open() const { return open_.load(); }

  void join(websocket_connection* s, std::weak_ptr<websocket_connection> w);
  void leave(websocket_connection* s);
  std::vector<std::weak_ptr<websocket_connection>> sessions() const;
  size_t session_count() const;

 private:
  const int64_t max_;
  Metrics& metrics_;
  std::atomic<int64_t> open_{0};
  std::atomic<uint64_t> next_id_{1};
  mutable std::mutex sessions_mu_;
  std::unordered_map<websocket_connection*, std::weak_ptr<websocket_connection>> sessions_;
};

// Holds one connection slot and gives it back when destroyed; moves with the
// connection from the HTTP session to the WebSocket session. The Connections
// must outlive it (it lives in the shared state every session holds).
class ConnectionSlot {
 public:
  ConnectionSlot(Connections& c, bool websocket) : c_(&c), websocket_(websocket) {
    c_->metrics().connection_opened(websocket_);
  }
  ~ConnectionSlot() {
    if (!c_) return;
    c_->metrics().connection_closed(websocket_);
    c_->release();
  }
  ConnectionSlot(ConnectionSlot&& o) noexcept : c_(std::exchange(o.c_, nullptr)), websocket_(o.websocket_) {}
  ConnectionSlot(const ConnectionSlot&) = delete;
  ConnectionSlot& operator=(const ConnectionSlot&) = delete;
  ConnectionSlot& operator=(ConnectionSlot&&) = delete;
  // The same slot, now counted as a WebSocket.
  void upgrade() {
    c_->metrics().connection_closed(websocket_);
    websocket_ = true;
    c_->metrics().connection_opened(true);
  }

 private:
  Connections* c_;
  bool websocket_;
};

}  // namespace tanya

#pragma once
// What every connection shares: the engine (swapped atomically on reload), the
// limits, the metrics, the conversations of /api/ask, the static files and the
// set of open WebSocket sessions (to close them all on shutdown).
// Thread-safe: every member is immutable, atomic or behind its own mutex.
#include <atomic>
#include <chrono>
#include <memory>
#include <mutex>
#include <nlohmann/json.hpp>
#include <string>
#include <string_view>
#include <unordered_map>
#include <vector>

#include "bot/engine.hpp"
#include "web/channels/adapter.hpp"
#include "web/server/beast.hpp"
#include "web/cli/config.hpp"
#include "web/stores/event_log.hpp"
#include "web/stores/conversation_store.hpp"
#include "web/server/metrics.hpp"
#include "web/server/protocol.hpp"
#include "web/server/rate_limiter.hpp"
#include "web/stores/reload_channel.hpp"
#include "web/server/static_files.hpp"

namespace tanya {

class websocket_session;

struct ServerLimits {
  size_t max_message = 16384;
  size_t max_body = 16384;
  size_t max_header = 8192;
  int64_t max_connections = 10000;
  double rate = 10;
  double burst = 20;
  std::chrono::seconds idle_timeout{300};
  std::chrono::seconds handshake_timeout{10};
  ProtocolLimits protocol;
};

ServerLimits limits_from(const Config& config);

struct ReloadReport {
  std::string db_path;
  size_t units = 0;
  bool built = false;
  double millis = 0;
  std::vector<std::string> problems;
};

class SharedState {
 public:
  SharedState(const Config& config, std::shared_ptr<const Analyzer> analyzer, EngineOptions options,
              std::shared_ptr<const Engine> engine, StaticFiles files, std::unique_ptr<EventLog> events,
              std::unique_ptr<ConversationStore> conversations);

  std::shared_ptr<const Engine> engine() const { return engine_.load(); }
  // Rebuilds the index if the knowledge changed and swaps the new engine in
  // atomically: answers in flight finish on the old one. On failure the old
  // engine stays. Blocks for the build: call it off the I/O threads.
  Result<ReloadReport> reload();
  const EngineOptions& engine_options() const { return engine_options_; }

  // Counts every answer for the console's charts (lock-free) and records a
  // question that fell back or got low confidence (no-op without an event log).
  void record_answer(const std::string& channel, const std::string& question, const Answer& answer, double seconds);
  EventLog* events() { return events_.get(); }
  const std::vector<std::unique_ptr<Adapter>>& adapters() const { return adapters_; }
  // Admin is enabled only with a token; comparison in constant time.
  bool admin_enabled() const { return !admin_token_.empty(); }
  bool admin_authorized(std::string_view authorization_header) const;

  const ServerLimits& limits() const { return limits_; }
  Metrics& metrics() { return metrics_; }
  ConversationStore& conversations() { return *conversations_; }
  // Set once before serving when replicas share a Redis; null otherwise.
  void set_reload_channel(std::unique_ptr<ReloadChannel> c) { reload_channel_ = std::move(c); }
  ReloadChannel* reload_channel() { return reload_channel_.get(); }
  const StaticFiles& files() const { return files_; }
  bool json_logs() const { return json_logs_; }

  // A browser Origin is allowed when it is the page's own (same host), or in
  // the allowlist ("localhost" = any localhost port, "*" = any). No Origin
  // header means no browser, which is allowed.
  bool origin_allowed(std::string_view origin, std::string_view host) const;

  // Connection slots: false when the limit is reached.
  bool try_open_connection();
  void release_connection();
  uint64_t next_id() { return next_id_++; }

  // The HTTP API's rate limit, per client address (a token bucket each).
  bool allow_request(const std::string& address);
  // The client's address: the peer's, or the X-Real-IP header's when the peer
  // is a trusted proxy (--trusted-proxies); behind nginx every peer is nginx.
  std::string client_address(net::ip::address peer, std::string_view real_ip) const;

  void join(websocket_session* s, std::weak_ptr<websocket_session> w);
  void leave(websocket_session* s);
  std::vector<std::weak_ptr<websocket_session>> sessions() const;
  size_t session_count() const;

  std::atomic<bool> stopping{false};

  // Echo mode (tanya-echo): set once before serving.
  void set_echo_answer(nlohmann::json answer) { echo_answer_ = std::move(answer); }
  const nlohmann::json* echo_answer() const { return echo_answer_.is_null() ? nullptr : &echo_answer_; }

 private:
  std::shared_ptr<const Analyzer> analyzer_;
  EngineOptions engine_options_;
  std::atomic<std::shared_ptr<const Engine>> engine_;
  std::mutex reload_mu_;
  std::unique_ptr<EventLog> events_;
  std::vector<std::unique_ptr<Adapter>> adapters_;
  std::string admin_token_;
  nlohmann::json echo_answer_;
  ServerLimits limits_;
  Metrics metrics_;
  std::unique_ptr<ConversationStore> conversations_;
  std::unique_ptr<ReloadChannel> reload_channel_;
  StaticFiles files_;
  std::vector<std::string> allowed_origins_;
  std::vector<net::ip::network_v4> trusted_v4_;  // canonical: host bits cleared
  std::vector<net::ip::network_v6> trusted_v6_;
  bool json_logs_ = false;
  std::atomic<int64_t> connections_{0};
  std::atomic<uint64_t> next_id_{1};
  std::mutex buckets_mu_;
  std::unordered_map<std::string, TokenBucket> buckets_;
  mutable std::mutex sessions_mu_;
  std::unordered_map<websocket_session*, std::weak_ptr<websocket_session>> sessions_;
};

// Holds one connection slot and gives it back when destroyed; moves with the
// connection from the HTTP session to the WebSocket session.
class ConnectionSlot {
 public:
  ConnectionSlot(std::shared_ptr<SharedState> state, bool websocket) : state_(std::move(state)), websocket_(websocket) {
    state_->metrics().connection_opened(websocket_);
  }
  ~ConnectionSlot() {
    if (!state_) return;
    state_->metrics().connection_closed(websocket_);
    state_->release_connection();
  }
  ConnectionSlot(ConnectionSlot&& o) noexcept : state_(std::move(o.state_)), websocket_(o.websocket_) {}
  ConnectionSlot(const ConnectionSlot&) = delete;
  ConnectionSlot& operator=(const ConnectionSlot&) = delete;
  // The same slot, now counted as a WebSocket.
  void upgrade() {
    state_->metrics().connection_closed(websocket_);
    websocket_ = true;
    state_->metrics().connection_opened(true);
  }

 private:
  std::shared_ptr<SharedState> state_;
  bool websocket_;
};

}  // namespace tanya

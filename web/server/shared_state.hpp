#pragma once
// What every connection shares, one part per job: the limits, the access
// policy, the rate limits, the engine and its reloads, the answering path and
// the worker pool it uses, the conversation store, the event log, the
// metrics, the open connections, the static files and the adapters.
// Thread-safe: every part is immutable or guards itself. Built once before
// serving; sessions hold it by shared_ptr.
#include <atomic>
#include <memory>
#include <nlohmann/json.hpp>
#include <vector>

#include "web/channels/adapter.hpp"
#include "web/server/access_policy.hpp"
#include "web/server/answering.hpp"
#include "web/server/beast.hpp"
#include "web/server/connections.hpp"
#include "web/server/limits.hpp"
#include "web/server/metrics.hpp"
#include "web/server/rate_limiter.hpp"
#include "web/server/reloader.hpp"
#include "web/server/static_files.hpp"
#include "web/stores/conversation_store.hpp"
#include "web/stores/event_log.hpp"
#include "web/stores/reload_channel.hpp"

namespace tanya {

// Threads for work that may block and so must not run on an I/O strand: a
// conversation store on Redis (timeout 500 ms), reading the event log for
// /admin. Four: enough to keep Redis round trips overlapping under load while
// an unreachable Redis ties up at most four threads, not the I/O threads.
inline constexpr size_t kWorkerThreads = 4;

struct SharedState {
  SharedState(const Config& config, std::unique_ptr<Reloader> reloader, StaticFiles files,
              std::unique_ptr<EventLog> events, std::unique_ptr<ConversationStore> conversations);
  ~SharedState();

  const ServerLimits limits;
  const OriginPolicy origins;
  const TrustedProxies proxies;
  const AdminAuth admin;
  const StaticFiles files;
  const std::vector<std::unique_ptr<Adapter>> adapters;
  const bool json_logs;
  Metrics metrics;
  Connections connections{limits.max_connections, metrics};
  // The HTTP API's limit per client address, and the adapters' per sender.
  RateBuckets by_address{limits.rate, limits.burst};
  RateBuckets by_sender{limits.rate, limits.burst};
  std::unique_ptr<EventLog> events;                     // may be null
  std::unique_ptr<ConversationStore> conversations;
  std::unique_ptr<Reloader> reloader;
  std::unique_ptr<ReloadChannel> reload_channel;        // set once before serving when replicas share a Redis
  net::thread_pool workers{kWorkerThreads};
  Answering answering;
  std::atomic<bool> stopping{false};
  // Echo mode (tanya-echo): every ask gets this answer object; set once before serving.
  nlohmann::json echo_answer;

  std::shared_ptr<const Engine> engine() const { return reloader->engine(); }
  // After the I/O threads stopped, before the io_context goes: stops the
  // adapters' background work, finishes the work in flight, stops the reload
  // thread and the reload channel, and commits the event log. Idempotent.
  void drain();
};

}  // namespace tanya

#pragma once
// Counters for GET /metrics (Prometheus text format). Lock-free: every counter
// is an atomic, safe to bump from any thread.
#include <array>
#include <atomic>
#include <cstdint>
#include <string>

#include "web/server/error_code.hpp"

namespace tanya {

enum class Transport { ws, http, adapter, count };
enum class Route { api_ask, healthz, metrics, static_file, ws_upgrade, adapter, admin, not_found, api_origin, count };

class Metrics {
 public:
  void request(Route route, int status);
  void answer(Transport t, const std::string& intent, bool fallback, double seconds);
  void error(ErrorCode code) { errors_[static_cast<size_t>(code)]++; }
  void connection_opened(bool websocket) { (websocket ? ws_open_ : http_open_)++; }
  void connection_closed(bool websocket) { (websocket ? ws_open_ : http_open_)--; }
  void rejected_connection() { rejected_++; }
  std::string render() const;

 private:
  static constexpr int kIntents = 6;
  static constexpr int kStatusClasses = 5;  // 1xx–5xx
  static constexpr std::array<double, 12> kBuckets = {0.00005, 0.0001, 0.00025, 0.0005, 0.001, 0.0025,
                                                       0.005,   0.01,   0.025,   0.05,   0.1,   1.0};
  std::atomic<int64_t> requests_[static_cast<int>(Route::count)][kStatusClasses] = {};
  std::atomic<int64_t> answers_[static_cast<int>(Transport::count)][kIntents] = {};
  std::atomic<int64_t> fallbacks_[static_cast<int>(Transport::count)] = {};
  std::atomic<int64_t> errors_[kErrorCodes.size()] = {};
  std::atomic<int64_t> latency_buckets_[kBuckets.size() + 1] = {};
  std::atomic<int64_t> latency_count_{0};
  std::atomic<int64_t> latency_sum_ns_{0};
  std::atomic<int64_t> ws_open_{0}, http_open_{0}, rejected_{0};
};

}  // namespace tanya

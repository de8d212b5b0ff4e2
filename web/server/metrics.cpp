#include "web/server/metrics.hpp"

#include <cstdio>

namespace tanya {

namespace {

const char* kIntentNames[] = {"question", "greeting", "thanks", "goodbye", "identity", "help"};
const char* kTransportNames[] = {"ws", "http", "adapter"};
const char* kRouteNames[] = {"api_ask", "healthz", "metrics",   "static",    "ws_upgrade",
                             "adapter", "admin",   "not_found", "api_origin"};

template <size_t N>
int index_of(const char* const (&names)[N], const std::string& name) {
  for (size_t i = 0; i < N; ++i)
    if (name == names[i]) return static_cast<int>(i);
  return -1;
}

}  // namespace

void Metrics::request(Route route, int status) {
  int cls = status / 100 - 1;
  if (cls < 0 || cls >= kStatusClasses) cls = kStatusClasses - 1;
  requests_[static_cast<int>(route)][cls]++;
}

void Metrics::answer(Transport t, const std::string& intent, bool fallback, double seconds) {
  int i = index_of(kIntentNames, intent);
  answers_[static_cast<int>(t)][i < 0 ? 0 : i]++;
  if (fallback) fallbacks_[static_cast<int>(t)]++;
  size_t b = 0;
  while (b < kBuckets.size() && seconds > kBuckets[b]) ++b;
  latency_buckets_[b]++;
  latency_count_++;
  latency_sum_ns_ += static_cast<int64_t>(seconds * 1e9);
}

std::string Metrics::render() const {
  std::string out;
  char line[256];
  out += "# HELP tanya_http_requests_total HTTP requests by route and status class.\n# TYPE tanya_http_requests_total counter\n";
  for (int r = 0; r < static_cast<int>(Route::count); ++r)
    for (int c = 0; c < kStatusClasses; ++c) {
      std::snprintf(line, sizeof line, "tanya_http_requests_total{route=\"%s\",status=\"%dxx\"} %lld\n", kRouteNames[r],
                    c + 1, static_cast<long long>(requests_[r][c].load()));
      out += line;
    }
  out += "# HELP tanya_answers_total Answers by transport and intent.\n# TYPE tanya_answers_total counter\n";
  for (int t = 0; t < static_cast<int>(Transport::count); ++t)
    for (int i = 0; i < kIntents; ++i) {
      std::snprintf(line, sizeof line, "tanya_answers_total{transport=\"%s\",intent=\"%s\"} %lld\n",
                    kTransportNames[t], kIntentNames[i], static_cast<long long>(answers_[t][i].load()));
      out += line;
    }
  out += "# HELP tanya_fallbacks_total Answers that found nothing confident.\n# TYPE tanya_fallbacks_total counter\n";
  for (int t = 0; t < static_cast<int>(Transport::count); ++t) {
    std::snprintf(line, sizeof line, "tanya_fallbacks_total{transport=\"%s\"} %lld\n", kTransportNames[t],
                  static_cast<long long>(fallbacks_[t].load()));
    out += line;
  }
  out += "# HELP tanya_errors_total Protocol errors sent, by code.\n# TYPE tanya_errors_total counter\n";
  for (const auto& e : kErrorCodes) {
    std::snprintf(line, sizeof line, "tanya_errors_total{code=\"%.*s\"} %lld\n", static_cast<int>(e.name.size()),
                  e.name.data(), static_cast<long long>(errors_[static_cast<size_t>(e.code)].load()));
    out += line;
  }
  out += "# HELP tanya_open_connections Connections open now.\n# TYPE tanya_open_connections gauge\n";
  std::snprintf(line, sizeof line, "tanya_open_connections{kind=\"websocket\"} %lld\ntanya_open_connections{kind=\"http\"} %lld\n",
                static_cast<long long>(ws_open_.load()), static_cast<long long>(http_open_.load()));
  out += line;
  out += "# HELP tanya_rejected_connections_total Connections refused at the connection limit.\n# TYPE tanya_rejected_connections_total counter\n";
  std::snprintf(line, sizeof line, "tanya_rejected_connections_total %lld\n", static_cast<long long>(rejected_.load()));
  out += line;
  out += "# HELP tanya_answer_latency_seconds Time to answer a question.\n# TYPE tanya_answer_latency_seconds histogram\n";
  int64_t cumulative = 0;
  for (size_t b = 0; b <= kBuckets.size(); ++b) {
    cumulative += latency_buckets_[b].load();
    if (b < kBuckets.size())
      std::snprintf(line, sizeof line, "tanya_answer_latency_seconds_bucket{le=\"%g\"} %lld\n", kBuckets[b],
                    static_cast<long long>(cumulative));
    else
      std::snprintf(line, sizeof line, "tanya_answer_latency_seconds_bucket{le=\"+Inf\"} %lld\n",
                    static_cast<long long>(cumulative));
    out += line;
  }
  std::snprintf(line, sizeof line, "tanya_answer_latency_seconds_sum %.9f\ntanya_answer_latency_seconds_count %lld\n",
                latency_sum_ns_.load() / 1e9, static_cast<long long>(latency_count_.load()));
  out += line;
  return out;
}

}  // namespace tanya

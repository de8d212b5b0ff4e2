#include "web/channels/outbound_queue.hpp"

#include <spdlog/spdlog.h>

#include <algorithm>
#include <cmath>
#include <cstdio>
#include <cstdlib>

namespace tanya {

RetryDecision decide_retry(const Result<ClientResponse>& r, int attempts_made, const OutboundOptions& o,
                           double random01) {
  using Outcome = RetryDecision::Outcome;
  RetryDecision d;
  bool transient = false;
  std::chrono::milliseconds asked{0};
  if (!r) {
    d.why = r.error().code + ": " + r.error().message;
    // A certificate the client refuses will be refused again: no retry.
    transient = r.error().code != "tls";
  } else {
    int status = r->status;
    d.why = "HTTP " + std::to_string(status);
    if (status >= 200 && status < 300) return {Outcome::delivered, {}, d.why};
    transient = status == 429 || status >= 500;
    // Retry-After in seconds (the Graph API's form); an HTTP date is not honoured.
    const std::string& ra = r->retry_after;
    if (transient && !ra.empty() && ra.size() < 10 && ra.find_first_not_of("0123456789") == std::string::npos) {
      asked = std::chrono::seconds(std::atol(ra.c_str()));
      if (asked > kMaxRetryAfter) {
        d.why += ", Retry-After " + ra + " s is too long to wait";
        return d;
      }
    }
  }
  if (!transient) return d;
  if (attempts_made >= o.max_attempts) {
    d.why += " after " + std::to_string(attempts_made) + " attempts";
    return d;
  }
  // Exponential backoff with "equal jitter": half the step fixed, half random,
  // so replicas that failed together do not retry together.
  double step = std::min<double>(o.max_delay.count(), o.base_delay.count() * std::pow(2.0, attempts_made - 1));
  auto delay = std::chrono::milliseconds(static_cast<int64_t>(step / 2 + random01 * step / 2));
  d.outcome = Outcome::retry;
  d.delay = std::max(delay, std::chrono::duration_cast<std::chrono::milliseconds>(asked));
  return d;
}

OutboundQueue::OutboundQueue(net::any_io_executor executor, Send send, OutboundOptions options, std::string name)
    : executor_(std::move(executor)),
      send_(std::move(send)),
      options_(options),
      name_(std::move(name)),
      jitter_state_(static_cast<uint64_t>(std::chrono::steady_clock::now().time_since_epoch().count()) | 1) {}

bool OutboundQueue::reserve(size_t n) {
  int64_t cur = reserved_.load();
  do {
    if (cur + static_cast<int64_t>(n) > static_cast<int64_t>(options_.capacity)) {
      refused_ += static_cast<int64_t>(n);
      return false;
    }
  } while (!reserved_.compare_exchange_weak(cur, cur + static_cast<int64_t>(n)));
  return true;
}

void OutboundQueue::release(size_t n) { reserved_ -= static_cast<int64_t>(n); }

void OutboundQueue::push(const std::string& recipient, std::vector<std::string> bodies) {
  if (bodies.empty()) return;
  net::post(executor_, [self = shared_from_this(), recipient, bodies = std::move(bodies)]() mutable {
    if (self->stopped_) return self->release(bodies.size());
    auto& lane = self->lanes_[recipient];
    bool idle = lane.empty();
    for (auto& b : bodies) lane.push_back(Item{std::move(b), 0});
    if (idle) self->ready_.push_back(recipient);
    self->pump();
  });
}

void OutboundQueue::stop() {
  net::post(executor_, [self = shared_from_this()] {
    self->stopped_ = true;
    for (auto& t : self->waits_) t->cancel();
    self->waits_.clear();
    for (auto& [r, lane] : self->lanes_) self->release(lane.size());
    self->lanes_.clear();
    self->ready_.clear();
  });
}

void OutboundQueue::pump() {
  while (!stopped_ && in_flight_ < options_.max_in_flight && !ready_.empty()) {
    std::string r = std::move(ready_.front());
    ready_.pop_front();
    start(r);
  }
}

void OutboundQueue::start(const std::string& recipient) {
  auto it = lanes_.find(recipient);
  if (it == lanes_.end() || it->second.empty()) return;
  Item& item = it->second.front();
  ++item.attempts;
  ++in_flight_;
  auto started = std::chrono::steady_clock::now();
  send_(item.body, [self = shared_from_this(), recipient, started](Result<ClientResponse> r) {
    double seconds = std::chrono::duration<double>(std::chrono::steady_clock::now() - started).count();
    self->finish(recipient, std::move(r), seconds);
  });
}

void OutboundQueue::finish(const std::string& recipient, Result<ClientResponse> result, double seconds) {
  --in_flight_;
  observe(seconds);
  auto it = lanes_.find(recipient);
  if (stopped_ || it == lanes_.end() || it->second.empty()) return;
  auto& lane = it->second;
  // xorshift64: jitter needs spread, not secrecy.
  jitter_state_ ^= jitter_state_ << 13;
  jitter_state_ ^= jitter_state_ >> 7;
  jitter_state_ ^= jitter_state_ << 17;
  double random01 = static_cast<double>(jitter_state_ >> 11) / static_cast<double>(1ULL << 53);
  RetryDecision d = decide_retry(result, lane.front().attempts, options_, random01);
  using Outcome = RetryDecision::Outcome;
  if (d.outcome == Outcome::retry) {
    ++retries_;
    spdlog::warn("{}: sending to a recipient failed ({}); retry {} in {} ms", name_, d.why, lane.front().attempts,
                 d.delay.count());
    auto timer = std::make_shared<net::steady_timer>(executor_, d.delay);
    waits_.push_back(timer);
    auto where = std::prev(waits_.end());
    timer->async_wait([self = shared_from_this(), recipient, where](beast::error_code ec) {
      if (ec || self->stopped_) return;
      self->waits_.erase(where);
      self->ready_.push_back(recipient);
      self->pump();
    });
    return pump();
  }
  if (d.outcome == Outcome::delivered) {
    ++sent_;
  } else {
    ++give_ups_;
    spdlog::error("{}: gave a message up ({}); {} given up so far", name_, d.why, give_ups_.load());
  }
  lane.pop_front();
  release(1);
  if (lane.empty()) lanes_.erase(it);
  else ready_.push_back(recipient);
  pump();
}

void OutboundQueue::observe(double seconds) {
  size_t b = 0;
  while (b < kBuckets.size() && seconds > kBuckets[b]) ++b;
  latency_buckets_[b]++;
  latency_count_++;
  latency_sum_us_ += static_cast<int64_t>(seconds * 1e6);
}

std::string OutboundQueue::render_metrics(const std::string& p) const {
  std::string out;
  auto counter = [&](const std::string& name, const char* help, int64_t v, const char* type = "counter") {
    out += "# HELP " + p + name + " " + help + "\n# TYPE " + p + name + " " + type + "\n" + p + name + " " +
           std::to_string(v) + "\n";
  };
  counter("sent_total", "Messages the API accepted.", sent_.load());
  counter("retries_total", "Calls repeated after a 429, a 5xx, a timeout or a broken connection.", retries_.load());
  counter("give_ups_total", "Messages given up: refused by the API (4xx) or still failing after every attempt.",
          give_ups_.load());
  counter("queue_refused_total", "Messages refused because the outbound queue was full (the webhook got 503).",
          refused_.load());
  counter("queue_depth", "Messages waiting or in flight.", reserved_.load(), "gauge");
  out += "# HELP " + p + "api_latency_seconds Time of one API call, to its response or its failure.\n# TYPE " + p +
         "api_latency_seconds histogram\n";
  int64_t cumulative = 0;
  char line[160];
  for (size_t b = 0; b <= kBuckets.size(); ++b) {
    cumulative += latency_buckets_[b].load();
    if (b < kBuckets.size())
      std::snprintf(line, sizeof line, "%sapi_latency_seconds_bucket{le=\"%g\"} %lld\n", p.c_str(), kBuckets[b],
                    static_cast<long long>(cumulative));
    else
      std::snprintf(line, sizeof line, "%sapi_latency_seconds_bucket{le=\"+Inf\"} %lld\n", p.c_str(),
                    static_cast<long long>(cumulative));
    out += line;
  }
  std::snprintf(line, sizeof line, "%sapi_latency_seconds_sum %.6f\n%sapi_latency_seconds_count %lld\n", p.c_str(),
                latency_sum_us_.load() / 1e6, p.c_str(), static_cast<long long>(latency_count_.load()));
  out += line;
  return out;
}

}  // namespace tanya

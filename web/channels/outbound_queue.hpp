#pragma once
// Reliable delivery of a channel's outbound messages (WhatsApp's Graph API
// calls): bounded — reserve() refuses when full, so the webhook answers 503
// rather than the queue growing without bound; per-recipient order — a
// recipient's next message waits until the one before is delivered or given
// up; retries with exponential backoff and jitter on 429, 5xx, timeouts and
// broken connections, honouring Retry-After; no retry on other 4xx; a give-up
// after max_attempts, logged and counted.
// Threading: reserve(), release(), push() and the counters are thread-safe;
// everything else runs on the executor given (single-threaded), where `send`
// is called and must call back.
#include <array>
#include <atomic>
#include <chrono>
#include <deque>
#include <functional>
#include <list>
#include <memory>
#include <string>
#include <unordered_map>
#include <vector>

#include "web/channels/http_client.hpp"

namespace tanya {

struct OutboundOptions {
  size_t capacity = 1000;  // messages waiting or in flight at most (--whatsapp-queue)
  int max_attempts = 5;    // tries per message before giving up (--whatsapp-attempts)
  // The first retry waits about base_delay, each next one twice as long, at
  // most max_delay (--whatsapp-backoff). 1 s doubling to 60 s spreads five
  // tries over about a minute, the span in which Graph API 5xx episodes clear.
  std::chrono::milliseconds base_delay{1000};
  std::chrono::milliseconds max_delay{60000};
  // Calls in flight at once; each holds one kept-alive connection. Eight keeps
  // a loopback Graph stand-in busy (README, "WhatsApp" figures) without
  // opening many sockets to a real one.
  size_t max_in_flight = 8;
};

// Retry-After is honoured up to this; a longer wait gives the message up
// (an answer minutes late is no answer in a chat).
inline constexpr std::chrono::seconds kMaxRetryAfter{300};

// What to do after an attempt (pure; `random01` in [0,1) is the jitter).
struct RetryDecision {
  enum class Outcome { delivered, retry, give_up } outcome = Outcome::give_up;
  std::chrono::milliseconds delay{0};
  std::string why;  // for the log: "HTTP 503", "timeout" …
};
RetryDecision decide_retry(const Result<ClientResponse>& result, int attempts_made, const OutboundOptions& options,
                           double random01);

class OutboundQueue : public std::enable_shared_from_this<OutboundQueue> {
 public:
  using Send = std::function<void(const std::string& body, HttpClient::Done done)>;
  OutboundQueue(net::any_io_executor executor, Send send, OutboundOptions options, std::string name);

  // Room for n more messages: false when the queue is full (nothing reserved).
  bool reserve(size_t n);
  // Gives back room reserved and not pushed.
  void release(size_t n);
  // Appends messages for `recipient`, in order, into room reserved before.
  void push(const std::string& recipient, std::vector<std::string> bodies);
  // Cancels the waits; what is queued is dropped (on the executor).
  void stop();

  int64_t depth() const { return reserved_.load(); }
  int64_t sent() const { return sent_.load(); }
  int64_t retries() const { return retries_.load(); }
  int64_t give_ups() const { return give_ups_.load(); }
  int64_t refused() const { return refused_.load(); }
  // Prometheus lines: sent, retries, give-ups, refusals, depth and the
  // latency histogram of every call, as `prefix`_… metrics.
  std::string render_metrics(const std::string& prefix) const;

 private:
  struct Item {
    std::string body;
    int attempts = 0;
  };
  void pump();
  void start(const std::string& recipient);
  void finish(const std::string& recipient, Result<ClientResponse> result, double seconds);
  void observe(double seconds);

  net::any_io_executor executor_;
  Send send_;
  OutboundOptions options_;
  std::string name_;
  // On the executor only:
  std::unordered_map<std::string, std::deque<Item>> lanes_;  // per recipient, in order
  std::deque<std::string> ready_;                            // recipients whose next message may go now
  std::list<std::shared_ptr<net::steady_timer>> waits_;      // backoffs running
  size_t in_flight_ = 0;
  bool stopped_ = false;
  uint64_t jitter_state_;
  // Any thread:
  std::atomic<int64_t> reserved_{0};
  std::atomic<int64_t> sent_{0}, retries_{0}, give_ups_{0}, refused_{0};
  static constexpr std::array<double, 10> kBuckets = {0.001, 0.0025, 0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 1, 5};
  std::atomic<int64_t> latency_buckets_[kBuckets.size() + 1] = {};
  std::atomic<int64_t> latency_count_{0};
  std::atomic<int64_t> latency_sum_us_{0};
};

}  // namespace tanya

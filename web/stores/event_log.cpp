#include "web/stores/event_log.hpp"

#include <chrono>

#include "web/stores/event_sinks.hpp"

namespace tanya {

namespace {

constexpr size_t kMaxQueued = 100000;  // beyond it new non-feedback events are dropped

Result<std::unique_ptr<EventSink>> open_sink(const std::string& spec) {
  if (!is_redis_url(spec)) return open_sqlite_events(spec);
  auto url = parse_redis_url(spec);
  if (!url) return url.error();
  return open_redis_events(*url);
}

}  // namespace

int64_t now_ms() {
  return std::chrono::duration_cast<std::chrono::milliseconds>(std::chrono::system_clock::now().time_since_epoch())
      .count();
}

Result<std::unique_ptr<EventLog>> EventLog::open(const std::string& spec) {
  auto sink = open_sink(spec);
  if (!sink) return sink.error();
  std::unique_ptr<EventLog> log(new EventLog());
  log->path_ = spec;
  log->sink_ = std::move(*sink);
  log->writer_ = std::thread([l = log.get()] { l->run(); });
  return log;
}

Result<std::vector<Event>> EventLog::read(const std::string& spec, const std::string& kind, int limit) {
  if (!is_redis_url(spec)) return read_sqlite_events(spec, kind, limit);
  auto url = parse_redis_url(spec);
  if (!url) return url.error();
  return read_redis_events(*url, kind, limit);
}

EventLog::~EventLog() {
  {
    std::lock_guard<std::mutex> lock(mu_);
    stop_ = true;
  }
  wake_.notify_all();
  if (writer_.joinable()) writer_.join();
}

void EventLog::record(Event e, std::function<void(bool)> on_committed) {
  {
    std::lock_guard<std::mutex> lock(mu_);
    if (queue_.size() >= kMaxQueued && e.kind != "feedback") {
      ++dropped_;
      return;
    }
    if (e.time_ms == 0) e.time_ms = now_ms();
    queue_.emplace_back(std::move(e), std::move(on_committed));
    ++queued_;
  }
  wake_.notify_one();
}

void EventLog::flush() {
  std::unique_lock<std::mutex> lock(mu_);
  uint64_t target = queued_;
  done_.wait(lock, [&] { return committed_ >= target; });
}

int64_t EventLog::dropped() const {
  std::lock_guard<std::mutex> lock(const_cast<std::mutex&>(mu_));
  return dropped_;
}

void EventLog::run() {
  while (true) {
    std::deque<std::pair<Event, std::function<void(bool)>>> batch;
    {
      std::unique_lock<std::mutex> lock(mu_);
      wake_.wait(lock, [&] { return stop_ || !queue_.empty(); });
      if (queue_.empty() && stop_) break;
      batch.swap(queue_);
    }
    // One write per batch: one fsync (or one round trip) for many events.
    std::vector<Event> events;
    events.reserve(batch.size());
    for (auto& [e, cb] : batch) events.push_back(std::move(e));
    bool ok = static_cast<bool>(sink_->write(events));
    for (auto& [e, cb] : batch)
      if (cb) cb(ok);
    {
      std::lock_guard<std::mutex> lock(mu_);
      committed_ += batch.size();
    }
    done_.notify_all();
  }
  done_.notify_all();
}

}  // namespace tanya

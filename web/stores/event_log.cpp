#include "web/stores/event_log.hpp"

#include <algorithm>
#include <chrono>

#include "web/stores/event_sinks.hpp"

namespace tanya {

namespace {

constexpr size_t kMaxQueued = 100000;  // beyond it new non-feedback events are dropped
// How often the writer adds the activity counters to their rows: the charts
// lag by at most this, and an idle server writes nothing.
constexpr std::chrono::seconds kActivityInterval{1};
// Events queued before the writer is woken: waking it per event cost a futex
// wake and a context switch per fallback answer on the answering threads
// (issue 15's profile). Below this the writer takes them on its next round,
// within kActivityInterval; feedback waiting for its commit wakes it at once.
constexpr size_t kWakeBatch = 256;

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

Result<ActivityReport> EventLog::read_activity(const std::string& spec, int64_t now) {
  ActivityReport report;
  const int64_t since_hour = now - now % kHourMs - (kActivityHours - 1) * kHourMs;
  const int64_t since_day = now - now % kDayMs - (kActivityDays - 1) * kDayMs;
  Result<std::vector<ActivityRow>> hours = std::vector<ActivityRow>{}, days = std::vector<ActivityRow>{};
  if (!is_redis_url(spec)) {
    hours = read_sqlite_activity(spec, kHourMs, since_hour);
    if (hours) days = read_sqlite_activity(spec, kDayMs, since_day);
  } else {
    auto url = parse_redis_url(spec);
    if (!url) return url.error();
    hours = read_redis_activity(*url, kHourMs, since_hour, now);
    if (hours) days = read_redis_activity(*url, kDayMs, since_day, now);
  }
  if (!hours) return hours.error();
  if (!days) return days.error();
  report.hours = fill_periods(*hours, kHourMs, kActivityHours, now);
  report.days = fill_periods(*days, kDayMs, kActivityDays, now);
  return report;
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
  bool wake = false;
  {
    std::lock_guard<std::mutex> lock(mu_);
    if (queue_.size() >= kMaxQueued && e.kind != "feedback") {
      ++dropped_;
      return;
    }
    if (e.time_ms == 0) e.time_ms = now_ms();
    wake = static_cast<bool>(on_committed) || queue_.size() + 1 == kWakeBatch;
    queue_.emplace_back(std::move(e), std::move(on_committed));
    ++queued_;
  }
  if (wake) wake_.notify_one();
}

void EventLog::flush() {
  std::unique_lock<std::mutex> lock(mu_);
  // The writer takes the round number when it starts a round, so the round
  // asked for here drains every count made before this call.
  const uint64_t round = ++flushes_wanted_;
  wake_.notify_one();
  done_.wait(lock, [&] { return flushes_done_ >= round || writer_stopped_; });
}

int64_t EventLog::dropped() const {
  std::lock_guard<std::mutex> lock(const_cast<std::mutex&>(mu_));
  return dropped_;
}

void EventLog::run() {
  while (true) {
    std::deque<std::pair<Event, std::function<void(bool)>>> batch;
    uint64_t round = 0;
    bool last = false;
    {
      std::unique_lock<std::mutex> lock(mu_);
      wake_.wait_for(lock, kActivityInterval,
                     [&] { return stop_ || !queue_.empty() || flushes_wanted_ > flushes_done_; });
      last = stop_ && queue_.empty();
      batch.swap(queue_);
      round = flushes_wanted_;
    }
    // One write per batch: one fsync (or one round trip) for many events.
    std::vector<Event> events;
    events.reserve(batch.size());
    for (auto& [e, cb] : batch) events.push_back(std::move(e));
    bool ok = events.empty() || static_cast<bool>(sink_->write(events));
    for (auto& [e, cb] : batch)
      if (cb) cb(ok);
    if (ok)
      for (const auto& e : events)
        if (e.kind == "feedback") activity_.vote(e.useful == 1);
    // The counts of this round, votes included; kept for the next round if
    // the store refuses them.
    pending_activity_.add(activity_.drain());
    if (!pending_activity_.empty() && sink_->add_activity(now_ms(), pending_activity_)) pending_activity_ = {};
    {
      std::lock_guard<std::mutex> lock(mu_);
      committed_ += batch.size();
      flushes_done_ = std::max(flushes_done_, round);
      if (last) writer_stopped_ = true;
    }
    done_.notify_all();
    if (last) break;
  }
}

}  // namespace tanya

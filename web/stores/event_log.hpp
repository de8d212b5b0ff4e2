#pragma once
// The event log: every question that fell back or got low confidence and every
// feedback vote. Answering never waits for it: record() queues, one writer
// thread commits in batches to a sink (event_sinks.hpp):
//  - a second SQLite file (WAL, synchronous=FULL), separate from the index: a
//    committed event survives kill -9 and power loss (the default);
//  - a Redis stream (--events-db redis://host:port/db), so `tanya review` sees
//    every replica's questions (as durable as the Redis server's appendfsync).
// A callback runs once an event is committed (feedback is acknowledged only
// then, and wakes the writer at once); other events are committed in batches
// within a second (kActivityInterval) or once 256 are queued, so a crash loses
// at most the last second of them. flush() and the destructor commit
// everything queued.
// The same writer keeps the activity rows behind GET /admin/stats: every
// answer is counted in lock-free counters (activity.hpp) that the writer adds
// to per-hour and per-day rows of the sink about once a second.
#include <condition_variable>
#include <cstdint>
#include <deque>
#include <functional>
#include <memory>
#include <mutex>
#include <string>
#include <thread>
#include <vector>

#include "knowledge/base/result.hpp"
#include "web/stores/activity.hpp"

namespace tanya {

struct Event {
  int64_t id = 0;
  int64_t time_ms = 0;      // Unix time, milliseconds
  std::string channel;      // ws | http | telegram | webhook
  std::string kind;         // unanswered | low_confidence | feedback
  std::string question;
  std::string answer;
  double confidence = 0;
  int useful = -1;          // feedback: 1 or 0; -1 otherwise
  std::string ref;          // the message id the feedback is about
};

// Where committed events go. Called from the writer thread only.
class EventSink {
 public:
  virtual ~EventSink() = default;
  // Stores the batch; all or nothing where the store allows.
  virtual Status write(const std::vector<Event>& batch) = 0;
  // Adds `counts` to the hour's and the day's activity rows that hold `now_ms`.
  virtual Status add_activity(int64_t now_ms, const ActivityCounts& counts) = 0;
};

// GET /admin/stats: the last kActivityHours hours and kActivityDays days,
// oldest first, every period present (zeros where nothing happened).
struct ActivityReport {
  std::vector<ActivityRow> hours, days;
};

class EventLog {
 public:
  // `spec`: a SQLite file path (created if missing) or a Redis URL. Starts the writer.
  static Result<std::unique_ptr<EventLog>> open(const std::string& spec);
  ~EventLog();
  EventLog(const EventLog&) = delete;
  EventLog& operator=(const EventLog&) = delete;

  // Thread-safe, never blocks on disk. `on_committed` runs on the writer
  // thread after the commit (or with false if the write failed).
  void record(Event e, std::function<void(bool)> on_committed = {});
  // Counts one answer for the activity rows: lock-free, never waits.
  void count_answer(bool small_talk, bool fallback, double seconds) { activity_.answer(small_talk, fallback, seconds); }
  // Blocks until everything recorded and counted so far is committed.
  void flush();
  const std::string& path() const { return path_; }
  int64_t dropped() const;

  // Reads events of `kind` ("" = all), newest first, over a connection of its own.
  static Result<std::vector<Event>> read(const std::string& spec, const std::string& kind, int limit);
  // Reads the activity rows up to `now_ms` (over a connection of its own).
  static Result<ActivityReport> read_activity(const std::string& spec, int64_t now_ms);

 private:
  EventLog() = default;
  void run();

  std::string path_;
  std::unique_ptr<EventSink> sink_;
  std::mutex mu_;
  std::condition_variable wake_, done_;
  std::deque<std::pair<Event, std::function<void(bool)>>> queue_;
  uint64_t queued_ = 0, committed_ = 0;
  uint64_t flushes_wanted_ = 0, flushes_done_ = 0;  // flush() rounds: asked for, and finished
  ActivityCounters activity_;
  ActivityCounts pending_activity_;  // writer thread only
  bool writer_stopped_ = false;
  int64_t dropped_ = 0;
  bool stop_ = false;
  std::thread writer_;
};

int64_t now_ms();

}  // namespace tanya

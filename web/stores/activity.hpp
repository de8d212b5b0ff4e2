#pragma once
// Activity counts for the console's charts (GET /admin/stats). Every answer
// bumps a few relaxed atomics in ActivityCounters: no lock, no allocation and
// no disk on the request path. The event log's writer thread drains them about
// once a second and adds the counts to one per-hour and one per-day row of its
// store (event_log.hpp), so the stats endpoint reads at most 24 + 30 rows and
// never scans the events. Counts drained in a period's first second may land
// in the period before (at most one drain interval late).
#include <array>
#include <atomic>
#include <cstdint>
#include <vector>

namespace tanya {

// Answer times as a histogram: bucket i holds times in [2^i, 2^(i+1))
// microseconds (bucket 0 also everything under 1 µs), the last bucket
// everything from 2^23 µs (8.4 s) up. Powers of two keep the percentile within
// a factor of two of the truth, which is what a chart of p50/p99 needs.
inline constexpr int kTimeBuckets = 24;

struct ActivityCounts {
  int64_t questions = 0;   // every message answered: the three below together
  int64_t answered = 0;    // questions answered from the knowledge
  int64_t fell_back = 0;   // questions answered with "I don't know"
  int64_t small_talk = 0;  // greetings, thanks, "who are you"…
  int64_t thumbs_up = 0;
  int64_t thumbs_down = 0;
  std::array<int64_t, kTimeBuckets> time_us{};  // answer times, per bucket

  bool empty() const;
  void add(const ActivityCounts& other);
  // The answer time in milliseconds under which share p (0–1) of the answers
  // fell: the upper edge of that bucket. 0 when nothing was answered.
  double percentile_ms(double p) const;
};

int time_bucket(double seconds);

// Thread-safe and lock-free: any thread counts, one thread drains.
class ActivityCounters {
 public:
  void answer(bool small_talk, bool fallback, double seconds);
  void vote(bool useful);
  // What was counted since the last drain (a count that races with the drain
  // lands in the next one; none is lost).
  ActivityCounts drain();

 private:
  std::atomic<int64_t> answered_{0}, fell_back_{0}, small_talk_{0}, up_{0}, down_{0};
  std::array<std::atomic<int64_t>, kTimeBuckets> time_us_{};
};

// One period's counts; `start_ms` is the period's first millisecond (UTC).
struct ActivityRow {
  int64_t start_ms = 0;
  ActivityCounts counts;
};

inline constexpr int64_t kHourMs = 3600 * 1000;
inline constexpr int64_t kDayMs = 24 * kHourMs;
inline constexpr int kActivityHours = 24;  // GET /admin/stats: the last day by hour
inline constexpr int kActivityDays = 30;   // and the last month by day

// The last `n` periods of `period_ms` up to the one holding `now_ms`, oldest
// first, each filled from `rows` (missing periods are zeros).
std::vector<ActivityRow> fill_periods(const std::vector<ActivityRow>& rows, int64_t period_ms, int n, int64_t now_ms);

}  // namespace tanya

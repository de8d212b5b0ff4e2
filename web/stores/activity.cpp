#include "web/stores/activity.hpp"

#include <cmath>
#include <map>

namespace tanya {

bool ActivityCounts::empty() const {
  if (questions || answered || fell_back || small_talk || thumbs_up || thumbs_down) return false;
  for (int64_t n : time_us)
    if (n) return false;
  return true;
}

void ActivityCounts::add(const ActivityCounts& o) {
  questions += o.questions;
  answered += o.answered;
  fell_back += o.fell_back;
  small_talk += o.small_talk;
  thumbs_up += o.thumbs_up;
  thumbs_down += o.thumbs_down;
  for (int i = 0; i < kTimeBuckets; ++i) time_us[i] += o.time_us[i];
}

double ActivityCounts::percentile_ms(double p) const {
  int64_t total = 0;
  for (int64_t n : time_us) total += n;
  if (total == 0) return 0;
  // The smallest bucket holding the ceil(p · total)-th answer.
  const auto rank = static_cast<int64_t>(std::ceil(p * static_cast<double>(total)));
  int64_t seen = 0;
  for (int i = 0; i < kTimeBuckets; ++i) {
    seen += time_us[i];
    if (seen >= rank && seen > 0) return std::ldexp(1.0, i + 1) / 1000.0;
  }
  return std::ldexp(1.0, kTimeBuckets) / 1000.0;
}

int time_bucket(double seconds) {
  double us = seconds * 1e6;
  if (!(us >= 2)) return 0;  // also NaN
  int b = static_cast<int>(std::floor(std::log2(us)));
  return b >= kTimeBuckets ? kTimeBuckets - 1 : b;
}

void ActivityCounters::answer(bool small_talk, bool fallback, double seconds) {
  (small_talk ? small_talk_ : fallback ? fell_back_ : answered_).fetch_add(1, std::memory_order_relaxed);
  time_us_[time_bucket(seconds)].fetch_add(1, std::memory_order_relaxed);
}

void ActivityCounters::vote(bool useful) { (useful ? up_ : down_).fetch_add(1, std::memory_order_relaxed); }

ActivityCounts ActivityCounters::drain() {
  ActivityCounts c;
  c.answered = answered_.exchange(0, std::memory_order_relaxed);
  c.fell_back = fell_back_.exchange(0, std::memory_order_relaxed);
  c.small_talk = small_talk_.exchange(0, std::memory_order_relaxed);
  c.questions = c.answered + c.fell_back + c.small_talk;
  c.thumbs_up = up_.exchange(0, std::memory_order_relaxed);
  c.thumbs_down = down_.exchange(0, std::memory_order_relaxed);
  for (int i = 0; i < kTimeBuckets; ++i) c.time_us[i] = time_us_[i].exchange(0, std::memory_order_relaxed);
  return c;
}

std::vector<ActivityRow> fill_periods(const std::vector<ActivityRow>& rows, int64_t period_ms, int n, int64_t now_ms) {
  std::map<int64_t, ActivityCounts> by_start;
  for (const auto& r : rows) by_start[r.start_ms].add(r.counts);
  const int64_t last = now_ms - now_ms % period_ms;
  std::vector<ActivityRow> out;
  for (int i = n - 1; i >= 0; --i) {
    ActivityRow r;
    r.start_ms = last - i * period_ms;
    if (auto it = by_start.find(r.start_ms); it != by_start.end()) r.counts = it->second;
    out.push_back(r);
  }
  return out;
}

}  // namespace tanya

#pragma once
// Rate limits: a token bucket (`rate` tokens a second, at most `burst` saved
// up), and a keyed set of them for limits per client address or per sender.
#include <algorithm>
#include <chrono>
#include <cmath>
#include <cstddef>
#include <list>
#include <mutex>
#include <string>
#include <unordered_map>

namespace tanya {

// Not thread-safe: a WebSocket owns one, touched only on its strand.
class TokenBucket {
 public:
  TokenBucket(double rate, double burst) : rate_(rate), burst_(burst), tokens_(burst) {}
  bool take() {
    auto now = std::chrono::steady_clock::now();
    tokens_ = std::min(burst_, tokens_ + rate_ * std::chrono::duration<double>(now - last_).count());
    last_ = now;
    if (tokens_ < 1) return false;
    tokens_ -= 1;
    return true;
  }

 private:
  double rate_, burst_, tokens_;
  std::chrono::steady_clock::time_point last_ = std::chrono::steady_clock::now();
};

// One bucket per key (a client address, an adapter's sender). Memory is
// bounded: past `capacity` keys the least recently used bucket is forgotten
// (which only forgives that one key); the others keep their state.
// Thread-safe (one mutex; a take is a hash lookup and a list splice).
class RateBuckets {
 public:
  // 100,000 keys of a few dozen bytes each: a few MB at most.
  static constexpr size_t kDefaultCapacity = 100000;
  RateBuckets(double rate, double burst, size_t capacity = kDefaultCapacity)
      : rate_(rate), burst_(burst), capacity_(std::max<size_t>(1, capacity)) {}

  // Takes a token from `key`'s bucket; false when it is empty.
  bool take(const std::string& key) {
    std::lock_guard<std::mutex> lock(mu_);
    auto it = buckets_.find(key);
    if (it == buckets_.end()) {
      if (buckets_.size() >= capacity_) {
        buckets_.erase(lru_.back());
        lru_.pop_back();
      }
      lru_.push_front(key);
      it = buckets_.emplace(key, Entry{TokenBucket(rate_, burst_), lru_.begin()}).first;
    } else {
      lru_.splice(lru_.begin(), lru_, it->second.lru);
    }
    return it->second.bucket.take();
  }
  // Whole seconds an empty bucket takes to hold a token again: what a 429's
  // Retry-After tells the client to wait (at least 1).
  long refill_seconds() const { return std::max(1L, static_cast<long>(std::ceil(1.0 / std::max(rate_, 1e-9)))); }
  size_t size() const {
    std::lock_guard<std::mutex> lock(mu_);
    return buckets_.size();
  }

 private:
  struct Entry {
    TokenBucket bucket;
    std::list<std::string>::iterator lru;
  };
  const double rate_, burst_;
  const size_t capacity_;
  mutable std::mutex mu_;
  std::unordered_map<std::string, Entry> buckets_;
  std::list<std::string> lru_;  // most recently used first
};

}  // namespace tanya

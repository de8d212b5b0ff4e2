#pragma once
// Conversations keyed by a session id (POST /api/ask) or an adapter's sender, so
// follow-ups work across requests. Bounded: at most `max` conversations, each
// forgotten `ttl` after its last question, least recently used evicted first.
// Thread-safe (one mutex; the critical sections copy a small struct).
#include <chrono>
#include <list>
#include <mutex>
#include <string>
#include <unordered_map>

#include "bot/answer.hpp"

namespace tanya {

class ConversationStore {
 public:
  ConversationStore(size_t max, std::chrono::seconds ttl) : max_(max), ttl_(ttl) {}
  // The conversation for `key`, empty when unknown or expired.
  Conversation get(const std::string& key);
  void put(const std::string& key, const Conversation& conversation);
  size_t size() const;

 private:
  struct Entry {
    Conversation conversation;
    std::chrono::steady_clock::time_point touched;
    std::list<std::string>::iterator lru;
  };
  void evict_locked(std::chrono::steady_clock::time_point now);

  const size_t max_;
  const std::chrono::seconds ttl_;
  mutable std::mutex mu_;
  std::unordered_map<std::string, Entry> entries_;
  std::list<std::string> lru_;  // most recent first
};

}  // namespace tanya

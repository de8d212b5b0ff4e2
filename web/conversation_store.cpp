#include "web/conversation_store.hpp"

namespace tanya {

Conversation ConversationStore::get(const std::string& key) {
  std::lock_guard<std::mutex> lock(mu_);
  auto it = entries_.find(key);
  if (it == entries_.end()) return {};
  if (std::chrono::steady_clock::now() - it->second.touched > ttl_) {
    lru_.erase(it->second.lru);
    entries_.erase(it);
    return {};
  }
  return it->second.conversation;
}

void ConversationStore::put(const std::string& key, const Conversation& conversation) {
  if (max_ == 0) return;
  auto now = std::chrono::steady_clock::now();
  std::lock_guard<std::mutex> lock(mu_);
  auto it = entries_.find(key);
  if (it != entries_.end()) {
    lru_.erase(it->second.lru);
    lru_.push_front(key);
    it->second = Entry{conversation, now, lru_.begin()};
    return;
  }
  evict_locked(now);
  lru_.push_front(key);
  entries_.emplace(key, Entry{conversation, now, lru_.begin()});
}

void ConversationStore::evict_locked(std::chrono::steady_clock::time_point now) {
  // Expired ones sit at the back: the list is ordered by last use.
  while (!lru_.empty()) {
    auto it = entries_.find(lru_.back());
    bool expired = now - it->second.touched > ttl_;
    if (!expired && entries_.size() < max_) break;
    entries_.erase(it);
    lru_.pop_back();
  }
}

size_t ConversationStore::size() const {
  std::lock_guard<std::mutex> lock(mu_);
  return entries_.size();
}

}  // namespace tanya

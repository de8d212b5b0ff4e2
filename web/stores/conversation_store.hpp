#pragma once
// Conversations keyed by a session id (POST /api/ask) or an adapter's sender, so
// follow-ups work across requests. Two stores behind one interface, with the
// same limits: at most `max` conversations, each forgotten `ttl` after its
// last question, least recently used evicted first.
//  - memory: in this process (the default; nothing to start).
//  - Redis (--sessions redis://host:port/db): shared by every replica, so a
//    follow-up is understood whichever replica gets it.
// Thread-safe. A store that cannot be reached forgets rather than fails: get()
// returns an empty conversation (the question is answered on its own) and the
// failure is counted in errors().
#include <atomic>
#include <chrono>
#include <cstdint>
#include <deque>
#include <list>
#include <memory>
#include <mutex>
#include <string>
#include <unordered_map>

#include "bot/answer.hpp"
#include "knowledge/base/result.hpp"

namespace tanya {

class ConversationStore {
 public:
  virtual ~ConversationStore() = default;
  // The conversation for `key`, empty when unknown or expired.
  virtual Conversation get(const std::string& key) = 0;
  virtual void put(const std::string& key, const Conversation& conversation) = 0;
  virtual size_t size() const = 0;
  // Marks `key` (a channel's message id) as seen for `ttl`: true the first
  // time, false for a repeat within `ttl` — in Redis for every replica. A store
  // that cannot be reached answers true (answering twice beats never
  // answering) and counts the error.
  virtual bool first_seen(const std::string& key, std::chrono::seconds ttl) = 0;
  // get/put may wait on the network: callers run them off the I/O threads.
  virtual bool may_block() const { return false; }
  int64_t errors() const { return errors_.load(); }

 protected:
  std::atomic<int64_t> errors_{0};
};

class MemoryConversationStore : public ConversationStore {
 public:
  MemoryConversationStore(size_t max, std::chrono::seconds ttl) : max_(max), ttl_(ttl) {}
  Conversation get(const std::string& key) override;
  void put(const std::string& key, const Conversation& conversation) override;
  size_t size() const override;
  bool first_seen(const std::string& key, std::chrono::seconds ttl) override;

  // Message ids remembered at most: a day of a busy school's messages. Beyond
  // it the oldest are forgotten first (a redelivery that late is rare).
  static constexpr size_t kMaxSeen = 200000;

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
  std::mutex seen_mu_;
  std::unordered_map<std::string, std::chrono::steady_clock::time_point> seen_;  // id → forgotten after
  std::deque<std::pair<std::chrono::steady_clock::time_point, std::string>> seen_order_;  // oldest first
};

// `spec` is "memory" or a Redis URL; a Redis store checks the connection first.
Result<std::unique_ptr<ConversationStore>> make_conversation_store(const std::string& spec, size_t max,
                                                                   std::chrono::seconds ttl);

// The wire form of a conversation (JSON), for stores outside the process.
// Decoding trusts nothing: wrong types, too many terms or suggestions are an
// error; the passage it names is checked by the engine against its index.
std::string encode_conversation(const Conversation& c);
Result<Conversation> decode_conversation(const std::string& text);

}  // namespace tanya

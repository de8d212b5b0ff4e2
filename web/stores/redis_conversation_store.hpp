#pragma once
// Conversations in Redis, shared by every replica. Each is one key
// (tanya:conv:<id>, JSON, expiring after the TTL) plus a member of a sorted set
// ordered by last use, which one Lua script trims to `max` atomically, so the
// limits match the in-process store's. Thread-safe (a connection pool).
#include <memory>

#include "web/stores/conversation_store.hpp"
#include "web/stores/redis_client.hpp"

namespace tanya {

class RedisConversationStore : public ConversationStore {
 public:
  RedisConversationStore(RedisUrl url, size_t max, std::chrono::seconds ttl);
  // Fails when Redis cannot be reached now: a server should not start half-configured.
  Status check();
  Conversation get(const std::string& key) override;
  void put(const std::string& key, const Conversation& conversation) override;
  size_t size() const override;
  bool first_seen(const std::string& key, std::chrono::seconds ttl) override;
  bool may_block() const override { return true; }

 private:
  mutable RedisPool pool_;
  const size_t max_;
  const std::chrono::seconds ttl_;
};

}  // namespace tanya

#include "web/stores/redis_conversation_store.hpp"

#include <spdlog/spdlog.h>

#include "web/stores/event_log.hpp"

namespace tanya {

namespace {

const char* kKeyPrefix = "tanya:conv:";
const char* kRecency = "tanya:conv:recent";
const char* kSeenPrefix = "tanya:seen:";  // message ids already answered (first_seen)

// KEYS: the conversation, the recency set. ARGV: JSON, ttl seconds, now ms, max.
// Expired members leave the set first, then the least recently used beyond max.
const char* kPutScript = R"lua(
redis.call('SET', KEYS[1], ARGV[1], 'EX', ARGV[2])
redis.call('ZADD', KEYS[2], ARGV[3], KEYS[1])
redis.call('ZREMRANGEBYSCORE', KEYS[2], '-inf', tonumber(ARGV[3]) - 1000 * tonumber(ARGV[2]))
local over = redis.call('ZCARD', KEYS[2]) - tonumber(ARGV[4])
if over > 0 then
  local old = redis.call('ZPOPMIN', KEYS[2], over)
  for i = 1, #old, 2 do redis.call('DEL', old[i]) end
end
return 1
)lua";

constexpr std::chrono::milliseconds kTimeout{500};

}  // namespace

RedisConversationStore::RedisConversationStore(RedisUrl url, size_t max, std::chrono::seconds ttl)
    : pool_(std::move(url), kTimeout), max_(max), ttl_(ttl) {}

Status RedisConversationStore::check() {
  auto r = pool_.command({"PING"});
  if (!r) return r.error();
  return Ok{};
}

Conversation RedisConversationStore::get(const std::string& key) {
  auto r = pool_.command({"GET", kKeyPrefix + key});
  if (!r) {
    ++errors_;
    spdlog::warn("conversation store: {}", r.error().message);
    return {};
  }
  if (r->type != RedisValue::kString) return {};  // unknown or expired
  auto c = decode_conversation(r->str);
  if (!c) {
    ++errors_;
    return {};
  }
  return *c;
}

void RedisConversationStore::put(const std::string& key, const Conversation& conversation) {
  if (max_ == 0) return;
  auto r = pool_.command({"EVAL", kPutScript, "2", kKeyPrefix + key, kRecency, encode_conversation(conversation),
                          std::to_string(ttl_.count()), std::to_string(now_ms()), std::to_string(max_)});
  if (!r) {
    ++errors_;
    spdlog::warn("conversation store: {}", r.error().message);
  }
}

bool RedisConversationStore::first_seen(const std::string& key, std::chrono::seconds ttl) {
  // SET NX: one atomic step, so two replicas given the same message cannot both win.
  auto r = pool_.command({"SET", kSeenPrefix + key, "1", "NX", "EX", std::to_string(ttl.count())});
  if (!r) {
    ++errors_;
    spdlog::warn("conversation store: {}", r.error().message);
    return true;
  }
  return r->type != RedisValue::kNil;
}

size_t RedisConversationStore::size() const {
  auto r = pool_.command({"ZCOUNT", kRecency, "(" + std::to_string(now_ms() - 1000 * ttl_.count()), "+inf"});
  return r && r->type == RedisValue::kInteger ? static_cast<size_t>(r->integer) : 0;
}

}  // namespace tanya

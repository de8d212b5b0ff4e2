#pragma once
// The event log's two stores (see event_log.hpp): a SQLite file, and a Redis
// stream (key tanya:events, trimmed to about a million entries) that every
// replica appends to.
#include <memory>
#include <string>
#include <vector>

#include "web/stores/event_log.hpp"
#include "web/stores/redis_client.hpp"

namespace tanya {

Result<std::unique_ptr<EventSink>> open_sqlite_events(const std::string& path);
Result<std::vector<Event>> read_sqlite_events(const std::string& path, const std::string& kind, int limit);
// The activity rows of one period length (kHourMs or kDayMs) from `since_ms` on.
Result<std::vector<ActivityRow>> read_sqlite_activity(const std::string& path, int64_t period_ms, int64_t since_ms);

Result<std::unique_ptr<EventSink>> open_redis_events(const RedisUrl& url);
Result<std::vector<Event>> read_redis_events(const RedisUrl& url, const std::string& kind, int limit);
Result<std::vector<ActivityRow>> read_redis_activity(const RedisUrl& url, int64_t period_ms, int64_t since_ms,
                                                     int64_t now_ms);

}  // namespace tanya

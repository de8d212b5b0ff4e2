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

Result<std::unique_ptr<EventSink>> open_redis_events(const RedisUrl& url);
Result<std::vector<Event>> read_redis_events(const RedisUrl& url, const std::string& kind, int limit);

}  // namespace tanya

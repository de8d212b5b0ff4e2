// The event log in a Redis stream shared by every replica: one XADD per event,
// a batch in one MULTI/EXEC (all or nothing, one round trip).
#include <cstdlib>

#include "web/stores/event_sinks.hpp"

namespace tanya {

namespace {

const char* kStream = "tanya:events";
const char* kMaxLen = "1000000";  // about: Redis trims whole blocks ("~"), cheaply
constexpr std::chrono::milliseconds kTimeout{2000};

class RedisEventSink : public EventSink {
 public:
  explicit RedisEventSink(RedisUrl url) : pool_(std::move(url), kTimeout) {}

  Status write(const std::vector<Event>& batch) override {
    std::vector<std::vector<std::string>> commands;
    commands.push_back({"MULTI"});
    for (const auto& e : batch)
      commands.push_back({"XADD", kStream, "MAXLEN", "~", kMaxLen, "*", "time_ms", std::to_string(e.time_ms),
                          "channel", e.channel, "kind", e.kind, "question", e.question, "answer", e.answer,
                          "confidence", std::to_string(e.confidence), "useful", std::to_string(e.useful), "ref",
                          e.ref});
    commands.push_back({"EXEC"});
    auto r = pool_.pipeline(commands);
    if (!r) return r.error();
    if (r->back().type != RedisValue::kArray) return make_error("redis", "event log: the transaction was aborted");
    return Ok{};
  }

 private:
  RedisPool pool_;
};

// "1700000000000-3" → 1700000000000003: ordered like the stream, fits an int64.
int64_t numeric_id(const std::string& id) {
  char* end = nullptr;
  long long ms = std::strtoll(id.c_str(), &end, 10);
  long long seq = *end == '-' ? std::strtoll(end + 1, nullptr, 10) : 0;
  return ms * 1000 + seq % 1000;
}

Event to_event(const RedisValue& entry) {
  Event e;
  if (entry.elements.size() != 2) return e;
  e.id = numeric_id(entry.elements[0].str);
  const auto& fields = entry.elements[1].elements;
  for (size_t i = 0; i + 1 < fields.size(); i += 2) {
    const std::string& k = fields[i].str;
    const std::string& v = fields[i + 1].str;
    if (k == "time_ms") e.time_ms = std::strtoll(v.c_str(), nullptr, 10);
    else if (k == "channel") e.channel = v;
    else if (k == "kind") e.kind = v;
    else if (k == "question") e.question = v;
    else if (k == "answer") e.answer = v;
    else if (k == "confidence") e.confidence = std::strtod(v.c_str(), nullptr);
    else if (k == "useful") e.useful = std::atoi(v.c_str());
    else if (k == "ref") e.ref = v;
  }
  return e;
}

}  // namespace

Result<std::unique_ptr<EventSink>> open_redis_events(const RedisUrl& url) {
  auto sink = std::make_unique<RedisEventSink>(url);
  auto conn = RedisConnection::connect(url, kTimeout);  // fail now rather than on the first event
  if (!conn) return conn.error();
  return std::unique_ptr<EventSink>(std::move(sink));
}

Result<std::vector<Event>> read_redis_events(const RedisUrl& url, const std::string& kind, int limit) {
  auto conn = RedisConnection::connect(url, kTimeout);
  if (!conn) return conn.error();
  std::vector<Event> out;
  std::string end = "+";
  const int page = 1000;
  while (static_cast<int>(out.size()) < limit) {
    auto r = (*conn)->command({"XREVRANGE", kStream, end, "-", "COUNT", std::to_string(page)});
    if (!r) return r.error();
    for (const auto& entry : r->elements) {
      Event e = to_event(entry);
      if ((kind.empty() || e.kind == kind) && static_cast<int>(out.size()) < limit) out.push_back(std::move(e));
    }
    if (static_cast<int>(r->elements.size()) < page || r->elements.back().elements.empty()) break;
    end = "(" + r->elements.back().elements[0].str;  // exclusive: the page after the last one read
  }
  return out;
}

}  // namespace tanya

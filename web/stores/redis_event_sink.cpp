// The event log in a Redis stream shared by every replica: one XADD per event,
// a batch in one MULTI/EXEC (all or nothing, one round trip). The activity
// rows are hashes, tanya:activity:{period ms}:{start ms}, that every replica
// adds to with HINCRBY, so the console's charts count all replicas together.
#include <cstdlib>
#include <string>

#include "web/stores/event_sinks.hpp"

namespace tanya {

namespace {

const char* kStream = "tanya:events";
const char* kMaxLen = "1000000";  // about: Redis trims whole blocks ("~"), cheaply
constexpr std::chrono::milliseconds kTimeout{2000};
// Hour rows expire after two days, day rows after about a year.
constexpr int64_t kKeepHoursS = 2 * 24 * 3600;
constexpr int64_t kKeepDaysS = 400 * 24 * 3600;

std::string activity_key(int64_t period_ms, int64_t start_ms) {
  return "tanya:activity:" + std::to_string(period_ms) + ":" + std::to_string(start_ms);
}

// HINCRBY field for each nonzero count; the histogram's buckets are fields t0…t23.
std::vector<std::pair<std::string, int64_t>> activity_fields(const ActivityCounts& c) {
  std::vector<std::pair<std::string, int64_t>> f = {{"questions", c.questions}, {"answered", c.answered},
                                                    {"fell_back", c.fell_back}, {"small_talk", c.small_talk},
                                                    {"thumbs_up", c.thumbs_up}, {"thumbs_down", c.thumbs_down}};
  for (int i = 0; i < kTimeBuckets; ++i) f.push_back({"t" + std::to_string(i), c.time_us[i]});
  return f;
}

ActivityCounts counts_from(const RedisValue& hash) {
  ActivityCounts c;
  for (size_t i = 0; i + 1 < hash.elements.size(); i += 2) {
    const std::string& k = hash.elements[i].str;
    int64_t v = std::strtoll(hash.elements[i + 1].str.c_str(), nullptr, 10);
    if (k == "questions") c.questions = v;
    else if (k == "answered") c.answered = v;
    else if (k == "fell_back") c.fell_back = v;
    else if (k == "small_talk") c.small_talk = v;
    else if (k == "thumbs_up") c.thumbs_up = v;
    else if (k == "thumbs_down") c.thumbs_down = v;
    else if (k.size() > 1 && k[0] == 't') {
      int b = std::atoi(k.c_str() + 1);
      if (b >= 0 && b < kTimeBuckets) c.time_us[b] = v;
    }
  }
  return c;
}

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

  Status add_activity(int64_t now_ms, const ActivityCounts& counts) override {
    std::vector<std::vector<std::string>> commands;
    commands.push_back({"MULTI"});
    for (int64_t period : {kHourMs, kDayMs}) {
      std::string key = activity_key(period, now_ms - now_ms % period);
      for (const auto& [field, n] : activity_fields(counts))
        if (n) commands.push_back({"HINCRBY", key, field, std::to_string(n)});
      commands.push_back({"EXPIRE", key, std::to_string(period == kHourMs ? kKeepHoursS : kKeepDaysS)});
    }
    commands.push_back({"EXEC"});
    auto r = pool_.pipeline(commands);
    if (!r) return r.error();
    if (r->back().type != RedisValue::kArray) return make_error("redis", "event log activity: the transaction was aborted");
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

Result<std::vector<ActivityRow>> read_redis_activity(const RedisUrl& url, int64_t period_ms, int64_t since_ms,
                                                     int64_t now_ms) {
  auto conn = RedisConnection::connect(url, kTimeout);
  if (!conn) return conn.error();
  std::vector<std::vector<std::string>> commands;
  std::vector<int64_t> starts;
  for (int64_t start = since_ms - since_ms % period_ms; start <= now_ms; start += period_ms) {
    starts.push_back(start);
    commands.push_back({"HGETALL", activity_key(period_ms, start)});
  }
  auto r = (*conn)->pipeline(commands);
  if (!r) return r.error();
  std::vector<ActivityRow> out;
  for (size_t i = 0; i < starts.size() && i < r->size(); ++i)
    if (!(*r)[i].elements.empty()) out.push_back({starts[i], counts_from((*r)[i])});
  return out;
}

}  // namespace tanya

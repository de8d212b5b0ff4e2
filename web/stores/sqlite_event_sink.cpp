// The event log in a SQLite file of its own (WAL, synchronous=FULL), with the
// activity rows (activity.hpp) in a second table of the same file.
#include <sqlite3.h>

#include <cstdlib>
#include <string>

#include "index/sqlite_util.hpp"
#include "web/stores/event_sinks.hpp"

namespace tanya {

namespace {

const char* kSchema = R"sql(
PRAGMA journal_mode=WAL;
PRAGMA synchronous=FULL;
CREATE TABLE IF NOT EXISTS events(
  id INTEGER PRIMARY KEY, time_ms INTEGER NOT NULL, channel TEXT NOT NULL, kind TEXT NOT NULL,
  question TEXT NOT NULL, answer TEXT NOT NULL, confidence REAL NOT NULL, useful INTEGER, ref TEXT NOT NULL);
CREATE INDEX IF NOT EXISTS events_kind_time ON events(kind, time_ms);
CREATE TABLE IF NOT EXISTS activity(
  period INTEGER NOT NULL, start_ms INTEGER NOT NULL, questions INTEGER NOT NULL, answered INTEGER NOT NULL,
  fell_back INTEGER NOT NULL, small_talk INTEGER NOT NULL, thumbs_up INTEGER NOT NULL, thumbs_down INTEGER NOT NULL,
  time_us TEXT NOT NULL, PRIMARY KEY(period, start_ms));
)sql";

// Hour rows are kept two days, day rows about a year: the console shows 24 and 30.
constexpr int64_t kKeepHoursMs = 2 * kDayMs;
constexpr int64_t kKeepDaysMs = 400 * kDayMs;

// The histogram as text, "n0,n1,…": one column, added to bucket by bucket in C++
// (one SELECT and one write per period and drain, about once a second at most).
std::string histogram_text(const std::array<int64_t, kTimeBuckets>& h) {
  std::string out;
  for (int i = 0; i < kTimeBuckets; ++i) out += (i ? "," : "") + std::to_string(h[i]);
  return out;
}

std::array<int64_t, kTimeBuckets> histogram_from(const std::string& text) {
  std::array<int64_t, kTimeBuckets> h{};
  size_t pos = 0;
  for (int i = 0; i < kTimeBuckets && pos <= text.size(); ++i) {
    h[i] = std::strtoll(text.c_str() + pos, nullptr, 10);
    pos = text.find(',', pos);
    if (pos == std::string::npos) break;
    ++pos;
  }
  return h;
}

ActivityCounts counts_from(sqlite3_stmt* s, int first) {
  ActivityCounts c;
  c.questions = sqlite3_column_int64(s, first);
  c.answered = sqlite3_column_int64(s, first + 1);
  c.fell_back = sqlite3_column_int64(s, first + 2);
  c.small_talk = sqlite3_column_int64(s, first + 3);
  c.thumbs_up = sqlite3_column_int64(s, first + 4);
  c.thumbs_down = sqlite3_column_int64(s, first + 5);
  c.time_us = histogram_from(column_text(s, first + 6));
  return c;
}

class SqliteEventSink : public EventSink {
 public:
  SqliteEventSink(sqlite3* db, sqlite3_stmt* insert) : db_(db), insert_(insert) {}

  Status write(const std::vector<Event>& batch) override {
    bool ok = sqlite3_exec(db_.get(), "BEGIN", nullptr, nullptr, nullptr) == SQLITE_OK;
    for (const auto& e : batch) {
      if (!ok) break;
      sqlite3_stmt* s = insert_.get();
      sqlite3_bind_int64(s, 1, e.time_ms);
      sqlite3_bind_text(s, 2, e.channel.c_str(), -1, SQLITE_TRANSIENT);
      sqlite3_bind_text(s, 3, e.kind.c_str(), -1, SQLITE_TRANSIENT);
      sqlite3_bind_text(s, 4, e.question.c_str(), -1, SQLITE_TRANSIENT);
      sqlite3_bind_text(s, 5, e.answer.c_str(), -1, SQLITE_TRANSIENT);
      sqlite3_bind_double(s, 6, e.confidence);
      if (e.useful >= 0) sqlite3_bind_int(s, 7, e.useful);
      else sqlite3_bind_null(s, 7);
      sqlite3_bind_text(s, 8, e.ref.c_str(), -1, SQLITE_TRANSIENT);
      ok = sqlite3_step(s) == SQLITE_DONE;
      sqlite3_reset(s);
      sqlite3_clear_bindings(s);
    }
    ok = ok && sqlite3_exec(db_.get(), "COMMIT", nullptr, nullptr, nullptr) == SQLITE_OK;
    if (ok) return Ok{};
    std::string m = sqlite3_errmsg(db_.get());
    sqlite3_exec(db_.get(), "ROLLBACK", nullptr, nullptr, nullptr);
    return make_error("sqlite", "event log: " + m);
  }

  Status add_activity(int64_t now_ms, const ActivityCounts& counts) override {
    bool ok = sqlite3_exec(db_.get(), "BEGIN IMMEDIATE", nullptr, nullptr, nullptr) == SQLITE_OK;
    for (int64_t period : {kHourMs, kDayMs}) {
      if (!ok) break;
      const int64_t start = now_ms - now_ms % period;
      ActivityCounts sum = counts;
      sqlite3_stmt* s = select_.get();
      sqlite3_bind_int64(s, 1, period);
      sqlite3_bind_int64(s, 2, start);
      int rc = sqlite3_step(s);
      if (rc == SQLITE_ROW) sum.add(counts_from(s, 0));
      ok = rc == SQLITE_ROW || rc == SQLITE_DONE;
      sqlite3_reset(s);
      if (!ok) break;
      s = upsert_.get();
      sqlite3_bind_int64(s, 1, period);
      sqlite3_bind_int64(s, 2, start);
      const int64_t values[] = {sum.questions, sum.answered, sum.fell_back, sum.small_talk, sum.thumbs_up,
                                sum.thumbs_down};
      for (int i = 0; i < 6; ++i) sqlite3_bind_int64(s, 3 + i, values[i]);
      sqlite3_bind_text(s, 9, histogram_text(sum.time_us).c_str(), -1, SQLITE_TRANSIENT);
      ok = sqlite3_step(s) == SQLITE_DONE;
      sqlite3_reset(s);
    }
    if (ok) {
      sqlite3_stmt* s = prune_.get();
      sqlite3_bind_int64(s, 1, now_ms - kKeepHoursMs);
      sqlite3_bind_int64(s, 2, now_ms - kKeepDaysMs);
      ok = sqlite3_step(s) == SQLITE_DONE;
      sqlite3_reset(s);
    }
    ok = ok && sqlite3_exec(db_.get(), "COMMIT", nullptr, nullptr, nullptr) == SQLITE_OK;
    if (ok) return Ok{};
    std::string m = sqlite3_errmsg(db_.get());
    sqlite3_exec(db_.get(), "ROLLBACK", nullptr, nullptr, nullptr);
    return make_error("sqlite", "event log activity: " + m);
  }

  Status prepare() {
    sqlite3_stmt* s = nullptr;
    if (sqlite3_prepare_v2(db_.get(), "SELECT questions, answered, fell_back, small_talk, thumbs_up, thumbs_down, "
                           "time_us FROM activity WHERE period = ?1 AND start_ms = ?2", -1, &s, nullptr) != SQLITE_OK)
      return make_error("sqlite", sqlite3_errmsg(db_.get()));
    select_.reset(s);
    if (sqlite3_prepare_v2(db_.get(), "INSERT OR REPLACE INTO activity(period, start_ms, questions, answered, "
                           "fell_back, small_talk, thumbs_up, thumbs_down, time_us) "
                           "VALUES(?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9)", -1, &s, nullptr) != SQLITE_OK)
      return make_error("sqlite", sqlite3_errmsg(db_.get()));
    upsert_.reset(s);
    if (sqlite3_prepare_v2(db_.get(), "DELETE FROM activity WHERE (period = 3600000 AND start_ms < ?1) OR "
                           "(period = 86400000 AND start_ms < ?2)", -1, &s, nullptr) != SQLITE_OK)
      return make_error("sqlite", sqlite3_errmsg(db_.get()));
    prune_.reset(s);
    return Ok{};
  }

 private:
  SqliteDb db_;
  SqliteStmt insert_;  // declared after db_: finalized before the database closes
  SqliteStmt select_, upsert_, prune_;
};

}  // namespace

Result<std::unique_ptr<EventSink>> open_sqlite_events(const std::string& path) {
  sqlite3* db = nullptr;
  if (open_sqlite(path, SQLITE_OPEN_READWRITE | SQLITE_OPEN_CREATE, &db) != SQLITE_OK) {
    std::string m = db ? sqlite3_errmsg(db) : "out of memory";
    sqlite3_close_v2(db);
    return make_error("sqlite", "cannot open the event log " + path + ": " + m);
  }
  sqlite3_busy_timeout(db, 5000);
  char* msg = nullptr;
  sqlite3_stmt* insert = nullptr;
  if (sqlite3_exec(db, kSchema, nullptr, nullptr, &msg) != SQLITE_OK ||
      sqlite3_prepare_v2(db,
                         "INSERT INTO events(time_ms, channel, kind, question, answer, confidence, useful, ref) "
                         "VALUES(?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8)",
                         -1, &insert, nullptr) != SQLITE_OK) {
    std::string m = msg ? msg : sqlite3_errmsg(db);
    sqlite3_free(msg);
    sqlite3_close_v2(db);
    return make_error("sqlite", "cannot set up the event log " + path + ": " + m);
  }
  auto sink = std::make_unique<SqliteEventSink>(db, insert);
  if (auto ok = sink->prepare(); !ok) return make_error("sqlite", "cannot set up the event log " + path + ": " + ok.error().message);
  return std::unique_ptr<EventSink>(std::move(sink));
}

namespace {

// A connection of its own for a reader (the writer keeps its own).
Result<SqliteDb> open_for_reading(const std::string& path) {
  sqlite3* raw = nullptr;
  if (open_sqlite(path, SQLITE_OPEN_READONLY, &raw) != SQLITE_OK) {
    sqlite3_close_v2(raw);
    return make_error("io", "cannot read the event log " + path);
  }
  sqlite3_busy_timeout(raw, 5000);
  return SqliteDb(raw);
}

}  // namespace

Result<std::vector<Event>> read_sqlite_events(const std::string& path, const std::string& kind, int limit) {
  auto db = open_for_reading(path);
  if (!db) return db.error();
  sqlite3* raw = db->get();
  sqlite3_stmt* s = nullptr;
  const char* sql = kind.empty()
                        ? "SELECT id, time_ms, channel, kind, question, answer, confidence, useful, ref FROM events "
                          "ORDER BY id DESC LIMIT ?2"
                        : "SELECT id, time_ms, channel, kind, question, answer, confidence, useful, ref FROM events "
                          "WHERE kind = ?1 ORDER BY id DESC LIMIT ?2";
  if (sqlite3_prepare_v2(raw, sql, -1, &s, nullptr) != SQLITE_OK)
    return make_error("sqlite", std::string("event log: ") + sqlite3_errmsg(raw));
  SqliteStmt stmt(s);
  if (!kind.empty()) sqlite3_bind_text(s, 1, kind.c_str(), -1, SQLITE_TRANSIENT);
  sqlite3_bind_int(s, 2, limit);
  std::vector<Event> out;
  int rc;
  while ((rc = sqlite3_step(s)) == SQLITE_ROW) {
    Event e;
    e.id = sqlite3_column_int64(s, 0);
    e.time_ms = sqlite3_column_int64(s, 1);
    e.channel = column_text(s, 2);
    e.kind = column_text(s, 3);
    e.question = column_text(s, 4);
    e.answer = column_text(s, 5);
    e.confidence = sqlite3_column_double(s, 6);
    e.useful = sqlite3_column_type(s, 7) == SQLITE_NULL ? -1 : sqlite3_column_int(s, 7);
    e.ref = column_text(s, 8);
    out.push_back(std::move(e));
  }
  if (rc != SQLITE_DONE) return make_error("sqlite", std::string("event log: ") + sqlite3_errmsg(raw));
  return out;
}

Result<std::vector<ActivityRow>> read_sqlite_activity(const std::string& path, int64_t period_ms, int64_t since_ms) {
  auto db = open_for_reading(path);
  if (!db) return db.error();
  sqlite3* raw = db->get();
  sqlite3_stmt* s = nullptr;
  if (sqlite3_prepare_v2(raw, "SELECT start_ms, questions, answered, fell_back, small_talk, thumbs_up, thumbs_down, "
                         "time_us FROM activity WHERE period = ?1 AND start_ms >= ?2 ORDER BY start_ms", -1, &s,
                         nullptr) != SQLITE_OK)
    return make_error("sqlite", std::string("event log: ") + sqlite3_errmsg(raw));
  SqliteStmt stmt(s);
  sqlite3_bind_int64(s, 1, period_ms);
  sqlite3_bind_int64(s, 2, since_ms);
  std::vector<ActivityRow> out;
  int rc;
  while ((rc = sqlite3_step(s)) == SQLITE_ROW) out.push_back({sqlite3_column_int64(s, 0), counts_from(s, 1)});
  if (rc != SQLITE_DONE) return make_error("sqlite", std::string("event log: ") + sqlite3_errmsg(raw));
  return out;
}

}  // namespace tanya

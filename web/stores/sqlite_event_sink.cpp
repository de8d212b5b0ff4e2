// The event log in a SQLite file of its own (WAL, synchronous=FULL).
#include <sqlite3.h>

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
)sql";

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

 private:
  SqliteDb db_;
  SqliteStmt insert_;  // declared after db_: finalized before the database closes
};

}  // namespace

Result<std::unique_ptr<EventSink>> open_sqlite_events(const std::string& path) {
  sqlite3* db = nullptr;
  if (sqlite3_open_v2(path.c_str(), &db, SQLITE_OPEN_READWRITE | SQLITE_OPEN_CREATE, nullptr) != SQLITE_OK) {
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
  return std::unique_ptr<EventSink>(new SqliteEventSink(db, insert));
}

Result<std::vector<Event>> read_sqlite_events(const std::string& path, const std::string& kind, int limit) {
  sqlite3* raw = nullptr;
  if (sqlite3_open_v2(path.c_str(), &raw, SQLITE_OPEN_READONLY, nullptr) != SQLITE_OK) {
    sqlite3_close_v2(raw);
    return make_error("io", "cannot read the event log " + path);
  }
  SqliteDb db(raw);
  sqlite3_busy_timeout(raw, 5000);
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

}  // namespace tanya

#include "web/event_log.hpp"

#include <sqlite3.h>

#include <chrono>

#include "index/sqlite_util.hpp"

namespace tanya {

namespace {

constexpr size_t kMaxQueued = 100000;  // beyond it new non-feedback events are dropped

const char* kSchema = R"sql(
PRAGMA journal_mode=WAL;
PRAGMA synchronous=FULL;
CREATE TABLE IF NOT EXISTS events(
  id INTEGER PRIMARY KEY, time_ms INTEGER NOT NULL, channel TEXT NOT NULL, kind TEXT NOT NULL,
  question TEXT NOT NULL, answer TEXT NOT NULL, confidence REAL NOT NULL, useful INTEGER, ref TEXT NOT NULL);
CREATE INDEX IF NOT EXISTS events_kind_time ON events(kind, time_ms);
)sql";

}  // namespace

int64_t now_ms() {
  return std::chrono::duration_cast<std::chrono::milliseconds>(std::chrono::system_clock::now().time_since_epoch())
      .count();
}

Result<std::unique_ptr<EventLog>> EventLog::open(const std::string& path) {
  sqlite3* db = nullptr;
  if (sqlite3_open_v2(path.c_str(), &db, SQLITE_OPEN_READWRITE | SQLITE_OPEN_CREATE, nullptr) != SQLITE_OK) {
    std::string m = db ? sqlite3_errmsg(db) : "out of memory";
    sqlite3_close_v2(db);
    return make_error("sqlite", "cannot open the event log " + path + ": " + m);
  }
  sqlite3_busy_timeout(db, 5000);
  char* msg = nullptr;
  if (sqlite3_exec(db, kSchema, nullptr, nullptr, &msg) != SQLITE_OK) {
    std::string m = msg ? msg : "";
    sqlite3_free(msg);
    sqlite3_close_v2(db);
    return make_error("sqlite", "cannot set up the event log " + path + ": " + m);
  }
  std::unique_ptr<EventLog> log(new EventLog());
  log->path_ = path;
  log->db_ = db;
  log->writer_ = std::thread([l = log.get()] { l->run(); });
  return log;
}

EventLog::~EventLog() {
  {
    std::lock_guard<std::mutex> lock(mu_);
    stop_ = true;
  }
  wake_.notify_all();
  if (writer_.joinable()) writer_.join();
  sqlite3_close_v2(db_);
}

void EventLog::record(Event e, std::function<void(bool)> on_committed) {
  {
    std::lock_guard<std::mutex> lock(mu_);
    if (queue_.size() >= kMaxQueued && e.kind != "feedback") {
      ++dropped_;
      return;
    }
    if (e.time_ms == 0) e.time_ms = now_ms();
    queue_.emplace_back(std::move(e), std::move(on_committed));
    ++queued_;
  }
  wake_.notify_one();
}

void EventLog::flush() {
  std::unique_lock<std::mutex> lock(mu_);
  uint64_t target = queued_;
  done_.wait(lock, [&] { return committed_ >= target; });
}

int64_t EventLog::dropped() const {
  std::lock_guard<std::mutex> lock(const_cast<std::mutex&>(mu_));
  return dropped_;
}

void EventLog::run() {
  sqlite3_stmt* raw = nullptr;
  sqlite3_prepare_v2(db_,
                     "INSERT INTO events(time_ms, channel, kind, question, answer, confidence, useful, ref) "
                     "VALUES(?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8)",
                     -1, &raw, nullptr);
  SqliteStmt insert(raw);
  while (true) {
    std::deque<std::pair<Event, std::function<void(bool)>>> batch;
    {
      std::unique_lock<std::mutex> lock(mu_);
      wake_.wait(lock, [&] { return stop_ || !queue_.empty(); });
      if (queue_.empty() && stop_) break;
      batch.swap(queue_);
    }
    // One transaction per batch: one fsync for many events.
    bool ok = sqlite3_exec(db_, "BEGIN", nullptr, nullptr, nullptr) == SQLITE_OK;
    for (auto& [e, cb] : batch) {
      if (!ok) break;
      sqlite3_stmt* s = insert.get();
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
    ok = ok && sqlite3_exec(db_, "COMMIT", nullptr, nullptr, nullptr) == SQLITE_OK;
    if (!ok) sqlite3_exec(db_, "ROLLBACK", nullptr, nullptr, nullptr);
    for (auto& [e, cb] : batch)
      if (cb) cb(ok);
    {
      std::lock_guard<std::mutex> lock(mu_);
      committed_ += batch.size();
    }
    done_.notify_all();
  }
  done_.notify_all();
}

Result<std::vector<Event>> EventLog::read(const std::string& path, const std::string& kind, int limit) {
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

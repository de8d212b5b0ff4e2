#pragma once
// RAII owners for sqlite3 handles, so every early return closes what it opened.
#include <sqlite3.h>

#include <memory>
#include <string>

namespace tanya {

struct SqliteCloser {
  void operator()(sqlite3* db) const { sqlite3_close_v2(db); }
};
struct StmtFinalizer {
  void operator()(sqlite3_stmt* s) const { sqlite3_finalize(s); }
};
using SqliteDb = std::unique_ptr<sqlite3, SqliteCloser>;
using SqliteStmt = std::unique_ptr<sqlite3_stmt, StmtFinalizer>;

// sqlite3_open_v2 for every connection the project opens. Before the first,
// turns SQLite's memory statistics off: with them on, every allocation SQLite
// makes, on any connection, takes one process-wide mutex, which the answering
// threads' per-thread connections then share on every search (issue 15's
// profile showed the lock; nothing here reads the statistics).
inline int open_sqlite(const std::string& path, int flags, sqlite3** db) {
  static const int configured = sqlite3_config(SQLITE_CONFIG_MEMSTATUS, 0);
  (void)configured;  // SQLITE_MISUSE when SQLite was already in use: it then keeps its default
  return sqlite3_open_v2(path.c_str(), db, flags, nullptr);
}

inline std::string column_text(sqlite3_stmt* s, int col) {
  const unsigned char* t = sqlite3_column_text(s, col);
  return t ? std::string(reinterpret_cast<const char*>(t), sqlite3_column_bytes(s, col)) : std::string();
}

}  // namespace tanya

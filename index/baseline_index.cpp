#include "index/baseline_index.hpp"

#include "knowledge/base/utf8.hpp"

namespace tanya {

Result<std::unique_ptr<BaselineIndex>> BaselineIndex::create(const IndexData& index) {
  sqlite3* raw = nullptr;
  if (open_sqlite(":memory:", SQLITE_OPEN_READWRITE | SQLITE_OPEN_CREATE, &raw) != SQLITE_OK) return make_error("sqlite", "cannot open memory database");
  std::unique_ptr<BaselineIndex> b(new BaselineIndex());
  b->db_.reset(raw);
  if (sqlite3_exec(raw, "CREATE VIRTUAL TABLE t USING fts5(body, question, tokenize='unicode61')", nullptr, nullptr,
                   nullptr) != SQLITE_OK)
    return make_error("sqlite", sqlite3_errmsg(raw));
  sqlite3_stmt* ins = nullptr;
  sqlite3_prepare_v2(raw, "INSERT INTO t(rowid, body, question) VALUES(?1, ?2, ?3)", -1, &ins, nullptr);
  SqliteStmt guard(ins);
  for (const auto& u : index.units) {
    sqlite3_bind_int64(ins, 1, u.id);
    sqlite3_bind_text(ins, 2, u.text.c_str(), -1, SQLITE_STATIC);
    sqlite3_bind_text(ins, 3, u.question.c_str(), -1, SQLITE_STATIC);
    if (sqlite3_step(ins) != SQLITE_DONE) return make_error("sqlite", sqlite3_errmsg(raw));
    sqlite3_reset(ins);
  }
  sqlite3_stmt* q = nullptr;
  if (sqlite3_prepare_v2(raw, "SELECT rowid, -bm25(t) FROM t WHERE t MATCH ?1 ORDER BY bm25(t) LIMIT ?2", -1, &q,
                         nullptr) != SQLITE_OK)
    return make_error("sqlite", sqlite3_errmsg(raw));
  b->stmt_.reset(q);
  return b;
}

Result<std::vector<Hit>> BaselineIndex::search(const std::string& question, int limit) {
  // The words as unicode61 would split them, each quoted, joined with OR.
  std::string match, word;
  auto flush = [&] {
    if (word.empty()) return;
    if (!match.empty()) match += " OR ";
    match += "\"" + word + "\"";
    word.clear();
  };
  size_t pos = 0;
  while (pos < question.size()) {
    char32_t cp = utf8::next(question, &pos);
    if (utf8::is_word_char(cp)) utf8::append(&word, cp);
    else flush();
  }
  flush();
  std::vector<Hit> hits;
  if (match.empty()) return hits;
  sqlite3_stmt* s = stmt_.get();
  sqlite3_bind_text(s, 1, match.c_str(), -1, SQLITE_TRANSIENT);
  sqlite3_bind_int(s, 2, limit);
  int rc;
  while ((rc = sqlite3_step(s)) == SQLITE_ROW) hits.push_back(Hit{sqlite3_column_int64(s, 0), sqlite3_column_double(s, 1)});
  sqlite3_reset(s);
  if (rc != SQLITE_DONE) return make_error("sqlite", sqlite3_errmsg(db_.get()));
  return hits;
}

}  // namespace tanya

#include "index/index_store.hpp"

#include <fcntl.h>
#include <unistd.h>

#include <chrono>
#include <cstdio>
#include <filesystem>
#include <set>
#include <sstream>

#include "index/fts5_tokenizer.hpp"

namespace fs = std::filesystem;

namespace tanya {

namespace {

Error sqlite_error(sqlite3* db, const std::string& what) {
  return make_error("sqlite", what + ": " + (db ? sqlite3_errmsg(db) : "out of memory"));
}

Status exec(sqlite3* db, const char* sql) {
  char* msg = nullptr;
  if (sqlite3_exec(db, sql, nullptr, nullptr, &msg) != SQLITE_OK) {
    std::string m = msg ? msg : "unknown error";
    sqlite3_free(msg);
    return make_error("sqlite", m);
  }
  return Ok{};
}

Result<SqliteStmt> prepare(sqlite3* db, const char* sql) {
  sqlite3_stmt* s = nullptr;
  if (sqlite3_prepare_v3(db, sql, -1, SQLITE_PREPARE_PERSISTENT, &s, nullptr) != SQLITE_OK)
    return sqlite_error(db, "prepare");
  return SqliteStmt(s);
}

const char* kSchema = R"sql(
CREATE TABLE meta(key TEXT PRIMARY KEY, value TEXT NOT NULL);
CREATE TABLE articles(id INTEGER PRIMARY KEY, name TEXT NOT NULL UNIQUE, title TEXT NOT NULL);
CREATE TABLE sections(id INTEGER PRIMARY KEY, article_id INTEGER NOT NULL REFERENCES articles(id),
                      ord INTEGER NOT NULL, title TEXT NOT NULL, parents TEXT NOT NULL);
CREATE TABLE units(id INTEGER PRIMARY KEY, article_id INTEGER NOT NULL REFERENCES articles(id),
                   section_id INTEGER NOT NULL REFERENCES sections(id),
                   kind TEXT NOT NULL CHECK (kind IN ('paragraph','faq','table_row','lead')),
                   ord INTEGER NOT NULL, question TEXT NOT NULL, text TEXT NOT NULL,
                   terms TEXT NOT NULL, question_terms TEXT NOT NULL,
                   alternates TEXT NOT NULL, alternate_terms TEXT NOT NULL);
CREATE VIRTUAL TABLE units_fts USING fts5(body, section, question, tokenize='tanya');
CREATE TABLE words(word TEXT PRIMARY KEY, stem TEXT NOT NULL, freq INTEGER NOT NULL) WITHOUT ROWID;
)sql";

// What a section's passages are found under: the titles of the headings
// above it, then its own.
std::string section_words(const std::string& title, const std::string& parents) {
  return parents.empty() ? title : parents + "\n" + title;
}

std::string join_terms(const std::vector<Token>& tokens) {
  std::string out;
  for (const auto& t : tokens) {
    if (t.stop) continue;
    if (!out.empty()) out.push_back(' ');
    out += t.term;
  }
  return out;
}

// Escapes a path for a file: URI (SQLite decodes %HH).
std::string uri_path(const std::string& path) {
  std::string out;
  for (unsigned char c : path) {
    if (c == '%' || c == '?' || c == '#' || c < 0x20) {
      char buf[4];
      std::snprintf(buf, sizeof buf, "%%%02X", c);
      out += buf;
    } else {
      out.push_back(static_cast<char>(c));
    }
  }
  return out;
}

Status fsync_path(const std::string& path, bool directory) {
  int fd = ::open(path.c_str(), directory ? O_RDONLY | O_DIRECTORY : O_RDONLY);
  if (fd < 0) return make_error("io", "cannot open " + path + " to sync");
  int rc = ::fsync(fd);
  ::close(fd);
  if (rc != 0) return make_error("io", "fsync failed for " + path);
  return Ok{};
}

Status write_all(sqlite3* db, const Knowledge& knowledge, const Analyzer& analyzer, uint64_t fingerprint,
                 BuildSummary* summary) {
  if (auto st = exec(db, "PRAGMA journal_mode=OFF; PRAGMA synchronous=OFF; BEGIN;"); !st) return st;
  if (auto st = exec(db, kSchema); !st) return st;

  auto ins_article = prepare(db, "INSERT INTO articles(id, name, title) VALUES(?1, ?2, ?3)");
  auto ins_section = prepare(db, "INSERT INTO sections(id, article_id, ord, title, parents) VALUES(?1, ?2, ?3, ?4, ?5)");
  auto ins_unit = prepare(db,
                          "INSERT INTO units(id, article_id, section_id, kind, ord, question, text, terms, "
                          "question_terms, alternates, alternate_terms) VALUES(?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11)");
  auto ins_fts = prepare(db, "INSERT INTO units_fts(rowid, body, section, question) VALUES(?1, ?2, ?3, ?4)");
  auto ins_word = prepare(db, "INSERT INTO words(word, stem, freq) VALUES(?1, ?2, ?3)");
  auto ins_meta = prepare(db, "INSERT INTO meta(key, value) VALUES(?1, ?2)");
  for (auto* r : {&ins_article, &ins_section, &ins_unit, &ins_fts, &ins_word, &ins_meta})
    if (!*r) return r->error();

  auto step = [&](SqliteStmt& s, const char* what) -> Status {
    int rc = sqlite3_step(s.get());
    sqlite3_reset(s.get());
    sqlite3_clear_bindings(s.get());
    if (rc != SQLITE_DONE) return sqlite_error(db, what);
    return Ok{};
  };

  std::map<std::string, WordInfo> words;
  int64_t section_id = 0, unit_id = 0;
  for (size_t a = 0; a < knowledge.articles.size(); ++a) {
    const Article& article = knowledge.articles[a];
    int64_t article_id = static_cast<int64_t>(a) + 1;
    sqlite3_stmt* s = ins_article->get();
    sqlite3_bind_int64(s, 1, article_id);
    sqlite3_bind_text(s, 2, article.name.c_str(), -1, SQLITE_TRANSIENT);
    sqlite3_bind_text(s, 3, article.title.c_str(), -1, SQLITE_TRANSIENT);
    if (auto st = step(*ins_article, "insert article"); !st) return st;

    int64_t first_section = section_id + 1;
    for (size_t i = 0; i < article.sections.size(); ++i) {
      s = ins_section->get();
      sqlite3_bind_int64(s, 1, ++section_id);
      sqlite3_bind_int64(s, 2, article_id);
      sqlite3_bind_int(s, 3, static_cast<int>(i));
      sqlite3_bind_text(s, 4, article.sections[i].c_str(), -1, SQLITE_TRANSIENT);
      sqlite3_bind_text(s, 5, article.parents_of(static_cast<int>(i)).c_str(), -1, SQLITE_TRANSIENT);
      if (auto st = step(*ins_section, "insert section"); !st) return st;
    }
    summary->sections += static_cast<int>(article.sections.size());

    for (const Unit& u : article.units) {
      auto body = analyzer.analyze(u.text);
      auto question = analyzer.analyze(u.question);
      // Alternate wordings: one per line; their stems one line each.
      std::string alternates, alternate_terms;
      std::vector<std::vector<Token>> alternate_tokens;
      for (const auto& alt : u.alternates) {
        alternate_tokens.push_back(analyzer.analyze(alt));
        if (!alternates.empty()) {
          alternates += "\n";
          alternate_terms += "\n";
        }
        alternates += alt;
        alternate_terms += join_terms(alternate_tokens.back());
      }
      std::vector<const std::vector<Token>*> lists = {&body, &question};
      for (const auto& t : alternate_tokens) lists.push_back(&t);
      for (const auto* list : lists) {
        for (const auto& t : *list) {
          if (t.stop) continue;
          auto& w = words[t.surface];
          w.stem = t.term;
          ++w.freq;
        }
      }
      s = ins_unit->get();
      sqlite3_bind_int64(s, 1, ++unit_id);
      sqlite3_bind_int64(s, 2, article_id);
      sqlite3_bind_int64(s, 3, first_section + u.section);
      sqlite3_bind_text(s, 4, to_string(u.kind), -1, SQLITE_STATIC);
      sqlite3_bind_int(s, 5, u.order);
      sqlite3_bind_text(s, 6, u.question.c_str(), -1, SQLITE_TRANSIENT);
      sqlite3_bind_text(s, 7, u.text.c_str(), -1, SQLITE_TRANSIENT);
      std::string terms = join_terms(body), qterms = join_terms(question);
      sqlite3_bind_text(s, 8, terms.c_str(), -1, SQLITE_TRANSIENT);
      sqlite3_bind_text(s, 9, qterms.c_str(), -1, SQLITE_TRANSIENT);
      sqlite3_bind_text(s, 10, alternates.c_str(), -1, SQLITE_TRANSIENT);
      sqlite3_bind_text(s, 11, alternate_terms.c_str(), -1, SQLITE_TRANSIENT);
      if (auto st = step(*ins_unit, "insert unit"); !st) return st;

      s = ins_fts->get();
      sqlite3_bind_int64(s, 1, unit_id);
      sqlite3_bind_text(s, 2, u.text.c_str(), -1, SQLITE_TRANSIENT);
      const std::string section = section_words(article.sections[u.section], article.parents_of(u.section));
      sqlite3_bind_text(s, 3, section.c_str(), -1, SQLITE_TRANSIENT);
      std::string questions = alternates.empty() ? u.question : u.question + "\n" + alternates;
      sqlite3_bind_text(s, 4, questions.c_str(), -1, SQLITE_TRANSIENT);
      if (auto st = step(*ins_fts, "insert into FTS5"); !st) return st;
      summary->units_by_kind[to_string(u.kind)]++;
    }
  }
  std::set<std::string> stems;
  for (const auto& [word, info] : words) {
    sqlite3_stmt* s = ins_word->get();
    sqlite3_bind_text(s, 1, word.c_str(), -1, SQLITE_TRANSIENT);
    sqlite3_bind_text(s, 2, info.stem.c_str(), -1, SQLITE_TRANSIENT);
    sqlite3_bind_int(s, 3, info.freq);
    if (auto st = step(*ins_word, "insert word"); !st) return st;
    stems.insert(info.stem);
  }
  summary->distinct_terms = static_cast<int>(stems.size());
  summary->articles = static_cast<int>(knowledge.articles.size());

  auto built_at = std::to_string(std::chrono::duration_cast<std::chrono::seconds>(
                                     std::chrono::system_clock::now().time_since_epoch())
                                     .count());
  for (auto [k, v] : {std::pair<std::string, std::string>{"schema_version", std::to_string(kSchemaVersion)},
                      {"fingerprint", std::to_string(fingerprint)},
                      {"built_at", built_at}}) {
    sqlite3_stmt* s = ins_meta->get();
    sqlite3_bind_text(s, 1, k.c_str(), -1, SQLITE_TRANSIENT);
    sqlite3_bind_text(s, 2, v.c_str(), -1, SQLITE_TRANSIENT);
    if (auto st = step(*ins_meta, "insert meta"); !st) return st;
  }
  if (auto st = exec(db, "INSERT INTO units_fts(units_fts) VALUES('optimize'); COMMIT;"); !st) return st;
  return Ok{};
}

}  // namespace

uint64_t index_fingerprint(const Knowledge& knowledge, const Lexicon& lexicon) {
  uint64_t h = knowledge.fingerprint;
  h = fnv1a(&lexicon.fingerprint, sizeof lexicon.fingerprint, h);
  int version = kSchemaVersion;
  h = fnv1a(&version, sizeof version, h);
  version = kAnalyzerVersion;
  return fnv1a(&version, sizeof version, h);
}

Result<BuildSummary> build_index(const Knowledge& knowledge, std::shared_ptr<const Analyzer> analyzer,
                                 const std::string& path) {
  auto started = std::chrono::steady_clock::now();
  fs::path target = fs::absolute(path);
  std::error_code ec;
  if (target.has_parent_path()) fs::create_directories(target.parent_path(), ec);
  std::string tmp = target.string() + ".tmp-" + std::to_string(::getpid());
  fs::remove(tmp, ec);

  BuildSummary summary;
  Status status = Ok{};
  {
    sqlite3* raw = nullptr;
    int rc = open_sqlite(tmp, SQLITE_OPEN_READWRITE | SQLITE_OPEN_CREATE, &raw);
    SqliteDb db(raw);
    if (rc != SQLITE_OK) {
      status = sqlite_error(raw, "cannot create " + tmp);
    } else if (auto st = register_tokenizer(db.get(), analyzer); !st) {
      status = st;
    } else {
      status = write_all(db.get(), knowledge, *analyzer, index_fingerprint(knowledge, analyzer->lexicon()), &summary);
    }
    if (status && sqlite3_close_v2(db.release()) != SQLITE_OK) status = make_error("sqlite", "close failed");
  }
  if (status) status = fsync_path(tmp, false);
  if (status && std::rename(tmp.c_str(), target.c_str()) != 0)
    status = make_error("io", "cannot rename " + tmp + " to " + target.string());
  if (!status) {
    fs::remove(tmp, ec);
    return status.error();
  }
  // The rename is durable once the directory entry is.
  fsync_path(target.parent_path().string(), true);
  summary.millis =
      std::chrono::duration<double, std::milli>(std::chrono::steady_clock::now() - started).count();
  return summary;
}

Result<SqliteDb> open_read_only(const std::string& path, std::shared_ptr<const Analyzer> analyzer) {
  std::error_code ec;
  if (!fs::is_regular_file(path, ec)) return make_error("io", "index file not found: " + path);
  std::string uri = "file:" + uri_path(path) + "?immutable=1";
  sqlite3* raw = nullptr;
  int rc = open_sqlite(uri, SQLITE_OPEN_READONLY | SQLITE_OPEN_URI | SQLITE_OPEN_NOMUTEX, &raw);
  SqliteDb db(raw);
  if (rc != SQLITE_OK) return sqlite_error(raw, "cannot open " + path);
  if (analyzer) {
    if (auto st = register_tokenizer(db.get(), std::move(analyzer)); !st) return st.error();
  }
  return db;
}

Result<uint64_t> stored_fingerprint(const std::string& path) {
  auto db = open_read_only(path, nullptr);
  if (!db) return db.error();
  auto stmt = prepare(db->get(), "SELECT value FROM meta WHERE key = 'fingerprint'");
  if (!stmt) return make_error("sqlite", path + " is not a tanya index");
  if (sqlite3_step(stmt->get()) != SQLITE_ROW) return make_error("sqlite", path + " has no fingerprint");
  return std::strtoull(column_text(stmt->get(), 0).c_str(), nullptr, 10);
}

Result<std::shared_ptr<const IndexData>> load_index(const std::string& path, std::shared_ptr<const Analyzer> analyzer) {
  auto db = open_read_only(path, analyzer);
  if (!db) return db.error();
  auto data = std::make_shared<IndexData>();
  data->path = path;

  auto units = prepare(db->get(),
                       "SELECT u.id, a.name, a.title, s.title, u.kind, u.ord, u.question, u.text, u.terms, "
                       "u.question_terms, u.alternate_terms, s.parents FROM units u JOIN articles a ON a.id = u.article_id "
                       "JOIN sections s ON s.id = u.section_id ORDER BY u.id");
  if (!units) return units.error();
  std::unordered_map<std::string, std::vector<std::string>> section_terms;
  int rc;
  while ((rc = sqlite3_step(units->get())) == SQLITE_ROW) {
    sqlite3_stmt* s = units->get();
    StoredUnit u;
    u.id = sqlite3_column_int64(s, 0);
    u.article = column_text(s, 1);
    u.article_title = column_text(s, 2);
    u.section = column_text(s, 3);
    unit_kind_from_string(column_text(s, 4), &u.kind);
    u.order = sqlite3_column_int(s, 5);
    u.question = column_text(s, 6);
    u.text = column_text(s, 7);
    u.terms = split_spaces(column_text(s, 8));
    u.question_terms = split_spaces(column_text(s, 9));
    std::istringstream alternates(column_text(s, 10));
    for (std::string line; std::getline(alternates, line);) u.alternate_terms.push_back(split_spaces(line));
    u.section_parents = column_text(s, 11);
    const std::string words = section_words(u.section, u.section_parents);
    auto it = section_terms.find(words);
    if (it == section_terms.end()) {
      std::vector<std::string> st;
      for (auto& t : analyzer->analyze(words))
        if (!t.stop) st.push_back(t.term);
      it = section_terms.emplace(words, std::move(st)).first;
    }
    u.section_terms = it->second;
    if (u.id != static_cast<int64_t>(data->units.size()) + 1) return make_error("sqlite", "unit ids are not dense");
    std::set<std::string> seen(u.terms.begin(), u.terms.end());
    seen.insert(u.question_terms.begin(), u.question_terms.end());
    for (const auto& alt : u.alternate_terms) seen.insert(alt.begin(), alt.end());
    for (const auto& t : seen) data->stem_df[t]++;
    data->units.push_back(std::move(u));
  }
  if (rc != SQLITE_DONE) return sqlite_error(db->get(), "read units");

  auto words = prepare(db->get(), "SELECT word, stem, freq FROM words");
  if (!words) return words.error();
  while ((rc = sqlite3_step(words->get())) == SQLITE_ROW) {
    data->words[column_text(words->get(), 0)] = WordInfo{column_text(words->get(), 1), sqlite3_column_int(words->get(), 2)};
  }
  if (rc != SQLITE_DONE) return sqlite_error(db->get(), "read words");
  return std::shared_ptr<const IndexData>(std::move(data));
}

Result<std::unique_ptr<IndexReader>> IndexReader::open(const std::string& path, std::shared_ptr<const Analyzer> analyzer) {
  auto db = open_read_only(path, std::move(analyzer));
  if (!db) return db.error();
  std::unique_ptr<IndexReader> r(new IndexReader());
  auto stmt = prepare(db->get(),
                      "SELECT rowid, -bm25(units_fts, 1.0, 0.7, 1.5) AS score FROM units_fts WHERE units_fts MATCH ?1 "
                      "ORDER BY score DESC LIMIT ?2");
  if (!stmt) return stmt.error();
  auto match_stmt = prepare(db->get(), "SELECT rowid FROM units_fts WHERE units_fts MATCH ?1");
  if (!match_stmt) return match_stmt.error();
  r->db_ = std::move(*db);
  r->stmt_ = std::move(*stmt);
  r->match_stmt_ = std::move(*match_stmt);
  return r;
}

Result<std::vector<Hit>> IndexReader::search(const std::string& match, int limit) {
  sqlite3_stmt* s = stmt_.get();
  sqlite3_reset(s);
  sqlite3_bind_text(s, 1, match.data(), static_cast<int>(match.size()), SQLITE_STATIC);
  sqlite3_bind_int(s, 2, limit);
  std::vector<Hit> hits;
  int rc;
  while ((rc = sqlite3_step(s)) == SQLITE_ROW) hits.push_back(Hit{sqlite3_column_int64(s, 0), sqlite3_column_double(s, 1)});
  sqlite3_reset(s);
  sqlite3_clear_bindings(s);
  if (rc != SQLITE_DONE) return sqlite_error(db_.get(), "search");
  return hits;
}

Result<std::vector<int64_t>> IndexReader::match(const std::string& match) {
  sqlite3_stmt* s = match_stmt_.get();
  sqlite3_reset(s);
  sqlite3_bind_text(s, 1, match.data(), static_cast<int>(match.size()), SQLITE_STATIC);
  std::vector<int64_t> rows;
  int rc;
  while ((rc = sqlite3_step(s)) == SQLITE_ROW) rows.push_back(sqlite3_column_int64(s, 0));
  sqlite3_reset(s);
  sqlite3_clear_bindings(s);
  if (rc != SQLITE_DONE) return sqlite_error(db_.get(), "match");
  return rows;
}

}  // namespace tanya

#pragma once
// The index file: one SQLite database with the articles, sections and units, an
// FTS5 table over the units analysed by the "tanya" tokenizer, and the surface
// vocabulary (word → stem, frequency) that typo correction searches.
//
// Writers build a new file and rename it into place; readers open it read-only
// and immutable, so a file replaced under a running server is never seen half
// written.
#include <cstdint>
#include <map>
#include <memory>
#include <string>
#include <unordered_map>
#include <vector>

#include "index/analyzer.hpp"
#include "index/sqlite_util.hpp"
#include "knowledge/knowledge_dir.hpp"
#include "knowledge/base/result.hpp"
#include "knowledge/unit.hpp"

namespace tanya {

inline constexpr int kSchemaVersion = 3;  // 3: sections.parents (the headings a section stands under)

struct BuildSummary {
  std::map<std::string, int> units_by_kind;
  int articles = 0;
  int sections = 0;
  int distinct_terms = 0;
  double millis = 0;
};

// Builds the index for `knowledge` at `path` atomically: a temporary file in the
// same directory, synced, then renamed over `path`. On any error the previous
// file at `path` is untouched and the temporary file removed.
Result<BuildSummary> build_index(const Knowledge& knowledge, std::shared_ptr<const Analyzer> analyzer,
                                 const std::string& path);

// The fingerprint stored with an index: knowledge bytes, word lists, schema.
uint64_t index_fingerprint(const Knowledge& knowledge, const Lexicon& lexicon);

// The fingerprint stored in the file at `path`, or an error if it is no index.
Result<uint64_t> stored_fingerprint(const std::string& path);

struct StoredUnit {
  int64_t id = 0;
  std::string article;        // article name
  std::string article_title;
  std::string section;        // section title
  std::string section_parents;  // the titles of the headings above it, "" for none (Article::section_parents)
  UnitKind kind = UnitKind::paragraph;
  int order = 0;
  std::string question;       // FAQ question or table key
  std::string text;
  std::vector<std::string> terms;           // stems of text, in order, stop words left out
  std::vector<std::string> question_terms;  // stems of question
  std::vector<std::vector<std::string>> alternate_terms;  // stems of each alternate wording
  std::vector<std::string> section_terms;   // stems of the section title and of the headings above it
};

struct WordInfo {
  std::string stem;
  int freq = 0;
};

// Everything the bot keeps in memory: units by id (units[i].id == i + 1) and the vocabulary.
struct IndexData {
  std::string path;
  std::vector<StoredUnit> units;
  std::unordered_map<std::string, WordInfo> words;  // surface word → stem, frequency
  std::unordered_map<std::string, int> stem_df;     // stem → number of units holding it
};

Result<std::shared_ptr<const IndexData>> load_index(const std::string& path, std::shared_ptr<const Analyzer> analyzer);

struct Hit {
  int64_t unit_id = 0;
  double bm25 = 0;  // higher is better (FTS5's bm25() negated)
};

// One read-only connection with its prepared statements: FTS5 itself, which
// answering no longer asks (index/bm25.hpp reads the same rows and scores
// from memory); opening one checks an index file, and tests hold the
// in-memory answers against it. Not thread-safe: each thread opens its own.
// Owns the connection.
class IndexReader {
 public:
  static Result<std::unique_ptr<IndexReader>> open(const std::string& path, std::shared_ptr<const Analyzer> analyzer);
  // `match` must be a valid FTS5 expression (the bot's query builder makes one).
  // The `limit` best rows by FTS5's bm25(), best first.
  Result<std::vector<Hit>> search(const std::string& match, int limit);
  // Every row `match` finds, in rowid order, unscored (what Bm25::rows must equal).
  Result<std::vector<int64_t>> match(const std::string& match);

 private:
  IndexReader() = default;
  SqliteDb db_;
  SqliteStmt stmt_;
  SqliteStmt match_stmt_;
};

// Opens `path` read-only and immutable, with the tokenizer registered.
Result<SqliteDb> open_read_only(const std::string& path, std::shared_ptr<const Analyzer> analyzer);

}  // namespace tanya

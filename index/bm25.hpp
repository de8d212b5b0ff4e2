#pragma once
// FTS5's bm25() over the rows a MATCH found, computed in memory from the
// analysis every unit already has (IndexData), to the same formula and column
// weights as `-bm25(units_fts, 1.0, 0.7, 1.5)`: k1 = 1.2, b = 0.75, a phrase's
// frequency the column weights of its instances, its idf
// log((N - n + 0.5) / (n + 0.5)) floored at 1e-6, a row's length its tokens
// in all columns. Why not FTS5's own: bm25() reads each row's size through a
// nested statement on the docsize table, and the rows are then sorted by SQL;
// together that was over half of an answer's time (callgrind on
// tanya-bench-inprocess). FTS5 still finds the rows (IndexReader::match); the
// scores are the same (bot_unit_test compares them with FTS5's on every
// row). Stems are ids and each unit's columns
// are counted once, so a row costs a binary search per one-word phrase, not
// a scan of its text: with strings scanned, a 1000-article corpus answered
// slower than FTS5's own bm25() (p99 8.9 ms against 5.2 ms). Immutable once
// built: thread-safe.
#include <array>
#include <cstdint>
#include <string>
#include <unordered_map>
#include <utility>
#include <vector>

#include "index/index_store.hpp"

namespace tanya {

class Bm25 {
 public:
  // The weights of the body, section and question columns (the FTS5 table's order).
  static constexpr std::array<double, 3> kColumnWeights = {1.0, 0.7, 1.5};

  explicit Bm25(const IndexData& index);
  // The `limit` best of `rows` (unit ids) for `phrases` (each the stems of one
  // quoted string of the MATCH, in the MATCH's order), best first; equal
  // scores by unit id. Rows holding no phrase score 0.
  std::vector<Hit> top(const std::vector<std::vector<std::string>>& phrases, const std::vector<int64_t>& rows,
                       size_t limit) const;
  // The units holding any of `phrases`, ascending: the rows of FTS5's MATCH
  // of the phrases quoted and ORed (IndexReader::match; bot_unit_test
  // compares them on every question of the test sets). Read from memory:
  // FTS5's MATCH, parsing the expression, running the tokenizer again and
  // walking its doclists through SQLite's VM, was 26% of an answer's
  // instructions (callgrind on `tanya eval`, 55 articles).
  std::vector<int64_t> rows(const std::vector<std::vector<std::string>>& phrases) const;
  // `units`, all of one article, scored as an index of that article alone
  // would score them for the same phrases: idf over the article's passages
  // among `rows` (FTS5's rows for the MATCH), its average length. In an index
  // of one article these are top()'s scores.
  std::vector<double> within_article(const std::vector<std::vector<std::string>>& phrases,
                                     const std::vector<int64_t>& rows, const std::vector<int64_t>& units) const;

 private:
  // One column of one unit: its stems as ids in order (for phrases) and each
  // id with its count, sorted (a one-word phrase is a binary search).
  struct Column {
    std::vector<uint32_t> sequence;
    std::vector<std::pair<uint32_t, uint32_t>> counts;
  };
  struct Unit {
    std::array<Column, 3> columns;  // body, section, question (the FAQ question, then each accepted wording)
    double length = 0;              // tokens in all columns
    size_t article = 0;             // its article's index in article_units_
  };
  // Every row of `rows` scored over the whole index, or over its own article.
  std::vector<Hit> score_rows(const std::vector<std::vector<std::string>>& phrases, const std::vector<int64_t>& rows,
                              bool by_article) const;
  // Each phrase as stem ids; empty where a stem is in no unit (the phrase
  // matches nothing).
  std::vector<std::vector<uint32_t>> phrase_ids(const std::vector<std::vector<std::string>>& phrases) const;
  static int instances(const std::vector<uint32_t>& phrase, const Column& column);

  std::unordered_map<std::string, uint32_t> ids_;  // stem → id
  // Per stem id: each unit holding it, by unit id, with its weighted
  // frequency over the columns (what instances() sums for a one-word phrase).
  // A one-word phrase then walks the units that hold it, not every row
  // times every column: in one index of 39 articles that scan was a third
  // of an answer (perf on tanya-bench-inprocess).
  std::vector<std::vector<std::pair<uint32_t, double>>> postings_;
  std::vector<Unit> units_;                         // by unit id - 1
  double average_length_ = 1;
  std::vector<size_t> article_units_;   // per article: its units
  std::vector<double> article_length_;  // per article: their average length
};

}  // namespace tanya

#include "index/bm25.hpp"

#include <algorithm>
#include <cmath>

namespace tanya {

namespace {

constexpr double kK1 = 1.2;  // FTS5's bm25() constants (fts5_aux.c)
constexpr double kB = 0.75;

// Instances of `phrase` in `column`: starting positions where its stems stand in order.
int instances(const std::vector<std::string>& phrase, const std::vector<std::string>& column) {
  if (phrase.empty() || phrase.size() > column.size()) return 0;
  int n = 0;
  for (size_t i = 0; i + phrase.size() <= column.size(); ++i)
    if (column[i] == phrase[0] && std::equal(phrase.begin() + 1, phrase.end(), column.begin() + i + 1)) ++n;
  return n;
}

}  // namespace

Bm25::Bm25(const IndexData& index) : index_(index) {
  question_column_.reserve(index.units.size());
  length_.reserve(index.units.size());
  double total = 0;
  for (const auto& u : index.units) {
    std::vector<std::string> q = u.question_terms;
    for (const auto& alt : u.alternate_terms) q.insert(q.end(), alt.begin(), alt.end());
    length_.push_back(static_cast<double>(u.terms.size() + u.section_terms.size() + q.size()));
    total += length_.back();
    question_column_.push_back(std::move(q));
  }
  if (!index.units.empty()) average_length_ = total / static_cast<double>(index.units.size());
}

std::vector<Hit> Bm25::top(const std::vector<std::vector<std::string>>& phrases, const std::vector<int64_t>& rows,
                           size_t limit) const {
  const size_t n_units = index_.units.size();
  // Per row and phrase: the weighted frequency (aFreq in fts5_aux.c).
  std::vector<double> freq(rows.size() * phrases.size(), 0.0);
  std::vector<double> hits(phrases.size(), 0.0);
  for (size_t r = 0; r < rows.size(); ++r) {
    const int64_t id = rows[r];
    if (id < 1 || static_cast<size_t>(id) > n_units) continue;
    const StoredUnit& u = index_.units[id - 1];
    for (size_t p = 0; p < phrases.size(); ++p) {
      double f = kColumnWeights[0] * instances(phrases[p], u.terms) +
                 kColumnWeights[1] * instances(phrases[p], u.section_terms) +
                 kColumnWeights[2] * instances(phrases[p], question_column_[id - 1]);
      freq[r * phrases.size() + p] = f;
      if (f > 0) hits[p] += 1;
    }
  }
  std::vector<double> idf(phrases.size());
  const double n = static_cast<double>(n_units);
  for (size_t p = 0; p < phrases.size(); ++p) {
    idf[p] = std::log((n - hits[p] + 0.5) / (hits[p] + 0.5));
    if (idf[p] <= 0.0) idf[p] = 1e-6;
  }
  std::vector<Hit> out;
  out.reserve(rows.size());
  for (size_t r = 0; r < rows.size(); ++r) {
    const int64_t id = rows[r];
    if (id < 1 || static_cast<size_t>(id) > n_units) continue;
    const double norm = kK1 * (1 - kB + kB * length_[id - 1] / average_length_);
    double score = 0;
    for (size_t p = 0; p < phrases.size(); ++p) {
      const double f = freq[r * phrases.size() + p];
      score += idf[p] * (f * (kK1 + 1.0)) / (f + norm);
    }
    out.push_back({id, score});
  }
  const size_t keep = std::min(limit, out.size());
  std::partial_sort(out.begin(), out.begin() + static_cast<std::ptrdiff_t>(keep), out.end(),
                    [](const Hit& a, const Hit& b) { return a.bm25 != b.bm25 ? a.bm25 > b.bm25 : a.unit_id < b.unit_id; });
  out.resize(keep);
  return out;
}

}  // namespace tanya

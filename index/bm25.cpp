#include "index/bm25.hpp"

#include <algorithm>
#include <cmath>

namespace tanya {

namespace {

constexpr double kK1 = 1.2;  // FTS5's bm25() constants (fts5_aux.c)
constexpr double kB = 0.75;

}  // namespace

Bm25::Bm25(const IndexData& index) : units_(index.units.size()) {
  auto ids_of = [&](const std::vector<std::string>& stems, Column* column) {
    for (const auto& s : stems) column->sequence.push_back(ids_.emplace(s, static_cast<uint32_t>(ids_.size())).first->second);
    std::vector<uint32_t> sorted = column->sequence;
    std::sort(sorted.begin(), sorted.end());
    for (size_t i = 0; i < sorted.size();) {
      size_t j = i;
      while (j < sorted.size() && sorted[j] == sorted[i]) ++j;
      column->counts.push_back({sorted[i], static_cast<uint32_t>(j - i)});
      i = j;
    }
  };
  double total = 0;
  for (size_t i = 0; i < index.units.size(); ++i) {
    const StoredUnit& u = index.units[i];
    Unit& unit = units_[i];
    // The question column: the FAQ question, then each accepted wording, as
    // FTS5 got them in one text.
    std::vector<std::string> question = u.question_terms;
    for (const auto& alt : u.alternate_terms) question.insert(question.end(), alt.begin(), alt.end());
    ids_of(u.terms, &unit.columns[0]);
    ids_of(u.section_terms, &unit.columns[1]);
    ids_of(question, &unit.columns[2]);
    unit.length = static_cast<double>(u.terms.size() + u.section_terms.size() + question.size());
    total += unit.length;
  }
  if (!units_.empty()) average_length_ = total / static_cast<double>(units_.size());
}

int Bm25::instances(const std::vector<uint32_t>& phrase, const Column& column) {
  if (phrase.empty()) return 0;
  if (phrase.size() == 1) {
    auto it = std::lower_bound(column.counts.begin(), column.counts.end(), std::make_pair(phrase[0], 0u));
    return it != column.counts.end() && it->first == phrase[0] ? static_cast<int>(it->second) : 0;
  }
  const auto& seq = column.sequence;
  int n = 0;
  for (size_t i = 0; i + phrase.size() <= seq.size(); ++i)
    if (seq[i] == phrase[0] && std::equal(phrase.begin() + 1, phrase.end(), seq.begin() + i + 1)) ++n;
  return n;
}

std::vector<Hit> Bm25::top(const std::vector<std::vector<std::string>>& phrases, const std::vector<int64_t>& rows,
                           size_t limit) const {
  const size_t n_units = units_.size();
  // The phrases as ids; a stem no unit has makes its phrase match nothing.
  std::vector<std::vector<uint32_t>> ids(phrases.size());
  for (size_t p = 0; p < phrases.size(); ++p) {
    for (const auto& s : phrases[p]) {
      auto it = ids_.find(s);
      if (it == ids_.end()) {
        ids[p].clear();
        break;
      }
      ids[p].push_back(it->second);
    }
  }
  // Per row and phrase: the weighted frequency (aFreq in fts5_aux.c).
  std::vector<double> freq(rows.size() * phrases.size(), 0.0);
  std::vector<double> hits(phrases.size(), 0.0);
  for (size_t r = 0; r < rows.size(); ++r) {
    const int64_t id = rows[r];
    if (id < 1 || static_cast<size_t>(id) > n_units) continue;
    const Unit& u = units_[id - 1];
    for (size_t p = 0; p < phrases.size(); ++p) {
      double f = 0;
      for (size_t c = 0; c < u.columns.size(); ++c) f += kColumnWeights[c] * instances(ids[p], u.columns[c]);
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
    const double norm = kK1 * (1 - kB + kB * units_[id - 1].length / average_length_);
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

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
  std::unordered_map<std::string, size_t> article_ids;
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
    auto [it, fresh] = article_ids.emplace(u.article, article_units_.size());
    if (fresh) {
      article_units_.push_back(0);
      article_length_.push_back(0);
    }
    unit.article = it->second;
    ++article_units_[it->second];
    article_length_[it->second] += unit.length;
  }
  if (!units_.empty()) average_length_ = total / static_cast<double>(units_.size());
  postings_.resize(ids_.size());
  std::vector<double> freq(ids_.size(), 0.0);  // of the unit at hand, by stem id
  std::vector<uint32_t> held;                   // the ids it holds
  for (size_t i = 0; i < units_.size(); ++i) {
    // Summed column by column, as score_rows sums instances(), so the
    // doubles are the same.
    for (size_t c = 0; c < units_[i].columns.size(); ++c)
      for (const auto& [id, count] : units_[i].columns[c].counts) {
        if (freq[id] == 0.0) held.push_back(id);
        freq[id] += kColumnWeights[c] * static_cast<int>(count);
      }
    for (uint32_t id : held) {
      postings_[id].push_back({static_cast<uint32_t>(i + 1), freq[id]});
      freq[id] = 0.0;
    }
    held.clear();
  }
  for (size_t a = 0; a < article_units_.size(); ++a) article_length_[a] /= static_cast<double>(article_units_[a]);
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

std::vector<std::vector<uint32_t>> Bm25::phrase_ids(const std::vector<std::vector<std::string>>& phrases) const {
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
  return ids;
}

std::vector<int64_t> Bm25::rows(const std::vector<std::vector<std::string>>& phrases) const {
  std::vector<int64_t> out;
  for (const auto& phrase : phrase_ids(phrases)) {
    if (phrase.empty()) continue;
    // The units holding the phrase's first stem; of several stems, those
    // where the stems stand in order within one column.
    for (const auto& [id, f] : postings_[phrase[0]]) {
      const Unit& u = units_[id - 1];
      if (phrase.size() == 1 ||
          std::any_of(u.columns.begin(), u.columns.end(), [&](const Column& c) { return instances(phrase, c) > 0; }))
        out.push_back(id);
    }
  }
  std::sort(out.begin(), out.end());
  out.erase(std::unique(out.begin(), out.end()), out.end());
  return out;
}

std::vector<Hit> Bm25::score_rows(const std::vector<std::vector<std::string>>& phrases, const std::vector<int64_t>& rows,
                                  bool by_article) const {
  const size_t n_units = units_.size();
  const size_t groups = by_article ? article_units_.size() : 1;
  auto group_of = [&](int64_t id) { return by_article ? units_[id - 1].article : 0; };
  const std::vector<std::vector<uint32_t>> ids = phrase_ids(phrases);
  // Per row and phrase: the weighted frequency (aFreq in fts5_aux.c); per
  // group (the index, or each article) and phrase: the rows holding it.
  std::vector<double> freq(rows.size() * phrases.size(), 0.0);
  std::vector<double> hits(groups * phrases.size(), 0.0);
  std::vector<int64_t> row_of(n_units + 1, -1);  // unit id → its place in rows
  for (size_t r = 0; r < rows.size(); ++r)
    if (rows[r] >= 1 && static_cast<size_t>(rows[r]) <= n_units) row_of[rows[r]] = static_cast<int64_t>(r);
  for (size_t p = 0; p < phrases.size(); ++p) {
    if (ids[p].size() == 1) {
      for (const auto& [id, f] : postings_[ids[p][0]]) {
        if (row_of[id] < 0) continue;
        freq[row_of[id] * phrases.size() + p] = f;
        hits[group_of(id) * phrases.size() + p] += 1;
      }
      continue;
    }
    if (ids[p].empty()) continue;
    for (size_t r = 0; r < rows.size(); ++r) {
      const int64_t id = rows[r];
      if (id < 1 || static_cast<size_t>(id) > n_units) continue;
      const Unit& u = units_[id - 1];
      double f = 0;
      for (size_t c = 0; c < u.columns.size(); ++c) f += kColumnWeights[c] * instances(ids[p], u.columns[c]);
      freq[r * phrases.size() + p] = f;
      if (f > 0) hits[group_of(id) * phrases.size() + p] += 1;
    }
  }
  std::vector<double> idf(groups * phrases.size());
  for (size_t g = 0; g < groups; ++g) {
    const double n = static_cast<double>(by_article ? article_units_[g] : n_units);
    for (size_t p = 0; p < phrases.size(); ++p) {
      double& v = idf[g * phrases.size() + p];
      v = std::log((n - hits[g * phrases.size() + p] + 0.5) / (hits[g * phrases.size() + p] + 0.5));
      if (v <= 0.0) v = 1e-6;
    }
  }
  std::vector<Hit> out;
  out.reserve(rows.size());
  for (size_t r = 0; r < rows.size(); ++r) {
    const int64_t id = rows[r];
    if (id < 1 || static_cast<size_t>(id) > n_units) continue;
    const size_t g = group_of(id);
    const double average = by_article ? article_length_[g] : average_length_;
    const double norm = kK1 * (1 - kB + kB * units_[id - 1].length / average);
    double score = 0;
    for (size_t p = 0; p < phrases.size(); ++p) {
      const double f = freq[r * phrases.size() + p];
      score += idf[g * phrases.size() + p] * (f * (kK1 + 1.0)) / (f + norm);
    }
    out.push_back({id, score});
  }
  return out;
}

std::vector<Hit> Bm25::top(const std::vector<std::vector<std::string>>& phrases, const std::vector<int64_t>& rows,
                           size_t limit) const {
  std::vector<Hit> out = score_rows(phrases, rows, false);
  const size_t keep = std::min(limit, out.size());
  std::partial_sort(out.begin(), out.begin() + static_cast<std::ptrdiff_t>(keep), out.end(),
                    [](const Hit& a, const Hit& b) { return a.bm25 != b.bm25 ? a.bm25 > b.bm25 : a.unit_id < b.unit_id; });
  out.resize(keep);
  return out;
}

std::vector<double> Bm25::within_article(const std::vector<std::vector<std::string>>& phrases,
                                         const std::vector<int64_t>& rows, const std::vector<int64_t>& units) const {
  std::vector<double> out;
  out.reserve(units.size());
  auto valid = [&](int64_t id) { return id >= 1 && static_cast<size_t>(id) <= units_.size(); };
  if (units.empty() || !valid(units[0])) return std::vector<double>(units.size(), 0.0);
  // Only the article's own rows: the idf counts them alone.
  const size_t article = units_[units[0] - 1].article;
  std::vector<int64_t> own;
  for (int64_t id : rows)
    if (valid(id) && units_[id - 1].article == article) own.push_back(id);
  std::unordered_map<int64_t, double> score;
  for (const auto& h : score_rows(phrases, own, true)) score.emplace(h.unit_id, h.bm25);
  for (int64_t id : units) {
    auto it = score.find(id);
    out.push_back(it == score.end() ? 0 : it->second);
  }
  return out;
}

}  // namespace tanya

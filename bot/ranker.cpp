#include "bot/ranker.hpp"

#include <algorithm>
#include <cctype>
#include <unordered_map>
#include <unordered_set>

namespace tanya {

std::vector<std::string> plain_words(const std::string& text) {
  std::vector<std::string> out;
  std::string cur;
  for (char c : text) {
    unsigned char u = static_cast<unsigned char>(c);
    if (std::isalnum(u) || u >= 0x80) {
      cur.push_back(static_cast<char>(std::tolower(u)));
    } else if (!cur.empty()) {
      out.push_back(std::move(cur));
      cur.clear();
    }
  }
  if (!cur.empty()) out.push_back(std::move(cur));
  return out;
}

namespace {

struct Features {
  double cover_all = 0;    // terms found in passage, its FAQ question/key or section title
  double cover_body = 0;   // terms found in the passage or its FAQ question/key
  double label_dice = 0;   // overlap of the question with the FAQ question / table key
  double label_covered = 0;  // share of the FAQ question / table key that the question covers
  double proximity = 0;    // weighted share of the question's word pairs found as phrases
  double cue = 0;          // the passage has a cue for the question's type
  double bm25 = 0;
};

double weight_sum(const std::vector<QueryTerm>& terms, const std::unordered_set<std::string>& in) {
  double s = 0;
  for (const auto& t : terms)
    if (in.count(t.stem)) s += t.weight;
  return s;
}

}  // namespace

std::vector<Ranked> rank(const RankInput& in, const IndexData& index, const Lexicon& lexicon) {
  const auto& terms = *in.terms;
  double total = 0, total_specific = 0;
  std::unordered_map<std::string, double> weight_of;
  for (const auto& t : terms) {
    total += t.weight;
    if (!t.generic) total_specific += t.weight;
    weight_of[t.stem] = t.weight;
  }
  double max_bm25 = 0;
  for (const auto& h : in.hits) max_bm25 = std::max(max_bm25, h.bm25);
  auto cues = lexicon.passage_cues.find(in.question_type);

  std::vector<Ranked> out;
  for (const auto& h : in.hits) {
    if (h.unit_id < 1 || h.unit_id > static_cast<int64_t>(index.units.size())) continue;
    const StoredUnit& u = index.units[h.unit_id - 1];
    std::unordered_set<std::string> body(u.terms.begin(), u.terms.end());
    std::unordered_set<std::string> label(u.question_terms.begin(), u.question_terms.end());
    std::unordered_set<std::string> section(u.section_terms.begin(), u.section_terms.end());
    std::unordered_set<std::string> body_label = body;
    body_label.insert(label.begin(), label.end());
    std::unordered_set<std::string> all = body_label;
    all.insert(section.begin(), section.end());

    Features f;
    if (total > 0) {
      f.cover_body = weight_sum(terms, body_label) / total;
      f.cover_all = weight_sum(terms, all) / total;
    }
    if (!label.empty() && total > 0) {
      double shared = weight_sum(terms, label);
      double label_total = 0;
      for (const auto& s : label) {
        auto it = weight_of.find(s);
        // A label word the question lacks counts with the weight it would have.
        label_total += it != weight_of.end() ? it->second : 1.0;
      }
      f.label_dice = 2 * shared / (total + label_total);
      f.label_covered = label_total > 0 ? shared / label_total : 0;
    }
    // Phrases: pairs of words that stand next to each other in the question
    // and, in the same order, in the passage ("negara besar", "diplomasi
    // formal"), weighted like the words themselves.
    std::unordered_map<std::string, std::vector<int>> positions;
    for (int i = 0; i < static_cast<int>(u.terms.size()); ++i) positions[u.terms[i]].push_back(i);
    double pair_total = 0, pair_found = 0;
    for (size_t a = 0; a + 1 < terms.size(); ++a) {
      const QueryTerm& x = terms[a];
      const QueryTerm& y = terms[a + 1];
      if (x.context || y.context) continue;
      double w = x.weight + y.weight;
      pair_total += w;
      auto px = positions.find(x.stem), py = positions.find(y.stem);
      if (px == positions.end() || py == positions.end()) continue;
      bool adjacent = false;
      for (int i : px->second)
        if (std::binary_search(py->second.begin(), py->second.end(), i + 1)) adjacent = true;
      if (adjacent) pair_found += w;
    }
    f.proximity = pair_total > 0 ? pair_found / pair_total : 0;
    if (cues != lexicon.passage_cues.end()) {
      for (const auto& w : plain_words(u.text))
        if (cues->second.count(w)) {
          f.cue = 1;
          break;
        }
    }
    f.bm25 = max_bm25 > 0 ? h.bm25 / max_bm25 : 0;

    // An FAQ question or a table key helps only as far as the question asks
    // about it: a list row naming every kind of diplomacy is no answer to a
    // question about one of them.
    double label_match = f.label_dice * f.label_covered * f.label_covered;
    double score = 0.40 * f.cover_all + 0.20 * f.cover_body + 0.10 * f.bm25 + 0.15 * f.proximity + 0.25 * label_match +
                   0.05 * f.cue + (u.section == in.prefer_section && !u.section.empty() ? 0.1 : 0.0);
    // A table row is a key and its value: it answers questions about its key.
    if (u.kind == UnitKind::table_row) score *= 0.75 + 0.25 * f.label_covered;
    Ranked r;
    r.unit_id = h.unit_id;
    r.score = score;
    r.bm25 = h.bm25;
    double specific = 0;
    for (const auto& t : terms)
      if (!t.generic && all.count(t.stem)) specific += t.weight;
    r.coverage = total_specific > 0 ? specific / total_specific : 0;
    out.push_back(r);
  }
  std::stable_sort(out.begin(), out.end(), [](const Ranked& a, const Ranked& b) { return a.score > b.score; });
  return out;
}

}  // namespace tanya

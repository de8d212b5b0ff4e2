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
  double proximity = 0;    // adjacent question words adjacent in the passage
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
    // Proximity: pairs of current-question words that stand within three
    // positions of each other in the passage.
    std::unordered_map<std::string, std::vector<int>> positions;
    for (int i = 0; i < static_cast<int>(u.terms.size()); ++i) positions[u.terms[i]].push_back(i);
    int pairs = 0, close = 0;
    for (size_t a = 0; a + 1 < terms.size(); ++a) {
      if (terms[a].context) continue;
      size_t b = a + 1;
      if (terms[b].context) continue;
      ++pairs;
      auto pa = positions.find(terms[a].stem), pb = positions.find(terms[b].stem);
      if (pa == positions.end() || pb == positions.end()) continue;
      bool near = false;
      for (int x : pa->second)
        for (int y : pb->second)
          if (std::abs(x - y) <= 3) near = true;
      close += near;
    }
    f.proximity = pairs ? static_cast<double>(close) / pairs : 0;
    if (cues != lexicon.passage_cues.end()) {
      for (const auto& w : plain_words(u.text))
        if (cues->second.count(w)) {
          f.cue = 1;
          break;
        }
    }
    f.bm25 = max_bm25 > 0 ? h.bm25 / max_bm25 : 0;

    double score = 0.40 * f.cover_all + 0.20 * f.cover_body + 0.10 * f.bm25 + 0.10 * f.proximity +
                   0.20 * f.label_dice + 0.10 * f.label_covered * f.cover_all + 0.05 * f.cue;
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

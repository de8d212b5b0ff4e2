#include "bot/ranker.hpp"

#include <algorithm>
#include <cmath>

namespace tanya {

namespace {

struct Features {
  double cover_all = 0;      // terms found in passage, its FAQ question/key or section title
  double cover_body = 0;     // terms found in the passage or its FAQ question/key
  double label_dice = 0;     // overlap of the question with the FAQ question / table key
  double label_covered = 0;  // share of the FAQ question / table key that the question covers
  double proximity = 0;      // weighted share of the question's word pairs found as phrases
  double cue = 0;            // the passage has a cue for the question's type
  double bm25 = 0;
};

constexpr double kSynonymShare = 0.6;  // a synonym is good evidence, the word itself better
// A thesaurus synonym of a word the knowledge lacks: mythes-id lists many
// senses, so it is weaker evidence. 0.3 kept every out-of-domain question of
// the articles c–k falling back that did before (at 0.6, "penemu telepon"
// answered with confidence 1); docs/retrieval-experiment found 0.3 neutral
// and 0.5 harmful for blanket expansion.
constexpr double kThesaurusShare = 0.3;

// The weight `t` earns in `ids`: full for the word, less for a synonym.
double earned(const QueryTerm& t, const std::vector<uint32_t>& ids) {
  if (contains(ids, t.id)) return t.weight;
  for (uint32_t s : t.synonym_ids)
    if (contains(ids, s)) return (t.thesaurus ? kThesaurusShare : kSynonymShare) * t.weight;
  return 0;
}

double weight_in(const std::vector<QueryTerm>& terms, const std::vector<uint32_t>& ids) {
  double s = 0;
  for (const auto& t : terms) s += earned(t, ids);
  return s;
}

// The pair (x, y) stands as a phrase: y right after x somewhere in the passage.
bool adjacent(const std::vector<uint32_t>& positions, uint32_t x, uint32_t y) {
  for (size_t i = 0; i + 1 < positions.size(); ++i)
    if (positions[i] == x && positions[i + 1] == y) return true;
  return false;
}

// Types that ask for a particular kind of answer; "what", "how" and the like
// ask for anything.
bool specific_type(const std::string& type) {
  return type == "reason" || type == "example" || type == "comparison" || type == "definition";
}

}  // namespace

std::vector<Ranked> rank(const RankInput& in, const IndexData& index, const RankData& data) {
  const auto& terms = *in.terms;
  double total = 0, total_specific = 0;
  for (const auto& t : terms) {
    total += t.weight;
    if (!t.generic) total_specific += t.weight;
  }
  double max_bm25 = 0;
  for (const auto& h : in.hits) max_bm25 = std::max(max_bm25, h.bm25);
  const uint32_t cue_bit = data.type_bit(in.question_type);

  // The question's own specific words, in order: its topic.
  std::vector<uint32_t> topic;
  for (const auto& t : terms)
    if (!t.generic && !t.context && t.id != kNoTerm) topic.push_back(t.id);

  std::vector<Ranked> out;
  out.reserve(in.hits.size());
  for (const auto& h : in.hits) {
    if (h.unit_id < 1 || h.unit_id > static_cast<int64_t>(index.units.size())) continue;
    const StoredUnit& u = index.units[h.unit_id - 1];
    const UnitData& d = data.unit(h.unit_id);

    Features f;
    if (total > 0) {
      f.cover_body = weight_in(terms, d.body) / total;
      f.cover_all = weight_in(terms, d.all) / total;
    }
    // The FAQ question or table key, or the alternate wording that fits best.
    auto label_features = [&](const std::vector<uint32_t>& label, double* dice, double* covered) {
      if (label.empty() || total <= 0) return;
      double shared = weight_in(terms, label);
      double label_total = 0;
      for (uint32_t id : label) {
        // A label word the question lacks counts as much as a common word would.
        double w = 1.0;
        for (const auto& t : terms)
          if (t.id == id || std::find(t.synonym_ids.begin(), t.synonym_ids.end(), id) != t.synonym_ids.end())
            w = t.weight;
        label_total += w;
      }
      *dice = 2 * shared / (total + label_total);
      *covered = label_total > 0 ? std::min(1.0, shared / label_total) : 0;
    };
    label_features(d.label, &f.label_dice, &f.label_covered);
    for (const auto& alt : d.alternates) {
      double dice = 0, covered = 0;
      label_features(alt, &dice, &covered);
      if (dice * covered * covered > f.label_dice * f.label_covered * f.label_covered) {
        f.label_dice = dice;
        f.label_covered = covered;
      }
    }
    // Phrases: pairs of words that stand next to each other in the question
    // and, in the same order, in the passage ("negara besar", "diplomasi
    // formal"), weighted like the words themselves.
    double pair_total = 0, pair_found = 0;
    for (size_t a = 0; a + 1 < terms.size(); ++a) {
      const QueryTerm& x = terms[a];
      const QueryTerm& y = terms[a + 1];
      if (x.context || y.context) continue;
      double w = x.weight + y.weight;
      pair_total += w;
      if (x.id != kNoTerm && y.id != kNoTerm && adjacent(d.positions, x.id, y.id)) pair_found += w;
    }
    f.proximity = pair_total > 0 ? pair_found / pair_total : 0;
    f.cue = (d.cues & cue_bit) ? 1 : 0;
    // "Apa itu X?" is answered by a passage that starts with X: its subject.
    if (in.question_type == "definition" && !topic.empty() && d.positions.size() >= topic.size() &&
        std::equal(topic.begin(), topic.end(), d.positions.begin()))
      f.cue = 1;
    f.bm25 = max_bm25 > 0 ? h.bm25 / max_bm25 : 0;

    // An FAQ question or a table key helps only as far as the question asks
    // about it: a list row naming every kind of diplomacy is no answer to a
    // question about one of them.
    double label_match = f.label_dice * f.label_covered * f.label_covered;
    // An FAQ entry answers the kind of question it asks: "Mengapa … penting?"
    // is no answer to "contoh …?" however many words the two share.
    if (in.label_types && specific_type(in.question_type)) {
      const std::string& asked = (*in.label_types)[h.unit_id - 1];
      if (specific_type(asked) && asked != in.question_type) label_match *= 0.25;
    }
    double specific = 0;
    for (const auto& t : terms)
      if (!t.generic) specific += earned(t, d.all);
    const double coverage = total_specific > 0 ? specific / total_specific : 0;
    double score = 0.25 * f.cover_all + 0.20 * coverage + 0.20 * f.cover_body + 0.10 * f.bm25 + 0.15 * f.proximity +
                   0.25 * label_match + 0.05 * f.cue +
                   (u.section == in.prefer_section && !u.section.empty() ? 0.1 : 0.0);
    // A table row is a key and its value: it answers questions about its key.
    if (u.kind == UnitKind::table_row) score *= 0.75 + 0.25 * f.label_covered;

    if (in.features)
      in.features->push_back({h.unit_id, {{"cover_all", f.cover_all}, {"coverage", coverage},
                                          {"cover_body", f.cover_body}, {"bm25_share", f.bm25},
                                          {"proximity", f.proximity}, {"label_match", label_match}, {"cue", f.cue}}});
    Ranked r;
    r.unit_id = h.unit_id;
    r.score = score;
    r.bm25 = h.bm25;
    r.coverage = coverage;
    out.push_back(r);
  }
  std::stable_sort(out.begin(), out.end(), [](const Ranked& a, const Ranked& b) { return a.score > b.score; });
  return out;
}

}  // namespace tanya

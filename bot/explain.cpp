#include "bot/explain.hpp"

#include <algorithm>
#include <cstdio>

namespace tanya {

namespace {

constexpr size_t kExplainedCandidates = 5;  // the console shows the best five

}  // namespace

void explain_query(const Analyzer& analyzer, std::string_view raw, const Query& q, Explanation* why) {
  for (const auto& t : analyzer.analyze(raw)) why->tokens.push_back({t.surface, t.term, t.stop});
  why->words = q.words;
  why->lang = q.lang;
  why->question_type = q.question_type;
  why->smalltalk = q.smalltalk;
  why->corrections = q.corrections;
  if (!q.smalltalk.empty()) why->reason = "small talk (" + q.smalltalk + "): answered with a fixed reply";
}

void explain_terms(const std::vector<QueryTerm>& terms, const IndexData& index, Explanation* why) {
  why->terms.clear();
  for (const auto& t : terms)
    why->terms.push_back({t.surface, t.stem, t.synonyms, t.weight, t.generic, t.context, index.stem_df.count(t.stem) > 0});
  if (terms.empty()) why->reason = "no word of the question is one the knowledge could answer on";
}

void explain_candidates(const std::vector<Ranked>& ranked, const RankFeatures& features, const IndexData& index,
                        Explanation* why) {
  for (size_t i = 0; i < ranked.size() && i < kExplainedCandidates; ++i) {
    const StoredUnit& u = index.units[ranked[i].unit_id - 1];
    ExplainedCandidate c;
    c.unit_id = u.id;
    c.article = u.article;
    c.section = u.section;
    c.kind = to_string(u.kind);
    c.text = u.text;
    c.order = u.order;
    c.bm25 = ranked[i].bm25;
    c.score = ranked[i].score;
    auto f = std::find_if(features.begin(), features.end(), [&](const auto& p) { return p.first == u.id; });
    if (f != features.end()) c.features = f->second;
    why->candidates.push_back(std::move(c));
  }
}

std::string confidence_reason(double confidence, double threshold, double coverage, double margin,
                              const std::string& capped) {
  char buf[320];
  std::snprintf(buf, sizeof buf,
                "confidence %.2f is %s the threshold %.2f: the best passage holds %.0f%% of what the question asks "
                "specifically, and leads the next by %.2f",
                confidence, confidence < threshold ? "under" : "at or over", threshold, 100 * coverage, margin);
  return std::string(buf) + (capped.empty() ? "" : "; " + capped) +
         (confidence < threshold ? ", so tanya says it does not know" : ", so tanya answers");
}

void explain_outcome(double confidence, double threshold, bool fallback, bool followup, const std::string& reason,
                     Explanation* why) {
  why->confidence = confidence;
  why->threshold = threshold;
  why->fallback = fallback;
  why->followup = followup;
  if (!reason.empty()) why->reason = reason;
}

}  // namespace tanya

#pragma once
// "Why this answer?": what the engine did with one question, for the owner's
// console (POST /admin/explain). Engine::answer fills an Explanation only when
// given one, so the answer path pays nothing otherwise. Plain data.
#include <cstdint>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include "bot/answer.hpp"
#include "bot/query.hpp"
#include "bot/ranker.hpp"
#include "index/analyzer.hpp"
#include "index/index_store.hpp"

namespace tanya {

struct ExplainedToken {
  std::string surface;  // the word as written
  std::string stem;     // what the index matches (the analyzer's term)
  bool stop = false;    // a stop word: not searched
};

struct ExplainedTerm {
  std::string surface, stem;            // after slang, corrections and translation
  std::vector<std::string> synonyms;    // searched too
  double weight = 0;                    // idf times importance
  bool generic = false;                 // too general to answer on alone
  bool context = false;                 // taken from the previous question
  bool known = false;                   // the knowledge holds the stem
};

struct ExplainedCandidate {
  int64_t unit_id = 0;
  std::string article, section, kind, text;
  int order = 0;
  double bm25 = 0;   // FTS5's score (higher is better)
  double score = 0;  // the ranker's, 0–1-ish
  // Each ranking feature and its value, in the ranker's order.
  std::vector<std::pair<std::string, double>> features;
};

struct Explanation {
  std::vector<ExplainedToken> tokens;    // the question as the analyzer reads it
  std::vector<std::string> words;        // normalised words (slang replaced, English translated)
  std::string lang, question_type, smalltalk;
  std::vector<Correction> corrections;   // typos corrected against the knowledge's words
  std::vector<ExplainedTerm> terms;      // what was searched, with weights
  std::string match;                     // the FTS5 query
  std::vector<ExplainedCandidate> candidates;  // best first
  double confidence = 0;
  double threshold = 0;                  // below it tanya falls back
  bool fallback = false, followup = false;
  std::string reason;                    // why it answered or fell back, in a sentence
};

// The steps Engine::answer takes, each written down when `why` is set.
void explain_query(const Analyzer& analyzer, std::string_view raw, const Query& q, Explanation* why);
void explain_terms(const std::vector<QueryTerm>& terms, const IndexData& index, Explanation* why);
// `features`: what the ranker reported per unit (RankInput::features).
void explain_candidates(const std::vector<Ranked>& ranked, const RankFeatures& features, const IndexData& index,
                        Explanation* why);
// A sentence on the confidence: what it rests on, and which side of the threshold it is;
// `capped`: why it was capped ("" when it was not).
std::string confidence_reason(double confidence, double threshold, double coverage, double margin,
                              const std::string& capped);
void explain_outcome(double confidence, double threshold, bool fallback, bool followup, const std::string& reason,
                     Explanation* why);

}  // namespace tanya

#pragma once
// Query understanding: chat Indonesian (or English) in, weighted search terms
// out. Normalises slang, repeated letters, compounds and reduplication, reads the
// question words as the question's type, recognises small talk, translates
// English through the glossary and corrects typos against the index vocabulary.
// Pure and thread-safe: depends only on immutable data.
#include <mutex>
#include <string>
#include <unordered_map>
#include <string_view>
#include <vector>

#include "bot/answer.hpp"
#include "bot/policy.hpp"
#include "index/analyzer.hpp"
#include "index/index_store.hpp"

namespace tanya {

struct Query {
  std::vector<std::string> words;  // normalised words, in order (slang replaced, English translated)
  std::string lang = "id";
  std::string question_type = "what";
  std::string smalltalk;           // an intent when the whole question is small talk
  bool followup_cue = false;       // a word such as "contohnya", "kalau", "lanjut"
  bool weak_followup_cue = false;  // "itu", "ini", "tersebut": a follow-up only when little else is said
  std::vector<QueryTerm> terms;    // content terms, current question only
  std::vector<Correction> corrections;
};

class QueryParser {
 public:
  QueryParser(const Analyzer& analyzer, const IndexData& index);
  Query parse(std::string_view text) const;
  // The inverse document frequency the ranker weighs a stem with.
  double idf(const std::string& stem) const;

 private:
  std::vector<std::string> normalise(std::string_view text) const;
  std::string correct(const std::string& word) const;  // "" when nothing is close

  const Analyzer& analyzer_;
  const IndexData& index_;
  const Lexicon& lex_;
  // The vocabulary by length, so a correction scans only words of near length.
  std::vector<std::vector<std::pair<const std::string*, int>>> by_length_;
  // Synonym groups by the stems of their words, worked out once.
  std::unordered_map<std::string, std::vector<const std::vector<std::string>*>> synonyms_by_stem_;
  // Corrections already worked out (bounded; guarded by the mutex).
  mutable std::mutex corrections_mu_;
  mutable std::unordered_map<std::string, std::string> corrections_;
};

// Damerau–Levenshtein (optimal string alignment) distance over bytes, giving up
// (returning max + 1) once the distance must exceed `max`.
int edit_distance(std::string_view a, std::string_view b, int max);

}  // namespace tanya

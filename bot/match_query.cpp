#include "bot/match_query.hpp"

#include <algorithm>
#include <cctype>
#include <utility>

namespace tanya {

std::string quote_fts(std::string_view word) {
  std::string out = "\"";
  for (char c : word) {
    if (c == '\0') continue;  // FTS5 reads its strings up to a NUL: one would leave the string unterminated
    if (c == '"') out.push_back('"');
    out.push_back(c);
  }
  out.push_back('"');
  return out;
}

std::vector<std::string> match_words(const std::vector<QueryTerm>& terms,
                                     const std::unordered_map<std::string, int>& stem_df, size_t unit_count,
                                     long posting_budget) {
  // FTS5 finds every row a MATCH names, so words in many passages ("kerja",
  // "bilateral" in the bundled article) add rows to score but no way to tell
  // them apart; the ranker still weighs every word.
  bool has_specific = std::any_of(terms.begin(), terms.end(),
                                  [&](const QueryTerm& t) { return !t.generic && stem_df.count(t.stem); });
  std::vector<std::pair<long, const QueryTerm*>> by_df;
  for (const auto& t : terms) {
    if (has_specific && t.generic) continue;
    auto df = stem_df.find(t.stem);
    by_df.push_back({df == stem_df.end() ? 0 : df->second, &t});
  }
  std::stable_sort(by_df.begin(), by_df.end(), [](const auto& a, const auto& b) { return a.first < b.first; });
  std::vector<std::string> words;
  long postings = 0;
  const long half = static_cast<long>(unit_count / 2);
  for (const auto& [df, t] : by_df) {
    // Words the knowledge lacks find nothing: the first word that finds
    // something is always taken, however common ("apa yang dimaksud kerja sama
    // bilateral?" asks only in words every passage has).
    if (postings > 0 && (postings + df > posting_budget || df > half)) break;
    postings += df;
    if (t->acronym) {
      // In capitals, so that the tokenizer reads it as the acronym, not the stop word.
      std::string upper = t->surface;
      for (char& c : upper) c = static_cast<char>(std::toupper(static_cast<unsigned char>(c)));
      words.push_back(std::move(upper));
    } else {
      words.push_back(t->surface);
    }
    for (const auto& s : t->synonyms) words.push_back(s);
  }
  return words;
}

std::string match_expression(const std::vector<std::string>& words) {
  std::string match;
  for (const auto& w : words) {
    if (!match.empty()) match += " OR ";
    match += quote_fts(w);
  }
  return match;
}

std::string build_match(const std::vector<QueryTerm>& terms, const std::unordered_map<std::string, int>& stem_df,
                        size_t unit_count, long posting_budget) {
  return match_expression(match_words(terms, stem_df, unit_count, posting_budget));
}

std::vector<std::string> match_stems(const std::string& word, const Analyzer& analyzer, const IndexData& index) {
  // Letters a–z only: the tokenizer keeps such a word whole (no figures, no
  // hyphen, no second word). A listed compound ("kerjasama") is no word of
  // the index, which holds its parts.
  const bool plain = !word.empty() && std::all_of(word.begin(), word.end(), [](char c) { return c >= 'a' && c <= 'z'; });
  if (plain)
    if (auto it = index.words.find(word); it != index.words.end() && !analyzer.is_stopword(word))
      return {it->second.stem};
  std::vector<std::string> stems;
  for (auto& t : analyzer.analyze(word))
    if (!t.stop) stems.push_back(std::move(t.term));
  return stems;
}

}  // namespace tanya

#pragma once
// The FTS5 MATCH expression that finds a question's candidate passages. Every
// word goes in as a quoted FTS5 string, so no question text (quotes, operators
// such as AND/NEAR, '*', '^', parentheses, invalid UTF-8) can make the
// expression invalid; the tanya tokenizer analyses each string as it analysed
// the passages. Pure; thread-safe.
#include <string>
#include <string_view>
#include <unordered_map>
#include <vector>

#include "bot/answer.hpp"
#include "index/analyzer.hpp"
#include "index/index_store.hpp"

namespace tanya {

// `word` as an FTS5 string: in double quotes, a quote inside doubled, NUL
// bytes left out (FTS5 would end the expression there).
std::string quote_fts(std::string_view word);

// The rarest words first (by `stem_df`, the number of passages holding each
// stem, of `unit_count`), each OR'ed with its synonyms, until `posting_budget`
// postings are reached or a word is in more than half the passages; the first
// word that finds anything is always taken. Words that only say what kind of
// answer is wanted (QueryTerm::generic) are left out when the question has a
// word the knowledge holds that is not. "" when `terms` is empty.
std::string build_match(const std::vector<QueryTerm>& terms, const std::unordered_map<std::string, int>& stem_df,
                        size_t unit_count, long posting_budget);
// The words build_match() quotes, in its order (each one phrase of the MATCH).
std::vector<std::string> match_words(const std::vector<QueryTerm>& terms,
                                     const std::unordered_map<std::string, int>& stem_df, size_t unit_count,
                                     long posting_budget);
// The MATCH expression of `words`: each quoted, OR between them.
std::string match_expression(const std::vector<std::string>& words);
// The stems the tanya tokenizer makes of a match word, stop words left out:
// the phrase FTS5 would search. A plain lowercase word the index holds, no
// stop word, is its stored stem without analysing it again (analysing was a
// twentieth of answering); anything else goes through `analyzer`.
std::vector<std::string> match_stems(const std::string& word, const Analyzer& analyzer, const IndexData& index);

}  // namespace tanya

#pragma once
// Query understanding: chat Indonesian (or English) in, weighted search terms
// out. Normalises slang (the hand list first, then abbreviations and colloquial
// affixes by rule), repeated letters, compounds and reduplication, reads the
// question words as the question's type, recognises small talk, translates
// English (glossary, then FreeDict), corrects typos against the index
// vocabulary, and gives a word the knowledge lacks its thesaurus synonyms.
// Pure and thread-safe: depends only on immutable data.
#include <functional>
#include <string>
#include <unordered_map>
#include <unordered_set>
#include <string_view>
#include <vector>

#include "bot/answer.hpp"
#include "bot/policy.hpp"
#include "index/analyzer.hpp"
#include "index/index_store.hpp"
#include "index/language_tables.hpp"

namespace tanya {

struct Query {
  std::vector<std::string> words;  // normalised words, in order (slang replaced, English translated)
  std::string lang = "id";
  std::string question_type = "what";
  bool typed = false;              // a question word or cue set question_type ("kalau yang ganda?" has none)
  std::string smalltalk;           // an intent when the whole question is small talk
  bool followup_cue = false;       // a word such as "contohnya", "kalau", "lanjut"
  bool asks_instead = false;       // "kalau X?", "what about X?": the last question, of another thing
  bool asks_yes_no = false;        // ends "… ga?", "… belum?": whether, not what the last question asked
  bool weak_followup_cue = false;  // "itu", "ini", "tersebut": a follow-up only when little else is said
  bool asks_another = false;       // "lain", "selain": something other than the last answer
  bool asks_next = false;          // "selanjutnya", "habis itu": what follows the last answer (next_cues.txt)
  bool asks_after = false;         // "abis bayar ngapain?": what follows the step it names
  std::string asks_now;            // "tahun ini", "hari ini": the question is tied to the present day
  std::string asks_news;           // "hari ini", "minggu depan": the day's news (news_phrases.txt)
  std::vector<QueryTerm> terms;    // content terms, current question only
  // Names of two words or more, written side by side ("Piala Dunia",
  // "Museum Nasional"), each as its stems in order: an article that holds the
  // words apart but never the name is about something else.
  std::vector<std::vector<std::string>> name_phrases;
  std::vector<Correction> corrections;
};

// The passages a question's words are weighed against: how many there are
// and how many hold each stem. The whole index's by default; one article's
// when the question is asked on its page, so that it is weighed as an index
// of that article alone would weigh it (a word only other articles hold is a
// word this article lacks). The map is the caller's and outlives the parse.
struct Vocabulary {
  const std::unordered_map<std::string, int>* stem_df = nullptr;
  size_t units = 0;
  // One article's words as written, with how often (Engine::UnitRange::words):
  // asked on its page, the chat rules read a word by what that article writes,
  // as an index of it alone would. Null: the whole index's (IndexData::words).
  const std::unordered_map<std::string, int>* words = nullptr;
};

class QueryParser {
 public:
  QueryParser(const Analyzer& analyzer, const IndexData& index);
  // Never fails: any text is a query (fullwidth "？" reads as "?").
  // `within`: weigh the words against one article's passages (null: all),
  // and read chat words by what that article writes (Vocabulary::words).
  // Spelling is corrected against the whole index's words either way.
  Query parse(std::string_view text, const Vocabulary* within = nullptr) const;
  // The inverse document frequency the ranker weighs a stem with.
  double idf(const std::string& stem, const Vocabulary* within = nullptr) const;

 private:
  // A word's stem as the index stored it, else as the analyzer makes it.
  std::string stem_of(const std::string& word) const;
  // The words with slang and chat forms made standard; `points_back` is set
  // when a word as written ends in the possessive -nya ("normalnya", which
  // the colloquial rules make "normal"); `names`, when set, gets the words
  // written as names (lowercased, as tokenized); `name_runs`, when set, gets
  // each run of two or more names with only spaces between them; `starts`,
  // when set, gets each word's token's byte offset in `text`.
  std::vector<std::string> normalise(std::string_view text, bool* points_back,
                                     std::unordered_set<std::string>* names = nullptr,
                                     std::vector<std::vector<std::string>>* name_runs = nullptr,
                                     std::vector<size_t>* starts = nullptr, const Vocabulary* within = nullptr) const;
  // The small-talk intent of a message's normalised words ("" when it asks
  // something); `question_mark`: the message has a "?".
  // `one_clause`: the words are one clause (no , . ? ! ; between them).
  // Whether the words say who is writing ("saya wali murid kelas 8").
  bool introduces(const std::vector<std::reference_wrapper<const std::string>>& words) const;
  // Whether the words ask who answers the chat (a bot, a person, the admin).
  bool asks_who_answers(const std::vector<std::reference_wrapper<const std::string>>& rest,
                        const std::vector<std::string>& words) const;
  std::string smalltalk_intent(const std::vector<std::string>& words, bool question_mark, bool one_clause = true) const;
  // The message cut at . ! ? , ; each clause holding the normalised words
  // (normalise()'s `words`, with their `starts`) of its tokens; clauses of
  // fillers only are left out. Empty for a message of one clause.
  struct Clause {
    std::vector<std::string> words;
    bool question_mark = false;
  };
  std::vector<Clause> clauses(std::string_view text, const std::vector<std::string>& words,
                              const std::vector<size_t>& starts) const;
  std::string clauses_intent(const std::vector<Clause>& parts) const;
  std::string closing_clause(const std::vector<Clause>& parts) const;
  // `words` (normalise()'s, with their `starts` in `text`) as an English
  // question writes them: a word the chat rules read as another, given back.
  std::vector<std::string> english_as_written(std::string_view text, const std::vector<std::string>& words,
                                              const std::vector<size_t>& starts, const Vocabulary* within) const;
  bool pleads(const std::vector<std::string>& words, bool greeted) const;
  // `text`: the question as written, for what normalise() read differently.
  bool asks_what_is(const std::vector<std::string>& words, std::string_view text) const;
  // A word the knowledge writes often (within one article: that article holds its stem).
  bool knowledge_word(const std::string& w, const Vocabulary* within = nullptr) const;
  // How often the knowledge writes the word as it is (`within`: the article's
  // own words where it has them); 0 for never.
  int written(const std::string& w, const Vocabulary* within) const;
  void join_split_words(std::vector<std::string>* words, const Vocabulary* within) const;
  // A word neither the knowledge (`within`, as written()), hunspell-id nor a word list knows.
  bool unknown(const std::string& word, const Vocabulary* within) const;

  const Analyzer& analyzer_;
  const IndexData& index_;
  const Lexicon& lex_;
  LanguageTables tables_;  // Debian's thesaurus and dictionary, typo and abbreviation tables, for this index
  // Synonym groups by the stems of their words, worked out once.
  std::unordered_map<std::string, std::vector<const std::vector<std::string>*>> synonyms_by_stem_;
  std::unordered_set<std::string> smalltalk_words_;  // every word of a small-talk phrase
  std::unordered_set<std::string> courtesy_words_;   // of them, those of a phrase of another intent than identity
  // Every word of the word lists unknown() asks about (slang, stop words,
  // question words, fillers, small talk, English stop words, the glossary,
  // query cues): one lookup instead of eight.
  std::unordered_set<std::string> listed_words_;
  // The small-talk phrases by their first word, so a message is matched against
  // the few that can start at each word, not all of smalltalk.tsv at each.
  std::unordered_map<std::string, std::vector<const SmalltalkPhrase*>> smalltalk_by_first_;
};

}  // namespace tanya

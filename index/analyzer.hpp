#pragma once
// The Indonesian analyzer: one pure C++ class that the FTS5 tokenizer, the bot
// and the tests all feed strings to, so the index and every query are analysed
// by the same code.
//
// Steps: UTF-8 split into words (letters and digits of any script; invalid bytes
// separate), lowercase, reduplication folded (negara-negara, negara2 → negara),
// compounds split (kerjasama → kerja + sama), stop words marked, and stems from
// libhunspell with the hunspell-id dictionary, clitics (-nya -lah -kah -pun -ku
// -mu) stripped when hunspell does not know the word, Snowball Indonesian only for
// words hunspell does not know, and protected words left untouched.
//
// Threading: every const method is safe to call from many threads at once.
// Each thread remembers the stems and spellings it has looked up (no lock, no
// shared cache line on the answer path); only a word a thread meets for the
// first time takes the mutex around hunspell and Snowball, which are not
// thread-safe.
#include <cstdint>
#include <memory>
#include <mutex>
#include <string>
#include <string_view>
#include <unordered_map>
#include <vector>

#include "knowledge/lexicon.hpp"
#include "knowledge/base/result.hpp"

class Hunspell;
struct sb_stemmer;

namespace tanya {

struct Token {
  std::string surface;  // the word lowercased and folded (utf8::fold), reduplication folded
  std::string term;     // its stem: what the index stores (empty from tokenize())
  uint32_t start = 0;   // byte offsets of the word in the original text
  uint32_t end = 0;
  bool stop = false;    // a stop word: never indexed or searched
};

// The analyzer's rules: when the same text gives other words ("non-elektronik"
// one word, version 2; "kelas X" as "kelas 10", 3; "dua puluh lima ribu" as
// "25" "000", 4; "6CO2" as "6" "co2", 5; "kesepuluh" as "10", 6; "gaya APA"
// as the word "apa", 7; a -nya word stems as the word without it, 8; the
// verbs of "ajar" with pel- as "belajar", 9; a zero-width character inside a
// word no break, 10; fullwidth, mathematical and accented letters read as
// the plain letter, "？" no word character, 11; a ligature its letters,
// "ﬁ" as "fi", 12; pe- before a root in r that hunspell-id lacks the
// word of, "perundungan" as "rundung", 13; "10%" as "10" "persen", 14;
// "Ibu" or "Bapak" before a capitalised name a title, no word, 15; but not
// after "sebagai", "dijuluki" …: an epithet, 16; se- read off a root
// hunspell-id lacks the whole word of, "sekamar" as "kamar", 17), a cached
// index is built
// again (index_fingerprint).
inline constexpr int kAnalyzerVersion = 17;

class Analyzer {
 public:
  // Fails when the hunspell dictionary or the Snowball stemmer cannot be loaded.
  static Result<std::shared_ptr<const Analyzer>> create(std::shared_ptr<const Lexicon> lexicon,
                                                        const std::string& hunspell_dir = "/usr/share/hunspell");
  ~Analyzer();
  Analyzer(const Analyzer&) = delete;
  Analyzer& operator=(const Analyzer&) = delete;

  // Words with offsets and surfaces, no stems; compounds and reduplication resolved.
  std::vector<Token> tokenize(std::string_view text) const;
  // tokenize() plus stems and stop-word marks.
  std::vector<Token> analyze(std::string_view text) const;
  // The stem of one lowercase word; cached.
  std::string stem(std::string_view word) const;
  // hunspell knows the word (lowercase UTF-8).
  bool known_word(std::string_view word) const;
  // A stop word, alone or with a clitic ("itulah", "bolehkah"): one rule for
  // the index and the question, so a question never searches what the index skips.
  bool is_stopword(std::string_view surface) const;
  // `token` of `text` is written in capitals (two letters or more) amid
  // lowercase text, or is the text's only word: an acronym ("gaya APA", the
  // citation style), never a stop word. Text all in capitals is a heading
  // or a shout, read as usual. `tokens`: how many words `text` has.
  static bool written_as_acronym(std::string_view text, const Token& token, size_t tokens);

  const Lexicon& lexicon() const { return *lexicon_; }

 private:
  Analyzer() = default;
  std::string compute_stem(const std::string& word) const;
  std::vector<std::string> hunspell_stems(const std::string& word) const;

  std::shared_ptr<const Lexicon> lexicon_;
  mutable std::mutex engine_mu_;  // guards hunspell_ and snowball_
  std::unique_ptr<Hunspell> hunspell_;
  sb_stemmer* snowball_ = nullptr;
  uint64_t id_ = 0;  // names this analyzer in each thread's memo (analyzer.cpp), never reused
};

}  // namespace tanya

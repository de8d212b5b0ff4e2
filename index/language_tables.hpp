#pragma once
// What Debian's language data and the knowledge's own vocabulary give one
// index, worked out once when it opens so that a question only looks things up:
//   - thesaurus synonyms (mythes-id), kept only where the index holds the synonym;
//   - English → Indonesian translations (FreeDict), checked against the index;
//   - the typo table (SpellingIndex) over the knowledge's words and word pairs;
//   - the abbreviation table (Abbreviations) over the knowledge's words and
//     the lexicon's function words.
// Immutable after construction: thread-safe (the analyzer's stem cache is).
#include <cstdint>
#include <memory>
#include <string>
#include <string_view>
#include <unordered_map>
#include <unordered_set>
#include <vector>

#include "index/analyzer.hpp"
#include "index/article_aliases.hpp"
#include "index/colloquial.hpp"
#include "index/index_store.hpp"
#include "index/spelling.hpp"
#include "knowledge/language_resources.hpp"

namespace tanya {

// A word of the index standing for a question word: surface as the index has it.
struct Equivalent {
  std::string word;
  bool forward = true;  // the thesaurus lists it under the question's word (not only the reverse)
  std::string stem;     // the analyzer's stem of word, worked out once when the tables are built
};

class LanguageTables {
 public:
  LanguageTables(const IndexData& index, const Analyzer& analyzer, std::shared_ptr<const LanguageResources> language);

  // Thesaurus synonyms of a question word that the index holds, looked up by the
  // word and by its stem: first those the thesaurus lists under the word, then
  // the index's words that list it. Empty when none.
  const std::vector<Equivalent>& synonyms(const std::string& word, const std::string& stem) const;
  // One-word thesaurus synonyms the index holds of a phrase of two or three
  // lowercase words the knowledge never writes ("makan pagi" → "sarapan"),
  // those its own entry lists first; empty when none.
  const std::vector<Equivalent>& phrase_synonyms(const std::string& phrase) const;
  // Whether some phrase of phrase_synonyms() begins with `word`: one lookup
  // that spares a question's words building and looking up their phrases.
  bool starts_phrase(const std::string& word) const { return phrase_starts_.count(word) > 0; }

  // The English word's lemma FreeDict knows ("benefits" → "benefit"), or
  // english_common.tsv where FreeDict lacks it ("looks" → "look"), or the
  // base english_irregular.tsv gives ("took" → "take"), or "".
  std::string english_lemma(std::string_view word) const;
  // The lemma of two words read as one entry ("sea level", "how many"), the
  // first word inflected or not ("burned out" → "burn out"), or "".
  std::string english_phrase_lemma(std::string_view first, std::string_view second) const;
  // Its translations, split into words, in FreeDict's order: those whose every
  // word the index holds, or (held_only false) all of them. `within` (stem →
  // passages holding it, of one article): those that article holds, ordered
  // by its use (a question asked on its page). `pos` (EnglishPos bits, 0:
  // any): where some held translations are senses of that part of speech,
  // only those ("where can I check …": periksa, cek; not bon, kotak).
  std::vector<std::vector<std::string>> translate(std::string_view english_lemma, bool held_only = true,
                                                  const std::unordered_map<std::string, int>* within = nullptr,
                                                  uint8_t pos = 0) const;
  // The word is Indonesian as far as the index or hunspell-id knows.
  bool indonesian(const std::string& word) const;
  // hunspell-id knows the word (the index aside).
  bool dictionary_word(const std::string& word) const;
  // mythes-id has an entry for the word: a word in use, whatever the index holds.
  bool thesaurus_headword(const std::string& word) const;
  uint8_t english_pos(std::string_view english_lemma) const;

  // Whether the knowledge writes the stem right before `next_stem` (stop words
  // aside), for the stems of chat words whose slang reading is a function
  // word ("pas" → saat): "helm harus pas di kepala" writes "pas kepala", so
  // "pas di kepala?" means it fits, and "pas di kantor" means when.
  bool written_before(const std::string& stem, const std::string& next_stem) const;

  // The standard word a chat word stands for, by the abbreviation table and
  // then the colloquial rules (index/colloquial.hpp): the first candidate the
  // index holds, else the first hunspell-id or the slang list knows; else the
  // question word it is a typo of ("brapa", "bagaimna"), else the English
  // word of the knowledge it is the base of ("bully" where the article writes
  // "bullying"). "" when none; the caller asks only for words it does not know.
  // Remembered per thread (the same chat words come back in question after
  // question: "brp", "yg", "pake"), so no lock is taken.
  std::string standard_form(const std::string& chat_word) const;

  // Two words the knowledge writes, written together ("golonganputih" →
  // "golongan", "putih"), each of 3 letters or more; empty when none. The
  // spelling index holds only pairs the knowledge writes twice or more.
  std::vector<std::string> split_joined(const std::string& word) const;
  // How often the knowledge writes `first` right before `second` (surfaces,
  // lowercase, nothing but a space or hyphen between); 0 for never.
  int side_by_side(const std::string& first, const std::string& second) const;

  // Two words the knowledge writes side by side, each cut short and joined,
  // as Indonesian clips a name for chat ("bukber" for buka bersama, "mapel"
  // for mata pelajaran): the pair whose first word starts with the first
  // part and second with the rest, both cut (2–4 letters kept of each); the
  // pair written most often, empty when none or when two tie.
  std::vector<std::string> clipped_phrase(const std::string& word) const;

  // The knowledge's own second names for a word (index/article_aliases.hpp),
  // looked up by stem: "bullying" for perundungan and back. Empty when none.
  const std::vector<std::string>& aliases(const std::string& stem) const;
  // Its names of several words, as stems, each with the one word it also
  // goes by ({"sel", "darah", "merah"} → "eritrosit", {"indeks", …} → "ispu").
  struct PhraseAlias {
    std::vector<std::string> stems;
    std::string other;
  };
  const std::vector<PhraseAlias>& phrase_aliases() const { return phrase_aliases_; }
  // The name an acronym the knowledge never writes stands for, by its
  // initials (find_spelled_names: "sktm" → surat keterangan tidak mampu), as
  // lowercase words; empty when none or when several names share it.
  const std::vector<std::string>& spelled_name(const std::string& acronym) const;
  // An acronym the knowledge writes in capitals, never spelled out ("SMP",
  // "KTP", "BK"), lowercase: a question giving the name in full ("sekolah
  // menengah pertama") finds it by the name's initials (bot/query.cpp).
  bool writes_acronym(const std::string& initials) const { return written_acronyms_.count(initials) > 0; }

  const SpellingIndex& spelling() const { return spelling_; }
  const Abbreviations& abbreviations() const { return abbreviations_; }
  // The index holds the word as a surface or as a stem (stemming it when needed).
  bool holds(const std::string& word) const;

 private:
  // FreeDict's entry with the lexicon's senses it lacks, else the lexicon's
  // for a common word FreeDict lacks; nullptr when neither has it.
  const DictionaryEntry* english_entry(std::string_view lemma) const;
  // standard_form() worked out, not remembered.
  std::string compute_standard_form(const std::string& chat_word) const;

  const uint64_t id_;  // tells this instance's remembered standard forms from another's

  const IndexData& index_;
  const Analyzer& analyzer_;
  std::shared_ptr<const LanguageResources> language_;
  std::unordered_map<std::string, std::vector<Equivalent>> synonyms_;
  std::unordered_map<std::string, std::vector<std::string>> aliases_;  // stem → other words
  std::unordered_map<std::string, std::vector<Equivalent>> phrase_synonyms_;  // "makan pagi" → sarapan
  std::unordered_set<std::string> phrase_starts_;                             // "makan": each key's first word
  std::vector<PhraseAlias> phrase_aliases_;
  std::unordered_set<std::string> written_acronyms_;  // lowercase, 2 to kMaxAcronymLetters letters
  std::unordered_map<std::string, std::vector<std::string>> spelled_names_;  // initials → the name's words
  SpellingIndex spelling_;
  SpellingIndex question_words_;  // the lexicon's one-word question words: "brapa" → berapa
  // An English word of the knowledge by its base form: "bully" → "bullying".
  std::unordered_map<std::string, std::string> english_forms_;
  // FreeDict's entries with english_common.tsv's senses added (fine: baik, halus, denda).
  std::unordered_map<std::string, DictionaryEntry> english_merged_;
  Abbreviations abbreviations_;
  std::unordered_set<std::string> collocations_;  // "stem\tnext stem", for written_before
  // Every pair of words the knowledge writes side by side (stop words aside),
  // sorted, with how often: for clipped_phrase's lookups by the first word's
  // start and side_by_side().
  struct SideBySide {
    std::string first, second;
    int count = 0;
  };
  std::vector<SideBySide> side_by_side_;
};

// Lemmas an English word may be an inflection of, the word first:
// studies → study, caused → cause, eating → eat, teenagers → teenager.
std::vector<std::string> english_lemmas(std::string_view word);

}  // namespace tanya

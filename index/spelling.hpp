#pragma once
// Typo correction against the knowledge's own vocabulary. A lookup table built
// once per index (the symmetric-delete idea of SymSpell: every word and every
// form of it with one letter deleted), so a question's unknown word is looked up
// through its own deletions (up to two) instead of scanning the vocabulary.
// The two edits that table cannot reach (two substitutions, or one with an
// insertion: "ekstrakurikurel", "parlementary") are looked for, when it finds
// nothing, among the words of about the same length and the same first letter
// only: a long word's typo seldom starts wrong, and that bucket is small.
// Candidates are ranked by an edit distance that knows the keyboard (a
// neighbouring key or a doubled letter is a cheap slip) and by how often the
// knowledge uses the word. Words the knowledge writes side by side are
// candidates too, as their concatenation: "kerjsama" is "kerja sama" when the
// knowledge says "kerja sama", not "bersama".
//
// Immutable after finish(): thread-safe.
#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <unordered_map>
#include <vector>

namespace tanya {

// Costs of the keyboard-aware distance, and how much frequency may outweigh it.
// Set on the development articles' typo questions (c–f, 16 misspellings) and
// the bundled article's: a neighbouring key is the common slip on a phone, but
// never makes a distance-2 word beat a distance-1 one.
inline constexpr double kNeighbourKeyCost = 0.6;   // substitution of a QWERTY neighbour
inline constexpr double kDoubledLetterCost = 0.5;  // a letter typed twice, or once for twice
inline constexpr double kTranspositionCost = 0.8;  // two letters swapped
// A vowel the typo lacks: Indonesian chat drops vowels, so "alamt" is
// "alamat" left short, not "alam" with a stray letter. Set on ct29 (the
// fifty-first session); any value 0.5–0.9 moves no other row of the 88
// articles' questions or the blind sets.
inline constexpr double kDroppedVowelCost = 0.7;
inline constexpr double kFrequencyWeight = 0.1;    // per factor 10 of frequency in the knowledge

struct SpellingSuggestion {
  std::vector<std::string> words;  // one word, or two a compound stands for
  double distance = 0;             // keyboard-aware edit distance
  double cost = 0;                 // distance less the frequency bonus: lower is better
};

class SpellingIndex {
 public:
  void add_word(const std::string& word, int freq);
  // Two words the knowledge writes side by side `freq` times.
  void add_pair(const std::string& first, const std::string& second, int freq);
  // The best correction of a lowercase word, or none within the distance its
  // length allows (1 from 5 letters, 2 from 8; shorter words are not corrected).
  std::optional<SpellingSuggestion> correct(std::string_view typo) const;
  // The knowledge's word that is `typed` (`min_letters` or more) with one
  // letter more ("berlaku" for "berlau"), the most frequent of them; empty
  // when none. One lookup, for a word the dictionary knows but the knowledge
  // lacks, or a word too short for correct() ("tugs" for "tugas").
  std::string one_letter_more(std::string_view typed, size_t min_letters = 5) const;
  // The knowledge's word that is `typed` (`min_letters` or more) with one
  // vowel written as another ("parafrasa" for "parafrase", "praktik" for
  // "praktek": a loanword's two spellings), the most frequent; empty when none.
  std::string other_vowel(std::string_view typed, size_t min_letters) const;
  // The knowledge's word that sounds as `typed` does (`min_letters` or more)
  // though spelled otherwise: "forid" for "phorid", "ahir" for "akhir",
  // "kualitas" for "qualitas", "Soekarno" for "Sukarno" (sound_key below); the
  // most frequent such word, empty when none or when `typed` is its own.
  std::string same_sound(std::string_view typed, size_t min_letters) const;
  // How the knowledge mostly writes these letters: one word, or the pair of
  // words written side by side ("bulutangkis" → "bulu", "tangkis" where the
  // pair is the more frequent); empty when it writes them neither way.
  std::vector<std::string> reading(std::string_view joined) const;
  size_t size() const { return entries_.size(); }

 private:
  struct Entry {
    std::string joined;              // the word, or the pair written together
    std::vector<std::string> words;
    int freq = 0;
  };
  std::vector<Entry> entries_;
  std::unordered_map<std::string, size_t> by_joined_;
  std::unordered_map<uint64_t, std::vector<uint32_t>> deletes_;  // a word and its 1-deletions (by key_of) → entries
  std::unordered_map<std::string, std::vector<uint32_t>> by_start_;  // first letter + length → entries
  std::unordered_map<std::string, std::vector<uint32_t>> by_sound_;  // sound_key → one-word entries
  void insert(std::string joined, std::vector<std::string> words, int freq);
};

// The keyboard-aware optimal-string-alignment distance between two lowercase
// ASCII words, giving up (returning a value above `max`) early.
double keyboard_distance(std::string_view a, std::string_view b, double max);
// The letters as Indonesian reads them aloud: the spellings of one sound made
// one ("ph" f, "th" t, "kh" h, "sy" s, "ch" and "tj" c, "dj" j, "oe" u, "q" k,
// "x" ks, "v" f) and doubled letters single. Loanwords and old names are
// written both ways ("foto"/"photo", "akhir"/"ahir", "Soekarno"/"Sukarno").
std::string sound_key(std::string_view word);
// QWERTY neighbours (same or adjacent row, touching).
bool neighbour_keys(char a, char b);

}  // namespace tanya

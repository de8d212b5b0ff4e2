#pragma once
// Chat Indonesian by morphology: the standard words a colloquial form may stand
// for, from rules rather than a list, so that forms no list holds are read too
// (ngebantuin, nyariin, dipake, kegedean, dmn, liat).
//
// colloquial_forms() only proposes; the caller keeps the first candidate that
// the knowledge or hunspell-id knows. The rules, most specific first:
//   nge-/ng-/ny-/n-/m- prefixes  → meN- with the nasal the base takes, and the base
//                                  (ngebantu → membantu, bantu; nyari → mencari, cari;
//                                  ngirim → mengirim, kirim; nulis → menulis, tulis)
//   -in                           → -kan, -i (bantuin → bantukan; dijelasin → dijelaskan)
//   ke-…-an (kegedean, kemahalan) → the base
//   -e / -et / -er / -em / -en / -ek in the last syllable → a (pake → pakai, dapet →
//                                  dapat, bener → benar, dalem → dalam, diem → diam)
//   -o at the end                 → -au (kalo → kalau, pulo → pulau)
//   a dropped h                   (tau → tahu, liat → lihat, abis → habis, uda → udah;
//                                  under a prefix too: ngeliat → melihat)
//   -nya after any of these       → stripped
// Words without vowels (dmn, brp, skrg) are abbreviations: see Abbreviations.
// Pure: thread-safe.
#include <string>
#include <string_view>
#include <unordered_map>
#include <vector>

namespace tanya {

struct ColloquialForm {
  std::string word;
  const char* rule;  // which rule proposed it (for tests and explanations)
};

// Candidates for one lowercase ASCII word, most likely first, without duplicates
// and without the word itself. Empty for words of under 3 letters.
std::vector<ColloquialForm> colloquial_forms(std::string_view word);

// Chat abbreviations that drop vowels ("dmn" → "dimana", "brp" → "berapa",
// "skrg" → "sekarang", "utk" → "untuk"): a table from consonant skeletons to
// words, built once from the words a caller offers (the knowledge's vocabulary
// and the lexicon's function words), best first.
class Abbreviations {
 public:
  // `rank`: lower is preferred (the caller puts function words first, then by
  // frequency in the knowledge).
  void add(const std::string& word, double rank);
  // The word an abbreviation stands for, or "" when it is no abbreviation
  // (it has a vowel after the first letter) or no word fits.
  std::string expand(std::string_view abbreviation) const;
  // The skeletons a word can be abbreviated to (for tests).
  static std::vector<std::string> skeletons(std::string_view word);

 private:
  std::unordered_map<std::string, std::pair<std::string, double>> best_;
};

}  // namespace tanya

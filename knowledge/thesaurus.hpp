#pragma once
// The Indonesian thesaurus of Debian's mythes-id (th_id_ID_v2.dat, MPL): a
// headword, then one line per sense, "[pos]|synonym|synonym|…". Used as a
// general synonym source instead of hand lists, so a question's word finds a
// passage that says the same in other words on any article.
//
// The file text is kept once (UTF-8, about 1.7 MB) with the headwords' sense
// lines located at load; senses are split on demand. Antonym lines ([ant]) are
// dropped at load: they must never read as synonyms. Immutable once loaded:
// thread-safe.
#include <cstdint>
#include <string>
#include <string_view>
#include <unordered_map>
#include <vector>

#include "knowledge/base/result.hpp"

namespace tanya {

struct ThesaurusSense {
  std::string_view pos;                 // n, v, a, adv, …
  std::vector<std::string_view> words;  // lowercase; a word may be a phrase ("gunung api")
};

class Thesaurus {
 public:
  // Reads the .dat file; a missing file is an error naming the Debian package.
  static Result<Thesaurus> load(const std::string& dat_path);
  // The .dat format from text; the first line names the encoding (ISO-8859-1 or
  // UTF-8). A malformed entry is an error naming `name` and the line.
  static Result<Thesaurus> parse(std::string text, const std::string& name);

  // The senses of a lowercase headword, antonyms left out; empty when unknown.
  // The views live as long as the thesaurus.
  std::vector<ThesaurusSense> senses(std::string_view headword) const;
  size_t size() const { return entries_.size(); }
  // Calls f(headword, sense) for every sense of every headword.
  template <typename F>
  void for_each(F f) const {
    for (const auto& [word, range] : entries_)
      for (auto& s : senses_in(range)) f(std::string_view(word), s);
  }

 private:
  struct Range {
    uint32_t begin = 0, end = 0;  // bytes of text_ holding the sense lines
  };
  std::vector<ThesaurusSense> senses_in(Range r) const;

  std::string text_;
  std::unordered_map<std::string, Range> entries_;
};

// ISO-8859-1 bytes as UTF-8 (each byte is its code point).
std::string latin1_to_utf8(std::string_view latin1);

}  // namespace tanya

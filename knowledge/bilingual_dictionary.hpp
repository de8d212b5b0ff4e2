#pragma once
// The English–Indonesian dictionary of Debian's dict-freedict-eng-ind (FreeDict,
// CC BY-SA): a dictd database, an index of "headword TAB offset TAB length"
// (base64 numbers) and the entries in a dictzip file (gzip with random-access
// chunks; read whole here with zlib, 1 MB unpacked). Used to translate English
// questions in general instead of a hand glossary.
//
// Each entry reads "headword /pronunciation/ <pos>", then its translations,
// comma-separated, on one line (or one numbered line per sense: "1. kerja
// sama"), each followed by an English gloss. Only the translations are kept.
// Immutable once loaded: thread-safe.
#include <cstddef>
#include <cstdint>
#include <string>
#include <string_view>
#include <unordered_map>
#include <vector>

#include "knowledge/base/result.hpp"

namespace tanya {

// Parts of speech FreeDict marks a headword with (<n>, <adj>, <v>, …), as bits.
enum EnglishPos : uint8_t { kEnglishNoun = 1, kEnglishAdjective = 2, kEnglishVerb = 4, kEnglishOther = 8 };

struct DictionaryEntry {
  std::vector<std::string> translations;  // lowercase, first sense first; a translation may be a phrase
  uint8_t pos = 0;                        // EnglishPos bits over the headword's entries
  // Per translation: the EnglishPos bits of the entries giving it ("check":
  // bon a noun, periksa a verb); shorter than `translations` only in an
  // entry parse_dictd_entry returns, where every sense is of `pos`.
  std::vector<uint8_t> sense_pos;
  // Translations from here on are senses another source added to the
  // dictionary's own (LanguageTables: english_common.tsv); they rank after them.
  size_t added_from = SIZE_MAX;
};

class BilingualDictionary {
 public:
  // Reads BASE.index and BASE.dict.dz (or BASE.dict); a missing file is an
  // error naming the Debian package.
  static Result<BilingualDictionary> load(const std::string& base);
  // From the index text and the unpacked dictionary text; a malformed index
  // line is an error naming `name` and the line.
  static Result<BilingualDictionary> parse(std::string_view index, std::string_view dict, const std::string& name);

  // Appends `translation` to `e` unless it has it already, a sense of part
  // of speech `pos` (EnglishPos bits) either way.
  static void add_translation(DictionaryEntry* e, std::string translation, uint8_t pos);
  // The entry of a lowercase English headword; nullptr when unknown.
  const DictionaryEntry* find(std::string_view english) const;
  size_t size() const { return entries_.size(); }

 private:
  std::unordered_map<std::string, DictionaryEntry> entries_;
};

// The whole of a gzip (or dictzip) stream, unpacked; an error when it is not one.
Result<std::string> gunzip(std::string_view packed);

// The translations in one dictd entry's text (headline first), and the part
// of speech its headline names.
DictionaryEntry parse_dictd_entry(std::string_view entry);

}  // namespace tanya

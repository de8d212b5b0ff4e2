#pragma once
// Debian's general language data, loaded once per process and shared by every
// engine (each engine keeps only what its index can use): the Indonesian
// thesaurus (mythes-id) and the English–Indonesian dictionary
// (dict-freedict-eng-ind). A missing package is an error when the first engine
// opens (at start), naming the package — decided over a degraded mode so that
// a site owner never runs, unknowingly, a bot that misses synonyms and English.
#include <memory>
#include <string>

#include "knowledge/bilingual_dictionary.hpp"
#include "knowledge/base/result.hpp"
#include "knowledge/thesaurus.hpp"

namespace tanya {

struct LanguageResources {
  Thesaurus thesaurus;
  BilingualDictionary english;
};

// Where Debian puts them. Each path can be moved by an environment variable
// (tests point it at a missing file to see the error).
inline constexpr const char* kThesaurusPath = "/usr/share/mythes/th_id_ID_v2.dat";          // mythes-id
inline constexpr const char* kEnglishDictionaryBase = "/usr/share/dictd/freedict-eng-ind";  // dict-freedict-eng-ind
std::string thesaurus_path();           // $TANYA_THESAURUS, else kThesaurusPath
std::string english_dictionary_base();  // $TANYA_ENGLISH_DICTIONARY, else kEnglishDictionaryBase (+ .index, .dict.dz)

// Reads both from the paths above; an error names the missing package.
Result<std::shared_ptr<const LanguageResources>> load_language_resources();

// The process's copy: loaded on the first call, then shared. Thread-safe. A
// failed load is retried on the next call (the package may be installed since).
Result<std::shared_ptr<const LanguageResources>> shared_language_resources();

}  // namespace tanya

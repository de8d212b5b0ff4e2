#pragma once
// Debian's general language data, loaded once at start and shared by every
// engine (each engine keeps only what its index can use): the Indonesian
// thesaurus (mythes-id) and the English–Indonesian dictionary
// (dict-freedict-eng-ind). A missing package is an error at start naming it —
// decided over a degraded mode so that a site owner never runs, unknowingly,
// a bot that misses synonyms and English.
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

// From thesaurus_path() and english_dictionary_base() (knowledge/paths.hpp).
Result<std::shared_ptr<const LanguageResources>> load_language_resources();

}  // namespace tanya

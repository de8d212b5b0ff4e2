#pragma once
// English questions in Indonesian words: each English word through the hand
// glossary (a small override) or FreeDict (knowledge/bilingual_dictionary.hpp),
// inflections folded, keeping translations the index holds; and English word
// order turned into Indonesian: in a noun phrase English puts the modifiers
// first, Indonesian after the head ("personal data" → "data pribadi",
// "Sunda Strait" → "selat sunda"), so that the question's word pairs meet the
// passage's phrases. Pure: thread-safe.
#include <string>
#include <unordered_map>
#include <vector>

#include "index/language_tables.hpp"
#include "knowledge/lexicon.hpp"

namespace tanya {

struct EnglishTranslation {
  std::vector<std::string> words;  // Indonesian (question words and names kept as they are)
  // Other translations of a word the index also holds ("country" → negara,
  // and bangsa as its synonym), by the first translation's word.
  std::unordered_map<std::string, std::vector<std::string>> synonyms;
};

// The word reads as English: a function word, a glossary word, or a word FreeDict
// knows that is no Indonesian word of the index or hunspell-id.
bool english_word(const std::string& word, const Lexicon& lexicon, const LanguageTables& tables);

// The English question asks what something is: "what is X?", "what are
// Xs", "what does (the word) X mean?", "define X", "meaning of X", with X a
// name of at most a few words and nothing else asked ("what is the maximum
// similarity allowed …" is no definition). The words as normalised, before
// translation.
bool asks_definition_english(const std::vector<std::string>& words, const Lexicon& lexicon);

// `within`: the words held by one article (LanguageTables::translate), for a
// question asked on its page; null: the whole index's.
EnglishTranslation translate_english(const std::vector<std::string>& words, const Lexicon& lexicon,
                                     const LanguageTables& tables,
                                     const std::unordered_map<std::string, int>* within = nullptr);

}  // namespace tanya

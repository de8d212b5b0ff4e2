#pragma once
// The word lists the analyzer and the bot read, loaded from the data files in
// knowledge/lexicon/ (one file per list; '#' starts a comment). Immutable once
// loaded, so one Lexicon may be shared by every thread.
#include <cstdint>
#include <map>
#include <string>
#include <unordered_map>
#include <unordered_set>
#include <vector>

#include "knowledge/base/result.hpp"
#include "knowledge/bilingual_dictionary.hpp"

namespace tanya {

struct SmalltalkPhrase {
  std::string intent;  // greeting | thanks | goodbye | identity | help
  std::vector<std::string> words;
};

struct Lexicon {
  std::unordered_set<std::string> stopwords;          // never search terms
  std::unordered_set<std::string> protected_words;    // no stemmer touches these
  std::unordered_map<std::string, std::vector<std::string>> compounds;  // kerjasama → kerja sama
  std::unordered_map<std::string, std::vector<std::string>> slang;      // gmn → bagaimana ("" drops)
  std::unordered_map<std::string, std::string> question_words;          // mengapa → reason
  std::unordered_map<std::string, std::string> query_cues;              // contohnya → example
  std::map<std::string, std::unordered_set<std::string>> passage_cues;  // example → {misalnya, …}
  // how → {dengan}: words that mark a sentence as the kind of answer asked (the answer's
  // sentence, the confidence's answer type), too common to pick a passage by.
  std::map<std::string, std::unordered_set<std::string>> sentence_cues;
  // A type that narrows another: an "amount" question with "harga" asks a price.
  // The words stay topic words (unlike query cues); matched as written or by
  // their stems, one written "=lama" in the file as written only.
  struct Narrowing {
    std::string type, within;
    std::unordered_set<std::string> words;    // as written or by stem
    std::unordered_set<std::string> written;  // "=lama": only as written ("selama" is no duration asked)
    // "nomor+wa": the two words side by side, as written ("nomor WA-nya apa?"
    // asks a number to call; "wa" or "nomor" alone does not).
    std::vector<std::pair<std::string, std::string>> pairs;
  };
  std::vector<Narrowing> narrowings;  // price within amount: {harga, biaya, …}
  // A noun that, right before a question word, makes it ask TYPE: "hari apa",
  // "jam berapa", "tahun berapa" ask when, not what or how many.
  std::unordered_map<std::string, std::string> type_nouns;  // hari → when
  // Words that, in a question of TYPE, name the kind of answer asked and are
  // no topic: "Nama teknisi sekolah siapa?" asks a name, as "siapa" does.
  std::map<std::string, std::unordered_set<std::string>> type_frames;  // who → {nama, namanya}
  std::unordered_map<std::string, std::vector<std::string>> glossary_en;  // benefits → manfaat
  // Common English words Debian's FreeDict (10,000 headwords) lacks (look →
  // melihat), and common senses it lacks for words it has (fine → denda, not
  // only baik): LanguageTables adds these to FreeDict's entry. Lines of one
  // word merge (each part of speech its own line).
  std::unordered_map<std::string, DictionaryEntry> english_common;
  std::unordered_map<std::string, std::string> english_irregular;  // took → take, children → child
  std::unordered_set<std::string> english_stopwords;
  std::unordered_set<std::string> fillers;            // chat particles: sih, dong, ya …
  std::unordered_set<std::string> followup_cues;      // contohnya, kalau, lanjut …
  std::unordered_set<std::string> followup_weak_cues; // itu, ini, tersebut: only with ≤ 1 topic word
  std::unordered_set<std::string> generic_words;      // words too general to answer on alone
  std::unordered_set<std::string> subject_words;      // soal, tentang: "boleh tanya soal X?" names a subject
  std::unordered_set<std::string> yesno_tags;         // tidak, boleh: "bisa bantu aku belajar X nggak?"
  std::unordered_set<std::string> yesno_openings;     // ya, tidak, boleh: "Boleh, asalkan …" answers a yes/no question
  std::unordered_set<std::string> people_nouns;       // siswa, peserta: "38 siswa" counts people, as "38 orang" does
  std::unordered_set<std::string> bot_address;        // kamu, anda: "kamu ini sebenarnya siapa?" asks about tanya
  std::unordered_set<std::string> answerer_words;     // bot, manusia, admin: "ini bot apa manusia sih?" asks who answers
  std::unordered_set<std::string> person_roles;       // siswa, wali: "saya wali murid kelas 8" says who writes
  std::unordered_set<std::string> request_words;      // jelaskan, sebutkan: a message with one is a question
  std::unordered_set<std::string> summary_words;      // ringkasnya, singkatnya: the answer asked in short
  std::unordered_set<std::string> closing_titles;     // kesimpulan, penutup: a section summing up the article
  std::vector<std::string> overview_phrases;          // "artikel ini membahas": a paragraph announcing the page's contents
  std::unordered_set<std::string> another_cues;       // lain, selain: a follow-up asks for something else
  std::vector<std::vector<std::string>> next_cues;    // "selanjutnya", "setelah itu": what follows the last answer
  // pertama → 1, kedua → 2, terakhir → kLastPlace: one takes another's
  // place; a numbered one counts a list's items (kLastPlace: the last).
  static constexpr int kLastPlace = 1 << 20;
  std::unordered_map<std::string, int> ordinals;
  std::unordered_set<std::string> step_nouns;         // langkah, tahap: "langkah keduanya?" is "yang kedua?"
  std::unordered_set<std::string> person_titles;      // bapak, ibu, dr: a capitalised word after one is a person
  std::vector<std::vector<std::string>> news_phrases;  // "hari ini", "besok": the question asks the day's news
  std::unordered_set<std::string> now_units;          // tahun, hari: "tahun ini" asks about the present day
  std::unordered_set<std::string> strict_types;       // phone, schedule: a passage without such content does not answer
  std::unordered_set<std::string> numbered_nouns;     // kelas, abad: "kelas X" is "kelas 10", as is "kelas sepuluh"
  std::vector<std::vector<std::string>> synonym_groups;  // each line of synonyms.txt
  std::vector<SmalltalkPhrase> smalltalk;
  std::map<std::string, std::map<std::string, std::string>> replies;  // intent → lang → text
  uint64_t fingerprint = 0;  // of every file's bytes: stems depend on these lists
};

// Reads every list from `dir`. A missing file is an error naming it; a
// malformed line is an error naming the file and line.
Result<Lexicon> load_lexicon(const std::string& dir);

// Lowercase ASCII words split on spaces; shared by every list reader.
std::vector<std::string> split_spaces(const std::string& s);

}  // namespace tanya

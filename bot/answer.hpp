#pragma once
// Plain structs for what the bot takes and gives: the answer object of the
// contract (web/PROTOCOL.md) and the per-conversation memory for follow-ups.
#include <array>
#include <cstdint>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include "bot/policy.hpp"

namespace tanya {

struct Source {
  int64_t unit_id = 0;
  std::string kind;     // paragraph | faq | table_row | lead
  std::string article;  // article name
  std::string section;
  std::string question;  // the FAQ question or table key, when the unit has one
  std::string text;      // the whole passage
  double score = 0;
};

struct Correction {
  std::string from;
  std::string to;
};

struct Answer {
  std::string text;
  std::string intent = "question";  // question | greeting | thanks | goodbye | identity | help
  bool fallback = false;
  double confidence = 0;
  std::vector<Source> sources;  // best first
  std::vector<std::string> suggestions;
  // Extensions to the contract: how the answer was found.
  std::string lang = "id";
  std::string question_type;          // what | reason | example | comparison | definition | how | …
  std::vector<std::string> matched;   // query words found in sources[0]
  std::vector<std::string> missing;   // query words not found there
  std::vector<Correction> corrections;
  bool followup = false;              // the previous question's topic was used
  int span_start = -1;                // `text` within sources[0].text, in code points
  int span_end = -1;
  std::vector<int64_t> ranking;       // unit ids, best first (up to 5): for evaluation, not sent
  // The confidence model's inputs (bot/policy.hpp), for fitting it; not sent.
  // `decided` is false when the answer did not come from the model (small
  // talk, or nothing found at all).
  ConfidenceFeatures features{};
  bool no_topic = false;              // the confidence was capped: no topic word (bot/policy.hpp)
  bool decided = false;
};

// The word that makes the next one a superlative ("paling besar"), in the
// question and in passages; a passage also writes it with ter- ("terbesar").
inline constexpr std::string_view kSuperlativeWord = "paling";

// A weighted search term of a question.
struct QueryTerm {
  std::string surface;  // the word as normalised (what goes into MATCH)
  std::string stem;
  uint32_t id = 0xFFFFFFFF;  // the stem's id in the engine's RankData (kNoTerm: not in the knowledge)
  std::vector<std::string> synonyms;  // surfaces of words that ask for the same (synonyms.txt)
  std::vector<uint32_t> synonym_ids;  // their stems' ids, where the knowledge has them
  // Of the synonyms, those the knowledge itself gives as another name of the
  // word ("perundungan atau bullying"): found, they count as the word itself.
  std::vector<std::string> aliases;
  std::vector<uint32_t> alias_ids;
  // Thesaurus synonyms (mythes-id) of a word the knowledge does have: not
  // searched, but a passage lacking the word earns a little of it through
  // one, beside another of the question's words (Policy::loose_share).
  std::vector<std::string> loose;
  std::vector<uint32_t> loose_ids;
  double weight = 1;    // idf times the word's importance
  bool generic = false; // too general to answer on alone
  bool thesaurus = false;  // its synonyms come from the thesaurus (mythes-id): weaker evidence
  bool context = false; // taken from an earlier question of the conversation
  bool name = false;    // written as a name: capitalised inside a sentence, or in capitals ("Prambanan", "PNS")
  bool superlative = false;  // asked in the superlative: "paling besar" (the passage's "terbesar" or "paling besar")
  bool counted = false;  // the unit asked after "berapa" ("berapa hari"): the passage's "empat hari" gives it
  bool acronym = false;  // a stop word written as an acronym ("gaya APA"): searched in capitals (Analyzer::written_as_acronym)
};

// A word written as a verb on its stem ("dibangun", "mencegahnya", "berlatih"):
// an action on a topic, not the name of a thing.
inline bool written_as_verb(const QueryTerm& t) {
  if (t.stem == t.surface) return false;
  for (std::string_view prefix : {"me", "di", "ber"})
    if (t.surface.starts_with(prefix) && !t.stem.starts_with(prefix)) return true;
  return false;
}

// What a conversation remembers between questions. Small and copyable, so a
// store can keep one per connection, session or sender.
// The passage is named by its article and a key of its content
// (Engine::passage_key), never by a unit id: ids change when the knowledge is
// reloaded, names do not. The engine looks it up in the index of the moment;
// when it is gone the conversation has no topic.
struct Conversation {
  std::vector<QueryTerm> topic;    // the last answered question's terms
  std::string article;             // the article of the passage last answered from
  std::string passage;             // its key in that article
  int item = 0;                    // the line of that passage shown alone (a list's item, from 1); 0: all of it
  std::string question_type;       // what the last answered question asked for ("amount", "reason"…)
  std::vector<std::string> suggestions;  // offered with the last answer (buttons refer to them by number)
  std::vector<std::string> seen;  // questions asked and suggestions shown, as question_key()s, oldest first (bot/suggest.hpp)
};

}  // namespace tanya

#pragma once
// `tanya review` and the console's review (GET /admin/unanswered,
// /admin/feedback): the questions the knowledge could not answer, grouped by
// their content words (so "gmn cara X?" and "bagaimana cara X" are one group),
// most frequent first, each with the passages tanya would now suggest; the
// answers students voted down; and accepting wordings as alternates of a
// passage (alternates.tsv, keyed by the passage: knowledge_dir.hpp).
// Plain functions over an Engine and files: thread-compatible.
#include <string>
#include <vector>

#include "bot/engine.hpp"
#include "knowledge/knowledge_dir.hpp"
#include "web/stores/event_log.hpp"

namespace tanya {

struct SuggestedPassage {
  std::string article;
  int order = -1;
  std::string section;
  std::string passage;  // cut to kPassagePreview bytes at a character boundary
};

inline constexpr size_t kPassagePreview = 160;
inline constexpr int kSuggestedPassages = 3;  // per unanswered group

struct UnansweredGroup {
  std::string question;                // the latest wording
  std::vector<std::string> wordings;   // up to five distinct wordings
  int count = 0;
  int64_t last_ms = 0;
  std::string article;                 // the closest unit, if any
  int order = -1;
  std::string passage;
  std::vector<SuggestedPassage> suggestions;  // best first, the closest one included
};

std::vector<UnansweredGroup> group_unanswered(const std::vector<Event>& events, const Engine& engine);

// The events to review: questions that fell back or got low confidence, newest
// first, less those whose wording was accepted (alternates.tsv in
// `knowledge_dir`) or marked out of scope (events of kind "out_of_scope").
// An event log that does not exist yet (no question asked) has nothing to review.
Result<std::vector<Event>> review_events(const std::string& events_spec, const std::string& knowledge_dir, int limit);

// An answer a student voted down, with the passage it came from.
struct VotedDown {
  int64_t time_ms = 0;
  std::string channel, question, answer;
  double confidence = 0;
  std::string article, section, passage;  // empty when no passage holds the answer any more
  int order = -1;
};

// The thumbs-down votes among `feedback` (newest first), each with its passage.
std::vector<VotedDown> voted_down(const std::vector<Event>& feedback, const Engine& engine);

// Tab-separated, the first three columns in alternates.tsv's form
// (question, article, unit order), then count, last seen and the passage.
std::string to_tsv(const std::vector<UnansweredGroup>& groups);

struct AcceptReport {
  int added = 0;
  int skipped = 0;  // already accepted for the same passage
};

// Adds `rows` (question, article, unit order) to `knowledge_dir`/alternates.tsv,
// each stored with the key of its passage as the knowledge now stands. A row
// naming no passage is an error naming its line, and nothing is written; a
// wording already accepted for the same passage is skipped. Rewrites the file
// atomically.
Result<AcceptReport> accept_wordings(const std::vector<AlternateRow>& rows, const std::string& knowledge_dir);

// The same for an edited export of `tanya review --export` (to_tsv's form).
Result<AcceptReport> accept_alternates(const std::string& tsv_path, const std::string& knowledge_dir);

// Normalised for comparing wordings: lower case, inner white space collapsed.
std::string wording_key(const std::string& question);

std::string iso_time(int64_t ms);

}  // namespace tanya

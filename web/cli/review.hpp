#pragma once
// `tanya review` and GET /admin/unanswered: the questions the knowledge could
// not answer, grouped by their content words (so "gmn cara X?" and "bagaimana
// cara X" are one group), most frequent first, each with the passage that came
// closest — a starting point for an alternate question (alternates.tsv).
#include <string>
#include <vector>

#include "bot/engine.hpp"
#include "web/stores/event_log.hpp"

namespace tanya {

struct UnansweredGroup {
  std::string question;                // the latest wording
  std::vector<std::string> wordings;   // up to five distinct wordings
  int count = 0;
  int64_t last_ms = 0;
  std::string article;                 // the closest unit, if any
  int order = -1;
  std::string passage;
};

std::vector<UnansweredGroup> group_unanswered(const std::vector<Event>& events, const Engine& engine);

// Tab-separated, the first three columns in alternates.tsv's form
// (question, article, unit order), then count, last seen and the passage.
std::string to_tsv(const std::vector<UnansweredGroup>& groups);

// Appends the rows of an edited export to `knowledge_dir`/alternates.tsv;
// returns how many were added. A row without question, article and order is an
// error naming its line, and nothing is written.
Result<int> accept_alternates(const std::string& tsv_path, const std::string& knowledge_dir);

std::string iso_time(int64_t ms);

}  // namespace tanya

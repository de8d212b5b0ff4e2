#pragma once
// Re-ranks the BM25 candidates from FTS5 with features that generalise: how much
// of the question a passage covers, whether the question's word pairs stand as
// phrases in it, how well its FAQ question or table key matches, its section
// title, and whether it answers the kind of question asked. Pure; thread-safe.
#include <functional>
#include <string>
#include <utility>
#include <vector>

#include "bot/answer.hpp"
#include "bot/policy.hpp"
#include "bot/rank_data.hpp"
#include "index/index_store.hpp"

namespace tanya {

struct Ranked {
  int64_t unit_id = 0;
  double score = 0;      // 0–1-ish, comparable within one question
  double coverage = 0;   // weighted share of the question's specific terms in the passage
  double bm25 = 0;
  size_t article = 0;    // RankData's index of its article (0 in an index of one)
};

// Per candidate unit, each ranking feature's value (for "Why this answer?").
using RankFeatures = std::vector<std::pair<int64_t, std::vector<std::pair<std::string, double>>>>;

struct RankInput {
  const std::vector<QueryTerm>* terms;  // current and context terms, ids set
  std::string question_type;
  std::vector<Hit> hits;                // FTS5 candidates
  std::string prefer_section;           // a follow-up with no topic of its own stays near the last answer
  const std::vector<std::string>* label_types = nullptr;  // per unit id - 1: its FAQ question's type, or ""
  RankFeatures* features = nullptr;  // filled when set; null on the answer path
  const Policy* policy = nullptr;       // the weights; null: default_policy()
  int64_t previous_unit = 0;            // a follow-up: the passage answered last (it asks for something new)
  bool type_asked = true;               // the question asks its type itself; false: inherited ("kalau X?")
  bool asks_another = false;            // the follow-up asks for another one ("ada cara lain?"): never that passage again
  // In an index of many articles: the passage answered last, when the
  // question points back to it (a follow-up, "kalau …", "-nya"); the question
  // stays in that passage's article while the article holds all its words.
  int64_t conversation_unit = 0;
  // The passage answered last in the conversation, whatever this question
  // is: of passages tied at the top, the one in its section comes first.
  int64_t last_unit = 0;
  // In an index of many articles: the BM25 of some units of one article
  // within that article alone (Bm25::within_article); unset: the hits' own.
  std::function<std::vector<double>(const std::vector<int64_t>& units)> article_bm25{};
  // The terms are weighed for the one article the hits are in already (the
  // question parsed with its Vocabulary): weighed_for_article is not applied.
  bool weighed = false;
  // The question asks for several things ("apa saja", "siapa aja"): a list
  // answers it (UnitData::list, Policy::w_list).
  bool wants_list = false;
  bool asks_yes_no = false;  // "apakah …?", "… boleh ga?": a passage opening with a yes or no answers it
  // The question asks for the answer in short ("ringkasnya", "secara
  // singkat": summary_words.txt): a table row answers it (Policy::w_summary).
  bool wants_summary = false;
};

// Ranks the candidates, best first. In an index of many articles each
// passage is scored with the question's words weighed for its own article
// (weighed_for_article), so an article's passages compare among themselves
// as they would in an index of that article alone.
std::vector<Ranked> rank(const RankInput& in, const IndexData& index, const RankData& data);

// The question's terms weighed for one article (RankData::article_idf): each
// word the knowledge holds keeps its weight times its idf in that article over
// its idf in the whole index. With one article, the weights are unchanged.
std::vector<QueryTerm> weighed_for_article(const std::vector<QueryTerm>& terms, size_t article, const RankData& data);

}  // namespace tanya

#pragma once
// `tanya eval`: scores question sets (JSON lines: id, question, expect =
// answer | fallback | smalltalk, gold, category, optional context) through the
// same Engine::answer the server calls, or through plain FTS5 BM25 (--baseline).
// A directory of articles (one subdirectory each: its article file(s) and
// questions.jsonl) is scored per article with the baseline beside it, all
// articles in one index (--mixed), and leave-one-article-out: the tunable
// policy (bot/policy.hpp) fitted on the other articles, scored on the one
// left out. Not thread-safe; reads files, writes only to `out`.
#include <functional>
#include <iosfwd>
#include <map>
#include <memory>
#include <string>
#include <vector>

#include "bot/engine.hpp"
#include "bot/policy.hpp"
#include "knowledge/base/result.hpp"

namespace tanya {

struct EvalCase {
  std::string id, question, expect, category;
  std::vector<std::string> gold, context;
  std::string article;  // when set (directory eval), the right passage must come from this article
  std::string intent;   // small talk: when set, the intent tanya must read ("goodbye"), not just any
  std::string page;     // when set, asked on this article's page (Engine::answer_on_page)
};

// A malformed line is an error naming its line number.
Result<std::vector<EvalCase>> load_eval_set(const std::string& path);

struct EvalOptions {
  bool rows = false;      // print one line per question
  bool baseline = false;  // score plain FTS5 BM25 instead of the engine
};

struct EvalTotals {
  int answerable = 0, ood = 0, smalltalk = 0, followup = 0, english = 0;
  double p1 = 0, recall3 = 0, mrr5 = 0, text_hit = 0;  // over answerable questions
  double rejection = 0;        // out-of-domain questions that fell back
  double false_fallback = 0;   // answerable questions that fell back
  double smalltalk_acc = 0, followup_acc = 0, english_acc = 0;
  double confident_precision = 0;  // answers at or above the fallback threshold whose first source is right
  int confident = 0;
  double handled = 0;          // share of all questions handled right (what the policy fit maximises)
  double median_us = 0, p99_us = 0;
};

// Prints the report to `out` and returns the totals.
Result<EvalTotals> run_eval(const Engine& engine, const std::vector<EvalCase>& cases, const EvalOptions& options,
                            std::ostream& out);

// "p1=0.9": checks a floor against the totals; unknown keys are an error.
Result<bool> meets_floor(const EvalTotals& t, const std::string& spec, std::string* message);

// Opens an engine for a knowledge directory (the caller's analyzer and options).
using EngineFactory = std::function<Result<std::shared_ptr<const Engine>>(const std::string& knowledge_dir)>;

struct EvalDirOptions {
  bool rows = false;
  bool mixed = true;   // also score all articles in one index
  bool loao = true;    // also fit by leave-one-article-out
  bool fit = false;    // print the policy fitted on all articles
  std::string only;    // score just this article (for per-article floors)
};

// Per-article figures of the engine (default policy) on `dir`, by article
// name, and plain BM25's under NAME + kBaselineSuffix; the report goes to `out`.
inline constexpr const char* kBaselineSuffix = " (baseline)";
// With EvalDirOptions::mixed: the macro figures of all articles in one index.
inline constexpr const char* kMixedKey = "(all articles in one index)";
// ... and each question asked on its article's page (Engine::answer_on_page).
inline constexpr const char* kPageKey = "(all articles in one index, asked on the article's page)";
Result<std::map<std::string, EvalTotals>> run_eval_dir(const std::string& dir, const EngineFactory& open,
                                                       const EvalDirOptions& options, std::ostream& out);

}  // namespace tanya

#pragma once
// `tanya eval`: scores a question set (JSON lines: id, question, expect =
// answer | fallback | smalltalk, gold, category, optional context) through the
// same Engine::answer the server calls, or through plain FTS5 BM25 (--baseline).
#include <iosfwd>
#include <map>
#include <string>
#include <vector>

#include "bot/engine.hpp"
#include "knowledge/base/result.hpp"

namespace tanya {

struct EvalCase {
  std::string id, question, expect, category;
  std::vector<std::string> gold, context;
};

// A malformed line is an error naming its line number.
Result<std::vector<EvalCase>> load_eval_set(const std::string& path);

struct EvalOptions {
  bool rows = false;      // print one line per question
  bool baseline = false;  // score plain FTS5 BM25 instead of the engine
};

struct EvalTotals {
  int answerable = 0, ood = 0, smalltalk = 0, followup = 0;
  double p1 = 0, recall3 = 0, mrr5 = 0, text_hit = 0;  // over answerable questions
  double rejection = 0;        // out-of-domain questions that fell back
  double false_fallback = 0;   // answerable questions that fell back
  double smalltalk_acc = 0, followup_acc = 0;
  double confident_precision = 0;  // answers with confidence ≥ 0.5 whose first source is right
  int confident = 0;
  double median_us = 0, p99_us = 0;
};

// Prints the report to `out` and returns the totals.
Result<EvalTotals> run_eval(const Engine& engine, const std::vector<EvalCase>& cases, const EvalOptions& options,
                            std::ostream& out);

// "p1=0.9": checks a floor against the totals; unknown keys are an error.
Result<bool> meets_floor(const EvalTotals& t, const std::string& spec, std::string* message);

}  // namespace tanya

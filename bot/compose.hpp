#pragma once
// Answer composition: the one or two sentences of a passage that answer the
// question. Pure; thread-safe.
#include <string>
#include <vector>

#include "bot/answer.hpp"
#include "bot/policy.hpp"

namespace tanya {

struct Span {
  size_t begin = 0;  // bytes into the passage
  size_t end = 0;
};

struct UnitData;

// Sentence boundaries of a passage, in bytes.
std::vector<Span> split_sentences(const std::string& text);

// The best sentence for the question, and the next one when the best is of
// ordinary length; with `prefer_first` (an FAQ answer) it starts at the
// answer's opening "Ya." / "Tidak." / "Bisa." when there is one. `cue_bit`
// marks sentences that answer this type of question.
Span best_span(const std::string& passage, const UnitData& unit, const std::vector<QueryTerm>& terms,
               uint32_t cue_bit, bool prefer_first, const Policy& policy);

}  // namespace tanya

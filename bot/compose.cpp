#include "bot/compose.hpp"

#include <algorithm>
#include <cctype>

#include "bot/rank_data.hpp"

namespace tanya {

namespace {
// "Ya.", "Tidak.", "Bisa.", "Tentu saja.": a sentence this short (bytes, at
// most two words) opening an FAQ answer is the answer word itself.
constexpr size_t kAnswerWordBytes = 14;

// Abbreviations written with a period before a name or a number, which
// goes on the sentence (PUEBI's titles and address words): "perawat Ns.
// Lestari", "Jalan Merdeka No. 45", "dr. Siti". Lowercased; matched as the
// whole word before the period.
bool abbreviation_before(const std::string& text, size_t period) {
  static const std::string_view kAbbreviations[] = {"ns", "dr", "drg", "drs", "dra", "ir", "prof", "h", "hj",
                                                    "kh", "st", "no", "jl", "jln", "kec", "kab", "kel", "bpk",
                                                    "ny", "sdr", "tn", "rt", "rw", "gg", "telp", "tel"};
  size_t begin = period;
  while (begin > 0 && std::isalpha(static_cast<unsigned char>(text[begin - 1]))) --begin;
  if (begin == period || period - begin > 4) return false;
  if (begin > 0 && text[begin - 1] != ' ' && text[begin - 1] != '(' && text[begin - 1] != '\n') return false;
  std::string word;
  for (size_t i = begin; i < period; ++i) word += static_cast<char>(std::tolower(static_cast<unsigned char>(text[i])));
  return std::find(std::begin(kAbbreviations), std::end(kAbbreviations), word) != std::end(kAbbreviations);
}
}  // namespace

std::vector<Span> split_sentences(const std::string& text) {
  std::vector<Span> out;
  size_t start = 0;
  for (size_t i = 0; i < text.size(); ++i) {
    char c = text[i];
    if (c != '.' && c != '!' && c != '?' && c != '\n') continue;
    if (c == '\n') {
      // A line break ends a sentence whatever follows (a list item, a table
      // row); the break itself belongs to neither.
      size_t end = i;
      while (end > start && text[end - 1] == ' ') --end;
      if (end > start) out.push_back({start, end});
      size_t next = i + 1;
      while (next < text.size() && (text[next] == ' ' || text[next] == '\n')) ++next;
      start = next;
      i = next - 1;
      continue;
    }
    // "1. Daftar": a list number, not a sentence.
    if (c == '.' && i > start &&
        std::all_of(text.begin() + start, text.begin() + i, [](char d) { return d >= '0' && d <= '9'; }))
      continue;
    size_t j = i + 1;
    while (j < text.size() && (text[j] == '"' || text[j] == ')')) ++j;
    if (j < text.size() && text[j] != ' ' && text[j] != '\n') continue;  // "3.5", "dll."
    size_t next = j;
    while (next < text.size() && (text[next] == ' ' || text[next] == '\n')) ++next;
    if (next < text.size() && c == '.' && std::islower(static_cast<unsigned char>(text[next]))) continue;
    if (c == '.' && next < text.size() && abbreviation_before(text, i)) continue;
    if (j > start) out.push_back({start, j});
    start = next;
    i = next > 0 ? next - 1 : 0;
  }
  if (start < text.size()) out.push_back({start, text.size()});
  return out;
}

Span best_span(const std::string& passage, const UnitData& unit, const std::vector<QueryTerm>& terms,
               uint32_t cue_bit, bool prefer_first, const Policy& policy) {
  const auto& sentences = unit.sentences;
  if (sentences.empty()) return {0, passage.size()};
  double total = 0;
  for (const auto& t : terms) total += t.weight;

  size_t best = 0;
  double best_score = -1;
  for (size_t i = 0; i < sentences.size(); ++i) {
    double score = 0;
    // The word itself says more than its synonym, as in ranking (answer
    // text over the fifty-five 0.705 → 0.707, the blind nineteen 0.666 →
    // 0.673, synonyms counted whole before).
    for (const auto& t : terms)
      score += match_share(sentences[i].terms, t, policy.synonym_share, policy.thesaurus_share) * t.weight *
               (t.context ? policy.span_context_share : 1.0);
    if (sentences[i].cues & cue_bit) score += policy.span_cue_bonus * total;
    if (prefer_first && i == 0) score += policy.span_first_bonus * total;
    score -= policy.span_order_penalty * static_cast<double>(i);  // earlier sentences state the point
    if (score > best_score) {
      best_score = score;
      best = i;
    }
  }
  Span span{sentences[best].begin, sentences[best].end};
  // An FAQ answer that opens with its answer word ("Bisa.", "Ya.", "Tidak.")
  // keeps it: without it the answer to a yes/no question loses its point.
  const auto& first = sentences[0];
  if (prefer_first && best > 0 && first.end - first.begin <= kAnswerWordBytes &&
      std::count(passage.begin() + first.begin, passage.begin() + first.end, ' ') <= 1)
    span.begin = first.begin;
  // A sentence of ordinary length often only names the topic and the next one
  // carries the detail (the examples, the reason): give both, unless the best
  // one is already long.
  if (span.end - span.begin < policy.span_short_bytes && best + 1 < sentences.size()) span.end = sentences[best + 1].end;
  return span;
}

}  // namespace tanya

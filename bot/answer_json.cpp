#include "bot/answer_json.hpp"

namespace tanya {

nlohmann::json to_json(const Answer& a) {
  using nlohmann::json;
  json sources = json::array();
  for (const auto& s : a.sources) {
    json o = {{"kind", s.kind}, {"article", s.article}, {"section", s.section}, {"text", s.text}, {"score", s.score}};
    if (!s.question.empty()) o["question"] = s.question;
    sources.push_back(std::move(o));
  }
  json corrections = json::array();
  for (const auto& c : a.corrections) corrections.push_back({{"from", c.from}, {"to", c.to}});
  json j = {{"text", a.text},
            {"intent", a.intent},
            {"fallback", a.fallback},
            {"confidence", a.confidence},
            {"sources", std::move(sources)},
            {"suggestions", a.suggestions},
            {"lang", a.lang},
            {"matched", a.matched},
            {"missing", a.missing},
            {"corrections", std::move(corrections)},
            {"followup", a.followup}};
  if (!a.question_type.empty()) j["question_type"] = a.question_type;
  if (a.span_start >= 0) j["span"] = {{"start", a.span_start}, {"end", a.span_end}};
  // Strings from the article are valid UTF-8, but the question's words may not
  // be: replace bad bytes instead of throwing on dump().
  return j;
}

}  // namespace tanya

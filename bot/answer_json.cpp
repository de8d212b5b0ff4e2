#include "bot/answer_json.hpp"

#include "knowledge/base/json_out.hpp"

namespace tanya {

namespace {

void strings(std::string* out, const std::vector<std::string>& list) {
  out->push_back('[');
  for (size_t i = 0; i < list.size(); ++i) {
    if (i) out->push_back(',');
    json_out::string(out, list[i]);
  }
  out->push_back(']');
}

}  // namespace

void append_answer_members(const Answer& a, std::string* out) {
  using namespace json_out;
  // Strings from the article are valid UTF-8, but the question's words may
  // not be: json_out replaces bad bytes instead of failing.
  key(out, "text"), string(out, a.text);
  out->push_back(','), key(out, "intent"), string(out, a.intent);
  out->push_back(','), key(out, "fallback"), out->append(a.fallback ? "true" : "false");
  out->push_back(','), key(out, "confidence"), number(out, a.confidence);
  out->push_back(','), key(out, "sources"), out->push_back('[');
  for (size_t i = 0; i < a.sources.size(); ++i) {
    const Source& s = a.sources[i];
    out->append(i ? ",{" : "{");
    key(out, "kind"), string(out, s.kind);
    out->push_back(','), key(out, "article"), string(out, s.article);
    out->push_back(','), key(out, "section"), string(out, s.section);
    if (!s.question.empty()) out->push_back(','), key(out, "question"), string(out, s.question);
    out->push_back(','), key(out, "text"), string(out, s.text);
    out->push_back(','), key(out, "score"), number(out, s.score);
    out->push_back('}');
  }
  out->push_back(']');
  out->push_back(','), key(out, "suggestions"), strings(out, a.suggestions);
  out->push_back(','), key(out, "lang"), string(out, a.lang);
  if (!a.question_type.empty()) out->push_back(','), key(out, "question_type"), string(out, a.question_type);
  out->push_back(','), key(out, "matched"), strings(out, a.matched);
  out->push_back(','), key(out, "missing"), strings(out, a.missing);
  out->push_back(','), key(out, "corrections"), out->push_back('[');
  for (size_t i = 0; i < a.corrections.size(); ++i) {
    out->append(i ? ",{" : "{");
    key(out, "from"), string(out, a.corrections[i].from);
    out->push_back(','), key(out, "to"), string(out, a.corrections[i].to);
    out->push_back('}');
  }
  out->push_back(']');
  out->push_back(','), key(out, "followup"), out->append(a.followup ? "true" : "false");
  if (a.span_start >= 0) {
    out->push_back(','), key(out, "span"), out->push_back('{');
    key(out, "start"), integer(out, a.span_start);
    out->push_back(','), key(out, "end"), integer(out, a.span_end);
    out->push_back('}');
  }
}

std::string answer_object_json(const Answer& a) {
  std::string out;
  out.reserve(512 + a.text.size() + (a.sources.empty() ? 0 : a.sources[0].text.size()));
  out.push_back('{');
  append_answer_members(a, &out);
  out.push_back('}');
  return out;
}

nlohmann::json to_json(const Answer& a) { return nlohmann::json::parse(answer_object_json(a)); }

}  // namespace tanya

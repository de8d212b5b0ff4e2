#include "knowledge/qa_markers.hpp"

#include <initializer_list>

#include "knowledge/base/strings.hpp"

namespace tanya {

namespace {

// T/J and P/J are Indonesian for Q/A (Tanya/Jawab, Pertanyaan/Jawaban).
bool marker(std::string_view line, std::initializer_list<std::string_view> names, std::string* rest) {
  for (auto n : names) {
    if (starts_with_nocase(line, n)) {
      *rest = std::string(trim(line.substr(n.size())));
      return true;
    }
  }
  return false;
}

}  // namespace

bool question_marker(std::string_view line, std::string* rest) {
  return marker(line, {"Q:", "T:", "P:", "Tanya:", "Pertanyaan:"}, rest);
}

bool emoji_question(std::string_view line, std::string* rest) {
  std::string asked;
  if (marker(line, {"\u2753\uFE0F", "\u2753", "\u2754\uFE0F", "\u2754"}, &asked) && !asked.empty() &&
      asked.back() == '?') {
    *rest = std::move(asked);
    return true;
  }
  return false;
}

bool answer_marker(std::string_view line, std::string* rest) {
  return marker(line, {"A:", "J:", "Jawab:", "Jawaban:"}, rest);
}

}  // namespace tanya

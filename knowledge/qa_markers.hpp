#pragma once
// Question and answer markers ("T: …" / "J: …", "Q:"/"A:", "P:"/"J:",
// "Tanya:"/"Jawab:"), read the same way in a Markdown page and in a
// plain-text article: a marked pair is an FAQ entry. Pure functions.
#include <string>
#include <string_view>

namespace tanya {

// The line opens with a question marker; `rest` is the text after it.
bool question_marker(std::string_view line, std::string* rest);
// The line opens with an answer marker; `rest` is the text after it.
bool answer_marker(std::string_view line, std::string* rest);

}  // namespace tanya

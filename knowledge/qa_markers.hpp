#pragma once
// Question and answer markers ("T: …" / "J: …", "Q:"/"A:", "P:"/"J:",
// "Tanya:"/"Jawab:"), read the same way in a Markdown page and in a
// plain-text article: a marked pair is an FAQ entry. Pure functions.
#include <string>
#include <string_view>

namespace tanya {

// The line opens with a question marker; `rest` is the text after it.
bool question_marker(std::string_view line, std::string* rest);
// A chat announcement's "❓ Boleh bawa bekal?": the emoji marks a question
// only when a question follows it (a heading "❓ FAQ" is none); `rest` is the
// question. Its answer is the next line, bulleted or not ("👉 Boleh, …").
bool emoji_question(std::string_view line, std::string* rest);
// The line opens with an answer marker; `rest` is the text after it.
bool answer_marker(std::string_view line, std::string* rest);

}  // namespace tanya

#include "knowledge/bullets.hpp"

#include "knowledge/base/strings.hpp"
#include "knowledge/base/utf8.hpp"

namespace tanya {

size_t symbol_bullet(std::string_view line) {
  size_t pos = 0, symbols = 0;
  while (pos < line.size()) {
    size_t at = pos;
    const char32_t cp = utf8::next(line, &at);
    if (utf8::pictograph(cp)) {
      ++symbols;
    } else if (!utf8::ignorable(cp)) {
      break;
    }
    pos = at;
  }
  if (symbols == 0 || pos >= line.size() || (line[pos] != ' ' && line[pos] != '\t')) return 0;
  while (pos < line.size() && (line[pos] == ' ' || line[pos] == '\t')) ++pos;
  return pos < line.size() ? pos : 0;
}

std::string_view without_bullet(std::string_view line) {
  for (std::string_view bullet : {"\u2022 ", "\u00b7 ", "\u2013 ", "- ", "* "})
    if (line.size() > bullet.size() && line.substr(0, bullet.size()) == bullet) return trim(line.substr(bullet.size()));
  if (size_t n = symbol_bullet(line)) return trim(line.substr(n));
  return line;
}

namespace {

// The marker a line opens with before a tab, as written ("•", "o", "12.",
// "b)"), and what it reads as; empty when none.
std::string_view word_marker(std::string_view line, std::string* as) {
  const size_t tab = line.find('\t');
  if (tab == std::string_view::npos || tab == 0 || tab > 4) return {};
  const std::string_view mark = line.substr(0, tab);
  if (mark == "o") {
    *as = "\u25e6";  // ◦
  } else if (mark == "\u00a7") {
    *as = "\u25aa";  // ▪
  } else if (mark == "\u2022" || mark == "-" || mark == "*" || mark == "\u00b7" || mark == "\u2013" ||
             symbol_bullet(std::string(mark) + " x") == mark.size() + 1) {
    *as = std::string(mark);
  } else {
    // "1.", "12)", "a.", "b)": a number or one letter, then "." or ")".
    const char end = mark.back();
    const std::string_view body = mark.substr(0, mark.size() - 1);
    bool digits = !body.empty();
    for (char c : body) digits = digits && c >= '0' && c <= '9';
    const bool letter = body.size() == 1 && body[0] >= 'a' && body[0] <= 'z';
    if ((end != '.' && end != ')') || (!digits && !letter)) return {};
    *as = std::string(mark);
  }
  return mark;
}

}  // namespace

std::string_view word_list_marks(std::string_view text, std::string* storage) {
  std::string out;
  bool changed = false;
  size_t pos = 0;
  while (pos < text.size()) {
    size_t nl = text.find('\n', pos);
    if (nl == std::string_view::npos) nl = text.size();
    std::string_view line = text.substr(pos, nl - pos);
    const size_t indent = line.find_first_not_of(" \t");
    std::string as;
    if (indent != std::string_view::npos) {
      const std::string_view mark = word_marker(line.substr(indent), &as);
      if (!mark.empty()) {
        if (!changed) out.assign(text.substr(0, pos));
        changed = true;
        out += as;
        out += ' ';
        out += trim(line.substr(indent + mark.size() + 1));
        line = {};
      }
    }
    if (changed) {
      out += line;
      if (nl < text.size()) out += '\n';
    }
    pos = nl + 1;
  }
  if (!changed) return text;
  *storage = std::move(out);
  return *storage;
}

}  // namespace tanya

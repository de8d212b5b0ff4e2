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

}  // namespace tanya

#include "knowledge/markup.hpp"

#include "knowledge/base/strings.hpp"
#include "knowledge/base/utf8.hpp"

#include <algorithm>
#include <cctype>
#include <cstdlib>
#include <initializer_list>
#include <unordered_set>

namespace tanya {

namespace {

// The elements a page's Markdown may hold inline or as a block line. A list,
// not "any word in angle brackets": school pages write placeholders so
// ("ketik DAFTAR <nama> <NISN>"), and those are text.
const std::unordered_set<std::string> kHtmlElements = {
    "a",      "abbr",    "address", "article", "aside",  "b",      "big",     "blockquote", "br",
    "caption", "center", "cite",    "code",    "col",    "colgroup", "dd",    "del",        "details",
    "div",    "dl",      "dt",      "em",      "figcaption", "figure", "font", "footer",   "h1",
    "h2",     "h3",      "h4",      "h5",      "h6",     "header", "hr",      "i",          "iframe",
    "img",    "ins",     "kbd",     "li",      "main",   "mark",   "nav",     "ol",         "p",
    "picture", "pre",    "q",       "s",       "samp",   "section", "small",  "source",     "span",
    "strike", "strong",  "sub",     "summary", "sup",    "table",  "tbody",   "td",         "tfoot",
    "th",     "thead",   "time",    "tr",      "tt",     "u",      "ul",      "var",        "video", "wbr"};

// Elements that end a line where they stand.
const std::unordered_set<std::string> kBreaking = {"br", "p",  "div", "li", "tr", "h1",      "h2",
                                                   "h3", "h4", "h5",  "h6", "hr", "details", "summary"};

// The named entities pages use; others stay as written.
struct Entity {
  std::string_view name;
  std::string_view text;
};
constexpr Entity kEntities[] = {{"amp", "&"},      {"lt", "<"},       {"gt", ">"},       {"quot", "\""},
                                {"apos", "'"},     {"nbsp", " "},     {"ndash", "\u2013"}, {"mdash", "\u2014"},
                                {"hellip", "\u2026"}, {"laquo", "\u00ab"}, {"raquo", "\u00bb"}, {"deg", "\u00b0"},
                                {"times", "\u00d7"}, {"copy", "\u00a9"}, {"rsquo", "\u2019"}, {"lsquo", "\u2018"},
                                {"rdquo", "\u201d"}, {"ldquo", "\u201c"}};
// The longest entity name read ("&hellip;"), and a numeric one's digits.
constexpr size_t kMaxEntity = 10;
// The longest tag read as one: an attribute list longer than this is no tag a
// page writes inline.
constexpr size_t kMaxTag = 300;

// The tag at s[i] == '<': its length and element name (lowercase), or 0.
size_t tag_at(std::string_view s, size_t i, std::string* element) {
  size_t j = i + 1;
  if (j < s.size() && s[j] == '/') ++j;
  const size_t name_start = j;
  while (j < s.size() && std::isalnum(static_cast<unsigned char>(s[j]))) ++j;
  if (j == name_start || !std::isalpha(static_cast<unsigned char>(s[name_start]))) return 0;
  std::string name;
  for (size_t k = name_start; k < j; ++k) name.push_back(static_cast<char>(std::tolower(static_cast<unsigned char>(s[k]))));
  if (!kHtmlElements.count(name)) return 0;
  // The name ends the tag, or attributes follow after a space or "/".
  if (j >= s.size() || (s[j] != '>' && s[j] != '/' && s[j] != ' ' && s[j] != '\t')) return 0;
  const size_t close = s.find('>', j);
  if (close == std::string_view::npos || close - i > kMaxTag) return 0;
  const std::string_view inside = s.substr(j, close - j);
  if (inside.find('<') != std::string_view::npos || inside.find('\n') != std::string_view::npos) return 0;
  *element = std::move(name);
  return close - i + 1;
}

// The entity at s[i] == '&': its length and text, or 0.
size_t entity_at(std::string_view s, size_t i, std::string* text) {
  const size_t semi = s.find(';', i + 1);
  if (semi == std::string_view::npos || semi - i - 1 > kMaxEntity || semi == i + 1) return 0;
  const std::string_view name = s.substr(i + 1, semi - i - 1);
  if (name[0] == '#') {
    const bool hex = name.size() > 1 && (name[1] == 'x' || name[1] == 'X');
    const std::string digits(name.substr(hex ? 2 : 1));
    if (digits.empty() || !std::all_of(digits.begin(), digits.end(), [&](char c) {
          return hex ? std::isxdigit(static_cast<unsigned char>(c)) != 0 : std::isdigit(static_cast<unsigned char>(c)) != 0;
        }))
      return 0;
    const unsigned long cp = std::strtoul(digits.c_str(), nullptr, hex ? 16 : 10);
    if (cp == 0 || cp > 0x10FFFF || (cp >= 0xD800 && cp <= 0xDFFF)) return 0;
    text->clear();
    if (cp == 0xA0)
      text->push_back(' ');
    else
      utf8::append(text, static_cast<char32_t>(cp));
    return semi - i + 1;
  }
  for (const auto& e : kEntities)
    if (e.name == name) {
      *text = e.text;
      return semi - i + 1;
    }
  return 0;
}

// The line `text[pos…]` up to its end, and where the next one starts.
std::string_view line_at(std::string_view text, size_t pos, size_t* next) {
  size_t nl = text.find('\n', pos);
  if (nl == std::string_view::npos) nl = text.size();
  *next = nl + 1;
  return text.substr(pos, nl - pos);
}

// `line` is "key: value" or "key = value" for `key`: the value, unquoted.
bool front_matter_value(std::string_view line, std::string_view key, std::string* value) {
  line = trim(line);
  if (!starts_with_nocase(line, key)) return false;
  std::string_view rest = trim(line.substr(key.size()));
  if (rest.empty() || (rest[0] != ':' && rest[0] != '=')) return false;
  rest = trim(rest.substr(1));
  if (rest.size() >= 2 && (rest.front() == '"' || rest.front() == '\'') && rest.back() == rest.front())
    rest = rest.substr(1, rest.size() - 2);
  *value = std::string(trim(rest));
  return true;
}

// Every character of text[from, to) but line ends made a space.
void blank(std::string* text, size_t from, size_t to) {
  for (size_t i = from; i < to && i < text->size(); ++i)
    if ((*text)[i] != '\n' && (*text)[i] != '\r') (*text)[i] = ' ';
}

}  // namespace

std::string markdown_source(std::string_view text, std::string* title) {
  std::string out(text);
  if (title) title->clear();
  // Front matter: a "---" or "+++" line opening the file (after a byte order
  // mark), closed by the same line ("..." also closes YAML).
  size_t start = out.compare(0, 3, "\xEF\xBB\xBF") == 0 ? 3 : 0;
  size_t next = 0;
  const std::string_view first = trim(line_at(out, start, &next));
  if (first == "---" || first == "+++") {
    std::string found_title;
    for (size_t pos = next; pos < out.size();) {
      size_t after = 0;
      const std::string_view line = line_at(out, pos, &after);
      const std::string_view t = trim(line);
      if (t == first || (first == "---" && t == "...")) {
        if (title) *title = found_title;
        blank(&out, start, std::min(after, out.size()));
        break;
      }
      if (found_title.empty()) front_matter_value(line, "title", &found_title);
      pos = after;
    }
  }
  // Comments, on one line or over several.
  for (size_t open = out.find("<!--"); open != std::string::npos; open = out.find("<!--", open)) {
    const size_t close = out.find("-->", open + 4);
    if (close == std::string::npos) break;
    blank(&out, open, close + 3);
    open = close + 3;
  }
  return out;
}

std::string strip_html(std::string_view s, bool line_breaks) {
  if (s.find('<') == std::string_view::npos && s.find('&') == std::string_view::npos) return std::string(s);
  std::string out;
  out.reserve(s.size());
  bool removed = false;
  for (size_t i = 0; i < s.size();) {
    if (s[i] == '<') {
      std::string element;
      if (size_t n = tag_at(s, i, &element)) {
        // An inline element stands inside the text ("CO<sub>2</sub>" is
        // CO2); one that breaks the line leaves a line end or a space, a
        // table cell a space.
        if (kBreaking.count(element) || element == "td" || element == "th") {
          const char gap = line_breaks && kBreaking.count(element) ? '\n' : ' ';
          if (!out.empty() && out.back() != gap) out.push_back(gap);
        }
        removed = true;
        i += n;
        continue;
      }
    } else if (s[i] == '&') {
      std::string text;
      if (size_t n = entity_at(s, i, &text)) {
        out += text;
        i += n;
        continue;
      }
    }
    out.push_back(s[i++]);
  }
  if (!removed) return out;
  // Where a tag stood: one space, none before a mark or a line end.
  std::string tidy;
  tidy.reserve(out.size());
  for (size_t i = 0; i < out.size(); ++i) {
    const char c = out[i];
    if (c == ' ' && (tidy.empty() || tidy.back() == ' ' || tidy.back() == '\n')) continue;
    if ((c == '\n' || c == '.' || c == ',' || c == ';' || c == ':' || c == '?' || c == '!') && !tidy.empty() &&
        tidy.back() == ' ')
      tidy.pop_back();
    tidy.push_back(c);
  }
  return std::string(trim(tidy));
}

std::vector<std::vector<std::string>> html_table_rows(std::string_view html) {
  // Tags are found in a lowercase copy: ASCII lowering keeps every offset.
  std::string lower(html);
  for (char& c : lower) c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
  auto opens = [&](size_t pos, std::string_view tag) {
    // "<td>" or "<td class=…>", not "<tdx>".
    return lower.compare(pos, tag.size(), tag) == 0 && pos + tag.size() < lower.size() &&
           (lower[pos + tag.size()] == '>' || lower[pos + tag.size()] == ' ' || lower[pos + tag.size()] == '\t' ||
            lower[pos + tag.size()] == '\n');
  };
  auto next_tag = [&](size_t from, std::initializer_list<std::string_view> tags) {
    for (size_t pos = lower.find('<', from); pos != std::string::npos; pos = lower.find('<', pos + 1))
      for (std::string_view t : tags)
        if (opens(pos, t) || lower.compare(pos, t.size() + 2, "</" + std::string(t.substr(1)) + ">") == 0) return pos;
    return lower.size();
  };
  std::vector<std::vector<std::string>> rows;
  // Found once: a search per row would make a long table quadratic.
  const size_t table_end = lower.find("</table>");
  for (size_t tr = next_tag(0, {"<tr"}); tr < std::min(lower.size(), table_end); tr = next_tag(tr + 1, {"<tr"})) {
    if (!opens(tr, "<tr")) continue;  // a "</tr>"
    const size_t row_end = std::min(next_tag(tr + 1, {"<tr", "<table"}), table_end);
    std::vector<std::string> cells;
    for (size_t cell = next_tag(tr, {"<td", "<th"}); cell < row_end; cell = next_tag(cell + 1, {"<td", "<th"})) {
      if (!opens(cell, "<td") && !opens(cell, "<th")) continue;  // a closing tag
      const size_t content = lower.find('>', cell);
      if (content == std::string::npos || content >= row_end) break;
      const size_t end = std::min(next_tag(content + 1, {"<td", "<th", "<tr"}), row_end);
      cells.push_back(std::string(trim(strip_html(html.substr(content + 1, end - content - 1)))));
    }
    if (!cells.empty()) rows.push_back(std::move(cells));
  }
  return rows;
}

}  // namespace tanya

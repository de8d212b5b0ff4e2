#include "knowledge/web_page.hpp"

#include "knowledge/base/strings.hpp"
#include "knowledge/markup.hpp"

#include <algorithm>
#include <cctype>
#include <string>
#include <utility>

namespace tanya {

namespace {

// The content of the first <tag …>…</tag> in `html` (`lower` its lowercase
// copy), or npos bounds when there is none.
std::pair<size_t, size_t> element_content(const std::string& lower, std::string_view tag) {
  const std::string open = "<" + std::string(tag);
  for (size_t at = lower.find(open); at != std::string::npos; at = lower.find(open, at + 1)) {
    const size_t after = at + open.size();
    if (after < lower.size() && lower[after] != '>' && lower[after] != ' ' && lower[after] != '\n' && lower[after] != '\t')
      continue;  // "<articles>", "<mainmenu>"
    const size_t begin = lower.find('>', at);
    if (begin == std::string::npos) break;
    const size_t end = lower.find("</" + std::string(tag), begin);
    return {begin + 1, end == std::string::npos ? lower.size() : end};
  }
  return {std::string::npos, std::string::npos};
}

// Elements whose content is no article text.
constexpr std::string_view kDropped[] = {"script", "style", "noscript", "nav", "header", "footer",
                                         "aside",  "form",  "template", "svg", "head", "button", "select"};

}  // namespace

std::string html_to_markdown(std::string_view page) {
  std::string html(page);
  std::string lower(html);
  for (char& c : lower) c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
  std::string title;
  if (auto [b, e] = element_content(lower, "title"); b != std::string::npos)
    title = std::string(trim(strip_html(html.substr(b, e - b))));
  // The article itself, when the page marks it.
  for (std::string_view part : {"article", "main", "body"}) {
    auto [b, e] = element_content(lower, part);
    if (b == std::string::npos) continue;
    html = html.substr(b, e - b);
    lower = lower.substr(b, e - b);
    break;
  }
  // Comments and what is no article text, blanked out.
  auto blank_range = [&](size_t from, size_t to) {
    to = std::min(to, html.size());
    for (size_t i = from; i < to; ++i) html[i] = lower[i] = ' ';
  };
  for (size_t at = lower.find("<!--"); at != std::string::npos; at = lower.find("<!--", at)) {
    const size_t end = lower.find("-->", at + 4);
    blank_range(at, end == std::string::npos ? lower.size() : end + 3);
  }
  for (std::string_view tag : kDropped) {
    const std::string open = "<" + std::string(tag), close = "</" + std::string(tag) + ">";
    for (size_t at = lower.find(open); at != std::string::npos; at = lower.find(open, at + 1)) {
      const size_t after = at + open.size();
      if (after < lower.size() && lower[after] != '>' && lower[after] != ' ' && lower[after] != '\n' &&
          lower[after] != '\t' && lower[after] != '/')
        continue;
      const size_t end = lower.find(close, after);
      blank_range(at, end == std::string::npos ? lower.size() : end + close.size());
    }
  }
  std::string out;
  auto block = [&] {
    while (!out.empty() && out.back() == ' ') out.pop_back();
    if (!out.empty() && out.back() != '\n') out += '\n';
    if (out.size() >= 2 && out[out.size() - 2] != '\n') out += '\n';
  };
  // A line's end; `again`: even right after one ("<br><br>" parts paragraphs,
  // "</li><li>" does not).
  auto line_end = [&](bool again) {
    while (!out.empty() && out.back() == ' ') out.pop_back();
    if (again || (!out.empty() && out.back() != '\n')) out += '\n';
  };
  bool has_h1 = false;
  for (size_t i = 0; i < html.size();) {
    const char c = html[i];
    if (c == '<') {
      // A table stays HTML, on a line of its own.
      if (lower.compare(i, 6, "<table") == 0) {
        size_t end = lower.find("</table>", i);
        end = end == std::string::npos ? html.size() : end + 8;
        block();
        for (size_t k = i; k < end; ++k) out += (html[k] == '\n' || html[k] == '\r' || html[k] == '\t') ? ' ' : html[k];
        block();
        i = end;
        continue;
      }
      const size_t close = html.find('>', i);
      if (close == std::string::npos) {
        out += c;
        ++i;
        continue;
      }
      std::string_view tag = std::string_view(lower).substr(i + 1, close - i - 1);
      const bool closing = !tag.empty() && tag[0] == '/';
      if (closing) tag.remove_prefix(1);
      const size_t name_end = tag.find_first_of(" \t\n/");
      const std::string_view name = tag.substr(0, name_end);
      if (name.size() == 2 && name[0] == 'h' && name[1] >= '1' && name[1] <= '6') {
        block();
        if (!closing) {
          out += std::string(static_cast<size_t>(name[1] - '0'), '#') + " ";
          has_h1 = has_h1 || name[1] == '1';
        }
      } else if (name == "p" || name == "div" || name == "section" || name == "blockquote" || name == "ul" ||
                 name == "ol" || name == "dl" || name == "figure" || name == "figcaption" || name == "dt" ||
                 name == "details" || name == "summary" || name == "pre" || name == "article" || name == "main") {
        block();
      } else if (name == "li") {
        line_end(false);
        if (!closing) out += "- ";
      } else if (name == "br") {
        line_end(true);
      } else if (name == "dd" || name == "tr") {
        line_end(false);
      } else if (name == "hr") {
        block();
      }
      // Any other tag is inline markup (in a page, a word in angle brackets
      // is written "&lt;nama&gt;"): nothing of the text.
      i = close + 1;
      continue;
    }
    // Text: the page's line breaks and indentation are spaces.
    const bool space = c == '\n' || c == '\r' || c == '\t' || c == ' ';
    if (space) {
      if (!out.empty() && out.back() != ' ' && out.back() != '\n') out += ' ';
    } else {
      out += c;
    }
    ++i;
  }
  if (!has_h1 && !title.empty()) out = "# " + title + "\n\n" + out;
  return out;
}

}  // namespace tanya

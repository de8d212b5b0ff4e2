#include "knowledge/importers.hpp"
#include "knowledge/base/strings.hpp"
#include "knowledge/bullets.hpp"
#include "knowledge/markup.hpp"
#include "knowledge/qa_markers.hpp"
#include "knowledge/table_rows.hpp"
#include "knowledge/wrapped_lines.hpp"

#include <algorithm>
#include <cctype>
#include <map>
#include <vector>

namespace tanya {

namespace {

std::vector<std::string_view> lines_of(std::string_view text) {
  std::vector<std::string_view> out;
  size_t pos = 0;
  while (pos <= text.size()) {
    size_t nl = text.find('\n', pos);
    if (nl == std::string_view::npos) nl = text.size();
    out.push_back(text.substr(pos, nl - pos));
    pos = nl + 1;
  }
  return out;
}

// "- item", "* item", "+ item", "1. item", "1) item": the item's text. A
// marker needs the space after it, so "**Istilah** — …" is no list item.
// A bullet pasted from a word processor ("• item", "● item", "– item") marks
// one too (knowledge/bullets.hpp).
bool list_item(std::string_view line, std::string_view* rest) {
  if (const std::string_view item = without_bullet(line); item.size() != line.size() && line[0] != '-' && line[0] != '*') {
    *rest = item;
    return !rest->empty();
  }
  size_t i = 0;
  if (line.size() >= 2 && (line[0] == '-' || line[0] == '*' || line[0] == '+')) {
    i = 1;
  } else {
    while (i < line.size() && i < 3 && std::isdigit(static_cast<unsigned char>(line[i]))) ++i;
    if (i == 0 || i >= line.size() || (line[i] != '.' && line[i] != ')')) return false;
    ++i;
  }
  if (i >= line.size() || line[i] != ' ') return false;
  *rest = trim(line.substr(i));
  return !rest->empty();
}

// "---", "***", "___": a thematic break ends a paragraph and holds no text.
bool thematic_break(std::string_view line) {
  size_t marks = 0;
  for (char c : line) {
    if (c == '-' || c == '*' || c == '_')
      ++marks;
    else if (c != ' ')
      return false;
  }
  return marks >= 3;
}

// A line that only opens or closes a block of a site generator's Markdown:
// a code fence ("```", "~~~"), a Docusaurus admonition (":::tip Info",
// ":::"), an MkDocs one ('!!! note "Catatan"', "??? info"). Its content
// reads as any text; the marker line, its type and title are no passage.
bool block_marker(std::string_view line) {
  for (std::string_view mark : {"```", "~~~", ":::", "!!! ", "??? ", "???+ "})
    if (line.substr(0, mark.size()) == mark) return true;
  return line == "!!!" || line == "???";
}

// "[ref]: https://…" defines a link's target and shows nothing; "[^1]: …"
// is a footnote, its text shown at the page's foot: true for either, with
// `footnote` the footnote's text (empty for a link's target).
bool reference_definition(std::string_view line, std::string_view* footnote) {
  if (line.size() < 4 || line[0] != '[') return false;
  const size_t close = line.find("]:");
  if (close == std::string_view::npos || close < 2 || line.substr(1, close - 1).find(']') != std::string_view::npos)
    return false;
  const std::string_view rest = trim(line.substr(close + 2));
  if (line[1] == '^') {
    *footnote = rest;
    return true;
  }
  *footnote = {};
  // A target is one word (the URL), maybe with a title quoted after it;
  // "[Catatan]: siswa wajib hadir" is text.
  if (rest.empty()) return false;
  const size_t space = rest.find(' ');
  if (space == std::string_view::npos) return true;
  const std::string_view title = trim(rest.substr(space));
  const char q = title.front();
  return title.size() >= 2 && (q == '"' || q == '\'' || q == '(') && title.back() == (q == '(' ? ')' : q);
}

// One row of a tab-separated file: its fields, trimmed, and the line it starts on.
struct TsvRow {
  std::vector<std::string> fields;
  size_t line = 1;
};

bool blank_row(const TsvRow& row) {
  return std::all_of(row.fields.begin(), row.fields.end(), [](const std::string& f) { return f.empty(); });
}

// The rows of a tab-separated file. A field that opens with '"' and whose
// closing quote ends it (a tab or the line's end follows) is quoted as a
// spreadsheet saves a cell holding a line break, a tab or a quote: those are
// text in it, and "" is one quote. Any other field is read as written, so an
// answer that merely starts with a quotation ("Sumpah Pemuda" adalah …) stays.
std::vector<TsvRow> tsv_rows(std::string_view text) {
  std::vector<TsvRow> rows;
  size_t line = 1, i = 0;
  while (i < text.size()) {
    TsvRow row;
    row.line = line;
    for (;;) {
      std::string field;
      bool quoted = false;
      if (text[i] == '"') {
        std::string inside;
        size_t j = i + 1, breaks = 0;
        bool closed = false;
        for (; j < text.size(); ++j) {
          if (text[j] == '"') {
            if (j + 1 < text.size() && text[j + 1] == '"') {
              inside.push_back('"');
              ++j;
              continue;
            }
            closed = true;
            break;
          }
          breaks += text[j] == '\n';
          if (text[j] != '\r') inside.push_back(text[j]);
        }
        size_t after = j + 1;
        while (closed && after < text.size() && (text[after] == ' ' || text[after] == '\r')) ++after;
        if (closed && (after >= text.size() || text[after] == '\t' || text[after] == '\n')) {
          field = std::move(inside);
          line += breaks;
          i = after;
          quoted = true;
        }
      }
      if (!quoted) {
        size_t end = i;
        while (end < text.size() && text[end] != '\t' && text[end] != '\n') ++end;
        field = std::string(text.substr(i, end - i));
        i = end;
      }
      row.fields.emplace_back(trim(field));
      if (i < text.size() && text[i] == '\t') {
        ++i;
        if (i < text.size()) continue;
        row.fields.emplace_back();  // a tab ends the file: one empty field more
      }
      break;
    }
    if (i < text.size() && text[i] == '\n') ++i, ++line;
    rows.push_back(std::move(row));
  }
  return rows;
}

// A heading's words: without the closing "#"s ("## Jam Buka ##"), a symbol
// before them ("## 📌 Harga") or a section number ("## 2.1 Aturan"), which
// a question about it never says.
std::string heading_text(std::string_view heading) {
  std::string_view h = trim(heading);
  const size_t hashes = h.find_last_not_of('#');
  if (hashes != std::string_view::npos && hashes + 1 < h.size() && (h[hashes] == ' ' || h[hashes] == '\t'))
    h = trim(h.substr(0, hashes));
  if (const size_t n = symbol_bullet(h)) h = trim(h.substr(n));
  size_t i = 0;
  while (i < h.size() && ((h[i] >= '0' && h[i] <= '9') || (i > 0 && h[i] == '.'))) ++i;
  // A number with a dot ("1.", "2.1"; Indonesian writes a decimal with a
  // comma) or a bracket ("3)"); "2024 dalam Angka" keeps its year.
  const bool dotted = h.substr(0, i).find('.') != std::string_view::npos;
  if (i > 0 && i < h.size() && ((h[i] == ' ' && dotted) || (h[i] == ')' && i + 1 < h.size() && h[i + 1] == ' '))) {
    const std::string_view rest = trim(h.substr(h[i] == ')' ? i + 1 : i));
    if (!rest.empty()) h = rest;
  }
  return strip_inline(h);
}

// A table's one row as a sentence: its cells joined.
std::string join_cells(const std::vector<std::string>& cells) {
  std::string out;
  for (const auto& c : cells)
    if (!c.empty()) out += (out.empty() ? "" : "; ") + strip_inline(c);
  return out;
}

// Each line of `text` without its inline marks (strip_inline).
std::string inline_lines(std::string_view text) {
  std::string out;
  for (std::string_view line : lines_of(text)) {
    if (!out.empty()) out.push_back('\n');
    out += strip_inline(line);
  }
  return out;
}

Error line_error(const std::string& name, size_t line, const std::string& what) {
  return make_error("parse", name + ":" + std::to_string(line) + ": " + what);
}

}  // namespace

Result<Article> parse_markdown(std::string_view page, std::string name) {
  // Front matter and comments are no passages (knowledge/markup.hpp).
  std::string front_title;
  const std::string source = markdown_source(page, &front_title);
  const std::string_view text = source;
  Article a;
  a.name = name;
  a.sections.push_back("Pendahuluan");
  int section = 0;
  std::string paragraph;
  std::string pending_question;
  size_t pending_line = 0;
  // A question written as a heading ("### Apakah kopi aman?") is answered by
  // everything up to the next heading, not only the first paragraph.
  bool question_heading = false;
  bool answer_open = false;
  // The section headings open at each level ("#" … "######"; the title's
  // "#" is none): the titles a deeper heading stands under.
  constexpr size_t kHeadingLevels = 7;
  std::vector<std::string> open_headings(kHeadingLevels);
  auto add = [&](UnitKind kind, std::string question, std::string body) {
    a.add(kind, section, std::move(question), std::move(body));
  };
  auto flush = [&] {
    std::string p(trim(paragraph));
    paragraph.clear();
    if (p.empty()) return;
    if (!pending_question.empty()) {
      add(UnitKind::faq, pending_question, p);
      pending_question.clear();
      answer_open = question_heading;
    } else if (answer_open) {
      a.units.back().text += "\n\n" + p;
    } else {
      add(UnitKind::paragraph, "", p);
    }
  };

  const WrappedLines wrapped(text);
  auto lines = lines_of(text);
  for (size_t i = 0; i < lines.size(); ++i) {
    std::string_view line = trim(lines[i]);
    size_t number = i + 1;
    std::string rest;
    std::string_view item;
    if (line.empty() || thematic_break(line) || block_marker(line)) {
      flush();
      continue;
    }
    // A setext heading: a line of its own underlined by "===" (a title) or
    // "---" (a section).
    std::string_view under = i + 1 < lines.size() ? trim(lines[i + 1]) : std::string_view{};
    const bool setext = paragraph.empty() && line[0] != '#' && line[0] != '|' && under.size() >= 3 &&
                        under.find_first_not_of(under[0]) == std::string_view::npos &&
                        (under[0] == '=' || under[0] == '-');
    if (line[0] == '#' || setext) {
      flush();
      answer_open = false;
      size_t level = setext ? (under[0] == '=' ? 1 : 2) : line.find_first_not_of('#');
      std::string title = heading_text(setext ? line : line.substr(level == std::string_view::npos ? line.size() : level));
      if (setext) ++i;
      // A heading question left without an answer was a section title after all.
      if (question_heading && !pending_question.empty()) {
        a.sections.push_back(pending_question);
        section = static_cast<int>(a.sections.size()) - 1;
        pending_question.clear();
      }
      question_heading = false;
      if (level == 1 && a.title.empty()) {
        a.title = title;
      } else if (level > 1 && !title.empty() && title.back() == '?' && pending_question.empty()) {
        pending_question = title;  // an FAQ entry under its section
        pending_line = number;
        question_heading = true;
      } else if (!title.empty()) {
        a.sections.push_back(title);
        section = static_cast<int>(a.sections.size()) - 1;
        // The headings above this one ("## Program Duta" over "### Anggota
        // dan Jadwal"): its passages are about them too.
        if (level < kHeadingLevels) {
          std::string parents;
          for (size_t k = 1; k < level; ++k)
            if (!open_headings[k].empty()) parents += (parents.empty() ? "" : " ") + open_headings[k];
          if (!parents.empty()) a.set_parents(section, std::move(parents));
          open_headings[level] = title;
          for (size_t k = level + 1; k < kHeadingLevels; ++k) open_headings[k].clear();
        }
      }
      continue;
    }
    // An HTML table, as a CMS export keeps one: up to its closing tag, rows
    // keyed by their first cell like any table (knowledge/markup.hpp).
    if (starts_with_nocase(line, "<table")) {
      flush();
      answer_open = false;
      std::string html;
      for (; i < lines.size(); ++i) {
        html += lines[i];
        html += '\n';
        if (lines[i].find("</table>") != std::string_view::npos || lines[i].find("</TABLE>") != std::string_view::npos) break;
      }
      auto rows = html_table_rows(html);
      if (rows.size() == 1) add(UnitKind::paragraph, "", join_cells(rows[0]));
      for (size_t r = 1; r < rows.size(); ++r) {
        for (auto& cell : rows[r]) cell = strip_inline(cell);
        const std::string row = table_row_text(rows[0], rows[r]);
        if (!row.empty()) add(UnitKind::table_row, rows[r][0], row);
      }
      continue;
    }
    // GitHub's tables may leave out the outer pipes ("Menu | Harga" over
    // "--- | ---"): a line with a pipe over a separator row with one.
    const std::string_view under_row = i + 1 < lines.size() ? trim(lines[i + 1]) : std::string_view{};
    const bool bare_table = line[0] != '|' && line.find('|') != std::string_view::npos &&
                            under_row.find('|') != std::string_view::npos && separator_row(under_row);
    // Cells pasted from a spreadsheet: tab-separated lines of as many cells,
    // the first the header, with no separator row.
    const bool tab_table = line.find('|') == std::string_view::npos && line.find('\t') != std::string_view::npos &&
                           under_row.find('\t') != std::string_view::npos && table_cells(line).size() >= 2 &&
                           table_cells(under_row).size() <= table_cells(line).size();
    if (line[0] == '|' || bare_table || tab_table) {
      flush();
      answer_open = false;
      // A table: header row, separator row, then rows whose first cell is the key.
      if (!tab_table && (i + 1 >= lines.size() || !separator_row(trim(lines[i + 1]))))
        return line_error(name, number, "a table needs a separator row (|---|) under its header");
      auto header = table_cells(line);
      const bool numbered = numbering_column(header);
      const std::vector<std::string> shifted = numbered ? std::vector<std::string>(header.begin() + 1, header.end()) : header;
      i += tab_table ? 1 : 2;
      auto table_line = [&](std::string_view l) {
        l = trim(l);
        return !l.empty() && (l[0] == '|' || (bare_table && l.find('|') != std::string_view::npos) ||
                              (tab_table && l.find('\t') != std::string_view::npos));
      };
      for (; i < lines.size() && table_line(lines[i]); ++i) {
        auto cells = table_cells(trim(lines[i]));
        // A spreadsheet row's empty last cells leave no tab at the line's end.
        if (tab_table && cells.size() < header.size()) cells.resize(header.size());
        if (cells.size() != header.size())
          return line_error(name, i + 1, "table row has " + std::to_string(cells.size()) + " cells, header has " +
                                              std::to_string(header.size()));
        const bool dropped = numbered && drop_row_number(&cells);
        std::string row = table_row_text(dropped ? shifted : header, cells);
        if (!row.empty()) add(UnitKind::table_row, cells[0], row);
      }
      --i;
      continue;
    }
    // Markers may be bold ("**T:** …"); T/J and P/J are Indonesian for Q/A.
    const std::string unmarked = strip_inline(line);
    if (question_marker(unmarked, &rest)) {
      flush();
      if (!pending_question.empty()) return line_error(name, pending_line, "question without an answer");
      pending_question = strip_inline(rest);
      pending_line = number;
      question_heading = answer_open = false;
      continue;
    }
    if (answer_marker(unmarked, &rest)) {
      if (pending_question.empty()) return line_error(name, number, "answer without a question");
      paragraph = rest;
      continue;
    }
    if (line[0] == '>') line = trim(line.substr(1));  // a quoted block reads as its text
    if (std::string_view footnote; reference_definition(line, &footnote)) {
      if (footnote.empty()) continue;
      line = footnote;  // a footnote's text reads where it is written
    }
    const bool is_item = list_item(line, &item);
    std::string plain = is_item ? strip_inline(item) : strip_inline(line);
    if (paragraph.empty() && pending_question.empty() && !plain.empty() && plain.back() == '?') {
      pending_question = plain;  // a question line; its answer is the next paragraph
      pending_line = number;
      question_heading = answer_open = false;
      continue;
    }
    // A list's items stay one passage, each on a line of its own: a line
    // ends a sentence of the answer span (bot/compose.hpp), so an item is
    // shown alone, and "yang kedua?" finds the second.
    if (is_item && !paragraph.empty()) {
      paragraph.push_back('\n');
      paragraph += plain;
    } else {
      wrapped.append(&paragraph, plain);
    }
  }
  flush();
  if (!pending_question.empty()) return line_error(name, pending_line, "question without an answer");
  if (a.title.empty()) a.title = front_title.empty() ? name : front_title;
  if (a.units.empty()) return line_error(name, 1, "no passages found");
  return a;
}

Result<Article> parse_qna_tsv(std::string_view text, std::string name) {
  const std::vector<TsvRow> rows = tsv_rows(text);
  if (rows.empty() || rows[0].line != 1 || blank_row(rows[0])) return line_error(name, 1, "missing header row");
  std::vector<std::string> header = rows[0].fields;
  std::map<std::string, size_t> col;
  // A spreadsheet an owner made names the columns in Indonesian.
  const std::map<std::string, std::string> kColumnNames = {
      {"pertanyaan", "question"}, {"tanya", "question"}, {"jawaban", "answer"}, {"jawab", "answer"},
      {"sumber", "source"},       {"q", "question"},     {"a", "answer"}};
  for (size_t i = 0; i < header.size(); ++i) {
    std::string h;
    for (char c : header[i]) h.push_back(static_cast<char>(std::tolower(static_cast<unsigned char>(c))));
    if (auto named = kColumnNames.find(h); named != kColumnNames.end()) h = named->second;
    if (!col.count(h)) col[h] = i;
  }
  // No header at all, its first row already a question and its answer
  // ("Jam buka perpustakaan?<TAB>Pukul 07.00 …"): read from that row.
  size_t first_row = 1;
  if ((!col.count("question") || !col.count("answer")) && header.size() >= 2 && !header[0].empty() &&
      header[0].back() == '?' && !header[1].empty()) {
    col = {{"question", 0}, {"answer", 1}};
    header = {"Question", "Answer"};
    first_row = 0;
  }
  if (!col.count("question") || !col.count("answer"))
    return line_error(name, 1, "the header must name the Question and Answer columns (or Pertanyaan and Jawaban)");
  auto unescape = [](const std::string& s) {
    std::string out;
    for (size_t i = 0; i < s.size(); ++i) {
      if (s[i] == '\\' && i + 1 < s.size() && s[i + 1] == 'n') {
        out.push_back('\n');
        ++i;
      } else {
        out.push_back(s[i]);
      }
    }
    return out;
  };

  Article a;
  a.name = name;
  a.title = name;
  std::map<std::string, size_t> section_of;
  std::map<std::string, size_t> entry_of;  // QnaId or answer → unit index
  for (size_t r = first_row; r < rows.size(); ++r) {
    if (blank_row(rows[r])) continue;
    const std::vector<std::string>& f = rows[r].fields;
    const size_t line = rows[r].line;
    size_t needed = std::max(col["question"], col["answer"]) + 1;
    if (f.size() < needed)
      return line_error(name, line, "expected " + std::to_string(header.size()) + " tab-separated fields");
    // An export keeps the editor's Markdown and HTML ("**Jam buka:**",
    // "<br>", "&amp;"): the text a visitor reads, line by line.
    std::string question = strip_inline(unescape(f[col["question"]])),
                answer = inline_lines(strip_html(unescape(f[col["answer"]]), true));
    if (question.empty() || answer.empty()) return line_error(name, line, "empty question or answer");
    std::string source = col.count("source") && col["source"] < f.size() ? f[col["source"]] : "";
    if (source.empty()) source = "FAQ";
    std::string key = col.count("qnaid") && col["qnaid"] < f.size() && !f[col["qnaid"]].empty()
                          ? "id:" + f[col["qnaid"]]
                          : "answer:" + answer;
    auto existing = entry_of.find(key);
    if (existing != entry_of.end()) {
      a.units[existing->second].alternates.push_back(question);
      continue;
    }
    auto sec = section_of.find(source);
    if (sec == section_of.end()) {
      a.sections.push_back(source);
      sec = section_of.emplace(source, a.sections.size() - 1).first;
    }
    entry_of[key] = a.units.size();
    a.add(UnitKind::faq, static_cast<int>(sec->second), question, answer);
  }
  if (a.units.empty()) return line_error(name, 2, "no question and answer rows");
  return a;
}

}  // namespace tanya

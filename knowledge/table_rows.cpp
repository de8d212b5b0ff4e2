#include "knowledge/table_rows.hpp"

#include "knowledge/base/strings.hpp"
#include "knowledge/markup.hpp"

#include <cctype>

namespace tanya {

std::string strip_inline(std::string_view line) {
  const std::string html_free = strip_html(line);
  const std::string_view s = html_free;
  std::string out;
  for (size_t i = 0; i < s.size(); ++i) {
    const char c = s[i];
    // A link keeps its text, an image nothing: "[teks](url)", "![alt](url)",
    // and by reference "[teks][ref]", "[teks][]"; a footnote's mark "[^1]"
    // is no word.
    if (c == '[' || (c == '!' && i + 1 < s.size() && s[i + 1] == '[')) {
      const size_t open = c == '[' ? i : i + 1;
      const size_t close = s.find(']', open);
      if (close != std::string_view::npos && c == '[' && open + 1 < close && s[open + 1] == '^' &&
          s.substr(open, close - open).find(' ') == std::string_view::npos) {
        i = close;
        continue;
      }
      if (close != std::string_view::npos && close + 1 < s.size() && (s[close + 1] == '(' || s[close + 1] == '[')) {
        const size_t end = s.find(s[close + 1] == '(' ? ')' : ']', close + 1);
        if (end != std::string_view::npos) {
          if (c == '[') out += strip_inline(s.substr(open + 1, close - open - 1));
          i = end;
          continue;
        }
      }
    }
    // An underscore inside a word is part of it ("form_daftar" in a link,
    // "nama_file"), as in CommonMark; around a word it marks emphasis.
    const bool intraword = c == '_' && i > 0 && i + 1 < s.size() && std::isalnum(static_cast<unsigned char>(s[i - 1])) &&
                           std::isalnum(static_cast<unsigned char>(s[i + 1]));
    if ((c != '*' && c != '`' && c != '_') || intraword) out.push_back(c);
  }
  return std::string(trim(out));
}

std::vector<std::string> table_cells(std::string_view row) {
  row = trim(row);
  // Cells pasted from a spreadsheet are separated by tabs.
  const char bar = row.find('|') == std::string_view::npos && row.find('\t') != std::string_view::npos ? '\t' : '|';
  if (!row.empty() && row.front() == bar) row.remove_prefix(1);
  if (!row.empty() && row.back() == bar) row.remove_suffix(1);
  std::vector<std::string> out;
  size_t pos = 0;
  while (pos <= row.size()) {
    size_t end = row.find(bar, pos);
    if (end == std::string_view::npos) end = row.size();
    out.push_back(strip_inline(row.substr(pos, end - pos)));
    pos = end + 1;
  }
  return out;
}

bool separator_row(std::string_view row) {
  for (char c : row)
    if (c != '|' && c != '-' && c != ':' && c != ' ' && c != '\t' && c != '\r') return false;
  return row.find('-') != std::string_view::npos;
}

bool numbering_column(const std::vector<std::string>& header) {
  if (header.size() < 3) return false;
  std::string h;
  for (char c : header[0]) h.push_back(static_cast<char>(std::tolower(static_cast<unsigned char>(c))));
  return h == "no" || h == "no." || h == "#" || h == "nomor" || h == "nomor urut" || h == "urutan";
}

bool drop_row_number(std::vector<std::string>* cells) {
  if (cells->size() < 2 || (*cells)[0].empty()) return false;
  for (char c : (*cells)[0])
    if (!std::isdigit(static_cast<unsigned char>(c)) && c != '.') return false;
  cells->erase(cells->begin());
  return true;
}

std::string table_row_text(const std::vector<std::string>& header, const std::vector<std::string>& cells) {
  if (cells.empty() || cells[0].empty()) return {};
  const bool named = header.size() > 2;
  std::string value;
  for (size_t c = 1; c < cells.size(); ++c) {
    if (cells[c].empty()) continue;
    if (!value.empty()) value += "; ";
    if (named && c < header.size() && !header[c].empty()) value += header[c] + ": ";
    value += cells[c];
  }
  return value.empty() ? std::string() : cells[0] + ": " + value;
}

}  // namespace tanya

#include "knowledge/knowledge_dir.hpp"
#include "knowledge/base/strings.hpp"
#include "knowledge/base/utf8.hpp"
#include "knowledge/bullets.hpp"
#include "knowledge/heading_case.hpp"
#include "knowledge/markup.hpp"
#include "knowledge/web_page.hpp"

#include <cctype>
#include <fcntl.h>
#include <unistd.h>

#include <algorithm>
#include <cerrno>
#include <cstdio>
#include <cstring>
#include <filesystem>
#include <fstream>
#include <sstream>

#include "knowledge/article_parser.hpp"
#include "knowledge/importers.hpp"

namespace fs = std::filesystem;

namespace tanya {

// Raised whenever a parser turns the same text into other units, or the
// analyzer (index/analyzer.cpp) stems the same words otherwise.
constexpr int kParserVersion = 31;  // 31: the headings a section stands under ("###" under "##", "1.1" under "1."); 30: code fences and admonition markers (:::, !!!) no text; 29: <details>/<summary> part their text; 28: a QnA sheet's Indonesian column names, or none; 27: a Markdown heading without its closing #s, a symbol or a section number before it; 26: Word's plain-text export (a tab after list markers, chapters over lettered headings, FAQ chapters of unnumbered questions); 25: an HTML table in Markdown is a table; 24: tab-separated cells (pasted from a spreadsheet) are a table, a .txt written in Markdown read as Markdown; 23: Markdown tables without outer pipes, pasted bullets (●, •, –) as list items; 22: a TSV cell quoted as a spreadsheet saves it; 21: a QnA TSV answer's Markdown read as text, an underscore inside a word kept; 20: Markdown reference links and footnotes as rendered; 19: Markdown front matter, HTML comments, tags and entities are no text; 18: a heading right under a "❓" answer ends it; 17: headings in capitals cased as the text writes each word, a heading's closing colon dropped; 16: a chat announcement's emoji bullets, "❓" questions, fields and *bold*, a table's "No" column; 15: a block wrapped at a fixed width one paragraph across sentence ends; 14: a word hyphenated at a line's end whole again; 13: a line of two sentences is no heading; 12: a list item a line; 11: a plain-text bulleted list is one passage; 10: bullets dropped from plain-text items; 9: "T:"/"J:" pairs in plain text; 8: numbered headings, pipe tables and wrapped lines in plain text, "### …?" FAQ in Markdown

uint64_t fnv1a(const void* data, size_t size, uint64_t seed) {
  const auto* p = static_cast<const unsigned char*>(data);
  uint64_t h = seed;
  for (size_t i = 0; i < size; ++i) {
    h ^= p[i];
    h *= 1099511628211ULL;
  }
  return h;
}

Result<std::string> read_file(const std::string& path) {
  std::ifstream in(path, std::ios::binary);
  if (!in) return make_error("io", "cannot read " + path);
  std::ostringstream ss;
  ss << in.rdbuf();
  if (in.bad()) return make_error("io", "error reading " + path);
  return ss.str();
}

std::string passage_key(std::string_view question, std::string_view text) {
  uint64_t h = fnv1a(question.data(), question.size());
  h = fnv1a("\x1f", 1, h);
  h = fnv1a(text.data(), text.size(), h);
  char buf[20];
  std::snprintf(buf, sizeof buf, "p:%016llx", static_cast<unsigned long long>(h));
  return buf;
}

Status write_file_atomic(const std::string& path, const std::string& text) {
  fs::path target(path);
  std::string tmp = (target.parent_path() / ("." + target.filename().string() + ".tmp")).string();
  int fd = ::open(tmp.c_str(), O_WRONLY | O_CREAT | O_TRUNC | O_CLOEXEC, 0644);
  if (fd < 0) return make_error("io", "cannot write " + tmp + ": " + std::strerror(errno));
  size_t done = 0;
  bool ok = true;
  while (ok && done < text.size()) {
    ssize_t n = ::write(fd, text.data() + done, text.size() - done);
    if (n < 0 && errno == EINTR) continue;
    ok = n > 0;
    if (ok) done += static_cast<size_t>(n);
  }
  std::string why = ok ? "" : std::strerror(errno);
  ok = ok && ::fsync(fd) == 0;
  if (::close(fd) != 0) ok = false;
  if (ok && ::rename(tmp.c_str(), path.c_str()) != 0) ok = false;
  if (!ok) {
    if (why.empty()) why = std::strerror(errno);
    ::unlink(tmp.c_str());
    return make_error("io", "cannot write " + path + ": " + why);
  }
  // The rename itself is durable once the directory is flushed.
  int dir = ::open(target.parent_path().empty() ? "." : target.parent_path().c_str(), O_RDONLY | O_DIRECTORY);
  if (dir >= 0) {
    ::fsync(dir);
    ::close(dir);
  }
  return Ok{};
}

namespace {

// alternates.tsv: accepted wordings from `tanya review` that should find a unit.
void apply_alternates(const std::string& path, const std::string& text, Knowledge* k) {
  for (const auto& row : parse_alternates(text, path, &k->problems)) {
    Unit* target = nullptr;
    for (auto& a : k->articles)
      if (a.name == row.article)
        for (auto& u : a.units)
          if (row.key.empty() ? u.order == row.order : passage_key(u.question, u.text) == row.key) target = &u;
    if (!target && !row.key.empty()) {
      k->problems.push_back(path + ":" + std::to_string(row.line) + ": \"" + row.question +
                            "\" was accepted for a passage of " + row.article +
                            " that is no longer there (changed or removed); accept it again");
      continue;
    }    if (!target) {
      k->problems.push_back(path + ":" + std::to_string(row.line) + ": no unit " + std::to_string(row.order) +
                            " in article " + row.article);
      continue;
    }
    target->alternates.push_back(row.question);
  }
}

}  // namespace

std::vector<AlternateRow> parse_alternates(const std::string& text, const std::string& path,
                                           std::vector<std::string>* problems) {
  std::vector<AlternateRow> rows;
  std::istringstream in(text);
  std::string line;
  int number = 0;
  while (std::getline(in, line)) {
    ++number;
    if (!line.empty() && line.back() == '\r') line.pop_back();
    if (line.empty() || line[0] == '#') continue;
    std::vector<std::string> f;
    std::istringstream fields(line);
    for (std::string field; std::getline(fields, field, '\t');) f.push_back(field);
    if (f.size() < 3 || f[0].empty() || f[1].empty() || f[2].empty() ||
        f[2].find_first_not_of("0123456789") != std::string::npos || f[2].size() > 9) {
      problems->push_back(path + ":" + std::to_string(number) +
                          ": expected question, article and unit order separated by tabs");
      continue;
    }
    std::string key = f.size() > 3 && f[3].rfind("p:", 0) == 0 ? f[3] : "";
    rows.push_back({f[0], f[1], std::stoi(f[2]), key, number});
  }
  return rows;
}

namespace {

// A file name's extension in lowercase ("FAQ.TXT": "txt"); empty for none or
// a hidden file's name (".md").
std::string extension_of(std::string_view filename) {
  const size_t dot = filename.rfind('.');
  if (dot == std::string_view::npos || dot == 0) return {};
  std::string ext(filename.substr(dot + 1));
  for (char& c : ext) c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
  return ext;
}

}  // namespace

ArticleFormat article_format(std::string_view filename) {
  const std::string ext = extension_of(filename);
  if (ext == "txt") return ArticleFormat::text;
  if (ext == "md" || ext == "markdown") return ArticleFormat::markdown;
  if (ext == "tsv") return ArticleFormat::qna_tsv;
  if (ext == "html" || ext == "htm") return ArticleFormat::html;
  return ArticleFormat::none;
}

namespace {

// A file an owner may mean as an article that tanya does not read: a word
// processor's, a PDF, a spreadsheet.
bool office_document(std::string_view filename) {
  const std::string ext = extension_of(filename);
  for (std::string_view e : {"doc", "docx", "odt", "rtf", "pdf", "csv", "xls", "xlsx", "ods", "pages"})
    if (ext == e) return true;
  return false;
}

// A text file written the Markdown way: its first line, or two lines, are
// "#" headings ("# Kantin Sehat", "## Jam Buka").
bool markdown_headings(std::string_view text) {
  size_t headings = 0, lines = 0;
  for (size_t pos = 0; pos < text.size();) {
    size_t nl = text.find('\n', pos);
    if (nl == std::string_view::npos) nl = text.size();
    const std::string_view line = trim(text.substr(pos, nl - pos));
    pos = nl + 1;
    if (line.empty()) continue;
    const size_t marks = line.find_first_not_of('#');
    const bool heading = marks >= 1 && marks <= 6 && marks + 1 < line.size() && line[marks] == ' ';
    headings += heading;
    if (++lines == 1 && heading) return true;
    if (headings >= 2) return true;
  }
  return false;
}

}  // namespace

Result<Article> parse_article_file(std::string_view text, std::string name, ArticleFormat format) {
  // Editors on Windows start a UTF-8 file with a byte order mark; it is no
  // character of the first line ("# Judul" stays a heading).
  if (text.substr(0, 3) == "\xEF\xBB\xBF") text.remove_prefix(3);
  // Word's plain-text export puts a tab after each list marker: a list, not
  // a table (knowledge/bullets.hpp).
  std::string unmarked;
  if (format != ArticleFormat::qna_tsv && format != ArticleFormat::html) text = word_list_marks(text, &unmarked);
  // A .txt written in Markdown is read as Markdown ("## Jam Buka" was a
  // section named with its marks); one Markdown cannot read stays plain text.
  if ((format == ArticleFormat::text || format == ArticleFormat::none) && markdown_headings(text))
    if (Result<Article> md = parse_markdown(text, name)) {
      recase_headings(&*md);
      return md;
    }
  // A web page reads as the Markdown it holds (knowledge/web_page.hpp).
  if (format == ArticleFormat::html) {
    Result<Article> page = parse_markdown(html_to_markdown(text), std::move(name));
    if (page) recase_headings(&*page);
    return page;
  }
  Result<Article> article = format == ArticleFormat::markdown ? parse_markdown(text, std::move(name))
                            : format == ArticleFormat::qna_tsv ? parse_qna_tsv(text, std::move(name))
                                                               : Result<Article>(parse_article(text, std::move(name)));
  if (article) recase_headings(&*article);
  return article;
}

Result<Knowledge> load_knowledge(const std::string& dir) {
  std::error_code ec;
  if (!fs::is_directory(dir, ec)) return make_error("io", "knowledge directory not found: " + dir);
  std::vector<fs::path> files, documents;
  for (const auto& entry : fs::directory_iterator(dir, ec)) {
    if (!entry.is_regular_file()) continue;
    if (article_format(entry.path().filename().string()) != ArticleFormat::none)
      files.push_back(entry.path());
    else if (office_document(entry.path().filename().string()))
      documents.push_back(entry.path());
  }
  if (ec) return make_error("io", "cannot list " + dir + ": " + ec.message());
  std::sort(files.begin(), files.end());
  std::sort(documents.begin(), documents.end());

  Knowledge k;
  k.fingerprint = 1469598103934665603ULL;
  // The parsers' version: when the same text becomes other units (a table
  // row ending with a period, version 2), a cached index is built again.
  const int parser_version = kParserVersion;
  k.fingerprint = fnv1a(&parser_version, sizeof parser_version, k.fingerprint);
  std::string alternates_path, alternates_text;
  for (const auto& path : files) {
    auto text = read_file(path.string());
    if (!text) {
      k.problems.push_back(text.error().message);
      continue;
    }
    std::string name = path.stem().string();
    k.fingerprint = fnv1a(name.data(), name.size(), k.fingerprint);
    k.fingerprint = fnv1a(text->data(), text->size(), k.fingerprint);
    // Saved by an editor in another encoding: read, and the owner told.
    std::string encoding;
    *text = utf8::from_legacy(*text, &encoding);
    if (!encoding.empty())
      k.problems.push_back(path.string() + ": read as " + encoding + ", not UTF-8: save it as UTF-8 to be sure");
    if (path.filename() == "alternates.tsv") {
      alternates_path = path.string();
      alternates_text = std::move(*text);
      continue;
    }
    Result<Article> article = parse_article_file(*text, name, article_format(path.filename().string()));
    if (!article) {
      // The importers name the file by its stem; show the whole path.
      k.problems.push_back(path.string() + article.error().message.substr(name.size()));
      continue;
    }
    if (article->units.empty()) {
      k.problems.push_back(path.string() + ":1: no passages found");
      continue;
    }
    k.articles.push_back(std::move(*article));
  }
  // A document the owner dropped in but tanya cannot read is said, not
  // passed over in silence.
  for (const auto& d : documents)
    k.problems.push_back(d.string() + ": not read: save it as plain text (.txt) or Markdown (.md)");
  if (k.articles.empty()) {
    // Files that could not be read say why: "no article" alone hides a typo
    // on line 3 of the only file there is.
    std::string why;
    for (const auto& p : k.problems) why += (why.empty() ? ": " : "; ") + p;
    return make_error("io", "no article (*.txt, *.md, QnA *.tsv) in " + dir + why);
  }
  if (!alternates_path.empty()) apply_alternates(alternates_path, alternates_text, &k);
  return k;
}

}  // namespace tanya

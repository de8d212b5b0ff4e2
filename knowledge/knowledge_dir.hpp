#pragma once
// Reads a knowledge directory: every article in it (plain text *.txt,
// Markdown *.md or *.markdown, QnA Maker *.tsv; article_format) and
// alternates.tsv (accepted wordings of questions), parsed into units. Files are read in name order, so the same directory always
// gives the same units. Thread-compatible: no shared state.
#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

#include "knowledge/base/result.hpp"
#include "knowledge/unit.hpp"

namespace tanya {

struct Knowledge {
  std::vector<Article> articles;
  std::vector<std::string> problems;  // files skipped, with the reason and line
  uint64_t fingerprint = 0;           // changes whenever any file's name or bytes change
};

// Fails only when the directory cannot be read or holds no article at all; a
// single bad file is reported in `problems` and the others still load.
Result<Knowledge> load_knowledge(const std::string& dir);

// The format of an article file by its name's extension, in any case (a
// Windows export writes "FAQ.TXT"): ".txt" plain text, ".md" or ".markdown"
// Markdown, ".tsv" a QnA Maker export, ".html" or ".htm" a web page; none for
// any other file. The one place that says which files are articles.
enum class ArticleFormat { none, text, markdown, qna_tsv, html };
ArticleFormat article_format(std::string_view filename);

// One article file's text in `format` (none reads as plain text); a UTF-8
// byte order mark is skipped. The error names the article by `name` and the line.
Result<Article> parse_article_file(std::string_view text, std::string name, ArticleFormat format);

// One row of alternates.tsv: "question<TAB>article<TAB>unit order[<TAB>p:KEY]".
// The key (passage_key) names the passage itself, so a row stays with its
// passage when the article is edited elsewhere; a row whose key matches no
// passage is reported on load and not applied. Rows without a key (written by
// earlier versions, or by hand) find their passage by order.
struct AlternateRow {
  std::string question, article;
  int order = 0;
  std::string key;  // "p:" and 16 hex digits, or ""
  int line = 0;     // in the file, for messages
};

// The key of a passage: a hash of its FAQ question (or table key) and text.
std::string passage_key(std::string_view question, std::string_view text);

// The rows of an alternates file; a malformed line is reported in `problems`
// as "PATH:LINE: what" and skipped. Blank lines and '#' comments are skipped.
std::vector<AlternateRow> parse_alternates(const std::string& text, const std::string& path,
                                           std::vector<std::string>* problems);

// FNV-1a, 64 bit: the content fingerprint used for index freshness.
uint64_t fnv1a(const void* data, size_t size, uint64_t seed = 1469598103934665603ULL);

// Reads a whole file; an error names the path.
Result<std::string> read_file(const std::string& path);

// Replaces `path` with `text` atomically: a temporary file beside it, flushed
// to disk, renamed over it. A reader sees the old file or the new, never half.
Status write_file_atomic(const std::string& path, const std::string& text);

}  // namespace tanya

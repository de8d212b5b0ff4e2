#pragma once
// Reads a knowledge directory: every article in it (plain text *.txt, Markdown
// *.md, QnA Maker *.tsv) and alternates.tsv (accepted wordings of questions),
// parsed into units. Files are read in name order, so the same directory always
// gives the same units. Thread-compatible: no shared state.
#include <cstdint>
#include <string>
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

// One row of alternates.tsv: "question<TAB>article<TAB>unit order[<TAB>…]".
struct AlternateRow {
  std::string question, article;
  int order = 0;
  int line = 0;  // in the file, for messages
};

// The rows of an alternates file; a malformed line is reported in `problems`
// as "PATH:LINE: what" and skipped. Blank lines and '#' comments are skipped.
std::vector<AlternateRow> parse_alternates(const std::string& text, const std::string& path,
                                           std::vector<std::string>* problems);

// FNV-1a, 64 bit: the content fingerprint used for index freshness.
uint64_t fnv1a(const void* data, size_t size, uint64_t seed = 1469598103934665603ULL);

// Reads a whole file; an error names the path.
Result<std::string> read_file(const std::string& path);

}  // namespace tanya

#include "knowledge/knowledge_dir.hpp"

#include <algorithm>
#include <filesystem>
#include <fstream>
#include <sstream>

#include "knowledge/article_parser.hpp"
#include "knowledge/importers.hpp"

namespace fs = std::filesystem;

namespace tanya {

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

namespace {

// alternates.tsv: accepted wordings from `tanya review` that should find a unit.
void apply_alternates(const std::string& path, const std::string& text, Knowledge* k) {
  for (const auto& row : parse_alternates(text, path, &k->problems)) {
    Unit* target = nullptr;
    for (auto& a : k->articles)
      if (a.name == row.article)
        for (auto& u : a.units)
          if (u.order == row.order) target = &u;
    if (!target) {
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
    rows.push_back({f[0], f[1], std::stoi(f[2]), number});
  }
  return rows;
}

Result<Knowledge> load_knowledge(const std::string& dir) {
  std::error_code ec;
  if (!fs::is_directory(dir, ec)) return make_error("io", "knowledge directory not found: " + dir);
  std::vector<fs::path> files;
  for (const auto& entry : fs::directory_iterator(dir, ec)) {
    auto ext = entry.path().extension();
    if (entry.is_regular_file() && (ext == ".txt" || ext == ".md" || ext == ".tsv")) files.push_back(entry.path());
  }
  if (ec) return make_error("io", "cannot list " + dir + ": " + ec.message());
  std::sort(files.begin(), files.end());

  Knowledge k;
  k.fingerprint = 1469598103934665603ULL;
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
    if (path.filename() == "alternates.tsv") {
      alternates_path = path.string();
      alternates_text = std::move(*text);
      continue;
    }
    Result<Article> article = make_error("parse", "");
    if (path.extension() == ".md") article = parse_markdown(*text, name);
    else if (path.extension() == ".tsv") article = parse_qna_tsv(*text, name);
    else article = parse_article(*text, name);
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
  if (k.articles.empty()) return make_error("io", "no article (*.txt, *.md, QnA *.tsv) in " + dir);
  if (!alternates_path.empty()) apply_alternates(alternates_path, alternates_text, &k);
  return k;
}

}  // namespace tanya

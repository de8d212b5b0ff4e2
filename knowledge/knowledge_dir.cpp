#include "knowledge/knowledge_dir.hpp"

#include <algorithm>
#include <filesystem>
#include <fstream>
#include <sstream>

#include "knowledge/article_parser.hpp"

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

Result<Knowledge> load_knowledge(const std::string& dir) {
  std::error_code ec;
  if (!fs::is_directory(dir, ec)) return make_error("io", "knowledge directory not found: " + dir);
  std::vector<fs::path> files;
  for (const auto& entry : fs::directory_iterator(dir, ec)) {
    if (entry.is_regular_file() && entry.path().extension() == ".txt") files.push_back(entry.path());
  }
  if (ec) return make_error("io", "cannot list " + dir + ": " + ec.message());
  std::sort(files.begin(), files.end());

  Knowledge k;
  k.fingerprint = 1469598103934665603ULL;
  for (const auto& path : files) {
    auto text = read_file(path.string());
    if (!text) {
      k.problems.push_back(text.error().message);
      continue;
    }
    std::string name = path.stem().string();
    k.fingerprint = fnv1a(name.data(), name.size(), k.fingerprint);
    k.fingerprint = fnv1a(text->data(), text->size(), k.fingerprint);
    Article a = parse_article(*text, name);
    if (a.units.empty()) {
      k.problems.push_back(path.string() + ":1: no passages found");
      continue;
    }
    k.articles.push_back(std::move(a));
  }
  if (k.articles.empty()) return make_error("io", "no article (*.txt) in " + dir);
  return k;
}

}  // namespace tanya

#pragma once
// Helpers shared by the tests: the source tree, the built binary, a temporary
// directory that cleans up after itself, and the analyzer over the real lexicon.
#include <filesystem>
#include <memory>
#include <string>

#include "index/analyzer.hpp"

namespace tanya::test {

inline std::string source_dir() { return TANYA_TEST_SOURCE_DIR; }
inline std::string article_path() { return source_dir() + "/knowledge/articles/kerja-sama-bilateral.txt"; }

class TempDir {
 public:
  TempDir();
  ~TempDir();
  const std::string& path() const { return path_; }

 private:
  std::string path_;
};

// Runs the built `tanya` with `args` (a shell command line) and returns what it printed.
std::string run_tanya(const std::string& args);

// One analyzer for the whole test binary (loading hunspell takes a moment).
std::shared_ptr<const Analyzer> analyzer();

}  // namespace tanya::test

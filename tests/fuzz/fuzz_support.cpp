#include "tests/fuzz/fuzz_support.hpp"

#include <cstdio>
#include <cstdlib>
#include <filesystem>

#include "knowledge/paths.hpp"

namespace tanya::fuzz {

std::shared_ptr<const Analyzer> analyzer() {
  static std::shared_ptr<const Analyzer> a = [] {
    auto lexicon = load_lexicon(lexicon_dir());
    if (!lexicon) std::abort();
    auto r = Analyzer::create(std::make_shared<const Lexicon>(std::move(*lexicon)));
    if (!r) std::abort();
    return *r;
  }();
  return a;
}

const Engine& engine() {
  static std::shared_ptr<const Engine> e = [] {
    std::string dir = (std::filesystem::temp_directory_path() / ("tanya-fuzz-" + std::to_string(getpid()))).string();
    std::filesystem::create_directories(dir);
    EngineOptions o;
    o.db_path = dir + "/index.db";
    o.knowledge_dir = default_knowledge_dir();
    auto r = Engine::open(o, analyzer());
    if (!r) {
      std::fprintf(stderr, "%s\n", r.error().message.c_str());
      std::abort();
    }
    return *r;
  }();
  return *e;
}

}  // namespace tanya::fuzz

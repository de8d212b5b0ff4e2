#include "tests/test_support.hpp"

#include <cstdio>
#include <cstdlib>
#include <stdexcept>

#include "knowledge/lexicon.hpp"
#include "knowledge/paths.hpp"
#include "tests/server_process.hpp"

namespace tanya::test {

TempDir::TempDir() {
  std::string tmpl = (std::filesystem::temp_directory_path() / "tanya-test-XXXXXX").string();
  if (!mkdtemp(tmpl.data())) throw std::runtime_error("mkdtemp failed");
  path_ = tmpl;
}

TempDir::~TempDir() {
  std::error_code ec;
  std::filesystem::remove_all(path_, ec);
}

std::string run_tanya(const std::string& args) {
  std::string out;
  FILE* p = popen((tanya_binary() + " " + args + " 2>&1").c_str(), "r");
  if (!p) throw std::runtime_error("cannot run tanya " + args);
  char buf[4096];
  while (size_t n = fread(buf, 1, sizeof buf, p)) out.append(buf, n);
  pclose(p);
  return out;
}

std::shared_ptr<const Analyzer> analyzer() {
  static std::shared_ptr<const Analyzer> a = [] {
    auto lexicon = load_lexicon(lexicon_dir());
    if (!lexicon) throw std::runtime_error(lexicon.error().message);
    auto r = Analyzer::create(std::make_shared<const Lexicon>(std::move(*lexicon)));
    if (!r) throw std::runtime_error(r.error().message);
    return *r;
  }();
  return a;
}

}  // namespace tanya::test

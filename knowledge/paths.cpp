#include "knowledge/paths.hpp"

#include <cstdlib>

namespace tanya {

std::string data_dir() {
  const char* env = std::getenv("TANYA_DATA_DIR");
  if (env && *env) return env;
  return TANYA_SOURCE_DATA_DIR;
}

std::string default_knowledge_dir() { return data_dir() + "/knowledge/articles"; }
std::string lexicon_dir() { return data_dir() + "/knowledge/lexicon"; }
std::string static_dir() { return data_dir() + "/web/static"; }

}  // namespace tanya

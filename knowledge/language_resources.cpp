#include "knowledge/language_resources.hpp"

#include <cstdlib>
#include <mutex>

namespace tanya {

namespace {
std::string env_or(const char* name, const char* fallback) {
  const char* env = std::getenv(name);
  return env && *env ? env : fallback;
}
}  // namespace

std::string thesaurus_path() { return env_or("TANYA_THESAURUS", kThesaurusPath); }
std::string english_dictionary_base() { return env_or("TANYA_ENGLISH_DICTIONARY", kEnglishDictionaryBase); }

Result<std::shared_ptr<const LanguageResources>> load_language_resources() {
  auto thesaurus = Thesaurus::load(thesaurus_path());
  if (!thesaurus) return thesaurus.error();
  auto english = BilingualDictionary::load(english_dictionary_base());
  if (!english) return english.error();
  auto r = std::make_shared<LanguageResources>();
  r->thesaurus = std::move(*thesaurus);
  r->english = std::move(*english);
  return std::shared_ptr<const LanguageResources>(std::move(r));
}

Result<std::shared_ptr<const LanguageResources>> shared_language_resources() {
  static std::mutex mu;
  static std::shared_ptr<const LanguageResources> loaded;
  std::lock_guard<std::mutex> lock(mu);
  if (loaded) return loaded;
  auto r = load_language_resources();
  if (r) loaded = *r;
  return r;
}

}  // namespace tanya

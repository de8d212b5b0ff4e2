#include "knowledge/language_resources.hpp"

#include "knowledge/paths.hpp"

namespace tanya {

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

}  // namespace tanya

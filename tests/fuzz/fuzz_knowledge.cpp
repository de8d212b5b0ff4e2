// The article parser and the Markdown / QnA TSV importers on any bytes: they
// must return (units or an error naming a line), never crash or hang.
#include <cstdint>
#include <string>

#include "knowledge/article_parser.hpp"
#include "knowledge/heading_case.hpp"
#include "knowledge/importers.hpp"

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  std::string_view text(reinterpret_cast<const char*>(data), size);
  auto a = tanya::parse_article(text, "fuzz");
  for (const auto& u : a.units)
    if (u.text.empty()) __builtin_trap();
  tanya::recase_headings(&a);  // as load_knowledge does to every article
  (void)tanya::parse_markdown(text, "fuzz");
  (void)tanya::parse_qna_tsv(text, "fuzz");
  return 0;
}

// The article readers on any bytes, as load_knowledge reads a file: the text
// decoded (utf8::from_legacy), then parsed in every format (plain text, with
// Word's list marks and a Markdown sniff; Markdown with front matter,
// comments and HTML; QnA TSV with quoted cells; a web page). Each must
// return (units or an error naming a line), never crash or hang.
#include <cstdint>
#include <string>

#include "knowledge/article_parser.hpp"
#include "knowledge/base/utf8.hpp"
#include "knowledge/heading_case.hpp"
#include "knowledge/knowledge_dir.hpp"

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  std::string_view bytes(reinterpret_cast<const char*>(data), size);
  auto a = tanya::parse_article(bytes, "fuzz");
  for (const auto& u : a.units)
    if (u.text.empty()) __builtin_trap();
  tanya::recase_headings(&a);  // as load_knowledge does to every article
  std::string encoding;
  const std::string text = tanya::utf8::from_legacy(bytes, &encoding);
  if (!tanya::utf8::valid(text)) __builtin_trap();
  for (auto format : {tanya::ArticleFormat::text, tanya::ArticleFormat::markdown, tanya::ArticleFormat::qna_tsv,
                      tanya::ArticleFormat::html})
    (void)tanya::parse_article_file(text, "fuzz", format);
  return 0;
}

#pragma once
// Importers for knowledge that is not a plain-text article: Markdown pages and
// the QnA Maker / Azure question answering TSV export. Pure functions over the
// file's text; a malformed file is an error naming the line, so the loader can
// report it and go on with the other files.
#include <string>
#include <string_view>

#include "knowledge/base/result.hpp"
#include "knowledge/unit.hpp"

namespace tanya {

// Markdown: "# Title", "## Section" headings (or underlined by === / ---), paragraphs (list items of one
// block are one paragraph), tables (first column the key), "Q:/A:" or
// "Tanya:/Jawab:" pairs, a line ending in "?" (bold or not) followed by its
// answer paragraph, and a heading ending in "?" answered by what follows up to
// the next heading. Inline marks, link targets, front matter, HTML comments
// and tags are dropped (knowledge/markup.hpp). Fails on an
// unterminated table row or a question line without an answer.
Result<Article> parse_markdown(std::string_view text, std::string name);

// QnA Maker TSV: a header row naming at least Question and Answer (Source,
// Metadata, Prompts, QnaId … are optional); rows sharing an answer (or a QnaId)
// are one entry whose first question is the FAQ question and the others its
// alternates; HTML in a cell is read as text ("<br>" a line end). Fails on a
// missing header or a row without its fields.
Result<Article> parse_qna_tsv(std::string_view text, std::string name);

}  // namespace tanya

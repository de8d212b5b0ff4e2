#pragma once
// A web page (.html, .htm) saved from a browser or exported by a CMS, read as
// an article: the Markdown it holds, for parse_markdown (knowledge/importers.hpp),
// whose HTML handling (knowledge/markup.hpp) reads what is left inline. Pure.
#include <string>
#include <string_view>

namespace tanya {

// A web page (.html) as the Markdown it reads as, for parse_markdown: the
// page's <article> (else <main>, else <body>) without what is no article
// text (scripts, styles, navigation, header, footer, aside, forms,
// comments); <h1>–<h6> as "#" headings, paragraphs and blocks apart, <li>
// as "- " items, <br> a line end, each <table> on a line of its own (read
// by html_table_rows); the <title> as the "# " title when the text has no
// <h1>. Inline tags are dropped; entities stay for strip_html.
std::string html_to_markdown(std::string_view html);

}  // namespace tanya

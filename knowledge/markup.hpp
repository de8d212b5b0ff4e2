#pragma once
// What a page from a site builder carries besides its text: front matter
// (Hugo, Jekyll, Docusaurus), HTML comments, inline HTML tags and entities.
// None of it is a passage or a word of one: a comment is the owner's note to
// self, front matter is metadata, "<strong>" is markup. Pure functions.
#include <string>
#include <string_view>
#include <vector>

namespace tanya {

// The Markdown source with its front matter ("---" … "---" YAML, or "+++" …
// "+++" TOML, opening the file) and every "<!-- … -->" comment blanked: their
// lines stay as empty lines, so an error still names the line the owner sees.
// `title`, when set, gets the front matter's `title` (quotes dropped; empty
// when it has none). An unclosed front matter or comment is text, as a
// renderer would show it: nothing of the page is lost.
std::string markdown_source(std::string_view text, std::string* title = nullptr);

// `s` without the HTML tags of a known element ("<strong>", "</a>",
// "<br/>", "<span class=…>") and with its entities decoded ("&amp;",
// "&nbsp;", "&#233;"). An angle-bracketed word that names no HTML element
// ("ketik REG <spasi> NISN") is text and stays. An inline tag leaves
// nothing ("CO<sub>2</sub>" is "CO2"); one that breaks the line (br, p, div,
// li) leaves "\n" when `line_breaks`, else a space; runs of spaces left
// where tags were are one.
std::string strip_html(std::string_view s, bool line_breaks = false);

// The rows of an HTML table ("<table><tr><th>Menu</th>…</tr>…</table>", as a
// CMS export keeps one in Markdown), each row's cells (<td>, <th>) as text
// (strip_html). Rows without a cell are left out; a cell or row left open
// ends where the next one starts.
std::vector<std::vector<std::string>> html_table_rows(std::string_view html);

}  // namespace tanya

#pragma once
// Pipe tables ("| Motif | Daerah | Makna |" or "Simbol | Arti | Contoh"), read
// the same way from a Markdown page and from a plain-text article: the first
// column is the row's key, the others its value. Pure functions, no state.
#include <string>
#include <string_view>
#include <vector>

namespace tanya {

// The cells of one row, outer pipes dropped, each trimmed and stripped of
// inline Markdown marks; a row without a pipe but with tabs (pasted from a
// spreadsheet) is cut at its tabs.
std::vector<std::string> table_cells(std::string_view row);

// "|---|:--:|": the line under a Markdown table's header.
bool separator_row(std::string_view row);

// A row's passage text, "Key: value" — with more than one value column each
// value named by its column ("Kawung: Daerah Asal: Yogyakarta; Makna: …"),
// since what a value is ("asal", "makna") is what a question about the row
// asks. Empty when the row has no key or no value.
std::string table_row_text(const std::vector<std::string>& header, const std::vector<std::string>& cells);

// "No | Kelas | Tempat" over rows "1 | X-1 s.d. X-6 | …": a first column
// that only numbers the rows keys nothing; the row is keyed by the next one.
// drop_row_number drops a row's number cell (false when the cell holds no
// number); the row is then read under the header without its first column.
bool numbering_column(const std::vector<std::string>& header);
bool drop_row_number(std::vector<std::string>* cells);

// "**Apa itu X?**" → "Apa itu X?", "[teks](https://…)" → "teks", images
// dropped, HTML tags and entities read (strip_html): inline Markdown marks
// are no words of the passage.
std::string strip_inline(std::string_view s);

}  // namespace tanya

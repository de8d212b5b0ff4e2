#pragma once
// Turns an article written as plain text into units, by the conventions such
// articles follow: a title line, a lead sentence, heading lines (short, no final
// period, or numbered: "1. Ketentuan Umum", "2.1 …", "BAB IV …"), body paragraphs
// (one per line, or wrapped over several lines of one block), a "Tabel: …"
// section (header row "Aspek Deskripsi", then "Key value" rows) or a pipe table
// ("Simbol | Arti | Contoh"), an "FAQ …" section (numbered question, then answer)
// and a "Kesimpulan: …" conclusion. Pure: no I/O, no global state, safe on any bytes.
#include <string>
#include <string_view>

#include "knowledge/unit.hpp"

namespace tanya {

// The section title given to the paragraphs before the first heading.
inline constexpr const char* kIntroductionSection = "Pendahuluan";

// Never fails: text that follows no convention becomes paragraphs of the
// introduction. `name` is stored as Article::name.
Article parse_article(std::string_view text, std::string name);

// Splits a table row "Latar Belakang Kebutuhan ekonomi, …" into key and value:
// the key is the leading capitalised word or two, the value starts at the next
// capitalised word. Returns false when the line has no such shape.
bool split_table_row(std::string_view line, std::string* key, std::string* value);

}  // namespace tanya

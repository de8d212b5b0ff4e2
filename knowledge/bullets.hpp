#pragma once
// A list item's bullet, read the same way in a plain-text article and in a
// Markdown page: an ASCII mark ("- ", "* "), a typographic one ("• ", "· ",
// "– ") or a symbol or emoji pasted from a word processor or a chat
// announcement ("● ", "▪️ ", "✅ ", "👉 "). Pure functions.
#include <cstddef>
#include <string>
#include <string_view>

namespace tanya {

// The bytes of a bullet drawn as a symbol or an emoji, the space after it
// included; 0 when the line opens with none.
size_t symbol_bullet(std::string_view line);

// "• item", "- item", "* item", "– item", "✅ item": the item without its
// bullet; any other line as it is.
std::string_view without_bullet(std::string_view line);

// The text with each list marker that Word's "Save as Plain Text" writes
// before a tab ("•<TAB>", "o<TAB>" at the second level, "§<TAB>" at the
// third, "1.<TAB>", "a)<TAB>", "-<TAB>") written as a bullet and a space
// ("• ", "◦ ", "▪ ", "1. "), so an item is read as one and its tab as no
// table cell. `text` itself when it holds none (no copy); else a copy in
// *storage. Not for a TSV file, whose tabs part its fields.
std::string_view word_list_marks(std::string_view text, std::string* storage);

}  // namespace tanya

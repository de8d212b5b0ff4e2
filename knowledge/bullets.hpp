#pragma once
// A list item's bullet, read the same way in a plain-text article and in a
// Markdown page: an ASCII mark ("- ", "* "), a typographic one ("• ", "· ",
// "– ") or a symbol or emoji pasted from a word processor or a chat
// announcement ("● ", "▪️ ", "✅ ", "👉 "). Pure functions.
#include <cstddef>
#include <string_view>

namespace tanya {

// The bytes of a bullet drawn as a symbol or an emoji, the space after it
// included; 0 when the line opens with none.
size_t symbol_bullet(std::string_view line);

// "• item", "- item", "* item", "– item", "✅ item": the item without its
// bullet; any other line as it is.
std::string_view without_bullet(std::string_view line);

}  // namespace tanya

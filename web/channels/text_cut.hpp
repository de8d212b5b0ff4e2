#pragma once
// Messaging apps cap a message's length (Telegram and WhatsApp: 4,096
// characters; a WhatsApp interactive body: 1,024). A long answer is cut at the
// last sentence end that fits, so the reader never gets half a sentence; only a
// text with no sentence end in its second half is cut at a word, and a cut is
// marked with "…". Pure functions, thread-safe.
#include <string>
#include <string_view>

namespace tanya {

// `text` cut to at most `max_chars` code points (the "…" included).
std::string cut_at_sentence(std::string_view text, size_t max_chars);

}  // namespace tanya

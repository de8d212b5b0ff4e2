#pragma once
// What a person types into a messenger, read the way they mean it: a bot
// command ("/start", "/help", "/start@tanya_bot" in groups, "/start payload"
// from a deep link), the bot's own @mention anywhere in the text, and a
// leading reply quote ("> earlier text" lines some apps and people put first).
// Shared by the Telegram and webhook adapters. Pure, thread-safe.
#include <string>
#include <string_view>

namespace tanya {

struct ChatText {
  std::string text;     // the question, with the quote, the command and the mention taken out
  std::string command;  // "start", "help", "other" (a command tanya does not know), or "" (none)
  bool for_others = false;  // a command or mention naming another bot ("/start@other_bot")
  bool mentioned = false;   // the bot's @username appeared
};

// `bot_username` without "@", compared case-insensitively; empty when unknown
// (then any "/cmd@name" counts as ours and no mention can be recognised).
ChatText read_chat_text(std::string_view text, std::string_view bot_username);

}  // namespace tanya

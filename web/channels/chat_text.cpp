#include "web/channels/chat_text.hpp"

#include <cctype>

#include "knowledge/base/strings.hpp"

namespace tanya {

namespace {

bool iequal(std::string_view a, std::string_view b) {
  if (a.size() != b.size()) return false;
  for (size_t i = 0; i < a.size(); ++i)
    if (std::tolower(static_cast<unsigned char>(a[i])) != std::tolower(static_cast<unsigned char>(b[i]))) return false;
  return true;
}

bool username_char(char c) { return std::isalnum(static_cast<unsigned char>(c)) || c == '_'; }

// `text` without every "@username" that stands as a word of its own.
std::string strip_mention(std::string_view text, std::string_view username, bool* found) {
  std::string out;
  size_t i = 0;
  while (i < text.size()) {
    if (text[i] == '@' && !username.empty() && (i == 0 || !username_char(text[i - 1]))) {
      size_t end = i + 1;
      while (end < text.size() && username_char(text[end])) ++end;
      if (iequal(text.substr(i + 1, end - i - 1), username)) {
        *found = true;
        // "@tanya_bot, apa …" and "… apa ini @tanya_bot?": the comma or colon goes with it.
        if (end < text.size() && (text[end] == ',' || text[end] == ':')) ++end;
        i = end;
        continue;
      }
    }
    out.push_back(text[i++]);
  }
  return out;
}

}  // namespace

ChatText read_chat_text(std::string_view raw, std::string_view bot_username) {
  ChatText out;
  if (!bot_username.empty() && bot_username[0] == '@') bot_username.remove_prefix(1);
  std::string_view t = trim(raw);
  // Leading quoted lines ("> …") are what is replied to, not the question.
  while (!t.empty() && t[0] == '>') {
    size_t nl = t.find('\n');
    t = nl == std::string_view::npos ? std::string_view() : trim(t.substr(nl + 1));
  }
  if (!t.empty() && t[0] == '/') {
    size_t end = t.find_first_of(" \t\r\n");
    std::string_view token = t.substr(1, end == std::string_view::npos ? std::string_view::npos : end - 1);
    std::string_view target;
    if (size_t at = token.find('@'); at != std::string_view::npos) {
      target = token.substr(at + 1);
      token = token.substr(0, at);
    }
    if (!target.empty() && !bot_username.empty() && !iequal(target, bot_username)) {
      out.for_others = true;
      return out;
    }
    if (!target.empty()) out.mentioned = true;
    if (iequal(token, "start")) out.command = "start";
    else if (iequal(token, "help") || iequal(token, "bantuan")) out.command = "help";
    else out.command = "other";
    // "/start" ignores its deep-link payload; other commands carry no question.
    return out;
  }
  bool found = false;
  out.text = std::string(trim(strip_mention(t, bot_username, &found)));
  out.mentioned = found;
  return out;
}

}  // namespace tanya

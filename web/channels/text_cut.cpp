#include "web/channels/text_cut.hpp"

#include "knowledge/base/utf8.hpp"

namespace tanya {

std::string cut_at_sentence(std::string_view text, size_t max_chars) {
  if (utf8::count(text) <= max_chars) return std::string(text);
  if (max_chars == 0) return {};
  // The byte offset after max_chars - 2 code points: room for " …".
  size_t end = 0, chars = 0;
  while (end < text.size() && chars + 2 < max_chars) {
    utf8::next(text, &end);
    ++chars;
  }
  std::string_view head = text.substr(0, end);
  // A sentence ends at . ! ? or a line break followed by white space (or the end
  // of the head). Only cuts in the second half count: a first sentence of three
  // words does not stand for a long answer.
  size_t best = std::string_view::npos;
  for (size_t i = head.size() / 2; i < head.size(); ++i) {
    char c = head[i];
    bool next_space = i + 1 >= head.size() || head[i + 1] == ' ' || head[i + 1] == '\n';
    if (c == '\n' || ((c == '.' || c == '!' || c == '?') && next_space)) best = i + 1;
  }
  if (best != std::string_view::npos) {
    std::string out(head.substr(0, best));
    while (!out.empty() && (out.back() == '\n' || out.back() == ' ')) out.pop_back();
    return out + " …";
  }
  size_t space = head.rfind(' ');
  if (space != std::string_view::npos && space > head.size() / 2) head = head.substr(0, space);
  return std::string(head) + "…";
}

}  // namespace tanya

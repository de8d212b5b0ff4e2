#pragma once
// The lines of a paragraph wrapped at a fixed width (text pasted from a PDF,
// an e-mail or a word processor), joined back into one text, in a plain-text
// article and in a Markdown page alike. A word a typesetter broke at a
// line's end with a hyphen ("perekono-" / "mian") is one word again, while a
// hyphenated word that happens to stand at a line's end ("anak-" / "anak",
// "se-" / "Indonesia") keeps its hyphen. Immutable after construction;
// never fails.
#include <string>
#include <string_view>
#include <unordered_set>

namespace tanya {

class WrappedLines {
 public:
  // `text`: the whole article, whose own words decide a broken word where they can.
  explicit WrappedLines(std::string_view text);
  // Appends `line`, the next line of the same paragraph, to *paragraph: after
  // a space, or right after a line-end hyphen (dropped when it broke a word).
  void append(std::string* paragraph, std::string_view line) const;
  // Whether "<before>-<after>", split by a line's end, is the one word
  // before+after (true) or a hyphenated word (false).
  bool broken_word(std::string_view before, std::string_view after) const;

 private:
  std::unordered_set<std::string> words_;  // the article's words, ASCII lowercased, inner hyphens kept
};

}  // namespace tanya

#include "knowledge/wrapped_lines.hpp"

#include <algorithm>
#include <cctype>

namespace tanya {

namespace {

// A byte of a word: an ASCII letter or digit, or any byte of a non-ASCII
// character (Indonesian text has few, and they are letters when they come).
bool word_byte(char c) {
  const unsigned char b = static_cast<unsigned char>(c);
  return b >= 0x80 || std::isalnum(b);
}

std::string lower_ascii(std::string_view s) {
  std::string out(s);
  for (char& c : out) c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
  return out;
}

// The longest run of letters the two words share ("sayur" / "mayur": "ayur").
size_t longest_common_run(const std::string& a, const std::string& b) {
  size_t best = 0;
  for (size_t i = 0; i < a.size(); ++i)
    for (size_t j = 0; j < b.size(); ++j) {
      size_t k = 0;
      while (i + k < a.size() && j + k < b.size() && a[i + k] == b[j + k]) ++k;
      best = std::max(best, k);
    }
  return best;
}

// A reduplicated word ("anak-anak", "sayur-mayur", "tolong-menolong",
// "kemerah-merahan"): its halves share a run of at least this many letters,
// and at least half the shorter half. Syllables a typesetter splits at
// ("per-tumbuhan", "se-hingga") share one or two letters at most.
constexpr size_t kReduplicatedRun = 3;
// Longer halves are no Indonesian word ("pertanggungjawaban" is 18 letters):
// the hyphen stays, and no quadratic comparison runs on garbage.
constexpr size_t kLongestHalf = 40;

}  // namespace

WrappedLines::WrappedLines(std::string_view text) {
  size_t i = 0;
  while (i < text.size()) {
    while (i < text.size() && !word_byte(text[i])) ++i;
    size_t j = i;
    while (j < text.size() && (word_byte(text[j]) || (text[j] == '-' && j + 1 < text.size() && word_byte(text[j + 1]))))
      ++j;
    if (j > i) words_.insert(lower_ascii(text.substr(i, j - i)));
    i = j;
  }
}

bool WrappedLines::broken_word(std::string_view before, std::string_view after) const {
  const std::string a = lower_ascii(before), b = lower_ascii(after);
  // The article's own spelling decides first: it writes the word elsewhere
  // whole ("sehingga") or hyphenated ("sayur-mayur").
  if (words_.count(a + b)) return true;
  if (words_.count(a + "-" + b)) return false;
  // A capital or a digit after the hyphen is a prefix before a name or a
  // number ("se-Indonesia", "ke-20"), never a syllable.
  if (!std::islower(static_cast<unsigned char>(after[0]))) return false;
  // A number before it takes a suffix or a word ("1990-an", "20-an", "5-ribuan").
  if (std::isdigit(static_cast<unsigned char>(before.back()))) return false;
  if (a.size() > kLongestHalf || b.size() > kLongestHalf) return false;
  const size_t shared = longest_common_run(a, b);
  return !(shared >= kReduplicatedRun && 2 * shared >= std::min(a.size(), b.size()));
}

void WrappedLines::append(std::string* paragraph, std::string_view line) const {
  if (line.empty()) return;
  if (paragraph->empty()) {
    *paragraph = line;
    return;
  }
  const std::string& p = *paragraph;
  if (p.size() >= 2 && p.back() == '-' && word_byte(p[p.size() - 2]) && word_byte(line[0])) {
    // The word before the hyphen, and the one the line starts with.
    size_t start = p.size() - 1;
    while (start > 0 && (word_byte(p[start - 1]) || p[start - 1] == '-')) --start;
    size_t end = 0;
    while (end < line.size() && word_byte(line[end])) ++end;
    const std::string_view before(p.data() + start, p.size() - 1 - start);
    if (broken_word(before, line.substr(0, end))) paragraph->pop_back();
    paragraph->append(line);
    return;
  }
  paragraph->push_back(' ');
  paragraph->append(line);
}

}  // namespace tanya

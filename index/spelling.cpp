#include "index/spelling.hpp"

#include <algorithm>
#include <array>
#include <cmath>
#include <cstdlib>
#include <utility>

namespace tanya {

namespace {

struct KeyPos {
  int row = -1;
  double col = 0;
};

// Rows are staggered on a QWERTY keyboard: each row starts a little further right.
KeyPos key_pos(char c) {
  static constexpr const char* kRows[] = {"qwertyuiop", "asdfghjkl", "zxcvbnm"};
  static constexpr double kOffset[] = {0, 0.25, 0.75};
  for (int r = 0; r < 3; ++r)
    for (int i = 0; kRows[r][i]; ++i)
      if (kRows[r][i] == c) return {r, i + kOffset[r]};
  return {};
}

// The key a string is filed under in deletes_: its hash. Deletions are
// hashed from a buffer on the stack, never made into strings (the strings and
// their table lookups were most of correct(), callgrind on `tanya eval`). Two
// strings sharing a hash (1 in 2^64) only bring a word to be weighed; the
// keyboard distance still decides whether it is near enough.
uint64_t key_of(std::string_view s) { return std::hash<std::string_view>{}(s); }

// The keys of every string one to `depth` deletions from w (at most 40
// bytes), depth first, repeats included.
void walk_deletions(std::string_view w, int depth, std::vector<uint64_t>* out) {
  if (depth == 0 || w.size() <= 2) return;
  char buf[40];
  for (size_t i = 0; i < w.size(); ++i) {
    if (i > 0 && w[i] == w[i - 1]) continue;  // deleting either of a double gives the same
    std::copy(w.begin(), w.begin() + static_cast<std::ptrdiff_t>(i), buf);
    std::copy(w.begin() + static_cast<std::ptrdiff_t>(i) + 1, w.end(), buf + i);
    const std::string_view d(buf, w.size() - 1);
    out->push_back(key_of(d));
    if (depth > 1) walk_deletions(d, depth - 1, out);
  }
}

// walk_deletions without the repeats, each kept where the walk first met it
// (correct() considers candidates in this order, and a tie keeps the first).
// Two deletions reach most strings twice; one search of the list per string
// found was 4% of an answer (callgrind on `tanya eval`), a sort is not.
void deletions(std::string_view w, int depth, std::vector<uint64_t>* out) {
  const size_t from = out->size();
  walk_deletions(w, depth, out);
  const size_t n = out->size() - from;
  std::vector<uint32_t> order(n);
  for (uint32_t i = 0; i < n; ++i) order[i] = i;
  std::stable_sort(order.begin(), order.end(),
                   [&](uint32_t a, uint32_t b) { return (*out)[from + a] < (*out)[from + b]; });
  std::vector<char> repeat(n, 0);
  for (size_t k = 1; k < n; ++k)
    if ((*out)[from + order[k]] == (*out)[from + order[k - 1]]) repeat[order[k]] = 1;
  size_t kept = from;
  for (size_t i = 0; i < n; ++i)
    if (!repeat[i]) (*out)[kept++] = (*out)[from + i];
  out->resize(kept);
}

// Whether `shorter` is `word` with one letter deleted (the bucket's key is a
// hash: this is the check).
bool one_deletion_of(std::string_view word, std::string_view shorter) {
  if (word.size() != shorter.size() + 1) return false;
  size_t i = 0;
  while (i < shorter.size() && word[i] == shorter[i]) ++i;
  return word.substr(i + 1) == shorter.substr(i);
}

// The bucket of words starting with `first` and `size` letters long.
std::string start_key(char first, size_t size) { return std::string(1, first) + std::to_string(size); }

}  // namespace

bool neighbour_keys(char a, char b) {
  // Looked up in the inner loop of keyboard_distance: per letter, a bit for
  // each letter next to it, made once (a scan of key_pos per pair was 5% of
  // answering a question; a 64 KB table of every byte pair missed the cache).
  static const std::array<uint32_t, 26> kNeighbours = [] {
    std::array<uint32_t, 26> t{};
    for (int x = 0; x < 26; ++x)
      for (int y = 0; y < 26; ++y) {
        KeyPos p = key_pos(static_cast<char>('a' + x)), q = key_pos(static_cast<char>('a' + y));
        if (x != y && p.row >= 0 && q.row >= 0 && std::abs(p.row - q.row) <= 1 && std::abs(p.col - q.col) <= 1.0)
          t[x] |= 1u << y;
      }
    return t;
  }();
  const unsigned x = static_cast<unsigned char>(a) - 'a', y = static_cast<unsigned char>(b) - 'a';
  return x < 26 && y < 26 && (kNeighbours[x] >> y & 1u);
}

double keyboard_distance(std::string_view a, std::string_view b, double max) {
  const int n = static_cast<int>(a.size()), m = static_cast<int>(b.size());
  if (std::abs(n - m) > max + 1e-9) return max + 1;
  // Three rows on the stack for the words a spelling index holds (at most
  // 40 letters); the heap for longer ones.
  constexpr int kStackRow = 48;
  std::array<double, 3 * kStackRow> stack{};
  std::vector<double> heap(m + 1 > kStackRow ? 3 * (m + 1) : 0);
  double* rows = m + 1 > kStackRow ? heap.data() : stack.data();
  const int width = m + 1 > kStackRow ? m + 1 : kStackRow;
  double* prev2 = rows;
  double* prev = rows + width;
  double* cur = rows + 2 * width;
  // A letter inserted or dropped next to the same letter is a doubled key.
  auto indel_a = [&](int i) {  // a[i-1] has no partner in b
    return (i > 1 && a[i - 1] == a[i - 2]) || (i < n && a[i - 1] == a[i]) ? kDoubledLetterCost : 1.0;
  };
  // A vowel of b missing from a was dropped, as chat drops them ("alamt",
  // "brp"); a consonant missing was a slip.
  auto indel_b = [&](int j) {
    if ((j > 1 && b[j - 1] == b[j - 2]) || (j < m && b[j - 1] == b[j])) return kDoubledLetterCost;
    return std::string_view("aeiou").find(b[j - 1]) != std::string_view::npos ? kDroppedVowelCost : 1.0;
  };
  prev[0] = 0;
  for (int j = 1; j <= m; ++j) prev[j] = prev[j - 1] + indel_b(j);
  for (int i = 1; i <= n; ++i) {
    cur[0] = prev[0] + indel_a(i);
    double row_min = cur[0];
    for (int j = 1; j <= m; ++j) {
      double sub = a[i - 1] == b[j - 1] ? 0 : neighbour_keys(a[i - 1], b[j - 1]) ? kNeighbourKeyCost : 1.0;
      double v = std::min({prev[j] + indel_a(i), cur[j - 1] + indel_b(j), prev[j - 1] + sub});
      if (i > 1 && j > 1 && a[i - 1] == b[j - 2] && a[i - 2] == b[j - 1] && a[i - 1] != a[i - 2])
        v = std::min(v, prev2[j - 2] + kTranspositionCost);
      cur[j] = v;
      row_min = std::min(row_min, v);
    }
    if (row_min > max + 1e-9) return max + 1;
    std::swap(prev2, prev);
    std::swap(prev, cur);
  }
  return prev[m];
}

void SpellingIndex::insert(std::string joined, std::vector<std::string> words, int freq) {
  auto it = by_joined_.find(joined);
  if (it != by_joined_.end()) {
    // A word and a pair written alike: the more frequent reading wins.
    Entry& e = entries_[it->second];
    if (freq > e.freq) {
      e.words = std::move(words);
      e.freq = freq;
    }
    return;
  }
  uint32_t id = static_cast<uint32_t>(entries_.size());
  by_joined_.emplace(joined, id);
  std::vector<uint64_t> keys{key_of(joined)};
  deletions(joined, 1, &keys);
  for (uint64_t k : keys) deletes_[k].push_back(id);
  by_start_[start_key(joined[0], joined.size())].push_back(id);
  if (words.size() == 1) by_sound_[sound_key(joined)].push_back(id);
  entries_.push_back({std::move(joined), std::move(words), freq});
}

void SpellingIndex::add_word(const std::string& word, int freq) {
  if (word.size() < 3 || word.size() > 40) return;
  for (char c : word)
    if (c < 'a' || c > 'z') return;
  insert(word, {word}, freq);
}

void SpellingIndex::add_pair(const std::string& first, const std::string& second, int freq) {
  std::string joined = first + second;
  if (joined.size() > 40) return;
  for (char c : joined)
    if (c < 'a' || c > 'z') return;
  insert(std::move(joined), {first, second}, freq);
}

std::vector<std::string> SpellingIndex::reading(std::string_view joined) const {
  auto it = by_joined_.find(std::string(joined));
  return it == by_joined_.end() ? std::vector<std::string>{} : entries_[it->second].words;
}

std::string SpellingIndex::one_letter_more(std::string_view typed, size_t min_letters) const {
  if (typed.size() < min_letters) return {};
  // deletes_ holds every word under itself and its one-letter deletions: a
  // word one letter longer than `typed` in its bucket is `typed` plus a letter.
  auto it = deletes_.find(key_of(typed));
  if (it == deletes_.end()) return {};
  const Entry* best = nullptr;
  for (uint32_t id : it->second) {
    const Entry& e = entries_[id];
    if (e.words.size() == 1 && one_deletion_of(e.joined, typed) && (!best || e.freq > best->freq)) best = &e;
  }
  return best ? best->joined : std::string();
}

std::string SpellingIndex::other_vowel(std::string_view typed, size_t min_letters) const {
  if (typed.size() < min_letters) return {};
  static constexpr std::string_view kVowels = "aeiou";
  std::string w(typed);
  const Entry* best = nullptr;
  for (size_t i = 0; i < w.size(); ++i) {
    const char own = w[i];
    if (kVowels.find(own) == std::string_view::npos) continue;
    for (char v : kVowels) {
      if (v == own) continue;
      w[i] = v;
      if (auto it = by_joined_.find(w); it != by_joined_.end()) {
        const Entry& e = entries_[it->second];
        if (e.words.size() == 1 && (!best || e.freq > best->freq)) best = &e;
      }
    }
    w[i] = own;
  }
  return best ? best->joined : std::string();
}

std::string sound_key(std::string_view word) {
  // Two-letter spellings first, so "kh" is read before its "k" or "h".
  static constexpr std::pair<std::string_view, std::string_view> kDigraphs[] = {
      {"ph", "f"}, {"th", "t"}, {"kh", "h"}, {"sy", "s"}, {"ch", "c"}, {"tj", "c"}, {"dj", "j"}, {"oe", "u"}};
  std::string out;
  for (size_t i = 0; i < word.size();) {
    std::string_view sound;
    size_t used = 1;
    for (const auto& [spelled, said] : kDigraphs)
      if (word.substr(i, 2) == spelled) {
        sound = said;
        used = 2;
        break;
      }
    if (sound.empty()) {
      switch (word[i]) {
        case 'q': sound = "k"; break;
        case 'x': sound = "ks"; break;
        case 'v': sound = "f"; break;
        default: sound = word.substr(i, 1);
      }
    }
    for (char c : sound)
      if (out.empty() || out.back() != c) out.push_back(c);
    i += used;
  }
  return out;
}

std::string SpellingIndex::same_sound(std::string_view typed, size_t min_letters) const {
  if (typed.size() < min_letters) return {};
  auto it = by_sound_.find(sound_key(typed));
  if (it == by_sound_.end()) return {};
  const Entry* best = nullptr;
  for (uint32_t id : it->second) {
    const Entry& e = entries_[id];
    if (e.joined == typed) return {};  // the knowledge's own word
    if (!best || e.freq > best->freq) best = &e;
  }
  return best ? best->joined : std::string();
}

std::optional<SpellingSuggestion> SpellingIndex::correct(std::string_view typo_view) const {
  if (typo_view.size() < 5 || typo_view.size() > 40) return std::nullopt;
  std::string typo(typo_view);
  const double max = typo.size() >= 8 ? 2 : 1;
  // The typo's own deletions meet the entries' deletions: together they reach
  // every word within two edits that a deletion, insertion, substitution or
  // swap explains (two substitutions excepted).
  std::vector<uint64_t> keys{key_of(typo)};
  deletions(typo, max >= 2 ? 2 : 1, &keys);
  std::vector<uint32_t> seen;
  std::optional<SpellingSuggestion> best;
  auto consider = [&](uint32_t id, bool once) {
    if (once) {
      if (std::find(seen.begin(), seen.end(), id) != seen.end()) return;
      seen.push_back(id);
    }
    const Entry& e = entries_[id];
    double d = keyboard_distance(typo, e.joined, max);
    if (d > max + 1e-9 || (d == 0 && e.words.size() == 1)) return;
    double cost = d - kFrequencyWeight * std::log10(1.0 + e.freq);
    if (!best || cost < best->cost) best = SpellingSuggestion{e.words, d, cost};
  };
  for (uint64_t k : keys) {
    auto it = deletes_.find(k);
    if (it == deletes_.end()) continue;
    for (uint32_t id : it->second) consider(id, true);
  }
  // Nothing found, so every entry seen so far was too far: no need to skip them.
  if (!best && max >= 2) {
    for (size_t size = typo.size() - 2; size <= typo.size() + 2; ++size) {
      auto it = by_start_.find(start_key(typo[0], size));
      if (it == by_start_.end()) continue;
      for (uint32_t id : it->second) consider(id, false);
    }
  }
  return best;
}

}  // namespace tanya

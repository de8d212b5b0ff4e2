#include "bot/suggest.hpp"

#include <algorithm>
#include <cctype>

#include "knowledge/base/strings.hpp"

namespace tanya {

namespace {

// Headings that already ask: they become a question by their question mark.
bool starts_like_question(std::string_view s) {
  static const char* kWords[] = {"apa ", "apakah ", "mengapa ", "kenapa ", "bagaimana ", "siapa ", "kapan ",
                                 "di mana ", "dimana ", "berapa ", "seberapa ", "what ", "why ", "how ", "who ",
                                 "when ", "where "};
  std::string lower(s.substr(0, 12));
  for (auto& c : lower) c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
  return std::any_of(std::begin(kWords), std::end(kWords),
                     [&](const char* w) { return lower.rfind(w, 0) == 0; });
}

}  // namespace

std::string heading_question(std::string_view heading) {
  std::string h(trim(heading));
  // "Tabel: Ringkasan X", "Kesimpulan: X": the word before the colon names the
  // kind of section, X what it is about.
  if (auto colon = h.find(": "); colon != std::string::npos && h.find(' ') >= colon && colon + 2 < h.size())
    h = std::string(trim(std::string_view(h).substr(colon + 2)));
  while (!h.empty() && (h.back() == ':' || h.back() == '.')) h.pop_back();
  if (h.empty()) return h;
  if (h.back() == '?') return h;
  if (starts_like_question(h)) return h + "?";
  // Lower the first letter of an ordinary word ("Manfaat" → "manfaat"), not of
  // an acronym ("ASEAN", "PPDB") or a word with capitals inside.
  bool ordinary = h.size() > 1 && std::isupper(static_cast<unsigned char>(h[0])) &&
                  std::islower(static_cast<unsigned char>(h[1]));
  if (ordinary) h[0] = static_cast<char>(std::tolower(static_cast<unsigned char>(h[0])));
  return "Apa " + h + "?";
}

std::string question_key(std::string_view text) {
  // ASCII by hand, not <cctype>: the locale-aware calls were 3% of an
  // answer's instructions (callgrind on `tanya eval`, six keys per answer).
  text = trim(text);
  std::string out(text.size(), ' ');
  size_t n = 0;
  for (char c : text) {
    if (c == ' ' || (c >= '\t' && c <= '\r')) {
      if (n > 0 && out[n - 1] != ' ') out[n++] = ' ';
    } else {
      out[n++] = c >= 'A' && c <= 'Z' ? static_cast<char>(c + 32) : c;
    }
  }
  out.resize(n);
  while (!out.empty() && (out.back() == '?' || out.back() == '.' || out.back() == '!' || out.back() == ' '))
    out.pop_back();
  return out;
}

std::vector<std::string> pick_unseen(const std::vector<std::string>& candidates, const Conversation* conv, size_t n) {
  std::vector<std::string> out, keys;
  for (const auto& c : candidates) {
    if (out.size() >= n) break;
    std::string key = question_key(c);
    if (key.empty() || std::find(keys.begin(), keys.end(), key) != keys.end()) continue;
    if (conv && std::find(conv->seen.begin(), conv->seen.end(), key) != conv->seen.end()) continue;
    keys.push_back(std::move(key));
    out.push_back(c);
  }
  return out;
}

void remember_seen(Conversation* conv, const std::vector<std::string>& texts) {
  if (!conv) return;
  for (const auto& t : texts) {
    std::string key = question_key(t);
    if (key.empty()) continue;
    conv->seen.erase(std::remove(conv->seen.begin(), conv->seen.end(), key), conv->seen.end());
    conv->seen.push_back(std::move(key));
  }
  if (conv->seen.size() > kSeenMax) conv->seen.erase(conv->seen.begin(), conv->seen.end() - kSeenMax);
}

}  // namespace tanya

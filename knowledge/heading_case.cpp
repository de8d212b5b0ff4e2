#include "knowledge/heading_case.hpp"

#include <cctype>
#include <string>
#include <unordered_map>

namespace tanya {

namespace {

// A word of a heading in capitals this short that the text never writes
// otherwise is taken for an acronym ("FAQ", "UKS", "PPDB").
constexpr size_t kShortWord = 4;

bool upper(char c) { return std::isupper(static_cast<unsigned char>(c)) != 0; }
bool lower(char c) { return std::islower(static_cast<unsigned char>(c)) != 0; }
bool letter(char c) { return std::isalpha(static_cast<unsigned char>(c)) != 0; }

// Written in capitals: three letters or more and none small.
bool in_capitals(const std::string& s) {
  size_t letters = 0;
  for (char c : s) {
    if (lower(c)) return false;
    letters += letter(c);
  }
  return letters >= 3;
}

std::string lowercase(std::string s) {
  for (char& c : s) c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
  return s;
}

// How the text writes each word inside a sentence: in capitals ("KIP",
// "UTBK": an acronym) or with a capital first ("Padasuka": a name). A
// sentence's first word tells nothing.
struct Forms {
  std::unordered_map<std::string, bool> acronym, name, plain;  // plain: written other than in capitals anywhere
  void read(const std::string& text) {
    bool sentence_start = true;
    size_t i = 0;
    while (i < text.size()) {
      if (!letter(text[i])) {
        if (text[i] == '.' || text[i] == '!' || text[i] == '?' || text[i] == '\n' || text[i] == ':') sentence_start = true;
        ++i;
        continue;
      }
      size_t j = i;
      while (j < text.size() && letter(text[j])) ++j;
      const std::string word = text.substr(i, j - i);
      const std::string key = lowercase(word);
      bool caps = word.size() >= 2;
      for (char c : word) caps = caps && upper(c);
      if (caps) acronym[key] = true;
      else if (!sentence_start && upper(word[0])) name[key] = true;
      if (!caps) plain[key] = true;
      sentence_start = false;
      i = j;
    }
  }
};

std::string recased(const std::string& heading, const Forms& forms) {
  std::string out;
  bool first = true;
  size_t i = 0;
  while (i < heading.size()) {
    if (!letter(heading[i])) {
      out.push_back(heading[i++]);
      continue;
    }
    size_t j = i;
    while (j < heading.size() && letter(heading[j])) ++j;
    std::string word = heading.substr(i, j - i);
    const std::string key = lowercase(word);
    // Kept as written: an acronym the text writes so ("SMA"), one letter
    // (the "H" of "1447 H"), and a short word the text never writes small
    // ("FAQ", "UKS": likely an acronym).
    const bool kept = word.size() == 1 || forms.acronym.count(key) ||
                      (word.size() <= kShortWord && !forms.plain.count(key));
    if (!kept) {
      word = key;
      if (first || forms.name.count(key)) word[0] = static_cast<char>(std::toupper(static_cast<unsigned char>(word[0])));
    }
    first = false;
    out += word;
    i = j;
  }
  return out;
}

// "WAKTU DAN TEMPAT:" → "WAKTU DAN TEMPAT": a colon announcing what follows
// is no part of the heading's name.
std::string without_colon(std::string s) {
  while (!s.empty() && (s.back() == ':' || s.back() == ' ')) s.pop_back();
  return s;
}

}  // namespace

void recase_headings(Article* article) {
  Forms forms;
  bool any = in_capitals(article->title);
  for (auto& s : article->sections) {
    s = without_colon(s);
    any = any || in_capitals(s);
  }
  if (!any) return;
  for (const auto& u : article->units) {
    forms.read(u.question);
    forms.read(u.text);
  }
  if (in_capitals(article->title)) article->title = recased(article->title, forms);
  for (auto& s : article->sections)
    if (in_capitals(s)) s = recased(s, forms);
}

}  // namespace tanya

#include "index/article_aliases.hpp"

#include <algorithm>
#include <cctype>

namespace tanya {

namespace {

// Words that make a sentence define what comes before them.
bool defining_verb(const std::string& w) {
  static const char* const kVerbs[] = {"adalah", "merupakan", "ialah", "yaitu", "yakni", "disebut", "berarti"};
  return std::any_of(std::begin(kVerbs), std::end(kVerbs), [&](const char* v) { return w == v; });
}

// Nothing but spaces and emphasis marks between two tokens: the same sentence
// and no punctuation ("Perundungan atau *bullying* adalah").
bool joined(std::string_view text, const Token& a, const Token& b) {
  for (size_t i = a.end; i < b.start && i < text.size(); ++i)
    if (text[i] != ' ' && text[i] != '*' && text[i] != '_') return false;
  return true;
}

// A sentence starts at `t`: first in the text, or after . ! ? or a line break.
// Not after a colon: what follows a label is no subject ("Level IV (Awas):
// Letusan sedang atau segera terjadi" is a choice of two states).
bool starts_sentence(std::string_view text, const std::vector<Token>& tokens, size_t i) {
  if (i == 0) return true;
  for (size_t k = tokens[i - 1].end; k < tokens[i].start && k < text.size(); ++k)
    if (text[k] == '.' || text[k] == '!' || text[k] == '?' || text[k] == '\n') return true;
  return false;
}

bool acronym_like(std::string_view raw) {
  size_t upper = 0;
  for (char c : raw) {
    if (std::isupper(static_cast<unsigned char>(c))) ++upper;
    else if (!std::isalnum(static_cast<unsigned char>(c)) && c != '-') return false;
  }
  return upper >= 2 && raw.size() <= 10;
}

// The word starts what the sentence says about its subject: a defining verb or
// a verb formed with ber-, me-, di- or ter- ("eritrosit berbentuk", "leukosit
// berperan"). After one word, it tells that the name has ended ("Sel darah
// merah atau eritrosit berbentuk …"), where "pembuluh balik" or "sirkulasi
// sistemik" goes on.
bool starts_predicate(const std::string& w) {
  if (defining_verb(w)) return true;
  if (w.size() < 6) return false;
  for (const char* prefix : {"ber", "me", "di", "ter"})
    if (w.rfind(prefix, 0) == 0) return true;
  return false;
}

}  // namespace

size_t acronym_span(std::string_view acronym, const std::vector<std::string>& words) {
  // Walk the acronym's letters from its end through the words from their end;
  // the first letter must start a word.
  std::string joined_words;
  std::vector<size_t> word_start;
  for (const auto& w : words) {
    if (!joined_words.empty()) joined_words += ' ';
    word_start.push_back(joined_words.size());
    joined_words += w;
  }
  long s = static_cast<long>(acronym.size()) - 1, l = static_cast<long>(joined_words.size()) - 1;
  while (s >= 0) {
    const char c = static_cast<char>(std::tolower(static_cast<unsigned char>(acronym[s])));
    if (!std::isalnum(static_cast<unsigned char>(c))) {
      --s;
      continue;
    }
    while (l >= 0 && (joined_words[l] != c ||
                      (s == 0 && l > 0 && std::isalnum(static_cast<unsigned char>(joined_words[l - 1])))))
      --l;
    if (l < 0) return 0;
    --l;
    --s;
  }
  const size_t begin = static_cast<size_t>(l + 1);
  size_t first = 0;
  while (first < word_start.size() && word_start[first] != begin) ++first;
  return first < words.size() ? words.size() - first : 0;
}

std::vector<ArticleAlias> find_aliases(std::string_view text, const std::vector<Token>& tokens,
                                       const Analyzer& analyzer) {
  // How far back an acronym's words may reach, and how long a name before
  // "atau" may be: the usual lengths of such names.
  constexpr size_t kMaxNameWords = 3;
  std::vector<ArticleAlias> out;
  for (size_t i = 0; i < tokens.size(); ++i) {
    // "A atau B …" at the start of a sentence.
    if (starts_sentence(text, tokens, i)) {
      for (size_t n = 1; n <= kMaxNameWords && i + n + 1 < tokens.size(); ++n) {
        bool together = true;
        for (size_t k = i; k + 1 <= i + n + 1; ++k) together = together && joined(text, tokens[k], tokens[k + 1]);
        if (!together) break;
        if (tokens[i + n].surface != "atau") continue;
        const Token& b = tokens[i + n + 1];
        // A word hunspell-id lacks is a term and ends there; a known word may
        // begin a longer name ("Vena atau pembuluh balik membawa …"), so it
        // counts only when the predicate starts right after it.
        // Two everyday words are more often a choice ("Teman atau guru
        // melapor …"): after one word, only a defining verb makes them names.
        const bool ends = i + n + 2 < tokens.size() && joined(text, b, tokens[i + n + 2]) &&
                          (n == 1 ? defining_verb(tokens[i + n + 2].surface) : starts_predicate(tokens[i + n + 2].surface));
        const bool term = !analyzer.known_word(b.surface);
        if ((ends || term) && !analyzer.is_stopword(b.surface)) {
          ArticleAlias a;
          for (size_t k = i; k < i + n; ++k) a.name.push_back(tokens[k].surface);
          a.other = b.surface;
          if (a.name.size() > 1 || a.name[0] != a.other) out.push_back(std::move(a));
        }
        break;
      }
    }
    const std::string_view raw = text.substr(tokens[i].start, tokens[i].end - tokens[i].start);
    if (!acronym_like(raw)) continue;
    const bool bracketed = i > 0 && tokens[i].start > 0 && text[tokens[i].start - 1] == '(' &&
                           tokens[i].end < text.size() && text[tokens[i].end] == ')';
    // "… Long Name (ACR)", "… Long Name atau ACR": the words before it.
    const bool after_atau = i > 1 && tokens[i - 1].surface == "atau" && joined(text, tokens[i - 1], tokens[i]);
    if (bracketed || after_atau) {
      const size_t last = bracketed ? i : i - 1;  // the name ends before the bracket or before "atau"
      std::vector<std::string> before;
      for (size_t k = last; k > 0 && before.size() < raw.size() + kMaxNameWords; --k) {
        if (k < last && !joined(text, tokens[k - 1], tokens[k])) break;
        if (k == last && bracketed && tokens[k - 1].end + 2 < tokens[k].start) break;  // "name (ACR)": a space and the bracket
        if (k == last && !bracketed && !joined(text, tokens[k - 1], tokens[k])) break;
        before.insert(before.begin(), tokens[k - 1].surface);
      }
      const size_t span = acronym_span(raw, before);
      if (span >= 2) {
        ArticleAlias a;
        a.name.assign(before.end() - static_cast<long>(span), before.end());
        a.other = tokens[i].surface;
        out.push_back(std::move(a));
        continue;
      }
    }
    // "ACR atau Long Name …", "ACR (Long Name)": the fewest words after it
    // whose initials it spells.
    const bool opens_bracket = i + 1 < tokens.size() && tokens[i].end + 1 < text.size() &&
                               text.substr(tokens[i].end, 2) == " (" && tokens[i + 1].start == tokens[i].end + 2;
    const bool before_atau = i + 2 < tokens.size() && tokens[i + 1].surface == "atau" &&
                             joined(text, tokens[i], tokens[i + 1]) && joined(text, tokens[i + 1], tokens[i + 2]);
    if (!opens_bracket && !before_atau) continue;
    std::vector<std::string> after;
    for (size_t k = i + (opens_bracket ? 1 : 2); k < tokens.size() && after.size() < raw.size() + kMaxNameWords; ++k) {
      after.push_back(tokens[k].surface);
      if (after.size() >= 2 && acronym_span(raw, after) == after.size()) {
        ArticleAlias a;
        a.name = after;
        a.other = tokens[i].surface;
        out.push_back(std::move(a));
        break;
      }
      if (k + 1 < tokens.size() && !joined(text, tokens[k], tokens[k + 1])) break;
    }
  }
  return out;
}

std::vector<ArticleAlias> find_spelled_names(std::string_view text, const std::vector<Token>& tokens) {
  // Written with a capital and then small letters: a word of a name, not an
  // acronym ("KTP") nor a lowercase word.
  auto capitalised = [&](const Token& t) {
    if (t.end - t.start < 2 || t.start + 1 >= text.size()) return false;
    const char first = text[t.start], second = text[t.start + 1];
    return first >= 'A' && first <= 'Z' && second >= 'a' && second <= 'z';
  };
  std::vector<ArticleAlias> out;
  size_t i = 0;
  while (i < tokens.size()) {
    size_t j = i;
    while (j < tokens.size() && capitalised(tokens[j]) &&
           (j == i || (tokens[j].start == tokens[j - 1].end + 1 && text[tokens[j - 1].end] == ' ')))
      ++j;
    for (size_t a = i; a + kMinSpelledWords <= j; ++a)
      for (size_t b = a + kMinSpelledWords; b <= j; ++b) {
        ArticleAlias alias;
        for (size_t k = a; k < b; ++k) {
          alias.name.push_back(tokens[k].surface);
          alias.other += tokens[k].surface[0];
        }
        out.push_back(std::move(alias));
      }
    i = j > i ? j : i + 1;
  }
  return out;
}

}  // namespace tanya

#include "index/analyzer.hpp"

#include <hunspell/hunspell.hxx>
#include <libstemmer.h>

#include <algorithm>
#include <atomic>
#include <cctype>
#include <filesystem>

#include "knowledge/base/utf8.hpp"

namespace tanya {

namespace {

// Words for a parent that are also the titles of address before a name
// ("Ibu Ratna", "Pak Slamet"); Analyzer::analyze.
constexpr std::string_view kParentTitles[] = {"bapak", "ibu", "pak", "bu"};
// After these the same words give an epithet, a father of something: "diangkat
// sebagai Bapak Koperasi Indonesia", "dijuluki Bapak Pramuka" (a question
// asks "siapa yang digelari bapak koperasi?").
constexpr std::string_view kEpithetVerbs[] = {"sebagai", "dijuluki", "disebut", "digelari",
                                              "bergelar", "julukan",  "gelar"};

template <size_t N>
bool one_of(const std::string_view (&words)[N], std::string_view w) {
  return std::find(std::begin(words), std::end(words), w) != std::end(words);
}

constexpr size_t kMaxStemBytes = 64;  // longer tokens pass through, as in FTS5's porter
// Words one thread remembers: the hunspell-id words a site's articles and its
// students use are some thousands; the bound only stops hostile input (every
// question new words) from growing memory, at about 10 MB per thread.
constexpr size_t kMaxThreadMemo = 100000;
// Longest root read as one syllable under menge-/penge- (cek, bom, klik): by
// hand, from KBBI's one-syllable roots; a longer root takes meN- instead.
constexpr size_t kMaxOneSyllableRoot = 4;

// What one thread has looked up for one analyzer. Per thread so that a lookup
// takes no lock: with a shared cache behind a shared_mutex every answer's
// words bounced the lock's cache line between the answering threads.
struct ThreadMemo {
  uint64_t analyzer = 0;
  std::unordered_map<std::string, std::string> stems;
  std::unordered_map<std::string, bool> known;
};

ThreadMemo& memo(uint64_t analyzer) {
  thread_local ThreadMemo m;
  // Another analyzer (tests open several; a server one): start over rather
  // than keep words that analyzer's lexicon may stem otherwise.
  if (m.analyzer != analyzer || m.stems.size() + m.known.size() >= kMaxThreadMemo) {
    m.stems.clear();
    m.known.clear();
    m.analyzer = analyzer;
  }
  return m;
}

std::atomic<uint64_t> next_analyzer_id{1};

// hunspell-id's dictionary is ISO-8859-1; words outside it skip hunspell.
bool to_latin1(const std::string& utf, std::string* out) {
  out->clear();
  size_t pos = 0;
  while (pos < utf.size()) {
    char32_t cp = utf8::next(utf, &pos);
    if (cp == utf8::kInvalid || cp > 0xFF) return false;
    out->push_back(static_cast<char>(cp));
  }
  return true;
}

std::string from_latin1(const std::string& l1) {
  std::string out;
  for (unsigned char c : l1) utf8::append(&out, c);
  return out;
}

bool has_digit(std::string_view w) {
  for (char c : w)
    if (c >= '0' && c <= '9') return true;
  return false;
}

inline bool starts_with(std::string_view s, std::string_view prefix) { return s.starts_with(prefix); }

inline bool ends_with(std::string_view s, std::string_view suffix) { return s.ends_with(suffix); }

constexpr std::string_view kClitics[] = {"nya", "lah", "kah", "pun", "ku", "mu"};
constexpr std::string_view kNya = "nya";
constexpr std::string_view kLearnVerb = "pelajari";    // per- + ajar + -i
constexpr std::string_view kLearnStem = "belajar";
// The shortest root se- is read off (sekamar → kamar); by hand: shorter
// roots ("seni" → "ni", "sepi" → "pi") are words of their own.
constexpr size_t kMinSeRoot = 4;
constexpr std::string_view kLessonNoun = "pelajaran";

// A reduplicated word, written "first-second" or in chat "first2rest", as the
// one word it stands for, or "" when it is none:
//  - negara-negara → negara; with a pronoun or particle after it, the word
//    keeps it (jenis-jenisnya, jenis2nya → jenisnya);
//  - with -an it is the root (besar-besaran, kecil-kecilan → besar, kecil):
//    "besaran" alone is another word (a quantity);
//  - a prefixed word and its root (bermain-main, berlari-lari) → the
//    prefixed word.
std::string reduplicated(const std::string& first, const std::string& second) {
  if (first.size() < 2 || second.size() < 2) return "";
  if (first == second) return first;
  if (second.size() > first.size() && second.compare(0, first.size(), first) == 0) {
    const std::string rest = second.substr(first.size());
    if (rest == "an") return first;
    if (rest == "nya" || rest == "mu" || rest == "ku" || rest == "lah") return second;
    return "";
  }
  if (first.size() > second.size() + 1 && second.size() >= 3 &&
      first.compare(first.size() - second.size(), second.size(), second) == 0)
    return first;
  return "";
}

// The value of a Roman numeral written the canonical way ("x", "xii",
// "xix"), up to 100; 0 for anything else ("ci", "mix", "il").
int roman_value(const std::string& w) {
  if (w.empty() || w.size() > 8 || w.find_first_not_of("ivxlc") != std::string::npos) return 0;
  auto digit = [](char c) { return c == 'i' ? 1 : c == 'v' ? 5 : c == 'x' ? 10 : c == 'l' ? 50 : 100; };
  int value = 0;
  for (size_t i = 0; i < w.size(); ++i) {
    const int d = digit(w[i]);
    value += i + 1 < w.size() && digit(w[i + 1]) > d ? -d : d;
  }
  if (value < 1 || value > 100) return 0;
  // Only the canonical spelling: the value written back must be the word.
  static const std::pair<int, std::string_view> kParts[] = {{100, "c"}, {90, "xc"}, {50, "l"}, {40, "xl"}, {10, "x"},
                                                             {9, "ix"},   {5, "v"},   {4, "iv"}, {1, "i"}};
  std::string back;
  int rest = value;
  for (const auto& [v, s] : kParts)
    while (rest >= v) back += s, rest -= v;
  return back == w ? value : 0;
}

// A unit word's value ("satu" … "sembilan": 1–9), or 0.
int unit_word(std::string_view w) {
  static const std::string_view kUnits[] = {"satu", "dua", "tiga", "empat", "lima", "enam", "tujuh", "delapan", "sembilan"};
  for (int u = 0; u < 9; ++u)
    if (w == kUnits[u]) return u + 1;
  return 0;
}

// An amount in words starting at tokens[i] ("dua puluh lima ribu", "seratus",
// "lima ratus ribu"): its value and how many tokens it takes; 0 when the
// words there are no such amount. A unit word alone ("lima", "dua") is a word:
// only a run with a multiplier (belas, puluh, ratus, ribu, juta) or a se- form
// (sepuluh, seratus) is read.
long long amount_words(std::string_view text, const std::vector<Token>& tokens, size_t i, size_t* used) {
  long long total = 0, group = 0, pending = 0;
  bool multiplier = false;
  size_t k = i;
  for (; k < tokens.size(); ++k) {
    // One amount is written in one run of words: a comma ends it.
    if (k > i && text.substr(tokens[k - 1].end, tokens[k].start - tokens[k - 1].end).find_first_not_of(" ") !=
                     std::string_view::npos)
      break;
    std::string_view w = tokens[k].surface;
    // An ordinal in words is its figure ("abad kesepuluh", "kesembilan
    // belas"), as "ke-10" is written, "ke" a word of its own. "kedua" alone
    // stays a word, as a unit word does.
    if (k == i && w.size() > 4 && w.substr(0, 2) == "ke") {
      std::string_view rest = w.substr(2);
      if (unit_word(rest) || rest == "sepuluh" || rest == "sebelas" || rest == "seratus") w = rest;
    }
    if (const long long unit = unit_word(w)) {
      if (pending) break;  // "dua tiga": two numbers, not one
      pending = unit;
      continue;
    }
    if (w == "sepuluh" || w == "sebelas" || w == "seratus") {
      if (pending) break;
      group += w == "sepuluh" ? 10 : w == "sebelas" ? 11 : 100;
      multiplier = true;
      continue;
    }
    if (w == "seribu" || w == "sejuta") {
      if (pending) break;
      total += (group + 1) * (w == "seribu" ? 1000 : 1000000) - group;
      group = 0;
      multiplier = true;
      continue;
    }
    if (w == "belas" && pending >= 2) group += 10 + pending;
    else if (w == "puluh" && pending) group += pending * 10;
    else if (w == "ratus" && pending) group += pending * 100;
    else if ((w == "ribu" || w == "juta") && (pending || group)) {
      total += (group + pending) * (w == "ribu" ? 1000 : 1000000);
      group = 0;
    } else {
      break;
    }
    pending = 0;
    multiplier = true;
  }
  if (!multiplier) return 0;
  *used = k - i;
  return total + group + pending;
}

// A figure as an article writes it, by its groups: 25000 ("Rp25.000") is
// "25" "000".
std::vector<std::string> figure_groups(long long value) {
  std::string digits = std::to_string(value);
  std::vector<std::string> out;
  size_t first = digits.size() % 3 == 0 ? 3 : digits.size() % 3;
  out.push_back(digits.substr(0, first));
  for (size_t at = first; at < digits.size(); at += 3) out.push_back(digits.substr(at, 3));
  return out;
}

}  // namespace

Result<std::shared_ptr<const Analyzer>> Analyzer::create(std::shared_ptr<const Lexicon> lexicon,
                                                         const std::string& hunspell_dir) {
  std::string aff = hunspell_dir + "/id_ID.aff";
  std::string dic = hunspell_dir + "/id_ID.dic";
  if (!std::filesystem::exists(aff) || !std::filesystem::exists(dic))
    return make_error("io", "hunspell-id dictionary not found in " + hunspell_dir + " (apt-get install hunspell-id)");
  std::shared_ptr<Analyzer> a(new Analyzer());
  a->lexicon_ = std::move(lexicon);
  a->id_ = next_analyzer_id++;
  a->hunspell_ = std::make_unique<Hunspell>(aff.c_str(), dic.c_str());
  a->snowball_ = sb_stemmer_new("indonesian", "UTF_8");
  if (!a->snowball_) return make_error("io", "libstemmer has no Indonesian stemmer");
  return std::shared_ptr<const Analyzer>(std::move(a));
}

Analyzer::~Analyzer() {
  if (snowball_) sb_stemmer_delete(snowball_);
}

bool Analyzer::is_stopword(std::string_view surface) const {
  if (lexicon_->stopwords.count(std::string(surface))) return true;
  // "itulah", "apakah": a stop word with a clitic is still a stop word.
  for (auto clitic : kClitics)
    if (ends_with(surface, clitic) && surface.size() > clitic.size() + 1 &&
        lexicon_->stopwords.count(std::string(surface.substr(0, surface.size() - clitic.size()))))
      return true;
  return false;
}

std::vector<Token> Analyzer::tokenize(std::string_view text) const {
  std::vector<Token> out;
  out.reserve(text.size() / 4 + 1);
  size_t pos = 0;
  auto emit = [&](std::string word, size_t start, size_t end) {
    if (word.empty()) return;
    // The rules for figures below only where there is one (most words have none).
    if (!has_digit(word)) {
      if (auto compound = lexicon_->compounds.find(word); compound != lexicon_->compounds.end()) {
        for (const auto& part : compound->second)
          out.push_back(Token{part, "", static_cast<uint32_t>(start), static_cast<uint32_t>(end), false});
        return;
      }
      out.push_back(Token{std::move(word), "", static_cast<uint32_t>(start), static_cast<uint32_t>(end), false});
      return;
    }
    // negara2 → negara: the chat way of writing reduplication, read as the
    // hyphenated form is (jenis2nya as jenis-jenisnya).
    if (size_t two = word.find('2'); two != std::string::npos && two > 2 && !has_digit(word.substr(0, two))) {
      const std::string root = word.substr(0, two), rest = word.substr(two + 1);
      if (rest.empty() && lexicon_->stopwords.count(root + "-" + root)) word = root + "-" + root;
      else if (rest.empty()) word = root;
      else if (std::string one = reduplicated(root, root + rest); !one.empty()) word = one;
    }
    // Rp10.000: the currency and the amount, so that "rupiah" (a synonym of
    // "rp") finds a price written the usual Indonesian way.
    if (word.size() > 2 && word[0] == 'r' && word[1] == 'p' && word[2] >= '0' && word[2] <= '9') {
      out.push_back(Token{"rp", "", static_cast<uint32_t>(start), static_cast<uint32_t>(start + 2), false});
      word.erase(0, 2);
      start += 2;
    }
    // 6CO2, 6H2O: a coefficient before a formula is a number of its own, so
    // that "CO2" finds the equation (a figure before letters alone stays one
    // word: "10km", "5g").
    if (size_t letters = word.find_first_not_of("0123456789"); letters > 0 && letters != std::string::npos &&
                                                                 std::isalpha(static_cast<unsigned char>(word[letters])) &&
                                                                 has_digit(word.substr(letters))) {
      out.push_back(Token{word.substr(0, letters), "", static_cast<uint32_t>(start), static_cast<uint32_t>(start + letters), false});
      word.erase(0, letters);
      start += letters;
    }
    auto compound = lexicon_->compounds.find(word);
    if (compound != lexicon_->compounds.end()) {
      for (const auto& part : compound->second)
        out.push_back(Token{part, "", static_cast<uint32_t>(start), static_cast<uint32_t>(end), false});
      return;
    }
    out.push_back(Token{std::move(word), "", static_cast<uint32_t>(start), static_cast<uint32_t>(end), false});
  };

  std::vector<std::pair<std::string, std::pair<size_t, size_t>>> parts;  // of the word being read
  while (pos < text.size()) {
    size_t start = pos;
    char32_t cp = utf8::next(text, &pos);
    // "10%", "35 %": the sign after a figure is the word "persen", so that
    // "berapa persen" finds the share an article writes with the sign.
    if (cp == '%' && !out.empty() && has_digit(out.back().surface) && out.back().end + 1 >= start) {
      out.push_back(Token{"persen", "", static_cast<uint32_t>(start), static_cast<uint32_t>(pos), false});
      continue;
    }
    if (!utf8::is_word_char(cp)) continue;
    // A word runs over word characters and single hyphens between them.
    parts.clear();
    std::string current;
    size_t part_start = start;
    utf8::append_folded(&current, cp);
    size_t end = pos;
    while (pos < text.size()) {
      // An ASCII letter or digit, the commonest case, without decoding.
      if (const unsigned char b = static_cast<unsigned char>(text[pos]);
          ((b | 0x20) >= 'a' && (b | 0x20) <= 'z') || (b >= '0' && b <= '9')) {
        current.push_back(static_cast<char>(b >= 'A' && b <= 'Z' ? b + 32 : b));
        end = ++pos;
        continue;
      }
      size_t here = pos;
      char32_t c = utf8::next(text, &pos);
      if (utf8::is_word_char(c)) {
        utf8::append_folded(&current, c);
        end = pos;
        continue;
      }
      // "ke\u200crja": a zero-width character inside a word is no break.
      if (utf8::ignorable(c)) {
        size_t after = pos;
        char32_t d = 0;
        do d = after < text.size() ? utf8::next(text, &after) : utf8::kInvalid;
        while (utf8::ignorable(d));
        if (utf8::is_word_char(d)) continue;
      }
      if (c == '-' && pos < text.size()) {
        size_t after = pos;
        char32_t d = utf8::next(text, &after);
        if (utf8::is_word_char(d)) {
          parts.push_back({std::move(current), {part_start, end}});
          current.clear();
          part_start = pos;
          continue;
        }
      }
      pos = here;
      break;
    }
    parts.push_back({std::move(current), {part_start, end}});
    // "non-elektronik", "non elektronik": the bound prefix and its word are one
    // word, as the standard spelling writes it (nonelektronik, nonformal); its
    // parts would match the very word it negates ("yang elektronik").
    if (parts.size() == 2 && parts[0].first == "non") {
      emit(parts[0].first + parts[1].first, start, end);
      continue;
    }
    // A reduplicated word is one word; other hyphenated words are their parts.
    // One listed whole as a stop word keeps its whole form: "tiba-tiba"
    // (suddenly) is no "tiba" (to arrive).
    if (parts.size() == 2 && parts[0].first == parts[1].first &&
        lexicon_->stopwords.count(parts[0].first + "-" + parts[1].first)) {
      emit(parts[0].first + "-" + parts[1].first, start, end);
    } else if (std::string one = parts.size() == 2 ? reduplicated(parts[0].first, parts[1].first) : "";
        !one.empty()) {
      emit(std::move(one), start, end);
    } else {
      for (auto& p : parts) emit(std::move(p.first), p.second.first, p.second.second);
    }
  }
  // "dua puluh lima ribu" → "25" "000", and "25 ribu" too: amounts as an
  // article writes their figures ("Rp25.000"), in questions and articles alike.
  for (size_t i = 0; i < out.size(); ++i) {
    size_t used = 0;
    std::vector<std::string> groups;
    if (long long v = amount_words(text, out, i, &used); v > 0) {
      groups = figure_groups(v);
    } else if (i > 0 && has_digit(out[i - 1].surface) && (out[i].surface == "ribu" || out[i].surface == "juta") &&
               out[i].start == out[i - 1].end + 1) {
      groups.assign(out[i].surface == "ribu" ? 1 : 2, "000");
      used = 1;
    } else {
      continue;
    }
    Token figure = out[i];
    figure.end = out[i + used - 1].end;
    out.erase(out.begin() + static_cast<std::ptrdiff_t>(i), out.begin() + static_cast<std::ptrdiff_t>(i + used));
    for (size_t g = 0; g < groups.size(); ++g) {
      figure.surface = groups[g];
      out.insert(out.begin() + static_cast<std::ptrdiff_t>(i + g), figure);
    }
    i += groups.size() - 1;
  }
  // "kelas X", "kelas tujuh" → "kelas 10", "kelas 7": after a counted noun
  // (numbered_nouns.txt) a Roman numeral or a unit word is its figure.
  for (size_t i = 0; i + 1 < out.size(); ++i) {
    if (!lexicon_->numbered_nouns.count(out[i].surface)) continue;
    Token& next = out[i + 1];
    if (int v = roman_value(next.surface); v > 0) {
      next.surface = std::to_string(v);
    } else if (v = unit_word(next.surface); v > 0) {
      next.surface = std::to_string(v);  // "kelas tujuh"; "kelas dua belas" is an amount, below
    }
  }
  // "non elektronik" written apart: the same one word.
  for (size_t i = 0; i + 1 < out.size(); ++i)
    if (out[i].surface == "non" && out[i + 1].start == out[i].end + 1 && text[out[i].end] == ' ' &&
        !has_digit(out[i + 1].surface)) {
      out[i].surface += out[i + 1].surface;
      out[i].end = out[i + 1].end;
      out.erase(out.begin() + static_cast<std::ptrdiff_t>(i) + 1);
    }
  return out;
}

bool Analyzer::written_as_acronym(std::string_view text, const Token& token, size_t tokens) {
  if (token.end > text.size() || token.start >= token.end) return false;
  size_t letters = 0;
  for (size_t i = token.start; i < token.end; ++i) {
    const unsigned char c = static_cast<unsigned char>(text[i]);
    if (std::islower(c)) return false;
    if (std::isupper(c)) ++letters;
  }
  if (letters < 2) return false;
  if (tokens == 1) return true;
  return std::any_of(text.begin(), text.end(), [](char c) { return std::islower(static_cast<unsigned char>(c)) != 0; });
}

std::vector<Token> Analyzer::analyze(std::string_view text) const {
  std::vector<Token> tokens = tokenize(text);
  for (auto& t : tokens) {
    t.stop = is_stopword(t.surface) && !written_as_acronym(text, t, tokens.size());
    t.term = t.stop ? t.surface : stem(t.surface);
  }
  // "Ibu Dewi Anggraini", "Bapak Hendra": the words for mother and father
  // are titles before a name, no topic; indexed, "ayah atau ibu" in a
  // question drew the passage naming the school nurse (version 15). Not
  // after a verb of naming: "sebagai Bapak Koperasi" is what he is called.
  auto capital = [&](const Token& t) {
    return t.start < text.size() && std::isupper(static_cast<unsigned char>(text[t.start]));
  };
  for (size_t i = 0; i + 1 < tokens.size(); ++i) {
    Token& t = tokens[i];
    const bool epithet = i > 0 && one_of(kEpithetVerbs, tokens[i - 1].surface);
    if (one_of(kParentTitles, t.surface) && capital(t) && capital(tokens[i + 1]) && !epithet) {
      t.stop = true;
      t.term = t.surface;
    }
  }
  return tokens;
}

std::vector<std::string> Analyzer::hunspell_stems(const std::string& word) const {
  std::string l1;
  if (!to_latin1(word, &l1)) return {};
  std::lock_guard<std::mutex> lock(engine_mu_);
  return hunspell_->stem(l1);
}

bool Analyzer::known_word(std::string_view word) const {
  ThreadMemo& m = memo(id_);
  std::string w(word);
  if (auto it = m.known.find(w); it != m.known.end()) return it->second;
  std::string l1;
  bool known = false;
  if (to_latin1(w, &l1) && !l1.empty()) {
    std::lock_guard<std::mutex> lock(engine_mu_);
    known = hunspell_->spell(l1);
    // Words are analysed in lowercase, and hunspell-id lists names only
    // capitalised ("Eropa", "Jakarta"): "eropa" is a known word, not a typo.
    if (!known && l1[0] >= 'a' && l1[0] <= 'z') {
      l1[0] = static_cast<char>(l1[0] - 'a' + 'A');
      known = hunspell_->spell(l1);
    }
  }
  m.known.emplace(std::move(w), known);
  return known;
}

std::string Analyzer::stem(std::string_view word_view) const {
  std::string word(word_view);
  if (word.size() < 3 || word.size() > kMaxStemBytes || has_digit(word)) return word;
  // The memo first: a protected word is remembered as itself, so that a
  // word seen before costs one lookup, not two (stem() is called a hundred
  // times an answer: callgrind on `tanya eval`).
  const auto& stems = memo(id_).stems;
  if (auto it = stems.find(word); it != stems.end()) return it->second;
  std::string s = lexicon_->protected_words.count(word) ? word : compute_stem(word);
  memo(id_).stems.emplace(std::move(word), s);  // compute_stem may have filled the memo: look it up again
  return s;
}

std::string Analyzer::compute_stem(const std::string& word) const {
  // A word with -nya stems as the word does: hunspell-id takes "berlaku" as
  // a root but strips "berlakunya" to "laku", so that "berlakunya berapa
  // tahun?" missed the passage writing "berlaku" (other clitics: "masalah"
  // is no "masa" with -lah, so they keep hunspell's reading first).
  if (ends_with(word, "nya") && word.size() >= kNya.size() + 3) {
    std::string rest = word.substr(0, word.size() - kNya.size());
    if (!lexicon_->protected_words.count(rest) && known_word(rest)) return stem(rest);
  }
  // ber- and per- take the form bel- and pel- before one root only, "ajar"
  // (belajar, pelajari): the verbs of learning stem as "belajar", the form
  // hunspell-id keeps whole, so that "apa yang dipelajari?" finds "anggota
  // baru belajar …". hunspell-id reads them as "pelajar" (a student) or
  // "lajar" (no word). The nouns keep their own sense: "pelajar" (a student),
  // "pelajaran" (a lesson, "mata pelajaran").
  for (std::string_view prefix : {"", "di", "mem", "ter"}) {
    if (word.size() == prefix.size() + kLearnVerb.size() && starts_with(word, prefix) && ends_with(word, kLearnVerb))
      return std::string(kLearnStem);
  }
  if (word == kLessonNoun) return std::string(kLessonNoun);
  auto stems = hunspell_stems(word);
  // Of several stems, the one-syllable root right after menge-/penge-
  // (mengecek: "kecek" or "cek"; mengelas: "kelas" or "las").
  for (std::string_view prefix : {"menge", "penge"}) {
    if (stems.size() < 2 || !starts_with(word, prefix)) continue;
    for (auto& s : stems) {
      std::string u = from_latin1(s);
      if (u.size() >= 3 && u.size() <= kMaxOneSyllableRoot && word.compare(prefix.size(), u.size(), u) == 0) return u;
    }
  }
  // meng-/peng- before u: hunspell lists the root with k first (mengurus:
  // "kurus", "urus"); of the 11 such pairs in hunspell-id, the root without k
  // is meant in 6 (ukur, undang, urus, usut, uap, upil), with k in 3 (kuras,
  // kuak, kuli).
  for (std::string_view prefix : {"mengu", "pengu"}) {
    if (stems.size() < 2 || !starts_with(word, prefix)) continue;
    for (auto& s : stems) {
      std::string u = from_latin1(s);
      if (u.size() >= 3 && u[0] == 'u' && word.compare(prefix.size() - 1, u.size(), u) == 0) return u;
    }
  }
  for (auto& s : stems) {
    std::string u = from_latin1(s);
    if (u.size() >= 2) return u;
  }
  // Clitics hunspell does not know: diplomasinya → diplomasi.
  for (auto clitic : kClitics) {
    if (!ends_with(word, clitic) || word.size() < clitic.size() + 3) continue;
    std::string rest = word.substr(0, word.size() - clitic.size());
    if (lexicon_->protected_words.count(rest)) return rest;
    if (known_word(rest)) return stem(rest);
  }
  if (known_word(word)) return word;
  // A one-syllable root takes menge-/penge- (cek → mengecek, pengecekan) and
  // di- as any root does (dicek); hunspell-id lacks most such forms, and
  // Snowball's stems of them are too short to trust (below) or wrong
  // (mengecek → kecek).
  for (std::string_view prefix : {"menge", "penge", "di"}) {
    if (!starts_with(word, prefix)) continue;
    std::string rest = word.substr(prefix.size());
    for (std::string_view suffix : {"", "kan", "an", "i"}) {
      if (!ends_with(rest, suffix)) continue;
      std::string root = rest.substr(0, rest.size() - suffix.size());
      const bool one_syllable = root.size() <= kMaxOneSyllableRoot;
      if (root.size() >= 3 && (prefix == "di" || one_syllable) && known_word(root)) return stem(root);
    }
  }
  // pe- before a root in r (perundungan: pe- + rundung + -an) reads to
  // Snowball as per- before a root in a vowel ("undung"), while the verbs of
  // the same root keep its r (merundung, dirundung → "rundung"): a root in r
  // that the dictionary knows is the reading (hunspell-id lacks
  // "perundungan"; those it knows, "peraturan", "perumahan", never get here).
  if (starts_with(word, "per") && word.size() > 6 && std::string_view("aeiou").find(word[3]) != std::string_view::npos) {
    const std::string rest = word.substr(2);
    for (std::string_view suffix : {"an", "kan", "i", ""}) {
      if (!ends_with(rest, suffix)) continue;
      std::string root = rest.substr(0, rest.size() - suffix.size());
      if (root.size() >= 4 && known_word(root)) return stem(root);
    }
  }
  // se- ("one, the same": sekamar, sekelas, serumah, sebulan) before a noun
  // root: Snowball keeps no rule for it and hunspell-id lists few such forms,
  // so "sekamar isinya berapa?" missed "satu kamar dihuni empat siswa". The
  // forms hunspell knows (sekolah, sebelum, sedang) never get here.
  if (starts_with(word, "se") && word.size() >= 2 + kMinSeRoot) {
    const std::string rest = word.substr(2);
    if (known_word(rest)) return stem(rest);
  }
  // Snowball only for words hunspell does not know; it overstems short words.
  std::string out;
  {
    std::lock_guard<std::mutex> lock(engine_mu_);
    const sb_symbol* r = sb_stemmer_stem(snowball_, reinterpret_cast<const sb_symbol*>(word.data()),
                                         static_cast<int>(word.size()));
    if (r) out.assign(reinterpret_cast<const char*>(r), sb_stemmer_length(snowball_));
  }
  if (out.size() < 4) return word;
  return out;
}

}  // namespace tanya

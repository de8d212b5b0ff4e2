#include "index/colloquial.hpp"

#include <algorithm>

namespace tanya {

namespace {

bool vowel(char c) { return c == 'a' || c == 'e' || c == 'i' || c == 'o' || c == 'u'; }

bool starts(std::string_view s, std::string_view p) { return s.size() >= p.size() && s.substr(0, p.size()) == p; }
bool ends(std::string_view s, std::string_view p) {
  return s.size() >= p.size() && s.substr(s.size() - p.size()) == p;
}

int vowels(std::string_view s) { return static_cast<int>(std::count_if(s.begin(), s.end(), vowel)); }

// meN- + root, the nasal as the root's first letter takes it (KBBI's rules):
// baca → membaca, pakai → memakai, dengar → mendengar, tulis → menulis,
// sapu → menyapu, kirim → mengirim, ambil → mengambil, lihat → melihat; a root
// of one syllable takes menge- (cek → mengecek).
std::string men(std::string_view root) {
  std::string r(root);
  if (r.empty()) return r;
  if (vowels(r) == 1) return "menge" + r;
  char c = r[0];
  if (vowel(c)) return "meng" + r;
  switch (c) {
    case 'b': case 'f': case 'v': return "mem" + r;
    case 'p': return "mem" + r.substr(1);
    case 'c': case 'd': case 'j': case 'z': return "men" + r;
    case 't': return "men" + r.substr(1);
    case 's': return "meny" + r.substr(1);
    case 'k': return "meng" + r.substr(1);
    case 'g': case 'h': return "meng" + r;
    default: return "me" + r;  // l m n r w y
  }
}

// The roots a colloquial nasal prefix may stand on: "nge"+root, "ng"+vowel
// (root with or without k), "ny"+vowel (s or c), "n"+vowel (t), "m"+vowel (p).
std::vector<std::string> nasal_roots(std::string_view w) {
  std::vector<std::string> out;
  if (starts(w, "nge") && w.size() >= 6 && !vowel(w[3])) out.emplace_back(w.substr(3));
  // A one-letter nasal leaves a root as long as the word, so four letters
  // stand ("nari" → tari, "make" → pakai); "ng"/"ny" need five.
  if (w.size() == 4 && (w[0] == 'n' || w[0] == 'm') && vowel(w[1])) {
    out.push_back((w[0] == 'n' ? "t" : "p") + std::string(w.substr(1)));
    return out;
  }
  if (w.size() < 5) return out;
  if (starts(w, "ng") && vowel(w[2])) {
    out.emplace_back(w.substr(2));
    out.push_back("k" + std::string(w.substr(2)));
  } else if (starts(w, "ny") && vowel(w[2])) {
    out.push_back("c" + std::string(w.substr(2)));
    out.push_back("s" + std::string(w.substr(2)));
  } else if (w[0] == 'n' && vowel(w[1])) {
    out.push_back("t" + std::string(w.substr(1)));
  } else if (w[0] == 'm' && vowel(w[1])) {
    out.push_back("p" + std::string(w.substr(1)));
  }
  return out;
}

// A dropped h: between two vowels (tau → tahu, liat → lihat), at the start
// (abis → habis) or at the end (uda → udah).
std::vector<std::string> with_h(const std::string& r) {
  std::vector<std::string> out;
  size_t n = r.size();
  for (size_t i = 1; i < n; ++i)
    if (vowel(r[i - 1]) && vowel(r[i])) out.push_back(r.substr(0, i) + "h" + r.substr(i));
  if (vowel(r[0])) out.push_back("h" + r);
  if (vowel(r[n - 1])) out.push_back(r + "h");
  return out;
}

// The root as standard Indonesian spells its last syllable, the root itself
// first: pake → pakai, dapet → dapat, kalo → kalau; then with a dropped h
// put back, for a root under a prefix too (ngeliat → melihat).
std::vector<std::string> spellings(const std::string& r) {
  std::vector<std::string> out{r};
  size_t n = r.size();
  if (n < 3) return out;
  if (r[n - 1] == 'e' && !vowel(r[n - 2])) out.push_back(r.substr(0, n - 1) + "ai");
  if (r[n - 1] == 'o' && !vowel(r[n - 2])) out.push_back(r.substr(0, n - 1) + "au");
  // After a consonant, or after i or u (diem → diam, as bener → benar).
  if (!vowel(r[n - 1]) && r[n - 2] == 'e' && (!vowel(r[n - 3]) || r[n - 3] == 'i' || r[n - 3] == 'u') &&
      vowels(r) >= 2)
    out.push_back(r.substr(0, n - 2) + "a" + r[n - 1]);
  for (auto& h : with_h(r)) out.push_back(std::move(h));
  // A dropped schwa between two consonants (telpon → telepon, brani →
  // berani); ng, ny, kh and sy are one sound.
  for (size_t i = 1; i < n; ++i) {
    const std::string_view pair = std::string_view(r).substr(i - 1, 2);
    if (!vowel(r[i - 1]) && !vowel(r[i]) && pair != "ng" && pair != "ny" && pair != "kh" && pair != "sy")
      out.push_back(r.substr(0, i) + "e" + r.substr(i));
  }
  return out;
}

}  // namespace

std::vector<ColloquialForm> colloquial_forms(std::string_view input) {
  std::vector<ColloquialForm> out;
  if (input.size() < 3 || input.size() > 40) return out;
  for (char c : input)
    if (c < 'a' || c > 'z') return out;  // digits, other scripts: nothing to say
  auto add = [&](std::string w, const char* rule) {
    if (w.size() < 2 || w == input) return;
    for (const auto& f : out)
      if (f.word == w) return;
    out.push_back({std::move(w), rule});
  };

  std::string w(input);
  // -nya after a colloquial form: bantuinnya → bantuin.
  if (ends(w, "nya") && w.size() >= 7) w.resize(w.size() - 3);

  // Suffixes: -in stands for -kan or -i (bantuin → bantukan, bantui).
  struct Split {
    std::string body;
    std::vector<std::string> suffixes;  // standard suffixes to try, "" = none
  };
  std::vector<Split> splits;
  if (ends(w, "in") && w.size() >= 6)
    splits.push_back({w.substr(0, w.size() - 2), {"kan", "i", ""}});
  splits.push_back({w, {""}});

  for (const auto& s : splits) {
    const bool in_suffix = s.suffixes.size() > 1;
    const char* suffix_rule = in_suffix ? "-in" : "spelling";
    // Nasal prefixes: meN- + root (+ suffix), then the bare root.
    for (const auto& root : nasal_roots(s.body)) {
      for (const auto& r : spellings(root)) {
        for (const auto& suf : s.suffixes) add(men(r) + suf, in_suffix ? "nasal -in" : "nasal");
      }
      for (const auto& r : spellings(root)) add(r, "nasal root");
    }
    // di- keeps its prefix: dipake → dipakai, dijelasin → dijelaskan.
    if (starts(s.body, "di") && s.body.size() >= 5) {
      for (const auto& r : spellings(s.body.substr(2)))
        for (const auto& suf : s.suffixes) add("di" + r + suf, in_suffix ? "di- -in" : "di- spelling");
    }
    // ke-…-an of excess (kegedean, kemahalan) → the root.
    if (!in_suffix && starts(s.body, "ke") && ends(s.body, "an") && s.body.size() >= 7) {
      for (const auto& r : spellings(s.body.substr(2, s.body.size() - 4))) add(r, "ke-an");
    }
    // A noun of -an on a root starting ke- ("kerjaan": pekerjaan, of
    // kerja), which the ke-…-an reading above would cut to "rja" (and a
    // dropped schwa to "reja"): the root with its ke.
    if (!in_suffix && starts(s.body, "ke") && ends(s.body, "an") && s.body.size() >= 7)
      add(s.body.substr(0, s.body.size() - 2), "-an root");
    for (const auto& r : spellings(s.body))
      for (const auto& suf : s.suffixes) add(r + suf, suffix_rule);
  }
  if (w != input) add(w, "-nya");
  return out;
}

// Abbreviations ----------------------------------------------------------

std::vector<std::string> Abbreviations::skeletons(std::string_view word) {
  std::vector<std::string> out;
  if (word.size() < 3) return out;
  for (char c : word)
    if (c < 'a' || c > 'z') return out;
  // The first letter stays (utk, yg); the vowels after it go.
  std::string full(1, word[0]);
  for (size_t i = 1; i < word.size(); ++i)
    if (!vowel(word[i])) full.push_back(word[i]);
  auto add = [&](std::string s) {
    if (s.size() >= 2 && s != word && std::find(out.begin(), out.end(), s) == out.end()) out.push_back(std::move(s));
  };
  add(full);
  // Chat also drops n before a consonant (skrg, utk, yg) and h (sdh stays).
  std::string no_n;
  for (size_t i = 0; i < full.size(); ++i)
    if (!(i > 0 && full[i] == 'n' && i + 1 < full.size())) no_n.push_back(full[i]);
  add(no_n);
  return out;
}

void Abbreviations::add(const std::string& word, double rank) {
  for (auto& s : skeletons(word)) {
    auto it = best_.find(s);
    if (it == best_.end() || rank < it->second.second) best_[s] = {word, rank};
  }
}

std::string Abbreviations::expand(std::string_view a) const {
  if (a.size() < 2 || a.size() > 8) return "";
  for (size_t i = 1; i < a.size(); ++i)
    if (vowel(a[i])) return "";
  auto it = best_.find(std::string(a));
  return it == best_.end() ? "" : it->second.first;
}

}  // namespace tanya

#include "knowledge/base/utf8.hpp"

namespace tanya::utf8 {

char32_t next(std::string_view s, size_t* pos) {
  size_t i = *pos;
  unsigned char c = static_cast<unsigned char>(s[i]);
  if (c < 0x80) {
    *pos = i + 1;
    return c;
  }
  int len = (c >> 5) == 0x6 ? 2 : (c >> 4) == 0xE ? 3 : (c >> 3) == 0x1E ? 4 : 0;
  if (len == 0 || i + len > s.size()) {
    *pos = i + 1;
    return kInvalid;
  }
  char32_t cp = c & (0x7F >> len);
  for (int k = 1; k < len; ++k) {
    unsigned char cc = static_cast<unsigned char>(s[i + k]);
    if ((cc & 0xC0) != 0x80) {
      *pos = i + 1;
      return kInvalid;
    }
    cp = (cp << 6) | (cc & 0x3F);
  }
  // Overlong forms, surrogates and values past Unicode are invalid.
  static const char32_t min_for_len[5] = {0, 0, 0x80, 0x800, 0x10000};
  if (cp < min_for_len[len] || cp > 0x10FFFF || (cp >= 0xD800 && cp <= 0xDFFF)) {
    *pos = i + 1;
    return kInvalid;
  }
  *pos = i + len;
  return cp;
}

void append(std::string* out, char32_t cp) {
  if (cp < 0x80) {
    out->push_back(static_cast<char>(cp));
  } else if (cp < 0x800) {
    out->push_back(static_cast<char>(0xC0 | (cp >> 6)));
    out->push_back(static_cast<char>(0x80 | (cp & 0x3F)));
  } else if (cp < 0x10000) {
    out->push_back(static_cast<char>(0xE0 | (cp >> 12)));
    out->push_back(static_cast<char>(0x80 | ((cp >> 6) & 0x3F)));
    out->push_back(static_cast<char>(0x80 | (cp & 0x3F)));
  } else {
    out->push_back(static_cast<char>(0xF0 | (cp >> 18)));
    out->push_back(static_cast<char>(0x80 | ((cp >> 12) & 0x3F)));
    out->push_back(static_cast<char>(0x80 | ((cp >> 6) & 0x3F)));
    out->push_back(static_cast<char>(0x80 | (cp & 0x3F)));
  }
}

char32_t to_lower(char32_t cp) {
  if (cp >= 'A' && cp <= 'Z') return cp + 32;
  if (cp < 0xC0) return cp;
  if (cp <= 0xDE && cp != 0xD7) return cp + 32;                         // Latin-1
  if (cp >= 0x100 && cp <= 0x17F && cp != 0x130 && cp != 0x138) {       // Latin Extended-A
    bool odd_upper = (cp >= 0x139 && cp <= 0x148) || (cp >= 0x179 && cp <= 0x17E);
    if (odd_upper) return (cp & 1) ? cp + 1 : cp;
    return (cp & 1) ? cp : cp + 1;
  }
  if (cp >= 0x391 && cp <= 0x3AB && cp != 0x3A2) return cp + 32;        // Greek
  if (cp >= 0x410 && cp <= 0x42F) return cp + 32;                       // Cyrillic
  if (cp >= 0x400 && cp <= 0x40F) return cp + 80;
  return cp;
}

char32_t fold(char32_t cp) {
  if (cp < 0x80) return to_lower(cp);
  if (cp >= 0x300 && cp <= 0x36F) return 0;  // combining diacritical marks
  // Fullwidth digits and letters (U+FF10–FF19, FF21–FF3A, FF41–FF5A).
  if (cp >= 0xFF10 && cp <= 0xFF19) return '0' + (cp - 0xFF10);
  if (cp >= 0xFF21 && cp <= 0xFF3A) return 'a' + (cp - 0xFF21);
  if (cp >= 0xFF41 && cp <= 0xFF5A) return 'a' + (cp - 0xFF41);
  // Mathematical alphanumerics: thirteen alphabets of A–Z a–z from U+1D400
  // (the few reserved places among them hold no character), five sets of
  // digits from U+1D7CE.
  if (cp >= 0x1D400 && cp <= 0x1D6A3) {
    const char32_t k = (cp - 0x1D400) % 52;
    return 'a' + (k < 26 ? k : k - 26);
  }
  if (cp >= 0x1D7CE && cp <= 0x1D7FF) return '0' + (cp - 0x1D7CE) % 10;
  cp = to_lower(cp);
  // Latin-1 and Latin Extended-A letters by their base letter ('.': none).
  static constexpr std::string_view kLatin1 = "aaaaaa.ceeeeiiii.nooooo.ouuuuy.y";  // U+00E0–00FF
  static constexpr std::string_view kExtendedA =                                  // U+0100–017F
      "aaaaaaccccccccddddeeeeeeeeeegggggggghhhhiiiiiiiiii..jjkk.llllllllllnnnnnn...oooooo..rrrrrrsssssssstttttt"
      "uuuuuuuuuuuuwwyyyzzzzzzs";
  static_assert(kLatin1.size() == 0x20 && kExtendedA.size() == 0x80);
  if (cp >= 0xE0 && cp <= 0xFF && kLatin1[cp - 0xE0] != '.') return static_cast<char32_t>(kLatin1[cp - 0xE0]);
  if (cp >= 0x100 && cp <= 0x17F && kExtendedA[cp - 0x100] != '.') return static_cast<char32_t>(kExtendedA[cp - 0x100]);
  return cp;
}

void append_folded(std::string* out, char32_t cp) {
  // The Latin ligatures U+FB00–FB06: ff fi fl ffi ffl ſt st.
  static constexpr std::string_view kLigatures[] = {"ff", "fi", "fl", "ffi", "ffl", "st", "st"};
  if (cp >= 0xFB00 && cp <= 0xFB06) {
    out->append(kLigatures[cp - 0xFB00]);
    return;
  }
  if (const char32_t f = fold(cp)) append(out, f);
}

bool ignorable(char32_t cp) {
  return cp == 0x00AD || cp == 0x034F || (cp >= 0x180B && cp <= 0x180F) || (cp >= 0x200B && cp <= 0x200F) ||
         (cp >= 0x2060 && cp <= 0x206F) || (cp >= 0xFE00 && cp <= 0xFE0F) || cp == 0xFEFF ||
         (cp >= 0xE0000 && cp <= 0xE0FFF);
}

bool pictograph(char32_t cp) {
  return cp == 0x2022 || (cp >= 0x2190 && cp <= 0x21FF) || (cp >= 0x25A0 && cp <= 0x27BF) ||
         (cp >= 0x2B00 && cp <= 0x2BFF) || (cp >= 0x1F000 && cp <= 0x1FAFF);
}

bool is_word_char(char32_t cp) {
  if (cp == kInvalid || ignorable(cp)) return false;
  if (cp < 0x80) return (cp >= '0' && cp <= '9') || (cp >= 'a' && cp <= 'z') || (cp >= 'A' && cp <= 'Z');
  if (cp < 0xC0) return cp == 0xAA || cp == 0xB5 || cp == 0xBA;
  if (cp == 0xD7 || cp == 0xF7) return false;
  if (cp >= 0x2000 && cp <= 0x2BFF) return false;   // punctuation, symbols, arrows
  if (cp >= 0x3000 && cp <= 0x303F) return false;   // CJK punctuation
  if (cp >= 0xFE00 && cp <= 0xFE0F) return false;   // variation selectors
  if (cp >= 0xFFF0 && cp <= 0xFFFF) return false;
  // Fullwidth forms: only the digits, letters and the halfwidth scripts; the
  // rest is punctuation ("？", "！", "（").
  if (cp >= 0xFF00 && cp <= 0xFF65)
    return (cp >= 0xFF10 && cp <= 0xFF19) || (cp >= 0xFF21 && cp <= 0xFF3A) || (cp >= 0xFF41 && cp <= 0xFF5A);
  if (cp >= 0x1F000 && cp <= 0x1FAFF) return false; // emoji
  if (cp >= 0xE0000) return false;                  // tags, private use
  if (cp >= 0x200B && cp <= 0x200F) return false;   // zero width, bidi marks
  return true;
}

std::string lower(std::string_view s) {
  std::string out;
  out.reserve(s.size());
  size_t pos = 0;
  while (pos < s.size()) {
    char32_t cp = next(s, &pos);
    if (cp != kInvalid) append(&out, to_lower(cp));
  }
  return out;
}

namespace {
// The ASCII mark a fullwidth or CJK punctuation mark stands for, or 0.
char ascii_mark(char32_t cp) {
  // Fullwidth ASCII punctuation (U+FF01–U+FF5E less digits and letters) is
  // its ASCII form shifted by 0xFEE0.
  if (cp >= 0xFF01 && cp <= 0xFF5E && !is_word_char(cp)) return static_cast<char>(cp - 0xFEE0);
  if (cp == 0x3001) return ',';  // 、 ideographic comma
  if (cp == 0x3002) return '.';  // 。 ideographic full stop
  return 0;
}
}  // namespace

std::string_view ascii_marks(std::string_view s, std::string* storage) {
  // Every such mark is three bytes led by 0xEF (fullwidth) or 0xE3 (CJK):
  // text without either byte is returned at once.
  if (s.find('\xEF') == std::string_view::npos && s.find('\xE3') == std::string_view::npos) return s;
  storage->clear();
  storage->reserve(s.size());
  size_t pos = 0;
  while (pos < s.size()) {
    const size_t start = pos;
    const char32_t cp = next(s, &pos);
    const char mark = ascii_mark(cp);
    if (mark != 0) {
      storage->push_back(mark);
      // The wide glyph holds its own space ("Halo！Apa …"): a mark ending a
      // clause is followed by one, as ASCII text writes it.
      if (std::string_view(".!?,;:").find(mark) != std::string_view::npos) storage->push_back(' ');
    } else
      storage->append(s.substr(start, pos - start));
  }
  return *storage;
}

bool valid(std::string_view s) {
  size_t pos = 0;
  while (pos < s.size())
    if (next(s, &pos) == kInvalid) return false;
  return true;
}

namespace {

// Windows-1252's 0x80–0x9F (Latin-1 has control codes there); 0 where unassigned.
constexpr char32_t kWindows1252[32] = {
    0x20AC, 0,      0x201A, 0x0192, 0x201E, 0x2026, 0x2020, 0x2021, 0x02C6, 0x2030, 0x0160,
    0x2039, 0x0152, 0,      0x017D, 0,      0,      0x2018, 0x2019, 0x201C, 0x201D, 0x2022,
    0x2013, 0x2014, 0x02DC, 0x2122, 0x0161, 0x203A, 0x0153, 0,      0x017E, 0x0178};
constexpr char32_t kReplacement = 0xFFFD;

std::string from_utf16(std::string_view s, bool little) {
  std::string out;
  auto unit = [&](size_t i) -> char32_t {
    const auto a = static_cast<unsigned char>(s[i]), b = static_cast<unsigned char>(s[i + 1]);
    return little ? static_cast<char32_t>(a | (b << 8)) : static_cast<char32_t>((a << 8) | b);
  };
  size_t i = 2;  // after the byte order mark
  for (; i + 1 < s.size(); i += 2) {
    char32_t u = unit(i);
    if (u >= 0xD800 && u <= 0xDBFF && i + 3 < s.size()) {
      const char32_t low = unit(i + 2);
      if (low >= 0xDC00 && low <= 0xDFFF) {
        append(&out, 0x10000 + ((u - 0xD800) << 10) + (low - 0xDC00));
        i += 2;
        continue;
      }
    }
    append(&out, u >= 0xD800 && u <= 0xDFFF ? kReplacement : u);
  }
  if (i < s.size()) append(&out, kReplacement);
  return out;
}

}  // namespace

std::string from_legacy(std::string_view s, std::string* encoding) {
  encoding->clear();
  if (s.size() >= 2 && ((s[0] == '\xFF' && s[1] == '\xFE') || (s[0] == '\xFE' && s[1] == '\xFF'))) {
    *encoding = "UTF-16";
    return from_utf16(s, s[0] == '\xFF');
  }
  if (valid(s)) return std::string(s);
  *encoding = "Windows-1252";
  std::string out;
  out.reserve(s.size() + s.size() / 8);
  for (char c : s) {
    const auto b = static_cast<unsigned char>(c);
    if (b < 0x80) {
      out.push_back(c);
    } else if (b < 0xA0) {
      append(&out, kWindows1252[b - 0x80] ? kWindows1252[b - 0x80] : kReplacement);
    } else {
      append(&out, b);
    }
  }
  return out;
}

std::string_view cut(std::string_view s, size_t max_bytes) {
  if (s.size() <= max_bytes) return s;
  size_t n = max_bytes;
  while (n > 0 && (static_cast<unsigned char>(s[n]) & 0xC0) == 0x80) --n;
  return s.substr(0, n);
}

std::string_view cut_chars(std::string_view s, size_t max_chars) {
  size_t pos = 0;
  for (size_t n = 0; n < max_chars && pos < s.size(); ++n) next(s, &pos);
  return s.substr(0, pos);
}

namespace {

// Unicode 15's White_Space, Cc and Cf code points (PropList.txt and
// UnicodeData.txt), as ranges; a short list, so written out rather than
// taken from ICU (not a dependency).
constexpr std::pair<char32_t, char32_t> kBlank[] = {
    {0x0000, 0x0020},   {0x007F, 0x00A0},   {0x00AD, 0x00AD},   {0x0600, 0x0605},   {0x061C, 0x061C},
    {0x06DD, 0x06DD},   {0x070F, 0x070F},   {0x0890, 0x0891},   {0x08E2, 0x08E2},   {0x1680, 0x1680},
    {0x180E, 0x180E},   {0x2000, 0x200F},   {0x2028, 0x202F},   {0x205F, 0x2064},   {0x2066, 0x206F},
    {0x3000, 0x3000},   {0xFEFF, 0xFEFF},   {0xFFF9, 0xFFFB},   {0x110BD, 0x110BD}, {0x110CD, 0x110CD},
    {0x13430, 0x1343F}, {0x1BCA0, 0x1BCA3}, {0x1D173, 0x1D17A}, {0xE0001, 0xE0001}, {0xE0020, 0xE007F},
};

bool blank_cp(char32_t cp) {
  for (const auto& [lo, hi] : kBlank)
    if (cp >= lo && cp <= hi) return true;
  return false;
}

}  // namespace

bool blank(std::string_view s) {
  size_t pos = 0;
  while (pos < s.size()) {
    char32_t cp = next(s, &pos);
    if (cp == kInvalid || !blank_cp(cp)) return false;
  }
  return true;
}

size_t count(std::string_view s) {
  size_t n = 0;
  for (char c : s)
    if ((static_cast<unsigned char>(c) & 0xC0) != 0x80) ++n;
  return n;
}

}  // namespace tanya::utf8

#pragma once
// Minimal UTF-8 handling for every layer (the analyzer, composed answers,
// channels cutting long texts). Written here rather than taken from
// ICU because ICU is not in the project's dependency set and Indonesian needs only
// Latin letters folded; invalid bytes are never fatal, they read as separators.
#include <cstdint>
#include <string>
#include <string_view>

namespace tanya::utf8 {

inline constexpr char32_t kInvalid = 0xFFFFFFFF;

// Decodes the code point at s[*pos] and advances *pos past it (one byte on an
// invalid sequence, which returns kInvalid).
char32_t next(std::string_view s, size_t* pos);
void append(std::string* out, char32_t cp);

char32_t to_lower(char32_t cp);
// What the analyzer reads a word character as: lowercased, then the forms a
// keyboard, a phone or a "fancy text" generator writes for a plain letter
// read as that letter: fullwidth Latin letters and digits, mathematical
// alphanumerics (𝐛𝐨𝐥𝐝, 𝘪𝘵𝘢𝘭𝘪𝘤), and Latin letters with diacritics
// (é → e, ñ → n: "el nino" finds "El Niño"). 0 for a combining mark, which
// is dropped ("e" + U+0301 is "e"). Letters of other scripts, and Latin
// letters that are no accented form of one letter (ß, æ, œ), unchanged.
// The compatibility folding search engines apply (NFKC's letters, then
// marks stripped), for the characters Indonesian text meets.
char32_t fold(char32_t cp);
// Appends what the analyzer reads cp as: fold(cp), nothing for a combining
// mark, and the letters of a typographic ligature ("ﬁ" → "fi"; text copied
// from a PDF writes "deﬁnisi", "signiﬁkan").
void append_folded(std::string* out, char32_t cp);
bool is_word_char(char32_t cp);  // letters and digits of any script; not emoji or punctuation
// Invisible inside a word: zero-width spaces and joiners, the soft hyphen,
// the byte order mark, variation selectors and tags (Unicode's
// Default_Ignorable_Code_Point, the part chat apps insert). Skipped, not a break.
bool ignorable(char32_t cp);

// A symbol a chat message or an announcement draws at a line's start as a
// bullet or a marker: arrows, geometric shapes (▪ ►), dingbats and
// miscellaneous symbols (✅ ✔ ❓ ➡), and the emoji blocks (👉 📌 🔹).
bool pictograph(char32_t cp);
std::string lower(std::string_view s);  // invalid bytes dropped
// The text with the punctuation of a fullwidth or CJK keyboard ("？", "！",
// "，", "。", "、") written as the ASCII mark (a clause's end mark followed by a
// space, as the wide glyph shows one), so a reader looking for "?" finds the
// question mark a phone typed. `s` itself when it holds none (most
// text: no copy), else a copy kept in *storage. Letters are left to fold().
std::string_view ascii_marks(std::string_view s, std::string* storage);
bool valid(std::string_view s);
// A text file saved by an editor in another encoding, as UTF-8: UTF-16 with
// its byte order mark (Windows Notepad's "Unicode"), else, when `s` is no
// valid UTF-8, Windows-1252 (the "ANSI" of Indonesian Windows, a superset
// of Latin-1: "\x93favorit\x94" is “favorit”). `encoding` gets the name
// read ("UTF-16", "Windows-1252"), empty when `s` is UTF-8 and returned as is.
// An odd byte at a UTF-16 file's end and unpaired surrogates read as U+FFFD.
std::string from_legacy(std::string_view s, std::string* encoding);

// The longest prefix of s of at most max_bytes that ends on a code point
// boundary (never splits a character).
std::string_view cut(std::string_view s, size_t max_bytes);
// Code points in s (continuation bytes not counted; invalid bytes count as one each).
size_t count(std::string_view s);
// The longest prefix of s of at most max_chars code points.
std::string_view cut_chars(std::string_view s, size_t max_chars);
// Nothing a person could read: every code point is white space (Unicode's
// White_Space), a control character (Cc) or a format character (Cf: zero
// width space, bidi marks, BOM, tags …). Invalid bytes are not blank.
bool blank(std::string_view s);

}  // namespace tanya::utf8

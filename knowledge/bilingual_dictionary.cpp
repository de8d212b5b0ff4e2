#include "knowledge/bilingual_dictionary.hpp"

#include <zlib.h>

#include <algorithm>
#include <filesystem>

#include "knowledge/base/strings.hpp"
#include "knowledge/knowledge_dir.hpp"

namespace tanya {

namespace {

constexpr size_t kMaxUnpacked = 64u << 20;  // far above FreeDict's 1 MB; bounds a hostile file

// dictd's base64 numbers: most significant digit first.
bool decode_b64(std::string_view s, uint64_t* out) {
  static constexpr std::string_view kDigits = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/";
  uint64_t v = 0;
  if (s.empty() || s.size() > 10) return false;
  for (char c : s) {
    size_t d = kDigits.find(c);
    if (d == std::string_view::npos) return false;
    v = v * 64 + d;
  }
  *out = v;
  return true;
}

std::string lower(std::string_view s) {
  std::string out(s);
  for (auto& c : out)
    if (c >= 'A' && c <= 'Z') c = static_cast<char>(c - 'A' + 'a');
  return out;
}

bool is_digit(char c) { return c >= '0' && c <= '9'; }

// "12. rest" → "rest"; anything else → "" with *numbered false.
std::string_view sense_number(std::string_view line, bool* numbered) {
  size_t i = 0;
  while (i < line.size() && is_digit(line[i])) ++i;
  *numbered = i > 0 && i < line.size() && line[i] == '.';
  return *numbered ? trim(line.substr(i + 1)) : std::string_view();
}

}  // namespace

Result<std::string> gunzip(std::string_view packed) {
  z_stream z{};
  // 16 + MAX_WBITS: a gzip header (dictzip's extra field included), not raw zlib.
  if (inflateInit2(&z, 16 + MAX_WBITS) != Z_OK) return make_error("io", "zlib cannot start");
  z.next_in = reinterpret_cast<Bytef*>(const_cast<char*>(packed.data()));
  z.avail_in = static_cast<uInt>(packed.size());
  std::string out;
  char buf[1 << 16];
  int rc = Z_OK;
  while (rc == Z_OK) {
    z.next_out = reinterpret_cast<Bytef*>(buf);
    z.avail_out = sizeof buf;
    rc = inflate(&z, Z_NO_FLUSH);
    if (rc != Z_OK && rc != Z_STREAM_END) break;
    out.append(buf, sizeof buf - z.avail_out);
    if (out.size() > kMaxUnpacked) rc = Z_MEM_ERROR;
  }
  inflateEnd(&z);
  if (rc != Z_STREAM_END) return make_error("parse", "not a complete gzip stream");
  return out;
}

DictionaryEntry parse_dictd_entry(std::string_view entry) {
  DictionaryEntry e;
  std::vector<std::string>& out = e.translations;
  std::vector<std::string_view> lines;
  size_t pos = 0;
  while (pos < entry.size()) {
    size_t nl = entry.find('\n', pos);
    if (nl == std::string_view::npos) nl = entry.size();
    lines.push_back(entry.substr(pos, nl - pos));
    pos = nl + 1;
  }
  auto add = [&](std::string_view line) {
    // "erupsi 2." : the next sense's number run onto this line.
    line = trim(line);
    size_t sp = line.rfind(' ');
    if (sp != std::string_view::npos) {
      std::string_view tail = line.substr(sp + 1);
      if (!tail.empty() && tail.back() == '.' &&
          std::all_of(tail.begin(), tail.end() - 1, [](char c) { return is_digit(c); }))
        line = trim(line.substr(0, sp));
    }
    size_t p = 0;
    while (p <= line.size()) {
      size_t comma = line.find(',', p);
      if (comma == std::string_view::npos) comma = line.size();
      std::string t = lower(trim(line.substr(p, comma - p)));
      if (!t.empty() && std::find(out.begin(), out.end(), t) == out.end()) out.push_back(std::move(t));
      p = comma + 1;
    }
  };
  // lines[0] is the headline, "word /ipa/ <pos>"; lines[1] the translations
  // unless senses are numbered.
  if (!lines.empty()) {
    size_t open = lines[0].rfind('<'), close = lines[0].rfind('>');
    std::string_view pos = open != std::string_view::npos && close > open
                               ? lines[0].substr(open + 1, close - open - 1)
                               : std::string_view();
    e.pos = pos == "n" ? kEnglishNoun : pos == "adj" ? kEnglishAdjective : pos == "v" ? kEnglishVerb : kEnglishOther;
  }
  for (size_t i = 1; i < lines.size(); ++i) {
    bool numbered = false;
    std::string_view rest = sense_number(trim(lines[i]), &numbered);
    if (numbered) {
      if (!rest.empty()) add(rest);
    } else if (i == 1) {
      add(lines[i]);
    }
  }
  return e;
}

void BilingualDictionary::add_translation(DictionaryEntry* e, std::string translation, uint8_t pos) {
  e->sense_pos.resize(e->translations.size(), e->pos);
  auto it = std::find(e->translations.begin(), e->translations.end(), translation);
  if (it != e->translations.end()) {
    e->sense_pos[static_cast<size_t>(it - e->translations.begin())] |= pos;
    return;
  }
  e->translations.push_back(std::move(translation));
  e->sense_pos.push_back(pos);
}

Result<BilingualDictionary> BilingualDictionary::parse(std::string_view index, std::string_view dict,
                                                       const std::string& name) {
  BilingualDictionary d;
  size_t pos = 0;
  int line_no = 0;
  while (pos < index.size()) {
    size_t nl = index.find('\n', pos);
    if (nl == std::string_view::npos) nl = index.size();
    std::string_view line = index.substr(pos, nl - pos);
    pos = nl + 1;
    ++line_no;
    if (trim(line).empty()) continue;
    size_t t1 = line.find('\t');
    size_t t2 = t1 == std::string_view::npos ? t1 : line.find('\t', t1 + 1);
    uint64_t offset = 0, length = 0;
    if (t2 == std::string_view::npos || !decode_b64(line.substr(t1 + 1, t2 - t1 - 1), &offset) ||
        !decode_b64(trim(line.substr(t2 + 1)), &length))
      return make_error("parse", name + ".index:" + std::to_string(line_no) + ": expected 'word TAB offset TAB length'");
    std::string_view word = line.substr(0, t1);
    if (word.substr(0, 8) == "00databa") continue;  // the database's own description
    if (offset > dict.size() || length > dict.size() - offset)
      return make_error("parse", name + ".index:" + std::to_string(line_no) + ": entry lies outside the dictionary");
    DictionaryEntry e = parse_dictd_entry(dict.substr(offset, length));
    if (e.translations.empty()) continue;
    auto& slot = d.entries_[lower(word)];
    slot.pos |= e.pos;
    for (auto& t : e.translations) add_translation(&slot, std::move(t), e.pos);
  }
  return d;
}

Result<BilingualDictionary> BilingualDictionary::load(const std::string& base) {
  const std::string hint = " (apt-get install dict-freedict-eng-ind, or set TANYA_ENGLISH_DICTIONARY)";
  auto index = read_file(base + ".index");
  if (!index) return make_error("io", "the English–Indonesian dictionary " + base + ".index cannot be read" + hint);
  std::string dict;
  if (std::filesystem::exists(base + ".dict.dz")) {
    auto packed = read_file(base + ".dict.dz");
    if (!packed) return make_error("io", "the English–Indonesian dictionary " + base + ".dict.dz cannot be read" + hint);
    auto unpacked = gunzip(*packed);
    if (!unpacked) return make_error("parse", base + ".dict.dz: " + unpacked.error().message);
    dict = std::move(*unpacked);
  } else {
    auto plain = read_file(base + ".dict");
    if (!plain) return make_error("io", "the English–Indonesian dictionary " + base + ".dict.dz cannot be read" + hint);
    dict = std::move(*plain);
  }
  return parse(*index, dict, base);
}

const DictionaryEntry* BilingualDictionary::find(std::string_view english) const {
  auto it = entries_.find(std::string(english));
  return it == entries_.end() ? nullptr : &it->second;
}

}  // namespace tanya

#include "knowledge/thesaurus.hpp"

#include "knowledge/knowledge_dir.hpp"

namespace tanya {

std::string latin1_to_utf8(std::string_view latin1) {
  std::string out;
  out.reserve(latin1.size() + latin1.size() / 16);
  for (unsigned char c : latin1) {
    if (c < 0x80) {
      out.push_back(static_cast<char>(c));
    } else {
      out.push_back(static_cast<char>(0xC0 | (c >> 6)));
      out.push_back(static_cast<char>(0x80 | (c & 0x3F)));
    }
  }
  return out;
}

namespace {

// The next line of `text` from *pos (without its '\n' or '\r'), advancing *pos.
std::string_view next_line(std::string_view text, size_t* pos) {
  size_t end = text.find('\n', *pos);
  if (end == std::string_view::npos) end = text.size();
  std::string_view line = text.substr(*pos, end - *pos);
  *pos = end < text.size() ? end + 1 : end;
  if (!line.empty() && line.back() == '\r') line.remove_suffix(1);
  return line;
}

}  // namespace

Result<Thesaurus> Thesaurus::load(const std::string& dat_path) {
  auto text = read_file(dat_path);
  if (!text)
    return make_error("io", "the Indonesian thesaurus " + dat_path +
                                " cannot be read (apt-get install mythes-id, or set TANYA_THESAURUS): " +
                                text.error().message);
  return parse(std::move(*text), dat_path);
}

Result<Thesaurus> Thesaurus::parse(std::string raw, const std::string& name) {
  size_t pos = 0;
  std::string encoding(next_line(raw, &pos));
  Thesaurus t;
  if (encoding == "ISO-8859-1" || encoding == "ISO8859-1") {
    t.text_ = latin1_to_utf8(raw);
  } else if (encoding == "UTF-8") {
    t.text_ = std::move(raw);
  } else {
    return make_error("parse", name + ":1: unknown encoding '" + encoding + "'");
  }
  // Lowercase throughout ("Minggu", "Tuhan"): questions and the index are.
  for (auto& c : t.text_)
    if (c >= 'A' && c <= 'Z') c = static_cast<char>(c - 'A' + 'a');
  std::string_view text = t.text_;
  pos = 0;
  next_line(text, &pos);
  int line_no = 1;
  while (pos < text.size()) {
    std::string_view head = next_line(text, &pos);
    ++line_no;
    if (head.empty()) continue;
    size_t bar = head.rfind('|');
    if (bar == std::string_view::npos)
      return make_error("parse", name + ":" + std::to_string(line_no) + ": expected 'headword|senses'");
    int count = 0;
    for (char c : head.substr(bar + 1)) {
      if (c < '0' || c > '9' || count > 1000)
        return make_error("parse", name + ":" + std::to_string(line_no) + ": bad sense count");
      count = count * 10 + (c - '0');
    }
    Range r{static_cast<uint32_t>(pos), static_cast<uint32_t>(pos)};
    // Sense lines: "[pos]|word|word…" (a few in mythes-id lack the "[pos]|").
    for (int i = 0; i < count && pos < text.size(); ++i) {
      next_line(text, &pos);
      ++line_no;
    }
    r.end = static_cast<uint32_t>(pos);
    t.entries_[std::string(head.substr(0, bar))] = r;
  }
  return t;
}

std::vector<ThesaurusSense> Thesaurus::senses_in(Range r) const {
  std::vector<ThesaurusSense> out;
  std::string_view text = std::string_view(text_).substr(r.begin, r.end - r.begin);
  size_t pos = 0;
  while (pos < text.size()) {
    std::string_view line = next_line(text, &pos);
    ThesaurusSense s;
    std::string_view rest = line;
    size_t close = line.find(']');
    if (!line.empty() && line[0] == '[' && close != std::string_view::npos) {
      s.pos = line.substr(1, close - 1);
      rest = line.substr(close + 1);
    }
    if (s.pos == "ant") continue;  // antonyms are no synonyms
    size_t p = 0;
    while (p < rest.size()) {
      size_t bar = rest.find('|', p);
      if (bar == std::string_view::npos) bar = rest.size();
      std::string_view w = rest.substr(p, bar - p);
      if (!w.empty()) s.words.push_back(w);
      p = bar + 1;
    }
    if (!s.words.empty()) out.push_back(std::move(s));
  }
  return out;
}

std::vector<ThesaurusSense> Thesaurus::senses(std::string_view headword) const {
  auto it = entries_.find(std::string(headword));
  if (it == entries_.end()) return {};
  return senses_in(it->second);
}

}  // namespace tanya

#include "knowledge/article_parser.hpp"
#include "knowledge/base/strings.hpp"
#include "knowledge/base/utf8.hpp"
#include "knowledge/bullets.hpp"
#include "knowledge/qa_markers.hpp"
#include "knowledge/table_rows.hpp"
#include "knowledge/wrapped_lines.hpp"

#include <algorithm>
#include <cctype>
#include <cstdint>
#include <vector>

namespace tanya {

const char* to_string(UnitKind kind) {
  switch (kind) {
    case UnitKind::paragraph: return "paragraph";
    case UnitKind::faq: return "faq";
    case UnitKind::table_row: return "table_row";
    case UnitKind::lead: return "lead";
  }
  return "paragraph";
}

bool unit_kind_from_string(const std::string& s, UnitKind* out) {
  for (UnitKind k : {UnitKind::paragraph, UnitKind::faq, UnitKind::table_row, UnitKind::lead}) {
    if (s == to_string(k)) {
      *out = k;
      return true;
    }
  }
  return false;
}

namespace {

std::vector<std::string_view> split_words(std::string_view s) {
  std::vector<std::string_view> out;
  size_t i = 0;
  while (i < s.size()) {
    while (i < s.size() && (s[i] == ' ' || s[i] == '\t')) ++i;
    size_t j = i;
    while (j < s.size() && s[j] != ' ' && s[j] != '\t') ++j;
    if (j > i) out.push_back(s.substr(i, j - i));
    i = j;
  }
  return out;
}


// Capitalised means an ASCII capital first; Indonesian headings and keys use them.
bool is_capitalised(std::string_view word) {
  return !word.empty() && std::isupper(static_cast<unsigned char>(word[0]));
}

bool ends_sentence(std::string_view line) {
  // A closing quote or bracket may follow the final punctuation.
  while (!line.empty() && (line.back() == '"' || line.back() == '\'' || line.back() == ')')) line.remove_suffix(1);
  if (line.empty()) return false;
  char c = line.back();
  return c == '.' || c == '!' || c == '?' || c == ';' || c == ',';
}

// WhatsApp's bold ("*Tempat:* Aula", "*Infak Rp35.000 per siswa*"): a star
// opening a word and one closing a later word of the same line are marks,
// not text. A lone star ("5 * 3", a footnote's "*") stays.
std::string without_chat_bold(std::string_view line) {
  auto opens = [&](size_t i) {
    return line[i] == '*' && (i == 0 || line[i - 1] == ' ' || line[i - 1] == '(' || line[i - 1] == '"') &&
           i + 1 < line.size() && line[i + 1] != ' ' && line[i + 1] != '*';
  };
  auto closes = [&](size_t i) {
    return line[i] == '*' && i > 0 && line[i - 1] != ' ' && line[i - 1] != '*' &&
           (i + 1 == line.size() || std::string_view(" .,;:!?)\"").find(line[i + 1]) != std::string_view::npos);
  };
  std::string out;
  out.reserve(line.size());
  for (size_t i = 0; i < line.size(); ++i) {
    if (opens(i)) {
      size_t j = i + 1;
      while (j < line.size() && !closes(j)) ++j;
      if (j < line.size()) {
        out.append(line.substr(i + 1, j - i - 1));
        i = j;
        continue;
      }
    }
    out.push_back(line[i]);
  }
  return out;
}

// "Waktu : 07.00 – 12.15 WIB", "Tempat: Aula": a field of an announcement,
// a short name (a word or a few, no sentence in it) and its value.
bool field_line(std::string_view line, std::string_view* key, std::string_view* value) {
  const size_t colon = line.find(':');
  if (colon == std::string_view::npos || colon == 0) return false;
  *key = trim(line.substr(0, colon));
  *value = trim(line.substr(colon + 1));
  if (key->empty() || value->empty() || key->size() > 40 || !std::isalpha(static_cast<unsigned char>((*key)[0])))
    return false;
  size_t words = 0;
  for (size_t i = 0; i < key->size(); ++i) {
    const char c = (*key)[i];
    if (c == '.' || c == '?' || c == '!' || c == ',' || c == ';' || c == '|') return false;
    words += c != ' ' && (i == 0 || (*key)[i - 1] == ' ');
  }
  return words <= 4;
}

bool numbered_line(std::string_view line, std::string_view* rest) {
  size_t i = 0;
  while (i < line.size() && std::isdigit(static_cast<unsigned char>(line[i]))) ++i;
  if (i == 0 || i > 3 || i + 1 >= line.size()) return false;
  if (line[i] != '.' && line[i] != ')') return false;
  if (line[i + 1] != ' ') return false;
  *rest = trim(line.substr(i + 2));
  return !rest->empty();
}

bool heading_like(std::string_view line) {
  std::string_view rest;
  if (numbered_line(line, &rest)) return false;
  if (ends_sentence(line)) return false;
  // A sentence ended inside it ("… di gerbang. Atribut yang wajib dipakai
  // adalah:"): a paragraph announcing what follows, no heading.
  for (size_t i = 0; i + 2 < line.size(); ++i)
    if ((line[i] == '.' || line[i] == '?' || line[i] == '!') && line[i + 1] == ' ' &&
        std::isupper(static_cast<unsigned char>(line[i + 2])) && i > 0 &&
        std::islower(static_cast<unsigned char>(line[i - 1])))
      return false;
  return line.size() <= 160 && split_words(line).size() <= 20;
}

// "1. Ketentuan Umum", "2.1 Jas Laboratorium", "IV. Penutup", "B. Alat",
// "BAB II Tata Tertib": a numbered heading; `number` is its number ("2.1"),
// `title` the words after it. The words must look like a heading
// (capitalised, no final period), so a numbered sentence or question is none.
bool numbered_heading(std::string_view line, std::string_view* number, std::string_view* title) {
  std::string_view rest = line;
  if (starts_with_nocase(rest, "bab ")) rest = trim(rest.substr(4));
  size_t i = 0;
  if (i < rest.size() && std::isdigit(static_cast<unsigned char>(rest[i]))) {
    // 1., 1.2, 1.2. — parts of one or two digits with a period among them,
    // so a year opening a line ("1945 Proklamasi") is no number of a heading.
    size_t digits = 0;
    bool period = false;
    for (; i < rest.size() && (std::isdigit(static_cast<unsigned char>(rest[i])) || rest[i] == '.'); ++i) {
      digits = rest[i] == '.' ? 0 : digits + 1;
      period = period || rest[i] == '.';
      if (digits > 2) return false;
    }
    if (!period && rest.data() == line.data()) return false;
  } else {
    // I., IV., B. (a roman numeral or one capital letter, then a period)
    while (i < rest.size() && std::string_view("IVXLC").find(rest[i]) != std::string_view::npos) ++i;
    if (i == 0 && i < rest.size() && std::isupper(static_cast<unsigned char>(rest[i]))) ++i;
    const bool bab = rest.data() != line.data();
    if (i == 0 || i > 4 || i >= rest.size() || (rest[i] != '.' && !(bab && (rest[i] == ' ' || rest[i] == ':'))))
      return false;
    if (rest[i] != ' ') ++i;
  }
  if (i == 0 || i >= rest.size()) return false;
  *number = rest.substr(0, i);
  while (!number->empty() && number->back() == '.') number->remove_suffix(1);
  std::string_view words = trim(rest.substr(i));
  if (!words.empty() && (words[0] == ':' || words[0] == '-')) words = trim(words.substr(1));
  auto split = split_words(words);
  if (split.empty() || split.size() > 12 || !is_capitalised(split[0]) || ends_sentence(words)) return false;
  *title = words;
  return true;
}

// A heading over questions and their answers: "FAQ tentang …", "BAB V
// PERTANYAAN YANG SERING DIAJUKAN", "Tanya Jawab", "Pertanyaan Umum".
bool asks_questions(std::string_view heading) {
  if (starts_with_nocase(heading, "FAQ")) return true;
  std::string lower;
  for (char c : heading) lower.push_back(static_cast<char>(std::tolower(static_cast<unsigned char>(c))));
  for (std::string_view cue : {"faq", "sering diajukan", "sering ditanyakan", "tanya jawab", "tanya-jawab", "pertanyaan umum"})
    if (lower.find(cue) != std::string::npos) return true;
  return false;
}

// A row of a pipe table written as plain text ("Api | Mudah terbakar | Spiritus"),
// or of cells pasted from a spreadsheet, tab-separated ("Nasi goreng\tRp10.000").
bool pipe_row(std::string_view line) {
  return (line.find('|') != std::string_view::npos || line.find('\t') != std::string_view::npos) &&
         table_cells(line).size() >= 2;
}

// A line a site's export wrapped at a fixed width: long, unfinished, and the
// next line of the same block carries on. Headings are short; this length and
// word count sit above every heading of the development articles (the longest
// is 8 words) and below a wrapped line (60-80 characters).
constexpr size_t kWrappedLineChars = 50;
constexpr size_t kWrappedLineWords = 8;

enum class Mode { body, table, faq };

}  // namespace

bool split_table_row(std::string_view line, std::string* key, std::string* value) {
  line = trim(line);
  auto words = split_words(line);
  if (words.size() < 2 || !is_capitalised(words[0])) return false;
  size_t run = 0;
  while (run < words.size() && is_capitalised(words[run])) ++run;
  // The value starts at the last capitalised word of the leading run, and the
  // key is at most two words; a single capitalised word keys a lowercase value.
  size_t value_start = run >= 2 ? run - 1 : 1;
  if (value_start > 2) value_start = 2;
  const char* key_end = words[value_start - 1].data() + words[value_start - 1].size();
  *key = std::string(line.data(), key_end - line.data());
  *value = std::string(trim(line.substr(words[value_start].data() - line.data())));
  return !value->empty();
}

namespace {

// A block (lines between blank lines) wrapped at a fixed width, as text
// pasted from a PDF or an e-mail is: two lines or more, every line but the
// last long and about as long as the longest, the last no longer, and most
// of them breaking off inside a sentence. Lines of one sentence or one item
// each ("a. Kacamata … dipanaskan.") end their sentences.
constexpr size_t kWrappedLineBytes = 40;  // shorter lines were broken on purpose
constexpr double kWrappedEvenness = 0.7;   // every full line at least this share of the longest

std::vector<bool> hard_wrapped(const std::vector<std::string_view>& lines, const std::vector<bool>& after_blank) {
  std::vector<bool> out(lines.size(), false);
  size_t start = 0;
  while (start < lines.size()) {
    size_t end = start + 1;
    while (end < lines.size() && !after_blank[end]) ++end;
    if (end - start >= 2) {
      size_t longest = 0, shortest = SIZE_MAX, broken_off = 0;
      for (size_t i = start; i + 1 < end; ++i) {
        longest = std::max(longest, lines[i].size());
        shortest = std::min(shortest, lines[i].size());
        broken_off += std::string_view(".!?").find(lines[i].back()) == std::string_view::npos;
      }
      const bool wrapped = shortest >= kWrappedLineBytes && shortest >= kWrappedEvenness * longest &&
                           lines[end - 1].size() <= longest && 2 * broken_off >= end - 1 - start;
      for (size_t i = start; i < end; ++i) out[i] = wrapped;
    }
    start = end;
  }
  return out;
}

}  // namespace

Article parse_article(std::string_view text, std::string name) {
  Article article;
  article.name = std::move(name);

  std::vector<std::string_view> lines;
  std::vector<bool> after_blank;  // by line: a blank line stands right before it
  size_t pos = 0;
  bool blank = false;
  while (pos <= text.size()) {
    size_t nl = text.find('\n', pos);
    if (nl == std::string_view::npos) nl = text.size();
    std::string_view line = trim(text.substr(pos, nl - pos));
    if (!line.empty()) {
      lines.push_back(line);
      after_blank.push_back(blank);
    }
    blank = line.empty();
    pos = nl + 1;
  }
  if (lines.empty()) return article;
  const std::vector<bool> wrapped_block = hard_wrapped(lines, after_blank);
  // A paragraph wrapped at a fixed width is one logical line: a line of the
  // same block that goes on in lowercase continues the unfinished line above
  // (headings, table rows and list items start with a capital, a number or a
  // marker). The logical lines are owned here; `lines` views into them.
  const WrappedLines wrapped(text);
  std::vector<std::string> joined;
  std::vector<bool> joined_after_blank, joined_wrapped;
  for (size_t i = 0; i < lines.size(); ++i) {
    const bool goes_on = i > 0 && !after_blank[i] && std::islower(static_cast<unsigned char>(lines[i][0])) &&
                         !ends_sentence(joined.back()) && joined.back().back() != ':' && !pipe_row(lines[i]);
    if (goes_on) {
      wrapped.append(&joined.back(), without_chat_bold(lines[i]));
    } else {
      joined.emplace_back(without_chat_bold(lines[i]));
      joined_after_blank.push_back(after_blank[i]);
      joined_wrapped.push_back(wrapped_block[i]);
    }
  }
  lines.assign(joined.begin(), joined.end());
  after_blank = joined_after_blank;
  // A line alone in its block (blank lines, or the text's ends, around it).
  auto alone = [&](size_t i) { return (i == 0 || after_blank[i]) && (i + 1 >= lines.size() || after_blank[i + 1]); };
  // A field in a run of fields ("Hari/Tanggal : …", "Waktu : …", "Tempat : …"
  // a line each): the lines of one block list an event's particulars. One
  // such line alone ("Bab 1: Pendahuluan") may be a heading.
  auto field_at = [&](size_t i) {
    std::string_view key, value;
    std::string marked;
    return i < lines.size() && field_line(lines[i], &key, &value) && !question_marker(lines[i], &marked) &&
           !answer_marker(lines[i], &marked);
  };
  auto in_fields = [&](size_t i) {
    return field_at(i) && ((i > 0 && !after_blank[i] && field_at(i - 1)) || (i + 1 < lines.size() && !after_blank[i + 1] && field_at(i + 1)));
  };

  // The first line is the title when it reads as one (no final period, or a
  // short question); an article that starts with its first paragraph is
  // titled by its name, and has no lead sentence either.
  const bool titled = !ends_sentence(lines[0]) || (lines[0].back() == '?' && split_words(lines[0]).size() <= 12);
  article.title = titled ? std::string(lines[0]) : article.name;
  article.sections.push_back(kIntroductionSection);
  int section = 0;
  Mode mode = Mode::body;
  bool table_header_pending = false;
  bool table_rows = false;  // the lines since the table's header have all been rows
  std::string pending_question;
  size_t current_line = 1;    // the line being read
  size_t last_unit_line = 1;  // the line the last unit was added (or continued) from
  bool last_bullet = false;  // the last unit is a bulleted item (or list)
  bool chat_answer = false;  // the last unit is an FAQ entry asked with "❓": its block goes on answering
  size_t list_depth = 0;      // the depth of the numbered list being read ("1." → 1, "2.1" → 2), 0: none
  // The numbered headings read so far, by depth ("1. Organ Pencernaan" at
  // 1): the titles a deeper one ("1.1 Mulut") stands under when its number
  // starts with theirs.
  std::vector<std::pair<std::string, std::string>> numbered_above;  // (number, title)
  auto add = [&](UnitKind kind, std::string question, std::string body) {
    article.add(kind, section, std::move(question), std::move(body));
    last_unit_line = current_line;
  };
  auto start_section = [&](std::string_view title, Mode m) {
    article.sections.emplace_back(title);
    section = static_cast<int>(article.sections.size()) - 1;
    mode = m;
    table_header_pending = (m == Mode::table);
    table_rows = false;
    pending_question.clear();
  };

  size_t first = titled ? 1 : 0;
  current_line = first;
  // The lead: the sentence right after the title, when it is a sentence.
  if (titled && lines.size() > first && ends_sentence(lines[first])) {
    add(UnitKind::lead, "", std::string(lines[first]));
    ++first;
  }

  for (size_t i = first; i < lines.size(); ++i) {
    std::string_view line = lines[i];
    std::string_view next = i + 1 < lines.size() ? lines[i + 1] : std::string_view{};
    std::string_view question, number, title;
    current_line = i;

    // "❓ Question?" then "👉 Answer" and more lines of the same block: one
    // FAQ entry, a line each as a list's items are.
    std::string asked;
    if (emoji_question(line, &asked)) {
      pending_question = asked;
      chat_answer = true;
      continue;
    }
    if (chat_answer && !pending_question.empty()) {
      std::string marked;
      add(UnitKind::faq, pending_question, std::string(answer_marker(line, &marked) ? marked : without_bullet(line)));
      pending_question.clear();
      continue;
    }
    // A heading right under the answer ("KONTAK PANITIA" with no blank line
    // between) ends it.
    if (chat_answer && !after_blank[i] && last_unit_line == i - 1 && !article.units.empty() &&
        article.units.back().kind == UnitKind::faq &&
        (without_bullet(line).size() != line.size() || !heading_like(line))) {
      article.units.back().text += '\n';
      article.units.back().text += without_bullet(line);
      last_unit_line = i;
      continue;
    }
    chat_answer = false;

    // The rest of a wrapped paragraph (a line of the block above going on
    // where that one stopped unfinished) continues its unit. A bulleted
    // line or a field is an item of its own.
    const bool bulleted = without_bullet(line).size() != line.size();
    const bool field = mode != Mode::table && in_fields(i);
    // In a block wrapped at a fixed width, a line goes on even after a
    // sentence that happened to end at the line's end.
    if (!after_blank[i] && last_unit_line == i - 1 && mode != Mode::table && !article.units.empty() &&
        article.units.back().kind != UnitKind::table_row &&
        (!ends_sentence(article.units.back().text) ||
         joined_wrapped[i]) &&
        !bulleted && !field && article.units.back().text.back() != ':' && !numbered_line(line, &question) &&
        !pipe_row(line)) {
      wrapped.append(&article.units.back().text, line);
      last_unit_line = i;
      continue;
    }

    // A table of pipe-separated cells: its first line is the header.
    if (pipe_row(line) && i + 1 < lines.size() && !after_blank[i + 1] && pipe_row(next)) {
      auto header = table_cells(line);
      const bool numbered = numbering_column(header);
      const std::vector<std::string> shifted = numbered ? std::vector<std::string>(header.begin() + 1, header.end()) : header;
      for (++i; i < lines.size() && !after_blank[i] && pipe_row(lines[i]); ++i) {
        if (separator_row(lines[i])) continue;
        auto cells = table_cells(lines[i]);
        const bool dropped = numbered && drop_row_number(&cells);
        std::string row = table_row_text(dropped ? shifted : header, cells);
        if (!row.empty()) add(UnitKind::table_row, cells[0], row);
      }
      --i;
      continue;
    }

    // A question and its answer marked "T: …" / "J: …" (or Q/A, Tanya/Jawab)
    // are an FAQ entry wherever they stand; the answer may also come
    // unmarked, as the next line.
    std::string marked;
    if (question_marker(line, &marked) && !marked.empty()) {
      pending_question = marked;
      continue;
    }
    if (!pending_question.empty() && answer_marker(line, &marked) && !marked.empty()) {
      add(UnitKind::faq, pending_question, marked);
      pending_question.clear();
      continue;
    }

    if (mode != Mode::table && (i == first || after_blank[i]) && numbered_heading(line, &number, &title)) {
      // A parent heading right above its first sub-heading ("2." above
      // "2.1") opens no section of its own. A numbered line next to another
      // of the same depth is an item of a list ("1. Siapkan alat", "2. …").
      std::string_view next_number, next_title;
      const bool next_numbered = i + 1 < lines.size() && numbered_heading(next, &next_number, &next_title);
      auto depth = [](std::string_view n) { return 1 + static_cast<size_t>(std::count(n.begin(), n.end(), '.')); };
      auto digits = [](std::string_view n) { return !n.empty() && std::isdigit(static_cast<unsigned char>(n[0])); };
      // A heading: the titles of the numbered headings it stands under,
      // and it stands over the deeper ones after it.
      auto heading_parents = [&] {
        std::string parents;
        if (!digits(number)) return parents;
        const size_t d = depth(number);
        for (size_t k = 0; k + 1 < d && k < numbered_above.size(); ++k)
          if (number.starts_with(numbered_above[k].first + "."))
            parents += (parents.empty() ? "" : " ") + numbered_above[k].second;
        numbered_above.resize(d);
        numbered_above[d - 1] = {std::string(number), std::string(title)};
        return parents;
      };
      if (next_numbered && depth(next_number) > depth(number) && next_number.substr(0, number.size()) == number) {
        heading_parents();
        continue;
      }
      // A chapter ("BAB II …") is never an item, nor is a line numbered in
      // another way than the next ("A." under "1."): headings nest so.
      const bool chapter = starts_with_nocase(line, "bab ");
      const bool same_kind = next_numbered && !starts_with_nocase(next, "bab ") && digits(next_number) == digits(number);
      const bool item = !chapter && ((same_kind && depth(next_number) == depth(number)) || list_depth == depth(number));
      if (!item) {
        std::string parents = heading_parents();
        start_section(title, asks_questions(title) ? Mode::faq : Mode::body);
        if (!parents.empty()) article.set_parents(section, std::move(parents));
        continue;
      }
      list_depth = depth(number);
      add(UnitKind::paragraph, "", std::string(line));
      continue;
    }
    list_depth = 0;

    // An announcement's fields read as a list's items do: "Waktu: 07.00 – 12.15 WIB".
    if (field) {
      std::string_view key, value;
      field_line(line, &key, &value);
      std::string item = std::string(key) + ": " + std::string(value);
      if (last_bullet && !after_blank[i] && last_unit_line == i - 1 && !article.units.empty()) {
        article.units.back().text += '\n';
        article.units.back().text += item;
        last_unit_line = i;
      } else {
        add(UnitKind::paragraph, "", std::move(item));
        last_bullet = true;
      }
      continue;
    }

    // The first line of a wrapped paragraph is no heading.
    const bool wrapped = i + 1 < lines.size() && !after_blank[i + 1] && line.size() >= kWrappedLineChars &&
                         split_words(line).size() > kWrappedLineWords && mode != Mode::table;
    if (heading_like(line) && !wrapped && !bulleted) {
      if (starts_with_nocase(line, "Tabel:") || starts_with_nocase(line, "Tabel ")) {
        start_section(line, Mode::table);
        continue;
      }
      if (asks_questions(line)) {
        start_section(line, Mode::faq);
        continue;
      }
      if (starts_with_nocase(line, "Kesimpulan")) {
        start_section(line, Mode::body);
        continue;
      }
      if (mode == Mode::table) {
        std::string key, value;
        if (table_header_pending && split_words(line).size() <= 3) {
          table_header_pending = false;  // "Aspek Deskripsi"
          table_rows = true;
          continue;
        }
        if (split_table_row(line, &key, &value)) {
          add(UnitKind::table_row, key, key + ": " + value);
          table_rows = true;
          continue;
        }
      }
      // A heading followed by another heading (the title repeated, a leftover
      // image caption) or a repeat of the title opens no section.
      if (line == article.title || next.empty() || (heading_like(next) && alone(i + 1))) continue;
      start_section(line, Mode::body);
      continue;
    }

    // A table row may end with a period ("Matahari Bintang kuning … planet."),
    // which makes it no heading-like line: right below the table's header or
    // its last row, with no blank line between, it is still a row, not a
    // paragraph.
    if (mode == Mode::table && table_rows && !after_blank[i]) {
      std::string key, value;
      if (split_table_row(line, &key, &value)) {
        add(UnitKind::table_row, key, key + ": " + value);
        continue;
      }
    }
    if (mode == Mode::faq && numbered_line(line, &question)) {
      pending_question = std::string(question);
      continue;
    }
    // Under such a heading, a question line of its own, unnumbered, as a
    // word processor's FAQ writes it ("Apakah …?", its answer below).
    if (mode == Mode::faq && pending_question.empty() && line.back() == '?' && i + 1 < lines.size() &&
        next.back() != '?') {
      pending_question = std::string(line);
      continue;
    }
    if (!pending_question.empty()) {
      add(UnitKind::faq, pending_question, std::string(line));
      pending_question.clear();
      continue;
    }
    if (mode == Mode::faq && !article.units.empty() && article.units.back().kind == UnitKind::faq) {
      // A second answer paragraph belongs to the same entry.
      article.units.back().text += "\n\n";
      article.units.back().text += line;
      continue;
    }
    table_rows = false;
    // A bulleted list is one passage, its items in order without their
    // bullets, as a Markdown list is (knowledge/importers.cpp): a question
    // on one item is answered by the item's sentence (the answer span), and
    // "apa saja …?" by the list. 53 articles (`tanya eval DIR --rows`):
    // 1,981 → 1,985 handled, against an item per passage.
    const std::string_view item = without_bullet(line);
    const bool bullet = item.size() != line.size();
    if (bullet && last_bullet && !after_blank[i] && last_unit_line == i - 1 && !article.units.empty()) {
      article.units.back().text += '\n';  // an item a line, as in Markdown
      article.units.back().text += item;
      last_unit_line = i;
      continue;
    }
    add(UnitKind::paragraph, "", std::string(item));
    last_bullet = bullet;
  }
  return article;
}

}  // namespace tanya

#include "bot/rank_data.hpp"

#include <algorithm>
#include <cctype>
#include <limits>
#include <optional>
#include <string>
#include <string_view>

#include "bot/compose.hpp"
#include "bot/idf.hpp"
#include "knowledge/article_parser.hpp"
#include "knowledge/base/utf8.hpp"

namespace tanya {

namespace {

// A sentence defines what stands before its copula when that is a name of a
// few words ("Sistem peredaran darah adalah …"), not a clause ("Di sekolah,
// bank sampah biasanya menjadi bagian dari program Adiwiyata, yaitu …").
// By hand: the longest term a student asks "apa itu …" about.
constexpr size_t kMaxDefinedWords = 4;
// "X atau Y adalah …": Y is another name of X.
constexpr std::string_view kAliasWord = "atau";
// What joins the two ends of a range of numbers.
constexpr std::string_view kRangeJoins[] = {"-", "–", "—", "sampai", "hingga", "s.d.", "s/d", "sd", "sampai dengan"};
// A longer run of digits is a code or an identifier, no amount.
constexpr size_t kMaxNumberDigits = 9;
// A list item's label stands in its first kMaxItemLabelBytes and has at most
// kMaxItemLabelWords content words: a name, not a clause. By hand; on the 42
// articles (tanya eval --rows) 3 words handles one case fewer, 5 and 8 the same.
constexpr size_t kMaxItemLabelBytes = 60;
constexpr size_t kMaxItemLabelWords = 5;
constexpr std::string_view kTerPrefix = "ter";
// The word "berapa orang" counts people by, as the index stems it.
const std::string kPeopleCount = "orang";
// "seminggu", "sebulan": se- counts one of the unit after it.
constexpr std::string_view kOnePrefix = "se";
// The prepositions of place: a capitalised word after one is a place ("ke
// Yogyakarta", "di Lembang"), unless a title names a person ("dari Bapak X").
const std::unordered_set<std::string> kPlaceBefore = {"di", "ke", "dari"};

bool has_digit(std::string_view w) {
  return std::any_of(w.begin(), w.end(), [](char c) { return c >= '0' && c <= '9'; });
}

// An acronym of two or more capitals (digits may follow: "P5").
bool acronym(std::string_view w) {
  size_t caps = 0;
  for (char c : w) {
    if (c >= 'A' && c <= 'Z') ++caps;
    else if (!(c >= '0' && c <= '9')) return false;
  }
  return caps >= 2;
}

constexpr size_t kMinSpelledLetters = 3;

// The text holds one of `phrases` (lowercase) starting at a word's start.
bool announces_contents(std::string_view text, const std::vector<std::string>& phrases) {
  if (phrases.empty()) return false;
  const std::string low = utf8::lower(text);
  for (const auto& phrase : phrases)
    for (size_t at = low.find(phrase); at != std::string::npos; at = low.find(phrase, at + 1))
      if (at == 0 || !std::isalnum(static_cast<unsigned char>(low[at - 1]))) return true;
  return false;
}

// The value of a word of digits only; none for a longer run of digits.
std::optional<long> digits_value(std::string_view word) {
  if (word.empty() || word.size() > kMaxNumberDigits ||
      !std::all_of(word.begin(), word.end(), [](char c) { return c >= '0' && c <= '9'; }))
    return std::nullopt;
  return std::stol(std::string(word));
}

// A whole number written as a word of its own, not a part of a time, a date
// or a figure with separators ("08.00", "1.000.000", "2,5").
std::optional<long> whole_number(std::string_view text, const Token& t) {
  const auto value = digits_value(t.surface);
  if (!value) return std::nullopt;
  auto separator = [](char c) { return c == '.' || c == ',' || c == ':' || c == '/'; };
  auto digit = [](char c) { return c >= '0' && c <= '9'; };
  if (t.start >= 2 && separator(text[t.start - 1]) && digit(text[t.start - 2])) return std::nullopt;
  if (t.end + 1 < text.size() && separator(text[t.end]) && digit(text[t.end + 1])) return std::nullopt;
  return value;
}

// "A sampai B", "A–B", "A hingga B", "A s.d. B"; "N (unit) ke atas".
void add_ranges(std::string_view text, const std::vector<Token>& tokens, std::vector<std::pair<long, long>>* out) {
  for (size_t i = 0; i + 1 < tokens.size(); ++i) {
    auto low = whole_number(text, tokens[i]);
    if (!low) continue;
    // The other end within the next three words ("sampai dengan").
    for (size_t j = i + 1; j < tokens.size() && j <= i + 3; ++j) {
      auto high = whole_number(text, tokens[j]);
      if (!high) continue;
      std::string_view between = text.substr(tokens[i].end, tokens[j].start - tokens[i].end);
      while (!between.empty() && between.front() == ' ') between.remove_prefix(1);
      while (!between.empty() && between.back() == ' ') between.remove_suffix(1);
      if (*high > *low && std::find(std::begin(kRangeJoins), std::end(kRangeJoins), between) != std::end(kRangeJoins))
        out->push_back({*low, *high});
      break;
    }
    size_t k = i + 1;
    if (k < tokens.size() && !tokens[k].stop) ++k;  // the unit: "15 tahun ke atas"
    if (k + 1 < tokens.size() && tokens[k].surface == "ke" && tokens[k + 1].surface == "atas")
      out->push_back({*low, std::numeric_limits<long>::max()});
  }
}

}  // namespace

bool UnitData::in_range(std::string_view word) const {
  if (ranges.empty()) return false;
  const auto n = digits_value(word);
  return n && std::any_of(ranges.begin(), ranges.end(), [&](const auto& r) { return r.first <= *n && *n <= r.second; });
}

bool initials_spell(std::string_view acronym, const std::vector<std::string_view>& words, size_t from) {
  if (acronym.size() < kMinSpelledLetters) return false;
  for (size_t start = from; start < words.size(); ++start) {
    size_t k = 0;
    for (size_t t = start; t < words.size() && k < acronym.size(); ++t) {
      if (k > 0 && words[t] == "dan") continue;
      if (words[t].empty() || words[t][0] != acronym[k]) break;
      ++k;
    }
    if (k == acronym.size()) return true;
  }
  return false;
}

namespace {

// Whether the sentence spells an acronym out in brackets, either way round:
// "PKPR (Pelayanan Kesehatan Peduli Remaja)", "Instalasi Gawat Darurat (IGD)".
// Emphasis marks around the acronym ("**PKPR** (") are skipped.
bool expands_acronym(std::string_view s) {
  auto word = [](char c) { return (c >= 'A' && c <= 'Z') || (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9'); };
  for (size_t open = s.find('('); open != std::string_view::npos; open = s.find('(', open + 1)) {
    const size_t close = s.find(')', open);
    if (close == std::string_view::npos) return false;
    if (acronym(s.substr(open + 1, close - open - 1))) return true;
    size_t end = open;
    while (end > 0 && (s[end - 1] == ' ' || s[end - 1] == '*' || s[end - 1] == '_')) --end;
    size_t begin = end;
    while (begin > 0 && word(s[begin - 1])) --begin;
    if (acronym(s.substr(begin, end - begin))) return true;
  }
  // Or by the initials of the words after it ("Huruf AVO berasal dari
  // ampere, volt, dan ohm").
  std::vector<std::string> lower;
  std::vector<bool> caps;
  for (size_t i = 0; i < s.size();) {
    if (!word(s[i])) { ++i; continue; }
    size_t j = i;
    while (j < s.size() && word(s[j])) ++j;
    caps.push_back(acronym(s.substr(i, j - i)));
    std::string w(s.substr(i, j - i));
    for (char& c : w) c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
    lower.push_back(std::move(w));
    i = j;
  }
  if (std::none_of(caps.begin(), caps.end(), [](bool c) { return c; })) return false;
  const std::vector<std::string_view> views(lower.begin(), lower.end());
  for (size_t i = 0; i < views.size(); ++i)
    if (caps[i] && initials_spell(views[i], views, i + 1)) return true;
  return false;
}

// Whether the sentence writes an Indonesian phone number: "0812-3344-5566",
// "(021) 7745-3210", "+62 812 3344 5566" — a run of digits and separators
// (- . space brackets) starting with 0 or 62 and holding 9 to 15 digits. A
// time ("07.00-08.00"), a date or a price ("Rp10.000") has fewer digits or
// does not start so. Short numbers ("113", "ext. 204") are short_number().
constexpr size_t kPhoneDigitsMin = 9, kPhoneDigitsMax = 15;

bool writes_phone_number(std::string_view s) {
  auto digit = [](char c) { return c >= '0' && c <= '9'; };
  auto letter = [](char c) { return (c >= 'A' && c <= 'Z') || (c >= 'a' && c <= 'z'); };
  for (size_t i = 0; i < s.size(); ++i) {
    if (i > 0 && (digit(s[i - 1]) || letter(s[i - 1]) || s[i - 1] == '+' || s[i - 1] == '(')) continue;
    size_t j = i;
    if (s[j] == '+' || s[j] == '(') ++j;
    if (j >= s.size() || (s[j] != '0' && !(s[j] == '6' && j + 1 < s.size() && s[j + 1] == '2'))) continue;
    size_t digits = 0;
    for (; j < s.size(); ++j) {
      if (digit(s[j])) ++digits;
      else if (s[j] != '-' && s[j] != '.' && s[j] != ' ' && s[j] != '(' && s[j] != ')') break;
      // A separator followed by no digit ends the number ("5566. Ia", "5566 atau").
      else if (j + 1 >= s.size() || !(digit(s[j + 1]) || s[j + 1] == ' ' || s[j + 1] == '(')) break;
    }
    if (digits >= kPhoneDigitsMin && digits <= kPhoneDigitsMax) return true;
    i = std::max(i, j);  // a run is read once ("0 0 0 …" stays linear)
  }
  return false;
}

// Whether the sentence writes a number of 3 to 5 digits standing alone, as
// an emergency or extension number is ("adalah 113", "ext. 204"): not part
// of a time, a decimal or a price ("05.45", "2,5", "Rp10.000").
constexpr size_t kShortNumberMin = 3, kShortNumberMax = 5;

bool short_number(std::string_view s) {
  auto digit = [](char c) { return c >= '0' && c <= '9'; };
  auto joins = [&](size_t k) {  // s[k] joins the digits on both its sides
    return k < s.size() && (s[k] == '.' || s[k] == ',' || s[k] == ':') && k > 0 && digit(s[k - 1]) &&
           k + 1 < s.size() && digit(s[k + 1]);
  };
  for (size_t i = 0; i < s.size();) {
    if (!digit(s[i])) {
      ++i;
      continue;
    }
    size_t j = i;
    while (j < s.size() && digit(s[j])) ++j;
    const bool alone = (i == 0 || !(std::isalnum(static_cast<unsigned char>(s[i - 1])) || joins(i - 1))) &&
                       (j >= s.size() || !(std::isalpha(static_cast<unsigned char>(s[j])) || joins(j)));
    if (alone && j - i >= kShortNumberMin && j - i <= kShortNumberMax) return true;
    i = j;
  }
  return false;
}

void sort_unique(std::vector<uint32_t>* v) {
  std::sort(v->begin(), v->end());
  v->erase(std::unique(v->begin(), v->end()), v->end());
}

// The section title, up to a colon, is one word of `closing` as written
// ("Kesimpulan: Menjaga Pantai Bersama", "## Penutup").
bool closing_title(std::string_view title, const std::unordered_set<std::string>& closing) {
  title = title.substr(0, title.find(':'));
  while (!title.empty() && title.back() == ' ') title.remove_suffix(1);
  while (!title.empty() && title.front() == ' ') title.remove_prefix(1);
  std::string lower;
  for (char c : title) lower += static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
  return closing.count(lower) > 0;
}

// Whether the text opens with a yes or no of its own sentence or clause:
// "Ya,", "Tidak.", "Boleh, asalkan", "Bisa!" (knowledge/lexicon/yesno_openings.txt).
bool opens_yes_no(std::string_view text, const std::unordered_set<std::string>& openings) {
  size_t end = 0;
  while (end < text.size() && std::isalpha(static_cast<unsigned char>(text[end]))) ++end;
  if (end == 0 || end >= text.size() || (text[end] != ',' && text[end] != '.' && text[end] != '!')) return false;
  std::string first;
  for (size_t i = 0; i < end; ++i) first += static_cast<char>(std::tolower(static_cast<unsigned char>(text[i])));
  return openings.count(first) > 0;
}

}  // namespace

std::vector<uint32_t> RankData::ids_of(const std::vector<std::string>& stems) {
  std::vector<uint32_t> out;
  out.reserve(stems.size());
  for (const auto& s : stems) out.push_back(ids_.emplace(s, static_cast<uint32_t>(ids_.size())).first->second);
  return out;
}

RankData::RankData(const IndexData& index, const Analyzer& analyzer) {
  const Lexicon& lex = analyzer.lexicon();
  uint32_t bit = 1;
  for (const auto& [type, words] : lex.passage_cues) {
    type_bits_[type] = bit;
    bit <<= 1;
    if (words.count("<number>")) number_types_.insert(type);
  }
  // A type narrowing a number type ("price" within "amount") asks a number too.
  for (const auto& n : lex.narrowings) {
    if (number_types_.count(n.within)) number_types_.insert(n.type);
    narrowed_from_.emplace(n.type, n.within);
  }
  // The cue bits of a sentence: its lowercase words against each type's cues,
  // and the patterns question_types.tsv names: <number>, a word with a
  // digit; <name>, a capitalised word that does not begin the sentence;
  // <acronym>, an acronym beside its expansion in brackets; <counted>, the
  // type's words only as a unit counted ("empat bulan", "seminggu").
  // `sentence_only`: the bits of sentence cues (question_types.tsv "sentence"), which
  // mark a sentence but not its passage.
  std::unordered_set<std::string> place_words;
  for (const char* type : {"where", "address"})
    if (auto cues = lex.passage_cues.find(type); cues != lex.passage_cues.end())
      for (const auto& w : cues->second)
        if (w.empty() || w[0] != '<') place_words.insert(w);
  // The words of an amount (question_types.tsv's amount passage cues: "empat", "puluh").
  auto cues_of_amount = lex.passage_cues.find("amount");
  const auto* amount_words = cues_of_amount == lex.passage_cues.end() ? nullptr : &cues_of_amount->second;
  // A figure or a number word: what counts the word after it.
  auto counts_next = [&](const std::string& w) { return has_digit(w) || (amount_words && amount_words->count(w)); };
  // <person>, a capitalised word (not in capitals) after a title
  // (person_titles.txt: "Bapak Hendra"), or one hunspell-id does not know
  // ("Soekarno", "Bosscha"); its stem goes into `persons`.
  // A run of capitalised words after a place word ("Jalan Bhayangkara",
  // "Kelurahan Tanjungsari": the where and address types' passage cues) or
  // after "di", "ke", "dari" ("ke Yogyakarta") is a place, one after an
  // acronym ("SMA Negeri 3 Sukamulya") an institution, and a word with a
  // capital inside ("WhatsApp") a brand: none is a person.
  auto upper = [](char c) { return c >= 'A' && c <= 'Z'; };
  auto cue_bits = [&](std::string_view sentence, const std::vector<Token>& tokens, uint32_t* sentence_only,
                      std::vector<std::string>* persons) {
    bool number = false, name = false, place = false;
    for (size_t i = 0; i < tokens.size(); ++i) {
      const Token& t = tokens[i];
      if (has_digit(t.surface)) number = true;
      const bool capital = i > 0 && t.start < sentence.size() && upper(sentence[t.start]);
      if (capital) name = true;
      const std::string_view word = sentence.substr(t.start, std::min<size_t>(t.end, sentence.size()) - t.start);
      const bool titled = i > 0 && lex.person_titles.count(tokens[i - 1].surface) > 0;
      // A run of capitalised words (a figure within it too: "SMA Negeri 3
      // Sukamulya") with an acronym in it names an institution.
      const bool joined = i > 0 && t.start == tokens[i - 1].end + 1 && sentence[tokens[i - 1].end] == ' ';
      const bool in_run = joined && !word.empty() && (upper(word[0]) || has_digit(t.surface));
      const bool acronym = word.size() > 1 && upper(word[0]) && std::none_of(word.begin(), word.end(), [](char c) {
                             return std::islower(static_cast<unsigned char>(c)) != 0;
                           });
      if (!in_run) place = false;
      if (acronym) place = true;
      if (i > 0 && !titled && (kPlaceBefore.count(tokens[i - 1].surface) || place_words.count(tokens[i - 1].surface)))
        place = true;
      if (capital && (titled || !place) && !t.stop && !has_digit(t.surface) &&
          std::none_of(word.begin() + 1, word.end(), upper) && (titled || !analyzer.known_word(t.surface)))
        persons->push_back(t.term);
    }
    const bool person = !persons->empty();
    const bool spelled = expands_acronym(sentence);
    const bool phone = writes_phone_number(sentence);
    const bool short_figure = short_number(sentence);
    uint32_t bits = 0;
    for (const auto& [type, words] : lex.passage_cues) {
      bool cue = (number && words.count("<number>")) || (name && words.count("<name>")) ||
                 (person && words.count("<person>")) ||
                 (spelled && words.count("<acronym>"));
      // <counted>: the type's words cue only as a unit counted ("empat bulan",
      // "10 tahun") or written with se- ("seminggu"), never on their own
      // ("tahun 2024", "hari Senin").
      const bool counted_only = words.count("<counted>") > 0;
      bool word = false;
      for (size_t i = 0; i < tokens.size() && !word; ++i) {
        const std::string& w = tokens[i].surface;
        if (!counted_only)
          word = words.count(w) > 0;
        else
          word = (words.count(w) && i > 0 && counts_next(tokens[i - 1].surface)) ||
                 (w.size() > kOnePrefix.size() && w.starts_with(kOnePrefix) && words.count(w.substr(kOnePrefix.size())));
      }
      // <phone>: the number itself, or a short one beside a cue word
      // ("nomor darurat … adalah 113"); a cue word alone ("grup WhatsApp")
      // gives no number to call.
      if (words.count("<phone>"))
        cue = cue || phone || (short_figure && word);
      else
        cue = cue || word;
      if (cue) bits |= type_bits_[type];
    }
    *sentence_only = 0;
    for (const auto& [type, words] : lex.sentence_cues)
      for (const auto& t : tokens)
        if (words.count(t.surface)) {
          *sentence_only |= type_bits_[type] & ~bits;
          break;
        }
    return bits;
  };

  auto cues_of_definition = lex.passage_cues.find("definition");
  const auto* definition_cues = cues_of_definition == lex.passage_cues.end() ? nullptr : &cues_of_definition->second;
  std::unordered_map<std::string, std::vector<uint32_t>> section_ids;  // by parents + "\n" + title
  std::unordered_map<std::string, std::vector<uint32_t>> title_ids;    // by title: its own words
  units_.reserve(index.units.size());
  // A table's rows name things of one kind by their first cell ("Desain
  // Grafis", "Menjahit Pakaian Wanita"): the keys' first words are siblings,
  // as the items of a list in a sentence are, so "kalo menjahit?" after the
  // row on graphic design asks the same of sewing.
  std::unordered_map<std::string, std::vector<uint32_t>> row_heads;  // by article, parents, section
  for (const auto& u : index.units)
    if (u.kind == UnitKind::table_row && !u.question_terms.empty())
      row_heads[u.article + "\n" + u.section_parents + "\n" + u.section].push_back(ids_of({u.question_terms[0]})[0]);
  for (const auto& [table, heads] : row_heads)
    for (size_t i = 0; i < heads.size(); ++i)
      for (size_t j = i + 1; j < heads.size(); ++j) add_sibling(heads[i], heads[j]);
  for (const auto& u : index.units) {
    UnitData d;
    d.positions = ids_of(u.terms);
    d.body = d.positions;
    d.label = ids_of(u.question_terms);
    d.body.insert(d.body.end(), d.label.begin(), d.label.end());
    for (const auto& alt : u.alternate_terms) {
      auto ids = ids_of(alt);
      d.body.insert(d.body.end(), ids.begin(), ids.end());
      sort_unique(&ids);
      d.alternates.push_back(std::move(ids));
    }
    // A section's words: its title's and those of the headings above it.
    auto section = section_ids.find(u.section_parents + "\n" + u.section);
    if (section == section_ids.end()) {
      section = section_ids.emplace(u.section_parents + "\n" + u.section, ids_of(u.section_terms)).first;
      auto title = analyzer.analyze(u.section);
      add_siblings(u.section, title);  // "Nomor Tunggal dan Ganda"
      std::vector<std::string> stems;
      for (const auto& t : title)
        if (!t.stop) stems.push_back(t.term);
      title_ids.emplace(u.section, ids_of(stems));
    }
    d.all = d.body;
    d.all.insert(d.all.end(), section->second.begin(), section->second.end());
    d.closing = u.kind == UnitKind::paragraph && closing_title(u.section, lex.closing_titles);
    // A paragraph announcing what the page covers ("Artikel ini membahas
    // …", "Di dalamnya dijelaskan …") names every topic and answers none: a
    // summary, as the closing section is.
    if (u.kind == UnitKind::paragraph && !d.closing) d.closing = announces_contents(u.text, lex.overview_phrases);
    d.yes_no = opens_yes_no(u.text, lex.yesno_openings);
    sort_unique(&d.body);
    sort_unique(&d.label);
    sort_unique(&d.all);
    for (const Span& s : split_sentences(u.text)) {
      SentenceData sd;
      sd.begin = s.begin;
      sd.end = s.end;
      const std::string_view text = std::string_view(u.text).substr(s.begin, s.end - s.begin);
      auto tokens = analyzer.analyze(text);
      std::vector<std::string> stems;
      for (const auto& t : tokens)
        if (!t.stop) stems.push_back(t.term);
      sd.terms = ids_of(stems);
      sort_unique(&sd.terms);
      uint32_t sentence_only = 0;
      std::vector<std::string> persons;
      const uint32_t passage_bits = cue_bits(text, tokens, &sentence_only, &persons);
      for (uint32_t id : ids_of(persons)) d.persons.push_back(id);
      sd.cues = passage_bits | sentence_only;
      add_siblings(text, tokens);
      if (definition_cues) {
        // The words before the cue, leaving out a bracketed expansion or
        // abbreviation ("QRIS (Quick Response Code Indonesian Standard)
        // adalah …" defines QRIS), or one after "atau" ("HPV atau Human
        // Papillomavirus adalah …" defines HPV).
        std::vector<std::string> subject;
        size_t scanned = 0;
        int depth = 0;
        bool alias = false;
        for (const auto& t : tokens) {
          if (t.surface == kAliasWord && !subject.empty()) alias = true;
          for (; scanned < t.start && scanned < text.size(); ++scanned) {
            if (text[scanned] == '(') ++depth;
            if (text[scanned] == ')' && depth > 0) --depth;
          }
          if (definition_cues->count(t.surface)) {
            if (subject.size() <= kMaxDefinedWords) {
              sd.defines = ids_of(subject);
              sort_unique(&sd.defines);
            }
            break;
          }
          if (!t.stop && depth == 0 && !alias) subject.push_back(t.term);
        }
      }
      // A list item that names its subject before a colon ("- Parafrasa
      // tanpa sumber: menulis ulang …"), joined into its list's passage, is
      // labelled like a table row by that name: a question about it finds
      // the list. A clause before the colon ("Contoh X adalah: …") is no name.
      if (u.kind == UnitKind::paragraph) {
        size_t colon = text.find(": ");
        if (colon != std::string_view::npos && colon <= kMaxItemLabelBytes) {
          std::vector<std::string> label;
          bool clause = false;
          for (const auto& t : tokens) {
            if (t.start >= colon) break;
            if (definition_cues && definition_cues->count(t.surface)) clause = true;
            if (!t.stop) label.push_back(t.term);
          }
          if (!clause && !label.empty() && label.size() <= kMaxItemLabelWords) {
            auto ids = ids_of(label);
            sort_unique(&ids);
            d.alternates.push_back(std::move(ids));
          }
        }
      }
      // Superlatives: "paling besar", or ter- on a word of the same stem
      // ("terbesar"; "terjadi" too, which no question asks as "paling jadi");
      // and words counted: after a figure or a number word ("empat hari").
      for (size_t i = 0; i < tokens.size(); ++i) {
        const Token& t = tokens[i];
        if (t.stop) continue;
        const bool after_paling = i > 0 && tokens[i - 1].surface == kSuperlativeWord;
        const bool ter = t.surface.size() > kTerPrefix.size() + 2 && t.surface.starts_with(kTerPrefix) &&
                         analyzer.stem(t.surface.substr(kTerPrefix.size())) == t.term;
        if (after_paling || ter) d.superlatives.push_back(ids_of({t.term})[0]);
        if (i > 0 && counts_next(tokens[i - 1].surface)) {
          d.counted.push_back(ids_of({t.term})[0]);
          // "38 siswa" counts people: it answers "berapa orang?" too.
          if (lex.people_nouns.count(t.surface)) d.counted_people.push_back(ids_of({kPeopleCount})[0]);
        }
      }
      add_ranges(text, tokens, &d.ranges);
      d.cues |= passage_bits;
      d.sentences.push_back(std::move(sd));
    }
    if (u.kind == UnitKind::paragraph) {
      std::string_view text = u.text;
      while (!text.empty() && (text.back() == ' ' || text.back() == '\n')) text.remove_suffix(1);
      d.list = text.find('\n') != std::string_view::npos || (!text.empty() && text.back() == ':');
      if (text.find('\n') != std::string_view::npos) {
        size_t start = 0;
        while (start < text.size()) {
          size_t end = text.find('\n', start);
          if (end == std::string_view::npos) end = text.size();
          std::vector<std::string> stems;
          for (const auto& t : analyzer.analyze(text.substr(start, end - start)))
            if (!t.stop) stems.push_back(t.term);
          if (!stems.empty()) {
            auto ids = ids_of(stems);
            ids.insert(ids.end(), section->second.begin(), section->second.end());
            sort_unique(&ids);
            d.items.push_back(std::move(ids));
          }
          start = end + 1;
        }
      }
    }
    sort_unique(&d.persons);
    sort_unique(&d.superlatives);
    sort_unique(&d.counted);
    sort_unique(&d.counted_people);
    units_.push_back(std::move(d));
  }

  std::unordered_map<std::string, size_t> article_index;
  article_of_.reserve(index.units.size());
  for (const auto& u : index.units) {
    auto [it, fresh] = article_index.emplace(u.article, articles_.size());
    if (fresh) articles_.emplace_back();
    article_of_.push_back(it->second);
    const UnitData& d = units_[u.id - 1];
    articles_[it->second].insert(articles_[it->second].end(), d.all.begin(), d.all.end());
  }
  for (auto& a : articles_) sort_unique(&a);
  article_pairs_.resize(articles_.size());
  for (const auto& u : index.units) {
    auto& pairs = article_pairs_[article_of_[u.id - 1]];
    for (const auto* words : {&u.terms, &u.question_terms, &u.section_terms}) {
      const std::vector<uint32_t> ids = ids_of(*words);
      for (size_t i = 0; i + 1 < ids.size(); ++i) pairs.insert(uint64_t{ids[i]} << 32 | ids[i + 1]);
    }
  }

  // Document frequencies per article and over all, counted on body and label
  // (as IndexData::stem_df), so the per-article idf equals a one-article index's.
  article_df_.resize(articles_.size());
  article_units_.assign(articles_.size(), 0);
  df_.assign(ids_.size(), 0);
  std::vector<std::unordered_map<uint32_t, uint32_t>> counts(articles_.size());
  for (const auto& u : index.units) {
    const size_t a = article_of_[u.id - 1];
    ++article_units_[a];
    for (uint32_t id : units_[u.id - 1].body) {
      ++counts[a][id];
      ++df_[id];
    }
  }
  for (size_t a = 0; a < counts.size(); ++a) {
    article_df_[a].assign(counts[a].begin(), counts[a].end());
    std::sort(article_df_[a].begin(), article_df_[a].end());
  }

  // Suggestions: every FAQ question, and every titled section of paragraphs.
  label_of_.assign(index.units.size(), -1);
  std::unordered_map<std::string, int> section_label;
  for (const auto& u : index.units) {
    if (u.kind == UnitKind::faq) {
      label_of_[u.id - 1] = static_cast<int>(labels_.size());
      labels_.push_back({u.question, unit(u.id).label, u.id});
    } else if (u.kind == UnitKind::paragraph && u.section != kIntroductionSection) {
      // Sections are keyed by article too: two articles may share a title.
      std::string key = u.article + "\n" + u.section;
      auto it = section_label.find(key);
      if (it == section_label.end()) {
        // A suggestion names the section by its own title.
        auto terms = title_ids[u.section];
        sort_unique(&terms);
        it = section_label.emplace(key, static_cast<int>(labels_.size())).first;
        labels_.push_back({u.section, std::move(terms), u.id});
      }
      label_of_[u.id - 1] = it->second;
    }
  }
}

uint32_t RankData::id(const std::string& stem) const {
  auto it = ids_.find(stem);
  return it == ids_.end() ? kNoTerm : it->second;
}

uint32_t RankData::article_df(size_t article, uint32_t id) const {
  const auto& dfs = article_df_[article];
  auto it = std::lower_bound(dfs.begin(), dfs.end(), std::make_pair(id, uint32_t{0}));
  return it != dfs.end() && it->first == id ? it->second : 0;
}

double RankData::article_idf(size_t article, uint32_t id) const {
  return tanya::idf(static_cast<double>(article_units_[article]), article_df(article, id));
}

double RankData::idf(uint32_t id) const {
  const double df = id < df_.size() ? df_[id] : 0;
  return tanya::idf(static_cast<double>(units_.size()), df);
}

bool RankData::article_writes(size_t article, const std::vector<uint32_t>& ids) const {
  const auto& pairs = article_pairs_[article];
  for (size_t i = 0; i + 1 < ids.size(); ++i)
    if (ids[i] == kNoTerm || ids[i + 1] == kNoTerm || !pairs.count(uint64_t{ids[i]} << 32 | ids[i + 1])) return false;
  return true;
}

bool RankData::asks(const std::string& question_type, const std::string& type) const {
  if (question_type == type) return true;
  auto it = narrowed_from_.find(question_type);
  return it != narrowed_from_.end() && it->second == type;
}

uint32_t RankData::type_bit(const std::string& question_type) const {
  auto it = type_bits_.find(question_type);
  return it == type_bits_.end() ? 0 : it->second;
}

// Words joined as items of one list: "tunggal dan ganda", "Cirebon,
// Pekalongan, dan Lasem", "peredaran darah besar dan peredaran darah kecil"
// (an item repeating the one before but for one word). Each pair of a run of
// one-word items is kept; a clause comma ("Saat menyerang, keduanya …") pairs
// two words too, which costs only when a follow-up names one and its
// conversation the other.
void RankData::add_siblings(std::string_view text, const std::vector<Token>& tokens) {
  static const std::unordered_set<std::string> kJoins = {",", ",dan", ",atau", ",serta", "dan", "atau",
                                                         "maupun", "serta", "ataupun", "/"};
  auto pair = [&](uint32_t a, uint32_t b) { add_sibling(a, b); };
  std::vector<const Token*> words;  // the sentence's words, stop words left out
  std::vector<uint32_t> ids;
  for (const Token& t : tokens)
    if (!t.stop) words.push_back(&t), ids.push_back(ids_of({t.term})[0]);
  std::vector<uint32_t> run;
  auto close_run = [&] {
    for (size_t i = 0; i < run.size(); ++i)
      for (size_t j = i + 1; j < run.size(); ++j) pair(run[i], run[j]);
    run.clear();
  };
  for (size_t j = 0; j < words.size(); ++j) {
    bool joined = false;
    if (j > 0 && words[j - 1]->end <= words[j]->start && words[j]->start <= text.size()) {
      std::string gap;
      for (char c : text.substr(words[j - 1]->end, words[j]->start - words[j - 1]->end))
        if (c != ' ') gap += static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
      joined = kJoins.count(gap) > 0;
    }
    // The item after the join repeats the one before it from its head: the
    // first word where they part is the pair, not the words either side of
    // the join ("pewarna alami dan pewarna sintetis": alami, sintetis).
    bool repeats = false;
    for (size_t m = 1; joined && m <= kMaxItemWords && m < j && !repeats; ++m) {
      const size_t head = j - 1 - m;
      if (ids[head] != ids[j]) continue;
      repeats = true;
      for (size_t k = 1; k <= m && j + k < words.size(); ++k)
        if (ids[head + k] != ids[j + k]) {
          pair(ids[head + k], ids[j + k]);
          break;
        }
    }
    if (!joined || repeats) close_run();
    if (run.size() < kMaxListRun) run.push_back(ids[j]);
  }
  close_run();
}

void RankData::add_sibling(uint32_t a, uint32_t b) {
  if (a != b) siblings_.insert(static_cast<uint64_t>(std::min(a, b)) << 32 | std::max(a, b));
}

bool RankData::siblings(uint32_t a, uint32_t b) const {
  if (a == kNoTerm || b == kNoTerm || a == b) return false;
  uint64_t lo = std::min(a, b), hi = std::max(a, b);
  return siblings_.count(lo << 32 | hi) > 0;
}

}  // namespace tanya

#include "knowledge/lexicon.hpp"
#include "knowledge/base/strings.hpp"

#include <algorithm>
#include <charconv>
#include <sstream>

#include "knowledge/knowledge_dir.hpp"

namespace tanya {

std::vector<std::string> split_spaces(const std::string& s) {
  std::vector<std::string> out;
  std::istringstream in(s);
  std::string w;
  while (in >> w) out.push_back(w);
  return out;
}

namespace {

struct Line {
  int number;
  std::vector<std::string> fields;  // tab-separated, trimmed
};

Result<std::vector<Line>> read_lines(const std::string& dir, const char* file, size_t min_fields,
                                     uint64_t* fingerprint) {
  std::string path = dir + "/" + file;
  auto text = read_file(path);
  if (!text) return text.error();
  *fingerprint = fnv1a(text->data(), text->size(), *fingerprint);
  std::vector<Line> out;
  std::istringstream in(*text);
  std::string raw;
  int number = 0;
  while (std::getline(in, raw)) {
    ++number;
    std::string line(trim(raw));
    if (line.empty() || line[0] == '#') continue;
    Line l{number, {}};
    size_t pos = 0;
    while (true) {
      size_t tab = line.find('\t', pos);
      l.fields.emplace_back(trim(std::string_view(line).substr(pos, tab == std::string::npos ? std::string::npos : tab - pos)));
      if (tab == std::string::npos) break;
      pos = tab + 1;
    }
    if (l.fields.size() < min_fields) {
      return make_error("parse", path + ":" + std::to_string(number) + ": expected " +
                                     std::to_string(min_fields) + " tab-separated fields");
    }
    out.push_back(std::move(l));
  }
  return out;
}

}  // namespace

Result<Lexicon> load_lexicon(const std::string& dir) {
  Lexicon lx;
  uint64_t fp = 1469598103934665603ULL;

  auto words_into = [&](const char* file, std::unordered_set<std::string>* set) -> Status {
    auto lines = read_lines(dir, file, 1, &fp);
    if (!lines) return lines.error();
    for (auto& l : *lines)
      for (auto& w : split_spaces(l.fields[0])) set->insert(w);
    return Ok{};
  };
  auto map_into = [&](const char* file, std::unordered_map<std::string, std::vector<std::string>>* map) -> Status {
    auto lines = read_lines(dir, file, 2, &fp);
    if (!lines) return lines.error();
    for (auto& l : *lines) (*map)[l.fields[0]] = split_spaces(l.fields[1]);
    return Ok{};
  };

  for (auto [file, set] : {std::pair{"stopwords.txt", &lx.stopwords},
                           std::pair{"protected.txt", &lx.protected_words},
                           std::pair{"english_stopwords.txt", &lx.english_stopwords},
                           std::pair{"fillers.txt", &lx.fillers},
                           std::pair{"followup_cues.txt", &lx.followup_cues},
                           std::pair{"followup_weak_cues.txt", &lx.followup_weak_cues},
                           std::pair{"generic_words.txt", &lx.generic_words},
                           std::pair{"subject_words.txt", &lx.subject_words},
                           std::pair{"yesno_tags.txt", &lx.yesno_tags},
                           std::pair{"yesno_openings.txt", &lx.yesno_openings},
                           std::pair{"people_nouns.txt", &lx.people_nouns},
                           std::pair{"bot_address.txt", &lx.bot_address},
                           std::pair{"answerer_words.txt", &lx.answerer_words},
                           std::pair{"person_roles.txt", &lx.person_roles},
                           std::pair{"request_words.txt", &lx.request_words},
                           std::pair{"summary_words.txt", &lx.summary_words},
                           std::pair{"closing_titles.txt", &lx.closing_titles},
                           std::pair{"another_cues.txt", &lx.another_cues},
                           std::pair{"now_units.txt", &lx.now_units},
                           std::pair{"person_titles.txt", &lx.person_titles},
                           std::pair{"strict_types.txt", &lx.strict_types},
                           std::pair{"numbered_nouns.txt", &lx.numbered_nouns},
                           std::pair{"step_nouns.txt", &lx.step_nouns}}) {
    if (auto st = words_into(file, set); !st) return st.error();
  }
  for (auto [file, map] : {std::pair{"compounds.tsv", &lx.compounds}, std::pair{"slang.tsv", &lx.slang},
                           std::pair{"glossary_en.tsv", &lx.glossary_en}}) {
    if (auto st = map_into(file, map); !st) return st.error();
  }

  // ordinals.tsv: an ordinal word and the place it names, "-" for none,
  // "last" for the last (Lexicon::kLastPlace).
  auto ord = read_lines(dir, "ordinals.tsv", 2, &fp);
  if (!ord) return ord.error();
  for (auto& l : *ord) {
    int place = 0;
    if (l.fields[1] == "last") {
      place = Lexicon::kLastPlace;
    } else if (l.fields[1] != "-") {
      const auto [end, ec] = std::from_chars(l.fields[1].data(), l.fields[1].data() + l.fields[1].size(), place);
      if (ec != std::errc() || end != l.fields[1].data() + l.fields[1].size() || place < 1)
        return make_error("parse", dir + "/ordinals.tsv:" + std::to_string(l.number) + ": the place must be a number from 1, - or last");
    }
    lx.ordinals[l.fields[0]] = place;
  }

  // news_phrases.txt: one phrase per line.
  auto np = read_lines(dir, "news_phrases.txt", 1, &fp);
  if (!np) return np.error();
  for (auto& l : *np) lx.news_phrases.push_back(split_spaces(l.fields[0]));

  // overview_phrases.txt: one phrase per line.
  auto op = read_lines(dir, "overview_phrases.txt", 1, &fp);
  if (!op) return op.error();
  for (auto& l : *op) lx.overview_phrases.push_back(l.fields[0]);

  // next_cues.txt: one phrase per line.
  auto nc = read_lines(dir, "next_cues.txt", 1, &fp);
  if (!nc) return nc.error();
  for (auto& l : *nc) lx.next_cues.push_back(split_spaces(l.fields[0]));

  // english_common.tsv: English word, part of speech (n, v, adj, adv), comma-separated translations.
  auto ec = read_lines(dir, "english_common.tsv", 3, &fp);
  if (!ec) return ec.error();
  for (auto& l : *ec) {
    DictionaryEntry e;
    const std::string& pos = l.fields[1];
    e.pos = pos == "n" ? kEnglishNoun : pos == "v" ? kEnglishVerb : pos == "adj" ? kEnglishAdjective : kEnglishOther;
    std::string_view rest = l.fields[2];
    while (!rest.empty()) {
      size_t comma = rest.find(',');
      std::string t(trim(rest.substr(0, comma)));
      if (!t.empty()) e.translations.push_back(std::move(t));
      rest = comma == std::string_view::npos ? std::string_view() : rest.substr(comma + 1);
    }
    if (e.translations.empty())
      return make_error("parse", dir + "/english_common.tsv:" + std::to_string(l.number) + ": no translation");
    DictionaryEntry& into = lx.english_common[l.fields[0]];
    into.pos |= e.pos;
    for (auto& t : e.translations) BilingualDictionary::add_translation(&into, std::move(t), e.pos);
  }

  auto ir = read_lines(dir, "english_irregular.tsv", 2, &fp);
  if (!ir) return ir.error();
  for (auto& l : *ir) lx.english_irregular[l.fields[0]] = l.fields[1];

  auto qw = read_lines(dir, "question_words.tsv", 2, &fp);
  if (!qw) return qw.error();
  for (auto& l : *qw) lx.question_words[l.fields[0]] = l.fields[1];

  // question_types.tsv: type, "query", "passage", "sentence", "before" or "within TYPE", the cue words.
  auto qt = read_lines(dir, "question_types.tsv", 3, &fp);
  if (!qt) return qt.error();
  // A type a question can have already: a question word's, or one a line above names.
  auto known_type = [&](const std::string& type) {
    return lx.passage_cues.count(type) > 0 || std::any_of(lx.question_words.begin(), lx.question_words.end(),
                                                          [&](const auto& q) { return q.second == type; });
  };
  for (auto& l : *qt) {
    if (l.fields[1].rfind("within ", 0) == 0) {
      Lexicon::Narrowing n{l.fields[0], l.fields[1].substr(7), {}, {}};
      if (!known_type(n.within))
        return make_error("parse", dir + "/question_types.tsv:" + std::to_string(l.number) + ": no type \"" +
                                       n.within + "\" to narrow");
      for (auto& w : split_spaces(l.fields[2])) {
        if (w.size() > 1 && w[0] == '=')
          n.written.insert(w.substr(1));
        else if (const size_t plus = w.find('+'); plus != std::string::npos && plus > 0 && plus + 1 < w.size())
          n.pairs.emplace_back(w.substr(0, plus), w.substr(plus + 1));
        else
          n.words.insert(w);
      }
      lx.narrowings.push_back(std::move(n));
      continue;
    }
    for (auto& w : split_spaces(l.fields[2])) {
      if (l.fields[1] == "query") {
        lx.query_cues[w] = l.fields[0];
      } else if (l.fields[1] == "passage") {
        lx.passage_cues[l.fields[0]].insert(w);
      } else if (l.fields[1] == "sentence") {
        // A sentence cue adds to a type's passage cues; it names no type of its own.
        if (!lx.passage_cues.count(l.fields[0]))
          return make_error("parse", dir + "/question_types.tsv:" + std::to_string(l.number) + ": no passage cues for \"" +
                                         l.fields[0] + "\" above");
        lx.sentence_cues[l.fields[0]].insert(w);
      } else if (l.fields[1] == "before") {
        // A noun may only turn a question word to a type passages have cues for.
        if (!known_type(l.fields[0]))
          return make_error("parse", dir + "/question_types.tsv:" + std::to_string(l.number) + ": no type \"" +
                                         l.fields[0] + "\" to ask");
        lx.type_nouns[w] = l.fields[0];
      } else if (l.fields[1] == "frame") {
        if (!known_type(l.fields[0]))
          return make_error("parse", dir + "/question_types.tsv:" + std::to_string(l.number) + ": no type \"" +
                                         l.fields[0] + "\" to frame");
        lx.type_frames[l.fields[0]].insert(w);
      } else {
        return make_error("parse", dir + "/question_types.tsv:" + std::to_string(l.number) +
                                       ": second field must be query, passage, sentence, before, frame or within TYPE");
      }
    }
  }

  for (const auto& type : lx.strict_types)
    if (!lx.passage_cues.count(type))
      return make_error("parse", dir + "/strict_types.txt: no passage cues for \"" + type + "\" in question_types.tsv");

  auto syn = read_lines(dir, "synonyms.txt", 1, &fp);
  if (!syn) return syn.error();
  for (auto& l : *syn) {
    auto group = split_spaces(l.fields[0]);
    if (group.size() < 2)
      return make_error("parse", dir + "/synonyms.txt:" + std::to_string(l.number) + ": a group needs two words");
    lx.synonym_groups.push_back(std::move(group));
  }

  auto st = read_lines(dir, "smalltalk.tsv", 2, &fp);
  if (!st) return st.error();
  for (auto& l : *st) lx.smalltalk.push_back({l.fields[0], split_spaces(l.fields[1])});

  auto rp = read_lines(dir, "replies.tsv", 3, &fp);
  if (!rp) return rp.error();
  for (auto& l : *rp) lx.replies[l.fields[0]][l.fields[1]] = l.fields[2];

  lx.fingerprint = fp;
  return lx;
}

}  // namespace tanya

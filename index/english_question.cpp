#include "index/english_question.hpp"

#include <algorithm>
#include <unordered_set>

namespace tanya {

namespace {

struct Piece {
  std::vector<std::string> words;
  bool phrase_part = false;  // a noun or adjective: may stand in a noun phrase
  bool noun = false;         // may end one (its head, in English)
};

// A word FreeDict marks as a verb too is no safe part of a noun phrase ("need").
void set_pos(Piece* p, uint8_t pos) {
  if (pos == 0) pos = kEnglishNoun;  // glossary words FreeDict lacks: named things
  p->phrase_part = (pos & (kEnglishNoun | kEnglishAdjective)) && !(pos & kEnglishVerb);
  p->noun = p->phrase_part && (pos & kEnglishNoun);
}

// English words Indonesian took over are spelled by rule (EYD's loanword
// spelling): "location" → "lokasi", "authentication" → "autentikasi",
// "technology" → "teknologi", "calcium" → "kalsium", "immunity" →
// "imunitas". FreeDict (a small dictionary) lacks many such words; the
// adapted spelling stands for the English word when the index holds it.
std::string loanword(std::string w) {
  auto ends = [&](std::string_view suffix) {
    return w.size() > suffix.size() + 2 && w.compare(w.size() - suffix.size(), suffix.size(), suffix) == 0;
  };
  static const std::pair<std::string_view, std::string_view> kSuffixes[] = {
      {"ation", "asi"}, {"ition", "isi"}, {"tion", "si"}, {"sion", "si"}, {"ity", "itas"}, {"ical", "is"},
      {"ive", "if"},    {"logy", "logi"}, {"graphy", "grafi"}, {"ism", "isme"}, {"ic", "ik"}};
  for (const auto& [from, to] : kSuffixes)
    if (ends(from)) {
      w = w.substr(0, w.size() - from.size()) + std::string(to);
      break;
    }
  std::string out;
  for (size_t i = 0; i < w.size(); ++i) {
    const char c = w[i];
    const char next = i + 1 < w.size() ? w[i + 1] : '\0';
    if ((c == 't' || c == 'p' || c == 'c' || c == 'r') && next == 'h') {  // th → t, ph → f, ch → k, rh → r
      out += c == 'p' ? 'f' : c == 'c' ? 'k' : c;
      ++i;
    } else if (c == 'c') {
      out += (next == 'e' || next == 'i' || next == 'y') ? 's' : 'k';
    } else if (c == 'q' && next == 'u') {
      out += "kw";
      ++i;
    } else if (c == 'x') {
      out += "ks";
    } else if (c == 'y') {
      out += 'i';
    } else if (!out.empty() && out.back() == c && c != 'a' && c != 'e' && c != 'i' && c != 'o' && c != 'u') {
      // a doubled consonant is written once ("immunity" → "imunitas")
    } else {
      out += c;
    }
  }
  return out;
}

// The loanword spelling of `word` or of one of its lemmas that the index
// holds, or the English word itself where the article writes it and
// hunspell-id does not know it as Indonesian ("drone" beside "pesawat
// nirawak": not FreeDict's "lebah jantan"; "air" stays English air), or "".
std::string held_loanword(const std::string& word, const LanguageTables& tables) {
  for (const auto& lemma : english_lemmas(word)) {
    std::string l = loanword(lemma);
    if (l != lemma && tables.holds(l)) return l;
    if (tables.holds(lemma) && !tables.dictionary_word(lemma)) return lemma;
  }
  return "";
}

// "has/have/had" before a past participle, or a "been" a few words on, is the
// perfect tense ("has been mandatory", "have formed"), not "punya"; elsewhere
// it means to own ("how many rooms does the heart have").
bool auxiliary_have(const std::vector<std::string>& words, size_t i, const Lexicon& lex) {
  const std::string& w = words[i];
  if ((w != "has" && w != "have" && w != "had") || i + 1 >= words.size()) return false;
  const std::string& next = words[i + 1];
  auto ends = [&](std::string_view s) { return next.size() > s.size() + 1 && next.compare(next.size() - s.size(), s.size(), s) == 0; };
  // "Since when has QRIS been mandatory": the subject may stand between.
  for (size_t j = i + 1; j < words.size() && j <= i + 3; ++j)
    if (words[j] == "been") return true;
  return ends("ed") || ends("en") || lex.english_irregular.count(next) > 0;
}

// "do I need to pay", "what does a student need to bring": "need to" before
// a verb is a modal, as "must" is, not the noun glossary_en.tsv gives
// (kebutuhan), which then weighed as a word the article lacks.
bool modal_need(const std::vector<std::string>& words, size_t i) {
  const std::string& w = words[i];
  return (w == "need" || w == "needs" || w == "needed") && i + 1 < words.size() && words[i + 1] == "to";
}

// "How long does the internship last?", "how long does lettuce take to …":
// after "how long" and a "do" that takes the verb, "last" and "take" only
// say that a duration is asked, which "how long" already says ("berapa
// lama"). Read as words they were "terakhir" (the last) and "pungut" (to
// take up), on passages about neither.
bool duration_verb(const std::vector<std::string>& words, size_t i) {
  static const std::unordered_set<std::string> kVerbs = {"last", "lasts", "take", "takes"};
  static const std::unordered_set<std::string> kDo = {"do", "does", "did", "will", "would", "can"};
  if (!kVerbs.count(words[i]) || words.size() < 3 || words[0] != "how" || words[1] != "long") return false;
  bool done = false;
  for (size_t j = 2; j < i; ++j) done = done || kDo.count(words[j]) > 0;
  return done && words[i - 1] != "the" && words[i - 1] != "a";
}

// Two English words the knowledge itself writes side by side (a
// name: "Fun Run", "Coral Triangle", "blue hour"): kept as written, not
// translated word by word ("fun berlari") nor turned round as a noun phrase.
// Unless it writes their translation side by side more often: "Coral Reef"
// once, in a programme's name, is "terumbu karang" twenty times. Returns
// the second word as the knowledge writes it, "" when the pair is not kept.
std::string written_as_is(const std::vector<std::string>& words, size_t i, const Lexicon& lex,
                          const LanguageTables& tables) {
  if (i + 1 >= words.size()) return "";
  const std::string& a = words[i];
  std::string b = words[i + 1];
  if (lex.english_stopwords.count(a) || lex.english_stopwords.count(b) || lex.question_words.count(b)) return "";
  int as_is = tables.side_by_side(a, b);
  // A compound takes the plural on its last word ("push-ups" where the
  // knowledge writes "push-up").
  if (as_is == 0 && b.size() > 2 && b.back() == 's') {
    b.pop_back();
    as_is = tables.side_by_side(a, b);
  }
  if (as_is == 0) return "";
  auto held_word = [&](const std::string& w) -> std::string {
    const std::string lemma = tables.english_lemma(w);
    auto held = lemma.empty() ? std::vector<std::vector<std::string>>{} : tables.translate(lemma);
    return held.empty() || held[0].size() != 1 ? "" : held[0][0];
  };
  const std::string ta = held_word(a), tb = held_word(b);
  return ta.empty() || tb.empty() || std::max(tables.side_by_side(tb, ta), tables.side_by_side(ta, tb)) <= as_is ? b : "";
}

// Words that begin a noun phrase: after a verb and its particle, the
// particle is a preposition ("go on each shelf").
const std::unordered_set<std::string> kDeterminers = {"the", "a", "an", "each", "every", "my", "your", "his",
                                                       "her", "its", "our", "their", "this", "that", "these",
                                                       "those", "some", "any", "all"};

// "12", or "12th", "1st", "2nd", "3rd" written with its English ordinal
// suffix: the number's digits; "" for anything else.
std::string number_of(const std::string& w) {
  size_t digits = 0;
  while (digits < w.size() && w[digits] >= '0' && w[digits] <= '9') ++digits;
  if (digits == 0) return "";
  const std::string_view rest = std::string_view(w).substr(digits);
  if (rest.empty() || rest == "st" || rest == "nd" || rest == "rd" || rest == "th") return w.substr(0, digits);
  return "";
}

// The forms of "be": "be back", "is back" say returning.
const std::unordered_set<std::string> kBe = {"be", "is", "are", "am", "was", "were", "been", "being"};

// "grade 12", "12th grade", "10th graders": the school year (kelas), not a
// mark (FreeDict's first sense of "grade" is nilai).
bool school_year(const std::vector<std::string>& words, size_t i) {
  static const std::unordered_set<std::string> kYear = {"grade", "grades", "grader", "graders"};
  if (!kYear.count(words[i])) return false;
  return (i + 1 < words.size() && !number_of(words[i + 1]).empty()) || (i > 0 && !number_of(words[i - 1]).empty());
}

// The word stands where English puts a verb: right after a subject pronoun,
// a modal or an auxiliary, or "to" ("where can I check …", "how do you
// stop …", "I want to renew …"). A noun after them takes a determiner
// first ("can I get a check"), so the word itself is the verb. "who" too:
// "who trains the members?", "students who live far away".
bool verb_slot(const std::vector<std::string>& words, size_t i) {
  static const std::unordered_set<std::string> kBefore = {
      "i", "we", "you", "they", "who", "to", "can", "could", "do", "does", "did", "will", "would", "should",
      "must", "may", "might", "shall", "please", "not", "dont", "cannot", "cant", "lets"};
  return i > 0 && kBefore.count(words[i - 1]) > 0;
}

// A word right after a determiner ("the head of …", "a fight", "your
// watch") is a noun or an adjective, never the verb a dictionary may list
// first ("head": menuju). Grammar, like verb_slot's words.
bool noun_slot(const std::vector<std::string>& words, size_t i) {
  static const std::unordered_set<std::string> kDeterminers = {
      "the", "a", "an", "my", "your", "his", "her", "its", "our", "their", "this", "that", "these", "those",
      "each", "every"};
  return i > 0 && kDeterminers.count(words[i - 1]) > 0;
}

}  // namespace

bool english_word(const std::string& w, const Lexicon& lex, const LanguageTables& tables) {
  if (lex.english_stopwords.count(w) || lex.glossary_en.count(w)) return true;
  if (lex.question_words.count(w) && !lex.stopwords.count(w)) return true;
  // The cheap test first: most words of a question are the index's own.
  return !tables.indonesian(w) && !tables.english_lemma(w).empty();
}

EnglishTranslation translate_english(const std::vector<std::string>& words, const Lexicon& lex,
                                     const LanguageTables& tables,
                                     const std::unordered_map<std::string, int>* within) {
  EnglishTranslation out;
  std::vector<Piece> pieces;
  auto dictionary = [&](const std::string& lemma, Piece* p, uint8_t pos = 0) {
    auto held = tables.translate(lemma, true, within, pos);
    if (within && held.empty()) held = tables.translate(lemma, true, nullptr, pos);  // none there: the index's
    if (!held.empty()) {
      p->words = held[0];
      for (size_t i = 1; i < held.size(); ++i)
        if (held[i].size() == 1 && held[i][0] != held[0][0]) out.synonyms[held[0][0]].push_back(held[i][0]);
    } else if (std::string l = held_loanword(lemma, tables); !l.empty()) {
      p->words = {l};
    } else {
      // Nothing the index holds: the first translation, which the question
      // then misses honestly (not the English word, which typo correction
      // would turn into some Indonesian word).
      auto all = tables.translate(lemma, false);
      if (!all.empty()) p->words = all[0];
      // An English word the article writes as an Indonesian one ("area",
      // "data", "program") may be the loanword: a synonym of the translation,
      // weaker than a word the article uses for it ("air" is water, so never
      // more than that).
      if (p->words.size() == 1 && tables.holds(lemma) && tables.dictionary_word(lemma))
        out.synonyms[p->words[0]].push_back(lemma);
    }
    set_pos(p, pos != 0 && (tables.english_pos(lemma) & pos) ? pos : tables.english_pos(lemma));
  };

  for (size_t i = 0; i < words.size(); ++i) {
    const std::string& w = words[i];
    Piece p;
    // A noun of three words the lexicon lists ("senior high school"), or a
    // phrasal verb of three, listed by its base form ("came up with"): one.
    if (i + 2 < words.size() && !lex.question_words.count(w)) {
      const std::string rest = " " + words[i + 1] + " " + words[i + 2];
      std::string three = tables.english_lemma(w + rest);
      if (const std::string base = tables.english_lemma(w); three.empty() && !base.empty() && base != w)
        three = tables.english_lemma(base + rest);
      if (!three.empty()) {
        dictionary(three, &p);
        pieces.push_back(std::move(p));
        i += 2;
        continue;
      }
    }
    const std::string two = i + 1 < words.size() ? tables.english_phrase_lemma(w, words[i + 1]) : "";
    // A phrasal verb of the lexicon ("sign up", "burn out") is read as one,
    // unless a noun phrase follows it ("books go on each shelf": a verb and
    // a preposition) and the knowledge writes none of its translations
    // ("turn on the projector" where the article writes menyalakan).
    const bool phrasal = !two.empty() && lex.english_common.count(two) && (tables.english_pos(two) & kEnglishVerb);
    const bool object_follows = i + 2 < words.size() && kDeterminers.count(words[i + 2]);
    const bool phrasal_read = phrasal && (!object_follows || !tables.translate(two, true, within).empty());
    if (!two.empty() && lex.question_words.count(w)) {
      dictionary(two, &p);  // "how many" → berapa
      ++i;
    } else if (lex.question_words.count(w) || lex.query_cues.count(w)) {
      p.words = {w};
    } else if (phrasal_read) {
      dictionary(two, &p);  // even of a function verb: "get up", "take off"
      ++i;
    } else if (std::string second = written_as_is(words, i, lex, tables); !second.empty()) {
      p.words = {w, second};  // a name the knowledge writes in English ("fun run"), in its order
      ++i;
    } else if (lex.english_stopwords.count(w) || auxiliary_have(words, i, lex) || modal_need(words, i) ||
               duration_verb(words, i)) {
      // A function word ends a noun phrase and is dropped.
    } else if (!two.empty() && !phrasal) {
      // A compound FreeDict or the lexicon lists ("sea level", "first aid",
      // "power cut"), before its first word's glossary sense.
      dictionary(two, &p);
      ++i;
    } else if (std::string n = number_of(w); !n.empty() && n != w) {
      p.words = {n};  // "12th": 12, as the knowledge writes "kelas 12"
    } else if (w == "back" && i > 0 && kBe.count(words[i - 1])) {
      p.words = {"kembali"};  // "be back by nine": returning, not the back of something (belakang)
    } else if (school_year(words, i)) {
      p.words = {"kelas"};
      set_pos(&p, kEnglishNoun);
    } else if (w == "different" && i > 0 && (words[i - 1] == "a" || words[i - 1] == "an")) {
      // "a different bank" is another one (bank lain), not a difference
      // asked (the glossary's perbedaan, which makes a comparison).
      p.words = {"lain"};
      set_pos(&p, kEnglishAdjective);
    } else if (auto g = lex.glossary_en.find(w); g != lex.glossary_en.end()) {
      // The glossary's words as the bundled article writes them ("food":
      // pangan); where the knowledge writes none of them and FreeDict gives
      // a word it does write ("makanan"), that word.
      std::string lemma = tables.english_lemma(w);
      const bool glossary_held = std::any_of(g->second.begin(), g->second.end(),
                                             [&](const std::string& x) { return tables.holds(x); });
      if (!glossary_held && !lemma.empty() && !tables.translate(lemma, true, within).empty()) {
        dictionary(lemma, &p);
      } else {
        p.words = g->second;
        set_pos(&p, lemma.empty() ? 0 : tables.english_pos(lemma));
      }
    } else if (std::string lemma = tables.english_lemma(w); !lemma.empty()) {
      dictionary(lemma, &p, verb_slot(words, i) ? kEnglishVerb : noun_slot(words, i) ? kEnglishNoun | kEnglishAdjective : 0);
      // The knowledge writes the inflected English word itself ("blocking",
      // "wings" in a theatre club's guide): where it writes no translation
      // of the lemma ("block" → blok), that term; beside one ("bleaching"
      // beside pemutihan), a synonym of it.
      if (w != lemma && tables.holds(w) && !tables.dictionary_word(w)) {
        const bool translation_held =
            !p.words.empty() && std::all_of(p.words.begin(), p.words.end(), [&](const std::string& x) { return tables.holds(x); });
        if (!translation_held)
          p.words = {w};
        else if (p.words.size() == 1)
          out.synonyms[p.words[0]].push_back(w);
      }
    } else if (std::string l = held_loanword(w, tables); !l.empty()) {
      p.words = {l};  // FreeDict lacks it; Indonesian took it over ("location" → "lokasi")
      p.phrase_part = p.noun = true;
    } else {
      p.words = {w};  // a name or a term: kept as it is ("toba", "sim")
    }
    pieces.push_back(std::move(p));
  }

  // Noun phrases: a run of nouns and adjectives up to its last noun turns
  // round ("bilateral cooperation" → "kerja sama bilateral").
  for (size_t i = 0; i < pieces.size();) {
    if (!pieces[i].phrase_part) {
      ++i;
      continue;
    }
    size_t j = i, last_noun = i;
    bool any_noun = false;
    while (j < pieces.size() && pieces[j].phrase_part) {
      if (pieces[j].noun) {
        last_noun = j;
        any_noun = true;
      }
      ++j;
    }
    if (any_noun && last_noun > i) std::reverse(pieces.begin() + i, pieces.begin() + last_noun + 1);
    i = j;
  }
  for (const auto& p : pieces) out.words.insert(out.words.end(), p.words.begin(), p.words.end());
  return out;
}

bool asks_definition_english(const std::vector<std::string>& words, const Lexicon& lexicon) {
  // A name of at most kMaxDefinedEnglishWords: the longest term a student
  // asks "what is …" about (as kMaxDefinedWords in bot/rank_data.cpp).
  constexpr size_t kMaxDefinedEnglishWords = 3;
  std::vector<std::string_view> w;
  for (const auto& x : words)
    if (!lexicon.fillers.count(x) && x != "actually" && x != "exactly") w.push_back(x);
  size_t i = 0;
  auto at = [&](std::initializer_list<std::string_view> options) {
    if (i >= w.size()) return false;
    for (auto o : options)
      if (w[i] == o) {
        ++i;
        return true;
      }
    return false;
  };
  // The name from w[i] up to `end`: a few words, none of them a function word.
  auto name_until = [&](size_t end) {
    at({"a", "an", "the"});
    if (at({"word", "term"})) at({"of"});
    if (end <= i || end - i > kMaxDefinedEnglishWords) return false;
    for (size_t k = i; k < end; ++k)
      if (lexicon.english_stopwords.count(std::string(w[k])) || lexicon.question_words.count(std::string(w[k])))
        return false;
    return true;
  };
  if (at({"what", "whats"})) {
    if (at({"does", "do"})) {
      if (w.empty() || (w.back() != "mean" && w.back() != "means")) return false;
      return name_until(w.size() - 1);
    }
    if (!at({"is", "are", "s"})) return false;
    if (at({"meant"})) {
      if (!at({"by"})) return false;
    } else {
      const size_t save = i;
      at({"the"});
      if (at({"meaning", "definition"})) {
        if (!at({"of"})) return false;
      } else {
        i = save;
      }
    }
    return name_until(w.size());
  }
  if (at({"define"})) return name_until(w.size());
  if (at({"meaning", "definition"})) return at({"of"}) && name_until(w.size());
  return false;
}

}  // namespace tanya

#include "index/language_tables.hpp"

#include <algorithm>
#include <atomic>
#include <map>

namespace tanya {

namespace {

// Word pairs the knowledge writes side by side at least this often are
// candidates for a wrongly joined word ("kerjsama" → "kerja sama"). Set so that
// a pair written once by chance is not a compound.
constexpr int kMinPairCount = 2;
// A chat word within this keyboard distance of a word the knowledge writes is
// taken for that word mistyped rather than for a dictionary word that the
// colloquial rules derive and the knowledge lacks. By hand: one edit, the
// usual slip; on the 22 evaluation articles it changed u26's "kekersan"
// from "kers" to "kekerasan" and moved no case.
constexpr double kTypoOverForm = 1.0;
// Nor a word of this many letters or more that the knowledge writes with one
// letter more ("mors" where it writes "Morse", not the dictionary's "mores"):
// below five letters correct() makes no edit, but a letter left out is the
// commonest slip (the same floor as the query's short-word slips).
constexpr size_t kLetterLeftOutFrom = 4;
// A thesaurus phrase stands for a one-word synonym of at least this many
// letters, and is at most this many words long. By hand: shorter synonyms are
// mostly particles the thesaurus lists for idioms ("bisa jadi" → "kali").
constexpr size_t kMinPhraseSynonymLetters = 4;
constexpr size_t kMaxPhraseWords = 3;
// The longest acronym read as a name's initials: Indonesian initialisms of a
// name are 2 to 5 letters (SD, SMP, BPJS, NISN); longer capitals are words.
constexpr size_t kMaxAcronymLetters = 5;
// A word this short with a vowel of its own is read only as a knowledge
// word with a vowel left out ("hri" for "hari"); one letter fewer makes an
// abbreviation's skeleton, one more is kLetterLeftOutFrom's.
constexpr size_t kVowelLeftOutLetters = 3;

// `typed` is `word` with one of its vowels left out.
bool vowel_left_out(std::string_view word, std::string_view typed) {
  if (word.size() != typed.size() + 1) return false;
  size_t i = 0;
  while (i < typed.size() && word[i] == typed[i]) ++i;
  return std::string_view("aeiou").find(word[i]) != std::string_view::npos && word.substr(i + 1) == typed.substr(i);
}

// Standard forms one thread remembers before it starts over: a bound on
// memory against a stream of made-up words, far above the distinct chat
// words of a day's questions (659 over 2,584 development questions).
constexpr size_t kMaxStandardFormMemo = 20000;
// Each instance's number, for the per-thread memo of standard forms.
std::atomic<uint64_t> next_tables_id{1};

bool single_word(std::string_view w) {
  if (w.size() < 2) return false;
  for (char c : w)
    if (c == ' ' || c == '-') return false;
  return true;
}

// A word within a web or mail address: joined to the next or the last part by
// ".", "@" or "/" with no space ("sipena.ucn.ac.id", "ept@ucn.ac.id").
bool in_address(std::string_view text, const Token& t) {
  auto joiner = [](char c) { return c == '.' || c == '@' || c == '/'; };
  auto alnum = [](char c) { return std::isalnum(static_cast<unsigned char>(c)) != 0; };
  const bool before = t.start >= 2 && joiner(text[t.start - 1]) && alnum(text[t.start - 2]);
  const bool after = t.end + 1 < text.size() && joiner(text[t.end]) && alnum(text[t.end + 1]);
  return before || after;
}

// A dictionary phrase's words; its punctuation is no part of them (FreeDict
// writes "how much" as "berapa banyak?").
std::vector<std::string> split(std::string_view phrase) {
  std::vector<std::string> out;
  size_t p = 0;
  while (p < phrase.size()) {
    size_t sp = phrase.find_first_of(" -?!.,;:()\"", p);
    if (sp == std::string_view::npos) sp = phrase.size();
    if (sp > p) out.emplace_back(phrase.substr(p, sp - p));
    p = sp + 1;
  }
  return out;
}

}  // namespace

std::vector<std::string> english_lemmas(std::string_view word) {
  std::vector<std::string> out{std::string(word)};
  std::string w(word);
  auto ends = [&](std::string_view s) { return w.size() > s.size() + 2 && w.compare(w.size() - s.size(), s.size(), s) == 0; };
  auto cut = [&](size_t n) { return w.substr(0, w.size() - n); };
  if (ends("ies")) out.push_back(cut(3) + "y");
  if (ends("es")) out.push_back(cut(2));
  if (ends("s") && !ends("ss")) out.push_back(cut(1));
  if (ends("ied")) out.push_back(cut(3) + "y");
  // A four-letter past of a verb ending in e: died → die, used → use.
  if (w.size() == 4 && w.compare(2, 2, "ed") == 0) out.push_back(w.substr(0, 3));
  if (ends("ed")) {
    out.push_back(cut(1));  // caused → cause
    out.push_back(cut(2));  // formed → form
    if (w.size() > 5 && w[w.size() - 3] == w[w.size() - 4]) out.push_back(cut(3));  // stopped → stop
  }
  if (ends("ing")) {
    // A single vowel before one final consonant keeps an e the -ing took:
    // "rating" is rate (a rat would be "ratting"), "hoping" hope; else the
    // bare stem first ("eating", "visiting", "singing").
    const std::string stem = cut(3);
    auto vowel = [](char c) { return std::string_view("aeiou").find(c) != std::string_view::npos; };
    const size_t n = stem.size();
    const bool final_consonant = n >= 3 && !vowel(stem[n - 1]) && std::string_view("wxy").find(stem[n - 1]) == std::string_view::npos;
    const bool single_vowel_consonant = final_consonant && vowel(stem[n - 2]) && !vowel(stem[n - 3]);
    if (single_vowel_consonant) out.push_back(stem + "e");
    out.push_back(stem);
    if (!single_vowel_consonant) out.push_back(stem + "e");
    if (w.size() > 6 && w[w.size() - 4] == w[w.size() - 5]) out.push_back(cut(4));
  }
  if (ends("ly")) out.push_back(cut(2));
  // Comparatives and superlatives of an adjective: thicker → thick, larger →
  // large, bigger → big, easiest → easy.
  for (std::string_view suffix : {"er", "est"}) {
    if (!ends(suffix)) continue;
    const size_t n = suffix.size();
    if (w.compare(w.size() - n - 1, 1, "i") == 0) out.push_back(cut(n + 1) + "y");
    out.push_back(cut(n));
    out.push_back(cut(n - 1));
    if (w.size() > n + 3 && w[w.size() - n - 1] == w[w.size() - n - 2]) out.push_back(cut(n + 1));
  }
  // Then words derived from a shorter one, whose translation is near enough
  // when FreeDict (10,000 headwords) lacks the derived word: healthy →
  // health, harmful → harm, useless → use, weakness → weak.
  if (ends("y") && !ends("ly") && !ends("ity")) out.push_back(cut(1));  // healthy → health
  if (ends("ful")) out.push_back(cut(3));
  if (ends("less")) out.push_back(cut(4));
  if (ends("ness")) out.push_back(cut(4));
  return out;
}

LanguageTables::LanguageTables(const IndexData& index, const Analyzer& analyzer,
                               std::shared_ptr<const LanguageResources> language)
    : id_(next_tables_id++), index_(index), analyzer_(analyzer), language_(std::move(language)) {
  const LanguageResources& res = *language_;
  const Lexicon& lex = analyzer.lexicon();
  // FreeDict (a small dictionary) often has one part of speech of a common
  // word only: its first senses stay first, the lexicon's follow.
  for (const auto& [word, extra] : lex.english_common) {
    const DictionaryEntry* own = res.english.find(word);
    if (!own) continue;
    DictionaryEntry merged = *own;
    merged.pos |= extra.pos;
    merged.added_from = merged.translations.size();
    for (size_t i = 0; i < extra.translations.size(); ++i)
      BilingualDictionary::add_translation(&merged, extra.translations[i],
                                           i < extra.sense_pos.size() ? extra.sense_pos[i] : extra.pos);
    english_merged_.emplace(word, std::move(merged));
  }
  auto held = [&](std::string_view w) {
    std::string s(w);
    return index.words.count(s) > 0 || index.stem_df.count(s) > 0;
  };

  // Chat words the knowledge writes as words of their own whose slang
  // reading is a function word ("pas" → saat): the words that follow them.
  std::unordered_set<std::string> ambiguous;
  for (const auto& [chat, standard] : lex.slang) {
    if (!index.words.count(chat)) continue;
    if (std::all_of(standard.begin(), standard.end(), [&](const std::string& w) { return analyzer.is_stopword(w); }))
      ambiguous.insert(analyzer.stem(chat));
  }
  if (!ambiguous.empty())
    for (const auto& u : index.units)
      for (size_t i = 0; i + 1 < u.terms.size(); ++i)
        if (ambiguous.count(u.terms[i])) collocations_.insert(u.terms[i] + "\t" + u.terms[i + 1]);

  // Thesaurus phrases ("makan pagi", "tempat tinggal") with the one-word
  // synonyms the index holds ("sarapan", "rumah"): the phrase's own senses
  // first (forward), then the headwords that list it.
  auto phrase_target = [&](std::string_view w) {
    return single_word(w) && w.size() >= kMinPhraseSynonymLetters && held(w) && !analyzer.is_stopword(w);
  };
  auto add_phrase = [&](std::string_view phrase, std::string_view word, bool forward) {
    const auto words = split(phrase);
    if (words.size() < 2 || words.size() > kMaxPhraseWords || !phrase_target(word)) return;
    // An idiom of function words ("boleh jadi" → "kali") is no topic.
    if (std::all_of(words.begin(), words.end(), [&](const std::string& w) { return analyzer.is_stopword(w); })) return;
    std::string key;
    for (const auto& w : words) key += (key.empty() ? "" : " ") + w;
    auto& list = phrase_synonyms_[key];
    if (std::none_of(list.begin(), list.end(), [&](const Equivalent& e) { return e.word == word; }))
      list.push_back({std::string(word), forward, ""});
  };

  // Thesaurus, both ways: a question's word finds the synonyms the thesaurus
  // lists under it, and the index's words whose entries list it.
  res.thesaurus.for_each([&](std::string_view head, const ThesaurusSense& sense) {
    const bool head_held = held(head) && single_word(head);
    for (std::string_view s : sense.words) {
      if (!single_word(head)) add_phrase(head, s, true);
      else if (!single_word(s)) add_phrase(s, head, false);
      if (!single_word(s) || s == head) continue;
      if (held(s)) {
        auto& list = synonyms_[std::string(head)];
        if (std::none_of(list.begin(), list.end(), [&](const Equivalent& e) { return e.word == s; }))
          list.push_back({std::string(s), true, ""});
      }
      if (head_held) {
        auto& list = synonyms_[std::string(s)];
        if (std::none_of(list.begin(), list.end(), [&](const Equivalent& e) { return e.word == head; }))
          list.push_back({std::string(head), false, ""});
      }
    }
  });
  for (auto* table : {&synonyms_, &phrase_synonyms_})
    for (auto& [word, list] : *table) {
      // Every one held, so that a question asked within one article finds
      // the ones that article holds (the parser takes the first few:
      // kThesaurusCandidates in bot/query.cpp).
      std::stable_partition(list.begin(), list.end(), [](const Equivalent& e) { return e.forward; });
      // The parser stems each synonym it weighs, question after question.
      for (auto& e : list) e.stem = analyzer.stem(e.word);
    }

  // Each unit's words, read once for the second names and the word pairs below.
  std::vector<std::vector<Token>> unit_tokens;
  unit_tokens.reserve(index.units.size());
  for (const auto& u : index.units) unit_tokens.push_back(analyzer.tokenize(u.text));
  // A phrase the knowledge writes itself is searched as its words.
  for (const auto& tokens : unit_tokens)
    for (size_t i = 0; i + 1 < tokens.size(); ++i) {
      std::string key = tokens[i].surface;
      for (size_t k = 1; k < kMaxPhraseWords && i + k < tokens.size(); ++k) {
        key += " " + tokens[i + k].surface;
        phrase_synonyms_.erase(key);
      }
    }
  for (const auto& [key, list] : phrase_synonyms_) phrase_starts_.insert(key.substr(0, key.find(' ')));

  // A name of several words (stop words left out) the knowledge also writes
  // as one word: a phrase alias, once.
  auto add_phrase_alias = [&](const std::vector<std::string>& name, const std::string& other) {
    PhraseAlias p;
    for (const auto& w : name)
      if (!analyzer.is_stopword(w)) p.stems.push_back(analyzer.stem(w));
    p.other = other;
    const bool known = std::any_of(phrase_aliases_.begin(), phrase_aliases_.end(), [&](const PhraseAlias& q) {
      return q.stems == p.stems && q.other == p.other;
    });
    if (p.stems.size() >= 2 && !known) phrase_aliases_.push_back(std::move(p));
  };

  // Second names the articles give their own terms.
  for (size_t n = 0; n < index.units.size(); ++n) {
    for (auto& a : find_aliases(index.units[n].text, unit_tokens[n], analyzer)) {
      if (a.name.size() == 1) {
        auto add = [&](const std::string& from, const std::string& to) {
          auto& list = aliases_[analyzer.stem(from)];
          if (std::find(list.begin(), list.end(), to) == list.end()) list.push_back(to);
        };
        add(a.name[0], a.other);
        add(a.other, a.name[0]);
        continue;
      }
      add_phrase_alias(a.name, a.other);
    }
  }

  // Acronyms it writes in capitals, the name nowhere beside them (an
  // acronym it expands is a phrase alias above).
  std::unordered_set<std::string> expanded;
  for (const auto& p : phrase_aliases_) expanded.insert(p.other);
  for (size_t n = 0; n < index.units.size(); ++n)
    for (const auto& t : unit_tokens[n]) {
      const size_t letters = t.surface.size();
      if (letters < 2 || letters > kMaxAcronymLetters || expanded.count(t.surface) ||
          !std::all_of(t.surface.begin(), t.surface.end(), [](char c) { return c >= 'a' && c <= 'z'; }) ||
          !Analyzer::written_as_acronym(index.units[n].text, t, unit_tokens[n].size()))
        continue;
      written_acronyms_.insert(t.surface);
    }

  // English words the knowledge writes as they are ("username dan password"),
  // under their Indonesian names of several words (FreeDict: "nama
  // pengguna", "kata sandi"): a question asking in Indonesian finds them.
  // After the acronyms: an English word is no acronym's expansion.
  // Only names of several words: one-word translations ("book" → buku,
  // kitab, pesan) brought in other senses and lost as many questions as
  // they won over the fifty-five (forty-sixth session: 2,092 → 2,091, the
  // blind fourteen 463 → 462); the names of several words changed no row
  // there and bring "kata sandi" to the passage on passwords.
  for (const auto& [word, info] : index.words) {
    if (word.size() < 3 || analyzer.known_word(word) || analyzer.is_stopword(word) ||
        !std::all_of(word.begin(), word.end(), [](char c) { return c >= 'a' && c <= 'z'; }))
      continue;
    const DictionaryEntry* e = english_entry(word);
    if (!e) continue;
    for (const auto& translation : e->translations) {
      const auto words = split(translation);
      if (words.size() < 2 || words.size() > kMaxPhraseWords) continue;
      add_phrase_alias(words, word);
    }
  }

  // Acronyms of the names the knowledge writes out in full. An acronym two
  // names share is no name (kAmbiguous), nor one the knowledge writes itself
  // as a word; within a web or mail address ("sipena.ucn.ac.id") it is part
  // of the address, and the name stays the one students shorten.
  std::unordered_set<std::string> written_words;
  for (size_t n = 0; n < index.units.size(); ++n)
    for (const auto& t : unit_tokens[n])
      if (!in_address(index.units[n].text, t)) written_words.insert(t.surface);
  static const std::vector<std::string> kAmbiguous;
  for (size_t n = 0; n < index.units.size(); ++n)
    for (auto& a : find_spelled_names(index.units[n].text, unit_tokens[n])) {
      if (written_words.count(a.other)) continue;
      auto [it, fresh] = spelled_names_.emplace(a.other, a.name);
      if (!fresh && it->second != a.name) it->second = kAmbiguous;
    }

  // Typos: every word of the knowledge, and the pairs it writes side by side.
  for (const auto& [word, info] : index.words) spelling_.add_word(word, info.freq);
  // And the root of a word it writes only with affixes ("fotokopi" of
  // "fotokopinya"), where the dictionary knows the root: a student's typo of
  // the plain word is one letter from it and three from the written form.
  for (const auto& [stem, df] : index.stem_df)
    if (!index.words.count(stem) && analyzer.known_word(stem)) spelling_.add_word(stem, df);
  std::map<std::pair<std::string, std::string>, int> pairs;
  for (size_t n = 0; n < index.units.size(); ++n) {
    const auto& u = index.units[n];
    const auto& tokens = unit_tokens[n];
    for (size_t i = 0; i + 1 < tokens.size(); ++i) {
      // Side by side: nothing but spaces or a hyphen between (no comma, no
      // full stop): "kerja sama", "Wi-Fi" (asked as "wifi").
      if (tokens[i + 1].start < tokens[i].end ||
          u.text.find_first_not_of(" -", tokens[i].end) < tokens[i + 1].start)
        continue;
      if (analyzer.is_stopword(tokens[i].surface) || analyzer.is_stopword(tokens[i + 1].surface)) continue;
      // A hyphenated pair is one word written with a hyphen: once is enough.
      const bool hyphen = u.text.find('-', tokens[i].end) < tokens[i + 1].start;
      pairs[{tokens[i].surface, tokens[i + 1].surface}] += hyphen ? kMinPairCount : 1;
    }
  }
  side_by_side_.reserve(pairs.size());
  for (const auto& [pair, count] : pairs) {
    if (count >= kMinPairCount) spelling_.add_pair(pair.first, pair.second, count);
    side_by_side_.push_back({pair.first, pair.second, count});  // std::map: sorted by the first word
  }

  // Abbreviations: function words first (most chat abbreviations are), then
  // the knowledge's words, the more frequent first.
  for (const auto& w : lex.stopwords) abbreviations_.add(w, 0);
  for (const auto& [w, type] : lex.question_words)
    if (single_word(w)) abbreviations_.add(w, 0);
  // A question word typed wrong is no topic of the question, and the typo
  // table over the knowledge's words would make it one ("brapa" → "bara").
  for (const auto& [w, type] : lex.question_words)
    if (single_word(w)) question_words_.add_word(w, 1);
  // English words the articles took over ("bullying", "streaming"), which
  // hunspell-id lacks, by their base forms: a chat question writes "bully".
  for (const auto& [word, info] : index.words) {
    if (analyzer.known_word(word) || analyzer.is_stopword(word)) continue;
    const auto lemmas = english_lemmas(word);
    for (size_t i = 1; i < lemmas.size(); ++i)
      if (lemmas[i].size() >= 4 && !index.words.count(lemmas[i])) english_forms_.emplace(lemmas[i], word);
  }
  for (const auto& [word, info] : index.words) abbreviations_.add(word, 1.0 + 1.0 / (1 + info.freq));
}

const std::vector<std::string>& LanguageTables::spelled_name(const std::string& acronym) const {
  static const std::vector<std::string> kNone;
  auto it = spelled_names_.find(acronym);
  return it != spelled_names_.end() ? it->second : kNone;
}

const std::vector<std::string>& LanguageTables::aliases(const std::string& stem) const {
  static const std::vector<std::string> kNone;
  auto it = aliases_.find(stem);
  return it != aliases_.end() ? it->second : kNone;
}

const std::vector<Equivalent>& LanguageTables::phrase_synonyms(const std::string& phrase) const {
  static const std::vector<Equivalent> kNone;
  auto it = phrase_synonyms_.find(phrase);
  return it != phrase_synonyms_.end() ? it->second : kNone;
}

const std::vector<Equivalent>& LanguageTables::synonyms(const std::string& word, const std::string& stem) const {
  static const std::vector<Equivalent> kNone;
  auto it = synonyms_.find(word);
  if (it != synonyms_.end()) return it->second;
  it = synonyms_.find(stem);
  return it != synonyms_.end() ? it->second : kNone;
}

std::string LanguageTables::standard_form(const std::string& w) const {
  // One thread's standard forms of one instance. A word costs dozens of
  // probes of the spelling tables (33,000 instructions on average, callgrind
  // on `tanya eval` over ten articles), and a chat word is asked again and
  // again: 4,133 calls for 659 distinct words over the fifty-five
  // development articles. Per thread, as Analyzer's stems: no lock.
  struct Memo {
    uint64_t tables = 0;
    std::unordered_map<std::string, std::string> forms;
  };
  thread_local Memo memo;
  if (memo.tables != id_ || memo.forms.size() >= kMaxStandardFormMemo) {
    memo.forms.clear();
    memo.tables = id_;
  }
  if (auto it = memo.forms.find(w); it != memo.forms.end()) return it->second;
  std::string form = compute_standard_form(w);
  memo.forms.emplace(w, form);
  return form;
}

std::string LanguageTables::compute_standard_form(const std::string& w) const {
  std::string abbreviation = abbreviations_.expand(w);
  if (!abbreviation.empty()) return abbreviation;
  // Three letters with a vowel of their own (none: an abbreviation, above):
  // a word the knowledge writes with a vowel left out ("hri" for "hari"),
  // the commonest chat slip; no other edit is safe on a word that short.
  if (w.size() == kVowelLeftOutLetters)
    if (std::string fix = spelling_.one_letter_more(w, kVowelLeftOutLetters); !fix.empty() && vowel_left_out(fix, w))
      return fix;
  auto forms = colloquial_forms(w);
  for (const auto& f : forms)
    if (holds(f.word)) return f.word;
  // A form the knowledge lacks but the dictionary knows, unless the word is
  // one letter off a word the knowledge writes: "kekersan" is "kekerasan"
  // mistyped, not ke-…-an around "kers".
  // The typo lookup (dozens of probes of a large table) only when there is
  // such a form to weigh it against.
  const Lexicon& lex = analyzer_.lexicon();
  auto known = std::find_if(forms.begin(), forms.end(),
                            [&](const auto& f) { return lex.slang.count(f.word) || analyzer_.known_word(f.word); });
  if (known != forms.end()) {
    auto typo = spelling_.correct(w);
    if (!(typo && typo->distance <= kTypoOverForm) && spelling_.one_letter_more(w, kLetterLeftOutFrom).empty())
      return known->word;
  }
  if (auto fix = question_words_.correct(w); fix && fix->words.size() == 1) return fix->words[0];
  if (auto it = english_forms_.find(w); it != english_forms_.end()) return it->second;
  return "";
}

std::vector<std::string> LanguageTables::split_joined(const std::string& word) const {
  constexpr size_t kMinPart = 3;
  std::vector<std::string> best;
  size_t best_shorter = 0;
  for (size_t i = kMinPart; i + kMinPart <= word.size(); ++i) {
    std::string a = word.substr(0, i), b = word.substr(i);
    const size_t shorter = std::min(a.size(), b.size());
    // A function word may be one of the two ("semuakelas" → "semua kelas"),
    // not both: the knowledge's own word is what makes the split likely.
    auto part = [&](const std::string& w) { return index_.words.count(w) > 0 || analyzer_.is_stopword(w); };
    const bool own = (index_.words.count(a) && !analyzer_.is_stopword(a)) || (index_.words.count(b) && !analyzer_.is_stopword(b));
    if (shorter > best_shorter && part(a) && part(b) && own) {
      best = {std::move(a), std::move(b)};
      best_shorter = shorter;  // the most even split: "kerjasama" as "kerja sama"
    }
  }
  return best;
}

int LanguageTables::side_by_side(const std::string& first, const std::string& second) const {
  auto it = std::lower_bound(side_by_side_.begin(), side_by_side_.end(), first,
                             [](const SideBySide& p, const std::string& h) { return p.first < h; });
  for (; it != side_by_side_.end() && it->first == first; ++it)
    if (it->second == second) return it->count;
  return 0;
}

namespace {
// Consonant, vowel, consonant: "lon" of "calon".
bool closed_syllable(std::string_view s) {
  auto vowel = [](char c) { return c == 'a' || c == 'e' || c == 'i' || c == 'o' || c == 'u'; };
  return s.size() == 3 && !vowel(s[0]) && vowel(s[1]) && !vowel(s[2]);
}
}  // namespace

std::vector<std::string> LanguageTables::clipped_phrase(const std::string& word) const {
  // Each part keeps 2 to 4 letters of its word, as chat clips do ("or-tu",
  // "buk-ber", "ma-pel", "jak-sel"); each word is longer than its part. The
  // second part may be the second word's last syllable instead, when closed
  // ("pas-lon": pasangan calon); an open one matched by chance ("kem-ana":
  // kemewahan istana for "kemana"). Fifty-first session: +cs24 −cs10 over
  // the 88 articles (a ranking tie, the reading right), blind sets unchanged.
  constexpr size_t kMinPart = 2, kMaxPart = 4;
  if (word.size() < 2 * kMinPart || word.size() > 2 * kMaxPart) return {};
  for (char c : word)
    if (c < 'a' || c > 'z') return {};
  const SideBySide* best = nullptr;
  bool tie = false;
  for (size_t cut = kMinPart; cut <= kMaxPart && cut + kMinPart <= word.size(); ++cut) {
    const std::string head = word.substr(0, cut), rest = word.substr(cut);
    if (rest.size() > kMaxPart) continue;
    auto it = std::lower_bound(side_by_side_.begin(), side_by_side_.end(), head,
                               [](const SideBySide& p, const std::string& h) { return p.first < h; });
    for (; it != side_by_side_.end() && it->first.compare(0, head.size(), head) == 0; ++it) {
      if (it->first.size() <= head.size() || it->second.size() <= rest.size()) continue;
      if (it->second.compare(0, rest.size(), rest) != 0 && !(closed_syllable(rest) && it->second.ends_with(rest)))
        continue;
      if (best && it->count == best->count && (it->first != best->first || it->second != best->second)) tie = true;
      if (!best || it->count > best->count) {
        best = &*it;
        tie = false;
      }
    }
  }
  if (!best || tie) return {};
  return {best->first, best->second};
}

bool LanguageTables::dictionary_word(const std::string& word) const { return analyzer_.known_word(word); }

bool LanguageTables::holds(const std::string& word) const {
  if (index_.words.count(word) || index_.stem_df.count(word)) return true;
  // Through its stem only when hunspell knows the word: Snowball would cut a
  // made-up form down to some stem the index has.
  return analyzer_.known_word(word) && index_.stem_df.count(analyzer_.stem(word));
}

bool LanguageTables::thesaurus_headword(const std::string& word) const {
  return !language_->thesaurus.senses(word).empty();
}

const DictionaryEntry* LanguageTables::english_entry(std::string_view lemma) const {
  if (!english_merged_.empty())
    if (auto it = english_merged_.find(std::string(lemma)); it != english_merged_.end()) return &it->second;
  if (const DictionaryEntry* e = language_->english.find(lemma)) return e;
  const auto& common = analyzer_.lexicon().english_common;
  auto it = common.find(std::string(lemma));
  return it == common.end() ? nullptr : &it->second;
}

std::string LanguageTables::english_lemma(std::string_view word) const {
  // The word itself first ("wound" is a headword), then an irregular form's
  // base (took → take), then the suffix rules. A headword that is only a verb
  // and also another verb's past is read as that past: "a wallet they found"
  // found it (find), no one founds a wallet; "founded" stays "found".
  const auto& irregular = analyzer_.lexicon().english_irregular;
  auto irregular_base = irregular.find(std::string(word));
  const bool past_form = irregular_base != irregular.end() && english_entry(irregular_base->second);
  if (const DictionaryEntry* e = english_entry(word))
    if (!past_form || e->pos != kEnglishVerb) return std::string(word);
  if (past_form) return irregular_base->second;
  for (const auto& lemma : english_lemmas(word))
    if (english_entry(lemma)) return lemma;
  return "";
}

std::string LanguageTables::english_phrase_lemma(std::string_view first, std::string_view second) const {
  std::string phrase = std::string(first) + " " + std::string(second);
  if (std::string lemma = english_lemma(phrase); !lemma.empty()) return lemma;
  // A noun compound takes the plural on its last word ("wisdom teeth" is
  // listed as "wisdom tooth", "power lines" as "power line").
  if (const std::string last = english_lemma(second); !last.empty() && last != second) {
    phrase = std::string(first) + " " + last;
    if (english_entry(phrase)) return phrase;
  }
  // A phrasal verb is listed by its base form only: the verb takes the
  // inflection, the particle never does.
  const std::string base = english_lemma(first);
  if (base.empty() || base == first) return "";
  phrase = base + " " + std::string(second);
  return english_entry(phrase) ? phrase : "";
}

uint8_t LanguageTables::english_pos(std::string_view lemma) const {
  const DictionaryEntry* e = english_entry(lemma);
  return e ? e->pos : 0;
}

bool LanguageTables::indonesian(const std::string& word) const {
  return index_.words.count(word) > 0 || analyzer_.known_word(word);
}

bool LanguageTables::written_before(const std::string& stem, const std::string& next_stem) const {
  return collocations_.count(stem + "\t" + next_stem) > 0;
}

std::vector<std::vector<std::string>> LanguageTables::translate(std::string_view lemma, bool held_only,
                                                                const std::unordered_map<std::string, int>* within,
                                                                uint8_t pos) const {
  const auto& stem_df = within ? *within : index_.stem_df;
  auto held = [&](const std::string& w) { return holds(w) && (!within || within->count(analyzer_.stem(w))); };
  std::vector<std::vector<std::string>> out;
  const DictionaryEntry* e = english_entry(lemma);
  if (!e) return out;
  std::vector<bool> added;  // by out's index: a sense the lexicon added to FreeDict's
  auto of_pos = [&](size_t i) { return (i < e->sense_pos.size() ? e->sense_pos[i] : e->pos) & pos; };
  bool some_of_pos = false;
  if (pos != 0 && held_only)
    for (size_t i = 0; i < e->translations.size() && !some_of_pos; ++i) {
      auto words = split(e->translations[i]);
      some_of_pos = of_pos(i) && !words.empty() && words.size() <= 3 && std::all_of(words.begin(), words.end(), held);
    }
  for (size_t i = 0; i < e->translations.size(); ++i) {
    auto words = split(e->translations[i]);
    if (words.empty() || words.size() > 3) continue;
    if (some_of_pos && !of_pos(i)) continue;
    if (!held_only || std::all_of(words.begin(), words.end(), held)) {
      out.push_back(std::move(words));
      added.push_back(i >= e->added_from);
    }
  }
  if (held_only) {
    // FreeDict lists senses in no particular order ("heart": hati, jantung):
    // the sense the knowledge writes most comes first, the others stay
    // synonyms. A phrase counts by its rarest word. The English word itself,
    // when Indonesian has taken it over ("normal", "data"), comes before all.
    auto uses = [&](const std::vector<std::string>& words) {
      if (words.size() == 1 && words[0] == lemma) return SIZE_MAX;
      size_t least = SIZE_MAX - 1;
      for (const auto& w : words) {
        auto it = stem_df.find(analyzer_.stem(w));
        least = std::min<size_t>(least, it == stem_df.end() ? 0 : it->second);
      }
      return least;
    };
    // A sense the lexicon added comes after FreeDict's own held ones: "long"
    // stays panjang, with lama (its sense of time) a synonym.
    std::vector<size_t> order(out.size());
    for (size_t i = 0; i < order.size(); ++i) order[i] = i;
    std::stable_sort(order.begin(), order.end(), [&](size_t a, size_t b) {
      const size_t ua = uses(out[a]), ub = uses(out[b]);
      if (added[a] != added[b] && ua != SIZE_MAX && ub != SIZE_MAX) return !added[a];
      return ua > ub;
    });
    std::vector<std::vector<std::string>> sorted;
    sorted.reserve(out.size());
    for (size_t i : order) sorted.push_back(std::move(out[i]));
    out = std::move(sorted);
  }
  return out;
}

}  // namespace tanya

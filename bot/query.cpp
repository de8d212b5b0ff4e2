#include "bot/query.hpp"

#include <algorithm>
#include <cctype>
#include <cmath>
#include <functional>
#include <unordered_set>

#include "bot/idf.hpp"
#include "index/english_question.hpp"
#include "knowledge/base/utf8.hpp"

namespace tanya {

namespace {

// "siiih" → "sih" (and "siih" as the second guess): chat stretches letters.
std::string collapse_repeats(const std::string& w, size_t keep) {
  std::string out;
  for (size_t i = 0; i < w.size();) {
    size_t j = i;
    while (j < w.size() && w[j] == w[i]) ++j;
    size_t run = j - i;
    out.append(run >= 3 ? keep : run, w[i]);
    i = j;
  }
  return out;
}

bool has_long_run(const std::string& w) {
  for (size_t i = 0; i + 2 < w.size(); ++i)
    if (w[i] == w[i + 1] && w[i] == w[i + 2]) return true;
  return false;
}

const char* kIntentPriority[] = {"identity", "help", "thanks", "goodbye", "greeting"};
// An intent's place in kIntentPriority (lower first).
std::ptrdiff_t intent_rank(const std::string& intent) {
  return std::find_if(std::begin(kIntentPriority), std::end(kIntentPriority),
                      [&](const char* p) { return intent == p; }) - std::begin(kIntentPriority);
}
// How many words a request for help may hold besides its phrase ("soal
// sistem peredaran darah", "belajar biologi buat ulangan besok") while it
// still only asks for help; and how many a closing remark may ("udah lumayan
// ngerti"). By hand: a subject is a short noun phrase, a remark a short
// clause; a longer rest is a question of its own.
constexpr size_t kMaxLeaveSubject = 5;
// How many words may name whom a greeting addresses after the word for tanya
// ("pagi kak admin museum", "halo min BLK Banyuresmi"): by hand, a site's
// name of one or two words; a longer rest says something of its own.
constexpr size_t kMaxAddressee = 2;
constexpr size_t kMaxClosingRemark = 5;
// "tidak X lagi", "belum Y Z lagi": how far before "lagi" its negation may
// stand (by hand: a verb or adjective and an adverb between).
constexpr size_t kNoLongerReach = 3;
const std::unordered_set<std::string> kNegations = {"tidak", "bukan", "belum"};
// A message addressing tanya with "siapa" or asking what it can help with is
// about tanya when at most this many of its words are not function words
// ("sebenarnya"): by hand, so that a question naming a subject ("menurut kamu
// siapa tokoh terpenting Majapahit?", three such words) stays a question.
constexpr size_t kMaxAboutTanya = 1;
// "kalau X?" (chat's "kalo", "klo" normalised to it): the last question,
// asked of X instead.
constexpr std::string_view kInsteadWord = "kalau";
// Asking who answers ("ini operator sekolah atau sistem otomatis?", "ini guru
// bk bukan"): a word of grammar that may stand beside the words naming who
// answers besides the stopwords (chat's "with": "ini sama pak guru ya?");
// verbs of chatting ("ini yang bales siapa?", "dengan siapa saya
// berbicara?"); and how many other words may ("sekolah", "bk"): by hand, the
// two the third blind small-talk set needed; a third names a topic.
// Grammar, like kDone.
const std::unordered_set<std::string> kAnswererGrammar = {"sama"};
const std::unordered_set<std::string> kChatVerbs = {"chat",     "ngobrol",  "mengobrol", "bicara",   "berbicara",
                                                    "balas",    "membalas", "dibalas",   "jawab",    "menjawab",
                                                    "dijawab",  "chatting", "talking",   "speaking", "texting"};
constexpr size_t kMaxAboutAnswerer = 2;
// Words that close a clause asking to have something confirmed ("ini
// layanan TIK sekolah ya?", "… kan?", "… bukan?"). Grammar, like kDone.
const std::unordered_set<std::string> kConfirmTags = {"ya", "yah", "kan", "bukan"};
// Words that close a yes/no question, normalised ("ga", "nggak": tidak;
// "blm": belum). Grammar, like kConfirmTags.
const std::unordered_set<std::string> kYesNoEnds = {"tidak", "belum"};
// Verbs of asking: what stands right after them in a request for leave to ask
// is the question itself ("mau tanya jadwal UTS"). Grammar, like kDone.
const std::unordered_set<std::string> kAskVerbs = {"tanya", "nanya", "bertanya", "menanyakan", "ask", "tahu"};
// Words that say how much or what kind of thing is asked, not what: "boleh
// tanya-tanya dikit?", "mau tanya sesuatu", "can I ask something?".
const std::unordered_set<std::string> kAskAmounts = {"sedikit", "dikit", "sesuatu", "banyak", "lagi", "hal", "something"};
// Aspect words that make what follows done, not asked ("udah", "dah" are
// "sudah" once slang.tsv has read them). Two words of grammar, not a list
// to grow, so here rather than in knowledge/lexicon/.
const std::unordered_set<std::string> kDone = {"sudah", "telah"};
// The chat fillers that ask for help when a message holds nothing else
// ("tolong", "minta tolong dong kak"); grammar, like kDone.
const std::unordered_set<std::string> kPleaseWords = {"tolong", "minta", "mohon", "please", "plis", "pls", "plz"};
// Words of being unsure: what follows them in a statement is what the writer
// does not know yet ("aku bingung mau ngapain"), not asked. Grammar, like kDone.
const std::unordered_set<std::string> kUnsure = {"bingung", "ragu", "galau", "confused", "unsure"};
// Modals that ask leave beside them ("boleh minta tolong?", "bisa tolong?").
const std::unordered_set<std::string> kMayWords = {"boleh", "bisa", "mau", "can", "could"};
// An English yes/no question starts with its auxiliary ("is it ok to run
// with earphones", "can we bring food"): asked, even without a "?", never a
// closing remark that happens to hold "ok". Grammar, like kDone.
const std::unordered_set<std::string> kEnglishAuxiliaries = {
    "is", "are", "am", "was", "were", "do", "does", "did", "can", "could", "should", "will", "would", "may", "must"};
// Time words that put what follows later, not now: "makasih, besok aku tanya
// lagi" promises a question, it asks none. Grammar too, like kDone.
const std::unordered_set<std::string> kLater = {"besok", "nanti", "lusa"};
// "setelah bayar ngapain?": the words that name a step to ask what follows it
// (chat "abis" and "stlh" are "setelah" by slang.tsv). Not "habis" as
// written: "kalau kuota habis, apa yang dilakukan?" means "run out".
const std::unordered_set<std::string> kAfterWords = {"setelah", "sesudah"};
// "terus setelah …?": going on from the answer just given.
const std::unordered_set<std::string> kThenWords = {"terus", "lalu", "kemudian"};
// "apa yang dilakukan setelah …": the doing asked about, no topic.
const std::unordered_set<std::string> kDoWords = {"lakukan", "dilakukan", "melakukan", "kerjakan", "dikerjakan"};
// How often the knowledge must write a chat particle for it to be a word of
// its own there (knowledge_word). By hand: an article quoting chat uses a
// particle once or twice; one about the thing, throughout.
constexpr int kKnowledgeParticleFreq = 5;

// How many thesaurus synonyms stand in for a question word the knowledge
// lacks, in the thesaurus's order (its own entry's senses first), of those
// the knowledge holds. Fitted over 43 articles (`tanya eval DIR --rows`):
// 2, 3, 4, 5, 6 and 8–16 handle 1,623, 1,625, 1,628, 1,629 and 1,630 of
// 2,044, nothing lost from 4 to 6 ("posisi" reaches letak, its fifth sense;
// "datang" hadir); the smallest count of the plateau, for the least noise.
constexpr size_t kThesaurusSynonyms = 6;
// Of a word's thesaurus synonyms the knowledge holds, only the first this
// many are candidates at all (LanguageTables lists them all, its own
// entry's first): the thesaurus lists up to 30 per sense, and beyond a few
// the evidence is mostly noise. (8 since the thesaurus came in; it was
// the tables' cap.)
constexpr size_t kThesaurusCandidates = 8;
// A name of this many words or more may be asked with one word left out (by
// hand: three-word names differ in one word, "sel darah merah", "sel darah putih").
constexpr size_t kLongName = 4;
// "cara kerja": the word after "cara" whose stem makes the phrase ask how
// something works (tanya eval over 42 articles: +1 case, none lost).
constexpr std::pair<std::string_view, std::string_view> kHowFrame = {"cara", "kerja"};
// "langkah pertama(nya)", "langkah awal", "hal pertama": what to do first,
// asked of the rest of the question ("Apa langkah pertama kalau paspor
// hilang?"); the answer says "segera laporkan …", seldom "langkah pertama".
constexpr std::string_view kFirstStepNouns[] = {"langkah", "hal", "tindakan"};
constexpr std::string_view kFirstWords[] = {"pertama", "awal"};
// Words of extent: "sampai berapa", "sampai kapan" ask how far an amount or
// a date goes, and the word is part of the asking, no topic ("hingga" is a
// stop word already).
constexpr std::string_view kExtentWords[] = {"sampai"};
// Thesaurus phrases read in a question are two or three words long (LanguageTables::phrase_synonyms).
constexpr size_t kMaxThesaurusPhrase = 3;
// A word of this many letters the knowledge and the dictionary lack may be a
// knowledge word with one letter left out ("tugs" for "tugas"; by hand: the
// spelling index corrects from five letters, where any one edit is safe).
constexpr size_t kShortSlipLetters = 4;
// An English word this long whose translation the knowledge writes is read
// as English before any typo correction ("seller": penjual, not seluler);
// by hand: a letter more than the short slips' words, where English words
// typed for Indonesian ones ("tugs" for "tugas") are rare.
constexpr size_t kEnglishOverTypoLetters = 6;
// From this many letters a word the knowledge writes with one vowel other is
// its spelling of the same word (by hand: shorter words differ so in meaning,
// "bata"/"batu", "tepat"/"tapat").
constexpr size_t kVowelVariantLetters = 7;
// An English word with -nya written on is read as English from this many
// letters before it ("linknya", "filenya"): shorter ones are Indonesian words.
constexpr size_t kMinNyaBase = 4;
// The fewest and most words a name read by its initials may have: two
// letters are too often another thing's initials (parse(), below); the
// acronyms LanguageTables collects have at most five letters.
constexpr size_t kMinInitialismWords = 3;
constexpr size_t kMaxInitialismWords = 5;

// A word the message writes as a name: capitalised where no sentence starts
// ("tiket Candi Prambanan"), or in capitals anywhere ("PNS", "kelas IX").
// A question asking about a name its article never writes is about something
// else (the confidence feature kMissingName), and a name is no chat word to
// make standard ("Antam" is no "hantam").
bool written_as_name(std::string_view text, const Token& token) {
  const std::string_view word = text.substr(token.start, token.end - token.start);
  if (word.empty() || !std::isupper(static_cast<unsigned char>(word[0]))) return false;
  size_t letters = 0, capitals = 0;
  for (char c : word)
    if (std::isalpha(static_cast<unsigned char>(c))) ++letters, capitals += std::isupper(static_cast<unsigned char>(c)) != 0;
  if (letters >= 2 && capitals == letters) return true;
  // One capital letter is no name: "hari H" is the day itself, and a
  // question naming it is no question about something the article never
  // names (46 articles: 1,733 → 1,734 handled, +av34, nothing lost).
  if (letters < 2) return false;
  size_t i = token.start;
  while (i > 0 && (text[i - 1] == ' ' || text[i - 1] == '"' || text[i - 1] == '\'' || text[i - 1] == '(')) --i;
  return !(i == 0 || text[i - 1] == '.' || text[i - 1] == '!' || text[i - 1] == '?' || text[i - 1] == '\n' ||
           text[i - 1] == ':');
}

}  // namespace

QueryParser::QueryParser(const Analyzer& analyzer, const IndexData& index)
    : analyzer_(analyzer),
      index_(index),
      lex_(analyzer.lexicon()),
      tables_(index, analyzer, [] {
        // Engine::open has loaded them (or failed naming the package); a parser
        // made without an engine does without.
        auto r = shared_language_resources();
        return r ? *r : std::make_shared<const LanguageResources>();
      }()) {
  for (const auto& group : lex_.synonym_groups)
    for (const auto& g : group) synonyms_by_stem_[analyzer_.stem(g)].push_back(&group);
  for (const auto& p : lex_.smalltalk) {
    smalltalk_words_.insert(p.words.begin(), p.words.end());
    if (p.intent != "identity") courtesy_words_.insert(p.words.begin(), p.words.end());
    if (!p.words.empty()) smalltalk_by_first_[p.words[0]].push_back(&p);
  }
  for (const auto& [w, standard] : lex_.slang) listed_words_.insert(w);
  for (const auto& [w, type] : lex_.question_words) listed_words_.insert(w);
  for (const auto& [w, english] : lex_.glossary_en) listed_words_.insert(w);
  for (const auto& [w, type] : lex_.query_cues) listed_words_.insert(w);
  listed_words_.insert(lex_.stopwords.begin(), lex_.stopwords.end());
  listed_words_.insert(lex_.fillers.begin(), lex_.fillers.end());
  listed_words_.insert(smalltalk_words_.begin(), smalltalk_words_.end());
  listed_words_.insert(lex_.english_stopwords.begin(), lex_.english_stopwords.end());
}

// A figure or a unit word ("3", "tiga"): the synonyms.txt groups that say a
// count either way.
bool number_synonym(const std::string& w) {
  static const std::unordered_set<std::string> kUnits = {"satu", "dua", "tiga", "empat", "lima", "enam", "tujuh", "delapan", "sembilan"};
  return kUnits.count(w) > 0 || (!w.empty() && std::all_of(w.begin(), w.end(), [](unsigned char c) { return std::isdigit(c); }));
}

int QueryParser::written(const std::string& w, const Vocabulary* within) const {
  if (within && within->words) {
    auto it = within->words->find(w);
    return it == within->words->end() ? 0 : it->second;
  }
  auto it = index_.words.find(w);
  return it == index_.words.end() ? 0 : it->second.freq;
}

bool QueryParser::unknown(const std::string& w, const Vocabulary* within) const {
  if (written(w, within) || listed_words_.count(w)) return false;
  for (char c : w)
    if (c >= '0' && c <= '9') return false;
  // English words are translated, not read as chat Indonesian, with -nya
  // written on too where the knowledge writes a translation ("sellernya";
  // "suranya" stays chat for "suara", though "sura" is English).
  if (analyzer_.known_word(w) || !tables_.english_lemma(w).empty()) return false;
  if (w.size() < kMinNyaBase + 3 || !w.ends_with("nya")) return true;
  const std::string lemma = tables_.english_lemma(w.substr(0, w.size() - 3));
  return lemma.empty() || tables_.translate(lemma).empty();
}

// Two words the knowledge writes as one ("kaca mata" where it writes
// "kacamata", "kerja sama" where it writes "kerjasama") are that word: a
// split is the commonest typo of a compound. Only where neither half is a
// function word and the joined word is no shorter than kMinJoinedWord; and
// "di" written apart from its verb ("di alami").
void QueryParser::join_split_words(std::vector<std::string>* words, const Vocabulary* within) const {
  constexpr size_t kMinJoinedWord = 6;
  // Not where the knowledge mostly writes the two apart ("bulu tangkis"
  // beside an odd "bulutangkis").
  auto compound = [&](const std::string& a, const std::string& b, const std::string& joined) {
    return written(joined, within) && tables_.spelling().reading(joined).size() == 1 && !analyzer_.is_stopword(a) &&
           !analyzer_.is_stopword(b) && !lex_.question_words.count(a) && !lex_.question_words.count(b);
  };
  // The passive prefix written apart ("di alami", "di pakai"): a dictionary
  // word whose stem the knowledge holds; "di sekolah" is none.
  auto passive = [&](const std::string& a, const std::string& joined) {
    return a == "di" && analyzer_.known_word(joined) && tables_.holds(joined);
  };
  std::vector<std::string> out;
  out.reserve(words->size());
  for (size_t i = 0; i < words->size(); ++i) {
    std::string& a = (*words)[i];
    if (i + 1 < words->size()) {
      const std::string& b = (*words)[i + 1];
      // The length first: the lookups for every pair were 1.5% of answering (callgrind).
      if (a.size() + b.size() >= kMinJoinedWord) {
        std::string joined = a + b;
        if (passive(a, joined) || compound(a, b, joined)) {
          out.push_back(std::move(joined));
          ++i;
          continue;
        }
      }
    }
    out.push_back(std::move(a));
  }
  *words = std::move(out);
}

double QueryParser::idf(const std::string& stem, const Vocabulary* within) const {
  const auto& stem_df = within ? *within->stem_df : index_.stem_df;
  double n = static_cast<double>(within ? within->units : index_.units.size());
  auto it = stem_df.find(stem);
  double df = it == stem_df.end() ? 0 : it->second;
  return tanya::idf(n, df);
}

std::string QueryParser::stem_of(const std::string& word) const {
  auto info = index_.words.find(word);
  return info != index_.words.end() ? info->second.stem : analyzer_.stem(word);
}

std::vector<std::string> QueryParser::normalise(std::string_view text, bool* points_back,
                                                std::unordered_set<std::string>* names,
                                                std::vector<std::vector<std::string>>* name_runs,
                                                std::vector<size_t>* starts, const Vocabulary* within) const {
  std::vector<std::string> out;
  bool measure = false;  // the word before was se- of measure ("setinggi")
  std::vector<std::string> run;  // names side by side so far
  size_t run_end = 0;            // byte after the run's last name
  auto close_run = [&] {
    if (name_runs && run.size() >= 2) name_runs->push_back(run);
    run.clear();
  };
  const std::vector<Token> tokens = analyzer_.tokenize(text);
  // The stem of the first word after tokens[i] that is no function word as
  // chat writes it ("pas lg pkl": pkl), or "" when none follows.
  auto next_content_stem = [&](size_t i) -> std::string {
    for (size_t j = i + 1; j < tokens.size(); ++j) {
      const std::string& s = tokens[j].surface;
      auto chat = lex_.slang.find(s);
      const std::string& word = chat != lex_.slang.end() && !chat->second.empty() ? chat->second[0] : s;
      if (analyzer_.is_stopword(s) || analyzer_.is_stopword(word)) continue;
      return stem_of(word);
    }
    return "";
  };
  for (size_t ti = 0; ti < tokens.size(); ++ti) {
    const Token& token = tokens[ti];
    std::string w = token.surface;
    // "setinggi apa?", "sebesar apa?" ask an amount, as "seberapa tinggi?" does.
    if (measure && w == "apa") w = "berapa";
    measure = false;
    const bool name = written_as_name(text, token);
    if (name && names) names->insert(token.surface);
    if (name_runs) {
      const bool joined = !run.empty() && text.substr(run_end, token.start - run_end).find_first_not_of(' ') ==
                                              std::string_view::npos;
      if (!name || !joined) close_run();
      if (name) {
        run.push_back(token.surface);
        run_end = token.end;
      }
    }
    if (w.size() > 5 && w.compare(w.size() - 3, 3, "nya") == 0) *points_back = true;
    auto known = [&](const std::string& s) {
      return written(s, within) || lex_.slang.count(s) || analyzer_.known_word(s);
    };
    if (has_long_run(w)) {
      std::string one = collapse_repeats(w, 1), two = collapse_repeats(w, 2);
      w = (!known(one) && known(two)) ? two : one;
    } else if (w.size() >= 4 && w[w.size() - 1] == w[w.size() - 2] && unknown(w, within) &&
               !unknown(w.substr(0, w.size() - 1), within)) {
      w.pop_back();  // a last letter typed twice: "haloo", "siapp", "okee"
    }
    auto slang = lex_.slang.find(w);
    // The hand list first (words no rule derives: gede, bikin), then the rules
    // for abbreviations and colloquial affixes (dmn, ngebantuin, dipake).
    if (slang == lex_.slang.end() && unknown(w, within) && !name && !lex_.generic_words.count(w)) {
      std::string standard = tables_.standard_form(w);
      if (!standard.empty()) {
        w = std::move(standard);
        slang = lex_.slang.find(w);
      }
    } else if (slang == lex_.slang.end() && !name && !written(w, within) && !listed_words_.count(w) &&
               !analyzer_.known_word(w) && !tables_.english_lemma(w).empty() &&
               tables_.translate(tables_.english_lemma(w)).empty()) {
      // A rare English word nothing the knowledge writes translates, that
      // is also a chat abbreviation of a word it writes ("awl": awal, not
      // the tool): the chat word.
      if (std::string full = tables_.abbreviations().expand(w); !full.empty() && written(full, within)) {
        w = std::move(full);
        slang = lex_.slang.find(w);
      }
    } else if (slang == lex_.slang.end() && w.size() >= 6 && w.compare(0, 2, "se") == 0 && !tables_.holds(w) &&
               tables_.holds(w.substr(2))) {
      // se- of measure or extent ("setinggi apa?", "sebesar apa?"): Snowball
      // keeps the prefix, and the knowledge writes the adjective ("tinggi",
      // "ketinggian"). Only for a word the knowledge lacks, so "sekitar" and
      // "setiap" stay whole.
      w.erase(0, 2);
      measure = true;
    }
    // A chat word that is a dictionary word the knowledge itself writes
    // ("telat" beside "terlambat") is searched as written: the article uses it.
    if (slang != lex_.slang.end() && written(w, within) && analyzer_.known_word(w)) {
      // Unless its slang reading is a function word and the knowledge never
      // writes it before the word that follows here: "pas di kantor" is
      // "saat di kantor" on a page writing only "pas foto".
      const bool function_reading = std::all_of(slang->second.begin(), slang->second.end(),
                                                [&](const std::string& r) { return analyzer_.is_stopword(r); });
      const std::string next = function_reading ? next_content_stem(ti) : "";
      if (next.empty() || tables_.written_before(analyzer_.stem(w), next)) slang = lex_.slang.end();
    }
    if (slang != lex_.slang.end()) {
      for (const auto& r : slang->second) {
        auto compound = lex_.compounds.find(r);
        if (compound != lex_.compounds.end())
          out.insert(out.end(), compound->second.begin(), compound->second.end());
        else
          out.push_back(r);
      }
    } else {
      out.push_back(std::move(w));
    }
    if (starts) starts->resize(out.size(), token.start);
  }
  close_run();
  return out;
}

// "ini bot apa manusia sih", "kak ini guru atau admin?", "kamu chatbot ya",
// "dengan siapa saya berbicara?": words naming who might answer
// (answerer_words.txt, kChatVerbs), pointed at ("ini"), addressed ("kamu",
// "min"), set against each other or asked "who" of a chat verb, with nothing
// else but words of grammar and at most kMaxAboutAnswerer other words, ask
// who answers. No question word of another type ("ini petugas kapan
// datang?" asks a time), no word of another small-talk phrase (the phrases
// decide "hai bot").
bool QueryParser::asks_who_answers(const std::vector<std::reference_wrapper<const std::string>>& rest,
                                   const std::vector<std::string>& words) const {
  // "adminnya", "chatnya": the word with its -nya. Whether a word names who
  // answers (0), is a verb of chatting (1), or neither (-1).
  auto kind = [&](const std::string& w) {
    const std::string_view base = w.size() > 5 && w.ends_with("nya") ? std::string_view(w).substr(0, w.size() - 3)
                                                                      : std::string_view(w);
    const std::string key(base);
    return lex_.answerer_words.count(key) ? 0 : kChatVerbs.count(key) ? 1 : -1;
  };
  // Most questions name no one who answers: one look at each word, then out
  // (this reading 1.4% of answering instructions before, 1.0% after:
  // callgrind on `tanya eval` of `ab`).
  std::vector<int> kinds;
  kinds.reserve(rest.size());
  for (const std::string& w : rest) kinds.push_back(kind(w));
  if (std::all_of(kinds.begin(), kinds.end(), [](int k) { return k < 0; })) return false;
  size_t answerer = 0, others = 0;
  bool pointed = false, chat_verb = false, who = false;
  for (size_t i = 0; i < rest.size(); ++i) {
    const std::string& w = rest[i];
    if (kinds[i] >= 0) {
      chat_verb = chat_verb || kinds[i] == 1;
      ++answerer;
      continue;
    }
    // "ini" before the words naming who answers points at whoever writes;
    // after them it is a determiner ("siapa guru yang membina ekskul ini?").
    if (w == "ini" && answerer == 0) pointed = true;
    // "apa" asks what the word before it is ("ini bot apa manusia?", "kamu
    // ini bot apa?"), not what another word is ("kamu bot ya? jurusan apa
    // aja yang ada?").
    if (auto type = lex_.question_words.find(w); type != lex_.question_words.end()) {
      if (type->second != "who" && type->second != "what" && type->second != "yesno") return false;
      if (type->second == "what" && (i == 0 || !(lex_.answerer_words.count(rest[i - 1]) ||
                                                 lex_.bot_address.count(rest[i - 1]) || rest[i - 1].get() == "ini")))
        return false;
      who = who || type->second == "who";
      continue;
    }
    // "bot ini bisa jawab apa aja?" asks what tanya can do (a modal: help);
    // "serius nanya, ini bot apa orang?" says that it asks.
    if (kMayWords.count(w)) return false;
    if (kAskVerbs.count(w)) continue;
    if (kAnswererGrammar.count(w) || analyzer_.is_stopword(w) || lex_.bot_address.count(w) ||
        lex_.english_stopwords.count(w) || lex_.person_titles.count(w))
      continue;
    // A word of a greeting, thanks, goodbye or request for help ("hai bot",
    // "makasih ya bot", "bot ini bisa jawab apa aja?") leaves the message to
    // the phrases.
    if (lex_.query_cues.count(w) || lex_.request_words.count(w) || courtesy_words_.count(w) ||
        ++others > kMaxAboutAnswerer)
      return false;
  }
  const bool addressed = std::any_of(words.begin(), words.end(), [&](const std::string& w) {
    return lex_.bot_address.count(w) > 0 || (w.ends_with("nya") && lex_.bot_address.count(w.substr(0, w.size() - 3)));
  });
  return answerer > 0 && (pointed || addressed || answerer >= 2 || (chat_verb && who));
}

// "saya wali murid kelas 8", "aku siswa kelas 10 nih", "saya orang tua
// dari Rafa kelas 5B": who is writing (person_roles.txt, person_titles.txt),
// with numbers, words of grammar and at most one other word (a name; the
// word after a title is one: "Saya Pak Darto dari Dusun Krajan"). Beside a
// greeting it asks nothing; "aku lagi ngerjain tugas seni budaya" does.
bool QueryParser::introduces(const std::vector<std::reference_wrapper<const std::string>>& words) const {
  size_t roles = 0, others = 0;
  for (size_t i = 0; i < words.size(); ++i) {
    const std::string& w = words[i];
    if (w == "saya" || w == "i" || lex_.fillers.count(w) || w.find_first_of("0123456789") != std::string::npos ||
        (i > 0 && lex_.person_titles.count(words[i - 1])))
      continue;
    if (lex_.person_roles.count(w) || lex_.person_titles.count(w)) ++roles;
    else if (!analyzer_.is_stopword(w) || lex_.subject_words.count(w) || lex_.question_words.count(w)) ++others;
  }
  return roles > 0 && others <= 1;
}

// Small talk: every word that is not a filler belongs to a small-talk phrase,
// or is a function word between them. Of several courtesies the longest
// phrase names the message ("thanks a lot, see you": thanks; "oke, sampai
// jumpa": goodbye), ties by kIntentPriority. Two kinds of message hold other
// words too, as long as none asks anything (a question word, a cue such as
// "contoh", a follow-up cue, a request such as "jelaskan"):
//  - asking for help or leave to ask, naming what for: after a subject word
//    ("boleh tanya soal biologi?") or ending in a yes/no tag ("bisa bantu aku
//    belajar biologi buat ulangan nggak?"), a few words;
//  - a closing (thanks or goodbye) with a short remark and no question mark
//    ("makasih ya, sekarang udah lumayan ngerti. Dadah!").
// This reads the language, never the article's words.
std::string QueryParser::smalltalk_intent(const std::vector<std::string>& words, bool question_mark,
                                          bool one_clause) const {
  // The words by reference, not copied: this runs on every question (the
  // copies were a fifth of its instructions, callgrind on `tanya eval`).
  using Word = std::reference_wrapper<const std::string>;
  std::vector<Word> rest;
  for (const auto& w : words)
    if (!lex_.fillers.count(w)) rest.push_back(w);
  if (rest.empty()) rest.assign(words.begin(), words.end());
  // "ini admin ya?", "ini kamu bukan?": "this" and a word addressing tanya,
  // asked, with nothing else but fillers and a confirming tag, asks who
  // answers (the address words are fillers, so no phrase can hold them).
  static const std::unordered_set<std::string> kConfirm = {"ini", "bukan", "tidak"};
  if (std::any_of(rest.begin(), rest.end(), [](const std::string& w) { return w == "ini"; }) &&
      std::all_of(rest.begin(), rest.end(),
                  [&](const std::string& w) { return kConfirm.count(w) > 0 || lex_.bot_address.count(w) > 0; }) &&
      std::any_of(words.begin(), words.end(), [&](const std::string& w) { return lex_.bot_address.count(w) > 0; }) &&
      (question_mark || rest.back().get() != "ini"))
    return "identity";
  if (asks_who_answers(rest, words)) return "identity";
  // Most questions hold no small-talk phrase and no word addressing tanya; no
  // rule below then names an intent (unless every word is "sudah"), so they
  // are not read word by word (4% of answering before, 2% after: callgrind on
  // `tanya eval` over eight articles).
  auto phrase_at = [&](size_t i) {
    auto starting = smalltalk_by_first_.find(rest[i]);
    if (starting == smalltalk_by_first_.end()) return false;
    return std::any_of(starting->second.begin(), starting->second.end(), [&](const SmalltalkPhrase* p) {
      return i + p->words.size() <= rest.size() &&
             std::equal(p->words.begin(), p->words.end(), rest.begin() + i,
                        [](const std::string& a, const std::string& b) { return a == b; });
    });
  };
  bool maybe = false;
  for (size_t i = 0; i < rest.size() && !maybe; ++i)
    maybe = phrase_at(i) || lex_.bot_address.count(rest[i]) > 0 || kDone.count(rest[i]) > 0;
  if (!maybe) return "";
  std::string best, other;             // the longest phrase's intent; of those not greetings
  size_t best_phrase = 0, other_phrase = 0;
  bool help = false, closing = false, goodbye = false, subject = false;
  std::vector<Word> loose;   // words of no phrase
  std::vector<Word> asking;  // of them, those that may ask something (not after "sudah")
  // kDone ("sudah", "telah") a word or two before rest[i].
  auto done_before = [&](size_t i) {
    return std::any_of(rest.begin() + (i >= 2 ? i - 2 : 0), rest.begin() + i,
                       [&](const std::string& v) { return kDone.count(v) > 0; });
  };
  // "nggak deg-degan lagi": "lagi" after a negation says "no longer", and
  // asks for nothing more (the follow-up cue "ada lagi?").
  auto no_longer = [&](size_t i) {
    return rest[i].get() == "lagi" &&
           std::any_of(rest.begin() + (i >= kNoLongerReach ? i - kNoLongerReach : 0), rest.begin() + i,
                       [&](const std::string& v) { return kNegations.count(v) > 0; });
  };
  size_t others = 0;                 // of them, words that are not function words
  bool later = false;                // a kLater word stood before: nothing after it is asked now
  bool names_question = false;       // "mau tanya jadwal UTS": what is asked follows the asking verb
  // "kalau yang siang?", "yg pagi?": a time-of-day greeting word after
  // "yang" or a follow-up cue names which one (the afternoon session), it
  // greets no one.
  bool greeting_names = false;
  for (size_t i = 0; i < rest.size();) {
    size_t best_len = 0;
    std::string intent;
    auto starting = smalltalk_by_first_.find(rest[i]);
    if (starting != smalltalk_by_first_.end())
      for (const SmalltalkPhrase* p : starting->second) {
        if (p->words.size() <= best_len || i + p->words.size() > rest.size()) continue;
        if (std::equal(p->words.begin(), p->words.end(), rest.begin() + i,
                       [](const std::string& a, const std::string& b) { return a == b; })) {
          best_len = p->words.size();
          intent = p->intent;
        }
      }
    if (best_len == 0) {
      const std::string& w = rest[i];
      if (lex_.subject_words.count(w)) subject = true;
      // Addressing tanya ("hai bot", "makasih bot") is no word of a subject.
      // Nor is how much is asked ("boleh tanya-tanya sedikit?").
      if (!analyzer_.is_stopword(w) && !lex_.english_stopwords.count(w) && !lex_.bot_address.count(w) &&
          !kAskAmounts.count(w))
        ++others;
      loose.push_back(w);
      // A request already done is thanked for, not made: "makasih udah
      // (bantu) jelasin".
      if (kLater.count(w)) later = true;
      // After a goodbye, words say why the writer leaves ("pamit ya kak, mau
      // lanjut kerja"); a question word still asks.
      if (!done_before(i) && !later && !no_longer(i) && (!goodbye || lex_.question_words.count(w))) asking.push_back(w);
      ++i;
      continue;
    }
    // "makasih udah bantu": help already given is thanked for, not asked;
    // "nanti aku tanya lagi ya kak, bye": help put off till later is promised.
    if (intent == "help" && (done_before(i) || later)) {
      i += best_len;
      continue;
    }
    if (intent == "greeting" && i > 0 && (rest[i - 1].get() == "yang" || lex_.followup_cues.count(rest[i - 1])))
      greeting_names = true;
    help = help || intent == "help";
    closing = closing || intent == "thanks" || intent == "goodbye";
    goodbye = goodbye || intent == "goodbye";
    // "aku mau tanya jadwal UTS" asks about the schedule: the words right
    // after the asking verb are the question. "boleh tanya soal biologi?"
    // names a subject and only asks leave.
    if (intent == "help" && i + best_len < rest.size() && kAskVerbs.count(rest[i + best_len - 1])) {
      const std::string& next = rest[i + best_len];
      names_question = names_question ||
                       !(analyzer_.is_stopword(next) || lex_.subject_words.count(next) || lex_.yesno_tags.count(next) ||
                         lex_.english_stopwords.count(next) || lex_.bot_address.count(next) ||
                         smalltalk_words_.count(next) || kAskVerbs.count(next) || kAskAmounts.count(next));
    }
    if (best_len > best_phrase || (best_len == best_phrase && intent_rank(intent) < intent_rank(best))) {
      best_phrase = best_len;
      best = intent;
    }
    if (intent != "greeting" &&
        (best_len > other_phrase || (best_len == other_phrase && intent_rank(intent) < intent_rank(other)))) {
      other_phrase = best_len;
      other = intent;
    }
    i += best_len;
  }
  // A greeting only opens (or wishes well): beside thanks, a goodbye or a
  // request it is not what the message says ("Selamat siang, mohon
  // bantuannya.", "Terima kasih atas penjelasannya, semoga sehat selalu.").
  if (best == "greeting" && !other.empty()) best = other;
  if (best == "greeting" && greeting_names) return "";
  // Thanks that also take leave ("ok bye thx", "makasih kak, udah dulu
  // ya") end the chat: the goodbye answers both, the thanks' "Ada
  // pertanyaan lain?" would not.
  if (best == "thanks" && goodbye) best = "goodbye";
  // "dah", "udah kak": nothing but "sudah" says the student is done.
  if (best.empty() && !rest.empty() &&
      std::all_of(rest.begin(), rest.end(), [](const std::string& w) { return kDone.count(w) > 0; }))
    return "goodbye";
  // Asked of tanya itself, with words between ("kamu ini sebenarnya siapa?",
  // "kamu bisa bantu aku apa aja?"): a word addressing tanya, "siapa" (who it
  // is) or a request for help with "apa" (what it can do), and no word of a
  // subject beside them.
  const bool addressed = std::any_of(loose.begin(), loose.end(), [&](const std::string& w) { return lex_.bot_address.count(w); });
  // A question word of the type question_words.tsv gives it.
  auto is_type = [&](const std::string& w, const char* type) {
    auto it = lex_.question_words.find(w);
    return it != lex_.question_words.end() && it->second == type;
  };
  if (addressed && others <= kMaxAboutTanya) {
    auto asks = [&](const char* type) {
      return std::any_of(loose.begin(), loose.end(), [&](const std::string& w) { return is_type(w, type); });
    };
    if (asks("who")) return "identity";
    if (help && asks("what")) return "help";
    // "kamu ini bot apa?", "kamu bisa apa?": what tanya is.
    if (asks("what") && !subject) return "identity";
  }
  // "aku lagi belajar PPKn, kamu bisa bantu jawab pertanyaan apa aja (soal
  // X)?": asking tanya what it can help with, whatever else the student says
  // about themselves. The "what" ends its clause, or a subject word follows
  // it; "kamu bisa bantu jelasin apa itu pemilu?" goes on to a topic and is a
  // question.
  if (addressed && help) {
    for (size_t i = 0; i < rest.size(); ++i) {
      if (!is_type(rest[i], "what")) continue;
      size_t j = i + 1;
      while (j < rest.size() && analyzer_.is_stopword(rest[j].get()) && !lex_.subject_words.count(rest[j])) ++j;
      if (j == rest.size() || lex_.subject_words.count(rest[j])) return "help";
    }
  }
  // "kalo ga cukup gmn?": a closing word asked about with a question word
  // ("cukup": enough) closes nothing.
  if ((best == "goodbye" || best == "thanks") && question_mark &&
      std::any_of(loose.begin(), loose.end(), [&](const std::string& w) { return lex_.question_words.count(w) > 0; }))
    return "";
  if (best.empty() || others == 0) return best;
  // "halo salam kenal aku anak kelas 10 hehe": a greeting and who writes.
  if (best == "greeting" && !question_mark && introduces(loose)) return best;
  if (std::any_of(asking.begin(), asking.end(), [&](const std::string& w) {
        return lex_.question_words.count(w) || lex_.query_cues.count(w) || lex_.followup_cues.count(w) ||
               lex_.request_words.count(w);
      }))
    return "";
  if (names_question) return "";
  // The yes/no tag must close the clause that asks for help: in "kak boleh
  // nanya, ekskul bisa ikut lebih dari satu ga?" it closes the question.
  if (help && others <= kMaxLeaveSubject &&
      (subject || (one_clause && (lex_.yesno_tags.count(rest.back()) || kConfirmTags.count(rest.back())))))
    return "help";
  // "bot dari sekolah atau orang beneran?": asking what tanya is, with one
  // word more about it, asks nothing of a subject.
  if (best == "identity" && others <= 1) return best;
  // "ini bot info SIM dari sekolah ya?": asking whether tanya is the bot of a
  // subject names the subject but asks nothing of it. With no question word
  // at all: "siapa kamu harus lapor …" is a question.
  if (best == "identity" && others <= kMaxLeaveSubject &&
      std::any_of(rest.begin(), rest.end(), [&](const std::string& w) { return lex_.bot_address.count(w); }) &&
      std::none_of(rest.begin(), rest.end(), [&](const std::string& w) { return lex_.question_words.count(w); }))
    return best;
  if (closing && !question_mark && others <= kMaxClosingRemark) return best;
  return "";
}

// Nothing but a plea for help and how it is put ("tolong", "kak, boleh
// minta tolong?", "boleh minta bantuannya bentar?"): kPleaseWords among
// fillers, kMayWords, yes/no tags and "saya" ("min tolongin aku dong": whom to
// help). After a greeting, small-talk words may stand beside them.
bool QueryParser::pleads(const std::vector<std::string>& words, bool greeted) const {
  return !words.empty() &&
         std::all_of(words.begin(), words.end(),
                     [&](const std::string& w) {
                       return lex_.fillers.count(w) > 0 || kMayWords.count(w) > 0 || lex_.yesno_tags.count(w) > 0 ||
                              w == "saya" || (greeted && smalltalk_words_.count(w) > 0);
                     }) &&
         std::any_of(words.begin(), words.end(), [&](const std::string& w) { return kPleaseWords.count(w) > 0; }) &&
         std::find(words.begin(), words.end(), "maaf") == words.end();  // "minta maaf" apologises
}

std::vector<QueryParser::Clause> QueryParser::clauses(std::string_view text, const std::vector<std::string>& words,
                                                     const std::vector<size_t>& starts) const {
  std::vector<Clause> out;
  // Where a clause ends: at . ! ? , ; or at a pictograph, since chat ends a
  // sentence with an emoji as often as with a mark ("selamat pagi 🙏 aku
  // baru lulus SMK"). ❓ and ❔ ask as "?" does.
  auto mark_at = [&](size_t pos, size_t* after, bool* asks) {
    const char c = text[pos];
    if (c == '.' || c == '!' || c == '?' || c == ',' || c == ';') {
      *after = pos + 1;
      *asks = c == '?';
      return true;
    }
    if (static_cast<unsigned char>(c) < 0x80) return false;
    size_t next = pos;
    const char32_t cp = utf8::next(text, &next);
    if (!utf8::pictograph(cp)) return false;
    *after = next;
    *asks = cp == 0x2753 || cp == 0x2754;
    return true;
  };
  // One clause (most questions: no mark, or nothing after the marks that end
  // it): the whole message is it, and the caller has its words already.
  struct Cut {
    size_t end;
    bool question_mark;
  };
  std::vector<Cut> cuts;
  for (size_t pos = 0; pos < text.size();) {
    size_t after = pos + 1;
    bool asks = false;
    if (!mark_at(pos, &after, &asks)) {
      ++pos;
      continue;
    }
    // The marks, spaces and pictographs that end one clause ("?!", "🙏?"):
    // one cut, asking when any of them asks.
    const size_t end = pos;
    pos = after;
    for (;;) {
      while (pos < text.size() && std::isspace(static_cast<unsigned char>(text[pos]))) ++pos;
      bool more = false;
      if (pos >= text.size() || !mark_at(pos, &after, &more)) break;
      asks = asks || more;
      pos = after;
    }
    cuts.push_back({end, asks});
  }
  if (cuts.empty() || std::none_of(starts.begin(), starts.end(), [&](size_t s) { return s > cuts[0].end; })) return out;
  // The message's words, each in the clause its token stands in: no token
  // holds a clause mark, so the words need not be read a second time.
  size_t next = 0;
  for (size_t k = 0; k <= cuts.size(); ++k) {
    const size_t end = k < cuts.size() ? cuts[k].end : text.size();
    Clause c;
    c.question_mark = k < cuts.size() && cuts[k].question_mark;
    for (; next < words.size() && starts[next] < end; ++next) c.words.push_back(words[next]);
    if (!std::all_of(c.words.begin(), c.words.end(), [&](const std::string& w) { return lex_.fillers.count(w) > 0; }))
      out.push_back(std::move(c));
  }
  return out;
}

// A message of several clauses, each of them small talk on its own ("Halo,
// selamat pagi! Kamu ini bot apa ya, bisa bantu aku belajar buat ulangan?"):
// the clause of the highest kIntentPriority names it. One clause that is not
// small talk makes the whole a question ("Halo! Apa itu fotosintesis?").
std::string QueryParser::clauses_intent(const std::vector<Clause>& parts) const {
  if (parts.size() < 2) return "";
  auto asks_who_only = [&](const std::vector<std::string>& words) {
    size_t who = 0, other = 0;
    for (const auto& w : words) {
      auto type = lex_.question_words.find(w);
      if (type != lex_.question_words.end() && type->second == "who") ++who;
      else if (!analyzer_.is_stopword(w) && !lex_.fillers.count(w)) ++other;
    }
    return who == 1 && other <= 1;
  };
  // A clause in which the student says what they are doing ("aku lagi
  // ngerjain tugas seni budaya nih"): a statement in the first person, asking
  // nothing. Beside a request for leave to ask ("boleh nanya-nanya ya?") it
  // says why, and the message still only asks leave.
  auto about_themselves = [&](const Clause& c) {
    // "aku" and "gue" are "saya" by now; "i" begins the same in English.
    // Chat fillers may come first: "kak aku bingung".
    auto first = std::find_if(c.words.begin(), c.words.end(), [&](const std::string& w) { return !lex_.fillers.count(w); });
    if (c.question_mark || first == c.words.end() || (*first != "saya" && *first != "i")) return false;
    // "aku mau tau info beasiswa": wanting to know something asks it. Being
    // curious about a subject ("aku lagi kepo banget soal paskibraka") names
    // what the student will ask about: a subject word first after the verb.
    for (size_t i = 0; i + 1 < c.words.size(); ++i) {
      if (!kAskVerbs.count(c.words[i])) continue;
      auto next = std::find_if(c.words.begin() + i + 1, c.words.end(),
                               [&](const std::string& w) { return !lex_.fillers.count(w); });
      if (next != c.words.end() && lex_.subject_words.count(*next)) continue;
      if (std::any_of(next, c.words.end(), [&](const std::string& w) {
            return !lex_.fillers.count(w) && !analyzer_.is_stopword(w) && !kAskAmounts.count(w);
          }))
        return false;
    }
    // "aku lagi bingung mau ngapain": a question word after being unsure
    // says what about, in a statement (no "?"), and asks nothing yet.
    auto unsure = std::find_if(c.words.begin(), c.words.end(), [](const std::string& w) { return kUnsure.count(w) > 0; });
    return std::none_of(c.words.begin(), unsure, [&](const std::string& w) {
             return lex_.question_words.count(w) || lex_.query_cues.count(w) || lex_.request_words.count(w);
           }) &&
           std::none_of(unsure, c.words.end(), [&](const std::string& w) {
             return lex_.query_cues.count(w) || lex_.request_words.count(w);
           });
  };
  // "ini layanan bantuan TIK sekolah ya?": after a greeting, asking whether
  // the student has come to the right place asks what tanya is, not the
  // article: "ini", a short noun phrase (kMaxLeaveSubject) and a tag asking
  // for confirmation, nothing asked of a subject. No modal and no verb with
  // its prefix: "ini wifi sekolah bisa dipakai ortu ya?" asks something. On
  // its own such a clause stays a question ("ini materi kelas 8 ya?").
  auto verb = [&](const std::string& w) {
    for (const char* prefix : {"di", "me", "ber", "ter"})
      if (w.starts_with(prefix) && analyzer_.stem(w) != w) return true;
    return false;
  };
  auto asks_right_place = [&](const Clause& c) {
    if (!c.question_mark || c.words.size() < 3 || c.words.front() != "ini" || !kConfirmTags.count(c.words.back()))
      return false;
    size_t named = 0;
    for (const auto& w : c.words) {
      if (lex_.question_words.count(w) || lex_.query_cues.count(w) || lex_.request_words.count(w) ||
          lex_.yesno_tags.count(w) || verb(w))
        return false;
      if (!analyzer_.is_stopword(w) && !lex_.fillers.count(w)) ++named;
    }
    return named <= kMaxLeaveSubject;
  };
  // "pagi kak admin museum 👋 lagi online?": a greeting to whoever answers
  // for the site, named after the word addressing tanya ("admin museum",
  // "min BLK"), greets as "pagi kak admin" does. Only in a message of
  // clauses: "pagi min jadwal ujian" on its own may ask the schedule.
  auto greets_by_name = [&](const Clause& c) {
    if (c.question_mark) return false;
    auto address = std::find_if(c.words.begin(), c.words.end(),
                                [&](const std::string& w) { return lex_.bot_address.count(w) > 0; });
    if (address == c.words.end() || address + 1 == c.words.end()) return false;
    if (smalltalk_intent({c.words.begin(), address + 1}, false) != "greeting") return false;
    size_t named = 0;
    for (auto w = address + 1; w != c.words.end(); ++w) {
      if (lex_.question_words.count(*w) || lex_.query_cues.count(*w) || lex_.request_words.count(*w)) return false;
      if (!analyzer_.is_stopword(*w) && !lex_.fillers.count(*w)) ++named;
    }
    return named <= kMaxAddressee;
  };
  std::string best;
  bool statement = false;
  for (const auto& c : parts) {
    std::string intent = smalltalk_intent(c.words, c.question_mark);
    if (intent.empty() && pleads(c.words, false)) intent = "help";
    if (intent.empty() && greets_by_name(c)) intent = "greeting";
    if (intent.empty() && !best.empty() && asks_right_place(c)) intent = "identity";
    if (intent.empty() && about_themselves(c)) {
      if (!introduces({c.words.begin(), c.words.end()})) statement = true;
      continue;
    }
    // After asking who tanya is ("ini bot ya?"), "namanya siapa" asks it on:
    // a "who" and at most one word more.
    if (intent.empty() && best == "identity" && asks_who_only(c.words)) continue;
    if (intent.empty()) return "";
    if (best.empty() || intent_rank(intent) < intent_rank(best)) best = intent;
  }
  if (statement && best != "help") return "";
  return best;
}

// A message of clauses, one of them thanks or goodbye, no word asking
// anything (a question word, a cue, a request): a remark beside a closing
// ("makasih kak, penjelasannya gampang dimengerti, aku mau lanjut latihan
// soal dulu"). Its intent, or "" when there is none.
std::string QueryParser::closing_clause(const std::vector<Clause>& parts) const {
  if (parts.size() < 2) return "";
  std::string closing;
  for (const auto& c : parts) {
    for (const auto& w : c.words)
      if (lex_.question_words.count(w) || lex_.query_cues.count(w) || lex_.request_words.count(w)) return "";
    const std::string intent = smalltalk_intent(c.words, false);
    if (intent == "thanks" || intent == "goodbye") closing = intent;
  }
  return closing;
}

// "apa itu X", "X itu apa (sih)": asking what X is, wherever the frame stands.
// "tuh" is chat for "itu". Between it and "apa" and after it only frame words
// may stand ("bullying tuh sebenernya apa sih, jelasin dong"); "apa saja" asks
// for a list, not what X is.
// The words X may have in "apa X itu?" (by hand: a name or a term; a longer
// stretch is a sentence, "apa kamu tahu jadwal itu?").
constexpr size_t kMaxDefinedTopic = 3;

bool QueryParser::asks_what_is(const std::vector<std::string>& words, std::string_view text) const {
  auto frame_word = [&](const std::string& w) {
    return w != "saja" && (lex_.fillers.count(w) || lex_.generic_words.count(w) || lex_.request_words.count(w));
  };
  auto names_a_thing = [&](const std::string& w) {
    return !frame_word(w) && !lex_.type_nouns.count(w) && !lex_.query_cues.count(w) &&
           !lex_.question_words.count(w) && !analyzer_.is_stopword(w);
  };
  // "apa (sebenarnya) X itu?", X a name or a noun of a few words: the frame
  // on both sides of it; not "apa kamu sudah baca buku itu?".
  if (!words.empty() && words[0] == "apa") {
    size_t from = 1, to = words.size();
    while (from < to && frame_word(words[from])) ++from;
    while (to > from && words[to - 1] != "tuh" && frame_word(words[to - 1])) --to;
    if (to >= from + 2 && (words[to - 1] == "itu" || words[to - 1] == "tuh") && to - 1 - from <= kMaxDefinedTopic &&
        std::all_of(words.begin() + from, words.begin() + to - 1, names_a_thing))
      return true;
  }
  for (size_t i = 0; i + 1 < words.size(); ++i) {
    if (words[i] == "apa" && words[i + 1] == "itu" && i == 0) return true;
    if ((words[i] != "itu" && words[i] != "tuh") || i == 0) continue;
    // "setelah itu apa?", "abis itu ngapain?": "itu" after a connective
    // points back in time; it names nothing to define.
    if (lex_.generic_words.count(words[i - 1]) || analyzer_.is_stopword(words[i - 1])) continue;
    size_t j = i + 1;
    while (j < words.size() && words[j] != "apa" && frame_word(words[j])) ++j;
    // "abrasi itu proses apa?", "OSN itu lomba apa?": one noun naming what
    // kind of thing X is asks what X is, unless the noun asks a time
    // ("lombanya itu hari apa?": when; question_types.tsv "before") or
    // another type ("penyebabnya"), or is written with a possessive -nya
    // ("kucing itu makanannya apa?": what it eats; normalise() may have read
    // the word without it, so the text is looked at).
    if (const std::string noun = j + 1 < words.size() && words[j + 1] == "apa" ? words[j] : std::string();
        !noun.empty() && !lex_.type_nouns.count(noun) && !lex_.query_cues.count(noun) &&
        !lex_.question_words.count(noun) && !analyzer_.is_stopword(noun) &&
        utf8::lower(text).find(noun + "nya") == std::string::npos)
      ++j;
    if (j == words.size() || words[j] != "apa") continue;
    if (std::all_of(words.begin() + j + 1, words.end(), frame_word)) return true;
  }
  return false;
}

// A chat particle the knowledge itself uses as a word, often: "kok" is the
// shuttlecock in an article on badminton, however much chat says "kok" for
// "how come". kKnowledgeParticleFreq: more often than a quoted chat line would.
bool QueryParser::knowledge_word(const std::string& w, const Vocabulary* within) const {
  return written(w, within) >= kKnowledgeParticleFreq && (!within || within->stem_df->count(stem_of(w)));
}

// The words of an English question as written: a chat reading of an
// English word ("up" as the abbreviation of uap, a word the article writes)
// is no reading of it. Only a token read as one word; only for a question
// read as English (the lookups are a dictionary test per word).
std::vector<std::string> QueryParser::english_as_written(std::string_view text, const std::vector<std::string>& words,
                                                         const std::vector<size_t>& starts,
                                                         const Vocabulary* within) const {
  std::vector<std::string> out = words;
  for (size_t i = 0; i < words.size(); ++i) {
    const size_t start = starts[i];
    if ((i > 0 && starts[i - 1] == start) || (i + 1 < words.size() && starts[i + 1] == start)) continue;
    size_t end = start;
    while (end < text.size() && std::isalpha(static_cast<unsigned char>(text[end]))) ++end;
    std::string raw(text.substr(start, end - start));
    for (auto& c : raw) c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
    // An English word, or the particle of a phrasal verb ("came up").
    const bool english = !tables_.english_lemma(raw).empty() ||
                         (i > 0 && !tables_.english_phrase_lemma(out[i - 1], raw).empty());
    if (raw != words[i] && !analyzer_.known_word(raw) && english) out[i] = raw;
  }
  join_split_words(&out, within);
  return out;
}

Query QueryParser::parse(std::string_view raw, const Vocabulary* within) const {
  Query q;
  // A phone's fullwidth "？" asks as "?" does (clauses, small talk, names
  // after a sentence mark all look for the ASCII mark).
  std::string marks;
  const std::string_view text = utf8::ascii_marks(raw, &marks);
  bool points_back = false;
  std::unordered_set<std::string> names;  // as written, lowercased
  std::vector<std::vector<std::string>> name_runs;
  std::vector<size_t> word_starts;  // byte offset of each word's token in `text`
  std::vector<std::string> words = normalise(text, &points_back, &names, &name_runs, &word_starts, within);
  // The clauses of the message as normalise() read it, before words are joined.
  const std::vector<Clause> parts = clauses(text, words, word_starts);
  for (const auto& run : name_runs) {
    std::vector<std::string> stems;
    bool slip = false;
    for (const auto& w : run) {
      if (analyzer_.is_stopword(w)) continue;
      // A word neither the knowledge nor the dictionary knows may be a slip
      // in a name the article writes ("KIP Kulaih"): no evidence either way.
      slip = slip || (!index_.words.count(w) && !analyzer_.known_word(w));
      stems.push_back(stem_of(w));
    }
    if (stems.size() >= 2 && !slip) q.name_phrases.push_back(std::move(stems));
  }
  const std::vector<std::string> before_joining = words;  // as word_starts places them
  join_split_words(&words, within);
  const std::vector<std::string> original = words;

  auto is_english = [&](const std::string& w) { return english_word(w, lex_, tables_); };
  // English when at least two words and half of them are; counted only until
  // that is settled (a dictionary test per word was 2% of answering).
  const size_t english_needed = std::max<size_t>(2, (words.size() + 1) / 2);
  size_t english = 0;
  for (size_t i = 0; i < words.size() && english < english_needed && english + (words.size() - i) >= english_needed; ++i)
    english += is_english(words[i]);
  EnglishTranslation translation;
  if (english >= english_needed) {
    q.lang = "en";
    translation = translate_english(english_as_written(text, before_joining, word_starts, within), lex_, tables_,
                                    within ? within->stem_df : nullptr);
    words = translation.words;
  }
  q.words = words;
  // The possessive -nya points back like "itu" ("daftarnya kapan?": the
  // registration of what was just asked about), under the same rule: a
  // follow-up only when the question has at most one topic word.
  q.weak_followup_cue = points_back;

  // The question's type: a specific cue ("contoh", "beda") wins over the
  // question word ("apa"); "apa itu" asks for a definition.
  // A clause of its own may ask it ("zooxanthellae tuh apaan sih? yg
  // katanya idup di dalem karang").
  bool what_is = asks_what_is(words, text) || (q.lang == "en" && asks_definition_english(original, lex_));
  if (parts.size() > 1)
    for (const auto& clause : parts) what_is = what_is || asks_what_is(clause.words, text);
  if (what_is) q.question_type = "definition";
  q.typed = what_is;
  if (!what_is) {
    // A cue word names the type ("contoh", "beda"); else the first question
    // word, as the noun right before it may make it ("hari apa": when).
    auto type_of = [&](const std::vector<std::string>& ws) {
      std::string from_word;
      for (size_t i = 0; i < ws.size(); ++i) {
        const std::string& w = ws[i];
        if (auto cue = lex_.query_cues.find(w); cue != lex_.query_cues.end()) return cue->second;
        auto qw = lex_.question_words.find(w);
        if (qw == lex_.question_words.end() || !from_word.empty()) continue;
        auto noun = i > 0 ? lex_.type_nouns.find(ws[i - 1]) : lex_.type_nouns.end();
        from_word = noun != lex_.type_nouns.end() ? noun->second : qw->second;
      }
      return from_word;
    };
    // A clause where the student speaks of themselves, with no question
    // mark, asks nothing beside one that does ("aku sering cemas ga tau knp,
    // bisa curhat ke siapa?": who, not why).
    std::vector<std::string> asked;
    if (q.lang != "en" && parts.size() > 1) {
      bool told = false;
      for (const auto& clause : parts) {
        const bool about_themselves = !clause.question_mark &&
                                      std::find(clause.words.begin(), clause.words.end(), "saya") != clause.words.end();
        told = told || about_themselves;
        if (!about_themselves) asked.insert(asked.end(), clause.words.begin(), clause.words.end());
      }
      if (!told) asked.clear();
    }
    std::string type = type_of(asked);
    if (type.empty()) type = type_of(words);
    if (!type.empty()) {
      q.question_type = type;
      q.typed = true;
    }
  }
  // A word that narrows the type ("berapa harga": a price; "kepanjangan X
  // apa?": an acronym's expansion), as written or by its stem; the stems only
  // for a type some narrowing starts from.
  std::vector<std::string> stems;
  // One right after the question word narrows first ("kena biaya nggak dan
  // jadinya berapa lama?": a duration, the price word is a topic).
  bool narrowed = false;
  for (size_t i = 0; i + 1 < words.size() && !narrowed; ++i) {
    if (!lex_.question_words.count(words[i])) continue;
    for (const auto& n : lex_.narrowings)
      if (n.within == q.question_type &&
          (n.words.count(words[i + 1]) || n.written.count(words[i + 1]) || n.words.count(analyzer_.stem(words[i + 1])))) {
        q.question_type = n.type;
        narrowed = true;
        break;
      }
  }
  for (const auto& n : lex_.narrowings) {
    if (narrowed) break;
    if (n.within != q.question_type) continue;
    if (stems.empty())
      for (const auto& w : words) stems.push_back(analyzer_.stem(w));
    auto narrows = [&](const std::string& w) { return n.words.count(w) > 0; };
    auto narrows_as_written = [&](const std::string& w) { return n.words.count(w) > 0 || n.written.count(w) > 0; };
    auto pair_at = [&](size_t i) {
      return std::any_of(n.pairs.begin(), n.pairs.end(),
                         [&](const auto& pair) { return words[i] == pair.first && words[i + 1] == pair.second; });
    };
    // The pair is what is asked when it stands before the question word or
    // right after it ("nomor WA-nya apa?", "apa nomor WA panitia?"); later
    // it is a topic of what is asked ("apa yang terjadi setelah penjahat
    // menguasai nomor telepon korban?").
    size_t asked = 0;
    while (asked < words.size() && !lex_.question_words.count(words[asked])) ++asked;
    bool paired = false;
    for (size_t i = 0; i + 1 < words.size() && i <= asked + 1 && !paired && !n.pairs.empty(); ++i) paired = pair_at(i);
    if (paired || std::any_of(stems.begin(), stems.end(), narrows) ||
        std::any_of(words.begin(), words.end(), narrows_as_written)) {
      q.question_type = n.type;
      break;
    }
  }
  // A bare "yang …" asking nothing of its own ("yg DPD?", "yang ganda?")
  // names one of something just talked about, like "kalau yang …".
  if (!q.typed && !original.empty() && original[0] == "yang") q.weak_followup_cue = true;
  // "itu udah termasuk makan belum?": "itu" as the subject points at the
  // answer just given, as a word with -nya does; "apa itu X?" has it later.
  if (original.size() > 1 && original[0] == "itu") q.followup_cue = true;
  // "… ga?", "udah … belum?" asks whether, so a follow-up asking it does not
  // ask the last question's kind again (a price, a time).
  if (!q.words.empty() && kYesNoEnds.count(q.words.back())) q.asks_yes_no = true;

  // Small talk, read on the words as written and, for English, as translated
  // (FreeDict makes "see you" "pandang kamu", so the translation alone would
  // miss it).
  const bool question_mark = text.find('?') != std::string_view::npos;
  // An English question of one clause put with its auxiliary first ("hey is
  // it ok to run with earphones") counts as asked, "?" or not.
  auto first_word = std::find_if(original.begin(), original.end(), [&](const std::string& w) {
    return !lex_.fillers.count(w) && (kEnglishAuxiliaries.count(w) || !smalltalk_words_.count(w));
  });
  const bool asked = question_mark || (q.lang == "en" && parts.size() < 2 && original.end() - first_word > 2 &&
                                       kEnglishAuxiliaries.count(*first_word) > 0);
  q.smalltalk = smalltalk_intent(original, asked, parts.size() < 2);
  if (q.smalltalk.empty() && q.lang == "en") q.smalltalk = smalltalk_intent(words, asked, parts.size() < 2);
  if (q.smalltalk.empty()) q.smalltalk = clauses_intent(parts);
  // Thanks or goodbye beside remarks that ask nothing ("oke makasih ya kak,
  // penjelasannya gampang dimengerti, sekarang aku mau lanjut latihan soal
  // dulu"; "udah ya min, mau tidur. good night"): the closing, however long
  // the remarks (fifty-sixth session: +2 over 107 articles and the blind
  // sets, nothing lost).
  if (q.smalltalk.empty() && !question_mark) q.smalltalk = closing_clause(parts);
  // A message of chat fillers only, asking nothing ("wkwkwk", "hehe"): it
  // keeps the chat going, so it is answered like a greeting, with an
  // invitation to ask, rather than "not found".
  if (q.smalltalk.empty() && !question_mark && !original.empty() &&
      std::all_of(original.begin(), original.end(), [&](const std::string& w) { return lex_.fillers.count(w) > 0; }))
    q.smalltalk = "greeting";
  // Unless one of them asks for help ("tolong", "kak, boleh minta
  // tolong?"): then tanya says how to ask. A greeting may open it ("Selamat
  // siang, mohon bantuannya.").
  const bool greeted = q.smalltalk == "greeting";
  if ((q.smalltalk.empty() || greeted) && pleads(original, greeted)) q.smalltalk = "help";
  auto another = [&](const std::string& w) { return lex_.another_cues.count(w) > 0; };
  q.asks_another = std::any_of(original.begin(), original.end(), another) || std::any_of(words.begin(), words.end(), another);

  // "terus abis itu?", "langkah selanjutnya?": what follows the last answer,
  // in the words as written or as read ("stlh itu", an English "next").
  std::unordered_set<std::string> next_words;  // the cue's words: no topic
  for (const std::vector<std::string>* list : {&original, static_cast<const std::vector<std::string>*>(&words)})
    for (const auto& cue : lex_.next_cues)
      for (size_t i = 0; !cue.empty() && i + cue.size() <= list->size(); ++i)
        if (std::equal(cue.begin(), cue.end(), list->begin() + static_cast<std::ptrdiff_t>(i))) {
          q.asks_next = true;
          next_words.insert(cue.begin(), cue.end());
        }
  if (q.asks_next) q.followup_cue = true;
  // "trs abis masukin NIK ngapain?", "apa yang dilakukan setelah bayar?": a
  // step named after "setelah", the rest of the question only "what (to
  // do)", asks what follows that step (bot/engine.cpp answers the next item
  // of a numbered list).
  {
    auto minor = [&](const std::string& w) {
      return analyzer_.is_stopword(w) || lex_.fillers.count(w) > 0 || lex_.followup_cues.count(w) > 0 ||
             kDoWords.count(w) > 0;
    };
    auto asks = [](const std::string& w) { return w == "apa" || w == "bagaimana"; };
    size_t after = words.size(), asked = words.size();
    for (size_t i = 0; i < words.size() && after == words.size(); ++i)
      if (kAfterWords.count(words[i])) after = i;
    for (size_t i = after + 1; i < words.size() && asked == words.size(); ++i)
      if (asks(words[i])) asked = i;
    bool named = false, question = asked < words.size(), rest_minor = true, then = false;
    for (size_t i = after + 1; i < asked; ++i) named = named || !minor(words[i]);
    for (size_t i = 0; i < after; ++i) {
      question = question || asks(words[i]);
      rest_minor = rest_minor && (minor(words[i]) || asks(words[i]));
      then = then || kThenWords.count(words[i]) > 0;
    }
    // "trus abis colok kabelnya?": "then, after …" asks on with no
    // question word, when the message asks nothing else.
    if (!question && then)
      question = std::none_of(words.begin(), words.end(), [&](const std::string& w) { return lex_.question_words.count(w) > 0; });
    for (size_t i = asked + 1; i < words.size(); ++i) rest_minor = rest_minor && minor(words[i]);
    q.asks_after = after < words.size() && named && question && rest_minor && !q.asks_next;
  }

  for (size_t i = 0; i + 1 < words.size() && q.asks_now.empty(); ++i)
    if (lex_.now_units.count(words[i]) && words[i + 1] == "ini") q.asks_now = words[i] + " ini";
  // The day's news: a phrase of news_phrases.txt ("hari ini", "minggu depan").
  for (const auto& phrase : lex_.news_phrases)
    for (size_t i = 0; q.asks_news.empty() && !phrase.empty() && i + phrase.size() <= words.size(); ++i)
      if (std::equal(phrase.begin(), phrase.end(), words.begin() + static_cast<std::ptrdiff_t>(i)))
        for (const auto& w : phrase) q.asks_news += (q.asks_news.empty() ? "" : " ") + w;

  // Typos: a word nothing knows becomes the knowledge's nearest word, or the
  // pair of words it writes side by side ("kerjsama" → "kerja sama").
  std::vector<std::pair<std::string, std::string>> content;  // (as asked, as searched)
  // A question word read as other words (a typo's correction, an acronym's
  // name, a translation): each searched but stop words, the reading shown.
  auto read_as = [&](const std::string& raw, const std::vector<std::string>& words) {
    std::string to;
    for (const auto& w : words) {
      to += (to.empty() ? "" : " ") + w;
      if (!analyzer_.is_stopword(w)) content.push_back({w, w});
    }
    q.corrections.push_back({raw, to});
  };
  // Cues are read on the words as written too: the translation drops
  // English pronouns ("what percentage did they get?").
  for (const auto& raw : original)
    if (q.lang == "en" && lex_.followup_weak_cues.count(raw)) q.weak_followup_cue = true;
  // "what about X?", "how about X?": English for "kalau X?"; so is a
  // question that opens with "and" or "so" ("and who's the supervisor?",
  // "terus …"): it goes on from the last one.
  for (size_t i = 0; i + 1 < original.size(); ++i)
    if ((original[i] == "what" || original[i] == "how") && original[i + 1] == "about")
      q.followup_cue = q.asks_instead = true;
  if (q.lang == "en" && !original.empty() && (original[0] == "and" || original[0] == "so")) q.followup_cue = true;
  // Stop words written as acronyms ("sitasi APA"): words like any other.
  // Only a question with two capitals in a row can hold one.
  std::unordered_set<std::string> acronyms;
  const bool capitals = std::adjacent_find(text.begin(), text.end(), [](char a, char b) {
                          return std::isupper(static_cast<unsigned char>(a)) && std::isupper(static_cast<unsigned char>(b));
                        }) != text.end();
  if (capitals) {
    const auto tokens = analyzer_.tokenize(text);
    for (const auto& token : tokens)
      if (analyzer_.is_stopword(token.surface) && Analyzer::written_as_acronym(text, token, tokens.size()))
        acronyms.insert(token.surface);
  }
  for (const auto& raw : words) {
    if (lex_.followup_cues.count(raw)) q.followup_cue = true;
    if (raw == kInsteadWord) q.asks_instead = true;
    if (lex_.followup_weak_cues.count(raw)) q.weak_followup_cue = true;
    if ((analyzer_.is_stopword(raw) || lex_.question_words.count(raw)) && !acronyms.count(raw)) continue;
    // "jelaskan", "sebutkan": what to do with the answer, no word of it
    // ("jelaskan" is no search for "jelas").
    if (lex_.request_words.count(raw) && !knowledge_word(raw, within)) continue;
    if (lex_.fillers.count(raw) && !knowledge_word(raw, within)) continue;
    // Asked on one article's page, courtesy ("kak", "min") is courtesy
    // unless that article writes the word: another article's use is not this one's.
    if (within && smalltalk_words_.count(raw) && !within->stem_df->count(stem_of(raw))) continue;
    // An English function word in a question read as Indonesian ("What does
    // Level II (Waspada) status mean?") is no topic either, unless it is an
    // Indonesian word too.
    if (lex_.english_stopwords.count(raw) &&
        (q.lang == "en" || (!index_.words.count(raw) && !analyzer_.known_word(raw))))
      continue;
    // An acronym of a name the knowledge writes out in full ("sktm": Surat
    // Keterangan Tidak Mampu), and as a word nowhere but in an address
    // ("sipena.ucn.ac.id"; LanguageTables::spelled_name).
    if (!analyzer_.known_word(raw) && !(q.lang == "en" && is_english(raw)))
      if (const auto& name = tables_.spelled_name(raw); !name.empty()) {
        read_as(raw, name);
        continue;
      }
    if (!index_.words.count(raw)) {
      // "makasih, apa …": courtesy, not topic, unless the knowledge writes the
      // word in another form ("pakai" of "cara pakai", where it writes "memakai").
      if (smalltalk_words_.count(raw) && !index_.stem_df.count(analyzer_.stem(raw))) continue;
      if (!index_.stem_df.count(analyzer_.stem(raw)) && !analyzer_.known_word(raw) &&
          !(q.lang == "en" && is_english(raw))) {
        // The knowledge writes it as two words side by side ("Wi-Fi" for
        // "wifi"), halves too short for split_joined.
        auto parts = tables_.spelling().reading(raw);
        if (parts.size() != 2) parts = tables_.split_joined(raw);
        if (!parts.empty()) {
          read_as(raw, parts);
          continue;
        }
        // A word the thesaurus lists ("rehat" beside the index's "istirahat")
        // is a word, hunspell-id's gaps aside, not a typo of a knowledge word
        // ("sehat"): it is searched through its synonyms below.
        const bool thesaurus_word = !tables_.synonyms(raw, analyzer_.stem(raw)).empty();
        // Unless the knowledge spells that very word with another vowel
        // ("parafrase" where it writes "parafrasa"): its own word, not a synonym.
        if (std::string variant = thesaurus_word ? tables_.spelling().other_vowel(raw, kVowelVariantLetters) : "";
            !variant.empty()) {
          read_as(raw, {variant});
          continue;
        }
        // The knowledge's word spelled as it sounds ("forid" for "phorid",
        // "ahir" for "akhir"): the same word, surer than any edit.
        if (std::string same = tables_.spelling().same_sound(raw, kShortSlipLetters); !same.empty()) {
          read_as(raw, {same});
          continue;
        }
        // An English word of some length the knowledge writes a translation
        // of ("seller" beside its "penjual") is chat borrowing English, not a
        // typo of a knowledge word one edit away ("seluler"); a short one may
        // be either ("tugs"): +ci34 over the 97 articles, nothing else moved.
        if (raw.size() >= kEnglishOverTypoLetters) {
          std::string lemma = tables_.english_lemma(raw);
          if (lemma.empty() && raw.size() >= kMinNyaBase + 3 && raw.ends_with("nya"))
            lemma = tables_.english_lemma(raw.substr(0, raw.size() - 3));  // "sellernya"
          if (!lemma.empty())
            if (auto held = tables_.translate(lemma); !held.empty()) {
              read_as(raw, held[0]);
              continue;
            }
        }
        if (auto fix = thesaurus_word ? std::nullopt : tables_.spelling().correct(raw)) {
          read_as(raw, fix->words);
          continue;
        }
        // Four letters are too few for an edit of any kind ("tugs" is as near
        // "tuas" as "tugas"); a letter left out is the commonest slip.
        if (std::string fix = tables_.spelling().one_letter_more(raw, kShortSlipLetters); !fix.empty()) {
          read_as(raw, {fix});
          continue;
        }
        // An English word in an Indonesian question ("deadline daftarnya
        // kapan?", "file-nya dikirim ke mana?"), or with -nya written on
        // ("footnotenya", "linknya"): FreeDict's first translation the
        // knowledge writes ("batas waktu", "berkas", "catatan kaki").
        std::string lemma = tables_.english_lemma(raw);
        if (lemma.empty() && raw.size() >= kMinNyaBase + 3 && raw.ends_with("nya"))
          lemma = tables_.english_lemma(raw.substr(0, raw.size() - 3));
        if (!lemma.empty()) {
          if (auto held = tables_.translate(lemma); !held.empty()) {
            read_as(raw, held[0]);
            continue;
          }
        }
        // Two words of the knowledge clipped and joined, as chat shortens a
        // name ("bukber" where it writes "buka bersama", "mayjen" for mayor
        // jenderal); after the typos, so "pribdi" is "pribadi" mistyped, not
        // "prib-" and "di-" clipped, and never an English word ("game" is no
        // "gangguan mental").
        if (auto phrase = lemma.empty() ? tables_.clipped_phrase(raw) : std::vector<std::string>{}; !phrase.empty()) {
          read_as(raw, phrase);
          continue;
        }
      } else if (analyzer_.known_word(raw) && !index_.stem_df.count(analyzer_.stem(raw)) &&
                 !lex_.generic_words.count(raw)) {
        // A dictionary word the knowledge lacks that is a word the knowledge
        // writes with one letter left out ("berlau" for "berlaku", "patet"
        // where the article spells "pathet"): the commonest slip, not
        // another word. Not a letter more or changed: "sabtu" is no "satu",
        // "meriah" no "merah". Nor a word the thesaurus lists: "tepat" is no
        // "tempat", "indah" no "pindah"; nor one written as a name: "Eropa"
        // is no "Europa" (Jupiter's moon). From four letters, as for words
        // no dictionary knows ("ketu" for "ketua", "sura" for "suara": +bu23
        // +cp27 over the 88 articles, nothing lost, fifty-first session).
        const bool own_word = tables_.thesaurus_headword(raw) || names.count(raw) > 0;
        if (std::string fix = own_word ? "" : tables_.spelling().one_letter_more(raw, kShortSlipLetters); !fix.empty()) {
          read_as(raw, {fix});
          continue;
        }
      }
    }
    content.push_back({raw, raw});
  }

  // A cue word mistyped ("contho tuas golongan pertama apa?") names the type
  // once corrected, as it would have written right: the cue wins over "apa"
  // (fifty-eighth session: +1 over 117 articles, dr26; nothing lost).
  if (!what_is)
    for (const auto& [raw, to] : q.corrections)
      if (auto cue = lex_.query_cues.find(to); cue != lex_.query_cues.end() && !lex_.query_cues.count(raw)) {
        q.question_type = cue->second;
        q.typed = true;
        break;
      }
  if (q.lang == "en") names.clear();  // English capitalises what Indonesian would not ("Indonesian", "Lake")
  // "cara kerja X", "cara kerjanya": how X works; "kerja" is part of the
  // question's frame, as "cara" is, not a topic ("kerja sama" still is).
  std::unordered_set<std::string> framed;
  for (size_t i = 0; i + 1 < words.size(); ++i)
    if (words[i] == kHowFrame.first && analyzer_.stem(words[i + 1]) == kHowFrame.second) framed.insert(words[i + 1]);
  for (size_t i = 0; i + 1 < words.size(); ++i) {
    // The noun first: stemming every next word was 1% of answering (callgrind).
    if (std::find(std::begin(kFirstStepNouns), std::end(kFirstStepNouns), words[i]) == std::end(kFirstStepNouns))
      continue;
    const std::string next = analyzer_.stem(words[i + 1]);
    if (std::find(std::begin(kFirstWords), std::end(kFirstWords), next) != std::end(kFirstWords)) {
      framed.insert(words[i]);
      framed.insert(words[i + 1]);
    }
  }
  // "jam berapa", "hari apa", "tahun berapa": the noun before the question
  // word asks when (question_types.tsv "before"); it names the kind of
  // answer, not a topic, as "cara" does. Weighed as a topic word, "jam" drew
  // "jam berapa upacara hari Senin dimulai?" to any passage writing "jam"
  // where the article writes "pukul" (the forty-five articles: 1,702 → 1,704
  // handled, +ab19 +af05 +v23, −t03).
  for (size_t i = 0; i + 1 < words.size(); ++i)
    if (lex_.type_nouns.count(words[i]) && lex_.question_words.count(words[i + 1])) framed.insert(words[i]);
  // "umurnya bisa sampai berapa tahun?", "dipinjam sampai kapan?": a word of
  // extent right before the question word asks how far the amount or the
  // date goes; the answer writes a figure ("45 sampai 50 tahun") or a date,
  // and the word itself is no topic (it drew "tujuh sampai sembilan tahun").
  for (size_t i = 0; i + 1 < words.size(); ++i)
    if (std::find(std::begin(kExtentWords), std::end(kExtentWords), words[i]) != std::end(kExtentWords) &&
        lex_.question_words.count(words[i + 1]))
      framed.insert(words[i]);
  // "Nama teknisi sekolah siapa?": in a question of its type, a word naming
  // the kind of answer (question_types.tsv "frame") is no topic either.
  if (auto frames = lex_.type_frames.find(q.question_type); frames != lex_.type_frames.end())
    for (const auto& w : words)
      if (frames->second.count(w)) framed.insert(w);
  // "berapa hari", "berapa persen": the unit the amount is asked in.
  std::unordered_set<std::string> counted;
  for (size_t i = 0; i + 1 < words.size(); ++i) {
    auto qw = lex_.question_words.find(words[i]);
    // "umur berapa seseorang bisa …": an indefinite pronoun after it is the
    // subject, not a unit (grammar: a closed class).
    if (qw != lex_.question_words.end() && qw->second == "amount" && words[i + 1] != "seseorang" &&
        words[i + 1] != "sesuatu")
      counted.insert(words[i + 1]);
  }
  // "kelas 3", "semester 2": a number after a numbered noun is read as its
  // figure by the analyzer already (numbered_nouns.txt); "yg ketiga": an
  // ordinal. Neither is a count, so neither finds a number word ("tiga jam").
  std::unordered_set<std::string> not_counts;
  for (size_t i = 0; i < words.size(); ++i)
    if ((i > 0 && lex_.numbered_nouns.count(words[i - 1])) || lex_.ordinals.count(words[i])) not_counts.insert(words[i]);
  // "paling besar", "paling sering": the word asked in the superlative.
  std::unordered_set<std::string> superlative;
  for (size_t i = 0; i + 1 < words.size(); ++i)
    if (words[i] == kSuperlativeWord) superlative.insert(words[i + 1]);
  std::unordered_set<std::string> seen;
  // The words held, by the whole index or the article asked on (Vocabulary).
  const std::unordered_map<std::string, int>& held = within ? *within->stem_df : index_.stem_df;
  // The thesaurus lists the synonyms the whole index holds; within one
  // article, those it holds (another article's words find nothing there and
  // would crowd out its own: kThesaurusSynonyms).
  // Within one article asked on its page, as LanguageTables lists them for
  // an index of that article alone: a word it writes, or one of its stems.
  auto holds_synonym = [&](const Equivalent& e) {
    if (within && within->words) return within->words->count(e.word) > 0 || held.count(e.word) > 0;
    return !within || held.count(e.stem) > 0;
  };
  for (const auto& [raw, w] : content) {
    std::string stem = stem_of(w);
    if (stem.empty() || !seen.insert(stem).second) continue;
    QueryTerm t;
    t.surface = w;
    t.stem = stem;
    t.name = names.count(raw) > 0;
    t.superlative = superlative.count(raw) > 0;
    t.counted = counted.count(raw) > 0;
    t.acronym = acronyms.count(raw) > 0;
    // Words that say what kind of answer is wanted ("contoh", "dimaksud") are
    // no topic of their own.
    t.generic = !t.acronym && (lex_.generic_words.count(w) || lex_.generic_words.count(stem) || lex_.query_cues.count(raw) || framed.count(raw) ||
                                 next_words.count(raw));
    // A word naming the kind of answer ("pengertian", "contoh") is less
    // still: a passage is not the answer for using it ("saling pengertian").
    const double kind = lex_.query_cues.count(raw) ? default_policy().kind_word_weight
                        : t.generic                  ? default_policy().frame_word_weight
                                                     : 1.0;
    t.weight = idf(stem, within) * kind;
    auto groups = synonyms_by_stem_.find(stem);
    if (groups != synonyms_by_stem_.end())
      for (const auto* group : groups->second)
        for (const auto& g : *group)
          if (g != w && analyzer_.stem(g) != stem &&
              !(not_counts.count(raw) && number_synonym(g)) &&
              std::find(t.synonyms.begin(), t.synonyms.end(), g) == t.synonyms.end())
            t.synonyms.push_back(g);
    // The knowledge's own other name for the word ("bullying" where the
    // article says "perundungan atau bullying"): the same thing, as common
    // in the knowledge as its most used name.
    for (const auto& a : tables_.aliases(stem)) {
      const std::string alias_stem = analyzer_.stem(a);
      if (alias_stem == stem || std::find(t.aliases.begin(), t.aliases.end(), a) != t.aliases.end()) continue;
      t.aliases.push_back(a);
      if (std::find(t.synonyms.begin(), t.synonyms.end(), a) == t.synonyms.end()) t.synonyms.push_back(a);
      t.weight = std::min(t.weight, idf(alias_stem, within) * kind);
    }
    // "tuas golongan 1", "juara 2": a figure after a noun names the place
    // the page may write as an ordinal ("golongan pertama", ordinals.tsv),
    // where the knowledge holds it. Not after a numbered noun ("kelas 1":
    // the analyzer reads those). Fifty-eighth session: +1 over 117 articles
    // (dr34), the blind sets +1 (ch-n02 rejected), nothing lost.
    if (!not_counts.count(raw) && !w.empty() && w.size() <= 2 &&
        std::all_of(w.begin(), w.end(), [](unsigned char c) { return std::isdigit(c); })) {
      const int place = std::stoi(w);
      for (const auto& [ordinal, at] : lex_.ordinals)
        if (at == place && held.count(analyzer_.stem(ordinal)) &&
            std::find(t.synonyms.begin(), t.synonyms.end(), ordinal) == t.synonyms.end())
          t.synonyms.push_back(ordinal);
    }
    if (auto tr = translation.synonyms.find(w); tr != translation.synonyms.end())
      for (const auto& g : tr->second)
        if (std::find(t.synonyms.begin(), t.synonyms.end(), g) == t.synonyms.end()) t.synonyms.push_back(g);
    // A word the knowledge has: its thesaurus synonyms are not searched
    // (blanket expansion brings in more noise than answers, below), but a
    // passage lacking the word itself earns a little through one
    // (Policy::loose_share: "badan" in the question, "tubuh" in the passage).
    if (held.count(stem) && !t.generic) {
      size_t candidates = 0;
      for (const auto& e : tables_.synonyms(w, stem)) {
        if (t.loose.size() >= kThesaurusSynonyms) break;
        if (!holds_synonym(e)) continue;
        if (++candidates > kThesaurusCandidates) break;
        if (std::find(t.synonyms.begin(), t.synonyms.end(), e.word) == t.synonyms.end() && e.stem != stem)
          t.loose.push_back(e.word);
      }
    }
    // A word the knowledge lacks finds the passages that hold its thesaurus
    // synonyms (mythes-id). Only such words: expanding words the knowledge
    // has brings in more noise than answers (docs: blanket expansion at half
    // weight lost 7 of 156 questions on the development articles).
    // Such a synonym is weaker evidence than a hand-listed one (the ranker's
    // kThesaurusShare): "pesawat" finds "alat" in an article on diplomacy,
    // and that is no answer.
    if (!held.count(stem) && t.synonyms.empty()) {
      size_t candidates = 0;
      for (const auto& e : tables_.synonyms(w, stem)) {
        if (t.synonyms.size() >= kThesaurusSynonyms) break;
        if (!holds_synonym(e)) continue;
        if (++candidates > kThesaurusCandidates) break;
        if (std::find(t.synonyms.begin(), t.synonyms.end(), e.word) == t.synonyms.end()) t.synonyms.push_back(e.word);
      }
      t.thesaurus = !t.synonyms.empty();
    }
    // A word the knowledge lacks can only be found as a synonym ("perlu" as
    // "kebutuhan"), so it is worth what that synonym is worth, not the
    // rarity of a word no passage has. Not for thesaurus synonyms: they are
    // too loose to vouch for the word ("penemu" is no "pencipta").
    if (!held.count(stem) && !t.thesaurus) {
      const std::string* most_common = nullptr;
      long df = 0;
      for (const auto& s : t.synonyms) {
        auto it = held.find(analyzer_.stem(s));
        if (it != held.end() && it->second > df) {
          df = it->second;
          most_common = &it->first;
        }
      }
      if (most_common) t.weight = idf(*most_common, within) * kind;
    }
    // An English word nothing translates (FreeDict, the glossary, the
    // loanword spelling) is a gap in the dictionary, not a sign that the
    // article lacks the subject ("admission" in a question on registration).
    if (q.lang == "en" && !held.count(stem) && t.synonyms.empty())
      t.weight *= default_policy().untranslated_weight;
    q.terms.push_back(std::move(t));
  }
  // A thesaurus phrase the knowledge never writes ("makan pagi", "tempat
  // tinggal") also finds the passages that say it in one word ("sarapan",
  // "rumah"), as weak evidence like any thesaurus synonym.
  // A phrase of function words only ("setelah itu", a cue asking what comes
  // next) names no topic, whatever the thesaurus gives for it ("baru").
  auto no_topic = [&](const std::string& w) {
    return analyzer_.is_stopword(w) || lex_.generic_words.count(w) > 0 || lex_.fillers.count(w) > 0 ||
           next_words.count(w) > 0;
  };
  for (size_t i = 0; i + 1 < words.size(); ++i) {
    if (!tables_.starts_phrase(words[i])) continue;
    std::string phrase = words[i];
    bool topic = !no_topic(words[i]);
    for (size_t k = 1; k < kMaxThesaurusPhrase && i + k < words.size(); ++k) {
      phrase += " " + words[i + k];
      topic = topic || !no_topic(words[i + k]);
      if (!topic) continue;
      const auto& found = tables_.phrase_synonyms(phrase);
      if (found.empty() || !seen.insert(phrase).second) continue;
      QueryTerm t;
      t.surface = phrase;
      t.stem = phrase;
      t.weight = idf(phrase, within);
      t.thesaurus = true;
      size_t candidates = 0;
      for (const auto& e : found) {
        if (t.synonyms.size() >= kThesaurusSynonyms) break;
        if (!holds_synonym(e)) continue;
        if (++candidates > kThesaurusCandidates) break;
        t.synonyms.push_back(e.word);
      }
      // A word of the phrase the knowledge lacks ("makan" beside "sarapan")
      // is searched as the phrase, not again on its own.
      q.terms.erase(std::remove_if(q.terms.begin(), q.terms.end(),
                                   [&](const QueryTerm& o) {
                                     return !held.count(o.stem) &&
                                            std::find(words.begin() + i, words.begin() + i + k + 1, o.surface) !=
                                                words.begin() + i + k + 1;
                                   }),
                    q.terms.end());
      q.terms.push_back(std::move(t));
    }
  }
  // A name of several words the knowledge also gives as one ("sel darah
  // merah atau eritrosit", "Indeks Standar Pencemar Udara (ISPU)"): asked in
  // full, it finds the passages that use the short name too. A long name may
  // be asked with one word left out ("pembangkit listrik panas bumi" for
  // "pembangkit listrik tenaga panas bumi (PLTP)"), never its last: that is
  // the word that tells such names apart ("… tenaga surya", "… tenaga angin").
  auto use_alias = [&](const LanguageTables::PhraseAlias& alias) {
    auto asked = [&](const std::string& stem) {
      return std::any_of(q.terms.begin(), q.terms.end(), [&](const QueryTerm& t) { return t.stem == stem; });
    };
    const auto left_out = std::count_if(alias.stems.begin(), alias.stems.end(), [&](const auto& s) { return !asked(s); });
    const bool named = left_out == 0 || (left_out == 1 && alias.stems.size() >= kLongName && asked(alias.stems.back()));
    if (!named || asked(analyzer_.stem(alias.other))) return;
    for (auto& t : q.terms) {
      if (std::find(alias.stems.begin(), alias.stems.end(), t.stem) == alias.stems.end()) continue;
      t.aliases.push_back(alias.other);
      if (std::find(t.synonyms.begin(), t.synonyms.end(), alias.other) == t.synonyms.end()) t.synonyms.push_back(alias.other);
    }
  };
  for (const auto& alias : tables_.phrase_aliases()) use_alias(alias);
  // A name given in full that the knowledge writes only as its acronym
  // ("sekolah menengah pertama" where it writes "SMP", "nomor induk siswa
  // nasional" for "NISN"): read the same way, the acronym standing for the
  // name's words. The words are content words side by side whose initials
  // the acronym is, the longest such run first; no verb (me- or di- with a
  // suffix: "sekolah melayani perbaikan" is no SMP, while "menengah" and
  // "mengemudi" end as their roots do); and three words at least: two
  // letters are too often another thing's initials ("hasil print" and HP,
  // "mengelola beasiswa" and MB for megabytes; forty-third session: over the
  // fifty-five articles, +4 −3 with two-word names).
  std::vector<bool> name_word(words.size());  // may stand in a name: a content word, no such verb
  for (size_t j = 0; j < words.size() && words.size() >= kMinInitialismWords; ++j) {
    const std::string& w = words[j];
    if (w.size() < 2 || !std::all_of(w.begin(), w.end(), [](char c) { return c >= 'a' && c <= 'z'; }) ||
        analyzer_.is_stopword(w) || lex_.question_words.count(w))
      continue;
    const std::string root = stem_of(w);
    name_word[j] = !((w.starts_with("me") || w.starts_with("di")) && root.size() > 1 && root != w &&
                     !w.ends_with(std::string_view(root).substr(1)));
  }
  for (size_t i = 0; i + 1 < words.size();) {
    size_t taken = 0;
    for (size_t k = std::min(kMaxInitialismWords, words.size() - i); k >= kMinInitialismWords && taken == 0; --k) {
      if (!std::all_of(name_word.begin() + static_cast<std::ptrdiff_t>(i),
                       name_word.begin() + static_cast<std::ptrdiff_t>(i + k), [](bool b) { return b; }))
        continue;
      std::string initials;
      for (size_t j = i; j < i + k; ++j) initials += words[j][0];
      if (!tables_.writes_acronym(initials)) continue;
      LanguageTables::PhraseAlias alias{{}, initials};
      for (size_t j = i; j < i + k; ++j) alias.stems.push_back(stem_of(words[j]));
      use_alias(alias);
      taken = k;
    }
    i += taken == 0 ? 1 : taken;
  }
  return q;
}

}  // namespace tanya

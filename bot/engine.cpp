#include "bot/engine.hpp"

#include <algorithm>
#include <array>
#include <chrono>
#include <cmath>
#include <cstdlib>
#include <filesystem>
#include <optional>
#include <set>
#include <unordered_map>
#include <unordered_set>

#include "bot/compose.hpp"
#include "bot/idf.hpp"
#include "bot/match_query.hpp"
#include "bot/ranker.hpp"
#include "bot/suggest.hpp"
#include "knowledge/article_parser.hpp"
#include "knowledge/language_resources.hpp"
#include "knowledge/base/utf8.hpp"
#include "knowledge/knowledge_dir.hpp"
#include "knowledge/paths.hpp"

namespace fs = std::filesystem;

namespace tanya {

namespace {

// Suggestions are picked from this many candidates (best first), so that three
// are left after a long conversation has seen the best ones.
constexpr size_t kSuggestionPool = 12;
// A message that says it follows on ("terus …", "kalau …") is a follow-up
// with up to this many words of its own ("terus cara merawatnya biar warnanya
// awet gimana?": rawat, warna, awet). 2 before; 3 gained z39 per article and
// o38, z39 in one index, lost e38 there (25 articles, 2026-11-30).
constexpr size_t kFollowupCueWords = 3;
// "langkah selanjutnya apa?", "tahap berikutnya?": a follow-up asking what
// comes next may name the kind of thing it asks for; two words of its own
// are a topic ("langkah daftar ulang selanjutnya?"), searched as any question.
constexpr size_t kNextOwnWords = 1;
// A run of this many question words or more that the answering article
// writes side by side counts once in the confidence's coverage (its heaviest
// word; the others nothing). Set on the fifty-five development articles and
// the blind sets (thirty-third session): 2 gave 2,067 → 2,066 handled
// (out-of-domain rejected 0.76 → 0.78, five answerable questions near the
// threshold fell back), the blind out-of-domain and follow-up sets +6 with
// nothing lost, the eight blind articles unchanged; 3 moved nothing on the
// blind sets; the run's other words keeping 0.3 or 0.5 of their weight
// gained less (+4, +3 on the blind sets, 2,064 and 2,066).
constexpr size_t kPhraseRunWords = 2;
// "yg kedua apa?" after an answer holding no list: the list is looked for
// among this many of the passages found for the conversation's topic (by
// hand: the first few, as a reader scanning the page near the answer would).
constexpr size_t kOrdinalListCandidates = 5;
// A word longer than this ending in -nya is the thing's own something
// ("tugasnya": its duty), not "-nya" of a short word ("punya", "hanya").
constexpr size_t kMinNyaWord = 5;

// The question's word weights for the confidence: a run of kPhraseRunWords
// or more of its own words that `article` writes side by side ("sma negeri 7
// harapan jaya", "jam pelajaran") names one thing and counts as its heaviest
// word, so that a question asking what the article never gives of a long
// name it does write ("nama kepala sekolah SMA Negeri 7 Harapan Jaya
// siapa?") is not covered by the name alone.
std::vector<double> run_weights(const std::vector<QueryTerm>& terms, const RankData& data, size_t article) {
  std::vector<double> weights(terms.size());
  for (size_t i = 0; i < terms.size(); ++i) weights[i] = terms[i].weight;
  auto own = [](const QueryTerm& t) { return !t.generic && !t.context && t.id != kNoTerm; };
  for (size_t i = 0; i < terms.size();) {
    // The longest run from i the article writes.
    size_t end = i;
    std::vector<uint32_t> ids;
    for (size_t j = i; j < terms.size() && own(terms[j]); ++j) {
      ids.push_back(terms[j].id);
      if (ids.size() < 2) continue;
      if (!data.article_writes(article, ids)) break;
      end = j + 1;
    }
    if (end - i < kPhraseRunWords) {
      ++i;
      continue;
    }
    size_t heaviest = i;
    for (size_t k = i; k < end; ++k)
      if (terms[k].weight > terms[heaviest].weight) heaviest = k;
    for (size_t k = i; k < end; ++k)
      if (k != heaviest) weights[k] = 0;
    i = end;
  }
  return weights;
}

// The number a list item starts with ("3. Bayar …", "3) Bayar …"); 0 for none.
int list_number(std::string_view text) {
  size_t i = 0;
  int n = 0;
  while (i < text.size() && i < 3 && text[i] >= '0' && text[i] <= '9') n = n * 10 + (text[i++] - '0');
  if (i == 0 || i + 1 >= text.size() || (text[i] != '.' && text[i] != ')') || text[i + 1] != ' ') return 0;
  return n;
}

// A sentence that ends in a colon announces what follows it ("Syaratnya
// sebagai berikut:").
bool announces_list(std::string_view sentence) {
  while (!sentence.empty() && (sentence.back() == ' ' || sentence.back() == '\n')) sentence.remove_suffix(1);
  return !sentence.empty() && sentence.back() == ':';
}

// The question asks for several things ("apa saja", "siapa aja", "mana
// saja"; chat's "aja" is read as "saja").
bool asks_list(const std::vector<std::string>& words) {
  for (size_t i = 0; i + 1 < words.size(); ++i)
    if ((words[i] == "apa" || words[i] == "siapa" || words[i] == "mana") && words[i + 1] == "saja") return true;
  return false;
}

// The place the ordinal words[i] names ("kedua": 2, "third": 3;
// ordinals.tsv); 0 for none. After a step noun the ordinal may carry -nya
// ("langkah keduanya": its second step), which alone reads as "both of them"
// ("keduanya").
int ordinal_at(const std::vector<std::string>& words, size_t i, const std::unordered_map<std::string, int>& ordinals,
               const std::unordered_set<std::string>& step_nouns) {
  const std::string& w = words[i];
  if (auto o = ordinals.find(w); o != ordinals.end() && o->second > 0) return o->second;
  if (i > 0 && step_nouns.count(words[i - 1]) && w.size() > 3 && w.ends_with("nya"))
    if (auto o = ordinals.find(w.substr(0, w.size() - 3)); o != ordinals.end() && o->second > 0) return o->second;
  return 0;
}

// The place the question's first ordinal names; 0 for none.
int ordinal_number(const std::vector<std::string>& words, const std::unordered_map<std::string, int>& ordinals,
                   const std::unordered_set<std::string>& step_nouns) {
  for (size_t i = 0; i < words.size(); ++i)
    if (const int n = ordinal_at(words, i, ordinals, step_nouns); n > 0) return n;
  return 0;
}

// The step a step noun and an ordinal right after it name ("langkah
// pertamanya", "tahap kedua": 1, 2); 0 for none.
int step_number(const std::vector<std::string>& words, const std::unordered_map<std::string, int>& ordinals,
                const std::unordered_set<std::string>& step_nouns) {
  for (size_t i = 1; i < words.size(); ++i)
    if (step_nouns.count(words[i - 1]))
      if (const int n = ordinal_at(words, i, ordinals, step_nouns); n > 0) return n;
  return 0;
}

// The n-th line of a list passage (its items, one a line), or none; the
// last for Lexicon::kLastPlace.
std::optional<Span> nth_line(const std::string& text, int n) {
  size_t begin = 0;
  for (int i = 1; i < n; ++i) {
    const size_t line_end = text.find('\n', begin);
    if (line_end == std::string::npos) {
      if (n == Lexicon::kLastPlace) break;
      return std::nullopt;
    }
    begin = line_end + 1;
  }
  size_t end = text.find('\n', begin);
  if (end == std::string::npos) end = text.size();
  if (end <= begin) return std::nullopt;
  return Span{begin, end};
}

// The place-th item of a list passage: a list written right under its
// announcing line ("Syaratnya:\n- …") starts at its second line.
std::optional<Span> line_of_list(const StoredUnit& list, int place) {
  const bool announced = announces_list(std::string_view(list.text).substr(0, list.text.find('\n')));
  return nth_line(list.text, announced && place != Lexicon::kLastPlace ? place + 1 : place);
}

// Two passages are consecutive items of one numbered list.
bool next_in_list(const StoredUnit& item, const StoredUnit& next) {
  const int n = list_number(item.text);
  return n > 0 && list_number(next.text) == n + 1;
}

// An answer to the question, before anything is found: how it was read.
Answer answer_to(const Query& q) {
  Answer a;
  a.lang = q.lang;
  a.question_type = q.question_type;
  a.corrections = q.corrections;
  return a;
}

// The answer's text: `span` of the passage, its place in code points.
void show_span(const StoredUnit& unit, Span span, Answer* a) {
  a->text = unit.text.substr(span.begin, span.end - span.begin);
  a->span_start = static_cast<int>(utf8::count(std::string_view(unit.text).substr(0, span.begin)));
  a->span_end = static_cast<int>(utf8::count(std::string_view(unit.text).substr(0, span.end)));
}
// A question is remembered by at most this many bytes (Conversation::seen).
constexpr size_t kSeenQuestionBytes = 300;

std::string cache_dir() {
  if (const char* d = std::getenv("TANYA_CACHE_DIR"); d && *d) return d;
  if (const char* d = std::getenv("XDG_CACHE_HOME"); d && *d) return std::string(d) + "/tanya";
  if (const char* d = std::getenv("HOME"); d && *d) return std::string(d) + "/.cache/tanya";
  return "/tmp/tanya-cache";
}

// Whether a sentence of the passage spells out one of `words` (the
// question's, lowercase): the word beside a bracket ("PKPR (Pelayanan …)",
// "… Darurat (IGD)") or in a sentence with an expansion cue ("Budikdamber,
// singkatan dari …", question_types.tsv). Another acronym spelled out beside
// it ("alat pelindung diri (APD) … aturan K3") is no answer to "K3 itu
// singkatan apa?".
bool spells_out(const std::string& text, const std::vector<SentenceData>& sentences,
                const std::vector<std::string>& words, const std::unordered_set<std::string>& cues) {
  auto alnum = [](char c) { return (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') || (c & 0x80); };
  for (const auto& s : sentences) {
    const std::string lower = utf8::lower(std::string_view(text).substr(s.begin, s.end - s.begin));
    std::vector<std::pair<size_t, size_t>> tokens;  // [begin, end) of each word
    for (size_t i = 0; i < lower.size();) {
      if (!alnum(lower[i])) { ++i; continue; }
      size_t j = i;
      while (j < lower.size() && alnum(lower[j])) ++j;
      tokens.emplace_back(i, j);
      i = j;
    }
    bool cue = false;
    for (const auto& [b, e] : tokens) cue = cue || cues.count(lower.substr(b, e - b)) > 0;
    std::vector<std::string_view> views;
    for (const auto& [b, e] : tokens) views.push_back(std::string_view(lower).substr(b, e - b));
    for (size_t at = 0; at < tokens.size(); ++at) {
      const auto& [b, e] = tokens[at];
      if (std::find(words.begin(), words.end(), views[at]) == words.end()) continue;
      // Spelled by the initials of the words after it ("AVO berasal dari ampere, volt, dan ohm").
      if (initials_spell(views[at], views, at + 1)) return true;
      size_t after = e;
      while (after < lower.size() && (lower[after] == ' ' || lower[after] == '*' || lower[after] == '_')) ++after;
      const bool before_bracket = after < lower.size() && lower[after] == '(';
      const bool in_brackets = b > 0 && lower[b - 1] == '(' && e < lower.size() && lower[e] == ')';
      if (cue || before_bracket || in_brackets) return true;
    }
  }
  return false;
}

Source to_source(const StoredUnit& u, double score) {
  Source s;
  s.unit_id = u.id;
  s.kind = to_string(u.kind);
  s.article = u.article;
  s.section = u.section;
  s.question = u.question;
  s.text = u.text;
  s.score = std::round(score * 1000) / 1000;
  return s;
}

}  // namespace

std::string cache_path(const std::string& knowledge_dir, const std::string& prefix, const std::string& tag) {
  std::string abs = fs::weakly_canonical(knowledge_dir).string();
  char buf[17];
  std::snprintf(buf, sizeof buf, "%016llx", static_cast<unsigned long long>(fnv1a(abs.data(), abs.size())));
  return cache_dir() + "/" + prefix + "-" + buf + (tag.empty() ? "" : "-" + tag) + ".db";
}

Result<std::shared_ptr<const Engine>> Engine::open(const EngineOptions& options, std::shared_ptr<const Analyzer> analyzer,
                                                   OpenReport* report) {
  OpenReport local;
  if (!report) report = &local;
  std::string dir = options.knowledge_dir.empty() ? default_knowledge_dir() : options.knowledge_dir;
  std::string db = options.db_path;

  // An index named alone (--db without --knowledge) is used as it is.
  bool use_as_is = !options.db_path.empty() && options.knowledge_dir.empty() && !options.rebuild && fs::exists(db);
  if (!use_as_is) {
    auto knowledge = load_knowledge(dir);
    if (!knowledge) return knowledge.error();
    report->problems = knowledge->problems;
    uint64_t want = index_fingerprint(*knowledge, analyzer->lexicon());
    // The cached index is named by its content: a rebuild for changed knowledge
    // writes a new file, so a server still answering from the old one (a hot
    // reload) never sees a file replaced under it.
    if (db.empty()) {
      char tag[17];
      std::snprintf(tag, sizeof tag, "%016llx", static_cast<unsigned long long>(want));
      db = cache_path(dir, "index", tag);
    }
    report->db_path = db;
    auto have = stored_fingerprint(db);
    if (options.rebuild || !have || *have != want) {
      auto built = build_index(*knowledge, analyzer, db);
      if (!built) return built.error();
      report->built = true;
      report->summary = *built;
    }
  }
  report->db_path = db;
  auto data = load_index(db, analyzer);
  if (!data) return data.error();
  if ((*data)->units.empty()) return make_error("index", "the index holds no units: " + db);

  // Debian's thesaurus and English dictionary: a missing package stops the
  // start with its name rather than answering without them.
  if (auto language = shared_language_resources(); !language) return language.error();

  std::shared_ptr<Engine> e(new Engine());
  e->analyzer_ = std::move(analyzer);
  e->index_ = std::move(*data);
  e->parser_ = std::make_unique<QueryParser>(*e->analyzer_, *e->index_);
  e->rank_data_ = std::make_unique<RankData>(*e->index_, *e->analyzer_);
  e->bm25_ = std::make_unique<Bm25>(*e->index_);
  // What each FAQ entry answers, read from its question as a user's would be.
  for (const auto& u : e->index_->units)
    e->label_types_.push_back(u.kind == UnitKind::faq ? e->parser_->parse(u.question).question_type : "");
  for (const auto& u : e->index_->units) e->passages_.emplace(u.article + '\n' + passage_key(u), u.id);
  for (const auto& u : e->index_->units) {
    auto [it, added] = e->articles_.try_emplace(u.article, UnitRange{u.id, u.id, {}, {}});
    if (!added) it->second.last = u.id;
  }
  if (e->articles_.size() > 1)
    for (const auto& u : e->index_->units) {
      // The stems IndexData::stem_df counts a unit for (index/index_store.cpp).
      std::set<std::string_view> seen(u.terms.begin(), u.terms.end());
      seen.insert(u.question_terms.begin(), u.question_terms.end());
      for (const auto& alt : u.alternate_terms) seen.insert(alt.begin(), alt.end());
      auto& range = e->articles_[u.article];
      for (std::string_view t : seen) ++range.stem_df[std::string(t)];
      // Its words as the index stored them (index/index_store.cpp: the text
      // and the FAQ question or table key, stop words left out), read
      // without stemming: only the words as written are wanted.
      for (const std::string* text : {&u.text, &u.question})
        for (const Token& t : e->analyzer_->tokenize(*text))
          if (!e->analyzer_->is_stopword(t.surface)) ++range.words[t.surface];
    }
  // A section is offered as a question about it, never as a bare heading
  // the widget would send as if the student had typed it.
  for (const auto& label : e->rank_data_->labels())
    e->label_questions_.push_back(e->index_->units[label.unit_id - 1].kind == UnitKind::faq
                                      ? label.text
                                      : heading_question(label.text));
  for (const auto& u : e->index_->units) {
    std::vector<std::pair<uint32_t, double>> stems;
    stems.reserve(u.terms.size());
    for (const auto& s : u.terms) stems.push_back({e->rank_data_->id(s), e->parser_->idf(s)});
    e->unit_stems_.push_back(std::move(stems));
  }
  // A broken FTS5 table fails here, naming the file, not on a question (no
  // question reads SQLite: the rows come from memory, index/bm25.hpp).
  if (auto r = IndexReader::open(db, e->analyzer_); !r)
    return make_error("sqlite", "cannot open the index for reading: " + db + ": " + r.error().message);
  return std::shared_ptr<const Engine>(std::move(e));
}

std::string Engine::passage_key(const StoredUnit& u) { return tanya::passage_key(u.question, u.text); }

const StoredUnit* Engine::find_passage(const Conversation& conv) const {
  if (conv.article.empty() || conv.passage.empty()) return nullptr;
  auto it = passages_.find(conv.article + '\n' + conv.passage);
  return it == passages_.end() ? nullptr : &index_->units[it->second - 1];
}

std::string Engine::reply(const std::string& intent, const std::string& lang) const {
  const auto& replies = analyzer_->lexicon().replies;
  auto it = replies.find(intent);
  if (it == replies.end()) return "";
  auto l = it->second.find(lang);
  if (l != it->second.end()) return l->second;
  l = it->second.find("id");
  return l != it->second.end() ? l->second : "";
}

std::vector<std::string> Engine::starter_questions(size_t n) const {
  // The FAQ's questions first, then a question for each titled section.
  std::vector<std::string> out;
  for (const auto& u : index_->units)
    if (u.kind == UnitKind::faq && out.size() < n) out.push_back(u.question);
  for (const auto& label : rank_data_->labels()) {
    if (out.size() >= n) break;
    if (index_->units[label.unit_id - 1].kind != UnitKind::faq) out.push_back(heading_question(label.text));
  }
  return out;
}

void Engine::RelatedWords::add(const QueryTerm& t) {
  const auto place = static_cast<uint32_t>(weight.size());
  weight.push_back(t.weight);
  if (t.id != kNoTerm) by_id.push_back({t.id, place});
  for (uint32_t s : t.synonym_ids)
    if (s != kNoTerm) by_id.push_back({s, place});
}

void Engine::RelatedWords::add(uint32_t id, double w) {
  if (id != kNoTerm) by_id.push_back({id, static_cast<uint32_t>(weight.size())});
  weight.push_back(w);
}

std::vector<std::string> Engine::related(RelatedWords words, const StoredUnit* exclude, size_t n,
                                         const std::vector<int64_t>& candidates) const {
  struct Candidate {
    int label;  // in rank_data_->labels()
    double score;
  };
  std::vector<Candidate> scored;
  std::vector<int> seen;  // a few dozen candidates: a scan, no hash nodes to allocate
  seen.reserve(candidates.size());
  const auto& labels = rank_data_->labels();
  // Each id of a word (itself or a synonym) with the word's place, sorted: a
  // label's few ids are looked up here rather than every word in every label
  // (that was 3% of an answer, callgrind on `tanya eval`).
  auto& by_id = words.by_id;
  std::sort(by_id.begin(), by_id.end());
  std::vector<uint32_t> matched;  // the places of the terms a label holds
  for (int64_t id : candidates) {
    int index = rank_data_->label_of(id);
    if (index < 0 || std::find(seen.begin(), seen.end(), index) != seen.end()) continue;
    seen.push_back(index);
    const Label& label = labels[index];
    if (exclude && (label.text == exclude->question || label.text == exclude->section)) continue;
    matched.clear();
    for (uint32_t l : label.terms)
      for (auto it = std::lower_bound(by_id.begin(), by_id.end(), std::make_pair(l, 0u));
           it != by_id.end() && it->first == l; ++it)
        matched.push_back(it->second);
    std::sort(matched.begin(), matched.end());
    matched.erase(std::unique(matched.begin(), matched.end()), matched.end());
    double s = 0;
    for (uint32_t i : matched) s += words.weight[i];  // in the words' order
    // Longer labels share more words by chance.
    if (s > 0) scored.push_back({index, s / std::sqrt(1.0 + label.terms.size())});
  }
  std::stable_sort(scored.begin(), scored.end(), [](const Candidate& a, const Candidate& b) { return a.score > b.score; });
  std::vector<std::string> out;
  for (const auto& c : scored) {
    if (out.size() >= n) break;
    const std::string& text = label_questions_[c.label];
    if (std::find(out.begin(), out.end(), text) == out.end()) out.push_back(text);
  }
  return out;
}

void Engine::set_ids(QueryTerm* t) const {
  t->id = rank_data_->id(t->stem);
  t->synonym_ids.clear();
  for (const auto& s : t->synonyms) {
    uint32_t id = rank_data_->id(analyzer_->stem(s));
    if (id != kNoTerm && id != t->id) t->synonym_ids.push_back(id);
  }
  t->loose_ids.clear();
  for (const auto& s : t->loose) {
    uint32_t id = rank_data_->id(analyzer_->stem(s));
    if (id != kNoTerm && id != t->id) t->loose_ids.push_back(id);
  }
  t->alias_ids.clear();
  for (const auto& s : t->aliases) {
    uint32_t id = rank_data_->id(analyzer_->stem(s));
    if (id != kNoTerm && id != t->id) t->alias_ids.push_back(id);
  }
}

Answer Engine::smalltalk(const std::string& intent, const std::string& lang) const {
  Answer a;
  a.intent = intent;
  a.lang = lang;
  a.text = reply(intent, lang);
  a.confidence = 1;
  if (intent == "greeting" || intent == "help" || intent == "identity") a.suggestions = starter_questions(kSuggestionPool);
  return a;
}

Answer Engine::fallback(const Query& q, const std::vector<int64_t>& candidates) const {
  Answer a = answer_to(q);
  a.fallback = true;
  RelatedWords words;
  for (QueryTerm t : q.terms) {
    set_ids(&t);
    words.add(t);
  }
  a.suggestions = related(std::move(words), nullptr, kSuggestionPool, candidates);  // answer() picks and words them
  for (const auto& t : q.terms) a.missing.push_back(t.surface);
  return a;
}

const StoredUnit* Engine::following_passage(const StoredUnit& unit) const {
  // Units are stored in article order, unit.id being its position + 1.
  if (static_cast<size_t>(unit.id) >= index_->units.size()) return nullptr;
  const StoredUnit& next = index_->units[unit.id];
  if (next.article != unit.article || next.section != unit.section || next.order != unit.order + 1) return nullptr;
  if (unit.kind != UnitKind::paragraph || next.kind != UnitKind::paragraph) return nullptr;
  return &next;
}

Answer Engine::next_passage(const Query& q, const StoredUnit& unit, double confidence,
                            const std::vector<QueryTerm>* topic, Conversation* conv, const Policy& policy,
                            Explanation* why) const {
  Answer a = answer_to(q);
  a.followup = true;
  // Not the confidence model's decision (decided stays false): the passage
  // is found by its place.
  a.confidence = std::round(confidence * 1000) / 1000;
  a.sources.push_back(to_source(unit, 1.0));
  a.ranking = {unit.id};
  // From its start: what comes next is its first sentence, not the one
  // sharing most words with the topic.
  Span span = best_span(unit.text, rank_data_->unit(unit.id), {}, 0, true, policy);
  show_span(unit, span, &a);
  if (why)
    explain_outcome(a.confidence, policy.fallback_threshold, false, !topic,
                    topic ? "the question asks what follows the step it names: the next step of the list"
                          : "the question asks what follows the last answer: the next passage of its section",
                    why);
  if (!conv) return a;
  // After "terus abis itu?" the topic stays the conversation's, so "terus?"
  // again goes on down the list.
  if (topic) {
    conv->topic = *topic;
    conv->article = unit.article;
    conv->question_type = q.question_type;
  }
  conv->passage = passage_key(unit);
  conv->item = 0;
  return a;
}

const StoredUnit* Engine::numbered_step(const StoredUnit& from, int n) const {
  // The list's first step: back from a step of it, or the passage after
  // the one announcing it. Units are stored in article order, id = position + 1.
  const StoredUnit* step = &from;
  if (list_number(from.text) == 0) {
    step = following_passage(from);
    if (!step || list_number(step->text) != 1) return nullptr;
  }
  while (list_number(step->text) > 1 && step->id >= 2) {
    const StoredUnit& before = index_->units[step->id - 2];
    if (before.article != step->article || before.section != step->section || !next_in_list(before, *step)) break;
    step = &before;
  }
  // Forward to the n-th (to the end for Lexicon::kLastPlace).
  while (list_number(step->text) < n) {
    const StoredUnit* next = following_passage(*step);
    if (!next || !next_in_list(*step, *next)) return n == Lexicon::kLastPlace ? step : nullptr;
    step = next;
  }
  return list_number(step->text) == n ? step : nullptr;
}

const StoredUnit* Engine::table_row_after(const StoredUnit& from, int n) const {
  if (from.kind == UnitKind::table_row || n < 1) return nullptr;
  // Units are stored in article order, id = position + 1: the next is units[from.id].
  const StoredUnit* last = nullptr;  // the table's last row, for Lexicon::kLastPlace
  for (size_t at = static_cast<size_t>(from.id), k = 1; at < index_->units.size(); ++at, ++k) {
    const StoredUnit& row = index_->units[at];
    if (row.article != from.article || row.section != from.section || row.kind != UnitKind::table_row) break;
    if (k == static_cast<size_t>(n)) return &row;
    last = &row;
  }
  return n == Lexicon::kLastPlace ? last : nullptr;
}

// How far after the last answer an enumeration in paragraphs is looked for
// (by hand: a section of a school article holds up to about eight).
constexpr size_t kOrdinalParagraphs = 8;

const StoredUnit* Engine::ordinal_paragraph(const StoredUnit& from, int n) const {
  if (n < 2) return nullptr;
  const auto& ordinals = analyzer_->lexicon().ordinals;
  // Whether `text` writes an ordinal word of that place.
  auto names_place = [&](std::string_view text, int place) {
    const std::string lower = utf8::lower(text);
    for (size_t i = 0; i < lower.size();) {
      if (lower[i] < 'a' || lower[i] > 'z') { ++i; continue; }
      size_t j = i;
      while (j < lower.size() && lower[j] >= 'a' && lower[j] <= 'z') ++j;
      if (auto o = ordinals.find(lower.substr(i, j - i)); o != ordinals.end() && o->second == place) return true;
      i = j;
    }
    return false;
  };
  auto first_sentence = [](const std::string& text) { return std::string_view(text).substr(0, text.find(". ")); };
  // The enumeration starts in the answer given or after it: "kedua" alone
  // is also "both" ("kedua orang tua").
  bool started = names_place(from.text, 1);
  // Units are stored in article order, id = position + 1: the next is units[from.id].
  for (size_t at = static_cast<size_t>(from.id), k = 0; at < index_->units.size() && k < kOrdinalParagraphs; ++at, ++k) {
    const StoredUnit& u = index_->units[at];
    if (u.article != from.article || u.section != from.section || u.kind != UnitKind::paragraph) return nullptr;
    if (started && names_place(first_sentence(u.text), n)) return &u;
    started = started || names_place(first_sentence(u.text), 1);
  }
  return nullptr;
}

std::optional<std::pair<const StoredUnit*, Span>> Engine::step_after(const StoredUnit& last,
                                                                     const std::vector<QueryTerm>& terms) const {
  // The list's items: the lines of a list passage (the last answer or the
  // one after it), else the numbered steps it starts or belongs to.
  std::vector<std::pair<const StoredUnit*, Span>> items;
  const StoredUnit* list = last.text.find('\n') != std::string::npos ? &last : following_passage(last);
  if (list && list->kind == UnitKind::paragraph && list->text.find('\n') != std::string::npos) {
    for (int n = 1;; ++n)
      if (auto line = nth_line(list->text, n)) items.push_back({list, *line});
      else break;
  } else {
    for (const StoredUnit* step = numbered_step(last, 1); step;) {
      items.push_back({step, Span{0, step->text.size()}});
      const StoredUnit* next = following_passage(*step);
      step = next && next_in_list(*step, *next) ? next : nullptr;
    }
  }
  // Each item's count of the question's own words (not the conversation's,
  // nor generic ones); the best alone, and the item after it.
  size_t best = items.size(), best_count = 0;
  bool tie = false;
  for (size_t k = 0; k < items.size(); ++k) {
    const auto& [unit, span] = items[k];
    std::unordered_set<std::string> stems;
    for (const auto& t : analyzer_->tokenize(std::string_view(unit->text).substr(span.begin, span.end - span.begin)))
      stems.insert(analyzer_->stem(t.surface));
    size_t count = 0;
    for (const auto& t : terms)
      if (!t.context && !t.generic &&
          (stems.count(t.stem) || std::any_of(t.synonyms.begin(), t.synonyms.end(), [&](const std::string& w) {
             return stems.count(analyzer_->stem(w)) > 0;
           })))
        ++count;
    if (count > best_count) {
      best_count = count;
      best = k;
      tie = false;
    } else if (count == best_count && count > 0) {
      tie = true;
    }
  }
  if (best_count == 0 || tie || best + 1 >= items.size()) return std::nullopt;
  return items[best + 1];
}

Answer Engine::list_item(const Query& q, const StoredUnit& list, const Span& item, Conversation* conv,
                         const Policy& policy, Explanation* why) const {
  Answer a = answer_to(q);
  a.followup = true;
  // Found by its place, as the next passage is: not the model's decision.
  a.confidence = std::round(policy.next_confidence * 1000) / 1000;
  a.sources.push_back(to_source(list, 1.0));
  a.ranking = {list.id};
  show_span(list, item, &a);
  if (why)
    explain_outcome(a.confidence, policy.fallback_threshold, false, true,
                    "the question asks for an item of the list just given by its place", why);
  // The topic stays the conversation's: "yang ketiga?" may follow.
  if (conv) {
    conv->passage = passage_key(list);
    // Which line, so that "terus abis itu?" goes on to the next one.
    conv->item = list.text.find('\n') == std::string::npos
                     ? 0
                     : 1 + static_cast<int>(std::count(list.text.begin(), list.text.begin() + item.begin, '\n'));
  }
  return a;
}

Answer Engine::welcome(const std::string& lang, Conversation* conv) const {
  Answer a = smalltalk("greeting", lang);
  a.text = reply("welcome", lang);
  a.suggestions = pick_unseen(starter_questions(kSuggestionPool), conv, kWelcomeSuggestions);
  remember_seen(conv, a.suggestions);
  return a;
}

Result<Answer> Engine::answer(std::string_view raw, Conversation* conv, const Policy& policy, Explanation* why) const {
  // In an index of many articles the conversation's article is the one
  // being read: it answers unless another answers more confidently.
  if (conv && articles_.size() > 1)
    if (auto it = articles_.find(conv->article); it != articles_.end())
      return prefer(raw, it->first, it->second, policy.conversation_margin, "the conversation's article", conv,
                    policy, why);
  Conversation site_conv = conv ? *conv : Conversation{};
  auto site = compose(raw, conv ? &site_conv : nullptr, policy, why);
  // In an index of many articles the whole knowledge picks the article; its
  // passages are then ranked by its own words, as its own index would.
  if (site && articles_.size() > 1 && site->decided && !site->fallback && !site->sources.empty())
    if (auto it = articles_.find(site->sources[0].article); it != articles_.end()) {
      Conversation own_conv = conv ? *conv : Conversation{};
      Explanation own_why;
      auto own = compose(raw, conv ? &own_conv : nullptr, policy, why ? &own_why : nullptr, &it->second);
      if (own && !own->fallback && own->decided) {
        // The article keeps the places the whole knowledge gave its passages,
        // filled in its own order; the other articles' stay where they were.
        std::vector<int64_t> ranking = site->ranking;
        size_t next = 0;
        for (auto& id : ranking)
          if (id >= it->second.first && id <= it->second.last && next < own->ranking.size()) id = own->ranking[next++];
        own->ranking = std::move(ranking);
        if (conv) *conv = std::move(own_conv);
        if (why) {
          *why = std::move(own_why);
          why->reason = "the whole knowledge's best passage is in \"" + it->first +
                        "\", whose passages are ranked by its own words: " + why->reason;
        }
        return finish(raw, std::move(own), conv, policy);
      }
    }
  if (conv) *conv = std::move(site_conv);
  return finish(raw, std::move(site), conv, policy);
}

bool Engine::has_article(std::string_view page) const { return articles_.count(std::string(page)) > 0; }

Result<Answer> Engine::answer_on_page(std::string_view raw, std::string_view page, Conversation* conv,
                                      const Policy& policy, Explanation* why) const {
  auto it = articles_.find(std::string(page));
  // One article is the whole knowledge: nothing to prefer.
  if (it == articles_.end() || articles_.size() == 1) return answer(raw, conv, policy, why);
  return prefer(raw, it->first, it->second, policy.page_margin, "the page's article", conv, policy, why);
}

Result<Answer> Engine::prefer(std::string_view raw, const std::string& article, const UnitRange& units,
                              double margin, const std::string& what, Conversation* conv, const Policy& policy,
                              Explanation* why) const {
  // The article is asked, then the whole knowledge, each with its own copy
  // of the conversation (an answer moves it on). The article's answer stands
  // unless it fell back and the whole knowledge answers, or the whole
  // knowledge answers from another article more confidently by `margin`.
  const std::string on = what + " \"" + article + "\" ";
  Conversation mine_conv = conv ? *conv : Conversation{};
  auto mine = compose(raw, conv ? &mine_conv : nullptr, policy, why, &units);
  if (!mine) return mine;
  // The article's passages are ranked by its own words (as an index of it
  // alone would rank them), but whether it answers at all is judged by the
  // whole knowledge's: a word only another article holds is a sign that the
  // question is about that article, not one to read through a thesaurus
  // synonym here ("kopi" as "dokumen" on a page about inclusive schools).
  // Measured in one index of 66 articles (`tanya eval DIR --mixed`): judged
  // by the article's words, P@1 on another article's page fell 0.58 → 0.56.
  Result<Answer> judged = mine;
  Conversation judged_conv = mine_conv;
  if (!units.stem_df.empty() && mine->decided) {
    judged_conv = conv ? *conv : Conversation{};
    judged = compose(raw, conv ? &judged_conv : nullptr, policy, nullptr, &units, false);
    if (!judged) return judged;
    // The article's own answer stands where it has one: the page answers
    // when either reading of it does.
    judged->fallback = judged->fallback && mine->fallback;
  }
  if (mine->fallback && !judged->fallback) {  // only the whole knowledge's words found it
    mine = judged;
    mine_conv = judged_conv;
  }
  // Small talk, an answer found by its place, or one so confident that no
  // other can pass it by the margin (no confidence exceeds 1): the article's.
  const bool sure = !judged->fallback && (!judged->decided || judged->confidence + margin >= 1);
  if (!sure) {
    Conversation site_conv = conv ? *conv : Conversation{};
    Explanation site_why;
    auto site = compose(raw, conv ? &site_conv : nullptr, policy, why ? &site_why : nullptr);
    if (!site) return site;
    const bool leave = !site->fallback && site->intent == "question" && !site->sources.empty() &&
                       (judged->fallback ||
                        (site->sources[0].article != article && site->confidence > judged->confidence + margin));
    if (leave) {
      if (conv) *conv = std::move(site_conv);
      if (why) {
        *why = std::move(site_why);
        why->reason = on + (judged->fallback ? "had no confident answer" : "answered less confidently") +
                      "; answered from the whole knowledge: " + why->reason;
      }
      return finish(raw, std::move(site), conv, policy);
    }
  }
  if (conv) *conv = std::move(mine_conv);
  if (why) why->reason = "answered from " + on + "first: " + why->reason;
  return finish(raw, std::move(mine), conv, policy);
}

Result<Answer> Engine::finish(std::string_view raw, Result<Answer> a, Conversation* conv, const Policy& policy) const {
  if (!a) return a;
  // What this conversation asked or was shown is not offered again (suggest.hpp).
  remember_seen(conv, {std::string(utf8::cut(raw, kSeenQuestionBytes))});
  if (a->fallback) {
    std::vector<std::string> guesses;
    if (a->confidence >= policy.close_enough) guesses = pick_unseen(a->suggestions, conv, kSuggestions);
    bool close = !guesses.empty();
    a->suggestions = close ? std::move(guesses) : pick_unseen(starter_questions(kSuggestionPool), conv, kSuggestions);
    a->text = reply("fallback", a->lang);
    if (!a->suggestions.empty()) a->text += " " + reply(close ? "fallback_suggest" : "fallback_try", a->lang);
  } else {
    a->suggestions = pick_unseen(a->suggestions, conv, kSuggestions);
  }
  remember_seen(conv, a->suggestions);
  return a;
}

Result<Answer> Engine::compose(std::string_view raw, Conversation* conv, const Policy& policy,
                               Explanation* why, const UnitRange* within, bool article_words) const {
  std::string_view text = utf8::cut(raw, kMaxAnalysedQuestion);  // never half a character
  // Within one article of many, its words weigh the question (Vocabulary).
  Vocabulary vocabulary{&index_->stem_df, index_->units.size()};
  if (within && article_words && !within->stem_df.empty())
    vocabulary = {&within->stem_df, static_cast<size_t>(within->last - within->first + 1), &within->words};
  const auto& stem_df = *vocabulary.stem_df;
  Query q = parser_->parse(text, &vocabulary);
  if (why) explain_query(*analyzer_, text, q, why);

  if (!q.smalltalk.empty()) return smalltalk(q.smalltalk, q.lang);

  std::vector<QueryTerm> terms = q.terms;
  for (auto& t : terms) set_ids(&t);
  size_t known = 0, specific = 0;
  for (const auto& t : terms) {
    if (stem_df.count(t.stem)) ++known;
    if (!t.generic) ++specific;
  }
  // A follow-up leans on the previous question: it shares nothing with the
  // article by itself and is short ("yang pertama?"), or it says so
  // ("contohnya?", "kalau …") with few words. Three or more words the article
  // lacks are a question about something else ("resep rendang padang yang enak").
  // A question of general words only ("ada contoh lain?") names no topic of
  // its own, so it can only mean the previous one.
  // A question of one word and how it is asked ("bayar ga?", "brp hari?",
  // "yg ketiga apa?") asks it of what was just talked about: the topic kept
  // at Policy::context_weight lets the word still lead (fifty-fifth session:
  // +4 of 580 blind follow-ups, nothing else moved over 107 articles; asked
  // after an unrelated question, 1 of the 107 articles' questions lost,
  // "yg jadi juri siapa aja sih?" after the winners' prize).
  // A conversation from before a reload (or another replica) whose passage
  // this index no longer holds has no topic.
  const StoredUnit* last = conv ? find_passage(*conv) : nullptr;
  // A word of the last question with -nya ("suratnya" after "surat
  // dispensasi") is the thing just talked about: the question says so. So is
  // a word with -nya that the last answer's passage holds, in a question of
  // at most two words of its own ("tingginya maksimal brp?" after the
  // passage on serving, which gives the height): "its height". (Any -nya
  // word in a short question lost cases in the sixteenth session; a blind
  // set of 36 follow-ups, eighteenth: 30 → 31 right, the 45 articles' cases
  // unchanged.)
  bool points_back = false;
  if (last)
    for (const auto& t : terms)
      if (!t.generic && t.surface.size() > t.stem.size() && t.surface.ends_with("nya")) {
        for (const auto& c : conv->topic) points_back = points_back || c.stem == t.stem;
        if (specific <= 2 && t.id != kNoTerm && contains(rank_data_->unit(last->id).all, t.id)) points_back = true;
      }
  bool followup = last && !conv->topic.empty() &&
                  (specific == 0 || (known == 0 && specific <= 2) ||
                   ((q.followup_cue || points_back) && specific <= kFollowupCueWords) ||
                   (q.weak_followup_cue && specific <= 1) || q.terms.size() == 1);
  // A follow-up with no question word of its own ("kalau yang ganda?" after
  // "Berapa lebar lapangan tunggal?") asks the previous question again of
  // another thing: what it asked for, a number here, it asks for again;
  // unless it asks whether ("itu udah termasuk makan belum?" after the
  // monthly fee asks no price).
  if (followup && !q.typed && !q.asks_yes_no && !conv->question_type.empty()) {
    q.question_type = conv->question_type;
    if (why) why->question_type = q.question_type;
  }
  if (followup) {
    std::unordered_set<std::string> have;
    for (const auto& t : terms) have.insert(t.stem);
    for (auto t : conv->topic) {
      if (have.count(t.stem)) continue;
      set_ids(&t);  // the conversation may come from another replica or an engine before a reload
      // "kalau yang ganda?" after "lebar lapangan tunggal": the new word
      // takes the place of the one it stands beside in a list of the
      // article; "yang kedua?" after "pemugaran pertama", of the ordinal, and
      // asks about it as much as about any word (an ordinal alone says little).
      const auto& ordinals = analyzer_->lexicon().ordinals;
      bool replaced = false;
      for (size_t i = 0; i < q.terms.size() && !replaced; ++i) {
        QueryTerm& own = terms[i];
        // Only a new word takes another's place: "pakai" in "kalau siswi
        // yang pakai kerudung?" was asked before ("atribut apa yang wajib
        // dipakai?") beside "atribut", which it replaces nothing of (46
        // articles: 1,734 → 1,735 handled, +av39; blind follow-ups unchanged).
        const bool asked_before = std::any_of(conv->topic.begin(), conv->topic.end(),
                                              [&](const QueryTerm& c) { return c.stem == own.stem; });
        replaced = !own.generic && !asked_before && rank_data_->siblings(own.id, t.id);
        if (!replaced && ordinals.count(own.surface) && ordinals.count(t.surface)) {
          replaced = true;
          own.weight = std::max(own.weight, t.weight);
          own.generic = false;
        }
      }
      if (replaced) continue;
      t.weight *= policy.context_weight;
      t.context = true;
      terms.push_back(std::move(t));
    }
    // "kalo parfum?" after "power bank boleh dikirim ga?" asks the last
    // question of perfume: the topic kept weighs as a whole what one word
    // kept would (Policy::context_weight of the new words), or its two words
    // at half weight each outweigh the one asked about. Verbs are no new
    // thing ("kalau mau daftar?"); a question word of its own asks something
    // else of the topic, which keeps its weight.
    double own = 0, kept = 0;
    for (const auto& t : terms)
      if (t.context)
        kept += t.generic ? 0 : t.weight;
      else
        own += t.generic || written_as_verb(t) ? 0 : t.weight;
    if (q.asks_instead && !q.typed && own > 0 && kept > policy.context_weight * own)
      for (auto& t : terms)
        if (t.context) t.weight *= policy.context_weight * own / kept;
  }
  // "gelombang kedua", or "yang kedua?" after "gelombang pertama": where the
  // article numbers such a thing ("Gelombang II", which the analyzer reads
  // as "gelombang 2"), the ordinal is its figure (numbered_nouns.txt; +bo38
  // over the 97 articles, nothing else moved).
  {
    const Lexicon& lex = analyzer_->lexicon();
    const bool numbered = std::any_of(terms.begin(), terms.end(), [&](const QueryTerm& t) {
      return lex.numbered_nouns.count(t.surface) > 0 || lex.numbered_nouns.count(t.stem) > 0;
    });
    if (numbered)
      for (auto& t : terms)
        if (auto o = lex.ordinals.find(t.surface);
            !t.context && o != lex.ordinals.end() && o->second > 0 && o->second < Lexicon::kLastPlace) {
          t.synonyms.push_back(std::to_string(o->second));
          set_ids(&t);
        }
  }
  if (why) explain_terms(terms, *index_, why);
  // "terus abis itu ngapain?", "langkah selanjutnya apa?" after a passage:
  // the one after it in its section, whatever words it shares with the topic.
  // Not "yang berikutnya kapan?" after the comet's last visit: a question
  // asking a time, an amount, a person or a place of what comes next asks
  // about the same thing again (its next visit), not the next passage.
  const bool asks_what_next = !q.typed || q.question_type == "what" || q.question_type == "how";
  if (followup && q.asks_next && asks_what_next && specific <= kNextOwnWords) {
    // After one item of a list ("langkah pertamanya apa?"), the next item.
    if (conv->item > 0)
      if (auto line = nth_line(last->text, conv->item + 1)) return list_item(q, *last, *line, conv, policy, why);
    if (const StoredUnit* next = following_passage(*last))
      return next_passage(q, *next, policy.next_confidence, nullptr, conv, policy, why);
  }
  // "trs abis bayar ngapain?" after a list, or after the passage announcing
  // one ("Langkah-langkahnya sebagai berikut:"): the item after the one
  // naming that step, which holds most of the question's own words.
  if (followup && q.asks_after)
    if (auto item = step_after(*last, terms)) return list_item(q, *item->first, item->second, conv, policy, why);
  // "yg kedua apa?", "yang ketiga maksudnya apa?" after a list, or after the
  // passage announcing it: the list's item in that place. A question naming
  // anything besides the ordinal ("pemugaran yang kedua kapan?") is searched
  // as usual; the ordinal alone makes it a follow-up ("ketiga" is a word of
  // most articles, as "tiga"), and so does one asking the item's own
  // something with -nya ("yg kelima tugasnya apa?", "yg kedua harganya?":
  // +2 over the blind follow-up sets, nothing else moved).
  size_t beside_ordinal = 0;
  for (const auto& t : q.terms)
    if (!t.generic && !analyzer_->lexicon().ordinals.count(t.surface) &&
        !analyzer_->lexicon().step_nouns.count(t.surface) && !analyzer_->lexicon().step_nouns.count(t.stem) &&
        !(t.surface.size() > kMinNyaWord && t.surface.ends_with("nya")))
      ++beside_ordinal;
  int list_place = 0;  // the item asked for when the last answer held no list
  if (last && beside_ordinal == 0)
    if (const int n = ordinal_number(q.words, analyzer_->lexicon().ordinals, analyzer_->lexicon().step_nouns); n > 0) {
      if (const StoredUnit* step = numbered_step(*last, n))
        return list_item(q, *step, Span{0, step->text.size()}, conv, policy, why);
      const StoredUnit* list = last->text.find('\n') != std::string::npos ? last : following_passage(*last);
      // A passage of one line is no list: its "first item" would be all of it.
      if (list && list->kind == UnitKind::paragraph && list->text.find('\n') != std::string::npos) {
        if (auto item = line_of_list(*list, n))
          return list_item(q, *list, *item, conv, policy, why);
      }
      if (const StoredUnit* row = table_row_after(*last, n))
        return list_item(q, *row, Span{0, row->text.size()}, conv, policy, why);
      // An enumeration in paragraphs: "Cara pertama adalah observasi …",
      // then "Cara kedua adalah wawancara …".
      if (const StoredUnit* para = ordinal_paragraph(*last, n))
        return list_item(q, *para, Span{0, para->text.size()}, conv, policy, why);
      // "angsuran pertama bayar kapan?", then "yg kedua?": the second of what
      // was just asked about, searched with its words, not an item of a list.
      const auto& ordinals = analyzer_->lexicon().ordinals;
      const bool same_series = conv && std::any_of(conv->topic.begin(), conv->topic.end(),
                                                   [&](const QueryTerm& t) { return ordinals.count(t.surface) > 0; });
      if (!same_series) list_place = n;
    }
  if (terms.empty()) return fallback(q);

  // Candidates come from the words that tell passages apart (bot/match_query.hpp).
  const std::vector<std::string> words = match_words(terms, stem_df, vocabulary.units, policy.posting_budget);
  if (why) why->match = match_expression(words);
  // The rows of FTS5's MATCH of these words and their BM25, both read from
  // memory (index/bm25.hpp), each quoted word the stems FTS5's tokenizer
  // makes of it.
  std::vector<std::vector<std::string>> phrases;
  phrases.reserve(words.size());
  for (const auto& w : words) phrases.push_back(match_stems(w, *analyzer_, *index_));
  std::vector<int64_t> rows = bm25_->rows(phrases);
  if (within)  // ascending ids: the article's are one run
    rows.erase(std::remove_if(rows.begin(), rows.end(),
                              [&](int64_t id) { return id < within->first || id > within->last; }),
               rows.end());
  auto hits = bm25_->top(phrases, rows, static_cast<size_t>(std::max(policy.candidates, 0)));
  if (hits.empty()) {
    if (why)
      explain_outcome(0, policy.fallback_threshold, true, followup, "no passage holds a word of the question", why);
    return fallback(q);
  }

  std::vector<int64_t> candidates;
  for (const auto& h : hits) candidates.push_back(h.unit_id);
  RankInput in{&terms, q.question_type, std::move(hits), "", &label_types_};
  // In an index of many articles, the BM25 of the answering article's
  // passages within it: the ranker orders them as its own index would.
  in.article_bm25 = [&](const std::vector<int64_t>& units) { return bm25_->within_article(phrases, rows, units); };
  in.policy = &policy;
  in.weighed = vocabulary.stem_df != &index_->stem_df;
  in.wants_list = asks_list(q.words);
  in.asks_yes_no = q.question_type == "yesno" || q.asks_yes_no;
  const auto& summary_words = analyzer_->lexicon().summary_words;
  in.wants_summary = std::any_of(q.words.begin(), q.words.end(), [&](const std::string& w) { return summary_words.count(w) > 0; });
  if (last && (followup || q.followup_cue || q.weak_followup_cue)) in.conversation_unit = last->id;
  if (last) in.last_unit = last->id;
  if (followup) {
    // A follow-up asks for something new; not one naming the step just
    // given to ask what follows it ("trus abis colok kabelnya?").
    if (!q.asks_after) in.previous_unit = last->id;
    in.type_asked = q.typed;
    // "terus abis itu?" after the last passage of a section (no next one
    // found by its place above) asks for something after it, never the same.
    in.asks_another = q.asks_another || q.asks_next;
    // A follow-up of no topic of its own stays near the last answer; one
    // after a table row ("kalo kawung?" after the row on parang) asks for
    // another row of the same table.
    if (specific == 0 || last->kind == UnitKind::table_row) in.prefer_section = last->section;
  }
  RankFeatures rank_features;
  if (why) in.features = &rank_features;
  auto ranked = rank(in, *index_, *rank_data_);
  if (why) explain_candidates(ranked, rank_features, *index_, why);
  if (ranked.empty()) return fallback(q, candidates);
  // "yg kedua apa?" when the last answer held no list: the item in that
  // place of the first list found for the conversation's topic ("barang apa
  // aja yg dibawa?" answered from an FAQ, the packing list further down).
  // A passage introducing a list written under it counts as the list.
  // "yg ketiga brp?" wants an item with a number in it, "yang kedua kapan?"
  // one with a time: an item of another kind is no answer.
  auto is_list = [](const StoredUnit* x) {
    return x && x->kind == UnitKind::paragraph && x->text.find('\n') != std::string::npos;
  };
  const uint32_t list_kind = q.typed ? rank_data_->type_bit(q.question_type) : 0;
  for (size_t i = 0; list_place > 0 && i < std::min(ranked.size(), kOrdinalListCandidates); ++i) {
    const StoredUnit* u = &index_->units[ranked[i].unit_id - 1];
    // A list of numbered passages, one step each ("1. Ambil formulir …").
    if (const StoredUnit* step = numbered_step(*u, list_place))
      return list_item(q, *step, Span{0, step->text.size()}, conv, policy, why);
    if (!is_list(u)) u = following_passage(*u);
    if (!is_list(u)) continue;
    auto item = line_of_list(*u, list_place);
    if (!item) continue;
    const auto& sentences = rank_data_->unit(u->id).sentences;
    if (list_kind && std::none_of(sentences.begin(), sentences.end(), [&](const SentenceData& x) {
          return x.begin < item->end && x.end > item->begin && (x.cues & list_kind);
        }))
      continue;
    return list_item(q, *u, *item, conv, policy, why);
  }
  const Ranked& top = ranked[0];
  const StoredUnit& unit = index_->units[top.unit_id - 1];

  // Confidence: a logistic model (bot/policy.hpp) over features that mean the
  // same on any article, whatever its size or the question's length.
  ConfidenceFeatures features{};
  {
    // Over the question's own specific words: the share the passage covers
    // (a synonym counts in part), every word counted, so that an
    // out-of-domain question matching two everyday words of six is not
    // "fully covered" (measured with the thesaurus share below: out-of-domain
    // rejected 0.65 → 0.80 macro over ten articles, P@1 0.79 → 0.78, against
    // the share of only the words the knowledge holds); the share
    // the passage's article lacks altogether, with no synonym in it either
    // (another subject, or a paraphrase no resource bridges; in an index of
    // many articles, words another article holds count as missing too:
    // out-of-domain rejected in one index of ten articles 0.46 → 0.51, each
    // article in its own index unchanged); and how
    // rare the rarest word the passage matched is (an everyday word shared
    // with the article is no evidence).
    const UnitData& d = rank_data_->unit(top.unit_id);
    const std::vector<uint32_t>& article = rank_data_->article_terms(top.unit_id);
    const double n = static_cast<double>(vocabulary.units);
    double covered_w = 0, missing_w = 0, specific_w = 0, rarest = 0, second = 0;
    bool missing_name = false;
    // A run of words the article writes side by side counts once (kPhraseRunWords).
    const std::vector<double> conf_weight = run_weights(terms, *rank_data_, rank_data_->article_of(top.unit_id));
    for (size_t ti = 0; ti < terms.size(); ++ti) {
      const QueryTerm& t = terms[ti];
      if (t.generic) continue;
      const double w = conf_weight[ti];
      specific_w += w;
      if (!matches(article, t)) {
        missing_w += w;
        missing_name = missing_name || (t.name && !t.context);
        continue;
      }
      if (!matches(d.all, t)) continue;
      // A synonym earns what it earns in the ranker: a thesaurus one (many
      // senses) less than a listed one.
      covered_w += matches_itself(d.all, t) ? w : (t.thesaurus ? policy.thesaurus_share : policy.synonym_share) * w;
      auto df = stem_df.find(t.stem);
      const double rarity = df == stem_df.end() ? 0 : idf(n, df->second);
      const double share = rarity / idf(n, 0);
      second = std::max(second, std::min(rarest, share));
      rarest = std::max(rarest, share);
    }
    // A name of several words the article holds apart but never writes
    // ("Piala Dunia" on a page naming a trophy and the world) is another
    // subject, as a name word it lacks is.
    for (const auto& phrase : q.name_phrases) {
      if (missing_name) break;
      std::vector<uint32_t> ids;
      for (const auto& stem : phrase) ids.push_back(rank_data_->id(stem));
      // (A word of it the knowledge lacks altogether: the name is not
      // written, though the word's synonyms may be.)
      missing_name = !rank_data_->article_writes(rank_data_->article_of(top.unit_id), ids);
    }
    // The best sentence: how much of the question's specific weight stands in
    // one sentence of the passage (or its FAQ question / table key).
    auto weight_in = [&](const std::vector<uint32_t>& ids) {
      double w = 0;
      for (size_t ti = 0; ti < terms.size(); ++ti)
        if (!terms[ti].generic && matches(ids, terms[ti])) w += conf_weight[ti];
      return w;
    };
    double sentence_w = weight_in(d.label), typed_w = 0;
    const uint32_t cue_bit = rank_data_->type_bit(q.question_type);
    for (const auto& s : d.sentences) {
      const double w = weight_in(s.terms);
      sentence_w = std::max(sentence_w, w);
      if (s.cues & cue_bit) typed_w = std::max(typed_w, w);
    }
    // The margin to the best passage elsewhere: a neighbour in the same
    // section saying the same thing is no doubt about the answer.
    double next = 0;
    for (size_t i = 1; i < ranked.size(); ++i)
      if (index_->units[ranked[i].unit_id - 1].section != unit.section) {
        next = ranked[i].score;
        break;
      }
    features[kCoverage] = specific_w > 0 ? covered_w / specific_w : 0;
    features[kMissing] = specific_w > 0 ? missing_w / specific_w : 0;
    features[kMargin] = std::min(policy.margin_cap, top.score - next);
    features[kRarestMatch] = rarest;
    features[kScore] = top.score;
    features[kSecondMatch] = second;
    features[kSentence] = specific_w > 0 ? sentence_w / specific_w : 0;
    features[kAnswerType] = cue_bit == 0 ? 1.0 : sentence_w > 0 ? typed_w / sentence_w : 0;
    features[kMissingName] = missing_name ? 1.0 : 0.0;
    features[kAsksNow] = !q.asks_now.empty() && utf8::lower(unit.question + "\n" + unit.text).find(q.asks_now) ==
                                                    std::string::npos;
  }
  const bool no_topic = specific == 0 && !followup;
  double confidence = std::clamp(confidence_of(policy, features, no_topic), 0.0, 1.0);
  std::string capped = no_topic ? "the question has only general words, so confidence is capped" : "";
  // A question asking a kind of content a passage has or has not (a phone
  // number, a date: strict_types.txt) is not answered by one without it.
  // Anywhere in the passage: a sentence giving it may follow the one naming
  // the topic ("Pendaftaran dibuka dua kali setahun. Gelombang pertama …").
  // A type whose cues spell an acronym out (<acronym>: an expansion) must
  // spell out the one asked about (spells_out).
  auto has_kind = [&] {
    const UnitData& d = rank_data_->unit(ranked[0].unit_id);
    const uint32_t kind_bit = rank_data_->type_bit(q.question_type);
    if (!(d.cues & kind_bit)) return false;
    // A list (one item a line) gives it in the item on what is asked: a
    // date in another step is no answer ("perpustakaan sekolah buka jam
    // berapa?" on the steps of a programme whose first step is collecting
    // a form at the library and whose second gives a deadline).
    if (d.items.size() > 1 &&
        std::none_of(d.sentences.begin(), d.sentences.end(), [&](const SentenceData& x) {
          return (x.cues & kind_bit) && std::any_of(terms.begin(), terms.end(), [&](const QueryTerm& t) {
                   return !t.generic && !t.context && matches(x.terms, t);
                 });
        }))
      return false;
    const auto& cues = analyzer_->lexicon().passage_cues.at(q.question_type);  // strict types have cues (load_lexicon)
    // A person's name the question does not name itself ("siapa kepala
    // sekolah SMA Tunas Bogor?" is not answered by "Tunas" or "Bogor").
    if (cues.count("<person>"))
      return std::any_of(d.persons.begin(), d.persons.end(), [&](uint32_t id) {
        return std::none_of(terms.begin(), terms.end(), [&](const QueryTerm& t) { return t.id == id; });
      });
    return !cues.count("<acronym>") || spells_out(index_->units[ranked[0].unit_id - 1].text, d.sentences, q.words, cues);
  };
  if (!ranked.empty() && analyzer_->lexicon().strict_types.count(q.question_type) && !has_kind()) {
    confidence = std::min(confidence, policy.kind_absent_cap);
    capped = "the question asks for content of kind \"" + q.question_type + "\", which the passage lacks, so confidence is capped";
  }
  // "antrean hari ini panjang ga?": the day's news, which a passage not
  // saying "hari ini" itself does not give (news_phrases.txt).
  if (!ranked.empty() && !q.asks_news.empty() &&
      utf8::lower(unit.question + "\n" + unit.text).find(q.asks_news) == std::string::npos) {
    confidence = std::min(confidence, policy.kind_absent_cap);
    capped = "the question asks about \"" + q.asks_news + "\", which the passage does not speak of, so confidence is capped";
  }

  Answer a = answer_to(q);
  a.followup = followup;
  a.confidence = std::round(confidence * 1000) / 1000;
  a.features = features;
  a.no_topic = no_topic;
  a.decided = true;
  if (why)
    explain_outcome(a.confidence, policy.fallback_threshold, confidence < policy.fallback_threshold, followup,
                    confidence_reason(confidence, policy.fallback_threshold, features[kCoverage], features[kMargin],
                                      capped),
                    why);
  std::vector<int64_t> ranking;
  for (size_t i = 0; i < ranked.size() && i < 5; ++i) ranking.push_back(ranked[i].unit_id);
  if (confidence < policy.fallback_threshold) {
    Answer f = fallback(q, candidates);
    f.confidence = a.confidence;
    f.features = features;
    f.no_topic = no_topic;
    f.decided = true;
    f.followup = followup;
    f.ranking = std::move(ranking);  // the closest passages, for review
    return f;
  }
  // "daftarin bayi ke bpjs langkah pertamanya apa?": a step noun and an
  // ordinal ask for that step of the list on what the question names, found
  // as "yg kedua apa?" finds it, answered as confidently as the best passage.
  if (const int step =
          list_place == 0 ? step_number(q.words, analyzer_->lexicon().ordinals, analyzer_->lexicon().step_nouns) : 0;
      step > 0)
    for (size_t i = 0; i < std::min(ranked.size(), kOrdinalListCandidates); ++i) {
      const StoredUnit* u = &index_->units[ranked[i].unit_id - 1];
      std::optional<std::pair<const StoredUnit*, Span>> found;
      if (const StoredUnit* numbered = numbered_step(*u, step))
        found = std::pair{numbered, Span{0, numbered->text.size()}};
      else if (const StoredUnit* list = is_list(u) ? u : following_passage(*u); is_list(list)) {
        if (auto line = line_of_list(*list, step)) found = std::pair{list, *line};
      } else {
        continue;  // no list here: the next candidate
      }
      if (!found) break;  // the best list has no such step
      Answer item = list_item(q, *found->first, found->second, conv, policy, why);
      item.followup = followup;
      item.confidence = a.confidence;
      if (why)
        explain_outcome(item.confidence, policy.fallback_threshold, false, followup,
                        "the question names a step of the list on its topic by its place", why);
      if (conv) {  // the question's topic, as for any answer of its own
        conv->topic = terms;
        conv->article = found->first->article;
        conv->question_type = q.question_type;
      }
      return item;
    }
  // "abis bayar ngapain?": the question names a step of a numbered list and
  // asks what follows it: the next step.
  if (q.asks_after)
    if (const StoredUnit* next = following_passage(unit); next && next_in_list(unit, *next))
      return next_passage(q, *next, confidence, &terms, conv, policy, why);
  Span span{0, unit.text.size()};
  if (unit.kind != UnitKind::table_row)
    span = best_span(unit.text, rank_data_->unit(unit.id), terms, rank_data_->type_bit(q.question_type),
                     unit.kind == UnitKind::faq, policy);
  // A sentence announcing a list ("Atribut yang wajib dipakai adalah:")
  // answers a question asking for several things ("atribut apa saja?") with
  // nothing: the list right after it does, whole. Only then: a question on
  // one fact of the paragraph may also pick that sentence (53 articles, any
  // question: 1,985 → 1,980 handled), and "hari apa saja?" asks a time the
  // paragraph may give (ba20).
  const StoredUnit* shown = &unit;
  const bool asks_things = q.question_type == "what" || q.question_type == "who" || q.question_type == "where" ||
                          q.question_type == "example" || q.question_type == "how";
  const bool wants_list = asks_things && asks_list(q.words);
  if (wants_list && announces_list(std::string_view(unit.text).substr(span.begin, span.end - span.begin)))
    if (const StoredUnit* list = following_passage(unit); list && list->text.find('\n') != std::string::npos) {
      shown = list;
      ranking.insert(ranking.begin(), list->id);
    }
  // The list itself, for such a question: every item, not the one or two
  // sharing most words with it.
  if (wants_list && shown->kind == UnitKind::paragraph && shown->text.find('\n') != std::string::npos)
    span = {0, shown->text.size()};
  a.ranking = std::move(ranking);
  if (shown != &unit) a.sources.push_back(to_source(*shown, ranked[0].score));
  for (size_t i = 0; i < ranked.size() && i < 3; ++i)
    a.sources.push_back(to_source(index_->units[ranked[i].unit_id - 1], ranked[i].score));
  show_span(*shown, span, &a);

  const UnitData& found = rank_data_->unit(unit.id);
  for (const auto& t : terms) {
    if (t.context) continue;
    (matches(found.all, t) ? a.matched : a.missing).push_back(t.surface);
  }

  // Close runners-up from elsewhere are offered first, so the user can pick.
  if (ranked.size() > 1 && ranked[1].score >= top.score - policy.runner_up_gap) {
    const StoredUnit& second = index_->units[ranked[1].unit_id - 1];
    std::string label = second.kind == UnitKind::faq               ? second.question
                        : second.section == kIntroductionSection ? std::string()
                                                                 : heading_question(second.section);
    if (second.section != unit.section && !label.empty()) a.suggestions.push_back(label);
  }
  RelatedWords related_words;
  for (const auto& t : terms) related_words.add(t);
  for (const auto& [id, rarity] : unit_stems_[unit.id - 1]) related_words.add(id, policy.related_weight * rarity);
  for (auto& s : related(std::move(related_words), &unit, kSuggestionPool, candidates)) {
    if (std::find(a.suggestions.begin(), a.suggestions.end(), s) == a.suggestions.end()) a.suggestions.push_back(s);
  }

  if (conv) {
    conv->topic = std::move(terms);  // not read after this
    conv->article = unit.article;
    conv->passage = passage_key(*shown);
    conv->item = 0;
    conv->question_type = q.question_type;
  }
  return a;
}

}  // namespace tanya

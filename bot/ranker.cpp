#include "bot/ranker.hpp"

#include <algorithm>
#include <cmath>

namespace tanya {

namespace {

// A passage that starts with X, or names X in a sentence with a definition
// cue, without defining X itself: half the evidence (by hand; 0 lost a case
// of the ten development articles, 1 is the old rule that could not tell
// "Bank sampah adalah …" from "Bank sampah sekolah mengajak …").
constexpr double kPartialDefinition = 0.5;
// A number asked earns this share of its weight in a passage writing a
// range that holds it. Fifty-first session (`tanya eval DIR --rows` over the
// 88 articles): 0.3–0.5 +ct26 and nothing lost, 0.7 and 1 lose ak38 and
// ax07 (another passage's range outweighs the words); the middle.
constexpr double kInRangeShare = 0.4;
// "berapa orang" answered by a passage counting people by another noun
// ("38 siswa", people_nouns.txt): this share of the count's evidence.
// Fifty-third session (`tanya eval DIR --rows` over the 100 articles): 0.5–0.8
// +cx02; 0.85 +cq11 +cr01 too ("empat siswa", "1.200 penerima"); 0.9 and 1
// lose u17, where "dua siswa" outranks the "tiga orang" asked. The top of
// the plateau, narrow: the plain noun must still count for more.
constexpr double kPeopleCountedShare = 0.85;
// Scores this close are a tie: the same features to the last digit, not a
// weaker passage (fifty-seventh session, by hand).
constexpr double kTiedScore = 1e-9;

struct Features {
  double cover_all = 0;      // terms found in passage, its FAQ question/key or section title
  double cover_body = 0;     // terms found in the passage or its FAQ question/key
  double label_dice = 0;     // overlap of the question with the FAQ question / table key
  double label_covered = 0;  // share of the FAQ question / table key that the question covers
  double proximity = 0;      // weighted share of the question's word pairs found as phrases
  double superlative = 0;    // weighted share of the words asked in the superlative written so
  double counted = 0;        // weighted share of the units asked after "berapa" written after a number
  double cue = 0;            // the passage has a cue for the question's type
  double definition = 0;     // "apa itu X": the passage defines X
  double sentence_cue = 0;   // the question's specific words in its best sentence with a cue for the type
  double bm25 = 0;
};

// The weight `t` earns in `ids`: full for the word, less for a synonym.
double earned(const QueryTerm& t, const std::vector<uint32_t>& ids, const Policy& p) {
  return match_share(ids, t, p.synonym_share, p.thesaurus_share) * t.weight;
}

// earned(), and failing that a thesaurus synonym of a word the knowledge has
// (QueryTerm::loose), only when `anchored`: another of the question's words
// stands in the passage as itself (alone, a sense shared by chance).
double earned_anchored(const QueryTerm& t, const std::vector<uint32_t>& ids, bool anchored, const Policy& p) {
  const double e = earned(t, ids, p);
  if (e > 0 || !anchored) return e;
  for (uint32_t s : t.loose_ids)
    if (contains(ids, s)) return p.loose_share * t.weight;
  return 0;
}

double weight_in(const std::vector<QueryTerm>& terms, const std::vector<uint32_t>& ids, const Policy& p) {
  double s = 0;
  for (const auto& t : terms) s += earned(t, ids, p);
  return s;
}

// The pair (x, y) stands as a phrase: y right after x somewhere in the passage.
bool adjacent(const std::vector<uint32_t>& positions, uint32_t x, uint32_t y) {
  for (size_t i = 0; i + 1 < positions.size(); ++i)
    if (positions[i] == x && positions[i + 1] == y) return true;
  return false;
}

// Of the question's own words asked in a form (`form`: "paling X", "berapa
// X"), the weighted share the passage writes in that form (`written`: sorted ids).
double share_in_form(const std::vector<QueryTerm>& terms, bool QueryTerm::*form, const std::vector<uint32_t>& written) {
  double total = 0, found = 0;
  for (const auto& t : terms) {
    if (!(t.*form) || t.context) continue;
    total += t.weight;
    if (t.id != kNoTerm && contains(written, t.id)) found += t.weight;
  }
  return total > 0 ? found / total : 0;
}

// Types that ask for a particular kind of answer; "what", "how" and the like
// ask for anything.
bool specific_type(const std::string& type) {
  return type == "reason" || type == "example" || type == "comparison" || type == "definition";
}

}  // namespace

std::vector<QueryTerm> weighed_for_article(const std::vector<QueryTerm>& terms, size_t article, const RankData& data) {
  std::vector<QueryTerm> out = terms;
  if (data.article_count() < 2) return out;
  for (auto& t : out)
    if (t.id != kNoTerm) t.weight *= data.article_idf(article, t.id) / data.idf(t.id);
  return out;
}

namespace {

// The question's terms as one article weighs them, with the totals that the
// ranking features are shares of.
struct Weighing {
  std::vector<QueryTerm> own;  // per-article weights; unused when the question's own are taken
  const std::vector<QueryTerm>* terms = nullptr;
  double total = 0, total_specific = 0;
};

void set_totals(Weighing* w) {
  for (const auto& t : *w->terms) {
    w->total += t.weight;
    if (!t.generic) w->total_specific += t.weight;
  }
}

}  // namespace

std::vector<Ranked> rank(const RankInput& in, const IndexData& index, const RankData& data) {
  const Policy& p = in.policy ? *in.policy : default_policy();
  const bool many = data.article_count() > 1;
  Weighing whole;
  whole.terms = in.terms;
  set_totals(&whole);
  double max_bm25 = 0;
  for (const auto& h : in.hits) max_bm25 = std::max(max_bm25, h.bm25);
  const uint32_t cue_bit = data.type_bit(in.question_type);
  const bool number_type = data.number_type(in.question_type);

  // The question's own specific words, in order: its topic.
  std::vector<const QueryTerm*> topic;
  for (const auto& t : *in.terms)
    if (!t.generic && !t.context && t.id != kNoTerm) topic.push_back(&t);
  // A topic word stands at `position` as itself or as the knowledge's other
  // name for it ("Perundungan adalah …" defines what "bullying" asks).
  auto stands_at = [](const QueryTerm* t, uint32_t position) {
    return position == t->id || std::find(t->alias_ids.begin(), t->alias_ids.end(), position) != t->alias_ids.end();
  };

  const bool has_context = std::any_of(in.terms->begin(), in.terms->end(), [](const QueryTerm& t) { return t.context; });
  // A follow-up's own words that name a thing ("kalau DKPP?", "yang
  // ganda?"), not an action on the topic kept ("cara mencegahnya?": a verb,
  // its stem under a prefix the word writes, which a section title on
  // "Pencegahan" speaks of as well as any passage).
  const bool own_named = in.previous_unit && has_context &&
                         std::any_of(topic.begin(), topic.end(), [&](const QueryTerm* t) { return !written_as_verb(*t); });

  // A follow-up stays in the section of the answer just given, unless that
  // answer was an FAQ entry asking another kind of question: an FAQ block is
  // no topic (its entries answer unrelated questions), and the entry itself
  // answers only what it asks ("contohnya?" after "Mengapa X penting?").
  std::string prefer_section = in.prefer_section;
  if (in.previous_unit && in.label_types && specific_type(in.question_type)) {
    const std::string& asked = (*in.label_types)[in.previous_unit - 1];
    if (!asked.empty() && asked != in.question_type) prefer_section.clear();
  }

  // Of the question's type, the same for every candidate.
  const bool asks_definition = data.asks(in.question_type, "definition");
  const bool specific_asked = specific_type(in.question_type);

  // One candidate's score with the question weighed as `weighing` says.
  auto score_of = [&](const Hit& h, const Weighing& weighing, double max_bm25, RankFeatures* features) {
    const StoredUnit& u = index.units[h.unit_id - 1];
    const UnitData& d = data.unit(h.unit_id);
    const auto& terms = *weighing.terms;
    const double total = weighing.total, total_specific = weighing.total_specific;

    Features f;
    // A follow-up naming something of its own ("kalau DKPP?") asks about
    // it: a section title naming it too does not make every passage there
    // about it. One pass gives the share in the passage with its title, of
    // the specific words too, and in the passage alone (the sums in the
    // terms' order, as weight_in adds them).
    const std::vector<uint32_t>& all_ids = own_named ? d.body : d.all;
    double in_all = 0, in_body = 0, specific = 0;
    const bool anchored = std::any_of(terms.begin(), terms.end(), [&](const QueryTerm& t) {
      return !t.generic && !t.context && matches_itself(all_ids, t);
    });
    for (const auto& t : terms) {
      double e = earned_anchored(t, all_ids, anchored, p);
      // A number asked that falls in a range the passage writes ("umur 11"
      // in "9 sampai 14 tahun"), where it lacks the number itself.
      const bool ranged = e == 0 && !t.generic && !t.context && d.in_range(t.stem);
      if (ranged) e = kInRangeShare * t.weight;
      in_all += e;
      if (!t.generic) specific += e;
      // The body is part of the whole (UnitData): a term earning nothing
      // there earns nothing in it.
      if (!own_named && e > 0) in_body += ranged ? e : earned_anchored(t, d.body, anchored, p);
    }
    if (own_named) in_body = in_all;
    if (total > 0) {
      f.cover_body = in_body / total;
      f.cover_all = in_all / total;
    }
    // The FAQ question or table key, or the alternate wording that fits best.
    auto label_features = [&](const std::vector<uint32_t>& label, double* dice, double* covered) {
      if (label.empty() || total <= 0) return;
      double shared = weight_in(terms, label, p);
      double label_total = 0;
      for (uint32_t id : label) {
        // A label word the question lacks counts as much as a common word would.
        double w = 1.0;
        for (const auto& t : terms)
          if (t.id == id || std::find(t.synonym_ids.begin(), t.synonym_ids.end(), id) != t.synonym_ids.end())
            w = t.weight;
        label_total += w;
      }
      *dice = 2 * shared / (total + label_total);
      *covered = label_total > 0 ? std::min(1.0, shared / label_total) : 0;
    };
    label_features(d.label, &f.label_dice, &f.label_covered);
    for (const auto& alt : d.alternates) {
      double dice = 0, covered = 0;
      label_features(alt, &dice, &covered);
      if (dice * covered * covered > f.label_dice * f.label_covered * f.label_covered) {
        f.label_dice = dice;
        f.label_covered = covered;
      }
    }
    // Phrases: pairs of words that stand next to each other in the question
    // and, in the same order, in the passage ("negara besar", "diplomasi
    // formal"), weighted like the words themselves.
    double pair_total = 0, pair_found = 0;
    for (size_t a = 0; a + 1 < terms.size(); ++a) {
      const QueryTerm& x = terms[a];
      const QueryTerm& y = terms[a + 1];
      if (x.context || y.context) continue;
      double w = x.weight + y.weight;
      pair_total += w;
      // The positions are the body's stems: a pair not both in it is no phrase
      // there (two lookups instead of a walk through the passage).
      if (x.id != kNoTerm && y.id != kNoTerm && contains(d.body, x.id) && contains(d.body, y.id) &&
          adjacent(d.positions, x.id, y.id))
        pair_found += w;
    }
    f.proximity = pair_total > 0 ? pair_found / pair_total : 0;
    // "paling besar" asks for the largest: a passage saying "terbesar" (or
    // "paling besar") answers it; one saying only "besar" may not.
    f.superlative = share_in_form(terms, &QueryTerm::superlative, d.superlatives);
    // "berapa hari" asks a number of days: a passage counting days ("empat
    // hari kerja") answers it; one giving hours may not.
    f.counted = share_in_form(terms, &QueryTerm::counted, d.counted);
    // "berapa orang" where the passage counts "38 siswa": people counted,
    // by a noun less plain than the one asked (kPeopleCountedShare).
    if (f.counted < 1 && !d.counted_people.empty())
      f.counted = std::max(f.counted, kPeopleCountedShare * share_in_form(terms, &QueryTerm::counted, d.counted_people));
    f.cue = (d.cues & cue_bit) ? 1 : 0;
    // "Mengapa X?", "contoh X?", "apa bedanya X dan Y?" ask for a kind of
    // content: the passage with one sentence that both holds the question's
    // words and gives that kind ("… karena …", "misalnya …") answers it
    // better than one naming them apart. Types whose cues are numbers or
    // names are left out: an out-of-domain "kapan …?" finds a sentence with
    // a date and some of its words in any article (Policy::w_sentence_cue).
    if (specific_asked && total_specific > 0)
      for (const auto& sentence : d.sentences) {
        if (!(sentence.cues & cue_bit)) continue;
        double in_sentence = 0;
        for (const auto& t : terms)
          if (!t.generic && !t.context) in_sentence += earned(t, sentence.terms, p);
        f.sentence_cue = std::max(f.sentence_cue, in_sentence / total_specific);
      }
    if (asks_definition && !topic.empty()) {
      // "Apa itu X?" is answered best by a sentence that defines X itself: X
      // and at most one more word before its copula ("Bank sampah adalah …",
      // "Bank sampah sekolah merupakan …"). A passage that starts with X (its
      // subject) or has a sentence with a definition cue and every topic word
      // ("… disebut X, yaitu …") counts half (kPartialDefinition): it may as
      // well go on about X ("Bank sampah sekolah mengajak …"). A definition
      // of something else nearby is not enough.
      for (const auto& sentence : d.sentences)
        if (!sentence.defines.empty() && sentence.defines.size() <= topic.size() + 1 &&
            std::all_of(topic.begin(), topic.end(), [&](const QueryTerm* t) { return matches_itself(sentence.defines, *t); }))
          f.definition = 1;
      if (f.definition == 0) {
        bool starts = d.positions.size() >= topic.size() &&
                      std::equal(topic.begin(), topic.end(), d.positions.begin(), stands_at);
        for (size_t i = 0; i < d.sentences.size() && !starts; ++i) {
          const auto& sentence = d.sentences[i];
          starts = (sentence.cues & cue_bit) &&
                   std::all_of(topic.begin(), topic.end(), [&](const QueryTerm* t) { return matches_itself(sentence.terms, *t); });
        }
        if (starts) f.definition = kPartialDefinition;
      }
    }
    if (in.question_type == "comparison" && topic.size() >= 2) {
      // "Apa bedanya X dengan Y?" is answered best where X and Y are each
      // defined ("X adalah …, sedangkan Y adalah …"): two of the question's
      // topic words defined by sentences of the passage count as a definition.
      size_t defined = 0;
      for (const QueryTerm* t : topic)
        if (std::any_of(d.sentences.begin(), d.sentences.end(), [&](const SentenceData& sentence) {
              return matches_itself(sentence.defines, *t);
            }))
          ++defined;
      if (defined >= 2) f.definition = 1;
    }
    f.bm25 = max_bm25 > 0 ? h.bm25 / max_bm25 : 0;

    // An FAQ question or a table key helps only as far as the question asks
    // about it: a list row naming every kind of diplomacy is no answer to a
    // question about one of them.
    double label_match = f.label_dice * f.label_covered * f.label_covered;
    // An FAQ entry answers the kind of question it asks: "Mengapa … penting?"
    // is no answer to "contoh …?" however many words the two share, and an
    // entry asking the same kind ("Apakah pendaftaran dipungut biaya?" for
    // "Apakah ada biaya …?") answers it the more surely.
    if (in.label_types && !in.question_type.empty()) {
      const std::string& asked = (*in.label_types)[h.unit_id - 1];
      if (specific_asked && specific_type(asked) && asked != in.question_type)
        label_match *= p.other_type_label;
      if (asked == in.question_type) label_match *= p.same_type_label;
    }
    // So does a table row: its key names the thing, its cells give what the
    // table's columns give ("Median: Cara Menentukan …; Kapan Dipakai …"),
    // which answers "median itu apa?" only with a definition's cue in them.
    // Rows set side by side answer a comparison by being a table.
    if (u.kind == UnitKind::table_row && specific_asked && !f.cue && in.question_type != "comparison")
      label_match *= p.other_type_label;
    // A table key names a topic (as a section title does); an FAQ question
    // asks one: the row's label match counts less, unless a summary is asked.
    if (u.kind == UnitKind::table_row && !in.wants_summary) label_match *= p.row_label_share;
    // A list asked about one thing: the item that holds most of the
    // question's specific words counts beside the words gathered from items
    // about other things ("makan apa kalau tidak musim buah?" is no question
    // on the item about fires in the dry season): the share is the mean of
    // the two. Only that share moves; the passage keeps what it holds as a
    // whole, which a question on the list's subject needs. Measured over the
    // fifty-five: the mean +2 (2,088 → 2,090), the best item alone +2 but
    // `ar` under its BM25 (a question whose words stand in two items of a
    // list of kinds), both shares scaled to the item −6.
    if (!in.wants_list && d.items.size() > 1) {
      double best = 0;
      for (const auto& item : d.items) {
        double in_item = 0;
        for (const auto& t : terms)
          if (!t.generic) in_item += earned(t, item, p);
        best = std::max(best, in_item);
      }
      specific = (specific + std::min(specific, best)) / 2;
    }
    const double coverage = total_specific > 0 ? specific / total_specific : 0;
    double score = p.w_cover_all * f.cover_all + p.w_coverage * coverage + p.w_cover_body * f.cover_body +
                   p.w_bm25 * f.bm25 + p.w_proximity * f.proximity + p.w_superlative * f.superlative * coverage +
                   p.w_counted * f.counted * coverage +
                   p.w_label * label_match + p.w_cue * f.cue + p.w_definition * f.definition +
                   (u.section == prefer_section && !u.section.empty() ? p.w_section : 0.0);
    if (in.wants_list && d.list) score += p.w_list * coverage;
    if (in.asks_yes_no && d.yes_no) score += p.w_yes_no * coverage;
    if (in.wants_summary && u.kind == UnitKind::table_row) score += p.w_summary * coverage;
    score += p.w_sentence_cue * f.sentence_cue;
    // An amount or a date is asked: a passage with the type's cue (a number,
    // a month, "sejak") gains; one without rarely gives it.
    if (number_type) score += p.w_number_cue * f.cue;
    // A table row is a key and its value: it answers questions about its key.
    if (u.kind == UnitKind::table_row) score *= p.table_row_base + (1 - p.table_row_base) * f.label_covered;
    // The lead sums up the whole article, so it shares words with every
    // specific question without answering one; it answers questions about the
    // article as a whole (nothing specific asked).
    if (u.kind == UnitKind::lead && total_specific > 0) score -= p.w_lead;
    if (d.closing && total_specific > 0) score -= p.w_closing;
    // A follow-up ("contohnya?", "kenapa begitu?") asks for another kind of
    // answer on the same topic: a passage with that kind of content, not the
    // one already given.
    if (in.previous_unit) {
      score += (p.w_followup_cue - p.w_cue) * f.cue;
      // The passage just given, again, when it has nothing of the kind now
      // asked ("contohnya?" after a definition without examples); when it
      // has, it may well hold the answer too ("terus dibagi untuk apa?").
      // So too when the follow-up names something of its own and the
      // passage's body holds none of it ("kalau DKPP?" after Bawaslu's
      // duties, where DKPP is only in the section title): the user has read
      // it already. One of its words there may well be the answer ("syarat
      // umur calonnya?" after the passage that gives the term and the age).
      // Named only in a sentence that gives nothing of the kind asked is
      // named in passing ("kalo reguler?" after "Kilat tiba besok …
      // Tarifnya 1,8 kali tarif Reguler."): the passage answered the question
      // of the other thing.
      auto own_in = [&](const std::vector<uint32_t>& ids) {
        return std::any_of(terms.begin(), terms.end(), [&](const QueryTerm& t) {
          return !t.context && !t.generic && t.id != kNoTerm && matches(ids, t);
        });
      };
      bool lacks_own = own_named && !own_in(d.body);
      if (own_named && !lacks_own && cue_bit != 0 && !own_in(d.label) &&
          std::none_of(d.sentences.begin(), d.sentences.end(),
                       [&](const SentenceData& s) { return (s.cues & cue_bit) && own_in(s.terms); }))
        lacks_own = true;
      // A follow-up asking no type of its own ("terus kalau pelog?" after
      // "slendro itu kayak gimana?") asks the last question of another
      // thing, which the passage just given may well answer in a sentence
      // not shown: its lack of the inherited type's cue says nothing.
      const bool lacks_kind = cue_bit != 0 && in.type_asked && !(d.cues & cue_bit);
      if (h.unit_id == in.previous_unit && (lacks_kind || lacks_own)) score -= p.w_repeat;
      // It keeps the previous topic: a passage holding none of its words
      // answers another question ("normalnya berapa?" after trombosit).
      if (has_context && std::none_of(terms.begin(), terms.end(),
                                      [&](const QueryTerm& t) { return t.context && matches(d.all, t); }))
        score -= p.w_topic_lost;
    }

    if (features)
      features->push_back({h.unit_id, {{"cover_all", f.cover_all}, {"coverage", coverage},
                                          {"cover_body", f.cover_body}, {"bm25_share", f.bm25},
                                          {"proximity", f.proximity}, {"superlative", f.superlative},
                                          {"counted", f.counted},
                                          {"label_match", label_match}, {"cue", f.cue},
                                          {"sentence_cue", f.sentence_cue}}});
    Ranked r;
    r.unit_id = h.unit_id;
    r.article = many ? data.article_of(h.unit_id) : 0;
    r.score = score;
    r.bm25 = h.bm25;
    r.coverage = coverage;
    return r;
  };

  std::vector<Ranked> out;
  out.reserve(in.hits.size());
  for (const auto& h : in.hits) {
    if (h.unit_id < 1 || h.unit_id > static_cast<int64_t>(index.units.size())) continue;
    // A follow-up asking for another one ("ada cara lain?") is never
    // answered with the passage just given, however well it matches.
    if (in.asks_another && h.unit_id == in.previous_unit) continue;
    out.push_back(score_of(h, whole, max_bm25, many ? nullptr : in.features));
  }
  std::stable_sort(out.begin(), out.end(), [](const Ranked& a, const Ranked& b) { return a.score > b.score; });
  // Passages tied at the top (the same words at the same weights: "hrs ikut
  // klub jg ga?" on a page naming clubs twice): in a conversation, the one
  // in the section of the last answer ("sekolah di jepang masuk jam brp?",
  // answered from school life there) is the one meant.
  if (in.last_unit > 0 && in.last_unit <= static_cast<int64_t>(index.units.size()) && out.size() >= 2) {
    const StoredUnit& last = index.units[in.last_unit - 1];
    auto beside = [&](const Ranked& r) {
      const StoredUnit& u = index.units[r.unit_id - 1];
      return !last.section.empty() && u.section == last.section && u.article == last.article;
    };
    for (size_t i = 1; i < out.size() && out[i].score >= out[0].score - kTiedScore && !beside(out[0]); ++i)
      if (beside(out[i])) {
        std::rotate(out.begin(), out.begin() + static_cast<std::ptrdiff_t>(i), out.begin() + static_cast<std::ptrdiff_t>(i) + 1);
        break;
      }
  }
  // A question that points back ("kalau pakai es batu boleh?", "akun
  // pelakunya perlu diblokir?") continues the conversation's article: another
  // article that happens to share its words is no answer to it. Only while
  // that article holds every word the question adds; one it lacks changes
  // the subject ("kalau fotosintesis?").
  if (many && !out.empty() && in.conversation_unit > 0 &&
      in.conversation_unit <= static_cast<int64_t>(index.units.size())) {
    const size_t previous = data.article_of(in.conversation_unit);
    const bool holds_all = std::all_of(in.terms->begin(), in.terms->end(), [&](const QueryTerm& t) {
      if (t.context || t.generic) return true;
      if (data.article_df(previous, t.id) > 0) return true;
      return std::any_of(t.synonym_ids.begin(), t.synonym_ids.end(),
                         [&](uint32_t s) { return data.article_df(previous, s) > 0; });
    });
    auto first = std::find_if(out.begin(), out.end(), [&](const Ranked& r) { return r.article == previous; });
    if (holds_all && first != out.end()) std::rotate(out.begin(), first, first + 1);
  }
  // In an index of many articles, the question weighed over the whole index
  // picks the article (a word rare among all articles tells which one is
  // asked about), and the article's own weights order its passages, as an
  // index of that article alone would (weighed_for_article). Weighing every
  // passage by its own article instead lets another article's passage win on
  // a word that is rare there and incidental (measured: P@1 0.76 against
  // this way's figure, README "Answer quality").
  if (many && !out.empty()) {
    Weighing own;
    own.own = in.weighed ? *in.terms : weighed_for_article(*in.terms, out[0].article, data);
    own.terms = &own.own;
    set_totals(&own);
    // Its BM25 too, within the article.
    std::vector<Hit> own_hits;
    std::vector<int64_t> own_units;
    for (const Ranked& r : out)
      if (r.article == out[0].article) {
        own_hits.push_back({r.unit_id, r.bm25});
        own_units.push_back(r.unit_id);
      }
    if (in.article_bm25) {
      std::vector<double> within = in.article_bm25(own_units);
      for (size_t i = 0; i < own_hits.size() && i < within.size(); ++i) own_hits[i].bm25 = within[i];
    }
    double own_max = 0;
    for (const Hit& h : own_hits) own_max = std::max(own_max, h.bm25);
    std::vector<Ranked> chosen, rest;
    for (const Ranked& r : out)
      if (r.article != out[0].article) rest.push_back(r);
    for (const Hit& h : own_hits) chosen.push_back(score_of(h, own, own_max, in.features));
    if (in.features)
      for (const Ranked& r : rest) score_of(Hit{r.unit_id, r.bm25}, whole, max_bm25, in.features);
    std::stable_sort(chosen.begin(), chosen.end(), [](const Ranked& a, const Ranked& b) { return a.score > b.score; });
    chosen.insert(chosen.end(), rest.begin(), rest.end());
    out = std::move(chosen);
  }
  // BM25's order is the floor: its first passage keeps first place unless the
  // re-ranking features put another clearly above it.
  if (p.floor_margin > 0 && !out.empty()) {
    // Within the first passage's article, as in an index of that article alone.
    size_t bm25_top = 0;
    for (size_t i = 1; i < out.size(); ++i)
      if (out[i].article == out[0].article && out[i].bm25 > out[bm25_top].bm25) bm25_top = i;
    if (bm25_top > 0 && out[0].score - out[bm25_top].score < p.floor_margin)
      std::rotate(out.begin(), out.begin() + bm25_top, out.begin() + bm25_top + 1);
  }
  return out;
}

}  // namespace tanya

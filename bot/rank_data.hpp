#pragma once
// What ranking, answer spans and suggestions need of every unit, worked out
// once when an engine opens so that answering a question allocates little and
// compares integers: stems as ids, sorted id lists per unit, its sentences, and
// which question types its words are cues for. Immutable: thread-safe.
#include <algorithm>
#include <cstdint>
#include <string>
#include <unordered_map>
#include <unordered_set>
#include <utility>
#include <vector>

#include "index/analyzer.hpp"
#include "index/index_store.hpp"

namespace tanya {

inline constexpr uint32_t kNoTerm = 0xFFFFFFFF;  // a stem the knowledge does not hold

struct SentenceData {
  size_t begin = 0, end = 0;     // bytes into the unit's text
  std::vector<uint32_t> terms;   // sorted, unique
  uint32_t cues = 0;             // bit per question type with a cue word here (passage or sentence cue)
  // A defining sentence ("Bank sampah adalah …", "X merupakan …"): the stems
  // before its first definition cue (question_types.tsv), sorted, unique;
  // empty when it has none or the cue stands late (kMaxDefinedWords).
  std::vector<uint32_t> defines;
};

struct UnitData {
  std::vector<uint32_t> positions;  // the body's stems in order (for phrases)
  std::vector<uint32_t> body;       // sorted, unique: body and FAQ question / table key
  std::vector<uint32_t> label;      // sorted, unique: FAQ question / table key
  // sorted, unique: each alternate wording of the question, and each list
  // item's label in a paragraph ("Parafrasa tanpa sumber: …")
  std::vector<std::vector<uint32_t>> alternates;
  std::vector<uint32_t> all;        // sorted, unique: body, label and section title
  uint32_t cues = 0;                // bit per question type with a passage cue in some sentence
  std::vector<uint32_t> superlatives;  // sorted, unique: stems written as superlatives ("terbesar", "paling besar")
  std::vector<uint32_t> counted;       // sorted, unique: stems written after a number ("empat hari", "20 persen")
  // The stem of "orang" when a number counts people by another noun ("38
  // siswa", people_nouns.txt): "berapa orang?" is answered in part.
  std::vector<uint32_t> counted_people;
  // sorted, unique: stems of the words written as a person's name (the
  // <person> cue): "siapa kepala sekolahnya?" wants one the question lacks
  std::vector<uint32_t> persons;
  // Ranges of whole numbers the passage writes ("9 sampai 14 tahun",
  // "9–14", "15 tahun ke atas"): a number asked that falls in one is the
  // number the passage means ("umur 11" → "9 sampai 14 tahun").
  std::vector<std::pair<long, long>> ranges;
  // `word` is a whole number one of `ranges` holds.
  bool in_range(std::string_view word) const;
  std::vector<SentenceData> sentences;
  // A paragraph of the article's closing section (closing_titles.txt): a
  // summary of everything, as the lead is.
  bool closing = false;
  // Opens with a yes or no ("Boleh, asalkan …", "Tidak. Kartu …"): the
  // answer to a yes/no question, as an FAQ entry gives it.
  bool yes_no = false;
  // A paragraph of several lines (a list, one item a line) or one that ends
  // with ":" announcing the list written after it: what "apa saja?" asks for.
  bool list = false;
  // A list's items, one per line, each with its section title: sorted,
  // unique stems. Empty for a passage of one line.
  std::vector<std::vector<uint32_t>> items;
};

// A question the knowledge can answer, offered as a suggestion: an FAQ
// question or a section title.
struct Label {
  std::string text;
  std::vector<uint32_t> terms;  // sorted, unique
  int64_t unit_id = 0;          // the FAQ entry, or the first paragraph of the section
};

class RankData {
 public:
  RankData(const IndexData& index, const Analyzer& analyzer);
  uint32_t id(const std::string& stem) const;
  uint32_t type_bit(const std::string& question_type) const;  // 0 when the type has no cues
  // Whether the type's answer holds a number (question_types.tsv lists <number>
  // among its passage cues: amounts, dates).
  bool number_type(const std::string& question_type) const { return number_types_.count(question_type) > 0; }
  // Whether a question of `question_type` asks `type` or a narrower kind of it
  // (question_types.tsv "within": an acronym's expansion is a definition).
  bool asks(const std::string& question_type, const std::string& type) const;
  const UnitData& unit(int64_t unit_id) const { return units_[unit_id - 1]; }
  const std::vector<Label>& labels() const { return labels_; }
  // The label a unit is found under: its FAQ question, or its section's title (-1: none).
  int label_of(int64_t unit_id) const { return label_of_[unit_id - 1]; }
  // Every stem of the unit's article, sorted and unique: what that article
  // knows, so that in an index of many articles a question's word counts as
  // missing when the answering article lacks it.
  const std::vector<uint32_t>& article_terms(int64_t unit_id) const { return articles_[article_of_[unit_id - 1]]; }
  size_t article_count() const { return articles_.size(); }
  size_t article_of(int64_t unit_id) const { return article_of_[unit_id - 1]; }
  // A stem's idf over the passages of one article alone, as an index of that
  // article only would give it (QueryParser::idf's formula; a stem the
  // article lacks gets the largest). In an index of many articles a
  // question's words are weighed per article, so the passages of one article
  // rank among themselves as they would on their own: with the idf of all
  // articles, the article's own subject ("koperasi") is rare and outweighs
  // the words that tell its passages apart.
  double article_idf(size_t article, uint32_t id) const;
  // How many passages of one article hold a stem (0 for kNoTerm).
  uint32_t article_df(size_t article, uint32_t id) const;
  // The same over every passage of the index (what QueryParser::idf gives).
  double idf(uint32_t id) const;
  // Whether one article writes the stems side by side, in this order, in
  // some passage, FAQ question, table key or section title ("piala" then
  // "dunia"): a name of several words the article names.
  bool article_writes(size_t article, const std::vector<uint32_t>& ids) const;
  // Whether two stems stand somewhere as items of one list ("tunggal dan
  // ganda", "Cirebon, Pekalongan") or begin the keys of one table's rows
  // ("Desain Grafis", "Menjahit Pakaian"): a follow-up naming one after a
  // question on the other asks about it instead ("kalau yang ganda?").
  bool siblings(uint32_t a, uint32_t b) const;

 private:
  std::vector<uint32_t> ids_of(const std::vector<std::string>& stems);
  void add_siblings(std::string_view sentence, const std::vector<Token>& tokens);
  void add_sibling(uint32_t a, uint32_t b);
  static constexpr size_t kMaxListRun = 8;    // by hand: a longer run is rarely one list
  static constexpr size_t kMaxItemWords = 3;  // by hand: "peredaran darah besar", an item of a few words
  std::unordered_set<uint64_t> siblings_;  // lower id << 32 | higher id
  std::unordered_map<std::string, uint32_t> ids_;
  std::unordered_map<std::string, uint32_t> type_bits_;
  std::unordered_set<std::string> number_types_;
  std::unordered_map<std::string, std::string> narrowed_from_;  // "price" → "amount"
  std::vector<UnitData> units_;
  std::vector<Label> labels_;
  std::vector<int> label_of_;
  std::vector<std::vector<uint32_t>> articles_;
  std::vector<size_t> article_of_;  // per unit id - 1: its index in articles_
  // Per article: (stem id, passages holding it in body or label), sorted by id;
  // and its number of passages. Passages "holding" a stem as IndexData::stem_df counts them.
  std::vector<std::vector<std::pair<uint32_t, uint32_t>>> article_df_;
  std::vector<size_t> article_units_;
  std::vector<uint32_t> df_;  // by stem id: over all articles
  std::vector<std::unordered_set<uint64_t>> article_pairs_;  // per article: first id << 32 | next id
};

// Whether the first letters of consecutive words of `words` from `from` on (lowercase),
// "dan" allowed between them as a list writes it, spell `acronym` (lowercase,
// three letters or more: two match by chance): "avo" in "Huruf AVO berasal
// dari ampere, volt, dan ohm". Both the passage's cue bits and the answer's
// check of the acronym asked use it.
bool initials_spell(std::string_view acronym, const std::vector<std::string_view>& words, size_t from);

inline bool contains(const std::vector<uint32_t>& sorted, uint32_t id) {
  return id != kNoTerm && std::binary_search(sorted.begin(), sorted.end(), id);
}

// The term itself, or one of the knowledge's own other names for it
// (QueryTerm::alias_ids), is among `sorted`: a full match, not a synonym's share.
template <typename Term>
bool matches_itself(const std::vector<uint32_t>& sorted, const Term& t) {
  if (contains(sorted, t.id)) return true;
  for (uint32_t a : t.alias_ids)
    if (contains(sorted, a)) return true;
  return false;
}

// The term, or one of its synonyms, is among `sorted`.
template <typename Term>
bool matches(const std::vector<uint32_t>& sorted, const Term& t) {
  if (contains(sorted, t.id)) return true;
  for (uint32_t s : t.synonym_ids)
    if (contains(sorted, s)) return true;
  return false;
}

// The share of the term's weight `sorted` earns: all of it for the term
// itself, a synonym's share (Policy::synonym_share, or thesaurus_share for a
// mythes-id synonym) for a synonym, none otherwise. The ranker and the
// answer's sentence weigh words the same way.
template <typename Term>
double match_share(const std::vector<uint32_t>& sorted, const Term& t, double synonym_share, double thesaurus_share) {
  if (matches_itself(sorted, t)) return 1.0;
  for (uint32_t s : t.synonym_ids)
    if (contains(sorted, s)) return t.thesaurus ? thesaurus_share : synonym_share;
  return 0.0;
}

}  // namespace tanya

// The pure parts of bot/ fed directly, without the engine around them: the
// query parser, the MATCH builder, the ranker and the composer. They run on a
// small article of their own (a school library, nothing like the bundled
// article), indexed for real by the tanya tokenizer into SQLite FTS5.
#include <algorithm>
#include <catch2/catch.hpp>
#include <filesystem>
#include <fstream>
#include <limits>
#include <random>
#include <sstream>

#include "bot/answer_json.hpp"
#include "bot/compose.hpp"
#include "bot/eval.hpp"
#include "bot/match_query.hpp"
#include "bot/query.hpp"
#include "bot/rank_data.hpp"
#include "bot/ranker.hpp"
#include "index/bm25.hpp"
#include "index/index_store.hpp"
#include "knowledge/base/utf8.hpp"
#include "knowledge/knowledge_dir.hpp"
#include "tests/test_support.hpp"

using namespace tanya;

namespace {

const char* kArticle = R"(Tata Tertib Perpustakaan Sekolah

Panduan singkat tentang cara meminjam buku, denda keterlambatan, dan jam buka perpustakaan sekolah.

Jam Buka Perpustakaan

Perpustakaan sekolah buka setiap hari Senin sampai Jumat pukul 07.00 hingga 15.00. Pada hari Sabtu perpustakaan hanya buka sampai pukul 12.00. Selama libur semester perpustakaan tutup untuk inventarisasi koleksi.

Cara Meminjam Buku

Siswa meminjam buku dengan menunjukkan kartu pelajar kepada petugas. Setiap siswa boleh meminjam paling banyak tiga buku sekaligus. Lama peminjaman adalah tujuh hari dan dapat diperpanjang satu kali melalui petugas.

Denda Keterlambatan

Buku yang dikembalikan terlambat dikenakan denda lima ratus rupiah per hari. Denda diberlakukan karena buku yang tidak kembali membuat siswa lain tidak bisa membacanya. Buku yang hilang atau rusak harus diganti dengan buku yang sama.

Koleksi Perpustakaan

Koleksi perpustakaan terdiri atas buku pelajaran, novel, ensiklopedia, dan majalah ilmiah. Misalnya, ensiklopedia sains dan atlas dunia hanya boleh dibaca di ruang baca. Majalah edisi terbaru dipajang di rak depan.

FAQ tentang Perpustakaan Sekolah

1. Apakah alumni boleh meminjam buku?

Tidak. Alumni hanya boleh membaca di ruang baca dan tidak dapat membawa pulang buku. Kartu alumni dapat dibuat di meja petugas.

2. Bagaimana jika kartu pelajar hilang?

Siswa melapor ke wali kelas untuk mendapatkan surat keterangan. Dengan surat itu petugas tetap melayani peminjaman sampai kartu baru terbit.
)";

// The article indexed once for the whole binary, with what the parts need.
struct Library {
  test::TempDir dir;
  std::shared_ptr<const IndexData> index;
  std::unique_ptr<QueryParser> parser;
  std::unique_ptr<RankData> data;
  std::unique_ptr<IndexReader> reader;

  // Indexes the article `text` (or, when empty, copies the bundled article;
  // or, given `from`, the articles of that directory).
  explicit Library(const std::string& text = kArticle, const std::string& from = "") {
    if (!from.empty()) {
      for (const auto& f : std::filesystem::directory_iterator(from))
        if (f.path().extension() != ".jsonl") std::filesystem::copy_file(f.path(), dir.path() + "/" + f.path().filename().string());
    } else if (text.empty()) {
      std::filesystem::copy_file(test::article_path(), dir.path() + "/bundled.txt");
    } else {
      std::ofstream(dir.path() + "/perpustakaan.txt") << text;
    }
    auto knowledge = load_knowledge(dir.path());
    if (!knowledge) throw std::runtime_error(knowledge.error().message);
    const std::string db = dir.path() + "/index.db";
    auto built = build_index(*knowledge, test::analyzer(), db);
    if (!built) throw std::runtime_error(built.error().message);
    auto loaded = load_index(db, test::analyzer());
    if (!loaded) throw std::runtime_error(loaded.error().message);
    index = *loaded;
    parser = std::make_unique<QueryParser>(*test::analyzer(), *index);
    data = std::make_unique<RankData>(*index, *test::analyzer());
    auto r = IndexReader::open(db, test::analyzer());
    if (!r) throw std::runtime_error(r.error().message);
    reader = std::move(*r);
  }

  // The unit whose text contains `needle` (0 when none).
  int64_t unit_with(const std::string& needle) const {
    for (const auto& u : index->units)
      if (u.text.find(needle) != std::string::npos) return u.id;
    return 0;
  }

  // The question's terms with their ids, as the engine gives them to the ranker.
  std::vector<QueryTerm> terms(const Query& q) const {
    std::vector<QueryTerm> out = q.terms;
    for (auto& t : out) {
      t.id = data->id(t.stem);
      t.synonym_ids.clear();
      for (const auto& s : t.synonyms) t.synonym_ids.push_back(data->id(test::analyzer()->stem(s)));
    }
    return out;
  }

  std::string match(const std::string& question) const {
    return build_match(parser->parse(question).terms, index->stem_df, index->units.size(), kBudget);
  }

  static constexpr long kBudget = 1000;  // more postings than this article has: no word is cut for budget
};

const Library& library() {
  static Library lib;
  return lib;
}

const Library& bundled() {
  static Library lib("");
  return lib;
}

bool has_word(const Query& q, const std::string& w) {
  return std::find(q.words.begin(), q.words.end(), w) != q.words.end();
}

bool has_term(const Query& q, const std::string& surface) {
  return std::any_of(q.terms.begin(), q.terms.end(), [&](const QueryTerm& t) { return t.surface == surface; });
}

// 1 when the question's term of that surface is generic (no topic), 0 when
// it is a topic word, -1 when the question has no such term.
int generic_of(const Query& q, const std::string& surface) {
  for (const auto& t : q.terms)
    if (t.surface == surface) return t.generic ? 1 : 0;
  return -1;
}

QueryTerm term(const std::string& surface, std::vector<std::string> synonyms = {}, bool generic = false) {
  QueryTerm t;
  t.surface = surface;
  t.stem = surface;
  t.synonyms = std::move(synonyms);
  t.generic = generic;
  return t;
}

// Text a student, a broken client or an attacker might send: FTS5's own
// syntax, quotes, words of the article, slang, control bytes, multi-byte and
// broken UTF-8.
std::string random_text(std::mt19937& rng) {
  static const std::vector<std::string> pieces = {
      "\"", "\"\"", "*", "^", "(", ")", ":", "-", "+", "{", "}", "AND", "OR", "NOT", "NEAR", "NEAR(", ",", "'",
      "buku", "denda", "perpustakaan", "pinjem", "gmn", "brp", "kartu", "alumni", "apa itu", "contohnya", "?",
      "\xc3\xa9", "\xf0\x9f\x98\x80", "\xe2\x80\x8b", "\xc2\xa0", "\xc3", "\xe2\x82", "\xff", "\x01", "\t", "\n",
      "  ", "perpustakan", "ensiklopedi", "book", "fine", "library", "0", "12.00", "a*b", "x:y", "\"buku\""};
  std::uniform_int_distribution<size_t> count(0, 12), pick(0, pieces.size() - 1), byte(0, 255), coin(0, 5);
  std::string s;
  for (size_t n = count(rng); n > 0; --n) {
    if (coin(rng) == 0) s.push_back(static_cast<char>(byte(rng)));
    else s += pieces[pick(rng)];
    if (coin(rng) < 3) s.push_back(' ');
  }
  return s;
}

}  // namespace

// ---- MATCH builder -------------------------------------------------------

TEST_CASE("quote_fts_DoublesQuotes", "[bot][unit][match]") {
  CHECK(quote_fts("buku") == "\"buku\"");
  CHECK(quote_fts("a\"b") == "\"a\"\"b\"");
  CHECK(quote_fts("") == "\"\"");
  CHECK(quote_fts("NEAR") == "\"NEAR\"");
  CHECK(quote_fts(std::string("a\0b", 3)) == "\"ab\"");
}

TEST_CASE("build_match_RarestFirst_StopsAtTheBudgetOrACommonWord", "[bot][unit][match]") {
  const std::unordered_map<std::string, int> df = {{"langka", 1}, {"sedang", 3}, {"umum", 9}};
  std::vector<QueryTerm> terms = {term("umum"), term("sedang"), term("langka")};
  // 10 passages: "umum" is in more than half of them, so it finds no candidates.
  CHECK(build_match(terms, df, 10, 100) == "\"langka\" OR \"sedang\"");
  // A budget of 3 postings: "langka" (1) is taken, "sedang" (3) would pass it.
  CHECK(build_match(terms, df, 10, 3) == "\"langka\"");
  // The first word that finds something is taken however common it is.
  CHECK(build_match({term("umum")}, df, 10, 1) == "\"umum\"");
  // Unknown words (df 0) cost nothing and come first.
  CHECK(build_match({term("umum"), term("asing")}, df, 10, 100) == "\"asing\" OR \"umum\"");
  CHECK(build_match({}, df, 10, 100).empty());
}

TEST_CASE("build_match_SynonymsOred_GenericWordsOnlyAlone", "[bot][unit][match]") {
  const std::unordered_map<std::string, int> df = {{"pinjam", 2}, {"contoh", 2}};
  CHECK(build_match({term("pinjam", {"sewa", "utang"})}, df, 10, 100) ==
        "\"pinjam\" OR \"sewa\" OR \"utang\"");
  // "contoh" says what kind of answer is wanted: left out beside a topic word …
  CHECK(build_match({term("contoh", {}, true), term("pinjam")}, df, 10, 100) == "\"pinjam\"");
  // … but it is all a question of only such words has.
  CHECK(build_match({term("contoh", {}, true)}, df, 10, 100) == "\"contoh\"");
  // A topic word the knowledge lacks does not push the generic word out
  // (and, finding nothing, costs nothing: it comes first).
  CHECK(build_match({term("contoh", {}, true), term("asing")}, df, 10, 100) == "\"asing\" OR \"contoh\"");
}

TEST_CASE("build_match_AnyText_GivesAValidMatch", "[bot][unit][match][property]") {
  const auto& lib = library();
  std::mt19937 rng(20261129);  // fixed: a failure reproduces
  int searched = 0;
  for (int i = 0; i < 3000; ++i) {
    const std::string text = random_text(rng);
    INFO("text: " << text);
    // Through the parser, as the engine does …
    const std::string match = lib.match(text);
    INFO("match: " << match);
    if (!match.empty()) {
      auto hits = lib.reader->search(match, 20);
      INFO("error: " << (hits.ok() ? "" : hits.error().message));
      REQUIRE(hits.ok());
      ++searched;
    }
    // … and straight from raw words, which the parser would have normalised.
    std::vector<QueryTerm> raw;
    std::istringstream words(text);
    for (std::string w; words >> w;) raw.push_back(term(w, {text}));
    const std::string raw_match = build_match(raw, lib.index->stem_df, lib.index->units.size(), Library::kBudget);
    INFO("raw match: " << raw_match);
    if (!raw_match.empty()) {
      auto raw_hits = lib.reader->search(raw_match, 20);
      INFO("error: " << (raw_hits.ok() ? "" : raw_hits.error().message));
      REQUIRE(raw_hits.ok());
    }
  }
  CHECK(searched > 1000);  // the property was exercised on real searches, not on empty matches
}

TEST_CASE("build_match_FindsThePassageOfItsWords", "[bot][unit][match]") {
  const auto& lib = library();
  auto hits = lib.reader->search(lib.match("denda keterlambatan"), 20);
  REQUIRE(hits.ok());
  REQUIRE(!hits->empty());
  std::vector<int64_t> ids;
  for (const auto& h : *hits) ids.push_back(h.unit_id);
  CHECK(std::count(ids.begin(), ids.end(), lib.unit_with("lima ratus rupiah")) == 1);
  CHECK(std::count(ids.begin(), ids.end(), lib.unit_with("pukul 07.00")) == 0);
}

// ---- BM25 in memory ------------------------------------------------------

namespace {

// FTS5's own bm25() and index/bm25 on the same MATCH: every row found, in
// the same order, with the same score.
void same_as_fts5(const Library& lib, const std::string& question) {
  const auto words = match_words(lib.parser->parse(question).terms, lib.index->stem_df, lib.index->units.size(),
                                 Library::kBudget);
  if (words.empty()) return;
  const std::string match = match_expression(words);
  INFO("question: " << question << "\nmatch: " << match);
  auto fts5 = lib.reader->search(match, 100000);
  auto rows = lib.reader->match(match);
  REQUIRE(fts5.ok());
  REQUIRE(rows.ok());
  std::vector<std::vector<std::string>> phrases;
  for (const auto& w : words) {
    phrases.emplace_back();
    for (const auto& t : test::analyzer()->analyze(w))
      if (!t.stop) phrases.back().push_back(t.term);
  }
  auto mine = Bm25(*lib.index).top(phrases, *rows, 100000);
  REQUIRE(mine.size() == fts5->size());
  auto by_score = [](const Hit& a, const Hit& b) { return a.bm25 != b.bm25 ? a.bm25 > b.bm25 : a.unit_id < b.unit_id; };
  std::vector<Hit> theirs = *fts5;
  std::stable_sort(theirs.begin(), theirs.end(), by_score);  // FTS5 leaves the order of equal scores open
  for (size_t i = 0; i < mine.size(); ++i) {
    INFO("rank " << i);
    CHECK(mine[i].bm25 == Approx(theirs[i].bm25).epsilon(1e-9).margin(1e-12));
    if (std::abs(mine[i].bm25 - theirs[i].bm25) < 1e-9) CHECK(mine[i].unit_id == theirs[i].unit_id);
  }
}

}  // namespace

TEST_CASE("Bm25_ScoresEveryRowAsFts5Does", "[bot][unit][bm25]") {
  for (const char* q : {"denda keterlambatan buku", "jam buka perpustakaan hari sabtu", "Apakah alumni boleh meminjam buku?",
                        "cara meminjam buku", "kartu pelajar hilang", "koleksi ensiklopedia sains", "perpustakaan"})
    same_as_fts5(library(), q);
  for (const char* q : {"Apa itu kerja sama bilateral?", "contoh diplomasi budaya", "manfaat kerjasama ekonomi bagi negara",
                        "Apa tantangan kerja sama bilateral di era digital?", "perjanjian perdagangan bebas antar dua negara"})
    same_as_fts5(bundled(), q);
  std::mt19937 rng(5);
  for (int i = 0; i < 300; ++i) same_as_fts5(library(), random_text(rng));
}

namespace {

// FTS5's MATCH and Bm25::rows on the same words (each quoted, ORed): the
// same rows.
void same_rows_for_words(const Library& lib, const std::vector<std::string>& words) {
  if (words.empty()) return;
  const std::string match = match_expression(words);
  INFO("match: " << match);
  auto fts5 = lib.reader->match(match);
  REQUIRE(fts5.ok());
  std::vector<int64_t> theirs = *fts5;
  std::sort(theirs.begin(), theirs.end());
  std::vector<std::vector<std::string>> phrases;
  for (const auto& w : words) {
    phrases.emplace_back();
    for (const auto& t : test::analyzer()->analyze(w))
      if (!t.stop) phrases.back().push_back(t.term);
  }
  CHECK(Bm25(*lib.index).rows(phrases) == theirs);
}

void same_rows_as_fts5(const Library& lib, const std::string& question) {
  INFO("question: " << question);
  same_rows_for_words(lib, match_words(lib.parser->parse(question).terms, lib.index->stem_df,
                                       lib.index->units.size(), Library::kBudget));
}

}  // namespace

// The engine takes its candidate rows from memory: they must be FTS5's. On
// every question of articles in each format the knowledge reads (plain text
// with a table and an FAQ, Markdown, a QnA TSV with accepted wordings), and
// on random texts.
TEST_CASE("Bm25_RowsAreTheRowsOfFts5Match", "[bot][unit][bm25]") {
  int compared = 0;
  for (const char* name : {"bh", "ab", "ac", "ar"}) {
    const std::string from = test::source_dir() + "/tests/eval/articles/" + name;
    const Library lib("", from);
    auto cases = load_eval_set(from + "/questions.jsonl");
    REQUIRE(cases.ok());
    for (const auto& c : *cases) {
      same_rows_as_fts5(lib, c.question);
      ++compared;
    }
  }
  CHECK(compared > 150);
  // Phrases of several words: in order and side by side, in one column
  // ("pelajar kartu" and "baca ruang" are in no row, their words are).
  for (const auto& words : std::vector<std::vector<std::string>>{
           {"kartu pelajar"}, {"pelajar kartu"}, {"ruang baca", "denda"}, {"baca ruang"}, {"jam buka perpustakaan"},
           {"cara meminjam"}, {"yang"}, {"buku", "tidak ada"}})
    same_rows_for_words(library(), words);
  for (const char* q : {"kerja sama bilateral", "Apa itu diplomasi budaya?", "contoh kerjasama di bidang pendidikan"})
    same_rows_as_fts5(bundled(), q);
  std::mt19937 rng(11);
  for (int i = 0; i < 300; ++i) same_rows_as_fts5(library(), random_text(rng));
}

namespace {

// match_stems() gives what analysing the word gives.
void same_stems_as_analyzed(const Library& lib, const std::string& word) {
  std::vector<std::string> analysed;
  for (const auto& t : test::analyzer()->analyze(word))
    if (!t.stop) analysed.push_back(t.term);
  INFO("word: " << word);
  CHECK(match_stems(word, *test::analyzer(), *lib.index) == analysed);
}

}  // namespace

// The engine takes a match word the index holds as its stored stem, without
// analysing it: the stems must be the analyzer's. On every word of articles
// in each format, every match word of their questions, the lexicon's
// compounds and stop words, and random texts.
TEST_CASE("match_stems_AreTheAnalyzersStems", "[bot][unit][match]") {
  size_t compared = 0, stored = 0;
  auto check = [&](const Library& lib, const std::string& w) {
    same_stems_as_analyzed(lib, w);
    ++compared;
    stored += lib.index->words.count(w);
  };
  for (const char* name : {"bh", "ab", "ac", "ar"}) {
    const std::string from = test::source_dir() + "/tests/eval/articles/" + name;
    const Library lib("", from);
    for (const auto& [w, info] : lib.index->words) check(lib, w);
    auto cases = load_eval_set(from + "/questions.jsonl");
    REQUIRE(cases.ok());
    for (const auto& c : *cases)
      for (const auto& w : match_words(lib.parser->parse(c.question).terms, lib.index->stem_df, lib.index->units.size(),
                                       Library::kBudget))
        check(lib, w);
  }
  const Library& lib = bundled();
  for (const auto& [w, info] : lib.index->words) check(lib, w);
  for (const auto& [w, parts] : test::analyzer()->lexicon().compounds) check(lib, w);
  for (const auto& w : test::analyzer()->lexicon().stopwords) check(lib, w);
  std::mt19937 rng(17);
  for (int i = 0; i < 300; ++i) {
    std::istringstream words(random_text(rng));
    for (std::string w; words >> w;) check(lib, w);
  }
  CHECK(stored > 2000);  // the stored stems were taken, not only the analyzer's
  CHECK(compared > stored);
}

TEST_CASE("Bm25_RowsTheIndexLacks_AreSkipped", "[bot][unit][bm25]") {
  const auto& lib = library();
  auto hits = Bm25(*lib.index).top({{"denda"}}, {0, -3, 1, static_cast<int64_t>(lib.index->units.size()) + 1}, 10);
  REQUIRE(hits.size() == 1);
  CHECK(hits[0].unit_id == 1);
}

// ---- Query parser --------------------------------------------------------

TEST_CASE("QueryParser_QuestionWords_GiveTheType", "[bot][unit][query]") {
  const auto& p = *library().parser;
  CHECK(p.parse("Kapan perpustakaan buka?").question_type == "when");
  CHECK(p.parse("Mengapa ada denda?").question_type == "reason");
  CHECK(p.parse("kenapa telat kena denda").question_type == "reason");
  CHECK(p.parse("Bagaimana cara meminjam buku?").question_type == "how");
  CHECK(p.parse("Berapa buku boleh dipinjam?").question_type == "amount");
  CHECK(p.parse("Apa itu ensiklopedia?").question_type == "definition");
  CHECK(p.parse("ensiklopedia itu apa").question_type == "definition");
  // The frame with chat words around it: still what X is; "apa saja" is a list.
  CHECK(p.parse("ensiklopedia tuh sebenernya apa sih, jelasin dong").question_type == "definition");
  CHECK(p.parse("koleksi perpustakaan itu apa saja?").question_type != "definition");
  // "apa (sebenarnya) X itu?": the frame on both sides of a name; not when
  // the words between are a sentence.
  CHECK(p.parse("Apa sebenarnya ensiklopedia itu?").question_type == "definition");
  CHECK(p.parse("apa kamu sudah baca buku itu?").question_type != "definition");
  // "itu" after a connective points back in time: "setelah itu apa?" asks what comes next.
  CHECK(p.parse("terus abis itu ngapain?").question_type != "definition");
  CHECK(p.parse("setelah itu apa?").question_type != "definition");
  // One noun naming the kind of thing X is: still what X is; not a time
  // ("hari apa"), another type's cue or X's own part ("sampulnya apa").
  CHECK(p.parse("ensiklopedia itu buku apa sih?").question_type == "definition");
  CHECK(p.parse("ensiklopedia tuh sebenarnya buku apa?").question_type == "definition");
  CHECK(p.parse("pameran buku itu hari apa?").question_type != "definition");
  CHECK(p.parse("ensiklopedia itu sampulnya apa?").question_type != "definition");
  CHECK(p.parse("denda itu penyebabnya apa?").question_type != "definition");
  // The frame may be a clause of its own, the message going on after it.
  CHECK(p.parse("ensiklopedia tuh apaan sih? yg katanya ada di perpustakaan").question_type == "definition");
  // In English: "what is X?" with X a name of a few words, "what does X mean",
  // "meaning of X"; not "what is" before a longer question.
  CHECK(p.parse("what is an encyclopedia?").question_type == "definition");
  CHECK(p.parse("What's an encyclopedia").question_type == "definition");
  CHECK(p.parse("what does the word encyclopedia actually mean?").question_type == "definition");
  CHECK(p.parse("what is the meaning of encyclopedia?").question_type == "definition");
  CHECK(p.parse("what is the fine for a late book?").question_type != "definition");
  CHECK(p.parse("what is the maximum loan period for students?").question_type != "definition");
  // A word naming the kind of answer wins over the question word.
  CHECK(p.parse("Apa contoh koleksi perpustakaan?").question_type == "example");
  // Yes or no: "apakah", and any of the common words with -kah.
  CHECK(p.parse("Apakah perpustakaan buka hari Sabtu?").question_type == "yesno");
  CHECK(p.parse("Bolehkah buku dibawa pulang?").question_type == "yesno");
  CHECK(p.parse("Perlukah kartu anggota untuk meminjam?").question_type == "yesno");
  // A question word typed wrong is still the question word, not a topic word.
  auto typo = p.parse("brapa lama buku boleh dipinjam?");
  CHECK(typo.question_type == "duration");  // an amount, narrowed by "lama"
  CHECK_FALSE(has_term(typo, "brapa"));
  CHECK(p.parse("bagaimna cara meminjam buku?").question_type == "how");
  // Question words are the type, not the topic.
  auto q = p.parse("Kapan perpustakaan buka?");
  CHECK_FALSE(has_term(q, "kapan"));
  CHECK(has_term(q, "perpustakaan"));
}

TEST_CASE("QueryParser_FullwidthMarks_ReadAsTheAsciiOnes", "[bot][unit][query]") {
  const auto& p = *library().parser;
  // A phone's "！" ends the greeting's clause as "!" does, so the question
  // after it is read on its own: "Apa itu …" asks a definition.
  CHECK(p.parse("Halo! Apa itu ensiklopedia?").question_type == "definition");
  CHECK(p.parse("Halo\xEF\xBC\x81 Apa itu ensiklopedia\xEF\xBC\x9F").question_type == "definition");
  // "。" with no space after it, as CJK text writes it, reads as ". ".
  const Query wide = p.parse("Halo\xE3\x80\x82" "Apa itu ensiklopedia\xEF\xBC\x9F");
  const Query ascii = p.parse("Halo. Apa itu ensiklopedia?");
  CHECK(wide.question_type == ascii.question_type);
  CHECK(wide.words == ascii.words);
  CHECK(wide.smalltalk == ascii.smalltalk);
}

TEST_CASE("QueryParser_JoinedWords_SplitIntoTheKnowledgesWords", "[bot][unit][query]") {
  // "denda buku" stands side by side once: too rare for the spelling index's pairs.
  Library lib("Aturan Perpustakaan\n\nSetiap keterlambatan dikenai denda buku sebesar Rp500 per hari.\n");
  auto q = lib.parser->parse("berapa dendabuku?");
  CHECK(has_term(q, "denda"));
  CHECK(has_term(q, "buku"));
  CHECK_FALSE(has_term(q, "dendabuku"));
  // A word of its own is not cut into two.
  CHECK(has_term(lib.parser->parse("kapan keterlambatan?"), "keterlambatan"));
  // One part may be a function word; it is no search term.
  auto joined = lib.parser->parse("semuadenda berapa?");
  CHECK(has_term(joined, "denda"));
  CHECK_FALSE(has_term(joined, "semua"));
  CHECK_FALSE(has_term(joined, "semuadenda"));
  // A hyphenated word, written once, asked without its hyphen: "wifi" is
  // "Wi-Fi", whose halves are too short to be found by cutting.
  Library wifi("Fasilitas\n\nJaringan Wi-Fi perpustakaan dapat diakses dengan kata sandi.\n");
  auto w = wifi.parser->parse("wifi perpus pw nya apa?");
  CHECK(has_term(w, "wi"));
  CHECK(has_term(w, "fi"));
  CHECK(has_term(w, "sandi"));  // pw (slang.tsv): "password", FreeDict's "kata sandi"
}

TEST_CASE("QueryParser_SplitWords_JoinIntoTheKnowledgesWord", "[bot][unit][query]") {
  // The knowledge writes "kacamata"; the student splits it. Words it writes
  // apart too stay apart when their join is no word of it.
  Library lib("Alat Pelindung\n\nKacamata pelindung wajib dipakai. Pencuci mata ada di dekat kaca jendela.\n");
  auto q = lib.parser->parse("kaca mata pelindung dipakai kapan?");
  CHECK(has_word(q, "kacamata"));
  CHECK_FALSE(has_word(q, "kaca"));
  CHECK(has_word(lib.parser->parse("pencuci mata di mana?"), "mata"));
  // The passive prefix written apart is joined; a place after "di" is not.
  Library passive("Cedera\n\nCedera yang sering dialami atlet adalah terkilir. Latihan di lapangan.\n\n"
                  "Bulu tangkis dimainkan di lapangan. Atlet bulu tangkis berlatih keras. Bulutangkis populer.\n");
  auto q2 = passive.parser->parse("cedera apa yg sering di alami atlit bulu tangkis di lapangan?");
  CHECK(has_word(q2, "dialami"));
  CHECK(has_word(q2, "lapangan"));
  // The knowledge writes "bulu tangkis" apart more often than joined: the pair stays.
  CHECK(has_word(q2, "bulu"));
}

TEST_CASE("QueryParser_NameInFull_FindsTheAcronymTheKnowledgeWrites", "[bot][unit][query]") {
  // The article writes "SMP" and "NISN" only; a student writes the names in
  // full. Each word of the name finds the acronym, as a phrase alias does.
  Library lib("Olimpiade\n\nSiswa SMP mengikuti lomba Matematika dan IPA. Peserta mendaftar dengan NISN.\n\n"
              "Siswa SD mengikuti lomba pada hari pertama. Siswa membawa KK dan kartu pelajar.\n");
  auto has_synonym = [](const Query& q, const std::string& surface, const std::string& synonym) {
    return std::any_of(q.terms.begin(), q.terms.end(), [&](const QueryTerm& t) {
      return t.surface == surface && std::find(t.synonyms.begin(), t.synonyms.end(), synonym) != t.synonyms.end();
    });
  };
  auto smp = lib.parser->parse("Lomba apa saja untuk siswa sekolah menengah pertama?");
  CHECK(has_synonym(smp, "sekolah", "smp"));
  CHECK(has_synonym(smp, "menengah", "smp"));
  CHECK(has_synonym(smp, "pertama", "smp"));
  CHECK(has_synonym(lib.parser->parse("nomor induk siswa nasional dicek di mana?"), "induk", "nisn"));
  // A verb is no word of a name ("sekolah melayani pendaftaran": s, m, p),
  // and two words are too few ("kartu keluarga" is not read as "KK").
  CHECK_FALSE(has_synonym(lib.parser->parse("kapan sekolah melayani pendaftaran?"), "sekolah", "smp"));
  CHECK_FALSE(has_synonym(lib.parser->parse("kartu keluarga dibawa kapan?"), "kartu", "kk"));
}

TEST_CASE("QueryParser_UnitAsSaid_FindsTheUnitAsWritten", "[bot][unit][query]") {
  // synonyms.txt: "47 kilo" is what the page writes "45 kg".
  Library lib("Donor Darah\n\nBerat badan pendonor sekurang-kurangnya 45 kg.\n");
  auto q = lib.parser->parse("berat saya cuma 47 kilo, boleh donor?");
  CHECK(std::any_of(q.terms.begin(), q.terms.end(), [](const QueryTerm& t) {
    return t.surface == "kilo" && std::find(t.synonyms.begin(), t.synonyms.end(), "kg") != t.synonyms.end();
  }));
}

TEST_CASE("QueryParser_EventVerbs_AreNoTopic", "[bot][unit][query]") {
  // "Kapan pembekalan dilaksanakan?" asks when the briefing is; the verb is
  // a frame word whichever passage happens to use it.
  Library lib("PKL\n\nPKL dilaksanakan di dunia usaha.\n\nPembekalan PKL di aula sekolah pada 15 Desember.\n");
  auto q = lib.parser->parse("Kapan pembekalan PKL dilaksanakan?");
  CHECK(generic_of(q, "dilaksanakan") == 1);
  CHECK(generic_of(q, "pembekalan") == 0);
  // Chat's "waktu" is mostly "ketika" (when): no topic of its own.
  auto when = lib.parser->parse("apa yang dibawa waktu pembekalan PKL?");
  CHECK(generic_of(when, "waktu") == 1);
  CHECK(generic_of(when, "pembekalan") == 0);
}

TEST_CASE("QueryParser_NameInAWhoQuestion_IsNoTopic", "[bot][unit][query]") {
  // "Nama teknisi komputer siapa?" asks a name, as "siapa" does: a passage
  // writing "bernama" is no better for it (question_types.tsv "frame"). It
  // asks a person's name ("person" within "who"), which the passage must write.
  // Asked about otherwise ("salah ketik nama"), the name is the topic.
  Library lib("Layanan TIK\n\nJaringan Wi-Fi siswa bernama SMPN7-Siswa.\n\n"
              "Layanan TIK dikelola Ibu Sari Rahmawati (teknisi komputer).\n\nNama di paspor yang salah ketik diperbaiki.\n");
  auto who = lib.parser->parse("Nama teknisi komputer sekolah siapa?");
  CHECK(who.question_type == "person");
  CHECK(generic_of(who, "nama") == 1);
  CHECK(generic_of(who, "teknisi") == 0);
  CHECK(generic_of(lib.parser->parse("Apakah salah ketik nama di paspor bisa dibetulkan?"), "nama") == 0);
}

TEST_CASE("QueryParser_ClippedName_ReadsAsTheKnowledgesTwoWords", "[bot][unit][query]") {
  // Chat clips a name of two words and joins the parts ("bukber" for buka
  // bersama, "mayjen" for mayor jenderal); read as the pair the knowledge
  // writes. A typo of one word stays a typo, an English word English.
  Library lib("Sanlat\n\nBuka puasa bersama diadakan Kamis sore. Buka bersama diisi tausiyah.\n\n"
              "Data pribadi diincar penipu. Gangguan mental perlu ditangani.\n");
  auto q = lib.parser->parse("bukber nya kapan sih kak?");
  CHECK(has_term(q, "buka"));
  CHECK(has_term(q, "bersama"));
  CHECK_FALSE(has_term(q, "bukber"));
  auto typo = lib.parser->parse("kenapa data pribdi diincar?");
  CHECK(has_term(typo, "pribadi"));
  CHECK_FALSE(has_term(lib.parser->parse("main game apa yang bagus?"), "gangguan"));
  // The second word's closed last syllable ("pas-lon"); not an open one
  // ("kemana" is no "kem-" of kemewahan and "-ana" of istana).
  Library vote("Pemilihan\n\nPasangan calon mendaftar pada Agustus. Pasangan calon berkampanye dua minggu.\n\n"
               "Kemewahan istana dipamerkan. Kemewahan istana menarik turis.\n");
  auto paslon = vote.parser->parse("paslon daftar kapan?");
  CHECK(has_term(paslon, "pasangan"));
  CHECK(has_term(paslon, "calon"));
  CHECK_FALSE(has_term(vote.parser->parse("turisnya pergi kemana?"), "istana"));
}

TEST_CASE("QueryParser_WhenNouns_AreNoTopic", "[bot][unit][query]") {
  // "jam berapa" asks when; "jam" is the kind of answer, not what the
  // question is about, so a passage writing "jam" is no better for it.
  Library lib("Upacara\n\nUpacara dimulai pukul 07.00 setiap hari Senin.\n\nJam pelajaran pertama 40 menit.\n");
  auto q = lib.parser->parse("jam berapa upacara hari senin dimulai?");
  bool seen_jam = false;
  for (const auto& t : q.terms) {
    if (t.surface == "jam") {
      seen_jam = true;
      CHECK(t.generic);
    }
    if (t.surface == "upacara") CHECK_FALSE(t.generic);
  }
  CHECK(seen_jam);
}

TEST_CASE("QueryParser_WherePlaceWord_IsTheKindOfAnswer", "[bot][unit][query]") {
  // "di mana tempat X?" asks a place; "tempat" names the kind of answer
  // (question_types.tsv "where frame"), as "nama" does in a who question.
  Library lib("Loker\n\nLoker disewa di samping pos satpam.\n\nTempat sampah ada di setiap kelas.\n");
  auto q = lib.parser->parse("di mana tempat sewa loker?");
  CHECK(q.question_type == "where");
  bool seen = false;
  for (const auto& t : q.terms) {
    if (t.surface == "tempat") {
      seen = true;
      CHECK(t.generic);
    }
    if (t.surface == "loker") CHECK_FALSE(t.generic);
  }
  CHECK(seen);
}

TEST_CASE("QueryParser_ExtentWordBeforeTheQuestionWord_IsNoTopic", "[bot][unit][query]") {
  // "sampai berapa hari" asks how far an amount goes: the answer writes a
  // figure, and "sampai" (which this article writes in "Senin sampai
  // Jumat") is part of the asking. Elsewhere it is a word like any other.
  const auto& lib = library();
  CHECK(generic_of(lib.parser->parse("buku boleh dipinjam sampai berapa hari?"), "sampai") == 1);
  CHECK(generic_of(lib.parser->parse("buku boleh dipinjam sampai kapan?"), "sampai") == 1);
  CHECK(generic_of(lib.parser->parse("jam berapa petugas sampai di perpustakaan?"), "sampai") == 0);
}

TEST_CASE("QueryParser_SchoolGrades_RomanNumeralsAreDigits", "[bot][unit][query]") {
  // Schools write "kelas X"; students write "kelas 10".
  Library lib("Pramuka\n\nPramuka wajib diikuti seluruh siswa kelas X.\n");
  auto q = lib.parser->parse("pramuka wajib buat kelas 10?");
  auto ten = std::find_if(q.terms.begin(), q.terms.end(), [](const QueryTerm& t) { return t.surface == "10"; });
  REQUIRE(ten != q.terms.end());
  CHECK(std::find(ten->synonyms.begin(), ten->synonyms.end(), "x") != ten->synonyms.end());
}

TEST_CASE("QueryParser_Names_AreWordsCapitalisedInsideASentenceOrInCapitals", "[bot][unit][query]") {
  Library lib;
  auto q = lib.parser->parse("Berapa denda buku di Perpustakaan Nasional? Kartu PNS bisa dipakai?");
  auto name = [&](const std::string& surface) {
    auto t = std::find_if(q.terms.begin(), q.terms.end(), [&](const QueryTerm& x) { return x.surface == surface; });
    REQUIRE(t != q.terms.end());
    return t->name;
  };
  CHECK(name("perpustakaan"));
  CHECK(name("nasional"));
  CHECK(name("pns"));        // in capitals, wherever it stands
  CHECK_FALSE(name("kartu"));  // a sentence starts there
  CHECK_FALSE(name("denda"));
  // A name is no chat word to make standard.
  CHECK(has_word(lib.parser->parse("harga emas Antam berapa?"), "antam"));
}

TEST_CASE("QueryParser_DictionaryWordOneLetterShortOfTheKnowledgesWord_IsASlip", "[bot][unit][query]") {
  // "berlau" is in hunspell-id, but beside an article writing "berlaku" it
  // is that word with a letter left out; "sabtu" is no "satu".
  Library lib("Kartu\n\nKartu pelajar berlaku satu tahun dan dicetak ulang setiap Senin.\n");
  CHECK(has_term(lib.parser->parse("kartu berlau berapa lama?"), "berlaku"));
  CHECK_FALSE(has_term(lib.parser->parse("kartu dicetak hari sabtu?"), "satu"));
  // A four-letter word no dictionary knows, short of a knowledge word by a
  // letter: too short for other edits, this slip is read.
  Library tasks("Tugas\n\nTugas pengurus adalah mencetak kartu setiap Senin.\n");
  CHECK(has_term(tasks.parser->parse("tugs pengurus apa?"), "tugas"));
  // Four letters of the dictionary too ("ketu", "sura"): a slip beside the
  // knowledge's "ketua", "suara"; "satu" (a thesaurus headword) stays itself.
  Library club("Klub\n\nKetua klub dipilih dengan suara terbanyak setiap Sabtu.\n");
  CHECK(has_term(club.parser->parse("siapa ketu klub?"), "ketua"));
  CHECK(has_term(club.parser->parse("suranya dihitung kapan?"), "suara"));
  CHECK_FALSE(has_term(club.parser->parse("rapat satu kali?"), "sabtu"));
}

TEST_CASE("QueryParser_TheDayOfAsking_IsAUnitOfTimeWithIni", "[bot][unit][query]") {
  Library lib;
  CHECK(lib.parser->parse("Kapan jadwal ujian tahun ini?").asks_now == "tahun ini");
  CHECK(lib.parser->parse("denda hari ini berapa").asks_now == "hari ini");
  CHECK(lib.parser->parse("buku ini dendanya berapa?").asks_now.empty());
  CHECK(lib.parser->parse("raket zaman sekarang dari apa?").asks_now.empty());
}

TEST_CASE("QueryParser_ChatWordTheKnowledgeWrites_IsSearchedAsWritten", "[bot][unit][query]") {
  // "telat" is a chat word for "terlambat" (slang.tsv) and a dictionary word:
  // where the article writes it, the question searches it as written.
  Library writes("Denda\n\nBuku yang telat dikembalikan dikenai denda. Siswa yang terlambat membayar diberi surat.\n");
  CHECK(has_word(writes.parser->parse("kalau telat denda berapa?"), "telat"));
  Library standard("Denda\n\nBuku yang terlambat dikembalikan dikenai denda.\n");
  auto q = standard.parser->parse("kalau telat denda berapa?");
  CHECK(has_word(q, "terlambat"));
  CHECK_FALSE(has_word(q, "telat"));
}

TEST_CASE("QueryParser_ChatWordTheKnowledgeWritesInAnotherSense_IsItsFunctionWord", "[bot][unit][query]") {
  // "pas" is chat for "saat" (a function word) and a word of its own ("pas
  // foto", "pas di kepala"): searched as written only before a word the
  // knowledge writes after it; "pas di kantor" asks when.
  Library lib("Paspor\n\nBawa pas foto ukuran 4x6. Helm harus pas di kepala. Wawancara di kantor imigrasi singkat.\n");
  CHECK_FALSE(has_word(lib.parser->parse("pas di kantor imigrasi ada wawancara gak?"), "pas"));
  CHECK(has_word(lib.parser->parse("pas foto ukuran berapa?"), "pas"));
  CHECK(has_word(lib.parser->parse("helmnya harus pas di kepala?"), "pas"));
  CHECK(has_word(lib.parser->parse("ukurannya harus pas?"), "pas"));  // nothing follows: as written
}

TEST_CASE("QueryParser_EnglishWordInIndonesianQuestion_IsItsTranslationTheKnowledgeWrites", "[bot][unit][query]") {
  // Students mix English into Indonesian: "deadline" is FreeDict's "batas
  // waktu", which the article writes.
  Library lib("Pendaftaran\n\nBatas waktu pendaftaran adalah 31 Oktober pukul 23.59.\n");
  auto q = lib.parser->parse("deadline daftarnya kapan?");
  CHECK(has_term(q, "batas"));
  CHECK(has_term(q, "waktu"));
  CHECK(q.lang == "id");
  // With -nya written on: "deadlinenya" is the deadline.
  auto nya = lib.parser->parse("deadlinenya kapan sih?");
  CHECK(has_term(nya, "batas"));
  CHECK(has_term(nya, "waktu"));
  // A four-letter English word with -nya ("linknya", "formnya") too
  // (kMinNyaBase letters before it; they were one too many until the
  // forty-fourth session).
  Library form("Pendaftaran\n\nIsi formulir pendaftaran di ruang OSIS.\n");
  CHECK(has_term(form.parser->parse("formnya dapat di mana?"), "formulir"));
}

TEST_CASE("QueryParser_SeOfMeasure_IsTheAdjectiveTheKnowledgeWrites", "[bot][unit][query]") {
  // "setinggi apa" asks for a height; the article writes "tinggi" and
  // "ketinggian", never "setinggi". A se- word the article writes stays whole.
  Library lib("Kopi\n\nArabika tumbuh di tempat yang tinggi, sekitar 1.500 meter.\n");
  auto q = lib.parser->parse("arabika ditanam setinggi apa?");
  CHECK(has_word(q, "tinggi"));
  CHECK_FALSE(has_word(q, "setinggi"));
  CHECK(q.question_type == "amount");  // as "seberapa tinggi?" asks
  CHECK(has_word(lib.parser->parse("sekitar berapa meter?"), "sekitar"));
}

TEST_CASE("QueryParser_SmallTalkWordTheKnowledgeWritesOtherwise_IsATerm", "[bot][unit][query]") {
  // "pakai" belongs to the small-talk phrase "cara pakai"; where the article
  // writes "memakai", a question's "pake" is searched, not dropped as courtesy.
  Library lib("Seragam\n\nPada hari Jumat siswa memakai batik sekolah.\n");
  CHECK(has_term(lib.parser->parse("hari jumat pake baju apa?"), "pakai"));
}

TEST_CASE("QueryParser_TypoOfTheKnowledgesWord_BeatsAColloquialReading", "[bot][unit][query]") {
  // "kekersan" reads as ke-…-an around "kers" (a dictionary word, cherry),
  // but it is one letter off "kekerasan", which the article writes.
  Library lib("Kekerasan\n\nKekerasan di sekolah wajib dilaporkan kepada guru.\n");
  auto q = lib.parser->parse("bentuk kekersan apa aja");
  CHECK(has_term(q, "kekerasan"));
  CHECK_FALSE(has_term(q, "kers"));
}

TEST_CASE("QueryParser_ChatParticleTheKnowledgeWrites_IsAWord", "[bot][unit][query]") {
  // "kok" is chat for "how come", and the shuttlecock in an article on badminton.
  Library badminton("Kok\n\nKok terbuat dari bulu angsa. Kok sintetis dari nilon. Kok latihan lebih murah. "
                    "Kok bulu lebih stabil. Kok diganti bila rusak.\n");
  CHECK(has_term(badminton.parser->parse("kok buat latihan dari bahan apa?"), "kok"));
  Library other("Denda\n\nBuku yang terlambat dikembalikan dikenai denda.\n");
  CHECK_FALSE(has_term(other.parser->parse("kok dendanya mahal?"), "kok"));
}

TEST_CASE("QueryParser_EnglishFunctionWords_AreNoTopic", "[bot][unit][query]") {
  const auto& p = *library().parser;
  // Read as Indonesian (most of its words are not English), "does" is still
  // no topic; nor is what an apostrophe leaves, nor a dictionary phrase's "?".
  CHECK_FALSE(has_term(p.parse("What does denda buku perpustakaan terlambat mean?"), "does"));
  auto q = p.parse("How much does the library's fine cost?");
  CHECK_FALSE(has_term(q, "s"));
  CHECK(std::none_of(q.terms.begin(), q.terms.end(),
                     [](const QueryTerm& t) { return t.surface.find('?') != std::string::npos; }));
  // "the word X" names X: "word" is no topic (FreeDict's first sense is
  // "firman"); a contraction written without its apostrophe is none either.
  auto word = p.parse("what does the word fine actually mean?");
  CHECK_FALSE(has_term(word, "firman"));
  CHECK_FALSE(has_term(word, "word"));
  auto cant = p.parse("why cant i pay the fine");
  CHECK_FALSE(has_term(cant, "cant"));
  CHECK(has_term(cant, "denda"));
}

TEST_CASE("QueryParser_EnglishLoanInChat_IsTheKnowledgesForm", "[bot][unit][query]") {
  // The article writes "bullying"; a student writes "bully".
  Library lib("Perundungan\n\nKorban bullying sering enggan melapor karena takut dibalas.\n");
  auto q = lib.parser->parse("knp korban bully ga mau lapor");
  CHECK(has_term(q, "bullying"));
  CHECK_FALSE(has_term(q, "bully"));
}

TEST_CASE("QueryParser_RareEnglishWordThatIsAChatAbbreviation_IsTheKnowledgesWord", "[bot][unit][query]") {
  // "awl" is an English word (the tool) nothing in the article translates,
  // and the chat spelling of the "awal" it writes.
  Library lib("Tabungan\n\nSetoran awal tabungan pelajar adalah sepuluh ribu rupiah.\n");
  auto q = lib.parser->parse("setoran awl brp?");
  CHECK(has_term(q, "awal"));
  CHECK_FALSE(has_term(q, "awl"));
}

TEST_CASE("QueryParser_ThreeLettersWithAVowelLeftOut_AreTheKnowledgesWord", "[bot][unit][query]") {
  // "hri" is "hari" with its first vowel left out: "hari apa" asks a day.
  Library lib("Pemilihan\n\nPemungutan suara dilaksanakan pada hari Selasa pukul 07.30.\n");
  auto q = lib.parser->parse("pemungutan suara hri apa?");
  CHECK(q.question_type == "schedule");
  CHECK_FALSE(has_term(q, "hri"));
  // With no vowel of its own a word that short is an abbreviation.
  CHECK_FALSE(has_term(lib.parser->parse("smk boleh ikut?"), "sama"));
}

TEST_CASE("QueryParser_EnglishWordInChat_IsTranslatedBeforeATypoReading", "[bot][unit][query]") {
  // "seller" is one letter from the article's "seluler"; it is English, and
  // the article writes its translation (penjual).
  Library lib("Belanja\n\nPenjual wajib mengirim barang dalam dua hari. Matikan data seluler bila ragu.\n");
  auto q = lib.parser->parse("Seller-nya belum kirim barang, gimana?");
  CHECK(has_term(lib.parser->parse("sellernya belum kirim barang"), "penjual"));
  CHECK(has_term(q, "penjual"));
  CHECK_FALSE(has_term(q, "seluler"));
}

TEST_CASE("QueryParser_QuestionType_FromTheClauseThatAsks", "[bot][unit][query]") {
  // What the student says of themselves ("ga tau knp": for no reason) asks
  // nothing beside a clause that does.
  const auto& p = *library().parser;
  CHECK(p.parse("aku sering telat ga tau knp, denda keterlambatan dibayar ke siapa?").question_type == "who");
  // Two clauses that both ask: the first question word still names it (an
  // amount, narrowed to a price by "dibayar").
  CHECK(p.parse("denda keterlambatan berapa, dan dibayar ke siapa?").question_type == "price");
}

TEST_CASE("QueryParser_NarrowingWords_NarrowTheType", "[bot][unit][query]") {
  // question_types.tsv: "berapa" with "harga", "biaya", "bayar" asks for a
  // price (a passage with "Rp", "gratis"), not any number; the words stay topic words.
  const auto& p = *library().parser;
  auto q = p.parse("Berapa harga buku tulis di koperasi?");
  CHECK(q.question_type == "price");
  CHECK(has_term(q, "harga"));
  CHECK(p.parse("brp biayanya kak?").question_type == "price");
  CHECK(p.parse("How much does the card cost?").question_type == "price");
  // Money words in a question of another kind leave its type alone ("kapan
  // … buka" stays a time: QuestionWords above).
  CHECK(p.parse("Mengapa harga buku mahal?").question_type == "reason");
  // "berapa lama", "how long" ask a duration ("empat bulan", "seminggu");
  // "selama" (stem "lama") names none: "=lama" narrows as written only.
  CHECK(p.parse("Berapa lama buku boleh dipinjam?").question_type == "duration");
  CHECK(p.parse("pinjam buku lamanya brp hari?").question_type == "duration");
  CHECK(p.parse("How long is a book loan?").question_type == "duration");
  CHECK(p.parse("Berapa siswa yang ikut selama kegiatan?").question_type == "amount");
  // "kapan" with "jadwal" or "tanggal" asks a schedule: a day, a month, an
  // hour (a year alone is no schedule).
  CHECK(p.parse("Kapan jadwal ujian akhir semester?").question_type == "schedule");
  // "seberapa sering", "berapa kali" ask how often: "setiap bulan", "seminggu sekali".
  CHECK(p.parse("Seberapa sering kotak obat harus dicek?").question_type == "frequency");
  CHECK(p.parse("sehari dikasih makan berapa kali?").question_type == "frequency");
  // English asks so as a phrase (english_common.tsv): "how often" is not "bagaimana".
  CHECK(p.parse("How often is the first aid kit checked?").question_type == "frequency");
  CHECK(p.parse("How far is the library from the school?").question_type == "amount");
  // A phone number, an address, an acronym's expansion (strict_types.txt), the
  // narrowing word as written ("kepanjangannya", whose stem "panjang" is long)
  // or by its stem, after "apa itu" too; chat "tu" is "itu".
  CHECK(p.parse("nomor telepon koperasi berapa?").question_type == "phone");
  CHECK(p.parse("no wa ketua koperasi brp kak?").question_type == "phone");
  CHECK(p.parse("kantor koperasinya alamatnya di mana?").question_type == "address");
  for (const char* q : {"Apa kepanjangan SHU?", "SHU itu singkatan dari apa?", "SHU tu kepanjangannya apa sih?",
                        "apa itu kependekannya SHU?"}) {
    CAPTURE(q);
    CHECK(p.parse(q).question_type == "expansion");
  }
  CHECK(p.parse("Berapa panjang meja koperasi?").question_type == "amount");
}

TEST_CASE("QueryParser_TimeNounBeforeQuestionWord_AsksWhen", "[bot][unit][query]") {
  // question_types.tsv "before": "hari apa", "jam brp" ask a schedule (a day
  // or an hour), "tahun berapa" asks when; the noun after the question word
  // asks what it asks.
  const auto& p = *library().parser;
  CHECK(p.parse("perpustakaan buka hari apa aja?").question_type == "schedule");
  CHECK(p.parse("tutupnya jam brp kak?").question_type == "schedule");
  CHECK(p.parse("Koperasi sekolah berdiri tahun berapa?").question_type == "when");
  CHECK(p.parse("Berapa hari buku boleh dipinjam?").question_type == "amount");
  CHECK(p.parse("Buku apa yang paling sering dipinjam?").question_type == "what");
  // With "jadwal", the time asked is a schedule.
  CHECK(p.parse("jadwal piketnya hari apa?").question_type == "schedule");
}

TEST_CASE("QueryParser_RequestWords_AreNoTerms", "[bot][unit][query]") {
  // "jelaskan" says what to do with the answer; searched, it would find "jelas".
  const auto& p = *library().parser;
  auto q = p.parse("jelaskan denda keterlambatan");
  CHECK_FALSE(has_term(q, "jelaskan"));
  CHECK(has_term(q, "denda"));
  CHECK_FALSE(has_term(p.parse("sebutkan koleksi perpustakaan"), "sebutkan"));
}

TEST_CASE("QueryParser_ChatSlang_IsNormalised", "[bot][unit][query]") {
  const auto& p = *library().parser;
  auto q = p.parse("gmn cara pinjem buku??");
  CHECK(has_word(q, "bagaimana"));
  CHECK(q.question_type == "how");
  CHECK(has_term(q, "buku"));
  // A repeated letter is chat emphasis, not a new word.
  CHECK(has_term(p.parse("dendaaa berapa"), "denda"));
  // "abis" in a chat question is "after", a function word, not "habis".
  auto after = p.parse("abis pinjam buku, kartunya dibalikin?");
  CHECK_FALSE(has_term(after, "habis"));
  CHECK(has_term(after, "buku"));
  // The social networks by their chat names: "ig" is Instagram.
  CHECK(has_term(p.parse("nama ig perpustakaan apa?"), "instagram"));
}

TEST_CASE("QueryParser_CountFindsItsWord_NotAClassNorAnOrdinal", "[bot][unit][query]") {
  const auto& p = *library().parser;
  auto synonyms_of = [&](const std::string& question, const std::string& stem) {
    auto q = p.parse(question);
    for (const auto& t : q.terms)
      if (t.stem == stem) return t.synonyms;
    return std::vector<std::string>{};
  };
  auto has = [](const std::vector<std::string>& v, const char* w) { return std::find(v.begin(), v.end(), w) != v.end(); };
  // A count: "3 jam" is "tiga jam".
  CHECK(has(synonyms_of("lebih dari 3 jam di stasiun gimana?", "3"), "tiga"));
  // "kelas 3" names a class (the analyzer reads "kelas tiga" as it), and
  // "yg ketiga" an ordinal: neither searches "tiga" anywhere.
  CHECK_FALSE(has(synonyms_of("pasien kelas 3 bisa pindah?", "3"), "tiga"));
  for (const auto& t : p.parse("yg ketiga apa?").terms) CHECK_FALSE(has(t.synonyms, "3"));
}

TEST_CASE("QueryParser_SmallTalk_OnlyWhenNothingElseIsAsked", "[bot][unit][query]") {
  const auto& p = *library().parser;
  CHECK_FALSE(p.parse("halo").smalltalk.empty());
  CHECK_FALSE(p.parse("makasih ya kak").smalltalk.empty());
  CHECK(p.parse("makasih ya kak").terms.empty());
  // Greetings of the regions and faiths, and a moment asked for.
  CHECK(p.parse("horas bah").smalltalk == "greeting");
  CHECK(p.parse("Om Swastiastu, mau tanya").smalltalk == "help");
  CHECK(p.parse("sampurasun min, selamat siang. saya warga RT 03, boleh nanya-nanya sebentar?").smalltalk == "help");
  CHECK(p.parse("salam, apa syarat SKTM?").smalltalk.empty());
  // Wanting to consult asks for help; asking whether a consultation can be
  // had some way asks about the service a site offers (legal aid, counselling).
  CHECK(p.parse("sy mau konsultasi kak").smalltalk == "help");
  CHECK(p.parse("Bisa konsultasi lewat video call nggak?").smalltalk.empty());
  // A time-of-day word after "yang" or a follow-up cue names which one
  // ("the afternoon session?"); alone or with "selamat" it greets.
  CHECK(p.parse("kalau yang siang?").smalltalk.empty());
  CHECK(p.parse("yg pagi?").smalltalk.empty());
  CHECK(p.parse("siang").smalltalk == "greeting");
  CHECK(p.parse("selamat siang kak").smalltalk == "greeting");
  // A courtesy before a question is still a question.
  auto q = p.parse("halo, kapan perpustakaan buka?");
  CHECK(q.smalltalk.empty());
  CHECK(has_term(q, "perpustakaan"));
  // Asking leave to ask, naming the subject, is not the question yet; a
  // question word after the subject is.
  CHECK(p.parse("Halo kak, boleh tanya-tanya soal perpustakaan nggak?").smalltalk == "help");
  CHECK(p.parse("mau tanya tentang denda buku").smalltalk == "help");
  CHECK(p.parse("mau tanya tentang denda buku, berapa?").smalltalk.empty());
  CHECK(p.parse("boleh tanya soal jam buka perpustakaan hari sabtu dan minggu").smalltalk.empty());
  // A request for help may say what for, ending in a yes/no tag; a request
  // word makes it a question.
  CHECK(p.parse("Pagi kak, aku mau nanya soal tugas sekolah, boleh?").smalltalk == "help");
  CHECK(p.parse("kak bisa bantu aku belajar buat ujian nggak?").smalltalk == "help");
  CHECK(p.parse("kak bisa bantu jelasin denda buku nggak?").smalltalk.empty());
  CHECK(p.parse("mau tanya denda buku").smalltalk.empty());
  // A closing may carry a short remark; not a question mark, a question word
  // or a request.
  CHECK(p.parse("oke makasih ya udah dibantu, dadah").smalltalk == "goodbye");
  CHECK(p.parse("Makasih kak, sekarang aku udah paham. Sampai jumpa!").smalltalk == "goodbye");
  CHECK(p.parse("makasih, terus denda buku?").smalltalk.empty());
  CHECK(p.parse("makasih, jelaskan juga denda buku").smalltalk.empty());
  CHECK(p.parse("makasih, kapan perpustakaan buka").smalltalk.empty());
  // Help or an explanation already given ("udah", "sudah" before it) is
  // thanked for, not asked.
  CHECK(p.parse("Makasih banyak ya udah bantu jelasin, penjelasannya gampang dipahami banget!").smalltalk == "thanks");
  CHECK(p.parse("makasih, tolong jelasin lagi soal denda buku").smalltalk.empty());
  // "nggak … lagi" says "no longer": a remark, not a request for more.
  CHECK(p.parse("Makasih banyak ya, sekarang aku jadi nggak deg-degan lagi buat ujian!").smalltalk == "thanks");
  CHECK(p.parse("makasih kak, ada lagi ga contohnya").smalltalk.empty());
  // A closing in a message of clauses whose remarks ask nothing is the
  // closing, however long the remarks; a question word or a "?" asks.
  CHECK(p.parse("oke makasih banyak ya kak, penjelasannya gampang dimengerti, sekarang aku mau lanjut latihan soal "
                "dulu").smalltalk == "thanks");
  CHECK(p.parse("udah ya min, mau tidur. good night").smalltalk == "goodbye");
  CHECK(p.parse("oke makasih banyak ya kak, sekarang aku mau lanjut latihan soal denda buku yang kemarin, "
                "gimana caranya").smalltalk.empty());
  CHECK(p.parse("oke makasih banyak ya kak, sekarang aku mau lanjut latihan soal denda buku yang kemarin, "
                "boleh?").smalltalk.empty());
  // Clauses each of them small talk make small talk, the weightiest naming
  // it; one clause that asks something makes a question.
  CHECK(p.parse("Halo, selamat pagi! Kamu ini bot apa ya, bisa bantu aku belajar buat ulangan?").smalltalk == "identity");
  CHECK(p.parse("Halo! Apa itu ensiklopedia?").smalltalk.empty());
  // A last letter typed twice, a laugh alone, an English "sorry", praise, and
  // asking whether a person answers (a blind chat set's messages).
  CHECK(p.parse("haloo kak").smalltalk == "greeting");
  CHECK(p.parse("okee siapp").smalltalk == "thanks");
  CHECK(p.parse("wkwkwk").smalltalk == "greeting");
  CHECK(p.parse("kok gitu?").smalltalk.empty());
  CHECK(p.parse("sorry ganggu malem2 kak").smalltalk == "greeting");
  CHECK(p.parse("keren bgt botnya, pinter").smalltalk == "thanks");
  CHECK(p.parse("ini yg bales bot apa orang beneran sih?").smalltalk == "identity");
  CHECK(p.parse("ini bot ya? atau orang beneran?").smalltalk == "identity");
  // "this" and a word addressing whoever answers, asked: who answers.
  CHECK(p.parse("ini admin ya?").smalltalk == "identity");
  CHECK(p.parse("ini kamu bukan").smalltalk == "identity");
  CHECK(p.parse("ini kak").smalltalk.empty());
  CHECK(p.parse("min ini jadwal UTS kapan?").smalltalk.empty());
  // One word more about tanya ("dari sekolah") asks nothing of a subject; a
  // question word does.
  CHECK(p.parse("Halo, selamat pagi! Kamu ini siapa ya, bot dari sekolah atau orang beneran?").smalltalk == "identity");
  CHECK(p.parse("orang asli suku apa yang tinggal di sana?").smalltalk.empty());
  // Asking whether tanya is the bot of a subject names the subject and asks
  // nothing of it; with a question word it asks.
  CHECK(p.parse("Halo kak, ini bot info SIM dari sekolah ya?").smalltalk == "identity");
  CHECK(p.parse("siapa kamu harus lapor kalau ada kecelakaan?").smalltalk.empty());
  CHECK(p.parse("kamu siapa? bisanya bantu apa aja?").smalltalk == "help");  // the longer phrase names it
  CHECK(p.parse("Makasih! Terus dendanya berapa?").smalltalk.empty());
  // What the student is doing, said beside a request for leave to ask, says
  // why they ask; said beside a greeting only, it may be the question itself.
  CHECK(p.parse("halo kak, selamat siang! aku lagi ngerjain tugas seni budaya nih, boleh nanya-nanya ya?").smalltalk ==
        "help");
  CHECK(p.parse("aku lagi belajar buat ulangan, boleh tanya?").smalltalk == "help");
  // "dulu" (first) asks nothing: "boleh tanya dulu?" still asks leave to ask.
  CHECK(p.parse("Halo kak, saya boleh tanya dulu?").smalltalk == "help");
  CHECK(p.parse("permisi, saya mau bertanya dulu").smalltalk == "help");
  // Asking to be helped, in the passive or with "minta" ("minta tolong
  // dibantu"), is a request for help as much as "bisa bantu?".
  CHECK(p.parse("boleh minta tolong dibantu ya?").smalltalk == "help");
  CHECK(p.parse("halo kak, aku lagi ngerjain tugas sejarah soal denda nih, boleh minta tolong dibantu ya?").smalltalk ==
        "help");
  CHECK(p.parse("minta tolong dibantu jelasin denda buku").smalltalk.empty());
  // A plea in a clause of its own, after a greeting and who writes ("boleh
  // minta bantuannya bentar?"); being curious about a subject ("kepo soal
  // X") says what will be asked, and the message still asks leave.
  CHECK(p.parse("assalamualaikum kak, selamat pagi. aku mahasiswa semester 6 nih, boleh minta bantuannya bentar?")
            .smalltalk == "help");
  CHECK(p.parse("Halo kak, aku anak kelas 10 yg lagi kepo banget soal pramuka nih, boleh tanya-tanya dulu ga?")
            .smalltalk == "help");
  CHECK(p.parse("halo, aku mau tau info beasiswa, boleh tanya?").smalltalk.empty());
  // An emoji ends a clause as a mark does ("selamat pagi 🙏 aku baru lulus
  // SMK").
  CHECK(p.parse("Assalamualaikum min, selamat pagi \xF0\x9F\x99\x8F aku baru lulus SMK tahun lalu, boleh tanya-tanya "
                "dikit soal pelatihan di sini?")
            .smalltalk == "help");
  CHECK(p.parse("halo kak \xF0\x9F\x99\x8F jadwal pelatihan kapan?").smalltalk.empty());
  // Being unsure what to do, said of oneself, asks nothing beside a request
  // for leave; a question after it still asks.
  CHECK(p.parse("Selamat siang kak, aku lagi bingung mau ngapain, boleh tanya-tanya dulu ga?").smalltalk == "help");
  CHECK(p.parse("aku bingung mau ngapain, jadwal pelatihan kapan?").smalltalk.empty());
  // A greeting naming whose admin is addressed, beside a request for leave;
  // on its own such a clause may be the question.
  CHECK(p.parse("pagi kak admin museum, aku mau nanya dikit boleh?").smalltalk == "help");
  CHECK(p.parse("pagi min jadwal ujian").smalltalk.empty());
  // The same in English, and the courtesies around asking: an apology for
  // the bother, a reply to a greeting.
  CHECK(p.parse("hi there, can you help me with my homework?").smalltalk == "help");
  CHECK(p.parse("hello, i'm a student from malaysia, can i ask something?").smalltalk == "help");
  CHECK(p.parse("hello, i'm a student, when does the library open?").smalltalk.empty());
  CHECK(p.parse("maaf kak mau nanya").smalltalk == "help");
  CHECK(p.parse("selamat malam kak, maaf ganggu").smalltalk == "greeting");
  CHECK(p.parse("waalaikumsalam").smalltalk == "greeting");
  CHECK(p.parse("p kak, ada orang ga?").smalltalk == "greeting");
  CHECK(p.parse("maaf kak ganggu malem2").smalltalk == "greeting");
  CHECK(p.parse("halo kak, lagi sibuk ga?").smalltalk == "greeting");
  CHECK_FALSE(p.parse("kalau lagi sibuk ujian, boleh izin latihan ga?").smalltalk == "greeting");
  CHECK(p.parse("izin bertanya kak").smalltalk == "help");
  CHECK(p.parse("thank u kak").smalltalk == "thanks");
  CHECK(p.parse("ok, see u next time").smalltalk == "goodbye");
  CHECK(p.parse("are you a robot?").smalltalk == "identity");
  // An English question with its auxiliary first asks, "?" or not: the "ok"
  // in it is no thanks. A closing remark stays one.
  CHECK(p.parse("is it ok to run with earphones").smalltalk.empty());
  CHECK(p.parse("hey is it ok to bring my dog").smalltalk.empty());
  CHECK(p.parse("ok thanks").smalltalk == "thanks");
  CHECK(p.parse("is that all, thanks").smalltalk == "thanks");
  CHECK(p.parse("izin bertanya kak, kapan perpustakaan buka?").smalltalk.empty());
  CHECK(p.parse("halo kak, saya bingung soal denda buku").smalltalk.empty());
  CHECK(p.parse("Halo kak, saya mau tanya, kapan perpustakaan buka?").smalltalk.empty());
  // A question put off till later ("besok", "nanti") is no question now; "sudah
  // dulu" ends a chat; "bot" addresses tanya; "namanya siapa" after "ini bot
  // ya?" asks who tanya is.
  CHECK(p.parse("oke deh kak makasih banyak ya penjelasannya, besok aku tanya lagi").smalltalk == "thanks");
  CHECK(p.parse("makasih, nanti kapan perpustakaan buka?").smalltalk.empty());
  CHECK(p.parse("dah dulu ya kak, mau les").smalltalk == "goodbye");
  // "cukup" (enough) asked about with a question word closes nothing.
  CHECK(p.parse("kalo ga cukup gmn?").smalltalk.empty());
  CHECK(p.parse("udah cukup kak").smalltalk == "goodbye");
  CHECK(p.parse("hai bot").smalltalk == "greeting");
  CHECK(p.parse("ini bot ya? namanya siapa").smalltalk == "identity");
  CHECK(p.parse("bot, kapan perpustakaan buka?").smalltalk.empty());
  CHECK(p.parse("ini bot ya? siapa yang boleh meminjam buku?").smalltalk.empty());
  // "lagi" asks for more ("ada contoh lain lagi?"), but not inside a goodbye.
  CHECK(p.parse("Makasih banyak ya udah bantu jawab pertanyaan-pertanyaanku, sampai jumpa lagi!").smalltalk == "goodbye");
  // Thanks that also take leave end the chat; "sudah" alone is done; a
  // message of nothing but "please" asks for help; wanting to know
  // something asks it (the second blind small-talk set).
  CHECK(p.parse("ok bye thx").smalltalk == "goodbye");
  CHECK(p.parse("oke makasih kak, udah dulu ya").smalltalk == "goodbye");
  CHECK(p.parse("makasih udah bantu").smalltalk == "thanks");
  CHECK(p.parse("dah kak").smalltalk == "goodbye");
  CHECK(p.parse("udah berapa lama perpustakaan buka?").smalltalk.empty());
  CHECK(p.parse("kak, boleh minta tolong?").smalltalk == "help");
  CHECK(p.parse("tolong").smalltalk == "help");
  CHECK(p.parse("minta maaf kak").smalltalk == "greeting");
  CHECK(p.parse("tolong jelaskan denda buku").smalltalk.empty());
  CHECK(p.parse("bisa bantu ga, aku mau tau info denda buku").smalltalk.empty());
  CHECK(p.parse("ini chat sama guru atau AI?").smalltalk == "identity");
  CHECK(p.parse("kak aku bingung, bisa bantuin?").smalltalk == "help");
  // Asked of tanya itself, with words between; a question naming a subject
  // beside "kamu" stays a question.
  CHECK(p.parse("Halo kak, selamat siang! Kamu ini sebenarnya siapa?").smalltalk == "identity");
  CHECK(p.parse("kamu bisa bantu aku apa aja?").smalltalk == "help");
  CHECK(p.parse("menurut kamu siapa yang paling rajin membaca buku?").smalltalk.empty());
  CHECK(p.parse("kamu tahu kapan perpustakaan buka?").smalltalk.empty());
  // What tanya can help with, after words about the student; "apa" that goes
  // on to a topic asks that topic.
  CHECK(p.parse("Halo kak! Aku murid baru kelas 7, kamu bisa bantu jawab pertanyaan apa aja ya soal perpustakaan?")
            .smalltalk == "help");
  CHECK(p.parse("Aku lagi belajar buat ujian nih, kamu bisa bantu jawab pertanyaan apa aja?").smalltalk == "help");
  CHECK(p.parse("kamu bisa bantu jelasin apa itu denda buku?").smalltalk.empty());
  CHECK(p.parse("kamu bisa bantu jawab apa syarat pinjam buku?").smalltalk.empty());
  // Asking who answers with the words for it (answerer_words.txt), pointed
  // at, addressed or set against each other; "ini" after them points at a
  // topic, and a question word of another type asks (a third blind
  // small-talk set, forty-fourth session).
  CHECK(p.parse("ini bot apa manusia sih").smalltalk == "identity");
  CHECK(p.parse("kak ini guru atau admin?").smalltalk == "identity");
  CHECK(p.parse("kamu chatbot ya").smalltalk == "identity");
  CHECK(p.parse("lagi ngobrol sama asisten virtual ya?").smalltalk == "identity");
  CHECK(p.parse("ini auto reply ya").smalltalk == "identity");
  CHECK(p.parse("mimin manusia bukan sih").smalltalk == "identity");
  CHECK(p.parse("Siapa guru yang membina ekstrakurikuler ini?").smalltalk.empty());
  CHECK(p.parse("siapa gurunya?").smalltalk.empty());
  CHECK(p.parse("ini petugas kapan datang?").smalltalk.empty());
  CHECK(p.parse("ini orang tua boleh ikut lomba ya?").smalltalk.empty());
  CHECK(p.parse("hai bot").smalltalk == "greeting");
  CHECK(p.parse("bot ini bisa jawab apa aja?").smalltalk == "help");
  CHECK(p.parse("Mohon maaf, dengan siapa saya berbicara?").smalltalk == "identity");
  CHECK(p.parse("maaf, apakah ini dijawab langsung oleh petugas desa?").smalltalk == "identity");
  CHECK(p.parse("adminnya namanya siapa kak?").smalltalk == "identity");
  CHECK(p.parse("siapa yang menjawab surat keberatan dari warga?").smalltalk.empty());
  // A greeting beside who is writing (person_roles.txt) asks nothing; beside
  // what they are doing or a topic, it may be the question.
  CHECK(p.parse("halo kak, saya wali murid kelas 8").smalltalk == "greeting");
  CHECK(p.parse("Assalamualaikum bu, saya orang tua dari Rafa kelas 5B").smalltalk == "greeting");
  CHECK(p.parse("hallo, saya warga RT 03 desa sini").smalltalk == "greeting");
  CHECK(p.parse("Assalamu'alaikum, selamat sore. Saya Pak Darto dari Dusun Krajan.").smalltalk == "greeting");
  CHECK(p.parse("halo kak, saya orang tua, bingung soal denda buku").smalltalk.empty());
  CHECK(p.parse("halo kak, aku siswa kelas 10 yang mau pinjam buku").smalltalk.empty());
  // Help put off till later is promised, not asked; help and what may be
  // asked said in other words.
  CHECK(p.parse("nanti aku tanya lagi ya kak, bye").smalltalk == "goodbye");
  CHECK(p.parse("apa aja yang bisa ditanyain disini?").smalltalk == "help");
  CHECK(p.parse("aku butuh bantuan").smalltalk == "help");
  CHECK(p.parse("aku butuh bantuan cari buku sejarah").smalltalk.empty());
  CHECK(p.parse("min tolongin aku dong").smalltalk == "help");
  CHECK(p.parse("nanya dikit boleh kan min").smalltalk == "help");
  CHECK(p.parse("suwun nggih").smalltalk == "thanks");
  CHECK(p.parse("kulonuwun").smalltalk == "greeting");
  CHECK(p.parse("saya tutup dulu chatnya, selamat siang").smalltalk == "goodbye");
  // A greeting or well-wishing beside thanks is thanks; beside a greeting,
  // who writes asks nothing; how much is asked is no topic.
  CHECK(p.parse("Terima kasih atas penjelasannya Bu/Pak, semoga sehat selalu.").smalltalk == "thanks");
  CHECK(p.parse("halo salam kenal aku anak kelas 10 hehe").smalltalk == "greeting");
  CHECK(p.parse("halo salam kenal, aku anak kelas 10 mau tanya denda buku").smalltalk.empty());
  CHECK(p.parse("saya orang tua murid baru, boleh tanya-tanya sedikit?").smalltalk == "help");
  CHECK(p.parse("nyuwun sewu, kulo badhe nyuwun pirsa").smalltalk == "help");
  CHECK(p.parse("pagi bund").smalltalk == "greeting");
  // Saying one asks before asking who answers; English chat verbs; a goodbye
  // with why one leaves; a request for help after a greeting; "apa" asks
  // what the word before it is (the sixth set, forty-fourth session).
  CHECK(p.parse("serius nanya, ini bot apa orang?").smalltalk == "identity");
  CHECK(p.parse("who am I chatting with?").smalltalk == "identity");
  CHECK(p.parse("pamit ya kak, mau lanjut kerja").smalltalk == "goodbye");
  CHECK(p.parse("pamit ya kak, kapan perpustakaan buka").smalltalk.empty());
  CHECK(p.parse("Selamat siang, mohon bantuannya.").smalltalk == "help");
  CHECK(p.parse("Kamu bot ya? Kalau gitu, denda buku berapa?").smalltalk.empty());
  CHECK(p.parse("Kamu bot ya? Kalau gitu, jurusan apa aja yang ada di SMK ini?").smalltalk.empty());
  CHECK(p.parse("Assalamu'alaikum warahmatullahi wabarakatuh").smalltalk == "greeting");
  // The same in English; "ask" is no word of the question that follows.
  CHECK(p.parse("Can I ask about the library?").smalltalk == "help");
  CHECK(p.parse("May I ask something?").smalltalk == "help");
  auto en = p.parse("Can I ask when the library opens?");
  CHECK(en.smalltalk.empty());
  CHECK_FALSE(has_term(en, "ask"));
  CHECK_FALSE(has_term(en, "minta"));  // FreeDict's "ask"
  CHECK(has_term(en, "perpustakaan"));
}

TEST_CASE("QueryParser_FollowUpCues", "[bot][unit][query]") {
  const auto& p = *library().parser;
  CHECK(p.parse("contohnya?").followup_cue);
  CHECK_FALSE(p.parse("Apakah alumni boleh meminjam buku?").followup_cue);
  CHECK(p.parse("yang itu gimana").weak_followup_cue);
  // The possessive -nya points back, also where the chat rules strip it
  // ("dendanya" is "denda" to the search).
  CHECK(p.parse("dendanya berapa?").weak_followup_cue);
  CHECK(p.parse("normalnya ada berapa banyak?").weak_followup_cue);
  CHECK_FALSE(p.parse("berapa denda buku?").weak_followup_cue);
  // "gitu" is chat for "begitu"; a pronoun points at who was just named, in
  // English too, where the translation drops it.
  CHECK(p.parse("kenapa dibatasi gitu?").followup_cue);
  CHECK(p.parse("apa yang dia lakukan?").weak_followup_cue);
  CHECK(p.parse("what percentage did they get?").weak_followup_cue);
  CHECK_FALSE(p.parse("what is the library fine?").weak_followup_cue);
  CHECK(p.parse("yg DPD?").weak_followup_cue);
  CHECK(p.parse("what about cocopeat?").followup_cue);
  CHECK_FALSE(p.parse("what is the book about?").followup_cue);
  CHECK(p.parse("and who is the library supervisor?").followup_cue);
  CHECK_FALSE(p.parse("who is the library supervisor and the librarian?").followup_cue);
  CHECK_FALSE(p.parse("yang mana denda buku?").weak_followup_cue);
  CHECK_FALSE(p.parse("DPD?").weak_followup_cue);
}

TEST_CASE("QueryParser_Typo_IsCorrectedToTheKnowledgesWord", "[bot][unit][query]") {
  const auto& p = *library().parser;
  auto q = p.parse("jam buka perpustakan");
  REQUIRE(q.corrections.size() == 1);
  CHECK(q.corrections[0].from == "perpustakan");
  CHECK(q.corrections[0].to == "perpustakaan");
  CHECK(has_term(q, "perpustakaan"));
  // A word spelled right is left alone.
  CHECK(p.parse("jam buka perpustakaan").corrections.empty());
}

TEST_CASE("QueryParser_English_IsTranslated", "[bot][unit][query]") {
  const auto& p = *library().parser;
  auto q = p.parse("How many books can I borrow?");
  CHECK(q.lang == "en");
  CHECK(q.question_type == "amount");  // "how many" asks an amount (english_common.tsv), not a way
  CHECK(p.parse("How can I borrow books?").question_type == "how");
  // "what time" asks a time (jam berapa: a schedule), not what a time is.
  CHECK(p.parse("What time does the library open?").question_type == "schedule");
  CHECK(has_term(q, "buku"));
  CHECK(p.parse("Berapa buku yang boleh dipinjam?").lang == "id");
  // FreeDict lacks everyday words such as "look"; english_common.tsv has them.
  CHECK(has_term(p.parse("Where can I look at the schedule?"), "melihat"));
  // An irregular form reads as its base (english_irregular.tsv): "took" as "takes" does.
  auto surfaces = [](const Query& q) {
    std::vector<std::string> out;
    for (const auto& t : q.terms) out.push_back(t.surface);
    return out;
  };
  // "need to" before a verb is a modal, as "must" is: no "kebutuhan" (a
  // need) among the words, which would weigh as a word the article lacks.
  auto need = p.parse("Do I need to pay to borrow books?");
  CHECK(need.lang == "en");
  CHECK_FALSE(has_term(need, "kebutuhan"));
  CHECK(has_term(need, "buku"));
  auto took = p.parse("Who took the books?");
  CHECK(took.lang == "en");
  CHECK(surfaces(took) == surfaces(p.parse("Who takes the books?")));
  // "take" is a light verb (english_stopwords.txt): the photos are the
  // topic of "who took the photos?", not a translation of "take" ("ambil",
  // to fetch; "membawa"), which drew passages on fetching and carrying.
  CHECK(surfaces(p.parse("Who took the photos?")) == std::vector<std::string>{"foto"});
  // "go" too: FreeDict reads it "menjadi" (to become) or "menghilang" (to vanish).
  CHECK(surfaces(p.parse("How many books go on each shelf?")) == surfaces(p.parse("How many books on each shelf?")));
  // A verb headword that is also another verb's past reads as the past:
  // "found" a wallet is "find", no one founds one; "founded" stays "found".
  CHECK(surfaces(p.parse("Who found the books?")) == surfaces(p.parse("Who finds the books?")));
  CHECK(surfaces(p.parse("When was the library founded?")) != surfaces(p.parse("When was the library found?")));
  // After "how long" and "does", "last" and "take" only ask a duration:
  // no word of their own ("terakhir", the last one, drew passages on
  // anything final). "The last" is still the adjective.
  CHECK(surfaces(p.parse("How long does a book loan last?")) == surfaces(p.parse("How long is a book loan?")));
  CHECK(surfaces(p.parse("How long does a book loan take?")) == surfaces(p.parse("How long is a book loan?")));
  CHECK(surfaces(p.parse("How long is the last book loan?")) != surfaces(p.parse("How long is a book loan?")));
  // A word nothing translates weighs less than the article's own words: a
  // gap in the dictionary, not another subject.
  auto gap = p.parse("How many books can I borrow with a zorblax?");
  REQUIRE(gap.lang == "en");
  auto it = std::find_if(gap.terms.begin(), gap.terms.end(), [](const QueryTerm& t) { return t.surface == "zorblax"; });
  REQUIRE(it != gap.terms.end());
  CHECK(it->weight == Approx(p.idf(it->stem) * default_policy().untranslated_weight));
}

TEST_CASE("QueryParser_EnglishWordTheArticleWrites_IsKept", "[bot][unit][query]") {
  // The article writes "drone" (FreeDict: "lebah jantan", a male bee); an
  // English word that is also Indonesian ("air", water) is still translated.
  Library lib("Borobudur\n\nPengunjung dilarang menerbangkan drone atau pesawat nirawak di atas candi.\n\n"
              "Udara di sekitar candi sejuk pada pagi hari.\n");
  auto q = lib.parser->parse("Can I fly a drone over the temple?");
  REQUIRE(q.lang == "en");
  CHECK(has_term(q, "drone"));
  // FreeDict's "WA" for WhatsApp, where the article writes "WhatsApp".
  Library wa("Kontak\n\nHubungi laboran melalui WhatsApp di nomor 0812-3456-7890.\n");
  CHECK(has_term(wa.parser->parse("What is the lab assistant's WhatsApp number?"), "whatsapp"));
  CHECK_FALSE(has_term(q, "lebah"));
  CHECK(has_term(lib.parser->parse("How is the air around the temple in the morning?"), "udara"));
  // An English word the article writes as an Indonesian loanword ("area"),
  // where FreeDict's translation (kawasan) is not in the article: the
  // loanword is a synonym of the translation, not the term itself.
  Library area("Parkir Sepeda\n\nParkir sepeda terletak di belakang gedung olahraga. Area beratap ini "
               "memiliki 160 slot.\n");
  auto located = area.parser->parse("Where is the bike parking area located?");
  REQUIRE(located.lang == "en");
  auto kawasan = std::find_if(located.terms.begin(), located.terms.end(),
                              [](const QueryTerm& t) { return t.surface == "kawasan"; });
  REQUIRE(kawasan != located.terms.end());
  CHECK(std::find(kawasan->synonyms.begin(), kawasan->synonyms.end(), "area") != kawasan->synonyms.end());
  // Phrasal and spelling fixes of the lexicon: "sign up" is "daftar", a club a "klub".
  auto sign = library().parser->parse("How do I sign up for a club?");
  CHECK(has_term(sign, "daftar"));
  CHECK(has_term(sign, "klub"));
}

TEST_CASE("QueryParser_AnyBytes_NeverThrow", "[bot][unit][query][property]") {
  const auto& p = *library().parser;
  std::mt19937 rng(7);
  for (int i = 0; i < 2000; ++i) {
    const std::string text = random_text(rng);
    INFO("text: " << text);
    Query q;
    REQUIRE_NOTHROW(q = p.parse(text));
    for (const auto& t : q.terms) {
      CHECK(!t.stem.empty());
      CHECK(t.weight >= 0);
    }
  }
}

// ---- Ranker --------------------------------------------------------------

namespace {

// Every passage a candidate with the same BM25: the ranker's features decide alone.
std::vector<Ranked> rank_all(const std::string& question, int64_t previous_unit = 0) {
  const auto& lib = library();
  Query q = lib.parser->parse(question);
  auto terms = lib.terms(q);
  RankInput in{&terms, q.question_type, {}, ""};
  for (const auto& u : lib.index->units) in.hits.push_back({u.id, 1.0});
  in.previous_unit = previous_unit;
  in.asks_another = q.asks_another;  // as the engine passes it
  return rank(in, *lib.index, *lib.data);
}

// The first passage `lib` ranks for `question`, every passage a candidate
// with the same BM25, after checking the question's type.
int64_t first_ranked(const Library& lib, const std::string& question, const std::string& type) {
  Query q = lib.parser->parse(question);
  REQUIRE(q.question_type == type);
  auto terms = lib.terms(q);
  RankInput in{&terms, q.question_type, {}, ""};
  for (const auto& u : lib.index->units) in.hits.push_back({u.id, 1.0});
  auto ranked = rank(in, *lib.index, *lib.data);
  REQUIRE(!ranked.empty());
  return ranked[0].unit_id;
}

}  // namespace

TEST_CASE("rank_TheFeaturesFindThePassage_WhenBm25CannotTell", "[bot][unit][rank]") {
  const auto& lib = library();
  auto ranked = rank_all("berapa denda kalau telat mengembalikan buku");
  REQUIRE(!ranked.empty());
  CHECK(ranked[0].unit_id == lib.unit_with("lima ratus rupiah"));
  ranked = rank_all("jam buka perpustakaan hari sabtu");
  REQUIRE(!ranked.empty());
  CHECK(ranked[0].unit_id == lib.unit_with("pukul 07.00"));
}

TEST_CASE("rank_ScoresComeBestFirst_EveryCandidateOnce", "[bot][unit][rank]") {
  auto ranked = rank_all("cara meminjam buku di perpustakaan");
  REQUIRE(ranked.size() > 1);
  for (size_t i = 1; i < ranked.size(); ++i) CHECK(ranked[i - 1].score >= ranked[i].score);
  std::vector<int64_t> ids;
  for (const auto& r : ranked) ids.push_back(r.unit_id);
  std::sort(ids.begin(), ids.end());
  CHECK(std::adjacent_find(ids.begin(), ids.end()) == ids.end());
  for (const auto& r : ranked) {
    CHECK(r.coverage >= 0);
    CHECK(r.coverage <= 1.0 + 1e-9);
  }
}

TEST_CASE("rank_TheFaqQuestionAskedVerbatim_WinsOverItsWords", "[bot][unit][rank]") {
  const auto& lib = library();
  // "meminjam buku" is the subject of a whole section; the FAQ entry asks the question itself.
  auto ranked = rank_all("Apakah alumni boleh meminjam buku?");
  REQUIRE(!ranked.empty());
  CHECK(ranked[0].unit_id == lib.unit_with("Alumni hanya boleh membaca"));
}

TEST_CASE("rank_TheQuestionsType_PrefersThePassageThatAnswersIt", "[bot][unit][rank]") {
  const auto& lib = library();
  // Both passages speak of the fine; only one says why ("karena").
  auto ranked = rank_all("mengapa ada denda buku");
  REQUIRE(!ranked.empty());
  CHECK(ranked[0].unit_id == lib.unit_with("Denda diberlakukan karena"));
}

TEST_CASE("rank_ADefinitionQuestion_PrefersThePassageThatDefinesIt", "[bot][unit][rank]") {
  // Three passages start with "kartu anggota"; one says what it is.
  static const Library cards(R"(Kartu Anggota Perpustakaan

Panduan singkat tentang kartu anggota perpustakaan sekolah.

Pembuatan Kartu

Kartu anggota dibagikan setiap awal tahun ajaran kepada semua siswa baru.

Kartu anggota perpustakaan adalah kartu berfoto yang membuktikan bahwa pemiliknya terdaftar dan boleh meminjam buku.

Kartu anggota yang rusak dapat diganti di meja petugas dengan membawa kartu anggota lama.
)");
  CHECK(first_ranked(cards, "Apa sebenarnya yang dimaksud dengan kartu anggota?", "definition") == cards.unit_with("kartu berfoto"));
}

TEST_CASE("rank_AnAbbreviation_IsDefinedWhereItsExpansionStandsInBrackets", "[bot][unit][rank]") {
  // "Apa kepanjangan X?" asks what X is (an expansion, a narrower
  // definition); the passage that defines X gives its expansion in brackets
  // before "adalah". "panjang" (long) in other passages
  // is another word, and a passage that only starts with OSIS defines nothing.
  static const Library osis(R"(Organisasi Siswa

Panduan singkat tentang organisasi siswa.

Pengurus

Rapat panjang pengurus OSIS diadakan setiap akhir semester untuk menyusun rencana jangka panjang.

OSIS (Organisasi Siswa Intra Sekolah) adalah satu-satunya organisasi siswa resmi di sekolah. OSIS dibina oleh kepala sekolah.

OSIS memilih pengurus baru setiap tahun dalam pemilihan yang panjang, dan pengurus OSIS lama menyerahkan laporan.
)");
  CHECK(first_ranked(osis, "Apa kepanjangan OSIS?", "expansion") == osis.unit_with("Intra Sekolah"));
}

TEST_CASE("rank_AComparison_PrefersThePassageThatDefinesBoth", "[bot][unit][rank]") {
  // Two passages name both kinds of card side by side; one defines each.
  static const Library cards(R"(Kartu Perpustakaan

Panduan singkat tentang kartu perpustakaan sekolah.

Jenis Kartu

Siswa baru menerima kartu anggota dan kartu tamu pada hari pertama, lalu menyimpan kartu anggota dan kartu tamu di dompet.

Kartu anggota adalah kartu berfoto untuk meminjam buku. Kartu tamu adalah kartu sementara yang hanya boleh dipakai membaca di tempat.

Petugas mencatat kartu anggota dan kartu tamu yang hilang di buku laporan.
)");
  CHECK(first_ranked(cards, "Apa bedanya kartu anggota dengan kartu tamu?", "comparison") == cards.unit_with("kartu berfoto"));
}

TEST_CASE("rank_AFollowUp_AsksForSomethingNew", "[bot][unit][rank]") {
  const auto& lib = library();
  const int64_t fine = lib.unit_with("Denda diberlakukan karena");  // says why, gives no example
  const int64_t hours = lib.unit_with("pukul 07.00");
  auto score_of = [&](const std::string& question, int64_t previous) {
    for (const auto& r : rank_all(question, previous))
      if (r.unit_id == fine) return r.score;
    return -1.0;
  };
  // The passage just given has nothing of the kind now asked (an example):
  // given again, it loses the repeat weight.
  CHECK(score_of("contohnya denda buku", fine) ==
        Approx(score_of("contohnya denda buku", hours) - default_policy().w_repeat));
  // It has (a reason, "karena"): asking why may be answered by it again.
  CHECK(score_of("mengapa ada denda buku", fine) == Approx(score_of("mengapa ada denda buku", hours)));
  // Asking for another one ("ada alasan lain?"), it is never given again.
  REQUIRE(lib.parser->parse("ada alasan lain untuk denda buku?").asks_another);
  CHECK(score_of("ada alasan lain untuk denda buku?", fine) == -1.0);
  CHECK(score_of("ada alasan lain untuk denda buku?", hours) > 0);
}

TEST_CASE("rank_AListAskedAboutOneThing_CountsItsBestItem", "[bot][unit][rank]") {
  // The list holds "musim", "buah" and "orangutan", each in an item about
  // something else. Asked about one thing, it counts the mean of what the
  // whole list holds and what its best item holds; asked for the list
  // ("apa saja"), the whole. A passage of one line counts the whole too.
  Library lib(R"(Orangutan dan Hutan

Materi singkat tentang orangutan di hutan hujan.

Ancaman

- Kebakaran hutan: pada musim kemarau api membakar lahan gambut yang luas.
- Perdagangan satwa: bayi orangutan dijual sebagai hewan peliharaan di kota.
- Perkebunan: hutan dibuka untuk kebun sawit yang buahnya dijual ke pabrik.

Makanan

Sebagian besar makanan orangutan adalah buah hutan seperti durian dan ara. Saat musim kemarau, orangutan makan daun muda dan kulit kayu.
)");
  const int64_t list = lib.unit_with("Kebakaran hutan");
  const int64_t paragraph = lib.unit_with("Sebagian besar makanan orangutan");
  REQUIRE(list > 0);
  REQUIRE(paragraph > 0);
  auto coverage_of = [&](const std::string& question, bool wants_list, int64_t unit) {
    Query q = lib.parser->parse(question);
    auto terms = lib.terms(q);
    RankInput in{&terms, q.question_type, {}, ""};
    for (const auto& u : lib.index->units) in.hits.push_back({u.id, 1.0});
    in.wants_list = wants_list;
    for (const auto& r : rank(in, *lib.index, *lib.data))
      if (r.unit_id == unit) return r.coverage;
    return -1.0;
  };
  const std::string question = "musim kemarau buah orangutan";
  CHECK(coverage_of(question, true, list) == Approx(1.0));
  const double one_thing = coverage_of(question, false, list);
  CHECK(one_thing > 0.5);
  CHECK(one_thing < 0.9);
  CHECK(coverage_of(question, false, paragraph) == Approx(1.0));
}

TEST_CASE("rank_CandidatesTheIndexLacks_AreSkipped", "[bot][unit][rank]") {
  const auto& lib = library();
  Query q = lib.parser->parse("denda buku");
  auto terms = lib.terms(q);
  const int64_t n = static_cast<int64_t>(lib.index->units.size());
  RankInput in{&terms, q.question_type, {{0, 1.0}, {-5, 2.0}, {n + 1, 3.0}, {1, 0.5}}, ""};
  auto ranked = rank(in, *lib.index, *lib.data);
  REQUIRE(ranked.size() == 1);
  CHECK(ranked[0].unit_id == 1);
}

// ---- Composer ------------------------------------------------------------

namespace {

std::vector<std::string> sentences(const std::string& text) {
  std::vector<std::string> out;
  for (const auto& s : split_sentences(text)) out.push_back(text.substr(s.begin, s.end - s.begin));
  return out;
}

}  // namespace

TEST_CASE("RankData_siblings_AreItemsOfOneList", "[bot][unit][rank]") {
  // "buku pelajaran, novel, ensiklopedia, dan majalah ilmiah": the items
  // pair with one another, not with the words around the list.
  const RankData& d = *library().data;
  auto id = [&](const std::string& w) { return d.id(test::analyzer()->stem(w)); };
  CHECK(d.siblings(id("novel"), id("ensiklopedia")));
  CHECK(d.siblings(id("ensiklopedia"), id("novel")));
  CHECK(d.siblings(id("novel"), id("majalah")));
  CHECK_FALSE(d.siblings(id("buku"), id("novel")));
  CHECK_FALSE(d.siblings(id("majalah"), id("ilmiah")));
  CHECK_FALSE(d.siblings(id("novel"), id("novel")));
  CHECK_FALSE(d.siblings(id("novel"), kNoTerm));
  // Items that repeat their head pair where they part, not across the join.
  Library pewarna("Pewarna Batik\n\nPerajin memakai pewarna alami dan pewarna sintetis untuk kain batik.\n");
  const RankData& p = *pewarna.data;
  auto pid = [&](const std::string& w) { return p.id(test::analyzer()->stem(w)); };
  CHECK(p.siblings(pid("alami"), pid("sintetis")));
  CHECK_FALSE(p.siblings(pid("alami"), pid("pewarna")));
}

TEST_CASE("split_sentences_AtTheirEnds_NotAtNumbersOrAbbreviations", "[bot][unit][compose]") {
  CHECK(sentences("Buka pukul 07.00 pagi. Tutup sore! Bisa diperpanjang? Ya.") ==
        std::vector<std::string>{"Buka pukul 07.00 pagi.", "Tutup sore!", "Bisa diperpanjang?", "Ya."});
  // "dll. dan": a lowercase word after the period continues the sentence.
  CHECK(sentences("Ada novel, majalah, dll. dan semuanya gratis.") ==
        std::vector<std::string>{"Ada novel, majalah, dll. dan semuanya gratis."});
  // A title or address word's period before a name or a number goes on.
  CHECK(sentences("Klinik dijaga perawat Ns. Lestari setiap hari. Kantor di Jl. Merdeka No. 45 buka pagi.") ==
        std::vector<std::string>{"Klinik dijaga perawat Ns. Lestari setiap hari.", "Kantor di Jl. Merdeka No. 45 buka pagi."});
  // A word that only ends like one ("piano.") ends its sentence.
  CHECK(sentences("Ia bermain piano. Kami menonton.") == std::vector<std::string>{"Ia bermain piano.", "Kami menonton."});
  CHECK(sentences("Tanpa titik di akhir") == std::vector<std::string>{"Tanpa titik di akhir"});
  CHECK(sentences("Baris satu\nBaris dua") == std::vector<std::string>{"Baris satu", "Baris dua"});
  // A line break ends a sentence whatever follows it (a list, a table row).
  CHECK(sentences("Langkah:\n1. Daftar\n2. Bayar") == std::vector<std::string>{"Langkah:", "1. Daftar", "2. Bayar"});
  CHECK(sentences("").empty());
}

TEST_CASE("split_sentences_AnyText_SpansInOrderWithinTheText", "[bot][unit][compose][property]") {
  std::mt19937 rng(11);
  for (int i = 0; i < 2000; ++i) {
    const std::string text = random_text(rng) + ". " + random_text(rng) + "?" + random_text(rng);
    INFO("text: " << text);
    size_t last_end = 0;
    for (const auto& s : split_sentences(text)) {
      REQUIRE(s.begin >= last_end);
      REQUIRE(s.begin < s.end);
      REQUIRE(s.end <= text.size());
      last_end = s.end;
    }
  }
}

namespace {

// The span best_span() picks in the passage holding `needle`, for `question`.
std::string span_for(const std::string& needle, const std::string& question, bool prefer_first) {
  const auto& lib = library();
  const int64_t id = lib.unit_with(needle);
  REQUIRE(id > 0);
  const auto& unit = lib.index->units[id - 1];
  Query q = lib.parser->parse(question);
  Span s = best_span(unit.text, lib.data->unit(id), lib.terms(q), lib.data->type_bit(q.question_type), prefer_first,
                     default_policy());
  REQUIRE(s.begin < s.end);
  REQUIRE(s.end <= unit.text.size());
  return unit.text.substr(s.begin, s.end - s.begin);
}

}  // namespace

TEST_CASE("best_span_IsTheSentenceThatAnswers", "[bot][unit][compose]") {
  const std::string answer =
      span_for("Setiap siswa boleh meminjam paling banyak tiga buku", "paling banyak berapa buku sekaligus", false);
  CHECK(answer.rfind("Setiap siswa boleh meminjam paling banyak tiga buku sekaligus.", 0) == 0);
  CHECK(answer.find("kartu pelajar") == std::string::npos);  // the sentence before is not the answer
}

TEST_CASE("best_span_AnFaqAnswer_KeepsItsOpeningYesOrNo", "[bot][unit][compose]") {
  const std::string answer = span_for("Alumni hanya boleh membaca", "alumni membaca di ruang baca", true);
  CHECK(answer.rfind("Tidak. Alumni hanya boleh membaca", 0) == 0);
}

TEST_CASE("best_span_TheQuestionsOwnWord_BeatsItsSynonym", "[bot][unit][compose]") {
  // "murid" is a listed synonym of "siswa": a sentence with the word asked
  // answers before an earlier one with its synonym.
  Library lib("Jadwal Piket\n\nJadwal piket kelas di sekolah.\n\nPembagian Tugas\n\n"
              "Murid kelas tujuh membersihkan halaman depan. Siswa kelas delapan menyiram tanaman di kebun.\n");
  const int64_t id = lib.unit_with("Murid kelas tujuh");
  REQUIRE(id > 0);
  const auto& unit = lib.index->units[id - 1];
  Query q = lib.parser->parse("apa tugas siswa?");
  Span s = best_span(unit.text, lib.data->unit(id), lib.terms(q), lib.data->type_bit(q.question_type), false,
                     default_policy());
  CHECK(unit.text.substr(s.begin, s.end - s.begin).rfind("Siswa kelas delapan", 0) == 0);
}

TEST_CASE("SentenceCues_AFloorOrARoom_IsAPlaceAWhereQuestionAsks", "[bot][unit][compose]") {
  // Inside a building a place is a floor, a room or a hall: the sentence
  // naming one carries the cue of "di mana?" (question_types.tsv).
  Library lib("Layanan Konseling\n\nKonseling dibuka untuk semua siswa.\n\n"
              "Lokasi\n\nKonseling diadakan di lantai dua, di samping aula.\n");
  const int64_t id = lib.unit_with("Konseling diadakan");
  REQUIRE(id > 0);
  const uint32_t where = lib.data->type_bit("where");
  REQUIRE(where != 0);
  const auto& sentences = lib.data->unit(id).sentences;
  CHECK(std::any_of(sentences.begin(), sentences.end(), [&](const SentenceData& x) { return (x.cues & where) != 0; }));
}

TEST_CASE("best_span_NoSentences_IsTheWholePassage", "[bot][unit][compose]") {
  UnitData empty;
  const std::string text = "teks tanpa data kalimat";
  Span s = best_span(text, empty, {}, 0, false, default_policy());
  CHECK(s.begin == 0);
  CHECK(s.end == text.size());
}

// ---- The answer as JSON ----------------------------------------------------

TEST_CASE("answer_json_EveryFieldOfTheContract_ParsesBack", "[bot][unit][json]") {
  Answer a;
  a.text = "Denda \"lima ratus\" rupiah\\hari\n\ttab \x01";
  a.confidence = 0.8125;
  a.sources.push_back({3, "faq", "perpustakaan", "FAQ", "Apakah alumni boleh?", "Tidak.", 1.5});
  a.sources.push_back({4, "paragraph", "perpustakaan", "Denda", "", "Teks.", 0.25});
  a.suggestions = {"Jam buka?", "Cara meminjam?"};
  a.question_type = "amount";
  a.matched = {"denda"};
  a.missing = {"telat"};
  a.corrections = {{"perpustakan", "perpustakaan"}};
  a.followup = true;
  a.span_start = 2;
  a.span_end = 9;
  nlohmann::json j = to_json(a);
  CHECK(j["text"] == a.text);
  CHECK(j["intent"] == "question");
  CHECK(j["fallback"] == false);
  CHECK(j["confidence"].get<double>() == 0.8125);
  REQUIRE(j["sources"].size() == 2);
  CHECK(j["sources"][0]["question"] == "Apakah alumni boleh?");
  CHECK(j["sources"][0]["score"].get<double>() == 1.5);
  CHECK_FALSE(j["sources"][1].contains("question"));  // only when the unit has one
  CHECK(j["suggestions"] == nlohmann::json({"Jam buka?", "Cara meminjam?"}));
  CHECK(j["lang"] == "id");
  CHECK(j["question_type"] == "amount");
  CHECK(j["matched"] == nlohmann::json({"denda"}));
  CHECK(j["missing"] == nlohmann::json({"telat"}));
  CHECK(j["corrections"][0]["to"] == "perpustakaan");
  CHECK(j["followup"] == true);
  CHECK(j["span"]["start"] == 2);
  CHECK(j["span"]["end"] == 9);
  // Written the way nlohmann writes a double: a whole number keeps ".0".
  a.confidence = 1;
  CHECK(answer_object_json(a).find("\"confidence\":1.0,") != std::string::npos);
}

TEST_CASE("answer_json_AnyBytes_AlwaysValidJson", "[bot][unit][json][property]") {
  std::mt19937 rng(3);
  for (int i = 0; i < 2000; ++i) {
    Answer a;
    a.text = random_text(rng);
    a.matched = {random_text(rng)};
    a.corrections = {{random_text(rng), random_text(rng)}};
    a.confidence = std::uniform_real_distribution<double>(0, 1)(rng);
    const std::string text = answer_object_json(a);
    INFO("json: " << text);
    nlohmann::json j;
    REQUIRE_NOTHROW(j = nlohmann::json::parse(text));
    CHECK(j["confidence"].get<double>() == a.confidence);  // shortest form, still exact
    if (utf8::valid(a.text)) CHECK(j["text"] == a.text);  // valid text comes back unchanged
  }
  Answer odd;
  odd.confidence = std::numeric_limits<double>::quiet_NaN();
  CHECK(to_json(odd)["confidence"].is_null());
}

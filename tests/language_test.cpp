// Debian's language resources and the rules over them, fed directly: the
// thesaurus and dictionary readers, the colloquial-affix rules, the
// abbreviation and typo tables; then an engine over an article written here
// that must find the right passage for a paraphrase only the thesaurus
// bridges, an English question and chat Indonesian built by affixes.
#include <catch2/catch.hpp>
#include <algorithm>
#include <cstdlib>
#include <filesystem>
#include <fstream>

#include "bot/engine.hpp"
#include "index/colloquial.hpp"
#include "index/article_aliases.hpp"
#include "index/english_question.hpp"
#include "index/spelling.hpp"
#include "knowledge/bilingual_dictionary.hpp"
#include "knowledge/language_resources.hpp"
#include "knowledge/thesaurus.hpp"
#include "tests/test_support.hpp"

using namespace tanya;

namespace {

std::vector<std::string> words_of(const std::vector<ThesaurusSense>& senses) {
  std::vector<std::string> out;
  for (const auto& s : senses)
    for (auto w : s.words) out.emplace_back(w);
  return out;
}

bool has_form(const std::string& chat, const std::string& standard) {
  for (const auto& f : colloquial_forms(chat))
    if (f.word == standard) return true;
  return false;
}

// Sets an environment variable for one scope.
class ScopedEnv {
 public:
  ScopedEnv(const char* name, const std::string& value) : name_(name) {
    if (const char* old = std::getenv(name)) old_ = old;
    setenv(name, value.c_str(), 1);
  }
  ~ScopedEnv() {
    if (old_.empty()) unsetenv(name_);
    else setenv(name_, old_.c_str(), 1);
  }

 private:
  const char* name_;
  std::string old_;
};

}  // namespace

// An engine over one Markdown article, in a directory that lives as long as it.
struct ArticleEngine {
  test::TempDir dir;
  std::shared_ptr<const Engine> engine;
  explicit ArticleEngine(const std::string& file, const std::string& markdown) {
    const std::string knowledge = dir.path() + "/knowledge";
    std::filesystem::create_directory(knowledge);
    std::ofstream(knowledge + "/" + file) << markdown;
    EngineOptions o;
    o.knowledge_dir = knowledge;
    o.db_path = dir.path() + "/index.db";
    auto e = Engine::open(o, test::analyzer());
    REQUIRE(e.ok());
    engine = *e;
  }
  // The text of the first passage the question is answered from.
  std::string first(const std::string& question) const {
    auto a = engine->answer(question);
    REQUIRE(a.ok());
    REQUIRE_FALSE(a->ranking.empty());
    return engine->index().units[a->ranking[0] - 1].text;
  }
  // Whether the question, asked alone, searches `stem` (its words as read).
  bool searches(const std::string& question, const std::string& stem) const {
    Explanation why;
    auto a = engine->answer(question, nullptr, default_policy(), &why);
    REQUIRE(a.ok());
    return std::any_of(why.terms.begin(), why.terms.end(), [&](const ExplainedTerm& t) { return t.stem == stem; });
  }
  // The type the question, asked alone, is read to ask ("duration", "phone").
  std::string type_of(const std::string& question) const {
    Explanation why;
    REQUIRE(engine->answer(question, nullptr, default_policy(), &why).ok());
    return why.question_type;
  }
};

TEST_CASE("Thesaurus_Parse_SensesWithoutAntonymsLowercaseLatin1", "[language]") {
  std::string dat = "ISO-8859-1\nmanfaat|2\n[n]|faedah|guna|Khasiat\n[ant]|mudarat|rugi\n"
                    "angin besar|1\nbadai|topan\nr\xe9sum\xe9|1\n[n]|ringkasan\n";
  auto t = Thesaurus::parse(dat, "test.dat");
  REQUIRE(t.ok());
  CHECK(t->size() == 3);
  auto manfaat = words_of(t->senses("manfaat"));
  CHECK(manfaat == std::vector<std::string>{"faedah", "guna", "khasiat"});
  CHECK(t->senses("manfaat")[0].pos == "n");
  CHECK(words_of(t->senses("angin besar")) == std::vector<std::string>{"badai", "topan"});  // a sense without [pos]
  CHECK(words_of(t->senses("r\xc3\xa9sum\xc3\xa9")) == std::vector<std::string>{"ringkasan"});
  CHECK(t->senses("rugi").empty());

  CHECK_FALSE(Thesaurus::parse("KOI8-R\nx|1\n[n]|y\n", "bad.dat").ok());
  CHECK_FALSE(Thesaurus::parse("UTF-8\nnocount\n", "bad.dat").ok());
}

TEST_CASE("Thesaurus_Debian_HoldsEverydayWords", "[language]") {
  auto t = Thesaurus::load(thesaurus_path());
  REQUIRE(t.ok());
  CHECK(t->size() > 10000);
  auto faedah = words_of(t->senses("faedah"));
  CHECK(std::find(faedah.begin(), faedah.end(), "manfaat") != faedah.end());
}

TEST_CASE("LanguageResources_Missing_ErrorNamesTheDebianPackage", "[language]") {
  {
    ScopedEnv env("TANYA_THESAURUS", "/nonexistent/th_id_ID_v2.dat");
    auto r = load_language_resources();
    REQUIRE_FALSE(r.ok());
    CHECK_THAT(r.error().message, Catch::Contains("mythes-id") && Catch::Contains("/nonexistent/th_id_ID_v2.dat"));
  }
  {
    ScopedEnv env("TANYA_ENGLISH_DICTIONARY", "/nonexistent/freedict-eng-ind");
    auto r = load_language_resources();
    REQUIRE_FALSE(r.ok());
    CHECK_THAT(r.error().message, Catch::Contains("dict-freedict-eng-ind"));
  }
  CHECK(load_language_resources().ok());
}

TEST_CASE("Dictionary_Entry_TranslationsOfEverySenseAndThePartOfSpeech", "[language]") {
  auto numbered = parse_dictd_entry(
      "cooperation //koʊˌɒpəˈɹeɪʃən// <n>\n1. kerja sama\nact of cooperating\n2. koperasi\nassociation\n");
  CHECK(numbered.translations == std::vector<std::string>{"kerja sama", "koperasi"});
  CHECK(numbered.pos == kEnglishNoun);
  auto plain = parse_dictd_entry("why //waɪ// <adv>\nmengapa, kenapa\nfor what reason\n");
  CHECK(plain.translations == std::vector<std::string>{"mengapa", "kenapa"});
  CHECK(plain.pos == kEnglishOther);
  // The next sense's number run onto the translation line; a sense without one.
  auto runon = parse_dictd_entry("eruption /x/ <n>\nerupsi 2.\ninfection of the skin\n 3.\nviolent ejection\n");
  CHECK(runon.translations == std::vector<std::string>{"erupsi"});
  CHECK(parse_dictd_entry("x /x/ <v>\nLaut Adriatik, laut Adriatik\nsea\n").translations ==
        std::vector<std::string>{"laut adriatik"});
}

TEST_CASE("Dictionary_Parse_IndexOffsetsInBase64", "[language]") {
  std::string dict = "protect /p/ <v>\nmelindungi\nto keep safe\nweight /w/ <n>\n1. berat\n2. berat, bobot\nforce\n";
  // protect: offset 0, length 40 ("o" = 40); weight: offset 40 ("o"), length 46 ("u").
  std::string index = "00databaseinfo\tA\tB\nprotect\tA\to\nweight\to\tu\n";
  auto d = BilingualDictionary::parse(index, dict, "test");
  REQUIRE(d.ok());
  REQUIRE(d->find("protect"));
  CHECK(d->find("protect")->translations == std::vector<std::string>{"melindungi"});
  CHECK(d->find("weight")->translations == std::vector<std::string>{"berat", "bobot"});
  CHECK_FALSE(d->find("00databaseinfo"));
  CHECK_FALSE(BilingualDictionary::parse("word\tA\n", dict, "bad").ok());
  CHECK_FALSE(BilingualDictionary::parse("word\tA\t//\n", dict, "bad").ok());  // past the end
  CHECK_FALSE(gunzip("not gzip at all").ok());
}

TEST_CASE("Dictionary_Debian_TranslatesEverydayEnglish", "[language]") {
  auto d = BilingualDictionary::load(english_dictionary_base());
  REQUIRE(d.ok());
  CHECK(d->size() > 5000);
  REQUIRE(d->find("cooperation"));
  CHECK(d->find("cooperation")->translations[0] == "kerja sama");
  CHECK(english_lemmas("studies")[1] == "study");
  auto caused = english_lemmas("caused");
  CHECK(std::find(caused.begin(), caused.end(), "cause") != caused.end());
  auto eating = english_lemmas("eating");
  CHECK(std::find(eating.begin(), eating.end(), "eat") != eating.end());
  // A derived word falls back to the word it comes from, after its own inflections.
  for (auto [word, base] : {std::pair{"healthy", "health"}, {"harmful", "harm"}, {"weakness", "weak"}}) {
    auto lemmas = english_lemmas(word);
    CAPTURE(word);
    CHECK(lemmas.front() == word);
    CHECK(std::find(lemmas.begin(), lemmas.end(), base) != lemmas.end());
  }
  // Comparatives, superlatives and four-letter pasts ("died": die, not "di").
  for (auto [word, base] : {std::pair{"thicker", "thick"}, {"larger", "large"}, {"bigger", "big"},
                            {"easiest", "easy"}, {"died", "die"}, {"used", "use"}}) {
    auto lemmas = english_lemmas(word);
    CAPTURE(word);
    CHECK(std::find(lemmas.begin(), lemmas.end(), base) != lemmas.end());
  }
  // -ing after a single vowel and one consonant took an e away ("rating" is
  // rate before rat: a rat would be "ratting"); after two vowels or two
  // consonants the bare stem comes first.
  for (auto [word, first, later] : {std::tuple{"rating", "rate", "rat"}, {"hoping", "hope", "hop"},
                                    {"eating", "eat", "eate"}, {"singing", "sing", "singe"}}) {
    auto lemmas = english_lemmas(word);
    CAPTURE(word);
    auto at = [&](const char* w) { return std::find(lemmas.begin(), lemmas.end(), w) - lemmas.begin(); };
    CHECK(at(first) < at(later));
  }
  auto quality = english_lemmas("quality");  // -ity words are loanwords ("kualitas"), not a shorter word
  CHECK(std::find(quality.begin(), quality.end(), "qualit") == quality.end());
}

TEST_CASE("Colloquial_RulesTable_ProposeTheStandardWord", "[language]") {
  struct Case {
    const char* chat;
    const char* standard;
  };
  auto c = GENERATE(values<Case>({
      {"ngebantu", "membantu"},  {"ngebantuin", "membantukan"}, {"ngebantuin", "bantu"},
      {"nyariin", "mencarikan"}, {"nyari", "cari"},             {"nyapu", "menyapu"},
      {"ngirim", "mengirim"},    {"ngambil", "mengambil"},      {"nulis", "menulis"},
      {"makai", "memakai"},      {"ngecek", "mengecek"},        {"dipake", "dipakai"},
      {"dijelasin", "dijelaskan"}, {"bantuin", "bantukan"},     {"kegedean", "gede"},
      {"kemahalan", "mahal"},    {"bener", "benar"},            {"dapet", "dapat"},
      {"dalem", "dalam"},        {"kalo", "kalau"},             {"pake", "pakai"},
      {"tau", "tahu"},           {"liat", "lihat"},             {"abis", "habis"},
      {"bantuinnya", "bantukan"}, {"ngeliat", "melihat"},      {"diliat", "dilihat"},
      {"diem", "diam"},          {"didiemin", "didiamkan"},
      {"telpon", "telepon"},     {"nelpon", "menelepon"},       {"brani", "berani"},
      {"kerjaannya", "kerja"},     {"nari", "tari"},              {"make", "pakai"},
  }));
  CAPTURE(c.chat, c.standard);
  CHECK(has_form(c.chat, c.standard));
}

TEST_CASE("Colloquial_Rules_NothingForShortOrNonLetterWords", "[language]") {
  CHECK(colloquial_forms("ya").empty());
  CHECK(colloquial_forms("covid19").empty());
  for (const auto& f : colloquial_forms("ngebantuin")) CHECK(f.word != "ngebantuin");
}

TEST_CASE("Abbreviations_Expand_DroppedVowelsToTheWord", "[language]") {
  Abbreviations a;
  for (const char* w : {"dimana", "berapa", "sekarang", "dari", "pada", "yang", "untuk", "tidak"}) a.add(w, 0);
  a.add("drama", 1.5);  // a word of the knowledge loses to a function word with the same skeleton
  a.add("dari", 0);
  CHECK(a.expand("dmn") == "dimana");
  CHECK(a.expand("brp") == "berapa");
  CHECK(a.expand("skrg") == "sekarang");
  CHECK(a.expand("dr") == "dari");
  CHECK(a.expand("pd") == "pada");
  CHECK(a.expand("yg") == "yang");
  CHECK(a.expand("utk") == "untuk");
  CHECK(a.expand("tdk") == "tidak");
  CHECK(a.expand("dari").empty());  // has vowels: no abbreviation
  CHECK(a.expand("xyz").empty());
}

TEST_CASE("Spelling_Keyboard_NeighbourKeysAndDoubledLettersAreCheapSlips", "[language]") {
  CHECK(neighbour_keys('a', 's'));
  CHECK(neighbour_keys('g', 'h'));
  CHECK_FALSE(neighbour_keys('a', 'p'));
  CHECK(keyboard_distance("makan", "makan", 2) == 0);
  CHECK(keyboard_distance("msksn", "makan", 3) < keyboard_distance("mpkpn", "makan", 3));
  CHECK(keyboard_distance("bissa", "bisa", 2) < 1.0);
  CHECK(keyboard_distance("abcdefgh", "zyxwvuts", 2) > 2);
}

TEST_CASE("Spelling_Correct_ADroppedVowelIsNearerThanAStrayConsonant", "[language]") {
  CHECK(keyboard_distance("alamt", "alamat", 2) < keyboard_distance("alamt", "alam", 2));
  SpellingIndex s;
  s.add_word("alam", 3);    // of "mengalami", more frequent
  s.add_word("alamat", 1);  // of "beralamat"
  auto fix = s.correct("alamt");
  REQUIRE(fix);
  CHECK(fix->words == std::vector<std::string>{"alamat"});
}

TEST_CASE("Spelling_OneLetterMore_OnlyAWordWithOneLetterAdded", "[language]") {
  SpellingIndex s;
  s.add_word("berlaku", 5);
  s.add_word("berlari", 9);
  s.add_word("satu", 40);
  s.add_word("pathet", 3);
  CHECK(s.one_letter_more("berlau") == "berlaku");
  CHECK(s.one_letter_more("patet") == "pathet");
  CHECK(s.one_letter_more("berlaku").empty());  // the word itself
  CHECK(s.one_letter_more("sabtu").empty());    // "satu" is a letter shorter, not longer
  CHECK(s.one_letter_more("berlaki").empty());  // a changed letter
  CHECK(s.one_letter_more("satu").empty());     // under five letters
  s.add_word("tugas", 4);
  CHECK(s.one_letter_more("tugs", 4) == "tugas");  // four letters when the caller allows them
  CHECK(s.one_letter_more("tugs").empty());
}

TEST_CASE("Spelling_SameSound_OneSoundSpelledTwoWays", "[language]") {
  CHECK(sound_key("phorid") == "forid");
  CHECK(sound_key("akhir") == "ahir");
  CHECK(sound_key("soekarno") == "sukarno");
  CHECK(sound_key("kualitas") == sound_key("qualitas"));
  CHECK(sound_key("perpustakaan") == "perpustakan");  // doubled letters single
  SpellingIndex s;
  s.add_word("phorid", 2);
  s.add_word("akhir", 9);
  s.add_word("sukarno", 4);
  s.add_word("syarat", 7);
  s.add_word("sarat", 1);
  CHECK(s.same_sound("forid", 4) == "phorid");
  CHECK(s.same_sound("ahir", 4) == "akhir");
  CHECK(s.same_sound("soekarno", 4) == "sukarno");
  CHECK(s.same_sound("akhir", 4).empty());   // the knowledge's own word
  CHECK(s.same_sound("sarat", 4).empty());   // also its own, though "syarat" sounds alike
  CHECK(s.same_sound("forid", 6).empty());   // under the caller's letters
  CHECK(s.same_sound("florid", 4).empty());  // another sound
}

TEST_CASE("Spelling_Correct_RanksByDistanceThenFrequency", "[language]") {
  SpellingIndex s;
  s.add_word("bersama", 6);
  s.add_word("kerja", 30);
  s.add_word("sama", 40);
  s.add_pair("kerja", "sama", 25);
  s.add_word("kesehatan", 9);
  s.add_word("kesehatab", 1);
  s.add_word("pangan", 2);
  s.add_word("tangan", 12);

  auto joined = s.correct("kerjsama");  // a wrongly joined word: the compound, not "bersama"
  REQUIRE(joined);
  CHECK(joined->words == std::vector<std::string>{"kerja", "sama"});
  auto together = s.correct("kerjasama");
  REQUIRE(together);
  CHECK(together->words == std::vector<std::string>{"kerja", "sama"});
  auto frequent = s.correct("kesehatxn");  // two words one edit away: the frequent one
  REQUIRE(frequent);
  CHECK(frequent->words == std::vector<std::string>{"kesehatan"});
  auto near_key = s.correct("rangan");  // r is next to t, not to p
  REQUIRE(near_key);
  CHECK(near_key->words == std::vector<std::string>{"tangan"});
  CHECK_FALSE(s.correct("zzzzzzz"));
  CHECK_FALSE(s.correct("sma"));  // too short to correct
  // Two edits the deletion table cannot reach: two substitutions, and a
  // substitution with an insertion, in a long word.
  s.add_word("ekstrakurikuler", 5);
  s.add_word("parliamentary", 1);
  auto two_subs = s.correct("ekstrakurikurel");
  REQUIRE(two_subs);
  CHECK(two_subs->words == std::vector<std::string>{"ekstrakurikuler"});
  auto sub_insert = s.correct("parlementary");
  REQUIRE(sub_insert);
  CHECK(sub_insert->words == std::vector<std::string>{"parliamentary"});
}

TEST_CASE("Engine_LanguageResources_ParaphraseEnglishAndChatFindThePassage", "[language][engine]") {
  ArticleEngine e("bank-sampah.md", R"(# Bank Sampah Sekolah

Bank sampah sekolah mengajak siswa mengelola sampah dengan cara menabung.

## Cara Kerja

Siswa memilah sampah plastik, kertas, dan logam di rumah, lalu menyetor sampah itu ke bank sampah setiap hari Sabtu.

Petugas menimbang setoran dan mencatat nilainya di buku tabungan siswa.

## Manfaat

Manfaat bank sampah bagi sekolah adalah lingkungan yang lebih bersih dan berkurangnya sampah yang dibuang ke tempat pembuangan akhir.

## Hasil Tabungan

Tabungan sampah dapat ditukar dengan uang tunai atau alat tulis pada akhir semester.

## Tempat

Lokasi bank sampah berada di samping kantin sekolah.
)");
  struct Case {
    const char* q;
    const char* expect;  // words of the passage that must come first
  };
  auto c = GENERATE(values<Case>({
      // "faedah" is in no passage: the thesaurus lists "manfaat" under it.
      {"Apa faedah yang didapat sekolah?", "lingkungan yang lebih bersih"},
      // English through FreeDict: exchange → pertukaran (tukar), cash → tunai.
      {"Can the savings be exchanged for cash?", "ditukar dengan uang tunai"},
      // Chat affixes: nyetor → menyetor, dituker → ditukar, ngitung → menghitung is absent.
      {"kapan siswa nyetor sampahnya?", "setiap hari Sabtu"},
      {"tabungannya bisa dituker sama apa aja?", "ditukar dengan uang tunai"},
      // An English word FreeDict lacks, in Indonesian loanword spelling: location → lokasi.
      {"Where is the location?", "samping kantin"},
  }));
  CAPTURE(c.q);
  CHECK_THAT(e.first(c.q), Catch::Contains(c.expect));
}

TEST_CASE("Engine_EnglishSenses_TheSenseTheKnowledgeWritesMostComesFirst", "[language][engine]") {
  // FreeDict gives "heart" as hati, jantung; an article on the circulation
  // writes jantung in every passage and hati once, in another sense.
  ArticleEngine e("peredaran-darah.md", R"(# Peredaran Darah

## Jantung

Jantung terletak di rongga dada, sedikit ke kiri, di antara kedua paru-paru.

Jantung memompa darah ke seluruh tubuh lewat pembuluh nadi.

Serambi jantung menerima darah dari pembuluh balik.

## Organ Lain

Hati terletak di perut kanan atas dan menyaring racun dari darah.
)");
  CHECK_THAT(e.first("Where is the heart located?"), Catch::Contains("rongga dada"));
}

TEST_CASE("Engine_EnglishSenses_ASenseFreeDictLacksComesAfterItsOwn", "[language][engine]") {
  // FreeDict has "fine" only as an adjective (baik, halus) and "long" as
  // panjang; english_common.tsv adds the noun denda, and lama (of time),
  // which this article writes more often than panjang but which stays a
  // synonym: a long table is no table of long ago.
  ArticleEngine e("perpustakaan.md", R"(# Perpustakaan Sekolah

## Peminjaman

Keterlambatan mengembalikan pinjaman dikenai denda Rp500 per hari.

Buku dipinjam paling lama tujuh hari, majalah paling lama tiga hari.

## Perawatan Buku

Rawat buku dengan baik: sampul dibersihkan dengan kain kering, dan buku lama disimpan di rak belakang.

Meja yang panjang di lantai dua disediakan untuk belajar berkelompok.

Meja lama dipindahkan ke gudang di lantai satu.
)");
  CHECK_THAT(e.first("What is the fine?"), Catch::Contains("denda"));
  CHECK_THAT(e.first("Where is the long table?"), Catch::Contains("lantai dua"));
}

TEST_CASE("Engine_EnglishGlossaryWordTheKnowledgeLacks_GivesWayToTheDictionarysHeldWord", "[language][engine]") {
  // glossary_en.tsv gives "food" as pangan, as the bundled article writes it
  // ("ketahanan pangan"); a page on the school canteen writes makanan, which
  // FreeDict gives too: that is what is searched, as itself.
  ArticleEngine e("kantin.md", R"(# Kantin Sekolah

## Makanan

Makanan di kantin dimasak setiap pagi oleh pengelola kantin.

## Minuman

Minuman dijual dalam botol kaca yang dikembalikan setelah dipakai.
)");
  Explanation why;
  REQUIRE(e.engine->answer("Who cooks the food?", nullptr, default_policy(), &why).ok());
  CHECK(std::any_of(why.terms.begin(), why.terms.end(), [](const ExplainedTerm& t) { return t.stem == "makan"; }));
  CHECK_FALSE(std::any_of(why.terms.begin(), why.terms.end(), [](const ExplainedTerm& t) { return t.stem == "pangan"; }));
}

TEST_CASE("Engine_EnglishSon_IsTheParentsChild_NotASplitCompound", "[language][engine]") {
  // "my son" is the parent's child (anak), not "anak laki-laki" split into
  // a "laki" no passage writes.
  ArticleEngine e("jemput.md", R"(# Antar Jemput Siswa

## Kendaraan

Orang tua yang mengantar anak dengan mobil menurunkan anak di lobi depan.

## Piket

Guru piket mendorong siswa masuk kelas tepat waktu.
)");
  const std::string q = "where do I drop off my son when I drive him?";
  CHECK(e.searches(q, "anak"));
  CHECK_FALSE(e.searches(q, "laki"));
}

TEST_CASE("Engine_EnglishSchoolYear_IsKelasAndItsNumber", "[language][engine]") {
  // "12th grade", "grade 10": the school year (kelas 12), not a mark
  // (FreeDict's "nilai") nor an unknown word "12th".
  ArticleEngine e("beasiswa.md", R"(# Beasiswa Daerah

## Syarat

Pendaftar adalah siswa kelas 12 yang nilai rapornya paling rendah 80.

## Jadwal

Pendaftaran dibuka setiap Januari.
)");
  const std::string q = "my son is in 12th grade, can he still apply?";
  CHECK(e.searches(q, "12"));
  CHECK(e.searches(q, "kelas"));
  CHECK_FALSE(e.searches(q, "nilai"));
  CHECK_FALSE(e.searches(q, "12th"));
}

TEST_CASE("Engine_EnglishVerbSlot_ReadsTheWordsVerbSense", "[language][engine]") {
  // After a subject pronoun, a modal or "to", a word is a verb: "check"
  // there is checking (mengecek), not FreeDict's first noun sense, a bill
  // (bon), though the page writes "bon" too; "live" is living (tinggal),
  // not live broadcasting (langsung).
  ArticleEngine e("koperasi.md", R"(# Koperasi Siswa

## Saldo

Anggota bisa mengecek saldo simpanan di kasir setiap hari.

## Kredit

Belanja dengan bon hanya untuk anggota kelas XII, dibayar langsung akhir bulan.

## Alamat

Sebagian anggota tinggal di asrama sekolah.
)");
  const std::string q = "where can I check my savings balance?";
  CHECK(e.searches(q, "cek"));
  CHECK_FALSE(e.searches(q, "bon"));
  CHECK(e.searches("can members who live in the dormitory join?", "tinggal"));
  CHECK_FALSE(e.searches("can members who live in the dormitory join?", "langsung"));
  // A noun after a determiner keeps its noun senses.
  CHECK(e.searches("can I pay the check at the end of the month?", "bon"));
}

TEST_CASE("Engine_EnglishNounSlot_ReadsTheWordsNounSense", "[language][engine]") {
  // After a determiner, a word is a noun or an adjective: "the head of the
  // centre" is its head (kepala), not FreeDict's verb sense, heading for
  // somewhere (menuju), though the page writes "menuju" more.
  ArticleEngine e("balai.md", R"(# Balai Latihan

## Pengurus

Kepala balai saat ini adalah Ir. Dwi Prasetyo.

## Lokasi

Dari terminal, angkot jurusan Pasar Baru menuju balai setiap 15 menit.

Peserta yang naik kereta turun di Stasiun Karang, lalu berjalan menuju balai.

Jalan menuju bengkel las ditandai papan hijau.
)");
  const std::string q = "who is the head of the training centre?";
  CHECK(e.searches(q, "kepala"));
  CHECK_FALSE(e.searches(q, test::analyzer()->stem("menuju")));
  // Elsewhere the dictionary's senses stand as they are.
  CHECK(e.searches("which bus can I take to head to the centre?", test::analyzer()->stem("menuju")));
}

TEST_CASE("Engine_ChatQuestionWordsMaksAndSee_AreReadAsMeant", "[language][engine]") {
  // "kemana", "darimana" (chat's "ke mana", "dari mana") ask where, no topic
  // word "mana"; "see" is melihat, not FreeDict's first sense "tonton".
  ArticleEngine e("usg.md", R"(# Pemeriksaan

## USG

Dokter dapat melihat janin di dalam kandungan lewat ultrasonografi tanpa sinar X.

Penonton konser sebaiknya tidak berdiri di depan pengeras suara; menonton dari jauh lebih aman.

Pendaftaran pemeriksaan dilakukan di loket lantai dua atau lewat aplikasi, maksimal 40 orang dalam antrean sehari.
)");
  CHECK(e.type_of("daftarnya kemana?") == "where");
  CHECK(e.type_of("darimana bisa daftar?") == "where");
  CHECK_FALSE(e.searches("daftarnya kemana?", "mana"));
  CHECK(e.searches("What can doctors see with an ultrasound?", test::analyzer()->stem("melihat")));
  CHECK_FALSE(e.searches("What can doctors see with an ultrasound?", "tonton"));
  // "maks" as forms write it, with or without -nya: maksimal.
  CHECK(e.searches("antrean maks brp orang?", "maksimal"));
  CHECK(e.searches("antrean maksnya brp orang?", "maksimal"));
}

TEST_CASE("English_SchoolLevels_ReadAsOneNoun", "[language][engine]") {
  // "senior high school" is SMA, a noun of three words, not "senior" beside
  // "high school"; "elementary school" is SD.
  ArticleEngine e("mutasi.md", R"(# Mutasi

## Kantor

Mutasi siswa SMA dan SMK diurus di kantor cabang dinas provinsi, sedangkan mutasi siswa SD dan SMP di dinas kabupaten.
)");
  const std::string q = "Which office handles transfers for senior high schools?";
  CHECK(e.searches(q, "sma"));
  CHECK_FALSE(e.searches(q, "senior"));
  CHECK(e.searches("Who handles transfers of elementary school students?", "sd"));
}

TEST_CASE("Engine_NarrowingPair_AsksANumberToCall", "[language][engine]") {
  // "nomor" beside "wa" before the question word (or right after it) asks
  // the number to call; the pair later in the question is a topic.
  ArticleEngine e("kontak.md", R"(# Kontak Balai

## Layanan

Loket pelayanan buka Senin sampai Jumat. Pertanyaan dapat diajukan lewat WhatsApp pelayanan 0857-2211-3086.

Nomor induk peserta tertulis di kartu peserta.
)");
  CHECK(e.type_of("nomor wa pelayanan apa?") == "phone");
  CHECK(e.type_of("What is the WhatsApp number of the service desk?") == "phone");
  CHECK(e.type_of("apa yang terjadi kalau orang lain tahu nomor wa saya?") == "what");
  CHECK(e.type_of("wa pelayanan buat apa?") == "what");
}

TEST_CASE("Engine_NarrowingRightAfterTheQuestionWord_DecidesTheType", "[language][engine]") {
  // "kena biaya nggak dan jadinya berapa lama?": "berapa lama" asks a
  // duration; "biaya" in the yes/no clause before it is a topic, not the
  // price asked. Without a narrowing beside the question word, one anywhere
  // still narrows ("biayanya berapa?": a price).
  ArticleEngine e("legalisir.md", R"(# Legalisir

## Biaya dan Lama Proses

Legalisir fotokopi tidak dipungut biaya dan selesai dalam 15 menit.
)");
  CHECK(e.type_of("legalisir kena biaya nggak dan jadinya berapa lama?") == "duration");
  CHECK(e.type_of("legalisir biayanya berapa?") == "price");
  CHECK(e.type_of("berapa lama legalisir?") == "duration");
}

TEST_CASE("Engine_EnglishStartAndBad_TheirEverydaySenses", "[language][engine]") {
  // FreeDict's "start" is starting a machine (menjalankan) and its "bad" is
  // wicked (jahat): a ceremony starts (mulai), a reaction is bad (buruk),
  // though the page writes "berjalan" and "jahat" too.
  ArticleEngine e("upacara.md", R"(# Upacara Bendera

## Waktu

Upacara bendera dimulai pukul 07.00 dan peserta berbaris sejak 06.45.

## Barisan

Peserta berjalan ke lapangan dalam dua barisan.

## Kesehatan

Siswa yang mengalami reaksi buruk setelah berdiri lama segera dibawa ke UKS.

## Tata Tertib

Candaan jahat saat upacara dikenai sanksi.
)");
  const std::string start = "what time does the flag ceremony start?";
  CHECK(e.searches(start, "mula"));  // mulai
  CHECK_FALSE(e.searches(start, "jalan"));
  const std::string bad = "what if a student has a bad reaction?";
  CHECK(e.searches(bad, "buruk"));
  CHECK_FALSE(e.searches(bad, "jahat"));
}

TEST_CASE("Engine_EnglishBeBack_IsReturning", "[language][engine]") {
  // "be back inside by nine" is returning (kembali), not the back of a
  // building (belakang), which this page writes too.
  ArticleEngine e("asrama.md", R"(# Asrama

## Jam Malam

Penghuni asrama kembali ke kamar paling lambat pukul 21.00.

## Parkir

Sepeda diparkir di halaman belakang gedung.
)");
  const std::string q = "what time do we have to be back inside?";
  CHECK(e.searches(q, "kembali"));
  CHECK_FALSE(e.searches(q, "belakang"));
}

TEST_CASE("Engine_EnglishBooking_IsAReservation_NotABook", "[language][engine]") {
  // FreeDict lacks "booking"; read through its lemma it was "buku" (a book).
  ArticleEngine e("perpus.md", R"(# Perpustakaan

## Ruang Diskusi

Pemesanan ruang diskusi dilakukan di meja sirkulasi paling lambat sehari sebelumnya.

## Koleksi

Buku paket boleh dipinjam selama satu semester.
)");
  const std::string q = "booking ruang diskusi gimana?";
  CHECK(e.searches(q, "pesan"));
  CHECK_FALSE(e.searches(q, "buku"));
}

TEST_CASE("Engine_EnglishInflectedWordTheKnowledgeWrites_IsSearchedAsItself", "[language][engine]") {
  // A theatre guide writes "blocking", no word FreeDict gives for "block"
  // (blok): the English term is searched as it is, and the passage
  // defining it answers. Beside a translation it writes ("bleaching",
  // pemutihan), the translation stays and the term is its synonym.
  ArticleEngine e("teater.md", R"(# Teater Sekolah

## Istilah Panggung

Blocking adalah pengaturan posisi dan perpindahan pemain di atas panggung.

Properti adalah benda yang dipegang pemain, misalnya payung atau surat.

## Terumbu

Pemutihan karang atau coral bleaching terjadi ketika laut terlalu hangat.
)");
  Explanation why;
  auto a = e.engine->answer("what is blocking?", nullptr, default_policy(), &why);
  REQUIRE(a.ok());
  CHECK(std::any_of(why.terms.begin(), why.terms.end(), [](const ExplainedTerm& t) { return t.stem == "blocking"; }));
  CHECK_THAT(a->text, Catch::StartsWith("Blocking adalah"));
  Explanation bleach;
  REQUIRE(e.engine->answer("when does bleaching happen?", nullptr, default_policy(), &bleach).ok());
  CHECK(std::any_of(bleach.terms.begin(), bleach.terms.end(), [](const ExplainedTerm& t) { return t.stem == "putih"; }));
}

TEST_CASE("Engine_EnglishCompoundTheLexiconLists_IsReadAsOneBeforeItsFirstWordsGlossarySense", "[language][engine]") {
  // "power" is kekuatan in the glossary (the bundled article's sense), but
  // "power cuts" is a power outage (english_common.tsv: pemadaman listrik),
  // and "tap water" is air keran, not keran and perairan.
  ArticleEngine e("listrik.md", R"(# Listrik Sekolah

## Pemadaman

Saat terjadi pemadaman listrik, panel surya dengan baterai tetap menyalakan lampu kelas.

## Akuarium

Air keran mengandung kaporit yang berbahaya bagi ikan, jadi endapkan dulu semalam.
)");
  Explanation cuts, tap;
  auto a = e.engine->answer("what should we use when there are power cuts?", nullptr, default_policy(), &cuts);
  REQUIRE(a.ok());
  CHECK(std::any_of(cuts.terms.begin(), cuts.terms.end(), [](const ExplainedTerm& t) { return t.stem == "padam"; }));
  CHECK_FALSE(std::any_of(cuts.terms.begin(), cuts.terms.end(), [](const ExplainedTerm& t) { return t.stem == "kuat"; }));
  CHECK_THAT(a->text, Catch::Contains("panel surya"));
  auto b = e.engine->answer("why cant we use tap water for the fish", nullptr, default_policy(), &tap);
  REQUIRE(b.ok());
  CHECK_THAT(b->text, Catch::Contains("kaporit"));
}

TEST_CASE("Engine_EnglishWordFreeDictLacks_IsTheKnowledgesWord", "[language][engine]") {
  // "infertility" and "max" are no FreeDict headwords (english_common.tsv:
  // kemandulan, maksimal).
  ArticleEngine e("vaksin.md", R"(# Vaksin HPV

## Mitos

Mitos yang sering beredar adalah vaksin HPV menyebabkan kemandulan, padahal penelitian tidak menemukan hubungan itu.

## Biaya

Di klinik swasta biayanya maksimal Rp1.300.000 per suntikan.

## Jadwal

Vaksin diberikan setiap November di sekolah dasar.
)");
  Explanation why;
  auto a = e.engine->answer("does the vaccine cause infertility?", nullptr, default_policy(), &why);
  REQUIRE(a.ok());
  CHECK(std::any_of(why.terms.begin(), why.terms.end(), [](const ExplainedTerm& t) { return t.stem == "mandul"; }));
  CHECK_THAT(a->text, Catch::Contains("kemandulan"));
  Explanation max;
  REQUIRE(e.engine->answer("what is the max cost at a private clinic?", nullptr, default_policy(), &max).ok());
  CHECK(std::any_of(max.terms.begin(), max.terms.end(), [](const ExplainedTerm& t) { return t.stem == "maksimal"; }));
}

TEST_CASE("Engine_EnglishADifferentThing_IsAnotherOne_NoComparison", "[language][engine]") {
  // "a different bank" is another bank; "what is the difference between"
  // asks a comparison.
  ArticleEngine e("bank.md", R"(# Tabungan

## Transfer

Orang tua dapat mengirim uang dari bank lain ke rekening anak dengan biaya Rp6.500.

Tabungan berbeda dari deposito karena uangnya dapat diambil kapan saja.
)");
  Explanation other, diff;
  REQUIRE(e.engine->answer("can my mom send money from a different bank?", nullptr, default_policy(), &other).ok());
  CHECK(other.question_type != "comparison");
  CHECK_FALSE(std::any_of(other.terms.begin(), other.terms.end(), [](const ExplainedTerm& t) { return t.stem == "beda"; }));
  REQUIRE(e.engine->answer("what is the difference between savings and deposits?", nullptr, default_policy(), &diff).ok());
  CHECK(diff.question_type == "comparison");
}

TEST_CASE("Engine_EnglishPhrasalVerb_InflectedIsReadAsOne", "[language][engine]") {
  // "burns out" is "burn out" (padam), not burn (membakar) and out
  // (keluar); "get up" is bangun although "get" alone is a function word.
  // english_common.tsv lists phrasal verbs by their base form only.
  ArticleEngine e("listrik-asrama.md", R"(# Listrik di Asrama

## Lampu

Pada rangkaian paralel, jika satu lampu padam, lampu lain di kamar tetap menyala.

Kabel yang terlalu panas dapat membakar lapisan isolasi dan keluar percikan api dari stopkontak.

## Jadwal Harian

Penghuni asrama naik ke aula pukul 19.00.

Penghuni asrama bangun pukul 04.30, lalu membersihkan kamar dan merapikan tempat tidur sebelum sarapan.
)");
  CHECK_THAT(e.first("What happens to the other lamps if one lamp burns out?"), Catch::Contains("tetap menyala"));
  CHECK_THAT(e.first("What time do the dormitory residents get up?"), Catch::Contains("04.30"));
}

TEST_CASE("Engine_EnglishCompoundPluralAndComparative_FindTheirDictionaryEntries", "[language][engine]") {
  // FreeDict lists "wisdom tooth" (gigi bungsu) and "thick" (tebal): the
  // plural on a compound's last word and a comparative are read back to
  // them (both checks fail without: checked).
  ArticleEngine e("gigi-kabel.md", R"(# Gigi dan Kabel

## Gigi Bungsu

Gigi bungsu biasanya tumbuh pada usia 17 sampai 25 tahun di bagian paling belakang rahang.

## Gigi Susu

Gigi susu mulai tanggal pada usia enam tahun dan diganti gigi tetap.

## Kabel

Kabel yang lebih tebal memiliki hambatan lebih kecil sehingga tidak cepat panas.

Kabel yang lebih panjang memiliki hambatan lebih besar.
)");
  CHECK_THAT(e.first("when do wisdom teeth come in"), Catch::Contains("17 sampai 25"));
  CHECK_THAT(e.first("does a thicker wire have less resistance"), Catch::Contains("lebih tebal"));
}

TEST_CASE("Engine_EnglishNameTheKnowledgeWrites_IsKeptAsWritten", "[language][engine]") {
  // "bike train" is the name the article gives its ride to school, in
  // English: word by word it was "sepeda kereta", turned round as a noun
  // phrase ("kereta sepeda"), and the passage on the bike train lost to
  // the one on the train station.
  ArticleEngine e("sepeda.md", R"(# Bersepeda ke Sekolah

## Bike Train

Setiap Rabu, siswa berangkat bersama dalam bike train dari Taman Kota. Pendamping depan membawa bendera oranye.

## Naik Kereta

Siswa yang naik kereta turun di Stasiun Kota, lalu berjalan kaki sepuluh menit ke sekolah sambil membawa bendera kelas.
)");
  CHECK_THAT(e.first("What does the front escort carry during the bike train ride?"), Catch::Contains("oranye"));
}

TEST_CASE("Engine_EnglishCompoundInThePlural_IsTheOneTheKnowledgeWrites", "[language][engine]") {
  // "push-ups" asked where the article writes "push-up": the plural on the
  // compound's last word, not "dorong" and "ups" word by word.
  ArticleEngine e("tes.md", R"(# Tes Fisik

## Lari

Calon berlari sejauh 2.400 meter dalam 12 menit.

## Kekuatan

Calon melakukan 30 push-up, tanpa batas waktu.

## Renang

Peserta berenang 50 meter gaya bebas tanpa berhenti dalam dua menit.
)");
  CHECK_THAT(e.first("How many push-ups do we have to do?"), Catch::Contains("30 push-up"));
  // A grade point average is the IPK Indonesian campuses write (FreeDict
  // lacks "GPA"; english_common.tsv).
  ArticleEngine k("kkn.md", R"(# KKN

## Syarat

Peserta telah lulus 100 SKS dengan IPK minimal 2,50.

## Nilai

Nilai akhir minimal lulus adalah C.
)");
  CHECK_THAT(k.first("What is the minimum GPA?"), Catch::Contains("2,50"));
}

TEST_CASE("Engine_EnglishPairWrittenOnceInAName_IsTranslatedWhereItsTranslationIsTheUsualWords", "[language][engine]") {
  // The article writes "Coral Reefs" in a name, and "terumbu karang"
  // throughout: "coral reefs" in a question is the reefs, not the programme.
  ArticleEngine e("karang.md", R"(# Terumbu Karang Kita

## Kondisi Terumbu Karang

Terumbu karang di perairan Indonesia banyak yang rusak. Hanya sekitar enam persen terumbu karang dalam kondisi sangat baik.

## Pemulihan

Pemerintah Indonesia menjalankan program COREMAP (Coral Reef Rehabilitation and Management Program) sejak 1998 untuk memperbaiki kondisi pesisir bersama nelayan. Indonesia juga bergabung dalam Coral Triangle Initiative on Coral Reefs.

## Ancaman

Terumbu karang terancam bom ikan dan pemutihan ketika suhu laut naik.
)");
  CHECK_THAT(e.first("What is the condition of the coral reefs in Indonesia?"), Catch::Contains("enam persen"));
}

TEST_CASE("ArticleAliases_Find_TheArticlesOwnSecondNames", "[language]") {
  const Analyzer& a = *test::analyzer();
  auto one = find_aliases("Perundungan atau *bullying* adalah perilaku menyakiti orang lain.", a);
  REQUIRE(one.size() == 1);
  CHECK(one[0].name == std::vector<std::string>{"perundungan"});
  CHECK(one[0].other == "bullying");
  // A term hunspell-id lacks ends the second name without a defining verb.
  auto cell = find_aliases("Darah mengalir. Sel darah merah atau eritrosit berbentuk cakram.", a);
  REQUIRE(cell.size() == 1);
  CHECK(cell[0].name == std::vector<std::string>{"sel", "darah", "merah"});
  CHECK(cell[0].other == "eritrosit");
  // Two everyday words are a choice; a known word may begin a longer name.
  CHECK(find_aliases("Teman atau guru melapor kepada sekolah.", a).empty());
  CHECK(find_aliases("Vena atau pembuluh balik membawa darah ke jantung.", a).empty());
  CHECK(find_aliases("Siswa boleh memilih teman atau eritrosit.", a).empty());  // not at a sentence's start
  CHECK(find_aliases("Level IV (Awas): Letusan sedang atau segera terjadi.", a).empty());  // after a label
  // An acronym and the words whose letters it takes.
  auto ispu = find_aliases("Nilai Indeks Standar Pencemar Udara (ISPU) diumumkan tiap jam.", a);
  REQUIRE(ispu.size() == 1);
  CHECK(ispu[0].name == std::vector<std::string>{"indeks", "standar", "pencemar", "udara"});
  CHECK(ispu[0].other == "ispu");
  CHECK(acronym_span("PLTP", {"dibangun", "pembangkit", "listrik", "tenaga", "panas", "bumi"}) == 5);
  CHECK(acronym_span("XYZ", {"pembangkit", "listrik"}) == 0);
  CHECK(find_aliases("Ia tinggal di kota (Bandung) sejak kecil.", a).empty());
  // After "atau", and the acronym first with its name after it.
  auto skck = find_aliases("Surat Keterangan Catatan Kepolisian atau SKCK dapat diurus sendiri.", a);
  REQUIRE(skck.size() == 1);
  CHECK(skck[0].name == std::vector<std::string>{"surat", "keterangan", "catatan", "kepolisian"});
  CHECK(skck[0].other == "skck");
  for (const char* text : {"SHU atau Sisa Hasil Usaha adalah keuntungan bersih.", "Pembagian SHU (Sisa Hasil Usaha) tiap tahun."}) {
    auto shu = find_aliases(text, a);
    REQUIRE(shu.size() == 1);
    CHECK(shu[0].name == std::vector<std::string>{"sisa", "hasil", "usaha"});
    CHECK(shu[0].other == "shu");
  }
  CHECK(find_aliases("Bawa KTP atau surat keterangan domisili.", a).empty());  // the initials spell nothing after it
}

TEST_CASE("ArticleAliases_SpelledNames_InitialsOfCapitalisedRuns", "[language]") {
  const Analyzer& a = *test::analyzer();
  auto acronyms = [&](std::string_view text) {
    std::vector<std::string> out;
    for (const auto& n : find_spelled_names(text, a.tokenize(text))) out.push_back(n.other);
    return out;
  };
  auto has = [](const std::vector<std::string>& v, const std::string& x) {
    return std::find(v.begin(), v.end(), x) != v.end();
  };
  // A sentence's first word joins the run; the name's own part is read too.
  auto sktm = acronyms("Siapkan Surat Keterangan Tidak Mampu dari kelurahan.");
  CHECK(has(sktm, "sktm"));
  CHECK(has(sktm, "ssktm"));
  auto names = find_spelled_names("peserta Program Keluarga Harapan", a.tokenize("peserta Program Keluarga Harapan"));
  REQUIRE(names.size() == 1);
  CHECK(names[0].other == "pkh");
  CHECK(names[0].name == std::vector<std::string>{"program", "keluarga", "harapan"});
  // Two words are too few; a comma or an acronym ends a run; lowercase words are no name.
  CHECK(acronyms("membawa Kartu Keluarga asli").empty());
  CHECK(acronyms("Kartu Keluarga, Surat Nikah").empty());
  CHECK(acronyms("Kartu KIP Kuliah Baru").empty());
  CHECK(acronyms("surat keterangan tidak mampu").empty());
}

TEST_CASE("Engine_ArticleAliases_OneNameFindsPassagesUsingTheOther", "[language][engine]") {
  ArticleEngine e("perundungan.md", R"(# Perundungan di Sekolah

## Pengertian

Perundungan atau bullying adalah perilaku menyakiti orang lain secara sengaja dan berulang.

## Dampak

Korban perundungan sering merasa cemas, sulit tidur, dan nilai rapornya turun.

## Pencegahan

Sekolah mencegah perundungan dengan aturan yang jelas dan guru yang sigap.
)");
  // "bullying" stands only in the definition; the question is about the effects.
  CHECK_THAT(e.first("apa dampak bullying buat korbannya?"), Catch::Contains("sulit tidur"));
  auto a = e.engine->answer("apa dampak bullying buat korbannya?");
  REQUIRE(a.ok());
  CHECK_FALSE(a->fallback);
}

TEST_CASE("Engine_SpelledName_AcronymFindsTheNameWrittenOut", "[language][engine]") {
  ArticleEngine e("beasiswa.txt", R"(Beasiswa Sekolah

Berkas

Untuk membuktikan kondisi ekonomi, siapkan Surat Keterangan Tidak Mampu dari kelurahan setempat.

Penerima Program Keluarga Harapan langsung memenuhi syarat ekonomi tanpa berkas tambahan.

Jadwal

Pendaftaran dibuka pada bulan Februari dan ditutup pada bulan Oktober.
)");
  // The article never writes "SKTM" or "PKH"; students do.
  CHECK_THAT(e.first("sktm dapetnya dmn?"), Catch::Contains("kelurahan"));
  CHECK_THAT(e.first("keluarga gw dapet PKH, bisa daftar?"), Catch::Contains("tanpa berkas tambahan"));
  // Within a web address the acronym is part of the address, not the name
  // written as students shorten it.
  ArticleEngine u("ept.txt", R"(Tes Bahasa

Biaya

Mahasiswa kampus lain membayar Rp200.000 per tes.

Mahasiswa aktif Universitas Cendekia Nusantara membayar Rp125.000 per tes.

Pendaftaran

Pendaftaran dilakukan di laman sipena.ucn.ac.id dengan akun kampus.

Ruang Tes

Ruang tes berada di Gedung C lantai 2.
)");
  CHECK_THAT(u.first("mahasiswa ucn bayar brp?"), Catch::Contains("Rp125.000"));
}

TEST_CASE("Engine_Typo_OfARootTheKnowledgeWritesOnlyWithAffixes", "[language][engine]") {
  ArticleEngine e("sim.txt", R"(Membuat SIM

Berkas

Bawa KTP asli beserta fotokopinya ke loket pendaftaran.

Ujian

Ujian teori berisi tiga puluh soal pilihan ganda di komputer.
)");
  // The article writes only "fotokopinya"; "fotokpi" is one letter from its
  // root "fotokopi" and three from the written word.
  auto a = e.engine->answer("Apakah perlu bawa fotokpi KTP waktu daftar?");
  REQUIRE(a.ok());
  REQUIRE(a->corrections.size() == 1);
  CHECK(a->corrections[0].to == "fotokopi");
  CHECK_THAT(e.first("Apakah perlu bawa fotokpi KTP waktu daftar?"), Catch::Contains("fotokopinya"));
}

TEST_CASE("Engine_WordOfItsOwn_IsNoSlipOfAWordOneLetterLonger", "[language][engine]") {
  struct Case {
    const char* file;
    const char* article;
    const char* question;
  };
  auto c = GENERATE(values<Case>({
      // "sebaiknya" (should) is a word of its own, not "sebaliknya" with a
      // letter left out (generic_words.txt lists it with the other hedges).
      {"luka.txt", "Luka Ringan\n\nMembersihkan\n\nBilas luka di bawah air mengalir. Sebaliknya, jangan meniup "
                   "luka karena napas membawa kuman.\n",
       "apa yang sebaiknya dilakukan pada luka?"},
      // The article writes "tempat", not "tepat"; "tepat" is a word of its own
      // (mythes-id lists it), not "tempat" with a letter left out.
      {"panen.txt", "Panen Padi\n\nWaktu panen\n\nPadi dipanen ketika delapan puluh persen bulirnya menguning. "
                    "Gabah dijemur di tempat terbuka.\n",
       "kapan waktu yang tepat untuk panen padi?"},
      // "Eropa" written as a name is Europe, not "Europa" (Jupiter's moon)
      // with a letter left out.
      {"jupiter.txt", "Bulan Jupiter\n\nEuropa\n\nEuropa adalah bulan Jupiter yang permukaannya tertutup es.\n",
       "Kenapa salju bisa turun di Eropa?"},
  }));
  CAPTURE(c.question);
  ArticleEngine e(c.file, c.article);
  auto a = e.engine->answer(c.question);
  REQUIRE(a.ok());
  CHECK(a->corrections.empty());
}

TEST_CASE("Engine_ThesaurusWord_IsNoTypoOfAKnowledgeWord", "[language][engine]") {
  ArticleEngine e("kantin.txt", R"(Kantin Sekolah

Jam buka

Siswa boleh berbelanja di kantin pada jam istirahat pertama dan kedua.

Makanan

Kantin hanya menjual makanan sehat tanpa pewarna buatan.
)");
  // hunspell-id lacks "rehat", one letter from the article's "sehat"; the
  // thesaurus lists it with "istirahat", so it is a word, not a typo.
  auto a = e.engine->answer("kapan waktu rehat buat belanja di kantin?");
  REQUIRE(a.ok());
  CHECK(a->corrections.empty());
  CHECK_THAT(e.first("kapan waktu rehat buat belanja di kantin?"), Catch::Contains("istirahat pertama"));
}

TEST_CASE("Engine_ThesaurusWord_TheKnowledgeSpellsWithAnotherVowel_IsThatWord", "[language][engine]") {
  // mythes-id lists "parafrase" (with "terjemahan"); the article spells it
  // "parafrasa". The question means the article's word, not a synonym.
  ArticleEngine e("mengutip.md", R"(# Mengutip Sumber

## Parafrasa

Parafrasa berarti menyampaikan gagasan sumber dengan kalimat sendiri tanpa mengubah maknanya.

## Terjemahan

Terjemahan tulisan orang lain tetap harus menyebut sumber aslinya.
)");
  auto a = e.engine->answer("parafrase itu apa?");
  REQUIRE(a.ok());
  REQUIRE(a->corrections.size() == 1);
  CHECK(a->corrections[0].to == "parafrasa");
  CHECK_THAT(e.first("parafrase itu apa?"), Catch::Contains("kalimat sendiri"));
}

TEST_CASE("Engine_HowQuestion_PassageSayingByWhatMeansHasTheKindAsked", "[language][engine]") {
  ArticleEngine e("kompos.txt", R"(Kompos Sekolah

Membuat kompos

Kompos dibuat dengan mencampur daun kering, sisa sayur, dan sedikit tanah di dalam tong.
)");
  // "dengan" (by means of) says how; the passage has no "cara" or "melalui".
  auto a = e.engine->answer("Bagaimana membuat kompos di sekolah?");
  REQUIRE(a.ok());
  CHECK(a->question_type == "how");
  CHECK(a->features[kAnswerType] == 1.0);
}

TEST_CASE("Engine_LongNameWithOneWordLeftOut_FindsItsShortName", "[language][engine]") {
  ArticleEngine e("energi.txt", R"(Energi Terbarukan

Panas bumi

Indonesia memiliki banyak pembangkit listrik tenaga panas bumi (PLTP) di sekitar gunung api.

Di PLTP, uap dari dalam perut bumi dialirkan lewat sumur produksi untuk memutar turbin.

Surya

Pembangkit listrik tenaga surya (PLTS) mengubah cahaya matahari menjadi listrik.
)");
  // "pembangkit listrik panas bumi" leaves out "tenaga": still PLTP.
  auto pltp_searched = [&](const std::string& question) {
    Explanation why;
    REQUIRE(e.engine->answer(question, nullptr, &why).ok());
    for (const auto& t : why.terms)
      if (std::find(t.synonyms.begin(), t.synonyms.end(), "pltp") != t.synonyms.end()) return true;
    return false;
  };
  CHECK(pltp_searched("pembangkit listrik panas bumi dari mana uapnya?"));
  CHECK(pltp_searched("pembangkit listrik tenaga panas bumi dari mana uapnya?"));
  // Without its last word a name may be another one ("… tenaga surya").
  CHECK_FALSE(pltp_searched("pembangkit listrik tenaga panas itu apa?"));
  CHECK_FALSE(pltp_searched("pembangkit listrik bumi itu apa?"));
}

TEST_CASE("Engine_StopWordWithParticle_IsNoQuestionWord", "[language][engine]") {
  ArticleEngine e("sekolah.txt", R"(Pendidikan Inklusif

Aturan

Sekolah tidak boleh menolak calon murid karena disabilitasnya.
)");
  // The index skips "bolehkah" as "boleh" with a particle; the question must
  // not search it as a word the knowledge lacks (it weighed most of all).
  auto a = e.engine->answer("Bolehkah sekolah menolak murid?");
  REQUIRE(a.ok());
  for (const auto& w : a->missing) CHECK(w != "bolehkah");
  for (const auto& w : a->matched) CHECK(w != "bolehkah");
  CHECK(test::analyzer()->is_stopword("bolehkah"));
  CHECK_FALSE(test::analyzer()->is_stopword("sekolah"));  // "seko" is no stop word
}

TEST_CASE("Engine_ThesaurusPhrase_FindsTheOneWordTheKnowledgeWrites", "[language][engine]") {
  ArticleEngine e("gizi.txt", R"(Gizi Pelajar

Kantin

Kantin buka pukul 07.00 dan menjual nasi, sayur, dan buah untuk semua pelajar.

Sarapan

Sarapan memberi energi untuk berkonsentrasi pada jam pelajaran pertama.

Olahraga

Pelajar dianjurkan berolahraga tiga kali seminggu.
)");
  // mythes-id lists "makan pagi" under "sarapan"; the article never writes
  // "makan" at all.
  CHECK_THAT(e.first("kenapa pelajar harus makan pagi?"), Catch::Contains("energi"));
  // Function words alone are no phrase: "boleh jadi" is not read as "kali".
  auto a = e.engine->answer("siapa yang boleh jadi pelajar?");
  REQUIRE(a.ok());
  auto words = a->matched;
  words.insert(words.end(), a->missing.begin(), a->missing.end());
  CHECK(std::find(words.begin(), words.end(), "boleh jadi") == words.end());
}

TEST_CASE("Engine_ThesaurusPhraseOfFunctionWords_IsNoTopic", "[language][engine]") {
  ArticleEngine e("daftar.txt", R"(Pendaftaran

Langkah

Siswa baru mengisi formulir pendaftaran di ruang tata usaha.

Setelah formulir diperiksa, siswa membayar uang seragam di koperasi.
)");
  // A cue asking what comes next, which mythes-id lists as a phrase
  // ("setelah itu" under "baru"), weighed more than any word asked.
  CHECK_FALSE(e.searches("setelah itu siswa ngapain?", "setelah itu"));
  CHECK(e.searches("setelah itu siswa ngapain?", "siswa"));
}

// LanguageTables::standard_form remembers each chat word per thread: the
// memory is one knowledge's, so a second engine in the same thread reads
// the word by its own words ("bully" is "bullying" only where the article
// writes "bullying"), and the first reads it as before afterwards.
TEST_CASE("LanguageTables_StandardForm_RememberedPerKnowledge_NotCarriedToAnother", "[language]") {
  ArticleEngine bullying("perundungan.md",
                         "# Perundungan di Sekolah\n\n"
                         "Perundungan atau bullying adalah perilaku menyakiti teman secara berulang. Bullying bisa "
                         "berupa ejekan, pukulan, atau pengucilan di sekolah.\n\n"
                         "Siswa yang melihat bullying sebaiknya melapor kepada guru BK agar korban segera mendapat "
                         "bantuan.\n");
  ArticleEngine canteen("kantin.md",
                        "# Kantin Sekolah\n\n"
                        "Kantin sekolah buka setiap hari Senin sampai Jumat pukul 07.00 sampai 14.00. Siswa membayar "
                        "dengan kartu pelajar.\n\n"
                        "Makanan di kantin sekolah diperiksa petugas kesehatan setiap minggu agar aman dimakan.\n");
  const std::string question = "bully di sekolah gimana?";
  auto has = [](const std::vector<std::string>& words, const std::string& w) {
    return std::find(words.begin(), words.end(), w) != words.end();
  };
  auto first = bullying.engine->answer(question);
  REQUIRE(first.ok());
  CHECK(has(first->matched, "bullying"));
  auto other = canteen.engine->answer(question);
  REQUIRE(other.ok());
  REQUIRE_FALSE((other->matched.empty() && other->missing.empty()));  // a passage was weighed against the words
  CHECK(has(other->missing, "bully"));
  CHECK_FALSE(has(other->matched, "bullying"));
  CHECK_FALSE(has(other->missing, "bullying"));
  auto again = bullying.engine->answer(question);
  REQUIRE(again.ok());
  CHECK(has(again->matched, "bullying"));
}

TEST_CASE("Engine_ChatBoy_FindsThePageWordPutra", "[language][engine]") {
  // "cowok" reads as pria; schools write putra and putri for boys and girls.
  ArticleEngine e("klub.md", R"(# Klub Renang

## Jadwal Latihan

Kelas putri berlatih setiap Kamis pagi di kolam kota bersama pelatih tamu.

Kelas putra berlatih setiap Selasa sore di kolam sekolah bersama pelatih klub.
)");
  CHECK(e.first("cowok latihannya hari apa?").find("putra") != std::string::npos);
  CHECK(e.first("cewek latihannya hari apa?").find("putri") != std::string::npos);
}

TEST_CASE("English_PhrasalVerbParticle_IsNoChatAbbreviation", "[language][engine]") {
  // "up" is the chat skeleton of "uap", which this article writes; in an
  // English question it is the particle of "came up with" (menemukan).
  ArticleEngine e("uap.md", R"(# Mesin Uap

James Watt menemukan cara membuat mesin uap bekerja jauh lebih hemat pada tahun 1769.

Uap air yang panas mendorong piston naik dan turun di dalam silinder besi.
)");
  CHECK_FALSE(e.searches("Who came up with the idea of a better engine?", "uap"));
  CHECK(e.searches("Who came up with the idea of a better engine?", "temu"));
}

TEST_CASE("Engine_ChatAsksToPay_FindsTheCostThePageWrites", "[language][engine]") {
  // "bayar ga?" asks whether it costs anything: the page says "biaya".
  ArticleEngine e("vaksin.md", R"(# Vaksinasi di Sekolah

## Pelaksanaan

Vaksinasi di sekolah dimulai pukul delapan pagi.

Seluruh rangkaian vaksinasi tidak dipungut biaya apa pun bagi siswa kelas lima dan enam di semua sekolah dasar negeri maupun swasta.
)");
  CHECK(e.first("vaksin di sekolah bayar ga?").find("dipungut biaya") != std::string::npos);
}

TEST_CASE("Engine_CountAsFigure_FindsTheCountInWords", "[language][engine]") {
  ArticleEngine e("samsat.md", R"(# Layanan Samsat

Perpanjangan STNK tiap tahun cukup dilayani di loket pajak kecamatan.

Perpanjangan STNK tiap lima tahun harus dilayani di kantor induk karena pelat nomor ikut diganti.

Pelat nomor sementara berlaku tiga puluh hari.
)");
  // "5" asked, "lima" written: the same count (synonyms.txt).
  CHECK_THAT(e.first("perpanjangan stnk 5 tahun dilayani di mana?"), Catch::Matchers::Contains("kantor induk"));
  CHECK_THAT(e.first("perpanjangan stnk tiap tahun dilayani di mana?"), Catch::Matchers::Contains("loket pajak"));
}

TEST_CASE("Engine_PlaceAsFigure_FindsTheOrdinalThePageWrites", "[language][engine]") {
  ArticleEngine e("tuas.md", R"(# Tuas

Tuas golongan pertama menaruh titik tumpu di tengah, misalnya gunting dan tang.

Tuas golongan kedua menaruh beban di tengah, misalnya gerobak dorong.

Tuas golongan ketiga menaruh kuasa di tengah, misalnya pinset.
)");
  // "pertama" is no form of "satu" (as "kedua" is of "dua"): the ordinal.
  CHECK_THAT(e.first("tuas golongan 1 contohnya apa?"), Catch::Matchers::Contains("gunting dan tang"));
  CHECK_THAT(e.first("tuas golongan 2 contohnya apa?"), Catch::Matchers::Contains("gerobak dorong"));
}

TEST_CASE("Engine_MistypedCue_NamesTheType", "[language][engine]") {
  ArticleEngine e("tuas.md", R"(# Tuas

Tuas golongan pertama menaruh titik tumpu di tengah. Contoh tuas golongan pertama adalah gunting dan tang.

Pada tuas golongan pertama, titik tumpu berada di antara beban dan kuasa, dengan susunan B-T-K.
)");
  CHECK(e.type_of("contoh tuas golongan pertama apa aja?") == "example");
  // "contho" is "contoh" mistyped (the page writes it): still an example asked.
  CHECK(e.type_of("contho tuas golongan pertama apa aja?") == "example");
}

#include "knowledge/article_parser.hpp"

#include <catch2/catch.hpp>
#include <filesystem>
#include <fstream>
#include <map>

#include "knowledge/base/utf8.hpp"
#include "knowledge/bullets.hpp"
#include "knowledge/importers.hpp"
#include "knowledge/knowledge_dir.hpp"
#include "knowledge/lexicon.hpp"
#include "knowledge/markup.hpp"
#include "knowledge/paths.hpp"
#include "knowledge/wrapped_lines.hpp"
#include "tests/test_support.hpp"

using namespace tanya;

namespace {

Article bundled() {
  auto text = read_file(test::article_path());
  REQUIRE(text.ok());
  return parse_article(*text, "kerja-sama-bilateral");
}

}  // namespace

TEST_CASE("parse_article_BundledArticle_YieldsPinnedCounts", "[knowledge]") {
  Article a = bundled();
  std::map<UnitKind, int> count;
  std::map<int, int> paragraphs_by_section;
  for (const auto& u : a.units) {
    count[u.kind]++;
    if (u.kind == UnitKind::paragraph) paragraphs_by_section[u.section]++;
  }
  CHECK(count[UnitKind::lead] == 1);
  CHECK(count[UnitKind::paragraph] == 29);
  CHECK(count[UnitKind::table_row] == 5);
  CHECK(count[UnitKind::faq] == 5);
  // Introduction, six titled sections and the conclusion hold the paragraphs.
  CHECK(paragraphs_by_section.size() == 8);
  CHECK(a.title == "Latar Belakang Kerja Sama Bilateral dan Strategi Diplomasi Internasional");
}

TEST_CASE("parse_article_BundledArticle_UnitsHaveExactText", "[knowledge]") {
  Article a = bundled();
  REQUIRE(a.units.size() == 40);
  CHECK(a.units[0].kind == UnitKind::lead);
  CHECK(a.units[0].text.rfind("Pelajari latar belakang kerja sama bilateral", 0) == 0);

  const Unit* first_body = &a.units[1];
  CHECK(first_body->kind == UnitKind::paragraph);
  CHECK(a.sections[first_body->section] == kIntroductionSection);
  CHECK(first_body->text.rfind("Latar belakang kerja sama bilateral menjadi salah satu pondasi", 0) == 0);

  // The repeated title after the introduction opens no section.
  const Unit& third = a.units[3];
  CHECK(a.sections[third.section] == "Memahami Latar Belakang Kerja Sama Bilateral Antarnegara");
  CHECK(third.text.rfind("Kerja sama bilateral lahir dari kebutuhan mendasar", 0) == 0);

  std::vector<const Unit*> faq, rows;
  for (const auto& u : a.units) {
    if (u.kind == UnitKind::faq) faq.push_back(&u);
    if (u.kind == UnitKind::table_row) rows.push_back(&u);
  }
  REQUIRE(faq.size() == 5);
  CHECK(faq[0]->question == "Apa perbedaan kerja sama bilateral dan multilateral?");
  CHECK(faq[0]->text.rfind("Kerja sama bilateral hanya melibatkan dua negara", 0) == 0);
  CHECK(faq[4]->question == "Bagaimana masa depan kerja sama bilateral di era digital?");
  REQUIRE(rows.size() == 5);
  CHECK(rows[0]->question == "Latar Belakang");
  CHECK(rows[0]->text == "Latar Belakang: Kebutuhan ekonomi, politik, keamanan, dan faktor historis");
  CHECK(rows[2]->question == "Strategi Diplomasi");
  CHECK(rows[4]->text == "Faktor Pendorong: Politik, ekonomi, ideologi, geografis, dan krisis global");

  const Unit& last = a.units.back();
  CHECK(a.sections[last.section].rfind("Kesimpulan:", 0) == 0);
  CHECK(last.text.rfind("Pada akhirnya, kerja sama bilateral bukan hanya bermanfaat", 0) == 0);
}

TEST_CASE("split_table_row_Rows_SplitAtNextCapitalisedWord", "[knowledge]") {
  struct Case {
    const char* line;
    const char* key;
    const char* value;
  };
  auto c = GENERATE(values<Case>({
      {"Tujuan Meningkatkan kesejahteraan", "Tujuan", "Meningkatkan kesejahteraan"},
      {"Latar Belakang Kebutuhan ekonomi", "Latar Belakang", "Kebutuhan ekonomi"},
      {"Faktor Pendorong Politik, ekonomi", "Faktor Pendorong", "Politik, ekonomi"},
      {"Manfaat pertumbuhan ekonomi", "Manfaat", "pertumbuhan ekonomi"},
  }));
  std::string key, value;
  REQUIRE(split_table_row(c.line, &key, &value));
  CHECK(key == c.key);
  CHECK(value == c.value);
}

TEST_CASE("parse_article_TableRowsEndingInAPeriod_AreRows", "[knowledge]") {
  // The table's title right above its header, rows written as sentences; the
  // paragraph after a blank line is no row.
  Article a = parse_article(R"(Tata Surya

Ringkasan singkat tentang tata surya.

Tabel: Ringkasan Tata Surya
Aspek Deskripsi
Sabuk Kuiper Wilayah dingin di luar orbit Neptunus.
Awan Oort Kumpulan benda es di tepi tata surya.

Tabel di atas merangkum wilayah terluar tata surya.
)",
                            "x");
  std::vector<std::string> rows, paragraphs;
  for (const auto& u : a.units) {
    if (u.kind == UnitKind::table_row) rows.push_back(u.text);
    if (u.kind == UnitKind::paragraph) paragraphs.push_back(u.text);
  }
  REQUIRE(rows.size() == 2);
  CHECK(rows[0] == "Sabuk Kuiper: Wilayah dingin di luar orbit Neptunus.");
  CHECK(rows[1] == "Awan Oort: Kumpulan benda es di tepi tata surya.");
  REQUIRE(paragraphs.size() == 1);
  CHECK(paragraphs[0] == "Tabel di atas merangkum wilayah terluar tata surya.");
}

TEST_CASE("parse_article_Garbage_NeverFails", "[knowledge]") {
  auto c = GENERATE(as<std::string>{}, "", "\n\n\n", "Satu baris saja", std::string("\xff\xfe\x00zz", 5),
                    "Judul\n\n1. Pertanyaan?\n\nFAQ\n\nTabel: x\n");
  Article a = parse_article(c, "x");
  for (const auto& u : a.units) CHECK_FALSE(u.text.empty());
}

TEST_CASE("load_knowledge_Directory_ReportsBadFilesAndKeepsOthers", "[knowledge]") {
  test::TempDir dir;
  auto text = read_file(test::article_path());
  REQUIRE(text.ok());
  {
    std::ofstream(dir.path() + "/a.txt") << *text;
    std::ofstream(dir.path() + "/b.txt") << "";
  }
  auto k = load_knowledge(dir.path());
  REQUIRE(k.ok());
  CHECK(k->articles.size() == 1);
  CHECK(k->articles[0].name == "a");
  REQUIRE(k->problems.size() == 1);
  CHECK(k->problems[0].find("b.txt") != std::string::npos);
  CHECK_FALSE(load_knowledge(dir.path() + "/missing").ok());
}

TEST_CASE("load_knowledge_Extensions_InAnyCase_AndMarkdownSpelledOut", "[knowledge]") {
  // A site exports "FAQ.TXT" from Windows or names a page "x.markdown": each
  // is an article in its format; other files are not read.
  CHECK(article_format("FAQ.TXT") == ArticleFormat::text);
  CHECK(article_format("halaman.Markdown") == ArticleFormat::markdown);
  CHECK(article_format("ekspor.TSV") == ArticleFormat::qna_tsv);
  CHECK(article_format("catatan.docx") == ArticleFormat::none);
  CHECK(article_format("README") == ArticleFormat::none);
  CHECK(article_format(".md") == ArticleFormat::none);
  test::TempDir dir;
  {
    std::ofstream(dir.path() + "/FAQ.TXT") << "Kantin\n\nKantin buka pukul 07.00 sampai 14.00 setiap hari sekolah.\n";
    std::ofstream(dir.path() + "/kopi.markdown") << "# Kopi\n\n## Sejarah\n\nKopi masuk ke Jawa pada 1696.\n";
    std::ofstream(dir.path() + "/gambar.png") << "not an article";
  }
  auto k = load_knowledge(dir.path());
  REQUIRE(k.ok());
  REQUIRE(k->articles.size() == 2);
  CHECK(k->articles[0].name == "FAQ");
  CHECK(k->articles[1].name == "kopi");
  CHECK(k->articles[1].title == "Kopi");  // read as Markdown: "# Kopi" is the title
  CHECK(k->problems.empty());
}

TEST_CASE("load_lexicon_BundledLists_Load", "[knowledge]") {
  auto lx = load_lexicon(lexicon_dir());
  REQUIRE(lx.ok());
  CHECK(lx->stopwords.count("yang"));
  CHECK_FALSE(lx->stopwords.count("sama"));   // "kerja sama" must survive
  CHECK_FALSE(lx->stopwords.count("kecil"));
  CHECK(lx->slang.at("gmn") == std::vector<std::string>{"bagaimana"});
  CHECK(lx->compounds.at("kerjasama") == std::vector<std::string>{"kerja", "sama"});
  CHECK(lx->replies.at("fallback").count("id"));
}

TEST_CASE("load_lexicon_SentenceCues_MarkSentencesNotPassages", "[knowledge]") {
  auto lx = load_lexicon(lexicon_dir());
  REQUIRE(lx.ok());
  CHECK(lx->sentence_cues.at("how").count("dengan"));
  CHECK_FALSE(lx->passage_cues.at("how").count("dengan"));
}

TEST_CASE("load_lexicon_QuestionTypeLineForAnUnknownType_IsAnErrorNamingTheLine", "[knowledge]") {
  // A narrowing, a noun before the question word and a sentence cue each
  // need a type passages have cues for.
  struct Case {
    const char* line;
    const char* named;
  };
  auto c = GENERATE(values<Case>({
      {"price\twithin amout\tharga\n", "amout"},
      {"whne\tbefore\thari\n", "whne"},
      {"hwo\tsentence\tdengan\n", "hwo"},
  }));
  CAPTURE(c.line);
  test::TempDir dir;
  for (const auto& f : std::filesystem::directory_iterator(lexicon_dir()))
    std::filesystem::copy(f.path(), dir.path() + "/" + f.path().filename().string());
  REQUIRE(load_lexicon(dir.path()).ok());
  std::ofstream(dir.path() + "/question_types.tsv", std::ios::app) << c.line;
  auto lx = load_lexicon(dir.path());
  REQUIRE_FALSE(lx.ok());
  CHECK_THAT(lx.error().message, Catch::Contains("question_types.tsv:") && Catch::Contains(c.named));
}

TEST_CASE("load_lexicon_StrictTypeWithoutPassageCues_IsAnError", "[knowledge]") {
  // A strict type is judged by its passage cues: one with none would make
  // every passage fail it.
  REQUIRE(load_lexicon(lexicon_dir()).ok());
  CHECK(load_lexicon(lexicon_dir())->strict_types.count("phone"));
  test::TempDir dir;
  for (const auto& f : std::filesystem::directory_iterator(lexicon_dir()))
    std::filesystem::copy(f.path(), dir.path() + "/" + f.path().filename().string());
  std::ofstream(dir.path() + "/strict_types.txt", std::ios::app) << "what\n";
  auto lx = load_lexicon(dir.path());
  REQUIRE_FALSE(lx.ok());
  CHECK_THAT(lx.error().message, Catch::Contains("strict_types.txt") && Catch::Contains("\"what\""));
}

TEST_CASE("load_lexicon_Ordinals_NameTheirPlace", "[knowledge]") {
  auto lx = load_lexicon(lexicon_dir());
  REQUIRE(lx.ok());
  CHECK(lx->ordinals.at("kedua") == 2);
  CHECK(lx->ordinals.at("third") == 3);
  CHECK(lx->ordinals.at("terakhir") == Lexicon::kLastPlace);  // the last, whatever its number
}

TEST_CASE("load_lexicon_OrdinalPlaceNotANumber_IsAnErrorNamingTheLine", "[knowledge]") {
  auto line = GENERATE("keenam\tenam\n", "kenol\t0\n", "kedua\t2x\n");
  CAPTURE(line);
  test::TempDir dir;
  for (const auto& f : std::filesystem::directory_iterator(lexicon_dir()))
    std::filesystem::copy(f.path(), dir.path() + "/" + f.path().filename().string());
  std::ofstream(dir.path() + "/ordinals.tsv", std::ios::app) << line;
  auto lx = load_lexicon(dir.path());
  REQUIRE_FALSE(lx.ok());
  CHECK_THAT(lx.error().message, Catch::Contains("ordinals.tsv:"));
}

namespace {

std::string import_file(const std::string& name) {
  auto text = read_file(test::source_dir() + "/tests/data/import/" + name);
  REQUIRE(text.ok());
  return *text;
}

}  // namespace

TEST_CASE("parse_markdown_FaqPage_HeadingsTablesAndQuestionPairs", "[knowledge][import]") {
  auto a = parse_markdown(import_file("sekolah-faq.md"), "sekolah-faq");
  REQUIRE(a.ok());
  CHECK(a->title == "Informasi Penerimaan Siswa Baru SMA Harapan");
  std::map<UnitKind, int> count;
  for (const auto& u : a->units) count[u.kind]++;
  CHECK(count[UnitKind::paragraph] == 2);
  CHECK(count[UnitKind::table_row] == 3);
  CHECK(count[UnitKind::faq] == 3);
  const Unit* fee = nullptr;
  const Unit* docs = nullptr;
  const Unit* row = nullptr;
  for (const auto& u : a->units) {
    if (u.question == "Berapa biaya pendaftaran di SMA Harapan?") fee = &u;
    if (u.question == "Dokumen apa saja yang harus disiapkan?") docs = &u;
    if (u.question == "Tes seleksi") row = &u;
  }
  REQUIRE(fee);
  CHECK(fee->text.rfind("Biaya pendaftaran sebesar Rp150.000", 0) == 0);
  REQUIRE(docs);
  CHECK(docs->text.rfind("Siapkan rapor SMP", 0) == 0);
  REQUIRE(row);
  // Two value columns or more: each value named by its column.
  CHECK(row->text == "Tes seleksi: Waktu: Awal Juli; Keterangan: Tes tertulis dan wawancara");
  CHECK(a->sections[row->section] == "Jadwal dan Pendaftaran");
}

TEST_CASE("parse_qna_tsv_Export_GroupsAlternateQuestions", "[knowledge][import]") {
  auto a = parse_qna_tsv(import_file("perpustakaan-qna.tsv"), "perpustakaan-qna");
  REQUIRE(a.ok());
  REQUIRE(a->units.size() == 3);
  CHECK(a->units[0].question == "Jam berapa perpustakaan buka?");
  CHECK(a->units[0].alternates == std::vector<std::string>{"Kapan perpustakaan dibuka?"});
  CHECK(a->units[1].text.find("\nDenda keterlambatan") != std::string::npos);  // "\n" unescaped
  CHECK(a->sections[a->units[0].section] == "perpustakaan.html");
  CHECK(a->sections[a->units[2].section] == "Editorial");
}

TEST_CASE("parse_qna_tsv_SpreadsheetQuoting_CellsWithLineBreaksTabsAndQuotes", "[knowledge][import]") {
  // Saved from Excel or LibreOffice as "Text (tab delimited)": a cell holding
  // a line break, a tab or a quote is quoted, its quotes doubled.
  auto a = parse_qna_tsv("Question\tAnswer\r\n"
                         "\"Jam buka?\"\t\"Pukul 07.00, \"\"hari sekolah\"\" saja.\"\r\n"
                         "Pinjam berapa?\t\"Maksimal 3 buku:\n- fiksi\tdan\n- nonfiksi\"\r\n"
                         "Judul?\t\"Sumpah Pemuda\" adalah judulnya.\r\n"
                         "Denda?\n",
                         "x");
  REQUIRE(!a.ok());
  // The line numbers count the quoted cells' line breaks: "Denda?" is on line 7.
  CHECK(a.error().message.find("x:7:") != std::string::npos);
  auto b = parse_qna_tsv("Question\tAnswer\r\n"
                         "\"Jam buka?\"\t\"Pukul 07.00, \"\"hari sekolah\"\" saja.\"\r\n"
                         "Pinjam berapa?\t\"Maksimal 3 buku:\n- fiksi\tdan\n- nonfiksi\"\r\n"
                         "Judul?\t\"Sumpah Pemuda\" adalah judulnya.\r\n",
                         "x");
  REQUIRE(b.ok());
  REQUIRE(b->units.size() == 3);
  CHECK(b->units[0].question == "Jam buka?");
  CHECK(b->units[0].text == "Pukul 07.00, \"hari sekolah\" saja.");
  CHECK(b->units[1].text == "Maksimal 3 buku:\n- fiksi\tdan\n- nonfiksi");
  // A cell that only starts with a quotation is read as written.
  CHECK(b->units[2].text == "\"Sumpah Pemuda\" adalah judulnya.");
}

TEST_CASE("parse_qna_tsv_IndonesianHeaderOrNone_AreQuestionsAndAnswers", "[knowledge][import]") {
  auto id = parse_qna_tsv("Pertanyaan\tJawaban\tSumber\nJam buka?\tPukul 07.00.\tPerpustakaan\n", "x");
  REQUIRE(id.ok());
  REQUIRE(id->units.size() == 1);
  CHECK(id->units[0].question == "Jam buka?");
  CHECK(id->sections[id->units[0].section] == "Perpustakaan");
  // A sheet saved without a header row: its first row is an entry too.
  auto bare = parse_qna_tsv("Jam buka?\tPukul 07.00.\nDenda telat?\tRp500 per hari.\n", "x");
  REQUIRE(bare.ok());
  REQUIRE(bare->units.size() == 2);
  CHECK(bare->units[0].text == "Pukul 07.00.");
  // Neither: the error says what the header must name.
  auto none = parse_qna_tsv("Jam buka\tPukul 07.00.\n", "x");
  REQUIRE(!none.ok());
  CHECK_THAT(none.error().message, Catch::Contains("Pertanyaan and Jawaban"));
}

TEST_CASE("load_knowledge_NoReadableArticle_SaysWhy", "[knowledge][import]") {
  test::TempDir dir;
  std::ofstream(dir.path() + "/faq.tsv") << "Question\tAnswer\nJam buka?\n";
  std::ofstream(dir.path() + "/Panduan Kantin.DOCX") << "PK\x03\x04";
  std::ofstream(dir.path() + "/notes.bak") << "x";
  auto k = load_knowledge(dir.path());
  REQUIRE(!k.ok());
  CHECK_THAT(k.error().message, Catch::Contains("faq.tsv:2: expected 2 tab-separated fields"));
  // A document tanya does not read is named, with what to do about it; other files are no concern.
  CHECK_THAT(k.error().message, Catch::Contains("Panduan Kantin.DOCX: not read: save it as plain text (.txt) or Markdown (.md)"));
  CHECK_THAT(k.error().message, !Catch::Contains("notes.bak"));
  // Beside an article that loads, it is a warning.
  std::ofstream(dir.path() + "/kantin.txt") << "Kantin buka pukul 07.00.\n";
  auto ok = load_knowledge(dir.path());
  REQUIRE(ok.ok());
  CHECK(ok->articles.size() == 1);
  CHECK(ok->problems.size() == 2);
}

TEST_CASE("Importers_MalformedFiles_ReportTheLine", "[knowledge][import]") {
  auto md = parse_markdown(import_file("broken-table.md"), "broken-table");
  REQUIRE_FALSE(md.ok());
  CHECK(md.error().message.rfind("broken-table:3:", 0) == 0);
  auto tsv = parse_qna_tsv(import_file("broken-qna.tsv"), "broken-qna");
  REQUIRE_FALSE(tsv.ok());
  CHECK(tsv.error().message.rfind("broken-qna:3:", 0) == 0);
  CHECK_FALSE(parse_qna_tsv("Kolom1\tKolom2\nA\tB\n", "x").ok());  // no Question/Answer (Pertanyaan/Jawaban) header
  CHECK_FALSE(parse_markdown("Q: tanpa jawaban?\n", "x").ok());
}

TEST_CASE("load_knowledge_MixedDirectory_LoadsGoodFilesAndReportsBadOnes", "[knowledge][import]") {
  test::TempDir dir;
  for (const char* f : {"sekolah-faq.md", "perpustakaan-qna.tsv", "broken-table.md", "broken-qna.tsv"})
    std::ofstream(dir.path() + "/" + f) << import_file(f);
  std::ofstream(dir.path() + "/alternates.tsv") << "Kapan sekolah mulai menerima pendaftar?\tsekolah-faq\t1\n"
                                                   "baris rusak\n"
                                                   "Pertanyaan\tnone\t0\n";
  auto k = load_knowledge(dir.path());
  REQUIRE(k.ok());
  CHECK(k->articles.size() == 2);
  REQUIRE(k->problems.size() == 4);
  CHECK_THAT(k->problems[0], Catch::Contains("broken-qna.tsv:3:"));
  CHECK_THAT(k->problems[1], Catch::Contains("broken-table.md:3:"));
  CHECK_THAT(k->problems[2], Catch::Contains("alternates.tsv:2:"));
  CHECK_THAT(k->problems[3], Catch::Contains("alternates.tsv:3:"));
  const Article* school = &k->articles[1];
  REQUIRE(school->name == "sekolah-faq");
  CHECK(school->units[1].alternates == std::vector<std::string>{"Kapan sekolah mulai menerima pendaftar?"});
}

namespace {

std::vector<std::string> texts_of(const Article& a, UnitKind kind) {
  std::vector<std::string> out;
  for (const auto& u : a.units)
    if (u.kind == kind) out.push_back(u.text);
  return out;
}

// The article's FAQ entries, in order.
std::vector<const Unit*> faq_of(const Article& a) {
  std::vector<const Unit*> out;
  for (const auto& u : a.units)
    if (u.kind == UnitKind::faq) out.push_back(&u);
  return out;
}

std::string section_of(const Article& a, const std::string& text_start) {
  for (const auto& u : a.units)
    if (u.text.rfind(text_start, 0) == 0) return a.sections[u.section];
  return "(none)";
}

}  // namespace

TEST_CASE("parse_article_NumberedHeadingsAndPipeTable_AreSectionsAndRows", "[knowledge]") {
  // A school's guide as posted on its site: numbered chapters and
  // sub-chapters, numbered rules, a pipe table, no FAQ.
  Article a = parse_article(R"(Panduan Laboratorium

Panduan ini berlaku bagi seluruh siswa.

1. Ketentuan Umum

Laboratorium dibuka setiap hari Senin sampai Jumat.

2. Alat Pelindung Diri

2.1 Jas Laboratorium

Setiap siswa wajib memakai jas laboratorium.

2.2 Kacamata Pelindung

1) Kacamata dipakai saat bekerja dengan asam.
2) Kacamata dibersihkan dengan alkohol.

3. Simbol Bahaya

Simbol | Arti | Contoh Bahan
Nyala api | Mudah terbakar | Etanol, spiritus
Tengkorak | Beracun | Metanol

BAB IV Penutup
Keselamatan adalah tanggung jawab bersama.
)",
                            "x");
  CHECK(section_of(a, "Laboratorium dibuka") == "Ketentuan Umum");
  CHECK(section_of(a, "Setiap siswa wajib") == "Jas Laboratorium");
  CHECK(section_of(a, "1) Kacamata") == "Kacamata Pelindung");
  CHECK(section_of(a, "2) Kacamata") == "Kacamata Pelindung");
  CHECK(section_of(a, "Keselamatan adalah") == "Penutup");
  // "2. Alat Pelindung Diri" opens no section of its own (its first
  // sub-heading follows) and no heading is left as a passage.
  for (const auto& u : a.units) {
    CHECK(u.text.find("Alat Pelindung") == std::string::npos);
    CHECK(u.text.find("Simbol | Arti") == std::string::npos);
  }
  auto rows = texts_of(a, UnitKind::table_row);
  REQUIRE(rows.size() == 2);
  CHECK(rows[0] == "Nyala api: Arti: Mudah terbakar; Contoh Bahan: Etanol, spiritus");
  CHECK(rows[1] == "Tengkorak: Arti: Beracun; Contoh Bahan: Metanol");
  CHECK(section_of(a, "Nyala api") == "Simbol Bahaya");
  // A sub-chapter stands under its chapter, whose words its passages are
  // about too; a chapter stands under none.
  auto parents_of = [&](const std::string& text) {
    for (const auto& u : a.units)
      if (u.text.starts_with(text)) return a.parents_of(u.section);
    return std::string("(no such passage)");
  };
  CHECK(parents_of("Setiap siswa wajib") == "Alat Pelindung Diri");
  CHECK(parents_of("1) Kacamata") == "Alat Pelindung Diri");
  CHECK(parents_of("Laboratorium dibuka").empty());
  CHECK(parents_of("Nyala api").empty());
}

TEST_CASE("parse_article_NumberedItemsSetApart_StayPassages", "[knowledge]") {
  // Items of one list, each in its own block, are no headings.
  Article a = parse_article(R"(Judul

Pembuka singkat.

Langkah Kerja

1. Siapkan alat

2. Nyalakan pembakar

3. Catat hasilnya
)",
                            "x");
  auto paragraphs = texts_of(a, UnitKind::paragraph);
  REQUIRE(paragraphs.size() == 3);
  CHECK(paragraphs[0] == "1. Siapkan alat");
  CHECK(paragraphs[1] == "2. Nyalakan pembakar");
  CHECK(paragraphs[2] == "3. Catat hasilnya");
  CHECK(section_of(a, "3. Catat") == "Langkah Kerja");
}

TEST_CASE("parse_article_BulletedItems_PassagesWithoutTheBullet", "[knowledge]") {
  Article a = parse_article("Judul\n\nPembuka singkat.\n\nSyarat\n\n\u2022 Warga negara Indonesia.\n"
                            "\u2022 Lulus SMA paling lama dua tahun lalu.\n- Memiliki rapor.\n",
                            "x");
  // The list is one passage, as in Markdown; a blank line ends it.
  auto paragraphs = texts_of(a, UnitKind::paragraph);
  REQUIRE(paragraphs.size() == 1);
  CHECK(paragraphs[0] == "Warga negara Indonesia.\nLulus SMA paling lama dua tahun lalu.\nMemiliki rapor.");
  CHECK(section_of(a, "Warga negara") == "Syarat");
  Article two = parse_article("Judul\n\nPembuka singkat.\n\nSyarat\n\n- Warga negara Indonesia.\n\n- Memiliki rapor.\n", "x");
  CHECK(texts_of(two, UnitKind::paragraph).size() == 2);
}

TEST_CASE("parse_markdown_List_IsOnePassageAnItemALine", "[knowledge]") {
  auto a = parse_markdown("# Judul\n\n## Syarat\n\nSyaratnya sebagai berikut:\n\n- Warga negara Indonesia\n"
                          "- Lulus SMA\n  paling lama dua tahun lalu\n1. Memiliki rapor\n\nSesudah itu mendaftar.\n",
                          "x");
  REQUIRE(a.ok());
  auto paragraphs = texts_of(*a, UnitKind::paragraph);
  REQUIRE(paragraphs.size() == 3);
  CHECK(paragraphs[0] == "Syaratnya sebagai berikut:");
  // A wrapped item goes on on its line; the next item starts a line.
  CHECK(paragraphs[1] == "Warga negara Indonesia\nLulus SMA paling lama dua tahun lalu\nMemiliki rapor");
}

TEST_CASE("parse_article_TwoSentencesEndingInAColon_IsAParagraphNotAHeading", "[knowledge]") {
  Article a = parse_article("Judul\n\nPembuka singkat.\n\nAtribut\n\nSiswa wajib berseragam. Atribut yang wajib "
                            "dipakai adalah:\n\n- Topi sekolah.\n- Dasi biru.\n\nSyarat pendaftaran:\n\n- Rapor.\n",
                            "x");
  auto paragraphs = texts_of(a, UnitKind::paragraph);
  REQUIRE(paragraphs.size() == 3);
  CHECK(paragraphs[0] == "Siswa wajib berseragam. Atribut yang wajib dipakai adalah:");
  CHECK(section_of(a, "Topi sekolah") == "Atribut");
  CHECK(section_of(a, "Rapor") == "Syarat pendaftaran:");  // one short line is still a heading
}

TEST_CASE("parse_article_WrappedParagraphs_AreOnePassage", "[knowledge]") {
  // Text exported at a fixed width: a paragraph runs over several lines,
  // some of which go on with a capitalised word; the heading above it and
  // the title stay headings.
  Article a = parse_article(R"(Kopi Nusantara

Kopi adalah minuman dari biji tanaman kopi yang disangrai
lalu digiling halus.

Sejarah Kopi

Tanaman kopi pertama kali dibawa ke Nusantara oleh Belanda
melalui VOC pada tahun 1696 dari Malabar di pantai barat India
Selatan, lalu ditanam di sekitar Batavia. Pada abad berikutnya
Jawa menjadi pemasok kopi utama dunia.
)",
                            "x");
  REQUIRE(a.units.size() == 2);
  CHECK(a.units[0].kind == UnitKind::lead);
  CHECK(a.units[0].text == "Kopi adalah minuman dari biji tanaman kopi yang disangrai lalu digiling halus.");
  CHECK(a.units[1].text ==
        "Tanaman kopi pertama kali dibawa ke Nusantara oleh Belanda melalui VOC pada tahun 1696 dari Malabar di "
        "pantai barat India Selatan, lalu ditanam di sekitar Batavia. Pada abad berikutnya Jawa menjadi pemasok "
        "kopi utama dunia.");
  CHECK(a.sections[a.units[1].section] == "Sejarah Kopi");
}

TEST_CASE("WrappedLines_HyphenAtALinesEnd_BrokeAWordOrStandsInOne", "[knowledge]") {
  const WrappedLines plain("Teks tanpa kata yang sama.");
  // Syllables a typesetter split at: one word.
  CHECK(plain.broken_word("perekono", "mian"));
  CHECK(plain.broken_word("per", "tumbuhan"));
  CHECK(plain.broken_word("se", "hingga"));
  // Reduplicated words and prefixes before a name or a number keep the hyphen.
  CHECK_FALSE(plain.broken_word("anak", "anak"));
  CHECK_FALSE(plain.broken_word("sayur", "mayur"));
  CHECK_FALSE(plain.broken_word("tolong", "menolong"));
  CHECK_FALSE(plain.broken_word("kemerah", "merahan"));
  CHECK_FALSE(plain.broken_word("se", "Indonesia"));
  CHECK_FALSE(plain.broken_word("ke", "20"));
  CHECK_FALSE(plain.broken_word("1990", "an"));
  CHECK_FALSE(plain.broken_word(std::string(5000, 'a'), std::string(5000, 'a')));  // no word, and quick
  // The article's own spelling elsewhere decides first.
  // ("bolak" and "balik" share no run of letters: read alone, a broken word).
  CHECK(plain.broken_word("bolak", "balik"));
  const WrappedLines own("Ia bolak-balik ke pasar.");
  CHECK_FALSE(own.broken_word("bolak", "balik"));
  const WrappedLines whole("Nama warungnya Kakikaki.");
  CHECK(whole.broken_word("kaki", "kaki"));
  // Joining: a space between lines, none after a line-end hyphen.
  std::string p = "Akar mangrove meredam gelombang se-";
  plain.append(&p, "hingga pantai tidak mundur, dan anak-");
  plain.append(&p, "anak bermain di sana");
  CHECK(p == "Akar mangrove meredam gelombang sehingga pantai tidak mundur, dan anak-anak bermain di sana");
  std::string dash = "Harga naik -";
  plain.append(&dash, "lagi");
  CHECK(dash == "Harga naik - lagi");
}

TEST_CASE("parse_article_HardWrappedBlock_IsOneParagraphAcrossSentenceEnds", "[knowledge]") {
  // A block wrapped at a fixed width where a sentence happens to end at a
  // line's end, and the next line starts the next sentence with a capital.
  Article a = parse_article(R"(Bank Sampah

Bank sampah sekolah melayani setoran sampah anorganik dari siswa.

Tabungan Sampah

Setiap siswa mendapat buku tabungan sampah dari petugas bank sampah.
Saldo dapat dicairkan pada akhir semester atau saat kenaikan kelas,
dan boleh juga dibelanjakan alat tulis di koperasi sekolah kami.

Aturan Laboratorium

a. Kacamata pelindung wajib dipakai setiap kali bekerja dengan bahan kimia.
b. Sarung tangan nitril tersedia di lemari alat pelindung diri laboratorium.
c. Rambut yang panjangnya melewati bahu harus diikat ke belakang dahulu.
)",
                            "x");
  // The wrapped block is one passage; the lettered items, each line a
  // sentence, stay one passage each.
  REQUIRE(a.units.size() == 5);
  CHECK(a.units[1].text ==
        "Setiap siswa mendapat buku tabungan sampah dari petugas bank sampah. Saldo dapat dicairkan pada akhir "
        "semester atau saat kenaikan kelas, dan boleh juga dibelanjakan alat tulis di koperasi sekolah kami.");
  CHECK(a.units[2].text.rfind("a. Kacamata", 0) == 0);
  CHECK(a.units[4].text.rfind("c. Rambut", 0) == 0);
}

TEST_CASE("parse_article_WordsBrokenAtLineEnds_AreWholeInThePassage", "[knowledge]") {
  // Text pasted from a PDF: hard-wrapped lines, words hyphenated at a line's end.
  Article a = parse_article(R"(Hutan Mangrove

Hutan mangrove melindungi pantai dari abrasi.

Manfaat Mangrove

Akar mangrove yang rapat meredam gelombang se-
hingga garis pantai tidak mundur. Hutan ini menjadi tempat anak-
anak ikan tumbuh dan menopang perekono-
mian nelayan se-
Indonesia.
)",
                            "x");
  REQUIRE(a.units.size() == 2);
  CHECK(a.units[1].text ==
        "Akar mangrove yang rapat meredam gelombang sehingga garis pantai tidak mundur. Hutan ini menjadi tempat "
        "anak-anak ikan tumbuh dan menopang perekonomian nelayan se-Indonesia.");
  auto md = parse_markdown("# Mangrove\n\nAkar mangrove meredam gelombang se-\nhingga garis pantai tidak mundur.\n", "m");
  REQUIRE(md);
  CHECK(md->units[0].text == "Akar mangrove meredam gelombang sehingga garis pantai tidak mundur.");
}

TEST_CASE("parse_markdown_QuestionHeadingsGlossaryAndLinks_ReadAsAVisitorSeesThem", "[knowledge][import]") {
  auto a = parse_markdown(R"(# Kopi

## Istilah

**Cupping** — cara mencicipi kopi secara standar.

- **Crema**: busa di atas [espresso](https://contoh.id/espresso).

---

## Pertanyaan yang Sering Diajukan

### Apakah kopi aman untuk remaja?

Remaja sebaiknya membatasi kafein.

Batasnya sekitar 100 miligram per hari.

### Kapan Kopi Dipanen?

## Penutup

Selamat menyeduh.
)",
                          "kopi");
  REQUIRE(a.ok());
  auto paragraphs = texts_of(*a, UnitKind::paragraph);
  REQUIRE(paragraphs.size() == 3);
  CHECK(paragraphs[0] == "Cupping — cara mencicipi kopi secara standar.");
  CHECK(paragraphs[1] == "Crema: busa di atas espresso.");
  CHECK(paragraphs[2] == "Selamat menyeduh.");
  auto faq = texts_of(*a, UnitKind::faq);
  REQUIRE(faq.size() == 1);
  CHECK(faq[0] == "Remaja sebaiknya membatasi kafein.\n\nBatasnya sekitar 100 miligram per hari.");
  for (const auto& u : a->units)
    if (u.kind == UnitKind::faq) {
      CHECK(u.question == "Apakah kopi aman untuk remaja?");
      CHECK(a->sections[u.section] == "Pertanyaan yang Sering Diajukan");
    }
  // A question heading with nothing under it is a section title after all.
  CHECK(std::find(a->sections.begin(), a->sections.end(), "Kapan Kopi Dipanen?") != a->sections.end());
}

TEST_CASE("parse_article_NoTitleLine_FirstParagraphIsAPassage", "[knowledge]") {
  // A file that opens with its first paragraph: it is titled by its name and
  // loses no passage.
  Article a = parse_article("Koperasi sekolah didirikan oleh siswa. Anggotanya siswa yang terdaftar.\n\n"
                            "Koperasi menjual alat tulis dengan harga murah.\n",
                            "koperasi");
  CHECK(a.title == "koperasi");
  REQUIRE(a.units.size() == 2);
  CHECK(a.units[0].text == "Koperasi sekolah didirikan oleh siswa. Anggotanya siswa yang terdaftar.");
  CHECK(a.units[0].kind == UnitKind::paragraph);
  // A title may ask a question.
  Article q = parse_article("Apa Itu Koperasi?\n\nKoperasi adalah badan usaha bersama.\n", "x");
  CHECK(q.title == "Apa Itu Koperasi?");
  REQUIRE(q.units.size() == 1);
}

TEST_CASE("load_knowledge_ByteOrderMarkAndCrLf_ReadAsPlainText", "[knowledge]") {
  // Saved by a Windows editor: a UTF-8 byte order mark and CR LF line ends.
  test::TempDir dir;
  std::ofstream(dir.path() + "/kopi.md") << "\xEF\xBB\xBF# Kopi Nusantara\r\n\r\n## Sejarah\r\n\r\nKopi masuk ke Jawa pada 1696.\r\n";
  auto k = load_knowledge(dir.path());
  REQUIRE(k.ok());
  REQUIRE(k->articles.size() == 1);
  CHECK(k->articles[0].title == "Kopi Nusantara");
  REQUIRE(k->articles[0].units.size() == 1);
  CHECK(k->articles[0].units[0].text == "Kopi masuk ke Jawa pada 1696.");
  CHECK(k->articles[0].sections[k->articles[0].units[0].section] == "Sejarah");
  // The same for an upload (the admin API parses one file alone).
  auto one = parse_article_file("\xEF\xBB\xBF# Kopi\n\nKopi masuk ke Jawa pada 1696.\n", "kopi", ArticleFormat::markdown);
  REQUIRE(one.ok());
  CHECK(one->title == "Kopi");
}

TEST_CASE("parse_markdown_SiteBuilderPage_FrontMatterCommentsAndHtmlAreNoText", "[knowledge][import]") {
  // A page from Hugo or Jekyll: YAML front matter, an owner's comment, inline
  // HTML and entities. Only what a visitor reads becomes passages.
  auto a = parse_markdown(R"(---
title: "Panduan Kantin Sehat"
date: 2025-01-10
author: Tim UKS
---

Kantin sehat menyediakan makanan bergizi.<br>
Air putih &amp; buah selalu ada.

<!-- catatan internal: perbarui harga
tiap semester -->

## Jam Buka

Kantin buka pukul 07.00&ndash;14.00. <strong>Hari Sabtu</strong> kantin tutup.

Pesan lewat SMS: ketik PESAN <nama> <kelas>. Rumus gula: C<sub>6</sub>H<sub>12</sub>O<sub>6</sub>.
)",
                          "kantin");
  REQUIRE(a.ok());
  CHECK(a->title == "Panduan Kantin Sehat");  // the front matter's title: the page has no "# " heading
  auto paragraphs = texts_of(*a, UnitKind::paragraph);
  REQUIRE(paragraphs.size() == 3);
  CHECK(paragraphs[0] == "Kantin sehat menyediakan makanan bergizi. Air putih & buah selalu ada.");
  CHECK(paragraphs[1] == "Kantin buka pukul 07.00\u201314.00. Hari Sabtu kantin tutup.");
  // A placeholder in angle brackets is text; an inline tag inside a word leaves it whole.
  CHECK(paragraphs[2] == "Pesan lewat SMS: ketik PESAN <nama> <kelas>. Rumus gula: C6H12O6.");
  for (const auto& u : a->units) {
    CHECK(u.text.find("catatan") == std::string::npos);
    CHECK(u.text.find("2025-01-10") == std::string::npos);
  }
  // A heading keeps the page's title; the front matter's is only a fallback.
  auto titled = parse_markdown("---\ntitle: Lama\n---\n# Kantin\n\nBuka pukul 07.00.\n", "k");
  REQUIRE(titled.ok());
  CHECK(titled->title == "Kantin");
  // A "---" that never closes is a thematic break, and the text under it stays.
  auto open = parse_markdown("---\n\nKantin buka pukul 07.00.\n", "k");
  REQUIRE(open.ok());
  REQUIRE(open->units.size() == 1);
  CHECK(open->units[0].text == "Kantin buka pukul 07.00.");
  // An error still names the line the owner sees, front matter and comments counted.
  auto broken = parse_markdown("---\ntitle: X\n---\n<!-- a\nb -->\n| A | B |\n| x | y |\n", "k");
  REQUIRE(!broken.ok());
  CHECK(broken.error().message.find("k:6:") != std::string::npos);
}

TEST_CASE("parse_markdown_ReferenceLinksAndFootnotes_ReadAsTheRenderedPage", "[knowledge][import]") {
  auto a = parse_markdown(R"(# Paduan Suara

Latihan setiap Selasa[^1] di aula. Lihat [formulir pendaftaran][form] atau [jadwal][].

[form]: https://contoh.sch.id/form
[jadwal]: /jadwal "Jadwal latihan"
[^1]: Kecuali minggu ujian.

[Catatan]: audisi bulan Agustus.
)",
                          "ps");
  REQUIRE(a.ok());
  auto paragraphs = texts_of(*a, UnitKind::paragraph);
  REQUIRE(paragraphs.size() == 3);
  CHECK(paragraphs[0] == "Latihan setiap Selasa di aula. Lihat formulir pendaftaran atau jadwal.");
  CHECK(paragraphs[1] == "Kecuali minggu ujian.");  // a footnote's text is on the page
  CHECK(paragraphs[2] == "[Catatan]: audisi bulan Agustus.");  // a label and text, no link's target
}

TEST_CASE("parse_markdown_BareTablesAndPastedBullets_AreRowsAndItems", "[knowledge][import]") {
  // GitHub's table without its outer pipes, alignment colons in the separator;
  // bullets pasted from a word processor ("●", "○", "•", "–").
  auto a = parse_markdown(R"(# Kantin

## Harga Menu

Menu | Harga | Keterangan
:--- | ---: | :---:
Nasi goreng | Rp10.000 | pedas
Soto ayam | Rp12.000 | kuah bening

## Aturan

● Antre dengan tertib.
● Bayar dengan kartu pelajar.
○ Kartu bisa diisi di koperasi.
– Piring dikembalikan ke rak.

Harga bisa berubah | tanya penjual.
)",
                          "kantin");
  REQUIRE(a.ok());
  auto rows = texts_of(*a, UnitKind::table_row);
  REQUIRE(rows.size() == 2);
  CHECK(rows[1] == "Soto ayam: Harga: Rp12.000; Keterangan: kuah bening");
  auto paragraphs = texts_of(*a, UnitKind::paragraph);
  REQUIRE(paragraphs.size() == 2);
  CHECK(paragraphs[0] == "Antre dengan tertib.\nBayar dengan kartu pelajar.\nKartu bisa diisi di koperasi.\nPiring dikembalikan ke rak.");
  // A pipe in a sentence, with no separator row under it, is text.
  CHECK(paragraphs[1] == "Harga bisa berubah | tanya penjual.");
}

TEST_CASE("parse_article_file_SpreadsheetCellsAndMarkdownInATextFile", "[knowledge][import]") {
  // Cells pasted from a spreadsheet into a plain-text article: tab-separated
  // lines, the first the header, a row's empty last cell with no tab left.
  auto plain = parse_article_file("Kantin Sehat\n\nKantin sehat menyediakan makanan bergizi.\n\nDaftar Harga\n\n"
                                  "Menu\tHarga\tKeterangan\nNasi goreng\tRp10.000\tpedas\nSoto ayam\tRp12.000\n",
                                  "kantin", ArticleFormat::text);
  REQUIRE(plain.ok());
  auto rows = texts_of(*plain, UnitKind::table_row);
  REQUIRE(rows.size() == 2);
  CHECK(rows[0] == "Nasi goreng: Harga: Rp10.000; Keterangan: pedas");
  CHECK(rows[1] == "Soto ayam: Harga: Rp12.000");
  // A .txt written in Markdown is read as Markdown: "##" is no word of a
  // section, "**" none of a passage; its pasted cells are a table too.
  auto md = parse_article_file("# Kantin Sehat\n\nKantin sehat menyediakan makanan bergizi.\n\n## Harga\n\n"
                               "Menu\tHarga\nNasi goreng\tRp10.000\n\n**Catatan:** harga bisa berubah.\n",
                               "kantin", ArticleFormat::text);
  REQUIRE(md.ok());
  CHECK(md->title == "Kantin Sehat");
  auto md_rows = texts_of(*md, UnitKind::table_row);
  REQUIRE(md_rows.size() == 1);
  CHECK(md_rows[0] == "Nasi goreng: Rp10.000");
  CHECK(md->sections[md->units.back().section] == "Harga");
  CHECK(md->units.back().text == "Catatan: harga bisa berubah.");
  // One "#" line further down is no sign of Markdown ("# 1" in a list of scores).
  auto not_md = parse_article_file("Skor Lomba\n\nKelas 7A menang.\n\n# 1 adalah kelas 7A.\n", "skor", ArticleFormat::text);
  REQUIRE(not_md.ok());
  CHECK(not_md->title == "Skor Lomba");
}

TEST_CASE("parse_markdown_HtmlTable_IsRowsKeyedByTheFirstCell", "[knowledge][import]") {
  // As a CMS export keeps a table: over several lines, a header row of <th>,
  // a row written on one line with its cells left open, an empty cell.
  auto a = parse_markdown(R"(# Kantin

## Harga

<table>
  <thead>
    <tr><th>Menu</th><th>Harga</th><th>Keterangan</th></tr>
  </thead>
  <tbody>
    <tr>
      <td>Nasi goreng</td>
      <td>Rp10.000</td>
      <td><strong>pedas</strong></td>
    </tr>
    <tr><td>Soto ayam<td>Rp12.000<td>kuah bening
    <tr><td>Es teh &amp; roti</td><td>Rp5.000</td><td></td></tr>
  </tbody>
</table>

Harga bisa berubah.
)",
                          "kantin");
  REQUIRE(a.ok());
  auto rows = texts_of(*a, UnitKind::table_row);
  REQUIRE(rows.size() == 3);
  CHECK(rows[0] == "Nasi goreng: Harga: Rp10.000; Keterangan: pedas");
  CHECK(rows[1] == "Soto ayam: Harga: Rp12.000; Keterangan: kuah bening");
  CHECK(rows[2] == "Es teh & roti: Harga: Rp5.000");
  auto paragraphs = texts_of(*a, UnitKind::paragraph);
  REQUIRE(paragraphs.size() == 1);
  CHECK(paragraphs[0] == "Harga bisa berubah.");
  CHECK(strip_html("<td>Nasi</td><td>Rp10.000</td>") == "Nasi Rp10.000");
  CHECK(strip_html("<details><summary>Buka jam berapa?</summary>Pukul 07.00.</details>") == "Buka jam berapa? Pukul 07.00.");
  CHECK(html_table_rows("<table><tr><td>a</td></tr><tr></tr></table>") == std::vector<std::vector<std::string>>{{"a"}});
}

TEST_CASE("parse_article_file_WordPlainTextExport_ListsChaptersAndQuestions", "[knowledge][import]") {
  // Word's "Save as Plain Text": a tab after each list marker ("•", "o" at
  // the second level, "1.", "1)"), chapters over lettered headings, an FAQ
  // chapter of unnumbered question lines, CR LF line ends.
  const std::string doc =
      "PANDUAN PILIHAN MAPEL\r\n\r\nBAB I PENDAHULUAN\r\n\r\nA. Latar Belakang\r\n\r\n"
      "Peserta didik memilih empat mata pelajaran pilihan.\r\n\r\n"
      "B. Rekomendasi\r\n\r\n"
      "\u2022\tKedokteran: Biologi dan Kimia wajib.\r\n"
      "o\tFisika dianjurkan.\r\n"
      "\u2022\tTeknik: Fisika wajib.\r\n\r\n"
      "BAB II LANGKAH PENGISIAN\r\n\r\n"
      "1.\tBuka portal pilihan.\r\n2.\tPilih paket.\r\n\r\n"
      "Mata Pelajaran\tKuota\tGuru\r\nBiologi\t180 siswa\tBu Sri\r\nFisika\t144 siswa\r\n\r\n"
      "BAB III PERTANYAAN YANG SERING DIAJUKAN\r\n\r\n"
      "Apakah pilihan bisa diganti?\r\n\r\nBisa, paling lambat dua minggu setelah pengumuman.\r\n\r\n"
      "Kapan hasil diumumkan?\r\n\r\nHasil diumumkan pada 21 Mei 2027.\r\n";
  auto a = parse_article_file(doc, "mapel", ArticleFormat::text);
  REQUIRE(a.ok());
  auto paragraphs = texts_of(*a, UnitKind::paragraph);
  REQUIRE(paragraphs.size() == 4);
  CHECK(paragraphs[0] == "Peserta didik memilih empat mata pelajaran pilihan.");
  CHECK(paragraphs[1] == "Kedokteran: Biologi dan Kimia wajib.\nFisika dianjurkan.\nTeknik: Fisika wajib.");
  CHECK(paragraphs[2] == "1. Buka portal pilihan.");  // numbered steps stay passages, as in any plain text
  CHECK(paragraphs[3] == "2. Pilih paket.");
  // "A. Latar Belakang" under "BAB I …" is a section, not a list item beside it.
  for (const auto& u : a->units) CHECK(u.text.find("Latar Belakang") == std::string::npos);
  CHECK(std::find(a->sections.begin(), a->sections.end(), "Latar Belakang") != a->sections.end());
  auto rows = texts_of(*a, UnitKind::table_row);
  REQUIRE(rows.size() == 2);
  CHECK(rows[0] == "Biologi: Kuota: 180 siswa; Guru: Bu Sri");
  CHECK(rows[1] == "Fisika: Kuota: 144 siswa");
  REQUIRE(texts_of(*a, UnitKind::faq).size() == 2);
  for (const auto& u : a->units)
    if (u.kind == UnitKind::faq && u.question == "Kapan hasil diumumkan?") CHECK(u.text == "Hasil diumumkan pada 21 Mei 2027.");
  std::string storage;
  CHECK(word_list_marks("Tanpa penanda.\n", &storage) == "Tanpa penanda.\n");
  CHECK(word_list_marks("a)\tsatu\n\u00a7\tdua\nNama\tNilai\n", &storage) == "a) satu\n\u25aa dua\nNama\tNilai\n");
}

TEST_CASE("parse_article_file_WebPage_IsItsArticleAsAVisitorReadsIt", "[knowledge][import]") {
  // A school's page saved from the browser: head, scripts, navigation,
  // header, aside and footer around the <article>, a comment inside it.
  auto a = parse_article_file(import_file("kantin-sehat.html"), "kantin-sehat", ArticleFormat::html);
  REQUIRE(a.ok());
  CHECK(a->title == "Kantin Sehat");
  auto paragraphs = texts_of(*a, UnitKind::paragraph);
  REQUIRE(paragraphs.size() == 3);
  CHECK(paragraphs[0] == "Kantin sehat menyediakan makanan bergizi untuk siswa. Harga terjangkau & bersih.");
  CHECK(paragraphs[1] == "Kantin buka pukul 07.00\u201314.00. Hari Sabtu tutup.");  // a <br> inside one <p>
  CHECK(paragraphs[2] == "Antre dengan tertib.\nBayar dengan kartu pelajar.");  // one list, an item a line
  auto rows = texts_of(*a, UnitKind::table_row);
  REQUIRE(rows.size() == 1);
  CHECK(rows[0] == "Soto ayam: Rp12.000");
  auto faq = texts_of(*a, UnitKind::faq);
  REQUIRE(faq.size() == 1);
  CHECK(faq[0] == "Tidak, hanya kartu pelajar.");
  for (const auto& u : a->units)
    for (const char* junk : {"Beranda", "Berita terbaru", "2027 SMPN", "harga lama", "bukan teks", "color"})
      CHECK(u.text.find(junk) == std::string::npos);
  CHECK(article_format("Kantin.HTM") == ArticleFormat::html);
  // A page without <article>, <main> or <h1>: its body, titled by <title>.
  auto bare = parse_article_file("<html><head><title>Koperasi</title></head><body><p>Koperasi buka jam 7.</p></body></html>",
                                 "koperasi", ArticleFormat::html);
  REQUIRE(bare.ok());
  CHECK(bare->title == "Koperasi");
  REQUIRE(bare->units.size() == 1);
  CHECK(bare->units[0].text == "Koperasi buka jam 7.");
}

TEST_CASE("parse_markdown_HeadingMarks_AreNoWordsOfTheTitle", "[knowledge][import]") {
  auto a = parse_markdown("# Kantin #\n\n## Jam Buka ##\n\nBuka pukul 07.00.\n\n## \U0001F4CC Harga\n\nSoto Rp12.000.\n\n"
                          "## 2.1 Aturan\n\nAntre.\n\n## 3) Menu\n\nSoto.\n\n## 2024 dalam Angka\n\nRamai.\n\n"
                          "### 4. Apakah boleh bayar tunai?\n\nTidak.\n",
                          "k");
  REQUIRE(a.ok());
  CHECK(a->title == "Kantin");
  std::vector<std::string> sections;
  for (const auto& u : a->units) sections.push_back(u.kind == UnitKind::faq ? u.question : a->sections[u.section]);
  CHECK(sections == std::vector<std::string>{"Jam Buka", "Harga", "Aturan", "Menu", "2024 dalam Angka",
                                             "Apakah boleh bayar tunai?"});
}

TEST_CASE("parse_markdown_FencesAndAdmonitions_AreTheirContentOnly", "[knowledge][import]") {
  auto a = parse_markdown("# Kantin\n\n:::tip Info penting\nKantin buka pukul 07.00.\n:::\n\n"
                          "!!! note \"Catatan\"\n    Harga bisa berubah tiap semester.\n\n"
                          "```\nJadwal: Senin sampai Jumat.\n```\n\nSoto Rp12.000.\n",
                          "k");
  REQUIRE(a.ok());
  CHECK(texts_of(*a, UnitKind::paragraph) == std::vector<std::string>{"Kantin buka pukul 07.00.",
                                                                      "Harga bisa berubah tiap semester.",
                                                                      "Jadwal: Senin sampai Jumat.", "Soto Rp12.000."});
}

TEST_CASE("strip_html_TagsEntitiesAndLineBreaks", "[knowledge][import]") {
  CHECK(strip_html("Baris satu<br/>baris dua", true) == "Baris satu\nbaris dua");
  CHECK(strip_html("Baris satu<br />baris dua") == "Baris satu baris dua");
  CHECK(strip_html("<p>Halo</p><p>Dunia</p>", true) == "Halo\nDunia");
  CHECK(strip_html("<a href=\"https://contoh.id\">Daftar</a> di sini") == "Daftar di sini");
  CHECK(strip_html("caf&#233; &#x41; &nbsp;x") == "caf\u00e9 A  x");
  CHECK(strip_html("usia <17 tahun & >5 tahun") == "usia <17 tahun & >5 tahun");  // no tag, no entity
  CHECK(strip_html("&bogus; &#0; &#xD800;") == "&bogus; &#0; &#xD800;");  // not decoded
  CHECK(strip_html("<unknown>teks</unknown>") == "<unknown>teks</unknown>");
  CHECK(strip_html("<b") == "<b");
  CHECK(markdown_source("+++\ntitle = \"T\"\n+++\nIsi\n").find("Isi") != std::string::npos);
  std::string title;
  const std::string src = markdown_source("+++\ntitle = 'Toml'\n+++\nIsi\n", &title);
  CHECK(title == "Toml");
  const std::string page = "+++\ntitle = 'Toml'\n+++\nIsi\n";
  CHECK(src.size() == page.size());  // blanked, not cut: line numbers stay
  CHECK(std::count(src.begin(), src.end(), '\n') == 4);
  CHECK(src.find("Toml") == std::string::npos);
  CHECK(src.substr(src.size() - 4) == "Isi\n");
}

TEST_CASE("parse_qna_tsv_HtmlInAnswers_IsTheTextAVisitorReads", "[knowledge][import]") {
  auto a = parse_qna_tsv("Question\tAnswer\nJam buka?\tSenin&ndash;Jumat<br>pukul 07.00 &amp; 13.00\n", "x");
  REQUIRE(a.ok());
  REQUIRE(a->units.size() == 1);
  CHECK(a->units[0].text == "Senin\u2013Jumat\npukul 07.00 & 13.00");
  // QnA Maker keeps answers in Markdown: bold and links read as text, a word's underscore stays.
  auto md = parse_qna_tsv("Question\tAnswer\n**Formulir** di mana?\t**Unduh:** [formulir](https://x.id/form_daftar)\\n- isi `nama_lengkap`\n", "x");
  REQUIRE(md.ok());
  REQUIRE(md->units.size() == 1);
  CHECK(md->units[0].question == "Formulir di mana?");
  CHECK(md->units[0].text == "Unduh: formulir\n- isi nama_lengkap");
}

TEST_CASE("load_knowledge_LegacyEncodings_ReadAsUtf8AndNoted", "[knowledge]") {
  test::TempDir dir;
  // Notepad's "ANSI" on an Indonesian Windows: Windows-1252.
  std::ofstream(dir.path() + "/kantin.txt", std::ios::binary)
      << "Kantin\n\nKantin buka pukul 07.00 \x96 14.00. Menu \x93" "favorit\x94 adalah nasi goreng caf\xe9.\n";
  // Notepad's "Unicode": UTF-16 LE with its byte order mark ("# Uks\n\nUKS buka.\n", "é" as E9 00).
  const std::string utf16 = std::string("\xFF\xFE", 2) + std::string("#\0 \0U\0k\0s\0\n\0\n\0U\0K\0S\0 \0b\0u\0k\0a\0 \0\xE9\0.\0\n\0", 38);
  std::ofstream(dir.path() + "/uks.md", std::ios::binary) << utf16;
  auto k = load_knowledge(dir.path());
  REQUIRE(k.ok());
  REQUIRE(k->articles.size() == 2);
  std::map<std::string, const Article*> by_name;
  for (const auto& a : k->articles) by_name[a.name] = &a;
  REQUIRE(by_name.count("kantin"));
  REQUIRE(by_name.count("uks"));
  CHECK(by_name["kantin"]->units[0].text == "Kantin buka pukul 07.00 \u2013 14.00. Menu \u201c" "favorit\u201d adalah nasi goreng caf\u00e9.");
  CHECK(by_name["uks"]->title == "Uks");
  CHECK(by_name["uks"]->units[0].text == "UKS buka \u00e9.");
  REQUIRE(k->problems.size() == 2);
  CHECK_THAT(k->problems[0] + k->problems[1], Catch::Contains("read as Windows-1252") && Catch::Contains("read as UTF-16"));
  // UTF-8 is returned as it is, and said to be nothing else.
  std::string encoding = "x";
  CHECK(utf8::from_legacy("caf\u00e9", &encoding) == "caf\u00e9");
  CHECK(encoding.empty());
  // An odd byte at the end and a lone surrogate read as U+FFFD.
  CHECK(utf8::from_legacy(std::string("\xFF\xFE" "A\0\x00\xD8" "B", 7), &encoding) == "A\uFFFD\uFFFD");
}

TEST_CASE("parse_markdown_SetextHeadings_AreTitleAndSections", "[knowledge][import]") {
  auto a = parse_markdown("Kopi Nusantara\n==============\n\nSejarah\n-------\n\nKopi masuk ke Jawa pada 1696.\n\n---\n\n"
                          "Penutup singkat.\n",
                          "kopi");
  REQUIRE(a.ok());
  CHECK(a->title == "Kopi Nusantara");
  REQUIRE(a->units.size() == 2);
  CHECK(a->units[0].text == "Kopi masuk ke Jawa pada 1696.");
  CHECK(a->sections[a->units[0].section] == "Sejarah");
  CHECK(a->units[1].text == "Penutup singkat.");
}

TEST_CASE("parse_markdown_SubSections_StandUnderTheirSection", "[knowledge][import]") {
  auto a = parse_markdown("# Duta Anti-Hoaks\n\nLead.\n\n## Program Duta Anti-Hoaks\n\nDimulai 2025.\n\n"
                          "### Anggota dan Jadwal\n\nAnggota berkumpul setiap Kamis.\n\n#### Kamis Pagi\n\nPiket.\n\n"
                          "## Penutup\n\n### Catatan\n\nSaring sebelum sharing.\n",
                          "hoaks");
  REQUIRE(a.ok());
  auto unit = [&](const std::string& text) -> const Unit& {
    for (const auto& u : a->units)
      if (u.text == text) return u;
    FAIL("no passage " << text);
    return a->units[0];
  };
  const Unit& meets = unit("Anggota berkumpul setiap Kamis.");
  CHECK(a->sections[meets.section] == "Anggota dan Jadwal");  // shown as its own title
  CHECK(a->parents_of(meets.section) == "Program Duta Anti-Hoaks");
  CHECK(a->parents_of(unit("Piket.").section) == "Program Duta Anti-Hoaks Anggota dan Jadwal");
  CHECK(a->parents_of(unit("Dimulai 2025.").section).empty());
  // A new "##" closes the ones before it.
  CHECK(a->parents_of(unit("Saring sebelum sharing.").section) == "Penutup");
}

TEST_CASE("parse_markdown_BoldTjMarkers_AreQuestionAndAnswer", "[knowledge][import]") {
  auto a = parse_markdown("# PKL\n\n## Tanya Jawab\n\n**T:** Apakah PKL boleh di luar kota?\n**J:** Boleh, dengan izin orang tua.\n",
                          "pkl");
  REQUIRE(a.ok());
  REQUIRE(a->units.size() == 1);
  CHECK(a->units[0].kind == UnitKind::faq);
  CHECK(a->units[0].question == "Apakah PKL boleh di luar kota?");
  CHECK(a->units[0].text == "Boleh, dengan izin orang tua.");
}

TEST_CASE("parse_article_TjMarkers_AreQuestionAndAnswerInPlainText", "[knowledge]") {
  // A plain-text FAQ as sites write it: "T:" and "J:" lines, in a section
  // with any title; each pair is one entry, and the paragraph after is none.
  Article a = parse_article("Paspor\n\nPanduan singkat membuat paspor.\n\nPertanyaan yang Sering Diajukan\n\n"
                            "T: Bolehkah memakai kacamata saat difoto?\nJ: Kacamata harus dilepas sebelum foto.\n\n"
                            "Tanya: Apakah paspor anak harus diganti?\nJawab: Tidak perlu sampai masa berlakunya habis.\n\n"
                            "Penutup\n\nSimpan salinan paspor di ponsel.\n",
                            "paspor");
  auto faq = faq_of(a);
  REQUIRE(faq.size() == 2);
  CHECK(faq[0]->question == "Bolehkah memakai kacamata saat difoto?");
  CHECK(faq[0]->text == "Kacamata harus dilepas sebelum foto.");
  CHECK(faq[1]->question == "Apakah paspor anak harus diganti?");
  CHECK(faq[1]->text == "Tidak perlu sampai masa berlakunya habis.");
  CHECK(a.units.back().kind == UnitKind::paragraph);
  CHECK(a.units.back().text == "Simpan salinan paspor di ponsel.");
}

TEST_CASE("parse_article_ChatAnnouncement_BulletsFieldsQuestionsAndBoldReadAsASiteVisitorSees", "[knowledge]") {
  // A school's WhatsApp broadcast pasted onto its site: capitalised headings,
  // emoji bullets, "Key : value" fields, *bold*, a numbered pipe table and
  // "❓"/"👉" questions. Before, the fields were read as headings (their
  // values lost), the bullets of unfinished lines ran into one line, and each
  // question and answer was a passage of its own.
  Article a = parse_article(
      "PENGUMUMAN SANLAT\n\n"
      "Yth. orang tua dan siswa, berikut informasinya.\n\n"
      "WAKTU DAN TEMPAT:\n"
      "Hari/Tanggal : Senin, 2 Maret 2026\n"
      "Waktu : 07.00 \xe2\x80\x93 12.15 WIB\n"
      "*Tempat:* Masjid Al-Ikhlas\n\n"
      "PERLENGKAPAN\n"
      "\xe2\x9c\x85 Mukena untuk putri\n"
      "\xe2\x9c\x85 Sarung dan peci untuk putra\n"
      "\xe2\x96\xaa\xef\xb8\x8f Buku catatan dan pulpen\n\n"
      "SERAGAM:\n"
      "- Putra: baju koko putih\n"
      "- Putri: gamis putih\n\n"
      "BIAYA\n"
      "*Infak Rp35.000 per siswa*, sudah termasuk sertifikat. Harga 5 * 3 tetap.\n\n"
      "PEMBAGIAN TEMPAT\n"
      "No | Kelas | Tempat\n"
      "1 | X-1 s.d. X-6 | Masjid lantai bawah\n"
      "2 | Semua kelas XI | Aula\n\n"
      "YANG SERING DITANYAKAN:\n"
      "\xe2\x9d\x93 Orang tua boleh ikut buka bersama?\n"
      "\xf0\x9f\x91\x89 Boleh dan tidak dipungut biaya.\n"
      "\xf0\x9f\x91\x89 Konfirmasi ke wali kelas.\n\n"
      "\xe2\x9d\x93 Sertifikat dibagikan kapan?\n"
      "Bersama rapor semester genap.\n"
      "KONTAK PANITIA\n"
      "Hubungi Ibu Rina di WA 0813-2145-7789.\n\n"
      "\xe2\x9d\x93 FAQ\n\n"
      "Terima kasih.\n",
      "sanlat");
  auto paragraphs = texts_of(a, UnitKind::paragraph);
  auto has = [&](const std::string& text) { return std::find(paragraphs.begin(), paragraphs.end(), text) != paragraphs.end(); };
  CHECK(has("Hari/Tanggal: Senin, 2 Maret 2026\nWaktu: 07.00 \xe2\x80\x93 12.15 WIB\nTempat: Masjid Al-Ikhlas"));
  CHECK(section_of(a, "Hari/Tanggal") == "WAKTU DAN TEMPAT:");
  CHECK(has("Mukena untuk putri\nSarung dan peci untuk putra\nBuku catatan dan pulpen"));
  CHECK(has("Putra: baju koko putih\nPutri: gamis putih"));
  CHECK(has("Infak Rp35.000 per siswa, sudah termasuk sertifikat. Harga 5 * 3 tetap."));
  auto rows = texts_of(a, UnitKind::table_row);
  REQUIRE(rows.size() == 2);
  CHECK(rows[0] == "X-1 s.d. X-6: Masjid lantai bawah");
  CHECK(rows[1] == "Semua kelas XI: Aula");
  auto faq = faq_of(a);
  REQUIRE(faq.size() == 2);
  CHECK(faq[0]->question == "Orang tua boleh ikut buka bersama?");
  CHECK(faq[0]->text == "Boleh dan tidak dipungut biaya.\nKonfirmasi ke wali kelas.");
  CHECK(faq[1]->question == "Sertifikat dibagikan kapan?");
  CHECK(faq[1]->text == "Bersama rapor semester genap.");
  // A heading right under an answer ends it.
  CHECK(section_of(a, "Hubungi Ibu Rina") == "KONTAK PANITIA");
  // "❓ FAQ" asks nothing: no question, and no answer taken from below it.
  CHECK(has("Terima kasih."));
  // A field alone in its block stays what it was: a heading.
  Article single = parse_article("Judul\n\nPembuka singkat.\n\nCara Mendaftar: Langkah demi Langkah\n\nIsi bab pertama.\n", "x");
  CHECK(section_of(single, "Isi bab") == "Cara Mendaftar: Langkah demi Langkah");
  // A Markdown table's numbering column keys nothing either.
  auto md = parse_markdown("# Judul\n\n## Motif\n\n| No | Motif | Asal |\n|---|---|---|\n| 1 | Kawung | Yogyakarta |\n", "x");
  REQUIRE(md.ok());
  REQUIRE(texts_of(*md, UnitKind::table_row).size() == 1);
  CHECK(texts_of(*md, UnitKind::table_row)[0] == "Kawung: Yogyakarta");
}

TEST_CASE("parse_article_file_HeadingsInCapitals_ShowAsTheTextWritesEachWord", "[knowledge]") {
  // An announcement's headings in capitals show in a chat's source line and
  // suggestions as the article writes each word: an acronym stays, a name
  // keeps its capital, a short word never written small (FAQ) stays, a
  // heading's closing colon goes.
  auto a = parse_article_file("PENGUMUMAN SANLAT SMA NEGERI 1 PADASUKA\n\n"
                              "Sanlat di SMA Negeri 1 Padasuka diikuti siswa penerima KIP juga.\n\n"
                              "BIAYA / INFAK:\nInfak sanlat Rp35.000 per siswa, dibayar ke bendahara.\n\n"
                              "FAQ\nT: Boleh izin?\nJ: Boleh, dengan surat.\n\n"
                              "Jadwal Harian:\nKegiatan dimulai pukul 07.00.\n",
                              "sanlat", ArticleFormat::text);
  REQUIRE(a.ok());
  CHECK(a->title == "Pengumuman sanlat SMA Negeri 1 Padasuka");  // "sanlat": written small inside a sentence
  CHECK(std::find(a->sections.begin(), a->sections.end(), "Biaya / infak") != a->sections.end());
  CHECK(std::find(a->sections.begin(), a->sections.end(), "FAQ") != a->sections.end());
  CHECK(std::find(a->sections.begin(), a->sections.end(), "Jadwal Harian") != a->sections.end());
}

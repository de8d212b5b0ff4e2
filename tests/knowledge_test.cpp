#include "knowledge/article_parser.hpp"

#include <catch2/catch.hpp>
#include <fstream>
#include <map>

#include "knowledge/knowledge_dir.hpp"
#include "knowledge/lexicon.hpp"
#include "knowledge/paths.hpp"
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

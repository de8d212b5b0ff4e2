#include "index/index_store.hpp"

#include <catch2/catch.hpp>
#include <filesystem>

#include "knowledge/paths.hpp"
#include "tests/test_support.hpp"

using namespace tanya;
namespace fs = std::filesystem;

namespace {

Knowledge bundled_knowledge() {
  auto k = load_knowledge(default_knowledge_dir());
  REQUIRE(k.ok());
  return std::move(*k);
}

std::string integrity(const std::string& path) {
  auto db = open_read_only(path, test::analyzer());
  REQUIRE(db.ok());
  sqlite3_stmt* s = nullptr;
  REQUIRE(sqlite3_prepare_v2(db->get(), "PRAGMA integrity_check", -1, &s, nullptr) == SQLITE_OK);
  SqliteStmt guard(s);
  REQUIRE(sqlite3_step(s) == SQLITE_ROW);
  return column_text(s, 0);
}

}  // namespace

TEST_CASE("build_index_Bundled_SummaryCountsAndIntegrity", "[index]") {
  test::TempDir dir;
  std::string path = dir.path() + "/index.db";
  auto summary = build_index(bundled_knowledge(), test::analyzer(), path);
  REQUIRE(summary.ok());
  CHECK(summary->units_by_kind.at("paragraph") == 29);
  CHECK(summary->units_by_kind.at("faq") == 5);
  CHECK(summary->units_by_kind.at("table_row") == 5);
  CHECK(summary->units_by_kind.at("lead") == 1);
  CHECK(summary->articles == 1);
  CHECK(summary->distinct_terms > 200);
  CHECK(integrity(path) == "ok");
}

TEST_CASE("build_index_TwiceOverSameFile_LeavesOneValidIndex", "[index]") {
  test::TempDir dir;
  std::string path = dir.path() + "/index.db";
  auto knowledge = bundled_knowledge();
  REQUIRE(build_index(knowledge, test::analyzer(), path).ok());
  REQUIRE(build_index(knowledge, test::analyzer(), path).ok());
  int files = 0;
  for (const auto& e : fs::directory_iterator(dir.path())) {
    (void)e;
    ++files;
  }
  CHECK(files == 1);  // no temporary file left behind
  CHECK(integrity(path) == "ok");
  auto fp = stored_fingerprint(path);
  REQUIRE(fp.ok());
  CHECK(*fp == index_fingerprint(knowledge, test::analyzer()->lexicon()));
}

TEST_CASE("build_index_UnwritableTarget_FailsAndKeepsOldIndex", "[index]") {
  test::TempDir dir;
  std::string path = dir.path() + "/index.db";
  auto knowledge = bundled_knowledge();
  REQUIRE(build_index(knowledge, test::analyzer(), path).ok());
  auto before = fs::file_size(path);
  // A directory where the temporary file would go makes the build fail.
  fs::create_directory(path + ".tmp-" + std::to_string(::getpid()));
  fs::create_directory(path + ".tmp-" + std::to_string(::getpid()) + "/x");
  auto r = build_index(knowledge, test::analyzer(), path);
  CHECK_FALSE(r.ok());
  CHECK(fs::file_size(path) == before);
  CHECK(integrity(path) == "ok");
}

TEST_CASE("IndexReader_Search_UsesTheTanyaTokenizer", "[index]") {
  test::TempDir dir;
  std::string path = dir.path() + "/index.db";
  REQUIRE(build_index(bundled_knowledge(), test::analyzer(), path).ok());
  auto reader = IndexReader::open(path, test::analyzer());
  REQUIRE(reader.ok());
  auto data = load_index(path, test::analyzer());
  REQUIRE(data.ok());
  // "pertahanan" and "mempertahankan" share the stem "tahan": both find a passage.
  for (const char* q : {"\"pertahanan\"", "\"mempertahankan\"", "\"negara2\"", "\"kerjasama\""}) {
    auto hits = (*reader)->search(q, 5);
    REQUIRE(hits.ok());
    CAPTURE(q);
    CHECK_FALSE(hits->empty());
  }
  auto hits = (*reader)->search("\"perbedaan\" OR \"multilateral\"", 5);
  REQUIRE(hits.ok());
  REQUIRE_FALSE(hits->empty());
  const auto& top = (*data)->units[hits->front().unit_id - 1];
  CHECK(top.kind == UnitKind::faq);
  CHECK(top.question == "Apa perbedaan kerja sama bilateral dan multilateral?");
  // A bad MATCH expression is an error, not a crash.
  CHECK_FALSE((*reader)->search("\"unterminated", 5).ok());
}

TEST_CASE("load_index_Bundled_UnitsAndVocabulary", "[index]") {
  test::TempDir dir;
  std::string path = dir.path() + "/index.db";
  REQUIRE(build_index(bundled_knowledge(), test::analyzer(), path).ok());
  auto data = load_index(path, test::analyzer());
  REQUIRE(data.ok());
  CHECK((*data)->units.size() == 40);
  CHECK((*data)->words.at("diplomasi").stem == "diplomasi");
  CHECK((*data)->words.at("perdagangan").stem == "dagang");
  CHECK((*data)->stem_df.at("bilateral") > 10);
  CHECK_FALSE(load_index(dir.path() + "/missing.db", test::analyzer()).ok());
}

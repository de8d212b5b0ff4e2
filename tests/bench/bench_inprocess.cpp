// In-process benchmarks: the analyzer (tokens/s), the index build (units/s)
// and the answer time (p50/p99) on the bundled article, or on the knowledge
// directory in $TANYA_BENCH_KNOWLEDGE (the corpus growth runs of run.sh).
// "[figures]" prints one JSON line for scripts; the BENCHMARKs give Catch2's
// statistics. Not a test: nothing here has a threshold.
#define CATCH_CONFIG_MAIN
#define CATCH_CONFIG_ENABLE_BENCHMARKING
#include <catch2/catch.hpp>

#include <algorithm>
#include <chrono>
#include <cstdlib>
#include <fstream>
#include <nlohmann/json.hpp>

#include "bot/engine.hpp"
#include "bot/eval.hpp"
#include "knowledge/paths.hpp"
#include "tests/test_support.hpp"

using namespace tanya;
using Clock = std::chrono::steady_clock;

namespace {

std::string knowledge_dir() {
  const char* k = std::getenv("TANYA_BENCH_KNOWLEDGE");
  return k && *k ? k : default_knowledge_dir();
}

std::vector<std::string> questions() {
  std::vector<std::string> out;
  auto cases = load_eval_set(test::source_dir() + "/tests/eval/dev-questions.jsonl");
  auto own = load_eval_set(test::source_dir() + "/tests/eval/own-questions.jsonl");
  for (auto* set : {&cases, &own})
    if (*set)
      for (const auto& c : **set) out.push_back(c.question);
  return out;
}

double seconds_since(Clock::time_point t) { return std::chrono::duration<double>(Clock::now() - t).count(); }

}  // namespace

TEST_CASE("figures", "[figures]") {
  test::TempDir dir;
  auto knowledge = load_knowledge(knowledge_dir());
  REQUIRE(knowledge.ok());
  auto analyzer = test::analyzer();

  // Analyzer throughput over every passage, stems warm (as in a running server).
  std::vector<std::string> texts;
  size_t units = 0;
  for (const auto& a : knowledge->articles)
    for (const auto& u : a.units) {
      texts.push_back(u.text);
      ++units;
    }
  for (const auto& t : texts) analyzer->analyze(t);
  size_t tokens = 0;
  auto t0 = Clock::now();
  int rounds = 0;
  while (seconds_since(t0) < 1.0 || rounds == 0) {
    for (const auto& t : texts) tokens += analyzer->analyze(t).size();
    ++rounds;
  }
  double tokens_per_s = static_cast<double>(tokens) / seconds_since(t0);

  // Index build, from scratch, into a fresh file.
  auto t1 = Clock::now();
  auto built = build_index(*knowledge, analyzer, dir.path() + "/index.db");
  REQUIRE(built.ok());
  double build_s = seconds_since(t1);

  EngineOptions o;
  o.knowledge_dir = knowledge_dir();
  o.db_path = dir.path() + "/index.db";
  auto t2 = Clock::now();
  auto engine = Engine::open(o, analyzer);
  REQUIRE(engine.ok());
  double open_ms = seconds_since(t2) * 1000;

  // Answer time: every question of both sets, many rounds, warm.
  auto qs = questions();
  for (const auto& q : qs) (void)(*engine)->answer(q);
  std::vector<double> us;
  auto t3 = Clock::now();
  while (seconds_since(t3) < 2.0) {
    for (const auto& q : qs) {
      auto s = Clock::now();
      auto a = (*engine)->answer(q);
      us.push_back(std::chrono::duration<double, std::micro>(Clock::now() - s).count());
      REQUIRE(a.ok());
    }
  }
  std::sort(us.begin(), us.end());
  auto pct = [&](double p) { return us[std::min(us.size() - 1, static_cast<size_t>(p * us.size()))]; };
  std::ifstream index_file(dir.path() + "/index.db", std::ios::binary | std::ios::ate);
  nlohmann::json j = {{"units", units},
                      {"analyzer_tokens_per_s", tokens_per_s},
                      {"index_build_s", build_s},
                      {"index_units_per_s", units / build_s},
                      {"index_bytes", static_cast<long long>(index_file.tellg())},
                      {"engine_open_ms", open_ms},
                      {"answer_p50_us", pct(0.5)},
                      {"answer_p99_us", pct(0.99)},
                      {"answers_measured", us.size()}};
  std::printf("FIGURES %s\n", j.dump().c_str());
  CHECK(us.size() > 0);
}

TEST_CASE("benchmarks", "[benchmark]") {
  test::TempDir dir;
  auto knowledge = load_knowledge(knowledge_dir());
  REQUIRE(knowledge.ok());
  auto analyzer = test::analyzer();
  const std::string text = knowledge->articles[0].units[1].text;
  BENCHMARK("analyze one paragraph") { return analyzer->analyze(text).size(); };
  BENCHMARK("build the index") { return build_index(*knowledge, analyzer, dir.path() + "/b.db").ok(); };
  EngineOptions o;
  o.knowledge_dir = knowledge_dir();
  o.db_path = dir.path() + "/index.db";
  auto engine = Engine::open(o, analyzer);
  REQUIRE(engine.ok());
  BENCHMARK("answer an FAQ question") { return (*engine)->answer("Apa perbedaan kerja sama bilateral dan multilateral?").ok(); };
  BENCHMARK("answer chat slang with a typo") { return (*engine)->answer("gmn manfat kerjasama bilateral buat ekonomi").ok(); };
  BENCHMARK("fall back") { return (*engine)->answer("Resep rendang padang yang enak").ok(); };
}

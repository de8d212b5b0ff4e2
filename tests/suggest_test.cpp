// What a student is offered: suggestions that are questions, related to the
// answer, never one already asked or shown in the conversation; fallbacks that
// say what tanya can help with; yes/no answers that keep their answer word.
#include "bot/suggest.hpp"

#include <catch2/catch.hpp>
#include <fstream>
#include <set>

#include "bot/engine.hpp"
#include "knowledge/paths.hpp"
#include "tests/test_support.hpp"

using namespace tanya;

namespace {

std::shared_ptr<const Engine> open_engine(const std::string& knowledge, const std::string& dir) {
  EngineOptions o;
  o.db_path = dir + "/index.db";
  o.knowledge_dir = knowledge;
  auto r = Engine::open(o, test::analyzer());
  if (!r) throw std::runtime_error(r.error().message);
  return *r;
}

const Engine& bundled() {
  static test::TempDir dir;
  static auto e = open_engine(default_knowledge_dir(), dir.path());
  return *e;
}

// An article written for this test, with a yes/no FAQ whose answer opens with "Bisa.".
const Engine& written() {
  static test::TempDir dir;
  static auto e = [] {
    std::filesystem::create_directories(dir.path() + "/k");
    std::ofstream(dir.path() + "/k/siklus-air.txt") <<
        "Siklus Air di Bumi\n\n"
        "Air di bumi terus berpindah antara laut, udara, dan daratan dalam sebuah siklus.\n\n"
        "Penguapan dari Laut\n\n"
        "Panas matahari menguapkan air laut menjadi uap air yang naik ke atmosfer. Uap air itu membawa panas dari permukaan laut.\n\n"
        "Pembentukan Awan dan Hujan\n\n"
        "Uap air mendingin di ketinggian lalu mengembun menjadi titik air yang membentuk awan. Ketika titik air makin berat, hujan turun ke daratan.\n\n"
        "FAQ tentang Siklus Air\n\n"
        "1. Apakah air hujan bisa diminum langsung?\n"
        "Bisa. Air hujan di daerah yang udaranya bersih cukup aman, asal ditampung di wadah yang bersih dan direbus dulu.\n"
        "2. Mengapa air laut terasa asin?\n"
        "Air laut asin karena sungai membawa garam mineral dari batuan ke laut, sedangkan penguapan hanya mengangkat airnya.\n";
    return open_engine(dir.path() + "/k", dir.path());
  }();
  return *e;
}

}  // namespace

TEST_CASE("Suggest_HeadingQuestion_ReadsAsAQuestion", "[suggest]") {
  CHECK(heading_question("Manfaat Kerja Sama Bilateral") == "Apa manfaat Kerja Sama Bilateral?");
  CHECK(heading_question("ASEAN dan Indonesia") == "Apa ASEAN dan Indonesia?");
  CHECK(heading_question("Mengapa Laut Asin") == "Mengapa Laut Asin?");
  CHECK(heading_question("Bagaimana hujan turun?") == "Bagaimana hujan turun?");
  CHECK(heading_question("Tabel: Ringkasan Siklus Air") == "Apa ringkasan Siklus Air?");
  CHECK(heading_question("") == "");
}

TEST_CASE("Suggest_PickUnseen_SkipsWhatTheConversationSawAndRepeats", "[suggest]") {
  Conversation conv;
  remember_seen(&conv, {"apa itu  diplomasi?"});
  auto picked = pick_unseen({"Apa itu diplomasi", "Apa manfaatnya?", "apa manfaatnya", "Siapa?"}, &conv, 3);
  CHECK(picked == std::vector<std::string>{"Apa manfaatnya?", "Siapa?"});
  for (int i = 0; i < 200; ++i) remember_seen(&conv, {"q" + std::to_string(i)});
  CHECK(conv.seen.size() == kSeenMax);
  CHECK(conv.seen.back() == "q199");
}

TEST_CASE("Suggest_Conversation_NeverOffersWhatWasAskedOrShown", "[suggest]") {
  for (const Engine* e : {&bundled(), &written()}) {
    Conversation conv;
    std::set<std::string> offered;
    std::set<std::string> asked;
    auto offer = [&](const std::vector<std::string>& list) {
      for (const auto& s : list) {
        CAPTURE(s);
        CHECK(offered.insert(question_key(s)).second);  // never shown twice
        CHECK_FALSE(asked.count(question_key(s)));      // never one already asked
        CHECK(s.back() == '?');                          // a question, not a bare heading
      }
    };
    offer(e->welcome("id", &conv).suggestions);
    // Greetings, a fallback and every suggestion tapped in turn, as a student would.
    std::vector<std::string> queue = {"halo", "berapa hasil 25 dikali 4?", "bantuan dong"};
    for (size_t turn = 0; turn < 20; ++turn) {
      std::string q;
      if (!queue.empty()) {
        q = queue.front();
        queue.erase(queue.begin());
      } else {
        q = *offered.begin();  // any offered one: keys are lowercase, still a valid question
        for (const auto& s : offered)
          if (!asked.count(s)) { q = s; break; }
      }
      asked.insert(question_key(q));
      auto a = e->answer(q, &conv);
      REQUIRE(a.ok());
      offer(a->suggestions);
    }
    // Something was offered all along: the bundled article has many passages;
    // the written one has four besides its lead (two sections, two FAQ
    // entries), and each is offered once.
    CHECK(offered.size() >= (e == &written() ? 4u : 6u));
  }
}

TEST_CASE("Suggest_EverySuggestionIsAnswered", "[suggest]") {
  // A suggestion is a promise: asked as it is, it gets an answer, not a fallback.
  for (const Engine* e : {&bundled(), &written()}) {
    Conversation conv;
    std::vector<std::string> all = e->welcome("id", &conv).suggestions;
    for (const char* q : {"Apa perbedaan kerja sama bilateral dan multilateral?", "Mengapa air laut terasa asin?",
                          "bagaimana uap air naik", "kenapa hujan turun"}) {
      auto a = e->answer(q);
      REQUIRE(a.ok());
      all.insert(all.end(), a->suggestions.begin(), a->suggestions.end());
    }
    REQUIRE_FALSE(all.empty());
    for (const auto& s : all) {
      CAPTURE(s);
      auto a = e->answer(s);
      REQUIRE(a.ok());
      CHECK_FALSE(a->fallback);
    }
  }
}

TEST_CASE("Suggest_Fallback_NothingCloseSaysWhatToAsk", "[suggest]") {
  auto a = bundled().answer("berapa hasil 25 dikali 4?");
  REQUIRE(a.ok());
  CHECK(a->fallback);
  CHECK_THAT(a->text, Catch::Contains("Coba tanyakan:"));
  CHECK_THAT(a->text, !Catch::Contains("Maksud"));
  CHECK(a->suggestions.size() == kSuggestions);
}

TEST_CASE("Suggest_YesNoAnswer_KeepsItsAnswerWord", "[suggest]") {
  for (const char* q : {"Apakah air hujan bisa diminum langsung?", "air hujan boleh diminum gak?"}) {
    CAPTURE(q);
    auto a = written().answer(q);
    REQUIRE(a.ok());
    REQUIRE_FALSE(a->fallback);
    CHECK(a->text.rfind("Bisa. ", 0) == 0);
    CHECK(a->span_start == 0);
  }
}

#include "bot/engine.hpp"

#include <algorithm>
#include <catch2/catch.hpp>
#include <filesystem>
#include <fstream>
#include <tuple>
#include <sqlite3.h>

#include "bot/answer_json.hpp"
#include "bot/explain.hpp"
#include "bot/rank_data.hpp"
#include "knowledge/paths.hpp"
#include "tests/test_support.hpp"

using namespace tanya;

namespace {

const Engine& engine() {
  static test::TempDir dir;
  static std::shared_ptr<const Engine> e = [] {
    EngineOptions o;
    o.db_path = dir.path() + "/index.db";
    o.knowledge_dir = default_knowledge_dir();
    auto r = Engine::open(o, test::analyzer());
    if (!r) throw std::runtime_error(r.error().message);
    return *r;
  }();
  return *e;
}

// An engine over a knowledge directory of the test's own, its index in `dir`.
std::shared_ptr<const Engine> engine_over(const test::TempDir& dir, const std::string& knowledge) {
  EngineOptions o;
  o.knowledge_dir = knowledge;
  o.db_path = dir.path() + "/index.db";
  auto e = Engine::open(o, test::analyzer());
  REQUIRE(e.ok());
  return *e;
}

// An engine over one article FILE with TEXT, in a knowledge directory of the test's own.
std::shared_ptr<const Engine> engine_of(const test::TempDir& dir, const std::string& file, const std::string& text) {
  const std::string knowledge = dir.path() + "/knowledge";
  std::filesystem::create_directory(knowledge);
  std::ofstream(knowledge + "/" + file) << text;
  return engine_over(dir, knowledge);
}

// An engine over one of tests/eval/articles' articles (PATH under it: "bd/study-tour-kelas-xi.txt").
std::shared_ptr<const Engine> engine_of_eval_article(const test::TempDir& dir, const std::string& path) {
  const std::string knowledge = dir.path() + "/knowledge";
  std::filesystem::create_directory(knowledge);
  const std::filesystem::path from = test::source_dir() + "/tests/eval/articles/" + path;
  std::filesystem::copy_file(from, knowledge + "/" + from.filename().string());
  return engine_over(dir, knowledge);
}

// An answer with a source, from an engine of the test's own.
Answer answered(const Engine& e, const std::string& q, Conversation* conv = nullptr) {
  auto a = e.answer(q, conv);
  REQUIRE(a.ok());
  REQUIRE_FALSE(a->sources.empty());
  return std::move(*a);
}

// Whether `stem` is searched for `q` asked in `conv` (a copy: the
// conversation the test goes on with is left as it was).
bool searched(const Engine& e, const std::string& q, Conversation conv, const std::string& stem) {
  Explanation why;
  REQUIRE(e.answer(q, &conv, default_policy(), &why).ok());
  return std::any_of(why.terms.begin(), why.terms.end(), [&](const ExplainedTerm& t) { return t.stem == stem; });
}

// The same, the engine weighing as `policy` says (a weight set to 0 shows what it decides).
Answer answered_with(const Engine& e, const std::string& q, const Policy& policy) {
  auto a = e.answer(q, nullptr, policy);
  REQUIRE(a.ok());
  REQUIRE_FALSE(a->sources.empty());
  return std::move(*a);
}

// `q` is answered first from the passage starting with `with`, and from the
// one starting with `without` when `weight` is `off`: that weight decides it.
void check_weight_decides(const Engine& e, const std::string& q, double Policy::*weight, double off,
                          const std::string& with, const std::string& without) {
  CHECK_THAT(answered(e, q).sources[0].text, Catch::StartsWith(with));
  Policy flat = default_policy();
  flat.*weight = off;
  CHECK_THAT(answered_with(e, q, flat).sources[0].text, Catch::StartsWith(without));
}

// `next` asked right after `first` in one conversation: the first answer's
// source starts with `first_from`, the second is read as a follow-up.
Answer followed_up(const Engine& e, const std::string& first, const std::string& first_from, const std::string& next) {
  Conversation conv;
  REQUIRE_THAT(answered(e, first, &conv).sources[0].text, Catch::StartsWith(first_from));
  Answer a = answered(e, next, &conv);
  CHECK(a.followup);
  return a;
}

Answer ask(const std::string& q, Conversation* conv = nullptr) {
  auto a = engine().answer(q, conv);
  REQUIRE(a.ok());
  return std::move(*a);
}

}  // namespace

TEST_CASE("Engine_FaqQuestionsVerbatim_FaqEntryFirst", "[engine]") {
  std::vector<const StoredUnit*> faqs;
  for (const auto& u : engine().index().units)
    if (u.kind == UnitKind::faq) faqs.push_back(&u);
  REQUIRE(faqs.size() == 5);
  for (const auto* faq : faqs) {
    CAPTURE(faq->question);
    Answer a = ask(faq->question);
    CHECK_FALSE(a.fallback);
    REQUIRE_FALSE(a.sources.empty());
    CHECK(a.sources[0].kind == "faq");
    CHECK(a.sources[0].text == faq->text);
    CHECK(a.confidence >= default_policy().fallback_threshold);
  }
}

TEST_CASE("Engine_HostileQuestions_AnsweredWithoutError", "[engine]") {
  auto q = GENERATE(as<std::string>{}, "", "   \t\n", "\"", "*", "^", ":", "(", ")", "-", "NEAR", "AND OR NOT",
                    "\"kerja sama\" NEAR(diplomasi, 5) AND -", "bilateral* ^multilateral: (OR)",
                    "'; DROP TABLE units; --", std::string(100 * 1024, 'x'), std::string(100 * 1024, ' '),
                    std::string("\xff\xfe\xfd", 3), "😀🔥", "؟ما هو");
  auto a = engine().answer(q);
  REQUIRE(a.ok());
  CHECK_FALSE(a->text.empty());
  CHECK(to_json(*a).dump(-1, ' ', false, nlohmann::json::error_handler_t::replace).size() > 10);
}

TEST_CASE("Engine_OutOfDomain_FallsBackWithSuggestions", "[engine]") {
  auto q = GENERATE("Resep rendang padang yang enak", "Bagaimana cara install Python di Windows?",
                    "Bagaimana cara negara membuat pesawat?");
  Answer a = ask(q);
  CAPTURE(q);
  CHECK(a.fallback);
  CHECK(a.sources.empty());
  CHECK(a.confidence < default_policy().fallback_threshold);
  CHECK(a.suggestions.size() >= 1);
}

TEST_CASE("Engine_ConfidenceFeatures_ANameTheArticleNeverWrites_AndTheDayOfAsking", "[engine]") {
  // A name the question writes (capitalised inside the sentence, or in
  // capitals) that the answering article lacks: another subject.
  Answer names = ask("Apa manfaat kerja sama bilateral dengan Atlantis?");
  CHECK(names.features[kMissingName] == 1.0);
  Answer known = ask("Apa manfaat Diplomasi Internasional bagi negara?");
  CHECK(known.features[kMissingName] == 0.0);
  // A name of two words the article holds apart but never writes side by
  // side ("pasar" and "bebas", never "pasar bebas") is another subject; one
  // it writes so is not; a word of it that no dictionary knows may be a
  // slip in a name the article writes, so it is no evidence.
  CHECK(ask("Apa manfaat kerja sama bilateral bagi Pasar Bebas?").features[kMissingName] == 1.0);
  CHECK(ask("Apa manfaat kerja sama bilateral bagi pasar bebas?").features[kMissingName] == 0.0);
  CHECK(ask("Apa manfaat Diplomasi Internsional bagi negara?").features[kMissingName] == 0.0);
  // The same word at the start of a sentence is no name.
  CHECK(ask("Atlantis. Apa manfaat kerja sama bilateral?").features[kMissingName] == 0.0);
  // One capital letter is no name ("hari H": the day itself).
  CHECK(ask("Apa manfaat kerja sama bilateral pada hari H?").features[kMissingName] == 0.0);
  // Tied to the day it is asked, where the passage says nothing of the kind.
  Answer now = ask("Apa manfaat kerja sama bilateral tahun ini?");
  CHECK(now.features[kAsksNow] == 1.0);
  CHECK(known.features[kAsksNow] == 0.0);
  // Each weighs against the answer: the same features without them are surer.
  ConfidenceFeatures without = names.features;
  without[kMissingName] = 0;
  CHECK(confidence_of(default_policy(), names.features, false) < confidence_of(default_policy(), without, false));
  without = now.features;
  without[kAsksNow] = 0;
  CHECK(confidence_of(default_policy(), now.features, false) < confidence_of(default_policy(), without, false));
}

TEST_CASE("Engine_OutOfDomain_InAConversation_IsNoFollowUp", "[engine]") {
  // Words the article lacks, three or more, ask about something else: the
  // previous topic must not lend them an answer (the widget's test found it).
  Conversation conv;
  REQUIRE_FALSE(ask("Apa manfaat kerja sama bilateral?", &conv).fallback);
  Answer a = ask("Resep rendang padang yang enak", &conv);
  CHECK_FALSE(a.followup);
  CHECK(a.fallback);
  // A short question of words the article lacks still leans on the topic.
  CHECK(ask("kalau olahraga?", &conv).followup);
}

TEST_CASE("Engine_SmallTalk_HasIntentAndNeverFallsBack", "[engine]") {
  struct Case {
    const char* q;
    const char* intent;
  };
  auto c = GENERATE(values<Case>({{"hai", "greeting"}, {"selamat pagi kak", "greeting"}, {"makasih ya", "thanks"},
                                  {"terima kasih banyak", "thanks"}, {"sampai jumpa", "goodbye"},
                                  {"kamu siapa?", "identity"}, {"kamu bisa apa", "help"}, {"halooo", "greeting"},
                                  // Longer forms and English: courtesies with function words between them.
                                  {"oke deh, makasih banyak ya kak", "thanks"}, {"thanks a lot, see you", "goodbye"},
                                  {"Terima kasih, penjelasannya sangat membantu!", "thanks"},
                                  {"Oke, sampai jumpa lagi ya", "goodbye"},
                                  // After a greeting, asking whether this is the right place.
                                  {"Halo kak, selamat siang, ini layanan bantuan sekolah ya?", "identity"},
                                  // Chat and polite forms (smalltalk.tsv, slang.tsv).
                                  {"met pagi kak", "greeting"}, {"assalamu'alaikum wr wb", "greeting"},
                                  {"Selamat pagi Bapak/Ibu, mohon maaf mengganggu waktunya", "greeting"},
                                  {"mksih kak", "thanks"}, {"udah itu aja kak", "goodbye"},
                                  {"Mohon maaf, ini saya sedang berbicara dengan siapa ya?", "identity"},
                                  {"Mohon izin bertanya, Bapak/Ibu", "help"}, {"apa aja yg bisa aku tanyain?", "help"},
                                  {"boleh tanya-tanya dikit ga?", "help"}}));
  Answer a = ask(c.q);
  CAPTURE(c.q);
  CHECK(a.intent == c.intent);
  CHECK_FALSE(a.fallback);
  CHECK_FALSE(a.text.empty());
}

TEST_CASE("Engine_SmallTalkWithContent_AnswersTheQuestion", "[engine]") {
  Answer a = ask("halo, apa perbedaan kerja sama bilateral dan multilateral?");
  CHECK(a.intent == "question");
  REQUIRE_FALSE(a.sources.empty());
  CHECK(a.sources[0].kind == "faq");
  // "ini … ya?" after a greeting asks something when it holds a verb or a
  // modal, and on its own it is a question whatever it holds.
  for (const char* q : {"halo, ini kerja sama bilateral bisa dilakukan negara kecil ya?",
                        // Asking leave, then the question in a clause of its own; or
                        // the question right after the asking verb.
                        "kak boleh nanya, diplomasi budaya bisa dilakukan pelajar ga?",
                        "halo, ini bot ya? aku mau tanya diplomasi budaya",
                        "halo, ini kerja sama bilateral dilakukan negara kecil ya?",
                        "ini kerja sama bilateral ya?"}) {
    CAPTURE(q);
    CHECK(ask(q).intent == "question");
  }
}

TEST_CASE("Engine_QuestionFrame_ReducesToItsTopic", "[engine]") {
  // "Apa arti istilah X", "jelaskan tentang X", "X itu apa sih" ask about X:
  // the frame words are no topic of their own.
  auto q = GENERATE("Apa arti istilah diplomasi publik?", "jelaskan tentang diplomasi publik",
                    "diplomasi publik itu apa sih");
  CAPTURE(q);
  Answer a = ask(q);
  REQUIRE_FALSE(a.fallback);
  REQUIRE_FALSE(a.sources.empty());
  CHECK(a.sources[0].text.find("diplomasi publik") != std::string::npos);
  CHECK(std::find(a.matched.begin(), a.matched.end(), "publik") != a.matched.end());
}

TEST_CASE("Engine_FollowUp_AsksForSomethingNew", "[engine]") {
  // The first answer is the FAQ entry "Mengapa diplomasi budaya penting …?";
  // asked for examples, tanya leaves that entry (it answers why, not what
  // for example) and its FAQ block (no topic) for the passage that lists
  // them. "ada contoh lain?" names no topic of its own, so it is a follow-up.
  // In English too ("any examples?": two English function words and a word
  // the dictionary translates).
  // Asked for more ("jelasin lebih lanjut dong", "tell me more"), the same:
  // not the entry just given, and "jelasin" is no search for "jelas".
  for (const char* followup : {"contohnya?", "contohnya apa saja?", "ada contoh lain?", "any examples?",
                               "any other examples?", "jelasin lebih lanjut dong", "tell me more"}) {
    INFO(followup);
    Conversation conv;
    Answer first = ask("Apa itu diplomasi budaya?", &conv);
    REQUIRE_FALSE(first.fallback);
    Answer next = ask(followup, &conv);
    CHECK(next.followup);
    CHECK_FALSE(next.fallback);
    CHECK(next.text != first.text);
    REQUIRE_FALSE(next.sources.empty());
    CHECK(next.sources[0].text.find("Pertukaran pelajar") != std::string::npos);
  }
  // Asked why, the same FAQ entry stays the answer: it asks that kind of question.
  Conversation conv;
  ask("Apa itu diplomasi budaya?", &conv);
  Answer why = ask("kenapa itu penting?", &conv);
  REQUIRE_FALSE(why.sources.empty());
  CHECK(why.sources[0].text.find("ikatan emosional") != std::string::npos);
}

TEST_CASE("Engine_FollowUp_UsesPreviousTopic", "[engine]") {
  Conversation conv;
  Answer first = ask("Apa manfaat kerja sama bilateral di bidang keamanan?", &conv);
  REQUIRE_FALSE(first.fallback);
  Answer next = ask("kalau di bidang pendidikan?", &conv);
  CHECK(next.followup);
  REQUIRE_FALSE(next.sources.empty());
  CHECK(next.sources[0].text.find("program beasiswa") != std::string::npos);
  // With no question word of its own, it asks what the previous question asked.
  Conversation why_conv;
  Answer why = ask("Mengapa kerja sama bilateral di bidang keamanan penting?", &why_conv);
  REQUIRE(why.question_type == "reason");
  Answer why_next = ask("kalau di bidang pendidikan?", &why_conv);
  CHECK(why_next.followup);
  CHECK(why_next.question_type == "reason");
  // Without the conversation the same words are not a follow-up.
  Answer alone = ask("kalau di bidang pendidikan?");
  CHECK(alone.question_type == "what");
  CHECK_FALSE(alone.followup);
}

TEST_CASE("Engine_Answer_TextIsASpanOfTheFirstSource", "[engine]") {
  Answer a = ask("Mengapa negara bertetangga menjalin kerja sama pertahanan?");
  REQUIRE_FALSE(a.fallback);
  REQUIRE_FALSE(a.sources.empty());
  CHECK(a.sources[0].text.find(a.text) != std::string::npos);
  CHECK(a.span_start >= 0);
  CHECK(a.span_end > a.span_start);
  CHECK(a.text.size() < a.sources[0].text.size());
  CHECK_FALSE(a.matched.empty());
}

TEST_CASE("Engine_Typo_IsCorrectedAndReported", "[engine]") {
  Answer a = ask("apa itu diplomsi budaya");
  REQUIRE_FALSE(a.fallback);
  REQUIRE(a.corrections.size() == 1);
  CHECK(a.corrections[0].from == "diplomsi");
  CHECK(a.corrections[0].to == "diplomasi");
}

TEST_CASE("Engine_FollowUp_AnotherRowOfTheTable_TakesTheRowsPlace", "[engine]") {
  // "kalo menjahit?" after the row on graphic design asks the same of the
  // sewing row: the rows' first words are siblings, so "menjahit" takes the
  // place of "desain grafis" instead of sitting beside it.
  test::TempDir dir;
  auto e = engine_of(dir, "kejuruan.md", R"(# Kejuruan Balai

## Daftar Kejuruan

| Kejuruan | Lama Pelatihan | Kuota |
|---|---|---|
| Desain Grafis | 256 JP atau 32 hari kerja | 16 peserta |
| Menjahit Pakaian Wanita | 240 JP atau 30 hari kerja | 16 peserta |
| Teknik Las | 320 JP atau 40 hari kerja | 12 peserta |

## Desain Grafis

Peserta desain grafis belajar Inkscape dan GIMP di laboratorium komputer selama pelatihan.

## Ruang Garmen

Peserta kejuruan menjahit memakai mesin jahit industri di ruang garmen.
)");
  Answer a = followed_up(*e, "Pelatihan desain grafis berapa lama?", "Desain Grafis", "kalo menjahit?");
  CHECK_THAT(a.sources[0].text, Catch::StartsWith("Menjahit"));
}

TEST_CASE("Engine_FollowUp_OneWordAndHowItIsAsked_AsksItOfTheTopic", "[engine]") {
  // "bayar ga?" right after the dormitory asks whether the dormitory costs
  // anything; alone, the passages on paying lead.
  test::TempDir dir;
  auto e = engine_of(dir, "balai.txt", R"(Pelatihan di Balai Kerja

Asrama

Balai menyediakan asrama berkapasitas 48 tempat tidur bagi peserta dari luar kota.

Penghuni asrama tidak perlu bayar sewa, tetapi wajib menjaga kebersihan kamar dan ikut piket.

Biaya Daftar Ulang

Peserta membayar iuran kaos sebesar Rp50.000 saat daftar ulang.

Pembayaran iuran dilakukan di loket bendahara dan bukti bayar disimpan peserta.

Jadwal

Pelatihan berlangsung Senin sampai Jumat pukul 07.30 sampai 15.30.

Peserta yang tidak hadir tiga hari berturut-turut tanpa izin dinyatakan mengundurkan diri.

Sertifikat

Peserta yang lulus uji kompetensi menerima sertifikat dari lembaga sertifikasi profesi.

Sertifikat yang hilang dapat diganti dengan surat keterangan dari kepala balai.
)");
  CHECK_THAT(answered(*e, "bayar ga?").sources[0].text, Catch::StartsWith("Pembayaran"));
  Answer a = followed_up(*e, "balai punya asrama ga?", "Balai menyediakan asrama", "bayar ga?");
  CHECK_THAT(a.sources[0].text, Catch::StartsWith("Penghuni asrama"));
}

TEST_CASE("Engine_Typo_AWordSpelledAsItSounds_IsTheKnowledgesWord", "[engine]") {
  // "forid" is two edits from "phorid" (too many for five letters) and no
  // dictionary word: read as it sounds, it is the article's word. Without
  // that, only "lalat" is searched and the passage on flies at the hive
  // entrance ranks first.
  test::TempDir dir;
  auto e = engine_of(dir, "lebah.txt", R"(Hama Lebah Tanpa Sengat

Lebah tanpa sengat dipelihara di kotak kayu di kebun sekolah.

Hama Di Sekitar Kotak

Lalat buah sering hinggap di pintu masuk kotak ketika madu dipanen, tetapi tidak merusak sarang.

Lalat phorid bertelur di kantong madu yang rusak sehingga madu berbau asam dan koloni melemah.

Semut rangrang menyerbu koloni yang lemah dan mengambil madu serta larva.
)");
  Answer a = answered(*e, "lalat forid bahaya ga?");
  REQUIRE(a.corrections.size() == 1);
  CHECK(a.corrections[0].from == "forid");
  CHECK(a.corrections[0].to == "phorid");
  CHECK_THAT(a.sources[0].text, Catch::StartsWith("Lalat phorid"));
}

TEST_CASE("Engine_Typo_AShortWordWithALetterLeftOut_IsTheKnowledgesWord", "[engine]") {
  // "mors" is the article's "Morse" with its last letter left out; the
  // colloquial rules' dropped vowel would make it the dictionary's "mores",
  // a word the article never writes.
  test::TempDir dir;
  auto e = engine_of(dir, "sandi.txt", R"(Sandi Pramuka

Regu penggalang berlatih sandi setiap Sabtu di halaman sekolah.

Sandi Morse

Sandi Morse menyusun setiap huruf dari titik dan garis. Pesan SOS ditulis tiga titik, tiga garis, tiga titik.

Semaphore

Semaphore memakai dua bendera yang digerakkan membentuk sudut untuk setiap huruf.
)");
  Answer a = answered(*e, "sandi mors tuh kayak gimana?");
  REQUIRE(a.corrections.size() == 1);
  CHECK(a.corrections[0].from == "mors");
  CHECK(a.corrections[0].to == "morse");
  CHECK_THAT(a.sources[0].text, Catch::StartsWith("Sandi Morse menyusun"));
}

TEST_CASE("Engine_English_FindsTheSamePassageAsIndonesian", "[engine]") {
  Answer en = ask("What are the benefits of bilateral cooperation?");
  Answer id = ask("Apa manfaat kerja sama bilateral?");
  CHECK(en.lang == "en");
  REQUIRE_FALSE(en.sources.empty());
  REQUIRE_FALSE(id.sources.empty());
  CHECK(en.sources[0].text == id.sources[0].text);
}

TEST_CASE("Engine_Welcome_HasThreeToFiveStarters", "[engine]") {
  Answer w = engine().welcome();
  CHECK_FALSE(w.text.empty());
  CHECK(w.suggestions.size() >= 3);
  CHECK(w.suggestions.size() <= 5);
}

TEST_CASE("Engine_ImportedKnowledge_MarkdownAndQnaAreAnswerable", "[engine][import]") {
  test::TempDir dir;
  std::string knowledge = dir.path() + "/knowledge";
  std::filesystem::create_directory(knowledge);
  for (const char* f : {"sekolah-faq.md", "perpustakaan-qna.tsv"})
    std::filesystem::copy_file(test::source_dir() + "/tests/data/import/" + f, knowledge + "/" + f);
  EngineOptions o;
  o.knowledge_dir = knowledge;
  o.db_path = dir.path() + "/index.db";
  auto e = Engine::open(o, test::analyzer());
  REQUIRE(e.ok());
  struct Case {
    const char* q;
    const char* expect;
  };
  auto c = GENERATE(values<Case>({
      {"berapa biaya daftar di sma harapan?", "Rp150.000"},
      {"ada beasiswa buat siswa berprestasi ga?", "beasiswa prestasi"},
      {"dokumen apa yg harus disiapkan", "rapor SMP"},
      {"kapan perpustakaan dibuka", "Senin sampai Jumat"},
      {"kapan perpus buka?", "Senin sampai Jumat"},
      {"berapa lama buku boleh dipinjam", "dua minggu"},
  }));
  auto a = (*e)->answer(c.q);
  REQUIRE(a.ok());
  CAPTURE(c.q);
  CHECK_FALSE(a->fallback);
  REQUIRE_FALSE(a->sources.empty());
  CHECK_THAT(a->sources[0].text, Catch::Contains(c.expect));
}

TEST_CASE("Engine_ManyArticles_AQuestionPointingBackStaysInTheConversationsArticle", "[engine]") {
  // A site with two articles: the canteen one says more about ice, but a
  // student asking about burns means the first-aid article when asking on.
  test::TempDir dir;
  std::string knowledge = dir.path() + "/knowledge";
  std::filesystem::create_directory(knowledge);
  std::ofstream(knowledge + "/p3k.md") << R"(# Pertolongan Pertama

## Luka bakar

Luka bakar ringan didinginkan dengan air mengalir selama dua puluh menit, lalu ditutup kain bersih.

Jangan pakai es batu pada luka bakar karena es merusak kulit yang sudah terluka.

## Pingsan

Siswa yang pingsan dibaringkan di tempat teduh dan kakinya diangkat lebih tinggi.
)";
  std::ofstream(knowledge + "/kantin.md") << R"(# Kantin Sekolah

## Minuman

Kantin memakai es batu dari air matang. Pedagang boleh pakai es batu kristal dari pabrik resmi.

Es batu balok tidak boleh dipakai karena sering dibuat dari air mentah.

## Makanan

Kantin menjual nasi, sayur, dan buah setiap hari sekolah.
)";
  auto e = engine_over(dir, knowledge);
  // Asked on its own, the canteen article answers.
  Answer alone = answered(*e, "kalau pakai es batu boleh?");
  CHECK(alone.sources[0].article == "kantin");
  Conversation conv;
  Answer first = answered(*e, "Bagaimana cara menangani luka bakar ringan?", &conv);
  REQUIRE(first.sources[0].article == "p3k");
  Answer next = answered(*e, "kalau pakai es batu boleh?", &conv);
  CHECK(next.sources[0].article == "p3k");
  CHECK_THAT(next.sources[0].text, Catch::Contains("Jangan pakai es batu"));
  // A word the article lacks changes the subject: the other article answers.
  Answer other = answered(*e, "kalau nasi sayur?", &conv);
  CHECK(other.sources[0].article == "kantin");
}

TEST_CASE("Engine_FollowUp_AfterATableRow_AsksForAnotherRow", "[engine]") {
  // "kalo kawung?" after the row on parang asks for the row on kawung, not
  // the paragraph that names both motifs.
  test::TempDir dir;
  auto e = engine_of(dir, "batik.md", R"(# Batik

## Motif Keraton

Motif keraton seperti parang dan kawung dulu hanya dipakai raja di Yogyakarta.

Perajin keraton membatik dengan canting dan malam di dalam lingkungan istana.

## Tabel Motif

| Motif | Daerah Asal | Makna |
|---|---|---|
| Parang | Yogyakarta | Ombak yang tak pernah putus, lambang semangat |
| Kawung | Yogyakarta | Irisan buah aren, lambang kesucian hati |
| Mega Mendung | Cirebon | Awan bergradasi, lambang kesabaran |
)");
  Conversation conv;
  Answer first = answered(*e, "apa makna motif parang?", &conv);
  REQUIRE(first.sources[0].kind == "table_row");
  Answer next = answered(*e, "kalo kawung?", &conv);
  CHECK(next.followup);
  CHECK_THAT(next.sources[0].text, Catch::StartsWith("Kawung:"));
}

TEST_CASE("Engine_FollowUp_AWordOfTheLastTopicWithNya_PointsBackToIt", "[engine]") {
  // "suratnya" after a question on the dispensation letter is that letter,
  // though the question has three words of its own and no "terus"/"kalau".
  test::TempDir dir;
  auto e = engine_of(dir, "kegiatan.md", R"(# Kegiatan Siswa

## Dispensasi

Surat dispensasi diajukan lewat formulir di Ruang Kesiswaan paling lambat tiga hari sebelum lomba.

Setelah disetujui pembina, surat dispensasi diberikan kepada wali kelas.

## Pemilihan OSIS

Calon ketua OSIS melampirkan surat persetujuan orang tua yang sudah disetujui dan diberikan kepada panitia pemilihan.

Kampanye calon ketua berlangsung satu minggu di lapangan upacara dan kelas.

Pemungutan suara memakai bilik di aula, dan hasilnya diumumkan pada hari yang sama.

## Ekstrakurikuler

Setiap siswa kelas X wajib mengikuti Pramuka dan boleh memilih dua kegiatan lain.

Latihan basket diadakan setiap Selasa dan Kamis sore di lapangan belakang.
)");
  Answer next = followed_up(*e, "Kapan surat dispensasi diajukan?", "Surat dispensasi diajukan",
                            "Setelah disetujui, suratnya diberikan ke siapa?");
  CHECK_THAT(next.sources[0].text, Catch::Contains("wali kelas"));
  // After the OSIS candidate's letter, the same words point back to that one.
  Conversation osis;
  REQUIRE_THAT(answered(*e, "Surat apa yang dilampirkan calon ketua OSIS?", &osis).sources[0].text,
               Catch::Contains("persetujuan orang tua"));
  Answer other = answered(*e, "Setelah disetujui, suratnya diberikan ke siapa?", &osis);
  CHECK(other.followup);
  CHECK_THAT(other.sources[0].text, Catch::Contains("panitia"));
}

TEST_CASE("Engine_ListItemNamedBeforeAColon_IsFoundByItsName", "[engine]") {
  // A Markdown list is one passage; an item that names its subject before a
  // colon is labelled by that name, as a table row is by its key. Without the
  // label the passage that defines "parafrasa" and the one counting cases
  // outrank the list for a question about "parafrasa tanpa sumber".
  test::TempDir dir;
  auto e = engine_of(dir, "plagiarisme.md", R"(# Plagiarisme

## Jenis Plagiarisme

Sekolah membedakan tiga jenis plagiarisme yang paling sering ditemukan guru.

- Salin-tempel: menyalin kalimat dari internet atau buku tanpa tanda petik dan tanpa menyebut asalnya.
- Parafrasa tanpa sumber: menulis ulang pemikiran orang lain dengan kata-kata sendiri, tetapi tidak mencantumkan dari mana gagasan itu berasal.
- Plagiarisme diri sendiri: menyerahkan kembali tugas lama milik sendiri untuk mata pelajaran lain.

Dari 112 kasus tahun lalu, 61 kasus berupa salin-tempel dan 27 kasus parafrasa tanpa sumber.

## Mengutip

Parafrasa berarti menyampaikan gagasan sumber dengan kalimat baru tanpa mengubah maknanya. Parafrasa tetap mencantumkan sumber.

Kutipan langsung menyalin kata-kata sumber persis dan diberi tanda petik.
)");
  Answer a = answered(*e, "parafrasa tanpa sumber itu maksudnya gimana?");
  CHECK_THAT(a.sources[0].text, Catch::StartsWith("Salin-tempel:"));
  CHECK_THAT(a.text, Catch::Contains("tidak mencantumkan"));
}

TEST_CASE("Engine_Superlative_FindsThePassageWritingIt", "[engine]") {
  // "paling besar" asks for the largest: the passage saying "terbesar"
  // answers it, not the one that only says "besar" more often.
  test::TempDir dir;
  auto e = engine_of(dir, "gamelan.md", R"(# Gamelan

## Gong

Gong besar dipukul di akhir lagu. Bunyi gong besar rendah.

Gong ageng adalah gong terbesar dalam seperangkat gamelan Jawa. Ia digantung di bagian belakang, di samping gong suwukan dan kempul, dan dipukul oleh penabuh yang duduk di belakang.

Bonang terdiri atas deretan pencon kecil yang diletakkan di atas tali pada rangka kayu.

## Kendang

Kendang mengatur tempo dan dimainkan dengan telapak tangan.
)");
  // Without the superlative's weight, the short passage saying "besar" twice wins.
  check_weight_decides(*e, "Gong yang paling besar namanya apa?", &Policy::w_superlative, 0, "Gong ageng", "Gong besar");
}

TEST_CASE("Engine_FaqAskingTheSameKind_AnswersAYesNoQuestion", "[engine]") {
  // "Apakah ada uang …?" is a yes/no question: the FAQ entry asking one
  // ("Apakah pendaftaran … harus dibayar?") answers it, before a passage
  // that shares more of its words. "uang", not "biaya": synonyms.txt joins
  // biaya and bayar, which would tie the FAQ question to the question too.
  test::TempDir dir;
  auto e = engine_of(dir, "kip.md", R"(# KIP Kuliah

## Bantuan

KIP Kuliah memberi dua bantuan. Pertama, pembebasan uang kuliah di kampus. Kedua, bantuan uang saku yang dibayar ke rekening mahasiswa setiap semester.

Pendaftaran KIP Kuliah dibuka setiap awal tahun melalui laman resmi.

## FAQ

**Apakah pendaftaran KIP Kuliah harus dibayar?**
Sama sekali gratis. Jika ada pihak yang meminta pungutan, laporkan ke sekolah.

**Bagaimana cara mengecek hasil seleksi?**
Hasil seleksi diumumkan di laman resmi dan dikirim lewat surel.
)");
  // Weighed like an entry asking anything else, the passage on the costs wins.
  check_weight_decides(*e, "Apakah ada uang yang harus dibayar untuk mendaftar KIP Kuliah?", &Policy::same_type_label, 1,
                       "Sama sekali gratis", "KIP Kuliah memberi");
}

TEST_CASE("Engine_StopWordWrittenAsAcronym_IsSearched", "[engine]") {
  // "APA" (the citation style) is no "apa" (what): the question naming it
  // finds the passage on it, not the one on another style.
  test::TempDir dir;
  auto e = engine_of(dir, "sitasi.md", R"(# Sitasi

## Gaya Sitasi di Sekolah

Gaya Chicago dipakai untuk pelajaran Sejarah dan pelajaran Bahasa Indonesia. Gaya ini menaruh sumber di catatan kaki.

Untuk pelajaran IPA, sekolah memakai APA, dengan nama penulis dan tahun di dalam kurung.
)");
  Answer a = answered(*e, "Gaya APA dipakai di pelajaran apa?");
  CHECK_THAT(a.sources[0].text, Catch::StartsWith("Untuk pelajaran IPA"));
  // Asked all in capitals, the words are read as usual and still find it.
  Answer loud = answered(*e, "GAYA APA DIPAKAI DI PELAJARAN APA?");
  CHECK_FALSE(loud.fallback);
}

TEST_CASE("Engine_HowSomethingWorks_KerjaIsPartOfTheFrame", "[engine]") {
  // "cara kerja teknik amplop" asks how the envelope method works: "kerja"
  // is part of the question's frame, not a topic the article lacks, so the
  // passage on the method answers it instead of a fallback (confidence 0.49
  // with "kerja" as a topic word).
  test::TempDir dir;
  auto e = engine_of(dir, "uang.md", R"(# Uang Saku

## Teknik Amplop

Dalam teknik amplop, uang tunai dibagi ke beberapa amplop menurut pos pengeluaran, dan belanja berhenti saat amplopnya kosong.

Amplop yang paling cepat kosong menunjukkan pos yang perlu dihemat bulan berikutnya.

## Menabung

Menabung sebaiknya dilakukan di awal bulan, sebelum uang saku terpakai.
)");
  Answer a = answered(*e, "Bagaimana cara kerja teknik amplop?");
  CHECK_FALSE(a.fallback);
  CHECK_THAT(a.sources[0].text, Catch::StartsWith("Dalam teknik amplop"));
  // Elsewhere "kerja" stays a topic word.
  Explanation why;
  REQUIRE(e->answer("Pelajar kerja paruh waktu dapat upah berapa?", nullptr, default_policy(), &why).ok());
  CHECK(std::any_of(why.terms.begin(), why.terms.end(),
                    [](const ExplainedTerm& t) { return t.stem == "kerja" && !t.generic; }));
}

TEST_CASE("Engine_FirstStep_AsksWhatToDoFirst_NotForTheWords", "[engine]") {
  // "Apa langkah pertama kalau paspor hilang?" asks what to do first when a
  // passport is lost: the passage on a lost passport answers ("segera
  // laporkan"), not the one that writes "langkah pertama" about applying.
  test::TempDir dir;
  auto e = engine_of(dir, "paspor.md", R"(# Paspor Pelajar

## Mengajukan Paspor

Langkah pertama pembuatan paspor adalah mengisi permohonan di aplikasi M-Paspor dan memilih kantor imigrasi serta jadwal kedatangan.

Pemohon datang ke kantor imigrasi sesuai jadwal dengan membawa KTP atau kartu pelajar, akta kelahiran, dan kartu keluarga.

## Paspor Hilang

Paspor yang hilang harus segera dilaporkan ke kantor polisi terdekat untuk mendapatkan surat keterangan kehilangan, lalu pemohon mendaftar penggantian di M-Paspor.
)");
  Answer a = answered(*e, "Apa langkah pertama kalau paspor saya hilang?");
  CHECK_FALSE(a.fallback);
  CHECK_THAT(a.sources[0].text, Catch::StartsWith("Paspor yang hilang"));
  // "langkah" alone stays a topic word.
  Explanation why;
  REQUIRE(e->answer("Ada berapa langkah pembuatan paspor?", nullptr, default_policy(), &why).ok());
  CHECK(std::any_of(why.terms.begin(), why.terms.end(),
                    [](const ExplainedTerm& t) { return t.stem == "langkah" && !t.generic; }));
}

TEST_CASE("Engine_OrdinalFollowUp_AnEnumerationInParagraphs_GivesTheParagraphNamingThatPlace", "[engine]") {
  // "yg kedua itu apa?" after "Cara pertama adalah observasi" asks for the
  // paragraph that opens "Cara kedua adalah wawancara", not the same
  // answer again. "Kedua" with no first named before it is "both"
  // ("kedua orang tua"): no enumeration.
  test::TempDir dir;
  auto e = engine_of(dir, "data.md", R"(# Statistika

## Mengumpulkan Data

Ada beberapa cara mengumpulkan data untuk tugas statistika. Cara pertama adalah observasi, yaitu mengamati langsung kejadian.

Cara kedua adalah wawancara, yaitu bertanya secara lisan kepada narasumber.

Cara ketiga adalah angket, yaitu daftar pertanyaan tertulis.

## Izin Survei

Survei di luar sekolah memerlukan surat izin dari wali kelas.

Kedua orang tua menandatangani surat izin sebelum siswa berangkat.
)");
  Conversation conv;
  Answer first = answered(*e, "cara mengumpulkan data apa aja?", &conv);
  REQUIRE_THAT(first.sources[0].text, Catch::StartsWith("Ada beberapa cara"));
  CHECK_THAT(answered(*e, "yg kedua itu apa?", &conv).sources[0].text, Catch::StartsWith("Cara kedua"));
  Conversation permit;
  Answer letter = answered(*e, "survei di luar sekolah perlu surat izin dari siapa?", &permit);
  REQUIRE_THAT(letter.sources[0].text, Catch::StartsWith("Survei di luar"));
  Answer both = e->answer("yg kedua apa?", &permit).value();
  CHECK((both.sources.empty() || both.sources[0].text.rfind("Kedua orang tua", 0) != 0));
}

TEST_CASE("Engine_OrdinalFollowUp_AfterAnAnswerWithoutAList_FindsTheTopicsList", "[engine]") {
  // "yg kedua apa?" after an answer that holds no list (an FAQ entry) asks
  // for the second item of the list the conversation is about: the packing
  // list under the paragraph on luggage, not the FAQ entry again.
  test::TempDir dir;
  auto e = engine_of(dir, "tour.md", R"(# Study Tour

## Barang Bawaan

Setiap siswa membawa satu koper dengan berat paling banyak 15 kilogram dan satu tas kecil.

- Pakaian ganti untuk empat hari.
- Jas hujan atau payung lipat.
- Obat pribadi dan salinan resep dokter.

## Jadwal

Rombongan berangkat pukul 05.00 dari halaman sekolah dan tiba di Yogyakarta sore hari.

## FAQ

**Bolehkah siswa membawa laptop?**

Boleh, tetapi laptop menjadi tanggung jawab siswa sendiri.
)");
  Conversation conv;
  Answer first = answered(*e, "Bolehkah siswa membawa laptop?", &conv);
  REQUIRE_THAT(first.sources[0].text, Catch::StartsWith("Boleh, tetapi"));
  Answer second = answered(*e, "yg kedua apa?", &conv);
  CHECK_FALSE(second.fallback);
  CHECK_THAT(second.text, Catch::Contains("Jas hujan"));
  // Asking a kind of content ("kapan") the item lacks, it is not the answer.
  Conversation other;
  answered(*e, "Bolehkah siswa membawa laptop?", &other);
  Answer when = answered(*e, "yang kedua kapan?", &other);
  CHECK_THAT(when.text, !Catch::Contains("Jas hujan"));
}

TEST_CASE("Engine_OrdinalFollowUp_AfterAQuestionOfTheFirst_AsksTheSecondOfTheSame", "[engine]") {
  // "angsuran pertama bayar kapan?", then "yg kedua?": the second
  // instalment, which the passage just given names ("sisanya"), not the
  // second step of the registration list further up.
  test::TempDir dir;
  auto e = engine_of(dir, "program.md", R"(# Program Pertukaran

## Cara Mendaftar

1. Buka laman pendaftaran program dan masuk memakai NISN.
2. Isi formulir biodata dan unggah rapor dua semester terakhir.
3. Kirim berkas sebelum batas waktu pendaftaran ditutup.

## Biaya

Angsuran pertama sebesar 50 persen dibayar paling lambat 30 April, sedangkan sisanya paling lambat 31 Juli.

Peserta yang mundur setelah tiket dibeli menerima kembali dana yang belum terpakai.
)");
  Conversation conv;
  Answer first = answered(*e, "angsuran pertama bayar kapan?", &conv);
  REQUIRE_THAT(first.sources[0].text, Catch::StartsWith("Angsuran pertama"));
  Answer second = answered(*e, "yg kedua?", &conv);
  REQUIRE_FALSE(second.sources.empty());
  CHECK_THAT(second.sources[0].text, Catch::StartsWith("Angsuran pertama"));
}

TEST_CASE("Engine_TiedPassages_InAConversation_TheOneBesideTheLastAnswerFirst", "[engine]") {
  // Two passages that match "ikut klub" alike: after a question answered
  // from school life in Japan, the one in that section is meant; asked
  // alone, the page's order decides as before.
  test::TempDir dir;
  auto e = engine_of(dir, "tukar.md", R"(# Program Pertukaran

## Kegiatan di Sekolah Kita

Setiap peserta wajib ikut satu klub musik pada hari Senin pagi.

## Sekolah di Jepang

Sekolah mitra di Jepang mulai pukul 08.30 dan pulang pukul 15.30.

Setiap peserta wajib ikut satu klub olahraga pada hari Rabu pagi.
)");
  Conversation conv;
  Answer first = answered(*e, "sekolah di jepang masuk jam brp?", &conv);
  REQUIRE_THAT(first.sources[0].text, Catch::StartsWith("Sekolah mitra"));
  Answer club = answered(*e, "hrs ikut klub jg ga?", &conv);
  REQUIRE_FALSE(club.sources.empty());
  CHECK_THAT(club.sources[0].text, Catch::Contains("Rabu pagi"));
  // Asked alone, no last answer: the tie stays in the page's order.
  CHECK_THAT(answered(*e, "hrs ikut klub jg ga?").sources[0].text, Catch::Contains("Senin pagi"));
}

TEST_CASE("Engine_AmountAskedInAUnit_FindsThePassageCountingIt", "[engine]") {
  // "berapa hari" asks a number of days: the passage counting days answers
  // it, not the one about the same process that counts hours.
  test::TempDir dir;
  auto e = engine_of(dir, "paspor.md", R"(# Paspor

## Di Kantor Imigrasi

Seluruh proses di kantor imigrasi untuk paspor selesai dalam dua jam pada hari kedatangan, dari pemeriksaan berkas sampai foto di kantor.

Paspor diambil empat hari kerja kemudian di loket pengambilan, yang buka setiap pagi mulai pukul delapan dan sering ramai oleh pemohon.

## Biaya

Biaya paspor biasa dibayar lewat bank sebelum datang ke kantor.
)");
  check_weight_decides(*e, "Berapa hari setelah proses di kantor paspornya bisa diambil?", &Policy::w_counted, 0,
                       "Paspor diambil", "Seluruh proses");
}

TEST_CASE("Engine_PeopleAskedByOrang_FindsThePassageCountingThemByAnotherNoun", "[engine]") {
  // "berapa orang" asks a number of people: a passage counting "864 siswa"
  // answers it (people_nouns.txt), not the one about the members' money
  // that shares more of the question's words. "umur berapa seseorang …"
  // asks an age: "seseorang" after "berapa" is the subject, no unit.
  test::TempDir dir;
  auto e = engine_of(dir, "koperasi.md", R"(# Koperasi Siswa

## Tentang Kopsis

Koperasi siswa berdiri pada tahun 2011 dan dikelola pengurus kelas XI. Saat ini jumlah anggotanya 864 siswa.

## Bagi Hasil

Tahun ini setiap anggota koperasi menerima bagi hasil rata-rata Rp14.000, dibagikan kepada anggota koperasi di ruang koperasi.

## Piket

Toko dijaga 3 orang pengurus; umur mereka dicatat di buku piket.

## Syarat Pengurus

Pengurus harus berumur paling sedikit 16 tahun dan tidak sedang mendapat sanksi.
)");
  check_weight_decides(*e, "anggota koperasi sekarang ada berapa orang?", &Policy::w_counted, 0, "Koperasi siswa",
                       "Tahun ini");
  Explanation why;
  REQUIRE(e->answer("umur berapa seseorang boleh jadi pengurus?", nullptr, default_policy(), &why).ok());
  bool seen = false;
  for (const auto& c : why.candidates)
    for (const auto& [name, value] : c.features)
      if (name == "counted") {
        seen = true;
        CHECK(value == 0);  // no passage answers a count asked: none was
      }
  CHECK(seen);
}

TEST_CASE("Engine_DurationAsked_FindsThePassageCountingTime", "[engine]") {
  // "berapa lama" asks a duration: the passage counting months ("empat
  // bulan") answers it, not the shorter one with the same words and other
  // figures ("120 siswa", "tahun 2025"), which any amount asked would take
  // (question_types.tsv, <counted>).
  test::TempDir dir;
  auto e = engine_of(dir, "pkl.md", R"(# Praktik Kerja Lapangan

## Peserta

PKL di perusahaan diikuti 120 siswa pada tahun 2025.

## Waktu

PKL di perusahaan berlangsung empat bulan, mengikuti hari dan jam kerja yang berlaku bagi karyawan tetap di sana.

## Laporan

Laporan PKL dikumpulkan kepada guru pembimbing.
)");
  check_weight_decides(*e, "Berapa lama PKL di perusahaan?", &Policy::w_number_cue, 0, "PKL di perusahaan berlangsung",
                       "PKL di perusahaan diikuti");
  // Asked for a number of students, the figures answer.
  CHECK_THAT(answered(*e, "Berapa siswa ikut PKL di perusahaan?").sources[0].text,
             Catch::StartsWith("PKL di perusahaan diikuti"));
}

TEST_CASE("Engine_AnswerAskedInShort_TableRowFirst", "[engine]") {
  // "Singkatnya, …?" asks for the answer in short (summary_words.txt): the
  // table row summing it up answers it, where the paragraph saying the same
  // at length would come first otherwise.
  test::TempDir dir;
  auto e = engine_of(dir, "bank.md", R"(# Bank Sampah Sekolah

## Manfaat

Bank sampah memberi banyak manfaat: lingkungan lebih bersih, siswa terbiasa menabung, dan hasil penjualan membiayai kegiatan kelas.

## Cara Menabung

Siswa membawa sampah kering yang sudah dipilah ke pos bank sampah setiap hari Jumat.

## Tabel Pokok

| Aspek | Keterangan |
|---|---|
| Keuntungan bank sampah | Lingkungan bersih, kebiasaan menabung, dana kegiatan |
| Jadwal setor | Setiap Jumat pagi |
)");
  check_weight_decides(*e, "Singkatnya, manfaat bank sampah apa saja?", &Policy::w_summary, 0, "Keuntungan bank sampah",
                       "Bank sampah memberi");
  CHECK_THAT(answered(*e, "Manfaat bank sampah apa saja?").sources[0].text, Catch::StartsWith("Bank sampah memberi"));
}

TEST_CASE("Engine_FollowUp_NamingAnotherItemOfAList_AsksAboutIt", "[engine]") {
  // "kalau DKPP?" after Bawaslu's duties asks for DKPP's: the new name takes
  // the place of the one it stands beside in a list ("KPU, Bawaslu, dan
  // DKPP"), and a section title naming it does not make every passage of the
  // section about it.
  test::TempDir dir;
  auto e = engine_of(dir, "pemilu.md", R"(# Pemilu di Indonesia

## Penyelenggara Pemilu: KPU, Bawaslu, dan DKPP

KPU bertugas menyusun jadwal, mendaftar pemilih, dan menetapkan hasil pemungutan suara.

Bawaslu bertugas mengawasi seluruh tahapan pemilu agar berjalan sesuai aturan.

Di kecamatan, tugas Bawaslu dijalankan oleh Panwaslu kecamatan yang dibentuk menjelang pemilu.

DKPP menangani pelanggaran kode etik para penyelenggara dan dapat menjatuhkan sanksi pemberhentian.

## Kampanye

Kampanye adalah kegiatan peserta pemilu untuk meyakinkan pemilih dengan visi, misi, dan program.
)");
  Conversation conv;
  Answer first = answered(*e, "Bawaslu itu tugasnya apa?", &conv);
  REQUIRE_THAT(first.sources[0].text, Catch::StartsWith("Bawaslu bertugas"));
  Conversation before = conv;
  Answer next = answered(*e, "kalau DKPP?", &conv);
  CHECK(next.followup);
  CHECK_THAT(next.sources[0].text, Catch::StartsWith("DKPP menangani"));
  // What was searched: DKPP and the duties asked about, not Bawaslu.
  CHECK(searched(*e, "kalau DKPP?", before, "dkpp"));
  CHECK(searched(*e, "kalau DKPP?", before, "tugas"));
  CHECK_FALSE(searched(*e, "kalau DKPP?", before, "bawaslu"));
}

TEST_CASE("Engine_FollowUp_KalauANewThing_AsksTheLastQuestionOfIt", "[engine]") {
  // On the courier help desk of tests/eval/articles (ck).
  test::TempDir dir;
  auto e = engine_of_eval_article(dir, "ck/layanan-kirim-paket.tsv");
  // "kalo reguler?" after Kilat's delivery time: the answer named Reguler
  // only to compare prices, in a sentence with no time in it, so it answered
  // the question of Kilat; Reguler's own time is another entry's.
  Conversation conv;
  REQUIRE_THAT(answered(*e, "kilat nyampenya brp lama?", &conv).sources[0].text, Catch::StartsWith("Layanan Kilat"));
  Answer regular = answered(*e, "kalo reguler?", &conv);
  CHECK(regular.followup);
  CHECK_THAT(regular.sources[0].text, Catch::StartsWith("Layanan Reguler"));
  // "kalo parfum?" after "power bank boleh dikirim ga?": the two words kept
  // ("power", "bank") must not outweigh the one asked about, so the entry on
  // liquids and perfume answers, not the power bank one again. The topic is
  // kept, weighing less: "power" is still searched.
  Conversation talk;
  REQUIRE_THAT(answered(*e, "power bank boleh dikirim ga?", &talk).sources[0].text, Catch::StartsWith("Power bank"));
  CHECK(searched(*e, "kalo parfum?", talk, "power"));
  Answer perfume = answered(*e, "kalo parfum?", &talk);
  CHECK(perfume.followup);
  CHECK_THAT(perfume.sources[0].text, Catch::Contains("Parfum"));
}

TEST_CASE("Engine_WhatIsX_TheDefiningSentenceAnswersBeforeATableRowKeyedX", "[engine]") {
  // "median itu apa?" on the statistics page of tests/eval/articles (cf): the
  // summary table's row keyed "Median" gives how to find it and when to use
  // it, no definition; the paragraph "Median adalah …" defines it. So too
  // for "kalo modus?" after it.
  test::TempDir dir;
  auto e = engine_of_eval_article(dir, "cf/statistika-data.txt");
  Conversation conv;
  CHECK_THAT(answered(*e, "median itu apa?", &conv).sources[0].text, Catch::StartsWith("Median adalah"));
  CHECK_THAT(answered(*e, "kalo modus?", &conv).sources[0].text, Catch::StartsWith("Modus adalah"));
}

TEST_CASE("Engine_StepNounAndOrdinal_GivesThatStepOfTheTopicsList_AndNextGoesOnDownIt", "[engine]") {
  // "daftarin bayi ke bpjs langkah pertamanya apa?" on the health insurance
  // page of tests/eval/articles (ay): the first of the numbered steps for
  // registering a baby (each a passage, announced by the paragraph before
  // them), though a paragraph after them shares more words; then "trus abis
  // itu?" the second.
  test::TempDir dir;
  auto e = engine_of_eval_article(dir, "ay/jkn-bpjs-kesehatan-keluarga.txt");
  Conversation conv;
  Answer first = answered(*e, "daftarin bayi ke bpjs langkah pertamanya apa?", &conv);
  CHECK_FALSE(first.followup);
  CHECK_THAT(first.text, Catch::StartsWith("1. Urus akta kelahiran"));
  CHECK_THAT(answered(*e, "trus abis itu?", &conv).text, Catch::StartsWith("2. Siapkan foto KK"));

  // A list in one passage, one item a line: the line, and the next after it.
  test::TempDir list_dir;
  auto garden = engine_of(list_dir, "kebun.md", R"(# Kebun Hidroponik Sekolah

## Menanam Kangkung

Kangkung paling mudah ditanam karena cepat tumbuh. Langkah menanam kangkung hidroponik:

- Semai benih di rockwool yang dibasahi selama tujuh hari.
- Pindahkan bibit yang berdaun empat ke netpot.
- Isi bak dengan larutan nutrisi AB mix sampai menyentuh dasar netpot.
- Panen kangkung setelah 25 hari.

## Merawat Tanaman

Periksa larutan nutrisi setiap dua hari dan tambahkan air bila berkurang.
)");
  Conversation talk;
  Answer sow = answered(*garden, "langkah pertama menanam kangkung apa?", &talk);
  CHECK_THAT(sow.text, Catch::Contains("Semai benih"));
  CHECK_THAT(sow.text, !Catch::Contains("Pindahkan bibit"));
  Answer move = answered(*garden, "terus abis itu?", &talk);
  CHECK_THAT(move.text, Catch::Contains("Pindahkan bibit"));
  CHECK_THAT(move.text, !Catch::Contains("Semai benih"));
  Answer fill = answered(*garden, "abis itu?", &talk);
  CHECK_THAT(fill.text, Catch::Contains("larutan nutrisi AB mix"));
  // "hal pertama": the first thing to do, as "langkah pertama" is.
  CHECK_THAT(answered(*garden, "nanam kangkung hal pertama yg dilakuin apa?").text, Catch::Contains("Semai benih"));
}

TEST_CASE("Engine_FirstStep_AfterAnAnswerWithoutAList_IsTheTopicsStep", "[engine]") {
  // Each time the answer given holds no list, so "langkah pertamanya?" asks
  // for the first step on its topic. On video unboxing the answer is the
  // complaint paragraph, and the passage after it one paragraph (BPSK): no
  // "first item" of a list. On opening an account through school, the
  // steps are numbered passages, one step each, after the paragraph that
  // announces them; "trus abis itu?" then gives the second.
  test::TempDir shop_dir, bank_dir;
  auto shop = engine_of_eval_article(shop_dir, "ci/belanja-daring-aman.md");
  auto bank = engine_of_eval_article(bank_dir, "co/tabungan-pelajar.txt");
  for (auto [engine, topic, first_step, second_step] :
       {std::tuple{shop.get(), "video unboxing tuh gunanya buat apa?", "Siapkan ponsel", "Mulai merekam"},
        std::tuple{bank.get(), "gmn cara buka tabungan pelajar lwt sekolah?", "Ambil Formulir Pembukaan Rekening",
                   "Isi formulir di rumah"}}) {
    Conversation conv;
    answered(*engine, topic, &conv);
    Answer first = answered(*engine, "langkah pertamanya apa?", &conv);
    CHECK_THAT(first.text, !Catch::Contains("BPSK"));
    CHECK_THAT(first.text, Catch::Contains(first_step));
    CHECK_THAT(answered(*engine, "trus abis itu?", &conv).text, Catch::Contains(second_step));
  }
}

TEST_CASE("Engine_FollowUp_ItuAsSubjectAskingWhether_IsAboutTheAnswerGiven", "[engine]") {
  // "itu" as the subject points at the monthly fee just given, and "… blm?"
  // asks whether it covers meals, not a price again: the fee's passage,
  // which says what it covers, not the one on an allergy to food.
  test::TempDir dir;
  auto e = engine_of_eval_article(dir, "cq/asrama-siswa.html");
  Conversation conv;
  answered(*e, "iuran asrama sebulan brp?", &conv);
  Answer covered = answered(*e, "itu udh termasuk makan blm?", &conv);
  CHECK(covered.followup);
  CHECK_THAT(covered.text, Catch::Contains("mencakup makan tiga kali sehari"));
}

TEST_CASE("Engine_ThesaurusSynonymOfAKnownWord_CountsBesideAnotherWord", "[engine]") {
  // "badan" is a word of the article, so the thesaurus is not searched for
  // it; but the passage saying "tubuh" beside the question's "leukosit"
  // earns a little of it (Policy::loose_share) and answers, rather than the
  // shorter one on leukosit that BM25 puts first.
  test::TempDir dir;
  auto e = engine_of(dir, "darah.md", R"(# Darah

## Sel Darah

Eritrosit mengangkut oksigen dari paru-paru ke seluruh badan.

Leukosit dihitung setiap pagi.

Leukosit melawan kuman yang masuk ke dalam tubuh manusia.

Trombosit membantu menutup luka dengan membentuk gumpalan.

## Plasma

Plasma darah beredar di dalam badan dan sebagian besar terdiri atas air.

## Olahraga

Olahraga teratur membuat badan bugar dan jantung kuat.
)");
  check_weight_decides(*e, "Apa peran leukosit bagi badan?", &Policy::loose_share, 0, "Leukosit melawan",
                       "Leukosit dihitung");
}

TEST_CASE("Engine_FollowUp_AVerbOnTheTopic_ReadsTheSectionTitle", "[engine]") {
  // "terus cara mencegahnya?" after the injuries asks an action on the same
  // topic, not about a new thing: the section on "Pencegahan Cedera" speaks
  // of it, where the passage just given says how, rather than a closing
  // passage that only mentions avoiding injury.
  test::TempDir dir;
  auto e = engine_of(dir, "bulutangkis.md", R"(# Bulu Tangkis

## Teknik Dasar

Pemain memegang raket dengan pegangan forehand untuk pukulan dari sisi kanan tubuh.

## Latihan dan Pencegahan Cedera

Cedera yang sering dialami pemain adalah terkilir pada pergelangan kaki dan nyeri bahu. Risikonya dapat dikurangi dengan memakai sepatu bersol karet.

## Penutup

Generasi muda dapat berlatih dengan teratur dan menghindari cedera agar kelak berprestasi.
)");
  Conversation conv;
  Answer first = answered(*e, "Apa saja cedera yang sering dialami pemain?", &conv);
  REQUIRE_THAT(first.sources[0].text, Catch::StartsWith("Cedera yang sering"));
  Answer next = answered(*e, "terus cara mencegahnya gimana?", &conv);
  CHECK(next.followup);
  CHECK_THAT(next.sources[0].text, Catch::StartsWith("Cedera yang sering"));
}

TEST_CASE("Engine_FollowUp_AWordAskedBefore_TakesNoOthersPlace", "[engine]") {
  // "Pakaian dan Atribut" makes pakai(an) and atribut siblings; "pakai" in
  // the follow-up was asked before beside "atribut", so atribut stays the
  // topic and the list's item on headscarves answers, not the passage just given.
  test::TempDir dir;
  auto e = engine_of(dir, "upacara.txt", R"(Tata Tertib Upacara

Pakaian dan Atribut Upacara

Pada hari Senin siswa wajib mengenakan seragam putih biru lengkap dengan atribut yang diperiksa di gerbang.

- Topi sekolah berwarna biru dipakai dengan logo di depan.
- Kerudung putih polos bagi siswi yang berkerudung, tanpa hiasan.

Jadwal Upacara

Upacara dimulai pukul 07.00 di lapangan utama setiap hari Senin.

Petugas upacara berlatih setiap hari Jumat di lapangan utama.

Siswa yang terlambat menunggu di pos satpam sampai upacara selesai.
)");
  const std::string first = "Atribut apa saja yang wajib dipakai hari Senin?";
  const std::string next = "kalau siswi yang pakai kerudung?";
  Answer headscarf = followed_up(*e, first, "Pada hari Senin", next);
  CHECK_THAT(headscarf.sources[0].text, Catch::Contains("Kerudung putih"));  // the list
  CHECK_THAT(headscarf.text, Catch::StartsWith("Kerudung putih"));            // its item
  // What was searched keeps "atribut" (on the blind article av the list
  // item lost to the passage just given without it).
  Conversation conv;
  answered(*e, first, &conv);
  CHECK(searched(*e, next, conv, "atribut"));
}

TEST_CASE("Engine_FollowUp_AnotherOrdinal_TakesThePlaceOfTheFirst", "[engine]") {
  // "trus pemugaran yg kedua kapan?" after the first restoration asks about
  // the second: "kedua" takes the place of "pertama" and is a word to find.
  test::TempDir dir;
  auto e = engine_of(dir, "candi.md", R"(# Candi Borobudur

## Pemugaran

Pemugaran pertama dipimpin Theodoor van Erp pada 1907 sampai 1911 dengan membongkar dan menyusun ulang stupa di teras atas.

Pemugaran kedua dilaksanakan pemerintah Indonesia bersama UNESCO pada 1973 sampai 1983 dengan memasang sistem drainase baru.

## Relief

Relief Karmawibhangga dipahat pada kaki candi dan menggambarkan hukum sebab akibat.
)");
  Answer next = followed_up(*e, "Siapa yang memimpin pemugaran pertama?", "Pemugaran pertama",
                            "trus pemugaran yg kedua kapan?");
  CHECK_THAT(next.sources[0].text, Catch::StartsWith("Pemugaran kedua"));
}

TEST_CASE("Engine_WordTheArticleLacks_FindsAThesaurusSenseBeyondTheFourth", "[engine]") {
  // mythes-id lists "posisi" with tempat, gaya, kelas, keadaan and only then
  // letak, and this article writes all five: the question's word reaches the
  // passage writing "terletak" because six senses are searched
  // (bot/query.cpp, kThesaurusSynonyms); with four, another passage
  // holding one of the first four won.
  test::TempDir dir;
  auto e = engine_of(dir, "jantung.txt", R"(Jantung

Jantung memompa darah. Jantung berdetak sekitar tujuh puluh kali setiap menit pada orang dewasa yang sedang beristirahat.

Jantung terletak di rongga dada, sedikit ke kiri, di antara kedua paru-paru, dan dilindungi tulang rusuk.

Gaya hidup sehat, dengan tidur cukup dan makanan rendah garam, menjaga jantung tetap kuat.

Keadaan jantung diperiksa dokter dengan stetoskop dan rekam jantung.

Kelas senam diadakan di tempat kerja setiap Jumat pagi.
)");
  Explanation why;
  REQUIRE(e->answer("Di mana posisi jantung?", nullptr, default_policy(), &why).ok());
  CHECK(std::any_of(why.terms.begin(), why.terms.end(), [](const ExplainedTerm& t) {
    return t.stem == "posisi" && std::find(t.synonyms.begin(), t.synonyms.end(), "letak") != t.synonyms.end();
  }));
  CHECK_THAT(answered(*e, "Di mana posisi jantung?").sources[0].text, Catch::StartsWith("Jantung terletak"));
}

TEST_CASE("Engine_FollowUp_AWordWithNyaTheLastPassageHolds_PointsBackToIt", "[engine]") {
  // "tingginya maksimal brp?" after a question on serving asks the height
  // the serving passage gives: "tinggi" with -nya, held by that passage,
  // points back to it, though the last question never said "tinggi".
  test::TempDir dir;
  auto e = engine_of(dir, "bulu-tangkis.txt", R"(Bulu Tangkis

Servis dilakukan dengan pukulan dari bawah. Saat raket mengenai kok, seluruh kok harus berada di bawah ketinggian 1,15 meter dari lantai.

Tinggi net di bagian tengah lapangan adalah 1,524 meter, dan tiang net setinggi 1,55 meter berdiri di garis samping.

Raket modern dibuat dari serat karbon sehingga beratnya hanya 80 sampai 90 gram dengan panjang maksimal 68 sentimeter.
)");
  Answer next = followed_up(*e, "servis harus dipukul dari bawah ya?", "Servis dilakukan", "tingginya maksimal brp?");
  CHECK_THAT(next.sources[0].text, Catch::StartsWith("Servis dilakukan"));
}

TEST_CASE("Engine_FollowUp_WhatComesNext_IsThePassageAfterTheLastAnswer", "[engine]") {
  // "terus abis itu ngapain?" after a step of a numbered list asks for the
  // next step, which shares no word with the topic; again, the one after it.
  // The last item has no next one in its section: the question is searched
  // as any other, never answered from the next section.
  test::TempDir dir;
  auto e = engine_of(dir, "paspor.txt", R"(Membuat Paspor

Panduan ini menjelaskan cara membuat paspor bagi pelajar.

Langkah di Kantor Imigrasi

1. Tunjukkan kode batang antrean kepada petugas di meja informasi.
2. Ikuti sesi wawancara singkat tentang tujuan perjalanan.
3. Lakukan pengambilan foto wajah dan perekaman sidik jari.
4. Terima tanda terima, lalu simpan baik-baik sampai paspor diambil.

Biaya Paspor

Biaya paspor biasa 48 halaman adalah Rp350.000 dan dibayar di bank atau kantor pos.
)");
  Conversation conv;
  CHECK_THAT(answered(*e, "pas di kantor imigrasi ada wawancara gak?", &conv).sources[0].text,
             Catch::StartsWith("2. Ikuti sesi wawancara"));
  Answer next = answered(*e, "terus abis itu ngapain?", &conv);
  CHECK_THAT(next.sources[0].text, Catch::StartsWith("3. Lakukan pengambilan foto"));
  CHECK(next.followup);
  CHECK_THAT(answered(*e, "trs stlh itu?", &conv).sources[0].text, Catch::StartsWith("4. Terima tanda terima"));
  // After the last step: not the next section's passage on fees.
  auto last = e->answer("langkah selanjutnya apa?", &conv);
  REQUIRE(last.ok());
  CHECK((last->sources.empty() || last->sources[0].text.rfind("Biaya", 0) != 0));
  // Without a conversation the words are no topic: nothing to follow.
  CHECK(e->answer("terus abis itu ngapain?")->fallback);
  // "berikutnya kapan?" asks when the same thing comes again, not for the next passage.
  Conversation interview;
  REQUIRE_THAT(answered(*e, "wawancaranya tentang apa?", &interview).sources[0].text,
               Catch::StartsWith("2. Ikuti sesi wawancara"));
  auto again = e->answer("yang berikutnya berapa lama?", &interview);
  REQUIRE(again.ok());
  CHECK((again->sources.empty() || again->sources[0].text.rfind("3. ", 0) != 0));

  // A step named after "setelah" ("abis" in chat), and only "what to do"
  // besides: the step after it, in a conversation or not.
  CHECK_THAT(answered(*e, "abis wawancara ngapain?").sources[0].text, Catch::StartsWith("3. Lakukan pengambilan foto"));
  CHECK_THAT(answered(*e, "Apa yang dilakukan setelah pengambilan foto wajah?").sources[0].text,
             Catch::StartsWith("4. Terima tanda terima"));
  // "trus abis wawancara?": "then, after …" with no question word asks on too.
  CHECK_THAT(answered(*e, "trus abis wawancara?").sources[0].text, Catch::StartsWith("3. Lakukan pengambilan foto"));
  // Asking something of that step itself is no question about the next one.
  CHECK_THAT(answered(*e, "setelah wawancara, fotonya diambil di mana?").sources[0].text,
             Catch::StartsWith("3. Lakukan pengambilan foto"));
  CHECK_THAT(answered(*e, "terus setelah wawancara, fotonya diambil di mana?").sources[0].text,
             Catch::StartsWith("3. Lakukan pengambilan foto"));
  CHECK_THAT(answered(*e, "wawancaranya tentang apa?").sources[0].text, Catch::StartsWith("2. Ikuti sesi wawancara"));
}

TEST_CASE("Engine_List_AfterNamingAStep_FollowUpGetsTheStepAfterIt", "[engine]") {
  // "trs abis bayar ngapain?" after the passage announcing numbered steps:
  // the step after the one on paying, though the paragraph after the list
  // shares the word with the question too.
  test::TempDir dir;
  auto e = engine_of(dir, "izin.txt", R"(Izin Kegiatan Luar Sekolah

Pendaftaran Online

Cara yang paling cepat adalah mendaftar lewat aplikasi sekolah. Langkah-langkahnya sebagai berikut:

1. Buat akun dengan nomor induk siswa dan nomor ponsel orang tua.
2. Isi formulir kegiatan dan unggah surat undangan dari panitia.
3. Lunasi pembayaran asuransi kegiatan lewat QRIS dalam waktu satu jam.
4. Tunjukkan kode QR kepada guru piket pada hari keberangkatan.

Bila pembayaran tidak dilunasi dalam satu jam, pendaftaran batal dan formulir harus diisi ulang.

Jadwal Kegiatan

Kegiatan luar sekolah hanya boleh diadakan pada hari Sabtu.
)");
  Conversation conv;
  REQUIRE_THAT(answered(*e, "gimana cara daftar online?", &conv).sources[0].text, Catch::StartsWith("Cara yang paling"));
  Answer next = answered(*e, "trs abis bayar itu ngapain?", &conv);
  CHECK(next.followup);
  CHECK_THAT(next.text, Catch::StartsWith("4. Tunjukkan kode QR"));

  // The same after a list written under its line, one passage.
  test::TempDir dir2;
  auto md = engine_of(dir2, "pinjam.md", R"(# Peminjaman Laptop Sekolah

## Cara Meminjam

Laptop sekolah dipinjam dengan urutan berikut:
- Isi formulir peminjaman di ruang TIK.
- Minta tanda tangan wali kelas pada formulir.
- Serahkan kartu pelajar sebagai jaminan kepada petugas.
- Ambil laptop dan periksa kelengkapannya di depan petugas.

## Denda

Kartu pelajar yang dijadikan jaminan dikembalikan setelah laptop diperiksa.
)");
  Conversation c2;
  REQUIRE_THAT(answered(*md, "cara minjem laptop sekolah gmn?", &c2).sources[0].text, Catch::StartsWith("Laptop sekolah"));
  CHECK(answered(*md, "trs abis nyerahin kartu pelajar ngapain?", &c2).text ==
        "Ambil laptop dan periksa kelengkapannya di depan petugas.");
}

TEST_CASE("Engine_List_AnnouncedListAnswersApaSaja_AndOrdinalFollowUpsPickItsItems", "[engine]") {
  // A paragraph ending "… adalah:" announces the list under it: "apa saja?"
  // is answered by the list, whole (the announcing sentence alone was the
  // answer before); "yg ketiga apa?" then by its third item, "yang pertama?"
  // by its first. A question naming something besides the ordinal is
  // searched as usual.
  test::TempDir dir;
  auto e = engine_of(dir, "upacara.txt", R"(Tata Tertib Upacara

Pakaian dan Atribut Upacara

Pada hari Senin siswa wajib mengenakan seragam putih biru yang diperiksa di gerbang. Atribut yang wajib dipakai adalah:

- Topi sekolah berwarna biru dengan logo di depan.
- Dasi biru pendek dan badge nama di dada kanan.
- Ikat pinggang hitam dengan kepala berlogo sekolah.

Jadwal Upacara

Upacara dimulai pukul 07.00 di lapangan utama setiap hari Senin.

Upacara kedua dalam sebulan dipimpin oleh ketua OSIS pukul 07.15.
)");
  Conversation conv;
  Answer list = answered(*e, "atribut yg wajib dipake pas upacara apa aja?", &conv);
  CHECK_THAT(list.sources[0].text, Catch::StartsWith("Topi sekolah"));
  CHECK(list.text == list.sources[0].text);
  Answer third = answered(*e, "yg ketiga apa?", &conv);
  CHECK(third.followup);
  CHECK(third.text == "Ikat pinggang hitam dengan kepala berlogo sekolah.");
  Answer first = answered(*e, "kalau yang pertama?", &conv);
  CHECK(first.text == "Topi sekolah berwarna biru dengan logo di depan.");
  Answer other = answered(*e, "upacara yang kedua dipimpin siapa?", &conv);
  CHECK_THAT(other.sources[0].text, Catch::StartsWith("Upacara kedua"));
}

TEST_CASE("Engine_List_OrdinalAfterThePassageAnnouncingIt", "[engine]") {
  // Markdown: the steps' names in a paragraph, the steps as a list after it.
  test::TempDir dir;
  auto e = engine_of(dir, "apar.md", R"(# Keselamatan Kebakaran

## Cara Memakai APAR

Semua siswa dilatih memakai APAR dengan singkatan PASS, yaitu Pull, Aim, Squeeze, dan Sweep.

1. Pull: tarik pin pengaman di bagian atas tabung.
2. Aim: arahkan selang ke pangkal api, bukan ke nyalanya.
3. Squeeze: tekan tuas pegangan dengan kuat.
4. Sweep: sapukan semburan ke kiri dan ke kanan.

## Jalur Evakuasi

Jalur evakuasi ditandai panah hijau menuju lapangan basket.
)");
  Answer a = followed_up(*e, "apa itu teknik PASS buat APAR?", "Semua siswa dilatih", "yg kedua maksudnya apa?");
  CHECK(a.text == "Aim: arahkan selang ke pangkal api, bukan ke nyalanya.");
}

TEST_CASE("Engine_List_OrdinalOfNumberedStepsAndOfAListUnderItsLine", "[engine]") {
  // Plain text: numbered steps are a passage each; "yg kedua apa?" after
  // any of them, or after the passage announcing them, is step 2.
  test::TempDir dir;
  auto e = engine_of(dir, "bayar.txt", R"(Pembayaran Study Tour

Biaya study tour dibayar lewat virtual account sekolah.

Cara Membayar

Siswa membayar biaya study tour dengan langkah yang sama setiap bulan.

1. Minta nomor virtual account kepada wali kelas.
2. Bayar lewat mobile banking atau teller bank.
3. Simpan bukti pembayaran berupa tangkapan layar.

Pengembalian Dana

Siswa yang batal berangkat mendapat pengembalian separuh biaya.
)");
  Conversation conv;
  REQUIRE_THAT(answered(*e, "bukti pembayaran disimpan dalam bentuk apa?", &conv).sources[0].text,
               Catch::StartsWith("3. Simpan"));
  Answer second = answered(*e, "yg kedua apa?", &conv);
  CHECK(second.followup);
  CHECK_THAT(second.text, Catch::StartsWith("2. Bayar"));
  CHECK_THAT(answered(*e, "kalau yang pertama?", &conv).text, Catch::StartsWith("1. Minta"));
  // "yg terakhir apa?": the last step, however many there are.
  CHECK_THAT(answered(*e, "yg terakhir apa?", &conv).text, Catch::StartsWith("3. Simpan"));

  // Markdown: a list right under its announcing line is one passage with
  // it; the first item is the second line.
  test::TempDir dir2;
  auto md = engine_of(dir2, "syarat.md", R"(# Radio Sekolah

## Syarat Bergabung

Calon kru radio sekolah harus memenuhi syarat berikut:
- Siswa kelas X atau XI yang aktif.
- Mendapat izin tertulis dari orang tua.
- Tidak sedang menjalani sanksi disiplin.

## Jadwal Siaran

Siaran pagi diputar sebelum bel masuk setiap hari sekolah.
)");
  Conversation c2;
  REQUIRE_THAT(answered(*md, "syarat jadi kru radio apa aja?", &c2).sources[0].text,
               Catch::StartsWith("Calon kru"));
  CHECK(answered(*md, "yg kedua apa?", &c2).text == "Mendapat izin tertulis dari orang tua.");
  CHECK(answered(*md, "yg terakhir apa?", &c2).text == "Tidak sedang menjalani sanksi disiplin.");
  // The item's own something asked with -nya is still that item.
  CHECK(answered(*md, "yg pertama syaratnya apa?", &c2).text == "Siswa kelas X atau XI yang aktif.");
}

TEST_CASE("Engine_LongNameTheArticleWrites_DoesNotCoverAQuestionAlone", "[engine]") {
  // The page names its school in five words but never its head teacher: the
  // name counts once in the confidence's coverage (kPhraseRunWords), so
  // "kepala sekolah <name>" falls back, while what the page does give of the
  // same name is answered.
  test::TempDir dir;
  auto e = engine_of(dir, "konseling.md", R"(# Layanan Konseling

Halaman ini disusun oleh tim Bimbingan dan Konseling SMA Negeri 7 Harapan Jaya untuk membantu siswa menjaga kesehatan mental.

## Ruang Konseling

Ruang konseling SMA Negeri 7 Harapan Jaya buka Senin sampai Jumat pukul 07.00–15.00 di lantai dua gedung B.

## Stres Ujian

Stres menjelang ujian wajar. Gejalanya antara lain sakit kepala, sulit tidur, dan tangan berkeringat.

## Teman Sebaya

Konselor sebaya adalah siswa kelas XI yang dilatih mendengarkan teman yang sedang sedih.
)");
  for (const char* q : {"siapa kepala sekolah SMA Negeri 7 Harapan Jaya?", "nama kepala sekolah sma negeri 7 harapan jaya siapa?"}) {
    INFO(q);
    auto a = e->answer(q);
    REQUIRE(a);
    CHECK(a->fallback);
  }
  auto a = e->answer("ruang konseling sma negeri 7 harapan jaya buka jam berapa?");
  REQUIRE(a);
  CHECK_FALSE(a->fallback);
  CHECK(a->text.find("07.00") != std::string::npos);
}

TEST_CASE("Engine_ClosingParagraph_LosesToTheSectionThatAnswers", "[engine]") {
  // The closing section sums up the article in the question's own words
  // ("ditimbang dan dicatat"); the section on weighing says when. The same
  // paragraph under another title ("Ajakan") is a passage like any other and
  // ranks first on its words (checked). Units are numbered in the article's
  // order from 1, the lead: 2 is the weighing paragraph, 7 the closing one.
  test::TempDir dir;
  auto e = engine_of(dir, "bank-sampah.md", R"(# Bank Sampah Sekolah

Panduan singkat bank sampah untuk siswa.

## Penimbangan

Sampah plastik ditimbang setiap Jumat pagi di gudang belakang kantin oleh petugas koperasi.

## Harga Sampah

Botol plastik bersih dihargai Rp3.000 per kilogram, kardus Rp1.500 per kilogram.

## Jam Buka

Bank sampah buka setiap hari sekolah pukul 07.00 sampai 09.00 di ruang koperasi.

## Pengurus

Pengurus terdiri atas dua guru pembina dan enam anggota OSIS yang bertugas bergiliran.

## Kompos

Sisa daun dan makanan kantin diolah menjadi kompos di kebun sekolah.

## Kesimpulan

Bank sampah mengajak siswa memilah sampah, lalu sampah plastik ditimbang dan dicatat dalam buku tabungan siswa.
)");
  auto a = e->answer("sampah plastik ditimbang dan dicatat kapan?");
  REQUIRE(a.ok());
  REQUIRE(a->ranking.size() >= 2);
  CHECK(a->ranking[0] == 2);
  CHECK(a->ranking[1] == 7);
}

TEST_CASE("Engine_SubSection_IsFoundByTheWordsOfTheSectionAboveIt", "[engine]") {
  // The meeting times stand under "Anggota dan Jadwal", itself under the
  // programme's heading; the contest's passage under "Pengumpulan Karya"
  // says "dikumpulkan" and gives a date too. Asked when the programme's
  // members meet, the passage under the programme's heading answers.
  test::TempDir dir;
  auto e = engine_of(dir, "hoaks.md", R"(# Melawan Hoaks

Tulisan untuk siswa tentang kabar palsu.

## Program Duta Anti-Hoaks

### Anggota dan Jadwal

Anggota berkumpul setiap Kamis pukul 14.30 di laboratorium komputer untuk membahas kabar yang sedang ramai.

## Lomba Poster Sekolah

### Pengumpulan Karya

Karya dikumpulkan lewat tautan di bio Instagram paling lambat 27 November 2026 pukul 23.59.

## Cara Memeriksa Kabar

Periksa sumbernya, lalu cari kabar yang sama di situs cek fakta.
)");
  auto a = e->answer("duta anti hoaks kumpulnya tiap kapan?");
  REQUIRE(a.ok());
  CHECK_FALSE(a->fallback);
  CHECK(a->text.find("setiap Kamis") != std::string::npos);
  REQUIRE_FALSE(a->sources.empty());
  CHECK(a->sources[0].section == "Anggota dan Jadwal");  // shown under its own title
}

TEST_CASE("Engine_EnglishWordTheArticleWrites_IsFoundByItsIndonesianName", "[engine]") {
  // The page writes "password" and "username"; a student asks for the
  // "kata sandi" (FreeDict's Indonesian name for it).
  test::TempDir dir;
  auto e = engine_of(dir, "ujian.md", R"(# Ujian Berbasis Komputer

Panduan singkat untuk peserta ujian.

## Masuk Aplikasi

Password setiap peserta tercetak pada kartu login yang dibagikan proktor di awal sesi.

## Tata Tertib

Peserta menyimpan ponsel dan tas di depan ruangan sebelum ujian dimulai.

## Kata Sambutan

Kepala sekolah memberi sambutan singkat pada hari pertama ujian.
)");
  auto a = e->answer("kata sandi buat ujian dapetnya dari mana?");
  REQUIRE(a.ok());
  CHECK_FALSE(a->fallback);
  CHECK(a->text.find("kartu login") != std::string::npos);
}

TEST_CASE("Engine_StrictType_AListGivesItInTheItemAsked", "[engine]") {
  // The steps name the library in one item and give dates in others: the
  // library's opening hours are not among them. Asked of the item with
  // the date, the list answers.
  test::TempDir dir;
  auto e = engine_of(dir, "adopsi.md", R"(# Adopsi Pohon

Program adopsi pohon untuk siswa.

## Cara Ikut

1. Ambil formulir adopsi di perpustakaan sekolah lalu isi nama dan kelas.
2. Serahkan formulir kepada pengurus OSIS paling lambat 15 Agustus setiap tahun.
3. Ikuti kunjungan penanaman pada Pekan Hijau setiap bulan Oktober.
)");
  auto a = e->answer("perpustakaan sekolah buka jam berapa?");
  REQUIRE(a.ok());
  CHECK(a->question_type == "schedule");
  CHECK(a->fallback);
  CHECK(a->confidence <= default_policy().kind_absent_cap);
  auto b = e->answer("formulir adopsi diserahkan ke osis paling lambat tanggal berapa?");
  REQUIRE(b.ok());
  CHECK_FALSE(b->fallback);
  CHECK(b->text.find("15 Agustus") != std::string::npos);
}

TEST_CASE("Engine_Expansion_SpelledByTheInitialsOfAList", "[engine]") {
  // "Huruf AVO berasal dari ampere, volt, dan ohm" spells AVO out with no
  // bracket and no cue word: the initials of the words after it, "dan"
  // between the last two. A passage naming AVO without them does not.
  CHECK(initials_spell("avo", {"huruf", "avo", "berasal", "dari", "ampere", "volt", "dan", "ohm"}, 2));
  CHECK_FALSE(initials_spell("avo", {"huruf", "avo", "dipakai", "pada", "alat", "ukur"}, 2));
  CHECK_FALSE(initials_spell("ab", {"ab", "alat", "baru"}, 1));  // two letters match by chance
  const char* spelled = R"(# Alat Ukur

## Multimeter

Multimeter atau AVO meter menggabungkan beberapa alat dalam satu. Huruf AVO berasal dari ampere, volt, dan ohm.
)";
  const char* named = R"(# Alat Ukur

## Multimeter

Multimeter atau AVO meter menggabungkan beberapa alat dalam satu. Huruf AVO tertulis besar di bagian depan.
)";
  test::TempDir dir, dir2;
  auto e = engine_of(dir, "alat.md", spelled);
  auto f = engine_of(dir2, "alat.md", named);
  for (const char* q : {"Apa kepanjangan AVO?", "AVO itu singkatan dari apa?"}) {
    CAPTURE(q);
    auto a = e->answer(q);
    REQUIRE(a.ok());
    CHECK(a->question_type == "expansion");
    CHECK_FALSE(a->fallback);
    auto b = f->answer(q);
    REQUIRE(b.ok());
    CHECK(b->fallback);
  }
}

TEST_CASE("Engine_StrictType_APassageWithoutSuchContentDoesNotAnswer", "[engine]") {
  // "nomor telepon X berapa?" on a page that names X but gives no number to
  // call, "Y itu singkatan dari apa?" on one naming Y without spelling it out,
  // "jadwal Z kapan?" on one with no day or date: the names' rare words cover
  // the question, yet the passage does not answer it (strict_types.txt).
  // Another acronym spelled out beside the one asked (APD beside BPBD) is
  // no expansion of it.
  test::TempDir dir;
  auto e = engine_of(dir, "wisata.md", R"(# Study Tour

## Penginapan

Selama tiga malam rombongan menginap di Hotel Griya Mataram, dekat Malioboro, dua siswa dalam satu kamar.

## Pembekalan

Sebelum berangkat, siswa mengikuti pembekalan dari narasumber BPBD tentang alat pelindung diri (APD) dan keselamatan di tempat wisata.

## Ujian Susulan

Siswa yang ikut study tour tidak kehilangan ujian praktik: guru mata pelajaran menyiapkan ujian susulan.
)");
  for (const char* q : {"nomor telepon hotel griya mataram berapa ya?", "BPBD itu singkatan dari apa?",
                        "kepanjangan BPBD apa?", "jadwal ujian susulan study tour kapan?"}) {
    CAPTURE(q);
    auto a = e->answer(q);
    REQUIRE(a.ok());
    CHECK(a->fallback);
    CHECK(a->confidence <= default_policy().kind_absent_cap);
  }
  CHECK(e->answer("nomor telepon hotel griya mataram berapa ya?")->question_type == "phone");
  CHECK(e->answer("BPBD itu singkatan dari apa?")->question_type == "expansion");
  CHECK(e->answer("jadwal ujian susulan study tour kapan?")->question_type == "schedule");
  // The same questions where the passage has it are answered from it, the
  // date in the sentence after the one naming the topic too.
  test::TempDir dir2;
  auto f = engine_of(dir2, "wisata.md", R"(# Study Tour

## Penginapan

Selama tiga malam rombongan menginap di Hotel Griya Mataram, dekat Malioboro, telepon (0274) 512 331.

## Pembekalan

Sebelum berangkat, siswa mengikuti pembekalan dari narasumber Badan Penanggulangan Bencana Daerah (BPBD) tentang keselamatan di tempat wisata.

## Ujian Susulan

Ujian susulan bagi siswa yang ikut study tour diadakan di ruang guru. Jadwalnya hari Senin, 14 Oktober.
)");
  for (const char* q : {"nomor telepon hotel griya mataram berapa ya?", "BPBD itu singkatan dari apa?",
                        "kepanjangan BPBD apa?", "jadwal ujian susulan study tour kapan?"}) {
    CAPTURE(q);
    Answer a = answered(*f, q);
    CHECK_FALSE(a.fallback);
  }
}

TEST_CASE("Engine_StrictType_APhoneQuestionWantsANumberToCall", "[engine]") {
  // A phone question is answered by the passage writing a number: a phone
  // number, or a short one beside a word such as "nomor" (an emergency
  // number), not by one that only says "WhatsApp" or "hubungi".
  test::TempDir dir;
  auto e = engine_of(dir, "sepeda.md", R"(# Sahabat Sepeda

## Bike Train

Jika hujan deras, bike train dibatalkan lewat pengumuman di grup WhatsApp kelas paling lambat pukul 05.45.

## Kontak

Untuk pertanyaan umum dan pendaftaran, hubungi koordinator program, Bu Ratna Sari, guru PJOK, di 0812-3344-5566.

## Keadaan Darurat

Nomor darurat pemadam kebakaran adalah 113, dan ambulans 118.

## Stiker Parkir

Setiap sepeda yang terdaftar mendapat nomor stiker yang ditempel di spakbor belakang.

## Bengkel Mini

Siswa yang antre di bengkel mini mengambil nomor antrean di meja petugas.
)");
  Answer ratna = answered(*e, "nomor wa bu ratna brp ya?");
  CHECK(ratna.question_type == "phone");
  CHECK(ratna.text.find("0812-3344-5566") != std::string::npos);
  Answer fire = answered(*e, "nomor telepon pemadam kebakaran berapa?");
  CHECK_FALSE(fire.fallback);
  CHECK(fire.text.find("113") != std::string::npos);
  // Without a number to call, "WhatsApp" and "hubungi" are no answer.
  test::TempDir dir2;
  auto f = engine_of(dir2, "sepeda.md", R"(# Sahabat Sepeda

## Bike Train

Jika hujan deras, bike train dibatalkan lewat pengumuman di grup WhatsApp kelas paling lambat pukul 05.45.

## Kontak

Untuk pertanyaan umum dan pendaftaran, hubungi koordinator program, Bu Ratna Sari, guru PJOK, di ruang guru.
)");
  auto none = f->answer("nomor wa bu ratna brp ya?");
  REQUIRE(none.ok());
  CHECK(none->fallback);
  // "nomor", "telepon" name the kind asked (question_types.tsv "frame"), not
  // its topic: a passage giving another office's number, sharing only them,
  // does not answer for the school the page is about.
  test::TempDir dir3;
  auto g = engine_of(dir3, "siaga.md", R"(# Siaga Bencana SMP Negeri 2 Lerengsari

Tim siaga bencana SMP Negeri 2 Lerengsari melatih siswa menghadapi erupsi setiap semester.

## Nomor Penting

Nomor telepon penting yang perlu disimpan adalah Pusdalops BPBD di 0274-555-112 dan pos pengamatan gunung di 0274-555-113.

## Jalur Evakuasi

Jalur evakuasi dari sekolah menuju titik kumpul di lapangan desa ditandai papan hijau.
)");
  auto school = g->answer("nomor telepon kantor smp negeri 2 lerengsari berapa?");
  REQUIRE(school.ok());
  CHECK(school->question_type == "phone");
  CHECK(school->fallback);
  Answer bpbd = answered(*g, "no telp pusdalops bpbd brp?");
  CHECK(bpbd.text.find("0274-555-112") != std::string::npos);
  // WhatsApp is a channel of its own, not the kind asked: "no wa panitia"
  // wants the WhatsApp number, not the office's landline.
  test::TempDir dir4;
  auto h = engine_of(dir4, "kontak.md", R"(# Lomba Cerdas Cermat Kabupaten

## Kontak Panitia

Sekretariat panitia berada di Dinas Pendidikan, Jalan Merdeka Nomor 4. Pertanyaan dapat disampaikan melalui telepon (0265) 431-778 pada jam kerja.

Pesan WhatsApp panitia dilayani di nomor 0821-4470-1945 pada pukul 08.00 sampai 16.00, hanya pesan tertulis.
)");
  Answer wa = answered(*h, "no wa panitia brp? bisa ditelpon langsung ga?");
  CHECK(wa.text.find("0821-4470-1945") != std::string::npos);
}

TEST_CASE("Engine_StrictType_AskingAPersonsNameWantsOneTheQuestionLacks", "[engine]") {
  // "siapa nama kepala sekolah X?", "siapa X sekarang?", "siapa ketua X?"
  // ask for a person's name: a passage naming the school, its town or its street, or a ministry
  // in dictionary words, does not answer it; one naming a person after a
  // title, or by a name hunspell-id does not know, does.
  test::TempDir dir;
  auto e = engine_of(dir, "tour.md", R"(# Study Tour

Halaman ini memuat informasi resmi panitia tentang study tour kelas XI SMA Negeri 3 Sukamulya ke Yogyakarta.

## Pendaftaran

Formulir diserahkan ke Kantor Tata Usaha di Jalan Bhayangkara Nomor 12 paling lambat 1 Desember.

## Biaya

Biaya study tour diatur oleh Dinas Pendidikan dan dibayar lewat WhatsApp atau transfer bank.
)");
  for (const char* q : {"siapa nama kepala sekolah sma negeri 3 sukamulya?", "kepala dinas pendidikan siapa sekarang?",
                        "siapa kepala tata usaha skrg?", "siapa ketua panitia study tour?"}) {
    CAPTURE(q);
    auto a = e->answer(q);
    REQUIRE(a.ok());
    CHECK(a->question_type == "person");
    CHECK(a->fallback);
  }
  // "siapa" without a name asked may be answered by a role.
  auto role = e->answer("siapa yang mengatur biaya study tour?");
  REQUIRE(role.ok());
  CHECK(role->question_type == "who");
  CHECK_FALSE(role->fallback);
  test::TempDir dir2;
  auto f = engine_of(dir2, "tour.md", R"(# Study Tour

Halaman ini memuat informasi resmi panitia tentang study tour kelas XI SMA Negeri 3 Sukamulya ke Yogyakarta.

## Panitia

Kepala SMA Negeri 3 Sukamulya saat ini adalah Bapak Hendra Wijaya, yang juga menjadi penanggung jawab study tour.

## Sejarah

Gagasan study tour ke Yogyakarta pertama kali diusulkan oleh Soedarsono, guru sejarah angkatan pertama sekolah.
)");
  Answer head = answered(*f, "siapa nama kepala sekolah sma negeri 3 sukamulya?");
  CHECK(head.text.find("Hendra Wijaya") != std::string::npos);
  Answer founder = answered(*f, "siapa nama guru yang mengusulkan study tour?");
  CHECK(founder.text.find("Soedarsono") != std::string::npos);
}

TEST_CASE("Engine_StrictType_ARecommendationWantsOneGiven", "[engine]") {
  // "rekomendasi X", "X yg bagus merk apa?" ask for a recommendation or a
  // brand: a passage on X that recommends nothing is no answer; one that
  // recommends ("merekomendasikan", "disarankan") is.
  test::TempDir dir;
  auto e = engine_of(dir, "bulutangkis.md", R"(# Ekskul Bulu Tangkis

## Raket

Raket bulu tangkis modern terbuat dari serat karbon dan beratnya sekitar 85 gram, sehingga ringan diayunkan.

## Sepatu

Sepatu bulu tangkis bersol karet agar tidak licin di lantai lapangan.
)");
  for (const char* q : {"raket bulu tangkis yg bagus buat pemula merk apa?", "rekomendasi sepatu bulu tangkis dong"}) {
    CAPTURE(q);
    auto a = e->answer(q);
    REQUIRE(a.ok());
    CHECK(a->question_type == "recommendation");
    CHECK(a->fallback);
  }
  test::TempDir dir2;
  auto f = engine_of(dir2, "bulutangkis.md", R"(# Ekskul Bulu Tangkis

## Raket

Untuk pemula, pelatih merekomendasikan raket serat karbon seberat 85 gram yang ringan diayunkan.
)");
  Answer racket = answered(*f, "rekomendasi raket buat pemula apa?");
  CHECK(racket.text.find("85 gram") != std::string::npos);
}

TEST_CASE("Engine_TodaysNews_IsNotAnsweredByAPassageNotSayingToday", "[engine]") {
  // "antrean hari ini panjang ga?", "status gunung hari ini level berapa?"
  // ask the day's news (news_phrases.txt): a passage on the queue or the
  // status in general does not give it; one saying "hari ini" itself may.
  test::TempDir dir;
  auto e = engine_of(dir, "puskesmas.md", R"(# Puskesmas Sukaraja

## Antrean

Antrean poli umum dibuka pukul 07.30 dan ditutup ketika kuota 80 pasien terpenuhi.

## Status Gunung

Status aktivitas Gunung Sangkala ditetapkan oleh Pusat Vulkanologi dalam empat level, dari Normal sampai Awas.
)");
  for (const char* q : {"antrean poli umum hari ini panjang ga?", "status gunung sangkala hari ini level berapa?",
                        "kuota antrean minggu ini masih ada?", "antrean poli umum minggu depan dibuka jam berapa?",
                        "kuota antrean poli umum tahun lalu berapa pasien?"}) {
    CAPTURE(q);
    auto a = e->answer(q);
    REQUIRE(a.ok());
    CHECK(a->fallback);
    CHECK(a->confidence <= default_policy().kind_absent_cap);
  }
  // Without the day asked, the same passages answer.
  CHECK_FALSE(answered(*e, "antrean poli umum dibuka jam berapa?").fallback);
  test::TempDir dir2;
  auto f = engine_of(dir2, "puskesmas.md", R"(# Puskesmas Sukaraja

## Pengumuman

Hari ini poli gigi tutup karena dokter gigi mengikuti pelatihan; antrean poli umum hari ini dibuka pukul 08.00.
)");
  Answer today = answered(*f, "antrean poli umum hari ini dibuka jam berapa?");
  CHECK(today.text.find("08.00") != std::string::npos);
}

// No answer reads SQLite (the rows come from memory), so a broken FTS5 table
// must fail the open, naming the file, rather than go unnoticed.
TEST_CASE("Engine_IndexWithoutItsFts5Table_FailsAtOpenNamingTheFile", "[engine]") {
  test::TempDir dir;
  const std::string knowledge = dir.path() + "/knowledge";
  std::filesystem::create_directory(knowledge);
  std::ofstream(knowledge + "/kantin.txt") << "Kantin Sekolah\n\nKantin buka pukul 07.00 sampai 14.00 setiap hari sekolah.\n";
  EngineOptions o;
  o.knowledge_dir = knowledge;
  o.db_path = dir.path() + "/index.db";
  REQUIRE(Engine::open(o, test::analyzer()).ok());
  sqlite3* db = nullptr;
  REQUIRE(sqlite3_open(o.db_path.c_str(), &db) == SQLITE_OK);
  // The table's schema entry removed by hand (a plain connection has no
  // `tanya` tokenizer to drop it with): its shadow tables are left behind.
  CHECK(sqlite3_exec(db, "PRAGMA writable_schema=ON; DELETE FROM sqlite_schema WHERE name='units_fts'", nullptr,
                     nullptr, nullptr) == SQLITE_OK);
  sqlite3_close(db);
  auto e = Engine::open(o, test::analyzer());
  REQUIRE_FALSE(e.ok());
  CHECK_THAT(e.error().message, Catch::Contains(o.db_path));
}

TEST_CASE("Engine_AskedOnAnArticlesPage_ThatArticleAnswersFirst", "[engine]") {
  // A site with two scout troops' pages, each with its own practice day: the
  // widget on a page names its article, and "latihannya hari apa?" means
  // that troop's. A question only the other page answers is still answered.
  test::TempDir dir;
  std::string knowledge = dir.path() + "/knowledge";
  std::filesystem::create_directory(knowledge);
  std::ofstream(knowledge + "/pramuka-smp-1.md") << R"(# Pramuka SMP Negeri 1

## Jadwal Latihan

Latihan rutin pramuka diadakan setiap hari Sabtu pukul 13.00 di lapangan upacara.

## Seragam

Anggota memakai seragam pramuka lengkap dengan hasduk merah putih.
)";
  std::ofstream(knowledge + "/pramuka-smp-2.md") << R"(# Pramuka SMP Negeri 2

## Jadwal Latihan

Latihan rutin pramuka diadakan setiap hari Jumat pukul 14.00 di aula sekolah.

## Perkemahan

Perkemahan tahunan diadakan di Bumi Perkemahan Cibubur selama tiga hari pada bulan Juli.
)";
  auto e = engine_over(dir, knowledge);
  auto on_page = [&](const std::string& q, const std::string& page, Conversation* conv = nullptr) {
    auto a = e->answer_on_page(q, page, conv);
    REQUIRE(a);
    return *a;
  };
  CHECK(e->has_article("pramuka-smp-1"));
  CHECK_FALSE(e->has_article("pramuka-smp-3"));
  Answer one = on_page("latihannya hari apa?", "pramuka-smp-1");
  REQUIRE_FALSE(one.fallback);
  CHECK(one.sources[0].article == "pramuka-smp-1");
  CHECK_THAT(one.text, Catch::Contains("Sabtu"));
  Answer two = on_page("latihannya hari apa?", "pramuka-smp-2");
  REQUIRE_FALSE(two.fallback);
  CHECK(two.sources[0].article == "pramuka-smp-2");
  CHECK_THAT(two.text, Catch::Contains("Jumat"));
  // The first page says nothing of a camp: the second page answers.
  Answer camp = on_page("perkemahannya di mana?", "pramuka-smp-1");
  REQUIRE_FALSE(camp.fallback);
  CHECK(camp.sources[0].article == "pramuka-smp-2");
  // An unknown page, or none, is the whole knowledge: the same answer as answer().
  for (const char* page : {"", "pramuka-smp-3", "../pramuka-smp-1"}) {
    Answer plain = answered(*e, "perkemahannya berapa hari?");
    Answer a = on_page("perkemahannya berapa hari?", page);
    CHECK(a.text == plain.text);
  }
  // The conversation follows the page's answer: "seragamnya?" is asked on.
  Conversation conv;
  Answer first = on_page("jadwal latihan pramuka kapan?", "pramuka-smp-1", &conv);
  REQUIRE(first.sources[0].article == "pramuka-smp-1");
  CHECK(conv.article == "pramuka-smp-1");
  // Out of domain on a page is still out of domain.
  CHECK(on_page("resep rendang padang yang enak gimana?", "pramuka-smp-2").fallback);
  // With no page, the conversation's article answers first: after a
  // question on each troop, "latihan rutin hari apa?" is that troop's.
  for (const char* troop : {"pramuka-smp-1", "pramuka-smp-2"}) {
    CAPTURE(troop);
    Conversation talk;
    Answer opened = answered(*e, std::string(troop) == "pramuka-smp-1" ? "warna hasduk pramuka apa?"
                                                                       : "perkemahan tahunan di mana?", &talk);
    REQUIRE(opened.sources[0].article == troop);
    Answer day = answered(*e, "latihan rutin pramuka hari apa?", &talk);
    REQUIRE_FALSE(day.fallback);
    CHECK(day.sources[0].article == troop);
  }
}

TEST_CASE("Engine_AskedOnAPage_WeighedByThatArticlesWords_JudgedByAllOfThem", "[engine]") {
  // Asked on a page (or on none, once the article is picked), the question
  // is read as an index of that article alone would read it: "kak" is courtesy on the counselling page, though the
  // coffee page writes it as a word ("Kak Rina"). Whether the page answers
  // at all is judged by every article's words: "kopi", "tubruk" and "ampas"
  // are the coffee page's, so that page answers, not the counselling page's
  // passage on sitting still for ten minutes (which "kopi" would reach through
  // its thesaurus synonym "dokumen" if the counselling page were alone).
  test::TempDir dir;
  std::string knowledge = dir.path() + "/knowledge";
  std::filesystem::create_directory(knowledge);
  std::ofstream(knowledge + "/layanan-bk.md") << R"(# Layanan Bimbingan Konseling

## Ruang BK

Ruang BK berada di lantai 2 Gedung B, di sebelah perpustakaan, dan buka setiap hari sekolah pukul 07.00 sampai 15.00.

## Anak dengan ADHD

Anak dengan ADHD sulit duduk diam lebih dari sepuluh menit dan semangatnya cepat turun, sehingga guru memberi tugas singkat yang diselingi gerakan.

## Dokumen

Siswa yang pindah sekolah membawa dokumen rapor dan nomor induk dari sekolah asal.
)";
  std::ofstream(knowledge + "/klub-kopi.md") << R"(# Klub Kopi Sekolah

## Pembina

Kak Rina, alumni sekolah, melatih anggota klub setiap Kamis. Kak Rina juga menjadi juri lomba seduh.
Anggota memanggil pelatih mereka kak: Kak Rina, Kak Dimas, dan Kak Sari bergantian memimpin latihan.

## Kopi Tubruk

Tubruk adalah cara tradisional: bubuk kopi kasar diseduh langsung dengan air panas, lalu didiamkan sekitar 4 menit sampai ampasnya mengendap.
)";
  auto e = engine_over(dir, knowledge);
  auto searched = [](const Explanation& why, const std::string& word) {
    return std::any_of(why.terms.begin(), why.terms.end(), [&](const ExplainedTerm& t) { return t.surface == word; });
  };
  Explanation page_why;
  auto room = e->answer_on_page("ruang bk dmn sih kak?", "layanan-bk", nullptr, default_policy(), &page_why);
  REQUIRE(room);
  REQUIRE_FALSE(room->fallback);
  CHECK_THAT(room->sources[0].text, Catch::StartsWith("Ruang BK berada"));
  CHECK_FALSE(searched(page_why, "kak"));
  // Asked on no page, the whole knowledge picks the article (the counselling
  // one), whose passages are then ranked as its own index would rank them.
  Explanation site_why;
  auto anywhere = e->answer("ruang bk dmn sih kak?", nullptr, default_policy(), &site_why);
  REQUIRE(anywhere);
  REQUIRE_FALSE(anywhere->fallback);
  CHECK_THAT(anywhere->sources[0].text, Catch::StartsWith("Ruang BK berada"));
  CHECK_FALSE(searched(site_why, "kak"));

  auto coffee = e->answer_on_page("kopi tubruk tuh diemin brp menit ya biar ampasnya turun?", "layanan-bk", nullptr);
  REQUIRE(coffee);
  REQUIRE_FALSE(coffee->fallback);
  CHECK(coffee->sources[0].article == "klub-kopi");
  CHECK_THAT(coffee->sources[0].text, Catch::StartsWith("Tubruk adalah"));
}

TEST_CASE("Engine_AskedOnAPage_ChatWordsReadByThatArticlesWords", "[engine]") {
  // "telat" is chat for "terlambat" (slang.tsv), searched as written only
  // where the knowledge writes it so. On the rules page, which writes only
  // "terlambat", it is "terlambat", as an index of that page alone reads it,
  // though the garden page writes "telat"; on the garden page it stays.
  test::TempDir dir;
  std::string knowledge = dir.path() + "/knowledge";
  std::filesystem::create_directory(knowledge);
  std::ofstream(knowledge + "/tata-tertib.md") << R"(# Tata Tertib Siswa

## Kedatangan

Siswa yang terlambat datang setelah pukul 07.00 menulis nama di buku piket dan menunggu di pos satpam sampai upacara selesai.

## Seragam

Pada hari Senin siswa memakai seragam putih abu-abu lengkap dengan dasi dan topi.
)";
  std::ofstream(knowledge + "/kebun-sekolah.md") << R"(# Kebun Sekolah

## Menyiram

Tanaman cabai disiram setiap pagi. Jangan telat menyiram saat musim kemarau, karena daunnya cepat layu.
)";
  auto e = engine_over(dir, knowledge);
  auto searched = [](const Explanation& why, const std::string& word) {
    return std::any_of(why.terms.begin(), why.terms.end(), [&](const ExplainedTerm& t) { return t.surface == word; });
  };
  Explanation rules_why;
  auto late = e->answer_on_page("kalo telat dateng gimana kak?", "tata-tertib", nullptr, default_policy(), &rules_why);
  REQUIRE(late);
  REQUIRE_FALSE(late->fallback);
  CHECK_THAT(late->sources[0].text, Catch::StartsWith("Siswa yang terlambat"));
  CHECK(searched(rules_why, "terlambat"));
  CHECK_FALSE(searched(rules_why, "telat"));
  Explanation garden_why;
  auto garden = e->answer_on_page("kalo telat nyiram gimana?", "kebun-sekolah", nullptr, default_policy(), &garden_why);
  REQUIRE(garden);
  CHECK(searched(garden_why, "telat"));
}

TEST_CASE("Engine_OrdinalFollowUp_WithAStepNoun_IsThatStep", "[engine]") {
  // "terus langkah keduanya apa?": "langkah" says what the ordinal counts
  // (step_nouns.txt) and "keduanya" after it is "its second", not "both".
  // The last answer, a summary table row, holds no list: the steps are the
  // numbered list on the conversation's topic.
  test::TempDir dir;
  auto e = engine_of(dir, "apar.md", R"(# Keselamatan Kebakaran

## Cara Memakai APAR dengan Teknik PASS

Pelatih mengajarkan singkatan PASS dari bahasa Inggris, yaitu Pull, Aim, Squeeze, dan Sweep.

1. Pull: cabut pin pengaman yang mengunci tuas di bagian atas tabung.
2. Aim: arahkan selang ke pangkal api, bukan ke nyala apinya.
3. Squeeze: tekan tuas pegangan dengan kuat.
4. Sweep: sapukan semburan ke kiri dan ke kanan.

## Ringkasan

| Topik | Isi |
|---|---|
| Teknik PASS | Cabut pin, arahkan ke pangkal, tekan tuas, sapukan |
| Nomor darurat | Pemadam kebakaran 113 |
)");
  Conversation conv;
  Answer first = answered(*e, "Apa itu teknik PASS buat APAR?", &conv);
  REQUIRE_FALSE(first.fallback);
  Answer step = answered(*e, "terus langkah keduanya apa?", &conv);
  REQUIRE_FALSE(step.fallback);
  CHECK_THAT(step.text, Catch::StartsWith("Aim: arahkan selang"));
}

TEST_CASE("Engine_AsksForSeveralThings_AListAnswers", "[engine]") {
  // "larangan selama study tour apa aja sih?" on the study tour page of
  // tests/eval/articles (bd): the list of prohibitions answers, not the
  // passage saying "study tour" twice more ("Banyak alumni mengatakan bahwa
  // study tour …"; Policy::w_list).
  test::TempDir dir;
  auto e = engine_of_eval_article(dir, "bd/study-tour-kelas-xi.txt");
  Answer a = answered(*e, "larangan selama study tour apa aja sih?");
  REQUIRE_FALSE(a.fallback);
  CHECK_THAT(a.text, Catch::Contains("Keluar dari lingkungan hotel tanpa didampingi guru"));
}

TEST_CASE("Engine_AsksWhy_ThePassageGivingTheReasonInOneSentenceAnswers", "[engine]") {
  // "Mengapa …?" on the volcano article of tests/eval/articles (am): the
  // passage whose one sentence holds "perisai" with "karena" answers, not
  // the one naming shield volcanoes among the others (Policy::w_sentence_cue).
  test::TempDir dir;
  auto e = engine_of_eval_article(dir, "am/gunung-api-dan-mitigasi.md");
  Answer a = answered(*e, "Mengapa gunung tipe perisai kemiringannya kecil?");
  REQUIRE_FALSE(a.fallback);
  CHECK_THAT(a.text, Catch::Contains("lavanya encer"));
}

TEST_CASE("Engine_NumberAsked_FindsThePassageWhoseRangeHoldsIt", "[engine]") {
  // "umur 11" is "9 sampai 14 tahun", "umur 16" is "15 tahun ke atas"; a
  // time ("pukul 08.00–11.00") is no range of 0 to 11.
  test::TempDir dir;
  auto e = engine_of(dir, "vaksin.txt", R"(Vaksin Sekolah

Vaksin diberikan di sekolah pada bulan November.

Jumlah Dosis

Anak yang mulai divaksin pada usia 9 sampai 14 tahun cukup mendapat dua dosis dengan jarak enam bulan.

Remaja yang mulai divaksin pada usia 15 tahun ke atas memerlukan tiga dosis dalam setahun.

Anak yang sakit pada hari pelaksanaan mendapat dosis susulan di puskesmas pukul 08.00–11.00 setiap Senin.
)");
  Answer a = answered(*e, "anak umur 11 tahun dapat berapa dosis?");
  REQUIRE_FALSE(a.fallback);
  CHECK_THAT(a.sources[0].text, Catch::Contains("dua dosis"));
  a = answered(*e, "anak umur 16 tahun dapat berapa dosis?");
  REQUIRE_FALSE(a.fallback);
  CHECK_THAT(a.sources[0].text, Catch::Contains("tiga dosis"));
  a = answered(*e, "anak umur 5 tahun dapat berapa dosis?");
  CHECK_THAT(a.sources[0].text, !Catch::Contains("pukul 08.00"));
}

TEST_CASE("Engine_ParagraphAnnouncingThePagesContents_IsNoAnswer", "[engine]") {
  // "Artikel ini membahas …" on the bullying article of tests/eval/articles
  // (u) names every topic of the page and answers none
  // (overview_phrases.txt): the paragraph with the regulation's definition
  // answers.
  test::TempDir dir;
  auto e = engine_of_eval_article(dir, "u/perundungan-di-sekolah.md");
  Answer a = answered(*e, "Bagaimana peraturan menteri tahun 2023 mendefinisikan bullying?");
  REQUIRE_FALSE(a.fallback);
  CHECK_THAT(a.text, Catch::Contains("ketimpangan relasi kuasa"));
}

TEST_CASE("Engine_WhatIsX_ThePassageDefiningXBesideItsOtherNameAnswers", "[engine]") {
  // "HPV atau Human Papillomavirus adalah …" defines HPV; "sebenarnya" is a
  // chat filler, not a word for a passage to hold ("HPV yang sebenarnya").
  test::TempDir dir;
  auto e = engine_of_eval_article(dir, "ct/imunisasi-hpv-pelajar.txt");
  for (const char* q : {"apa itu hpv?", "Apa sebenarnya HPV itu?"}) {
    Answer a = answered(*e, q);
    REQUIRE_FALSE(a.fallback);
    CHECK_THAT(a.text, Catch::Contains("kelompok virus yang sangat umum"));
  }
}

TEST_CASE("Engine_OrdinalFollowUp_AfterAPassageAnnouncingATable_IsItsRow", "[engine]") {
  // "yg kedua apa?" after the passage that announces a table under it (the
  // club's three practice groups) asks for the table's second row.
  test::TempDir dir;
  auto e = engine_of(dir, "klub.md", R"(# Klub Catur Sekolah

## Kelompok Latihan

Klub catur membagi anggotanya menjadi tiga kelompok latihan menurut kemampuan.

| Kelompok | Isi Latihan | Hari |
|---|---|---|
| Pemula | Langkah bidak dan aturan dasar | Senin |
| Menengah | Pembukaan dan taktik garpu | Rabu |
| Lanjut | Analisis partai dan turnamen | Jumat |

## Turnamen

Turnamen antarkelas diadakan setiap semester di perpustakaan.
)");
  Conversation conv;
  Answer first = answered(*e, "kelompok latihan klub catur ada apa aja?", &conv);
  REQUIRE_THAT(first.sources[0].text, Catch::StartsWith("Klub catur membagi"));
  Answer second = answered(*e, "yg kedua apa?", &conv);
  CHECK_FALSE(second.fallback);
  CHECK(second.followup);
  CHECK_THAT(second.text, Catch::Contains("taktik garpu"));
}

TEST_CASE("Engine_WhatNext_AfterTheLastPassageOfASection_IsNeverTheSameAgain", "[engine]") {
  // "terus abis itu?" after the last passage of a section has no next passage
  // found by its place: it is searched, and the passage just given is no answer.
  test::TempDir dir;
  auto e = engine_of(dir, "daftar.md", R"(# Pendaftaran Klub Sains

## Cara Mendaftar

Siswa mengisi formulir pendaftaran klub sains di ruang laboratorium.

Setelah formulir diserahkan, siswa mengikuti tes seleksi klub sains pada hari Sabtu.

## Kegiatan

Anggota klub sains melakukan percobaan dan menyiapkan lomba sains setiap bulan.
)");
  Conversation conv;
  Answer first = answered(*e, "tes seleksi klub sains hari apa?", &conv);
  REQUIRE_THAT(first.sources[0].text, Catch::StartsWith("Setelah formulir diserahkan"));
  auto next = e->answer("terus abis itu?", &conv);
  REQUIRE(next);
  if (!next->fallback) CHECK(next->sources[0].text != first.sources[0].text);
}

TEST_CASE("Engine_TableKey_NamesATopic_ThePassageThatSaysItAnswers", "[engine]") {
  // The savings page sums itself up in a table ("Setoran Pertama: Sepuluh
  // ribu rupiah …"); the passage on the first deposit answers a question on
  // it (Policy::row_label_share), the row a question asking for a summary.
  test::TempDir dir;
  auto e = engine_of_eval_article(dir, "co/tabungan-pelajar.txt");
  // With the key counted whole, as an FAQ question is, the row answers.
  check_weight_decides(*e, "setoran awal berapa ya buat anak smp?", &Policy::row_label_share, 1,
                       "Setoran awal Tabungan Pelajar", "Setoran Pertama");
  CHECK_THAT(answered(*e, "singkatnya, setoran pertama berapa?").sources[0].text, Catch::StartsWith("Setoran Pertama"));
}

TEST_CASE("Engine_OrdinalOfANumberedThing_IsItsFigure", "[engine]") {
  // The page numbers its rounds ("Gelombang II", read as "gelombang 2"):
  // "gelombang kedua" asks for round 2, and so does "yang kedua?" after a
  // question on the first round.
  test::TempDir dir;
  auto e = engine_of(dir, "donor.md", R"(# Donor Darah PMR

## Syarat

Pendonor berusia 17 tahun ke atas dengan berat badan minimal 45 kilogram.

## Jadwal

Donor gelombang I diadakan pada Sabtu, 25 April 2026, di aula sekolah.

Donor gelombang II diadakan pada Sabtu, 17 Oktober 2026, di lapangan basket.

## Izin

Kedua orang tua menandatangani surat izin paling lambat satu minggu sebelum donor.

## Persiapan

Tidur cukup dan sarapan sebelum berangkat ke sekolah.
)");
  CHECK_THAT(answered(*e, "donor gelombang kedua kapan?").text, Catch::Contains("17 Oktober"));
  Conversation conv;
  CHECK_THAT(answered(*e, "donor gelombang pertama tanggal berapa?", &conv).text, Catch::Contains("25 April"));
  CHECK_THAT(answered(*e, "kalau yang kedua kapan?", &conv).text, Catch::Contains("17 Oktober"));
}

TEST_CASE("Engine_YesNoQuestion_ThePassageOpeningWithAYesOrNoAnswers", "[engine]") {
  // The FAQ answer opening "Bisa." answers "Bisakah …?" before the passage
  // on who bullies whom that shares as many of its words (Policy::w_yes_no).
  test::TempDir dir;
  auto e = engine_of_eval_article(dir, "u/perundungan-di-sekolah.md");
  const std::string q = "Bisakah seorang guru dianggap melakukan kekerasan terhadap muridnya?";
  CHECK_THAT(answered(*e, q).sources[0].text, Catch::StartsWith("Bisa."));
  Policy none = default_policy();
  none.w_yes_no = 0;
  CHECK_THAT(answered_with(*e, q, none).sources[0].text, !Catch::StartsWith("Bisa."));
}

#include "index/analyzer.hpp"

#include <catch2/catch.hpp>

#include "tests/test_support.hpp"

using namespace tanya;

namespace {

// The one term the analyzer makes of a single word ("" when it is a stop word).
std::string term_of(const std::string& word) {
  auto tokens = test::analyzer()->analyze(word);
  REQUIRE(tokens.size() == 1);
  return tokens[0].stop ? "" : tokens[0].term;
}

// The words tokenize() reads in `text`, as surfaces.
std::vector<std::string> surfaces_of(const std::string& text) {
  std::vector<std::string> out;
  for (const auto& t : test::analyzer()->tokenize(text)) out.push_back(t.surface);
  return out;
}

}  // namespace

TEST_CASE("Analyzer_Words_StemAsExpected", "[analyzer]") {
  struct Case {
    const char* word;
    const char* stem;
  };
  auto c = GENERATE(values<Case>({
      // hunspell-id affix stripping
      {"mempertahankan", "tahan"}, {"kebudayaan", "budaya"},   {"pembangunan", "bangun"},
      {"perdagangan", "dagang"},   {"pertukaran", "tukar"},    {"kepentingan", "penting"},
      {"keamanan", "aman"},        {"menjalin", "jalin"},      {"memperkuat", "kuat"},
      {"kedaulatan", "daulat"},    {"perbedaan", "beda"},      {"mendorong", "dorong"},
      {"bertetangga", "tetangga"}, {"pertahanan", "tahan"},    {"kebutuhan", "butuh"},
      {"persahabatan", "sahabat"}, {"melibatkan", "libat"},    {"penguatan", "kuat"},
      {"kesejahteraan", "sejahtera"}, {"pendidikan", "didik"}, {"digunakan", "guna"},
      {"memberikan", "beri"},      {"menghasilkan", "hasil"},  {"berkembang", "kembang"},
      {"pemenang", "menang"},      {"hubungan", "hubung"},     {"memanfaatkan", "manfaat"},
      {"perdamaian", "damai"},     {"pertemuan", "temu"},      {"kemitraan", "mitra"},
      {"menciptakan", "cipta"},    {"dibangun", "bangun"},     {"diwujudkan", "wujud"},
      // clitics
      {"terbentuknya", "bentuk"},  {"kerjanya", "kerja"},      {"diplomasinya", "diplomasi"},
      // -nya stems as the word without it (hunspell-id: berlaku, but laku for berlakunya)
      {"berlakunya", "berlaku"},   {"berlaku", "berlaku"},
      // pel-/bel- + ajar: the verbs of learning are "belajar"; the nouns keep their sense
      {"dipelajari", "belajar"},   {"mempelajari", "belajar"}, {"pelajari", "belajar"},
      {"pelajar", "pelajar"},      {"pelajaran", "pelajaran"}, {"mempelajarinya", "belajar"},
      // a one-syllable root under di-/penge-, which hunspell-id lacks
      {"dicek", "cek"},            {"dites", "tes"},           {"pengecekan", "cek"},
      {"mengecek", "cek"},         {"mengelas", "las"},        {"mengemas", "kemas"},
      // meng- before u: the root without k (pengurus and mengurus alike)
      {"mengurus", "urus"},        {"pengurus", "urus"},       {"mengukur", "ukur"},
      // pe- before a root in r, a word hunspell-id lacks: the root of its verbs
      {"perundungan", "rundung"},  {"merundung", "rundung"},   {"perekonomian", "ekonomi"},
      // se- ("one, the same") before a root, a word hunspell-id lacks; the
      // words it knows keep their own reading
      {"sekamar", "kamar"},        {"sekelas", "kelas"},       {"sekolah", "sekolah"},
      {"sepeda", "sepeda"},        {"seni", "seni"},
      // reduplication
      {"negara-negara", "negara"}, {"negara2", "negara"},      {"isu-isu", "isu"},
      {"jenis2nya", "jenis"},      {"co2", "co2"},             {"jenis-jenisnya", "jenis"},
      // with -an the root, not "besaran" (a quantity); a prefixed word and its root
      {"besar-besaran", "besar"},  {"kecil2an", "kecil"},      {"bermain-main", "main"},
      // protected words no stemmer may touch
      {"diplomasi", "diplomasi"},  {"bilateral", "bilateral"}, {"multilateral", "multilateral"},
      {"ASEAN", "asean"},          {"ekonomi", "ekonomi"},     {"globalisasi", "globalisasi"},
      {"Indonesia", "indonesia"},  {"strategis", "strategis"},
      // content words that careless stop lists drop
      {"sama", "sama"},            {"kecil", "kecil"},         {"besar", "besar"},
      // case folding beyond ASCII, accents folded too ("elite" finds "élite")
      {"KEAMANAN", "aman"},        {"ÉLITE", "elite"},
      // stop words
      {"yang", ""},                {"bukankah", ""},           {"itulah", ""},
      // a reduplicated adverb listed whole is a stop word, not its root
      {"tiba-tiba", ""},           {"tiba2", ""},              {"tiba", "tiba"},
  }));
  CAPTURE(c.word);
  CHECK(term_of(c.word) == c.stem);
}

TEST_CASE("Analyzer_Compound_SplitsIntoTwoTermsAtSameOffsets", "[analyzer]") {
  auto tokens = test::analyzer()->analyze("kerjasama");
  REQUIRE(tokens.size() == 2);
  CHECK(tokens[0].term == "kerja");
  CHECK(tokens[1].term == "sama");
  CHECK(tokens[0].start == 0);
  CHECK(tokens[1].end == 9);
}

TEST_CASE("Analyzer_ChatPrefixWrittenApart_IsNoWord", "[analyzer]") {
  // "nge-hang", "ng-print": the prefix alone carries no topic; the word does.
  auto tokens = test::analyzer()->analyze("komputernya nge-hang");
  REQUIRE(tokens.size() == 3);
  CHECK(tokens[1].term == "nge");
  CHECK(tokens[1].stop);
  CHECK(tokens[2].term == "hang");
  CHECK_FALSE(tokens[2].stop);
}

TEST_CASE("Analyzer_StopWordInCapitals_IsAnAcronymAmidLowercaseText", "[analyzer]") {
  auto stops = [](const std::string& text) {
    std::vector<std::pair<std::string, bool>> out;
    for (const auto& t : test::analyzer()->analyze(text)) out.push_back({t.term, t.stop});
    return out;
  };
  // "gaya APA", the citation style: indexed and searched as "apa".
  using P = std::vector<std::pair<std::string, bool>>;
  CHECK(stops("Gunakan gaya APA untuk tugas") ==
        P{{"guna", false}, {"gaya", false}, {"apa", false}, {"untuk", true}, {"tugas", false}});
  CHECK(stops("APA") == P{{"apa", false}});  // alone: a question's MATCH string
  // The question word, capitalised or not, and text all in capitals stay as they were.
  CHECK(stops("Apa itu gaya") == P{{"apa", true}, {"itu", true}, {"gaya", false}});
  CHECK(stops("APA ITU GAYA") == P{{"apa", true}, {"itu", true}, {"gaya", false}});
}

TEST_CASE("Analyzer_ParentWordBeforeAName_IsATitleNotAWord", "[analyzer]") {
  auto stopped = [](const std::string& text, const std::string& surface) {
    for (const auto& t : test::analyzer()->analyze(text))
      if (t.surface == surface) return t.stop;
    FAIL("no word " << surface << " in " << text);
    return false;
  };
  // Before a capitalised name: a title of address, not "mother" or "father".
  CHECK(stopped("UKS dijaga oleh perawat sekolah, Ibu Dewi Anggraini.", "ibu"));
  CHECK(stopped("Parkir dijaga oleh Pak Slamet Riyadi.", "pak"));
  CHECK(stopped("Hubungi Bapak Hendra di ruang guru.", "bapak"));
  // The word itself, or capitalised at the start of a sentence before a common word.
  CHECK_FALSE(stopped("Ayah atau ibu menandatangani surat izin.", "ibu"));
  CHECK_FALSE(stopped("Ibu hamil perlu cukup zat besi.", "ibu"));
  CHECK_FALSE(stopped("Jakarta adalah ibu kota negara.", "ibu"));
  // After a verb of naming, an epithet: what he is called, a word of it.
  CHECK_FALSE(stopped("Kongres mengangkatnya sebagai Bapak Koperasi Indonesia.", "bapak"));
  CHECK_FALSE(stopped("Beliau dijuluki Bapak Pramuka Indonesia.", "bapak"));
}

TEST_CASE("Analyzer_NonPrefix_IsOneWordWithItsWord", "[analyzer]") {
  // "non-elektronik" must not match a question about "elektronik".
  for (std::string text : {"paspor non-elektronik", "paspor non elektronik", "paspor nonelektronik"}) {
    CAPTURE(text);
    auto tokens = test::analyzer()->analyze(text);
    REQUIRE(tokens.size() == 2);
    CHECK(tokens[1].surface == "nonelektronik");
    CHECK(tokens[1].start == 7);
    CHECK(tokens[1].end == text.size());
  }
  // "non" before a number or alone stays itself.
  auto tokens = test::analyzer()->analyze("non 2");
  REQUIRE(tokens.size() == 2);
  CHECK(tokens[0].surface == "non");
}

TEST_CASE("Analyzer_CountedNoun_ReadsRomanNumeralAndNumberWordAsFigure", "[analyzer]") {
  using V = std::vector<std::string>;
  CHECK(surfaces_of("kelas XII") == V{"kelas", "12"});
  CHECK(surfaces_of("kelas dua belas") == V{"kelas", "12"});
  CHECK(surfaces_of("kelas sepuluh") == V{"kelas", "10"});
  CHECK(surfaces_of("kelas 10") == V{"kelas", "10"});
  CHECK(surfaces_of("abad XIX") == V{"abad", "19"});
  // Elsewhere a Roman numeral's letters and a unit word stay words; a
  // non-canonical "numeral" is a word.
  CHECK(surfaces_of("x dan dua") == V{"x", "dan", "dua"});
  CHECK(surfaces_of("kelas mix") == V{"kelas", "mix"});
  CHECK(surfaces_of("kelas iiii") == V{"kelas", "iiii"});
  // The figure's offsets span the words it stands for.
  auto tokens = test::analyzer()->tokenize("kelas dua belas");
  REQUIRE(tokens.size() == 2);
  CHECK(tokens[1].start == 6);
  CHECK(tokens[1].end == 15);
}

TEST_CASE("Analyzer_AmountInWords_IsItsFigureAsArticlesWriteIt", "[analyzer]") {
  using V = std::vector<std::string>;
  // "Rp25.000" is "rp" "25" "000": the amount in words, or in figures with
  // "ribu", must be the same.
  CHECK(surfaces_of("Rp25.000") == V{"rp", "25", "000"});
  CHECK(surfaces_of("dua puluh lima ribu") == V{"25", "000"});
  CHECK(surfaces_of("25 ribu") == V{"25", "000"});
  CHECK(surfaces_of("lima ratus ribu rupiah") == V{"500", "000", "rupiah"});
  CHECK(surfaces_of("5 juta") == V{"5", "000", "000"});
  CHECK(surfaces_of("seribu dua ratus") == V{"1", "200"});
  CHECK(surfaces_of("sepuluh tahun") == V{"10", "tahun"});
  // A unit word alone is a word; a comma ends an amount.
  CHECK(surfaces_of("lima orang") == V{"lima", "orang"});
  CHECK(surfaces_of("dua tiga") == V{"dua", "tiga"});
  CHECK(surfaces_of("sebelas, dua belas") == V{"11", "12"});
  // An ordinal in words is its figure, as "ke-10" writes it; "kedua" alone
  // ("kedua negara", "tahap kedua") stays a word.
  CHECK(surfaces_of("abad kesepuluh") == V{"abad", "10"});
  CHECK(surfaces_of("abad ke-10") == V{"abad", "ke", "10"});
  CHECK(surfaces_of("abad kesembilan belas") == V{"abad", "19"});
  CHECK(surfaces_of("tahap kedua") == V{"tahap", "kedua"});
  // The figure's groups point at the words they stand for.
  auto tokens = test::analyzer()->tokenize("harga dua puluh lima ribu");
  REQUIRE(tokens.size() == 3);
  CHECK(tokens[1].start == 6);
  CHECK(tokens[2].end == 25);
}

TEST_CASE("Analyzer_CoefficientBeforeFormula_IsANumberOfItsOwn", "[analyzer]") {
  CHECK(surfaces_of("6CO2 + 6H2O, 10km") == std::vector<std::string>{"6", "co2", "6", "h2o", "10km"});
}

TEST_CASE("Analyzer_Offsets_PointIntoOriginalBytes", "[analyzer]") {
  std::string text = "  Élite, negara-negara (diplomasi)!";
  auto tokens = test::analyzer()->analyze(text);
  REQUIRE(tokens.size() == 3);
  for (const auto& t : tokens) {
    std::string original = text.substr(t.start, t.end - t.start);
    CAPTURE(original);
    CHECK_FALSE(original.empty());
  }
  CHECK(text.substr(tokens[0].start, tokens[0].end - tokens[0].start) == "Élite");
  CHECK(text.substr(tokens[1].start, tokens[1].end - tokens[1].start) == "negara-negara");
  CHECK(text.substr(tokens[2].start, tokens[2].end - tokens[2].start) == "diplomasi");
}

TEST_CASE("Analyzer_HostileBytes_NeverFailAndStayValid", "[analyzer]") {
  auto text = GENERATE(as<std::string>{}, "", "   ", "\"*^:()-", std::string("\xff\xc3\x28\xe2\x82", 5),
                       "مرحبا بالعالم", "😀😀 🇮🇩", "NEAR(a b) AND OR NOT", std::string(100000, 'a'),
                       std::string("a\0b", 3));
  auto tokens = test::analyzer()->analyze(text);
  for (const auto& t : tokens) {
    CHECK(t.end <= text.size());
    CHECK(t.start < t.end);
    CHECK_FALSE(t.term.empty());
  }
}

TEST_CASE("Analyzer_InvisibleCharacters_AreNoBreakNorPartOfTheWord", "[analyzer]") {
  // A byte order mark before the question, zero-width joiners and spaces and
  // a word joiner inside words, as chat apps and copy-paste leave them.
  std::string text = "\xEF\xBB\xBF" "Apa i\u200Btu ke\u200Crja sa\u200Dma bila\u2060teral? x\u200D\uFE0Fy";
  auto tokens = test::analyzer()->tokenize(text);
  std::vector<std::string> surfaces;
  for (const auto& t : tokens) surfaces.push_back(t.surface);
  CHECK(surfaces == std::vector<std::string>{"apa", "itu", "kerja", "sama", "bilateral", "xy"});
  CHECK(text.substr(tokens[2].start, tokens[2].end - tokens[2].start) == "ke\u200Crja");
  // Alone, between words, it still parts them.
  CHECK(test::analyzer()->tokenize("kerja \u200B sama").size() == 2);
}

TEST_CASE("Analyzer_LetterForms_ReadAsThePlainLetter", "[analyzer]") {
  // Fullwidth letters and punctuation (a Chinese or Japanese keyboard), bold
  // and italic "fancy text" letters, accents precomposed and combining.
  std::string text = "\uFF21\uFF50\uFF41 \U0001D41D\U0001D422\U0001D429\U0001D425\U0001D428\U0001D426\U0001D41A"
                     "\U0001D42C\U0001D422\uFF1F El Ni\u00F1o, CAF\u00C9, cafe\u0301, \u0141\u00F3d\u017A \uFF12\uFF10\uFF12\uFF14";
  auto tokens = test::analyzer()->tokenize(text);
  std::vector<std::string> surfaces;
  for (const auto& t : tokens) surfaces.push_back(t.surface);
  CHECK(surfaces == std::vector<std::string>{"apa", "diplomasi", "el", "nino", "cafe", "cafe", "lodz", "2024"});
  // Offsets are the original bytes: the bold word with its four-byte letters.
  CHECK(text.substr(tokens[1].start, tokens[1].end - tokens[1].start) ==
        "\U0001D41D\U0001D422\U0001D429\U0001D425\U0001D428\U0001D426\U0001D41A\U0001D42C\U0001D422");
  // The same stems as the plain words, so a question in any of these forms
  // finds what the plain one finds.
  auto plain = test::analyzer()->analyze("apa diplomasi el nino 2024");
  auto folded = test::analyzer()->analyze("\uFF21\uFF50\uFF41 \U0001D41D\U0001D422\U0001D429\U0001D425\U0001D428\U0001D426"
                                          "\U0001D41A\U0001D42C\U0001D422 El Ni\u00F1o \uFF12\uFF10\uFF12\uFF14");
  REQUIRE(plain.size() == folded.size());
  for (size_t i = 0; i < plain.size(); ++i) CHECK(plain[i].term == folded[i].term);
  // Typographic ligatures, as text copied from a PDF writes them, are their letters.
  auto ligatures = test::analyzer()->tokenize("de\uFB01nisi o\uFB03ce \uFB02ora");
  REQUIRE(ligatures.size() == 3);
  CHECK(ligatures[0].surface == "definisi");
  CHECK(ligatures[1].surface == "office");
  CHECK(ligatures[2].surface == "flora");
  CHECK(test::analyzer()->analyze("de\uFB01nisi")[0].term == test::analyzer()->analyze("definisi")[0].term);
  // Letters of other scripts and letters that are no accented form stay.
  CHECK(test::analyzer()->tokenize("stra\u00DFe \u0438\u043C\u044F")[0].surface == "stra\u00DFe");
  CHECK(test::analyzer()->tokenize("stra\u00DFe \u0438\u043C\u044F")[1].surface == "\u0438\u043C\u044F");
}

TEST_CASE("Analyzer_Tokenize_SplitsOnPunctuationAndKeepsDigits", "[analyzer]") {
  auto tokens = test::analyzer()->tokenize("COVID-19, tahun 2022; G20.");
  std::vector<std::string> surfaces;
  for (const auto& t : tokens) surfaces.push_back(t.surface);
  CHECK(surfaces == std::vector<std::string>{"covid", "19", "tahun", "2022", "g20"});
}

TEST_CASE("Analyzer_Price_IsTheCurrencyAndTheAmount", "[analyzer]") {
  // "Rp10.000" as "Rp 10.000": "rupiah" (its synonym) finds a price.
  const std::string text = "harga Rp10.000";
  auto tokens = test::analyzer()->tokenize(text);
  REQUIRE(tokens.size() == 4);
  CHECK(tokens[1].surface == "rp");
  CHECK(text.substr(tokens[1].start, tokens[1].end - tokens[1].start) == "Rp");
  CHECK(tokens[2].surface == "10");
  CHECK(text.substr(tokens[2].start, tokens[2].end - tokens[2].start) == "10");
  CHECK(tokens[3].surface == "000");
  // A word that only begins with "rp" stays one word.
  CHECK(test::analyzer()->tokenize("rpm")[0].surface == "rpm");
}

TEST_CASE("Analyzer_PercentSign_IsTheWordPersen", "[analyzer]") {
  // "10%" and "35 %" after a figure read "persen", its offsets those of the
  // sign: "berapa persen" finds a share a table writes with the sign. A
  // sign after no figure is no word.
  const std::string text = "bobot 10% dan 35 % dari 100 %x, diskon %";
  auto tokens = test::analyzer()->tokenize(text);
  std::vector<std::string> surfaces;
  for (const auto& t : tokens) surfaces.push_back(t.surface);
  CHECK(surfaces == std::vector<std::string>{"bobot", "10", "persen", "dan", "35", "persen", "dari", "100", "persen", "x",
                                             "diskon"});
  CHECK(text.substr(tokens[2].start, tokens[2].end - tokens[2].start) == "%");
  CHECK(text.substr(tokens[5].start, tokens[5].end - tokens[5].start) == "%");
}

TEST_CASE("Analyzer_KnownWord_NamesWrittenInLowercase", "[analyzer]") {
  // Questions are analysed in lowercase; hunspell-id lists names capitalised.
  // A name is a known word, so typo correction leaves it alone ("eropa" is
  // not "europa", a moon).
  const auto& a = *test::analyzer();
  CHECK(a.known_word("eropa"));
  CHECK(a.known_word("jakarta"));
  CHECK(a.known_word("rumah"));
  CHECK_FALSE(a.known_word("rumahq"));
}

#pragma once
// Names an article gives one thing twice, read from its own sentences, so that
// a question using one finds passages using the other:
//   - "Perundungan atau bullying adalah …", "Sel darah merah atau eritrosit
//     berbentuk …": at the start of a sentence, up to three words, "atau", and
//     one word that is a term (hunspell-id lacks it) or is followed by the
//     start of the predicate (adalah, dapat, a ber-/me-/di-/ter- verb).
//   - "Indeks Standar Pencemar Udara (ISPU)", "Surat Keterangan Catatan
//     Kepolisian atau SKCK": an acronym in brackets or after "atau" and the
//     words before it whose letters it takes in order (Schwartz and Hearst's
//     rule for abbreviation definitions); "SHU atau Sisa Hasil Usaha", "SHU
//     (Sisa Hasil Usaha)": the fewest words after it that it spells.
// Pure: the caller gives the text and the analyzer; thread-safe.
#include <string>
#include <string_view>
#include <vector>

#include "index/analyzer.hpp"

namespace tanya {

struct ArticleAlias {
  std::vector<std::string> name;  // the longer name, lowercase words ("sel", "darah", "merah")
  std::string other;              // the other name, one lowercase word ("eritrosit", "ispu")
};

// `tokens`: analyzer.tokenize(text), which the caller has at hand.
std::vector<ArticleAlias> find_aliases(std::string_view text, const std::vector<Token>& tokens,
                                       const Analyzer& analyzer);
inline std::vector<ArticleAlias> find_aliases(std::string_view text, const Analyzer& analyzer) {
  return find_aliases(text, analyzer.tokenize(text), analyzer);
}

// Names written in capitals and never shortened in the text ("Surat
// Keterangan Tidak Mampu", "Program Keluarga Harapan"), each with the acronym
// of its initials ("sktm", "pkh") that students type for it: every run of
// kMinSpelledWords or more capitalised words side by side (spaces only between
// them), and each part of it that long, since a sentence's first word or a
// preceding name may join the run ("Di Data Terpadu …").
inline constexpr size_t kMinSpelledWords = 3;
std::vector<ArticleAlias> find_spelled_names(std::string_view text, const std::vector<Token>& tokens);

// The acronym's letters stand in order in `words`, its first letter starting
// the first word: how many of the last words of `words` spell it (0: none).
size_t acronym_span(std::string_view acronym, const std::vector<std::string>& words);

}  // namespace tanya

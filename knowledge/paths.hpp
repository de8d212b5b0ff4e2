#pragma once
// Where tanya finds its data files at run time. The root is $TANYA_DATA_DIR when
// set (the Docker image sets it), else the source tree the binary was built from.
#include <string>

namespace tanya {

std::string data_dir();               // the root holding knowledge/ and web/
std::string default_knowledge_dir();  // the bundled articles
std::string lexicon_dir();            // word lists, glossaries, replies
std::string static_dir();             // the widget and demo page

// Debian's language data. Each path can be moved by an environment variable
// (tests point it at a missing file to see the error).
inline constexpr const char* kThesaurusPath = "/usr/share/mythes/th_id_ID_v2.dat";     // mythes-id
inline constexpr const char* kEnglishDictionaryBase = "/usr/share/dictd/freedict-eng-ind";  // dict-freedict-eng-ind
std::string thesaurus_path();           // $TANYA_THESAURUS, else kThesaurusPath
std::string english_dictionary_base();  // $TANYA_ENGLISH_DICTIONARY, else kEnglishDictionaryBase (+ .index, .dict.dz)

}  // namespace tanya

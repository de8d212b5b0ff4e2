#pragma once
// Where tanya finds its data files at run time. The root is $TANYA_DATA_DIR when
// set (the Docker image sets it), else the source tree the binary was built from.
#include <string>

namespace tanya {

std::string data_dir();               // the root holding knowledge/ and web/
std::string default_knowledge_dir();  // the bundled articles
std::string lexicon_dir();            // word lists, glossaries, replies
std::string static_dir();             // the widget and demo page

}  // namespace tanya

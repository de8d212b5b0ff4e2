#pragma once
// Headings as a reader sees them in a chat: a title or section written in
// capitals ("PEMBAGIAN TEMPAT PER KELAS:", as announcements and WhatsApp
// broadcasts write them) shows as "Pembagian tempat per kelas" in an
// answer's source and in the suggestions ("Apa biaya / infak?" rather than
// "Apa BIAYA / INFAK?"), each word cased as the article's own text writes
// it (an acronym stays "SMA", a name "Padasuka"); a heading's closing colon
// is dropped. Pure: a function of the article; thread-safe.
#include "knowledge/unit.hpp"

namespace tanya {

// Recases the article's title and section titles in place (see above).
void recase_headings(Article* article);

}  // namespace tanya

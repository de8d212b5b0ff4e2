#pragma once
// Suggestions a conversation has not seen yet. A conversation remembers the
// questions it asked and the suggestions it was shown (Conversation::seen), so
// no question is offered twice and none the student already asked. Pure
// functions over the caller's Conversation; thread-safe as long as the
// conversation is not shared (engine.hpp).
#include <string>
#include <string_view>
#include <vector>

#include "bot/answer.hpp"

namespace tanya {

// How many suggestions an answer offers, and how many the welcome offers.
inline constexpr size_t kSuggestions = 3;
inline constexpr size_t kWelcomeSuggestions = 4;
// How many asked or shown questions a conversation remembers: a long chat
// forgets the oldest first. 64 covers ~15 turns of 3 suggestions and the
// question, and keeps a stored conversation (Redis) a few KB at most.
inline constexpr size_t kSeenMax = 64;

// A section heading as a question a student could ask ("Manfaat Kerja Sama
// Bilateral" → "Apa manfaat Kerja Sama Bilateral?"), so a tapped suggestion
// reads as the student's question; a heading already phrased as a question
// ("Mengapa …", "… ?") only gets its question mark, and a kind-of-section word
// before a colon ("Tabel: …", "Kesimpulan: …") is left out.
std::string heading_question(std::string_view heading);

// The same question however it was typed: ASCII case, spacing and the final
// punctuation do not count.
std::string question_key(std::string_view text);

// The first `n` of `candidates` (best first) that `conv` has not seen and that
// are not repeated in the list; all of them up to `n` without a conversation.
std::vector<std::string> pick_unseen(const std::vector<std::string>& candidates, const Conversation* conv, size_t n);

// Notes questions asked or suggestions shown (no-op without a conversation).
void remember_seen(Conversation* conv, const std::vector<std::string>& texts);

}  // namespace tanya

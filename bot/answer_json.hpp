#pragma once
// The answer object as JSON, exactly as the contract names it; shared by
// `tanya ask --json`, POST /api/ask and the WebSocket answer message. Written
// straight into the caller's buffer (knowledge/base/json_out.hpp): one pass,
// no tree, fields in the contract's order. Pure.
#include <nlohmann/json.hpp>
#include <string>

#include "bot/answer.hpp"

namespace tanya {

// Appends the answer object's members, comma-separated, without the braces,
// so that a message can put its own members ("type", "id") before them.
void append_answer_members(const Answer& answer, std::string* out);
// The answer object: "{" members "}".
std::string answer_object_json(const Answer& answer);
// The same as a tree, for the command line and tests (parsed from the text
// above, so there is one way the answer is written).
nlohmann::json to_json(const Answer& answer);

}  // namespace tanya

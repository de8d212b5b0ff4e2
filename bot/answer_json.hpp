#pragma once
// The answer object as JSON, exactly as the contract names it; shared by
// `tanya ask --json`, POST /api/ask and the WebSocket answer message.
#include <nlohmann/json.hpp>

#include "bot/answer.hpp"

namespace tanya {

nlohmann::json to_json(const Answer& answer);

}  // namespace tanya

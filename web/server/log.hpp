#pragma once
// Logging for the server: spdlog set up once, text or JSON lines. `fail` is
// the Beast examples' error sink: silent for the errors that only mean a peer
// went away or an operation was cancelled.
#include <spdlog/spdlog.h>

#include <string>
#include <string_view>

#include "web/server/beast.hpp"

namespace tanya {

// "text" or "json"; level as spdlog names it. Call once, before serving.
void setup_logging(const std::string& format, const std::string& level);

// Escapes a value for the JSON log format (quotes, backslashes, control bytes);
// every string that a client controls goes through it before logging.
std::string log_safe(std::string_view s);

void fail(beast::error_code ec, const char* what, uint64_t connection);

}  // namespace tanya

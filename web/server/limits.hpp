#pragma once
// The limits every connection enforces at the edge, read once from the
// configuration (web/PROTOCOL.md, "Configuration", gives each its default).
// Immutable after start: thread-safe.
#include <chrono>
#include <cstddef>
#include <cstdint>

#include "web/cli/config.hpp"

namespace tanya {

struct ServerLimits {
  size_t max_message = 16384;
  size_t max_body = 16384;
  size_t max_header = 8192;
  int64_t max_connections = 10000;
  size_t max_question_chars = 1000;
  double rate = 10;
  double burst = 20;
  std::chrono::seconds idle_timeout{300};
  std::chrono::seconds handshake_timeout{10};
};

// Values below a sane floor are raised to it; the configuration has already
// refused values that are not numbers (parse_config).
ServerLimits limits_from(const Config& config);

}  // namespace tanya

#include "web/server/limits.hpp"

#include <algorithm>

namespace tanya {

ServerLimits limits_from(const Config& c) {
  ServerLimits l;
  l.max_message = static_cast<size_t>(std::max(256L, c.get_int("max-message")));
  l.max_body = static_cast<size_t>(std::max(256L, c.get_int("max-body")));
  l.max_header = static_cast<size_t>(std::max(1024L, c.get_int("max-header")));
  l.max_connections = std::max(1L, c.get_int("max-connections"));
  l.max_question_chars = static_cast<size_t>(std::max(1L, c.get_int("max-question")));
  l.rate = std::max(0.1, c.get_number("rate"));
  l.burst = std::max(1.0, c.get_number("burst"));
  l.idle_timeout = std::chrono::seconds(std::max(1L, c.get_int("idle-timeout")));
  l.handshake_timeout = std::chrono::seconds(std::max(1L, c.get_int("handshake-timeout")));
  return l;
}

}  // namespace tanya

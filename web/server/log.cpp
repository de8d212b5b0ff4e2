#include "web/server/log.hpp"

#include <cstdio>

namespace tanya {

void setup_logging(const std::string& format, const std::string& level) {
  if (format == "json")
    spdlog::set_pattern(R"({"time":"%Y-%m-%dT%H:%M:%S.%e%z","level":"%l","msg":"%v"})");
  else
    spdlog::set_pattern("%Y-%m-%d %H:%M:%S.%e %^%l%$ %v");
  spdlog::set_level(spdlog::level::from_str(level));
}

std::string log_safe(std::string_view s) {
  std::string out;
  for (unsigned char c : s.substr(0, 200)) {
    if (c == '"' || c == '\\') {
      out.push_back('\\');
      out.push_back(static_cast<char>(c));
    } else if (c < 0x20 || c == 0x7F) {
      char buf[8];
      std::snprintf(buf, sizeof buf, "\\u%04x", c);
      out += buf;
    } else {
      out.push_back(static_cast<char>(c));
    }
  }
  return out;
}

void fail(beast::error_code ec, const char* what, uint64_t connection) {
  if (ec == net::error::operation_aborted || ec == websocket::error::closed || ec == net::error::eof ||
      ec == net::error::connection_reset || ec == beast::error::timeout || ec == net::error::broken_pipe)
    return;
  spdlog::debug("conn={} {}: {}", connection, what, log_safe(ec.message()));
}

}  // namespace tanya

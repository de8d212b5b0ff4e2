#include "web/server/error_code.hpp"

#include "knowledge/base/utf8.hpp"

namespace tanya {

// The enum's order is the table's: checked once, at compile time.
static_assert([] {
  for (size_t i = 0; i < kErrorCodes.size(); ++i)
    if (static_cast<size_t>(kErrorCodes[i].code) != i) return false;
  return true;
}());

std::optional<ErrorCode> error_code_named(std::string_view n) {
  for (const auto& e : kErrorCodes)
    if (e.name == n) return e.code;
  return std::nullopt;
}

Error not_json(std::string_view what, std::string_view text) {
  if (!utf8::valid(text)) return protocol_error(ErrorCode::bad_request, "the " + std::string(what) + " is not valid UTF-8");
  return protocol_error(ErrorCode::bad_json, "the " + std::string(what) + " is not valid JSON");
}

ProtocolError to_protocol_error(const Error& e) {
  return ProtocolError{error_code_named(e.code).value_or(ErrorCode::internal), e.message};
}

}  // namespace tanya

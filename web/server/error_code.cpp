#include "web/server/error_code.hpp"

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

ProtocolError to_protocol_error(const Error& e) {
  return ProtocolError{error_code_named(e.code).value_or(ErrorCode::internal), e.message};
}

}  // namespace tanya

#pragma once
// The protocol's error codes: one enum and one table — the code, its name on
// the wire and in tanya_errors_total{code=…}, and its HTTP status. The table
// "Error codes" of web/PROTOCOL.md lists the same rows in the same order.
// Every error a client sees is made from here; names are never renamed.
// Pure data: thread-safe.
#include <array>
#include <cstddef>
#include <optional>
#include <string>
#include <string_view>

#include "knowledge/base/result.hpp"

namespace tanya {

enum class ErrorCode {
  bad_json,
  bad_request,
  too_large,
  rate_limited,
  unsupported,
  internal,
  forbidden,
  unauthorized,
  not_found,
  unavailable,
};

struct ErrorCodeInfo {
  ErrorCode code;
  std::string_view name;  // on the wire ("code") and the metrics label
  int http_status;        // for HTTP endpoints
};

inline constexpr std::array<ErrorCodeInfo, 10> kErrorCodes = {{
    {ErrorCode::bad_json, "bad_json", 400},
    {ErrorCode::bad_request, "bad_request", 400},
    {ErrorCode::too_large, "too_large", 413},
    {ErrorCode::rate_limited, "rate_limited", 429},
    {ErrorCode::unsupported, "unsupported", 415},
    {ErrorCode::internal, "internal", 500},
    {ErrorCode::forbidden, "forbidden", 403},
    {ErrorCode::unauthorized, "unauthorized", 401},
    {ErrorCode::not_found, "not_found", 404},
    {ErrorCode::unavailable, "unavailable", 503},
}};

constexpr const ErrorCodeInfo& info(ErrorCode c) { return kErrorCodes[static_cast<size_t>(c)]; }
constexpr std::string_view name(ErrorCode c) { return info(c).name; }
constexpr int http_status(ErrorCode c) { return info(c).http_status; }
// The code named `name`; nullopt for a name outside the table.
std::optional<ErrorCode> error_code_named(std::string_view name);

// An error as a client sees it: a code of the table and a message for people.
struct ProtocolError {
  ErrorCode code = ErrorCode::internal;
  std::string message;
};

// For layers that return the base Result (adapters' parse): an Error whose code
// is the protocol code's name, read back with to_protocol_error at the edge.
inline Error protocol_error(ErrorCode c, std::string message) { return Error{std::string(name(c)), std::move(message)}; }
// Why a body did not parse as JSON (`what`: "body", "update"): not UTF-8 is
// bad_request, as on every endpoint (the parser refuses invalid UTF-8 in a
// string, so it is checked only to name the error); else bad_json.
Error not_json(std::string_view what, std::string_view text);
// A base Error at the edge: its code when it names one of the table, else internal.
ProtocolError to_protocol_error(const Error& e);

}  // namespace tanya

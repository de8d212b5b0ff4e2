#pragma once
// The HTTP responses every handler builds: JSON with the contract's error
// shape, the status taken from the error code (web/PROTOCOL.md). Pure.
#include <string>

#include "web/server/beast.hpp"

namespace tanya {

using HttpRequest = http::request<http::string_body>;
using HttpResponse = http::response<http::string_body>;

// The HTTP status of an error code ("bad_request" → 400, "unauthorized" → 401…).
int status_for(const std::string& code);
HttpResponse json_response(unsigned version, bool keep_alive, int status, std::string body);
HttpResponse error_response(unsigned version, bool keep_alive, const std::string& code, const std::string& message);
// The request path without its query.
std::string path_of(beast::string_view target);

}  // namespace tanya

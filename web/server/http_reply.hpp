#pragma once
// The HTTP responses every handler builds: JSON with the contract's error
// shape, the status taken from the one table of error codes (error_code.hpp).
// Pure.
#include <string>

#include "web/server/beast.hpp"
#include "web/server/error_code.hpp"

namespace tanya {

using HttpRequest = http::request<http::string_body>;
using HttpResponse = http::response<http::string_body>;

HttpResponse json_response(unsigned version, bool keep_alive, int status, std::string body);
// The error's JSON (no id) with the table's HTTP status.
HttpResponse error_response(unsigned version, bool keep_alive, const ProtocolError& e);
// A file's body as the response's (GET), or only its length (HEAD); then the
// framing and keep-alive. For the static files and the console page.
void set_file_body(HttpResponse& res, const std::string& body, http::verb method, bool keep_alive);
// The request path without its query.
std::string path_of(beast::string_view target);
// Whether the request says its body is JSON (parameters such as charset allowed).
bool json_content(const HttpRequest& req);

}  // namespace tanya

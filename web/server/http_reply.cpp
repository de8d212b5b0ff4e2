#include "web/server/http_reply.hpp"

#include "web/server/protocol.hpp"

namespace tanya {

int status_for(const std::string& code) {
  if (code == "bad_json" || code == "bad_request") return 400;
  if (code == "too_large") return 413;
  if (code == "rate_limited") return 429;
  if (code == "unsupported") return 415;
  if (code == "forbidden") return 403;
  if (code == "not_found") return 404;
  if (code == "unavailable") return 503;
  if (code == "unauthorized") return 401;
  return 500;
}

HttpResponse json_response(unsigned version, bool keep_alive, int status, std::string body) {
  HttpResponse res{static_cast<http::status>(status), version};
  res.set(http::field::server, "tanya");
  res.set(http::field::content_type, "application/json");
  res.set(http::field::cache_control, "no-store");
  res.keep_alive(keep_alive);
  res.body() = std::move(body);
  res.prepare_payload();
  return res;
}

HttpResponse error_response(unsigned version, bool keep_alive, const std::string& code, const std::string& message) {
  return json_response(version, keep_alive, status_for(code), error_json("", code, message));
}

std::string path_of(beast::string_view target) {
  auto q = target.find('?');
  return std::string(target.substr(0, q));
}

}  // namespace tanya

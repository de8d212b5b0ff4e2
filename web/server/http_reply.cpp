#include "web/server/http_reply.hpp"

#include "knowledge/base/strings.hpp"
#include "web/server/protocol.hpp"

namespace tanya {

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

HttpResponse error_response(unsigned version, bool keep_alive, const ProtocolError& e) {
  return json_response(version, keep_alive, http_status(e.code), error_json(nullptr, e));
}

void set_file_body(HttpResponse& res, const std::string& body, http::verb method, bool keep_alive) {
  res.keep_alive(keep_alive);
  if (method != http::verb::head) res.body() = body;
  res.prepare_payload();
  if (method == http::verb::head) res.content_length(body.size());
}

std::string path_of(beast::string_view target) {
  auto q = target.find('?');
  return std::string(target.substr(0, q));
}

bool json_content(const HttpRequest& req) {
  // A media type is case-insensitive and may have spaces before its
  // parameters (RFC 9110 8.3.1): "Application/JSON ; charset=utf-8" is JSON.
  std::string_view type = req[http::field::content_type];
  return beast::iequals(trim(type.substr(0, type.find(';'))), "application/json");
}

}  // namespace tanya

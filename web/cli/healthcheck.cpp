#include "web/cli/healthcheck.hpp"

#include <cstdio>
#include <nlohmann/json.hpp>

#include "web/server/beast.hpp"

namespace tanya {

int run_healthcheck(const Config& config) {
  net::io_context ioc;
  beast::tcp_stream stream(ioc);
  beast::error_code ec;
  std::string host = config.get("host") == "0.0.0.0" ? "127.0.0.1" : config.get("host");
  auto address = net::ip::make_address(host, ec);
  if (ec) return 1;
  stream.expires_after(std::chrono::seconds(3));
  stream.connect(tcp::endpoint(address, static_cast<unsigned short>(config.get_int("port"))), ec);
  if (ec) {
    std::fprintf(stderr, "unhealthy: %s\n", ec.message().c_str());
    return 1;
  }
  http::request<http::empty_body> req{http::verb::get, "/healthz", 11};
  req.set(http::field::host, host);
  http::write(stream, req, ec);
  beast::flat_buffer buffer;
  http::response<http::string_body> res;
  if (!ec) http::read(stream, buffer, res, ec);
  if (ec || res.result() != http::status::ok) {
    std::fprintf(stderr, "unhealthy: %s\n", ec ? ec.message().c_str() : "status not 200");
    return 1;
  }
  auto j = nlohmann::json::parse(res.body(), nullptr, false);
  bool ok = j.is_object() && j.value("status", "") == "ok";
  std::printf("%s\n", res.body().c_str());
  return ok ? 0 : 1;
}

}  // namespace tanya

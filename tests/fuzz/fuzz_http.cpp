// HTTP requests as bytes: Beast's parser with the server's limits, then the
// /api/ask body check and every adapter's payload parsing. Nothing may crash;
// whatever parses gets a Result.
#include <cstdint>
#include <string>

#include "web/channels/adapter.hpp"
#include "web/server/beast.hpp"
#include "web/cli/config.hpp"
#include "web/server/protocol.hpp"

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  static const auto adapters = [] {
    char arg0[] = "serve", arg1[] = "--telegram-secret", arg2[] = "s3cret";
    char* argv[] = {arg0, arg1, arg2};
    auto config = tanya::parse_config(3, argv, {});
    return tanya::make_adapters(*config);
  }();
  http::request_parser<http::string_body> parser;
  parser.header_limit(8192);
  parser.body_limit(16384);
  parser.eager(true);
  beast::error_code ec;
  parser.put(net::buffer(data, size), ec);
  if (ec || !parser.is_done()) return 0;
  const auto& req = parser.get();
  (void)tanya::parse_ask_body(req.body());
  for (const auto& adapter : adapters) {
    auto m = adapter->parse(req);
    if (m) (void)adapter->render(*m, nullptr);
  }
  return 0;
}

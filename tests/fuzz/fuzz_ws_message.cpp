// The WebSocket message handler: any frame payload gets exactly one reply that
// is a JSON object with a type (an answer, an error), or a stored vote.
#include <cstdint>
#include <nlohmann/json.hpp>
#include <string>

#include "tests/fuzz/fuzz_support.hpp"
#include "web/server/protocol.hpp"

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  std::string payload(reinterpret_cast<const char*>(data), size);
  tanya::Conversation conv;
  tanya::ProtocolLimits limits;
  auto r = tanya::handle_ws_message(payload, tanya::fuzz::engine(), &conv, limits);
  if (r.kind == "feedback") return 0;
  auto j = nlohmann::json::parse(r.json, nullptr, false);
  if (j.is_discarded() || !j.is_object() || !j.contains("type")) __builtin_trap();
  if (r.kind == "error" && (!j.contains("code") || !j.contains("message"))) __builtin_trap();
  return 0;
}

// The WebSocket message handler: any frame payload is refused with an error
// that is a JSON object with a type, a code and a message, or parsed into an
// ask whose checked text the engine answers with a JSON answer object.
#include <cstdint>
#include <nlohmann/json.hpp>
#include <string>

#include "bot/engine.hpp"
#include "tests/fuzz/fuzz_support.hpp"
#include "web/server/answering.hpp"
#include "web/server/protocol.hpp"

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  std::string payload(reinterpret_cast<const char*>(data), size);
  static tanya::Conversation conv;  // follow-ups across inputs, as on one connection
  auto m = tanya::parse_ws_message(payload);
  if (!m.error && m.kind == tanya::WsMessage::Kind::ask) m.error = tanya::Answering::check_text(m.text, 1000);
  std::string reply;
  if (m.error) {
    reply = tanya::error_json(m.id, *m.error);
  } else if (m.kind == tanya::WsMessage::Kind::ask) {
    auto a = tanya::fuzz::engine().answer(m.text, &conv);
    if (!a) __builtin_trap();
    reply = tanya::answer_json(*a, m.id);
  } else {
    return 0;  // feedback
  }
  auto j = nlohmann::json::parse(reply, nullptr, false);
  if (j.is_discarded() || !j.is_object() || !j.contains("type") || j["id"] != m.id) __builtin_trap();
  if (m.error && (!j.contains("code") || !j.contains("message"))) __builtin_trap();
  return 0;
}

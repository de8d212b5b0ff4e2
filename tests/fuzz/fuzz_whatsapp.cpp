// The WhatsApp Cloud API webhook payload as bytes: the parser, the signature
// check and the rendering of whatever it read must never crash; whatever
// parses gets a Result.
#include <cstdint>
#include <string>
#include <string_view>

#include "web/channels/chat_text.hpp"
#include "web/channels/whatsapp_payload.hpp"

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  std::string_view body(reinterpret_cast<const char*>(data), size);
  (void)tanya::whatsapp_signature_valid(body, body.substr(0, std::min<size_t>(size, 71)), "secret");
  auto payload = tanya::parse_whatsapp_payload(body);
  if (!payload) return 0;
  for (const auto& m : payload->messages) {
    tanya::Answer a;
    a.text = m.text;
    a.suggestions = {m.text, m.id};
    (void)tanya::render_whatsapp_answer(m.from, a);
    (void)tanya::read_chat_text(m.text, "tanya_bot");
  }
  return 0;
}

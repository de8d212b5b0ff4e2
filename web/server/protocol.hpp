#pragma once
// The chat protocol without sockets (web/PROTOCOL.md): one WebSocket text
// message or one POST /api/ask body parsed into a typed request, and the JSON
// replies written. Pure functions: no engine, no I/O; thread-safe; never throw
// (untrusted JSON is parsed with json::parse(s, nullptr, false)). The text of a
// question is checked by the answering path (web/server/answering.hpp), not
// here, so every channel follows one rule.
#include <nlohmann/json.hpp>
#include <optional>
#include <string>
#include <string_view>

#include "bot/answer.hpp"
#include "web/server/error_code.hpp"

namespace tanya {

class Engine;

// One WebSocket text message.
struct WsMessage {
  enum class Kind { ask, feedback } kind = Kind::ask;
  nlohmann::json id;                   // as the client sent it (any JSON scalar); null when absent
  std::string text;                    // ask
  std::string article;                 // ask: the page's article (empty: asked anywhere on the site)
  bool useful = false;                 // feedback
  std::optional<ProtocolError> error;  // set when the message is refused; `id` is still filled when readable
};
WsMessage parse_ws_message(std::string_view payload);

// The body of POST /api/ask.
struct AskBody {
  std::string text;
  std::string session;  // empty: no conversation across requests
  std::string article;  // the page's article (empty: asked anywhere on the site)
};
Result<AskBody, ProtocolError> parse_ask_body(std::string_view body);

// {"type":"error","id":…,"code":…,"message":…}
std::string error_json(const nlohmann::json& id, const ProtocolError& error);
// The answer object; with type "answer" and the id for a WebSocket.
std::string answer_json(const Answer& answer);
std::string answer_json(const Answer& answer, const nlohmann::json& id);
// {"type":"ack","id":…,"of":"feedback"}: sent once a vote is stored.
std::string ack_json(const nlohmann::json& id);
// The welcome message sent when a WebSocket opens; its suggestions are
// remembered as shown in `conversation`.
std::string welcome_json(const Engine& engine, Conversation* conversation);

// The id as a string for the event log's `ref` (a string id as it is, else its JSON).
std::string id_ref(const nlohmann::json& id);

}  // namespace tanya

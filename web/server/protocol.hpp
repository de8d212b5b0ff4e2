#pragma once
// The chat protocol without sockets: one WebSocket text message or one
// POST /api/ask body in, one JSON reply out. Never throws; untrusted JSON is
// parsed with json::parse(s, nullptr, false). Error codes and messages are the
// contract's (web/PROTOCOL.md). Thread-safe given a conversation per caller.
#include <nlohmann/json.hpp>
#include <string>

#include "bot/engine.hpp"

namespace tanya {

struct ProtocolLimits {
  size_t max_question_chars = 1000;
};

struct Reply {
  std::string json;          // what to send (empty for feedback: see ack_json)
  std::string kind;          // answer | error | feedback
  std::string id;            // the message id, as sent
  std::string question;      // for answers: the question asked
  Answer answer;             // for answers
  bool useful = false;       // for feedback
  std::string error_code;    // for errors
  std::string message;       // for errors
  std::string intent;        // for answers
  bool fallback = false;
  double confidence = 0;
  double seconds = 0;        // time spent answering
};

// {"type":"error","id":…,"code":…,"message":…}; id "" becomes null.
std::string error_json(const std::string& id, const std::string& code, const std::string& message);

// One WebSocket text message: ask or feedback.
Reply handle_ws_message(const std::string& payload, const Engine& engine, Conversation* conversation,
                        const ProtocolLimits& limits);

// The body of POST /api/ask, parsed and checked. On success `text` and
// `session` are set; otherwise `error` holds the error reply.
struct AskRequest {
  std::string text;
  std::string session;
  Reply error;
  bool ok = false;
};
AskRequest parse_ask_body(const std::string& body, const ProtocolLimits& limits);

// Answers a checked question, as the answer object (no type, no id).
Reply answer_reply(const std::string& text, const Engine& engine, Conversation* conversation, const char* type,
                   const std::string& id);

// {"type":"ack","id":…,"of":"feedback"}: sent once a vote is stored.
std::string ack_json(const std::string& id);

// Echo mode: the fixed answer object with the question's id, after the same
// parsing and checks as a real question.
Reply echo_reply(const std::string& payload, const nlohmann::json& fixed, const ProtocolLimits& limits);

// The welcome message sent when a WebSocket opens; its suggestions are
// remembered as shown in `conversation`.
std::string welcome_json(const Engine& engine, Conversation* conversation);

}  // namespace tanya

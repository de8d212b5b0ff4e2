#include "web/server/protocol.hpp"

#include <chrono>
#include <nlohmann/json.hpp>

#include "bot/answer_json.hpp"
#include "knowledge/base/utf8.hpp"

namespace tanya {

using nlohmann::json;

namespace {

std::string dump(const json& j) { return j.dump(-1, ' ', false, json::error_handler_t::replace); }

Reply error_reply(const std::string& id, const std::string& code, const std::string& message) {
  Reply r;
  r.kind = "error";
  r.error_code = code;
  r.message = message;
  r.json = error_json(id, code, message);
  return r;
}

// The id as the client sent it (string or number), or "" when absent.
std::string id_of(const json& j) {
  if (!j.is_object() || !j.contains("id")) return "";
  const auto& id = j["id"];
  if (id.is_string()) return id.get<std::string>().substr(0, 128);
  if (id.is_number_integer()) return std::to_string(id.get<long long>());
  return "";
}

size_t count_chars(const std::string& s) {
  size_t n = 0;
  for (unsigned char c : s) n += (c & 0xC0) != 0x80;
  return n;
}

bool blank(const std::string& s) {
  for (unsigned char c : s)
    if (!std::isspace(c)) return false;
  return true;
}

// Checks the text field; "" when it is fine, else sets the error.
bool check_text(const json& j, const std::string& id, const ProtocolLimits& limits, std::string* text, Reply* error) {
  if (!j.contains("text")) {
    *error = error_reply(id, "bad_request", "missing field \"text\"");
    return false;
  }
  if (!j["text"].is_string()) {
    *error = error_reply(id, "bad_request", "field \"text\" must be a string");
    return false;
  }
  *text = j["text"].get<std::string>();
  if (!utf8::valid(*text)) {
    *error = error_reply(id, "bad_request", "field \"text\" is not valid UTF-8");
    return false;
  }
  if (blank(*text)) {
    *error = error_reply(id, "bad_request", "field \"text\" is empty");
    return false;
  }
  if (count_chars(*text) > limits.max_question_chars) {
    *error = error_reply(id, "too_large",
                         "question longer than " + std::to_string(limits.max_question_chars) + " characters");
    return false;
  }
  return true;
}

}  // namespace

std::string error_json(const std::string& id, const std::string& code, const std::string& message) {
  json j = {{"type", "error"}, {"id", id.empty() ? json(nullptr) : json(id)}, {"code", code}, {"message", message}};
  return dump(j);
}

Reply answer_reply(const std::string& text, const Engine& engine, Conversation* conversation, const char* type,
                   const std::string& id) {
  auto start = std::chrono::steady_clock::now();
  auto answer = engine.answer(text, conversation);
  double seconds = std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count();
  if (!answer) return error_reply(id, "internal", "the answer could not be computed");
  json j = to_json(*answer);
  if (type) {
    j["type"] = type;
    j["id"] = id.empty() ? json(nullptr) : json(id);
  }
  Reply r;
  r.kind = "answer";
  r.json = dump(j);
  r.id = id;
  r.question = text;
  r.intent = answer->intent;
  r.fallback = answer->fallback;
  r.confidence = answer->confidence;
  r.seconds = seconds;
  r.answer = std::move(*answer);
  return r;
}

Reply handle_ws_message(const std::string& payload, const Engine& engine, Conversation* conversation,
                        const ProtocolLimits& limits) {
  if (!utf8::valid(payload)) return error_reply("", "bad_request", "the message is not valid UTF-8");
  json j = json::parse(payload, nullptr, false);
  if (j.is_discarded()) return error_reply("", "bad_json", "the message is not valid JSON");
  std::string id = id_of(j);
  if (!j.is_object()) return error_reply("", "bad_request", "the message must be a JSON object");
  if (!j.contains("type") || !j["type"].is_string())
    return error_reply(id, "bad_request", "field \"type\" must be a string");
  const std::string type = j["type"];
  if (type == "ask") {
    std::string text;
    Reply error;
    if (!check_text(j, id, limits, &text, &error)) return error;
    if (j.contains("lang") && !j["lang"].is_string())
      return error_reply(id, "bad_request", "field \"lang\" must be a string");
    return answer_reply(text, engine, conversation, "answer", id);
  }
  if (type == "feedback") {
    if (!j.contains("useful") || !j["useful"].is_boolean())
      return error_reply(id, "bad_request", "field \"useful\" must be true or false");
    Reply r;
    r.kind = "feedback";
    r.id = id;
    r.useful = j["useful"].get<bool>();
    return r;
  }
  return error_reply(id, "unsupported", "unknown message type \"" + type.substr(0, 40) + "\"");
}

AskRequest parse_ask_body(const std::string& body, const ProtocolLimits& limits) {
  AskRequest req;
  if (!utf8::valid(body)) {
    req.error = error_reply("", "bad_request", "the body is not valid UTF-8");
    return req;
  }
  json j = json::parse(body, nullptr, false);
  if (j.is_discarded()) {
    req.error = error_reply("", "bad_json", "the body is not valid JSON");
    return req;
  }
  if (!j.is_object()) {
    req.error = error_reply("", "bad_request", "the body must be a JSON object");
    return req;
  }
  if (!check_text(j, "", limits, &req.text, &req.error)) return req;
  if (j.contains("session")) {
    if (!j["session"].is_string() || j["session"].get<std::string>().size() > 128) {
      req.error = error_reply("", "bad_request", "field \"session\" must be a string of at most 128 bytes");
      return req;
    }
    req.session = j["session"];
  }
  req.ok = true;
  return req;
}

Reply echo_reply(const std::string& payload, const json& fixed, const ProtocolLimits& limits) {
  json j = json::parse(payload, nullptr, false);
  if (j.is_discarded()) return error_reply("", "bad_json", "the message is not valid JSON");
  std::string id = id_of(j), text;
  Reply error;
  if (!j.is_object() || j.value("type", "") != "ask") return error_reply(id, "unsupported", "echo answers ask only");
  if (!check_text(j, id, limits, &text, &error)) return error;
  json a = fixed;
  a["type"] = "answer";
  a["id"] = id.empty() ? json(nullptr) : json(id);
  Reply r;
  r.kind = "echo";
  r.json = dump(a);
  return r;
}

std::string ack_json(const std::string& id) {
  return dump(json{{"type", "ack"}, {"id", id.empty() ? json(nullptr) : json(id)}, {"of", "feedback"}});
}

std::string welcome_json(const Engine& engine, Conversation* conversation) {
  Answer w = engine.welcome("id", conversation);
  return dump(json{{"type", "welcome"}, {"text", w.text}, {"suggestions", w.suggestions}});
}

}  // namespace tanya

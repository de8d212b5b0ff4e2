#include "web/server/protocol.hpp"

#include "bot/answer_json.hpp"
#include "bot/engine.hpp"

namespace tanya {

using nlohmann::json;

namespace {

std::string dump(const json& j) { return j.dump(-1, ' ', false, json::error_handler_t::replace); }

// The text field of an ask (either protocol); its content is checked later.
std::optional<ProtocolError> read_text(const json& j, std::string* text) {
  if (!j.contains("text")) return ProtocolError{ErrorCode::bad_request, "missing field \"text\""};
  if (!j["text"].is_string()) return ProtocolError{ErrorCode::bad_request, "field \"text\" must be a string"};
  *text = j["text"].get<std::string>();
  return std::nullopt;
}

// The optional article field of an ask: the article whose page the chat is on.
constexpr size_t kMaxArticleName = 256;  // bytes; an article's name is its file's name
std::optional<ProtocolError> read_article(const json& j, std::string* article) {
  auto it = j.find("article");
  if (it == j.end() || it->is_null()) return std::nullopt;
  if (!it->is_string() || it->get_ref<const std::string&>().size() > kMaxArticleName)
    return ProtocolError{ErrorCode::bad_request,
                         "field \"article\" must be a string of at most " + std::to_string(kMaxArticleName) + " bytes"};
  *article = it->get<std::string>();
  return std::nullopt;
}


}  // namespace

WsMessage parse_ws_message(std::string_view payload) {
  WsMessage m;
  json j = json::parse(payload, nullptr, false);  // invalid UTF-8 in a string is a parse error
  if (j.is_discarded()) {
    m.error = to_protocol_error(not_json("message", payload));
    return m;
  }
  if (!j.is_object()) {
    m.error = ProtocolError{ErrorCode::bad_request, "the message must be a JSON object"};
    return m;
  }
  if (auto id = j.find("id"); id != j.end()) {
    if (!id->is_primitive()) {
      m.error = ProtocolError{ErrorCode::bad_request, "field \"id\" must be a string, a number, a boolean or null"};
      return m;
    }
    m.id = *id;
  }
  if (!j.contains("type") || !j["type"].is_string()) {
    m.error = ProtocolError{ErrorCode::bad_request, "field \"type\" must be a string"};
    return m;
  }
  const std::string type = j["type"];
  if (type == "ask") {
    m.kind = WsMessage::Kind::ask;
    m.error = read_text(j, &m.text);
    if (!m.error && j.contains("lang") && !j["lang"].is_string())
      m.error = ProtocolError{ErrorCode::bad_request, "field \"lang\" must be a string"};
    if (!m.error) m.error = read_article(j, &m.article);
    return m;
  }
  if (type == "feedback") {
    m.kind = WsMessage::Kind::feedback;
    if (!j.contains("useful") || !j["useful"].is_boolean())
      m.error = ProtocolError{ErrorCode::bad_request, "field \"useful\" must be true or false"};
    else
      m.useful = j["useful"].get<bool>();
    return m;
  }
  m.error = ProtocolError{ErrorCode::unsupported, "unknown message type \"" + type.substr(0, 40) + "\""};
  return m;
}

Result<AskBody, ProtocolError> parse_ask_body(std::string_view body) {
  json j = json::parse(body, nullptr, false);
  if (j.is_discarded()) return to_protocol_error(not_json("body", body));
  if (!j.is_object()) return ProtocolError{ErrorCode::bad_request, "the body must be a JSON object"};
  AskBody b;
  if (auto bad = read_text(j, &b.text)) return *bad;
  if (j.contains("session")) {
    if (!j["session"].is_string() || j["session"].get<std::string>().size() > 128)
      return ProtocolError{ErrorCode::bad_request, "field \"session\" must be a string of at most 128 bytes"};
    b.session = j["session"];
  }
  if (auto bad = read_article(j, &b.article)) return *bad;
  return b;
}

std::string error_json(const json& id, const ProtocolError& e) {
  return dump(json{{"type", "error"}, {"id", id}, {"code", std::string(name(e.code))}, {"message", e.message}});
}

std::string answer_json(const Answer& answer) { return answer_object_json(answer); }

std::string answer_json(const Answer& answer, const json& id) {
  // Sent for every question: written into one buffer, no tree (bot/answer_json.hpp).
  std::string out = "{\"type\":\"answer\",\"id\":";
  out += dump(id);
  out.push_back(',');
  append_answer_members(answer, &out);
  out.push_back('}');
  return out;
}

std::string ack_json(const json& id) { return dump(json{{"type", "ack"}, {"id", id}, {"of", "feedback"}}); }

std::string welcome_json(const Engine& engine, Conversation* conversation) {
  Answer w = engine.welcome("id", conversation);
  return dump(json{{"type", "welcome"}, {"text", w.text}, {"suggestions", w.suggestions}});
}

std::string id_ref(const json& id) { return id.is_string() ? id.get<std::string>() : id.dump(); }

}  // namespace tanya

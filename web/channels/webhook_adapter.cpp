// A generic webhook in the shape of Rasa's REST channel, so existing connectors
// can switch: POST /adapters/webhook {"sender":"…","text":"…"} ("message" is
// accepted for "text") → [{"recipient_id":"…","text":"…","buttons":[…]}].
// The text is read as in a messenger (chat_text.hpp): /start and /help, a
// leading reply quote.
#include <nlohmann/json.hpp>

#include "web/channels/adapter.hpp"
#include "web/channels/chat_text.hpp"

namespace tanya {

namespace {

using nlohmann::json;

class WebhookAdapter : public Adapter {
 public:
  std::string name() const override { return "webhook"; }
  std::string path_prefix() const override { return "/adapters/webhook"; }

  Result<AdapterMessage> parse(const http::request<http::string_body>& req) const override {
    std::string target(req.target());
    if (target.substr(0, target.find('?')) != path_prefix()) return protocol_error(ErrorCode::not_found, "no such path");
    json body = json::parse(req.body(), nullptr, false);
    if (body.is_discarded()) return not_json("body", req.body());
    if (!body.is_object()) return protocol_error(ErrorCode::bad_request, "the body must be a JSON object");
    if (!body.contains("sender") || !body["sender"].is_string() || body["sender"].get<std::string>().empty() ||
        body["sender"].get<std::string>().size() > 128)
      return protocol_error(ErrorCode::bad_request, "field \"sender\" must be a string of 1 to 128 bytes");
    const char* field = body.contains("text") ? "text" : "message";
    if (!body.contains(field) || !body[field].is_string())
      return protocol_error(ErrorCode::bad_request, "field \"text\" must be a string");
    AdapterMessage m;
    m.reply_to = body["sender"];
    m.conversation = "webhook:" + m.reply_to;
    ChatText said = read_chat_text(body[field].get<std::string>(), "");
    m.text = said.text;
    m.command = said.command;
    if (m.text.empty() && m.command.empty()) return protocol_error(ErrorCode::bad_request, "field \"text\" is empty");
    return m;
  }

  std::string render(const AdapterMessage& in, const Answer* a) const override {
    json messages = json::array();
    if (!a) return messages.dump();
    json buttons = json::array();
    for (const auto& s : a->suggestions) buttons.push_back({{"title", s}, {"payload", s}});
    json custom = {{"intent", a->intent}, {"fallback", a->fallback}, {"confidence", a->confidence}};
    if (!a->sources.empty())
      custom["source"] = {{"article", a->sources[0].article}, {"section", a->sources[0].section},
                          {"kind", a->sources[0].kind}};
    json m = {{"recipient_id", in.reply_to}, {"text", a->text}, {"custom", custom}};
    if (!buttons.empty()) m["buttons"] = buttons;
    messages.push_back(std::move(m));
    return messages.dump(-1, ' ', false, json::error_handler_t::replace);
  }
};

}  // namespace

std::unique_ptr<Adapter> make_webhook_adapter() { return std::make_unique<WebhookAdapter>(); }

}  // namespace tanya

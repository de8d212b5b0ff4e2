// Telegram: POST /adapters/telegram/{secret} receives a Bot API Update
// (https://core.telegram.org/bots/api#update) and answers in the webhook reply
// with a sendMessage call. Both the path secret and the
// X-Telegram-Bot-Api-Secret-Token header must match --telegram-secret.
#include <nlohmann/json.hpp>

#include "knowledge/base/strings.hpp"
#include "knowledge/base/utf8.hpp"
#include "web/channels/adapter.hpp"

namespace tanya {

namespace {

using nlohmann::json;

constexpr size_t kMaxMessage = 4000;  // Telegram allows 4096 characters

// s cut to at most max bytes on a character boundary, "…" marking a cut.
std::string cut_utf8(const std::string& s, size_t max) {
  if (s.size() <= max) return s;
  return std::string(utf8::cut(s, max)) + "…";
}

class TelegramAdapter : public Adapter {
 public:
  explicit TelegramAdapter(std::string secret) : secret_(std::move(secret)) {}
  std::string name() const override { return "telegram"; }
  std::string path_prefix() const override { return "/adapters/telegram/"; }

  Result<AdapterMessage> parse(const http::request<http::string_body>& req) const override {
    std::string target(req.target());
    target = target.substr(0, target.find('?'));
    if (target.rfind(path_prefix(), 0) != 0) return make_error("not_found", "no such path");
    std::string path_secret = target.substr(path_prefix().size());
    if (!constant_time_equal(path_secret, secret_)) return make_error("not_found", "no such path");
    if (!constant_time_equal(std::string(req["X-Telegram-Bot-Api-Secret-Token"]), secret_))
      return make_error("unauthorized", "missing or wrong X-Telegram-Bot-Api-Secret-Token");
    json update = json::parse(req.body(), nullptr, false);
    if (update.is_discarded()) return make_error("bad_json", "the update is not valid JSON");
    if (!update.is_object()) return make_error("bad_request", "the update must be a JSON object");

    AdapterMessage m;
    const json* message = nullptr;
    if (update.contains("message") && update["message"].is_object()) message = &update["message"];
    if (update.contains("callback_query") && update["callback_query"].is_object()) {
      // A suggestion button: its callback data is "s:N".
      const json& cq = update["callback_query"];
      if (cq.contains("message") && cq["message"].is_object()) message = &cq["message"];
      if (cq.contains("data") && cq["data"].is_string()) {
        std::string data = cq["data"];
        if (data.rfind("s:", 0) == 0) m.suggestion = std::atoi(data.c_str() + 2);
      }
    } else if (message && message->contains("text") && (*message)["text"].is_string()) {
      m.text = (*message)["text"];
    }
    if (!message || !message->contains("chat") || !(*message)["chat"].is_object() ||
        !(*message)["chat"].contains("id") || !(*message)["chat"]["id"].is_number_integer())
      return m;  // an update we do not answer (edited message, poll …): conversation stays empty
    m.reply_to = std::to_string((*message)["chat"]["id"].get<long long>());
    m.conversation = "telegram:" + m.reply_to;
    return m;
  }

  std::string render(const AdapterMessage& in, const Answer* a) const override {
    if (!a || in.reply_to.empty()) return "{}";  // Telegram ignores a reply without a method
    std::string text = html_escape(a->text);
    if (!a->fallback && !a->sources.empty())
      text += "\n\n<i>Sumber: " + html_escape(a->sources[0].section) + "</i>";
    json keyboard = json::array();
    for (size_t i = 0; i < a->suggestions.size(); ++i)
      keyboard.push_back(json::array({{{"text", cut_utf8(a->suggestions[i], 100)}, {"callback_data", "s:" + std::to_string(i)}}}));
    json reply = {{"method", "sendMessage"},
                  {"chat_id", std::stoll(in.reply_to)},
                  {"text", cut_utf8(text, kMaxMessage)},
                  {"parse_mode", "HTML"}};
    if (!keyboard.empty()) reply["reply_markup"] = {{"inline_keyboard", keyboard}};
    return reply.dump(-1, ' ', false, json::error_handler_t::replace);
  }

 private:
  std::string secret_;
};

}  // namespace

std::unique_ptr<Adapter> make_telegram_adapter(const std::string& secret) {
  return std::make_unique<TelegramAdapter>(secret);
}

}  // namespace tanya

// Telegram: POST /adapters/telegram/{secret} receives a Bot API Update
// (https://core.telegram.org/bots/api#update) and answers in the webhook reply
// with a sendMessage call. Both the path secret and the
// X-Telegram-Bot-Api-Secret-Token header must match --telegram-secret.
// Read as people use a bot: /start and /start@bot get the welcome, /help and
// unknown commands a short help, the bot's @mention and a leading reply quote
// are taken out of the question, and in groups tanya speaks only when
// addressed (a mention, a command, or a reply to one of its own messages).
#include <nlohmann/json.hpp>

#include "knowledge/base/strings.hpp"
#include "knowledge/base/utf8.hpp"
#include "web/channels/adapter.hpp"
#include "web/channels/chat_text.hpp"
#include "web/channels/text_cut.hpp"
#include "web/server/access_policy.hpp"

namespace tanya {

namespace {

using nlohmann::json;

constexpr size_t kMaxMessage = 4096;  // Telegram's limit, in characters after entity parsing
constexpr size_t kMaxButton = 100;    // characters shown on an inline button (longer ones are elided by apps)

const json* object(const json& o, const char* key) {
  auto it = o.find(key);
  return it != o.end() && it->is_object() ? &*it : nullptr;
}

class TelegramAdapter : public Adapter {
 public:
  TelegramAdapter(std::string secret, std::string bot_username)
      : secret_(std::move(secret)), bot_username_(std::move(bot_username)) {
    if (!bot_username_.empty() && bot_username_[0] == '@') bot_username_.erase(0, 1);
  }
  std::string name() const override { return "telegram"; }
  std::string path_prefix() const override { return "/adapters/telegram/"; }

  Result<AdapterMessage> parse(const http::request<http::string_body>& req) const override {
    std::string target(req.target());
    target = target.substr(0, target.find('?'));
    if (target.rfind(path_prefix(), 0) != 0) return protocol_error(ErrorCode::not_found, "no such path");
    std::string path_secret = target.substr(path_prefix().size());
    if (!constant_time_equal(path_secret, secret_)) return protocol_error(ErrorCode::not_found, "no such path");
    if (!constant_time_equal(std::string(req["X-Telegram-Bot-Api-Secret-Token"]), secret_))
      return protocol_error(ErrorCode::unauthorized, "missing or wrong X-Telegram-Bot-Api-Secret-Token");
    json update = json::parse(req.body(), nullptr, false);
    if (update.is_discarded()) return not_json("update", req.body());
    if (!update.is_object()) return protocol_error(ErrorCode::bad_request, "the update must be a JSON object");

    AdapterMessage m;
    const json* message = object(update, "message");
    const json* from = message ? object(*message, "from") : nullptr;
    bool pressed = false;
    if (const json* cq = object(update, "callback_query")) {
      // A suggestion button under one of tanya's own messages: its callback data is "s:N".
      message = object(*cq, "message");
      from = object(*cq, "from");
      pressed = true;
      auto data = cq->find("data");
      if (data != cq->end() && data->is_string()) {
        std::string d = *data;
        if (d.rfind("s:", 0) == 0) m.suggestion = std::atoi(d.c_str() + 2);
      }
    }
    const json* chat = message ? object(*message, "chat") : nullptr;
    if (!chat || !chat->contains("id") || !(*chat)["id"].is_number_integer())
      return m;  // an update we do not answer (edited message, poll …): conversation stays empty
    m.reply_to = std::to_string((*chat)["id"].get<long long>());
    auto type = chat->find("type");
    bool group = type != chat->end() && type->is_string() && *type != "private";
    // In a group every member has a conversation of their own with tanya.
    m.conversation = "telegram:" + m.reply_to;
    if (group) {
      if (from && from->contains("id") && (*from)["id"].is_number_integer())
        m.conversation += ":" + std::to_string((*from)["id"].get<long long>());
    }
    if (pressed) return m;

    auto text = message->find("text");
    if (text == message->end() || !text->is_string()) return m;  // a sticker, a photo …: nothing to answer
    ChatText said = read_chat_text(text->get<std::string>(), bot_username_);
    bool addressed = !group || said.mentioned || !said.command.empty() || replies_to_us(*message);
    if (said.for_others || !addressed) {
      m.conversation.clear();  // not for tanya: acknowledged, not answered
      return m;
    }
    m.text = said.text;
    m.command = said.command;
    if (auto id = message->find("message_id"); group && id != message->end() && id->is_number_integer())
      m.reply_message = std::to_string(id->get<long long>());
    return m;
  }

  std::string render(const AdapterMessage& in, const Answer* a) const override {
    if (!a || in.reply_to.empty()) return "{}";  // Telegram ignores a reply without a method
    std::string source;
    if (!a->fallback && !a->sources.empty()) source = "\n\nSumber: " + a->sources[0].section;
    // Cut before escaping: Telegram counts characters after parsing the HTML.
    size_t room = kMaxMessage > utf8::count(source) + 1 ? kMaxMessage - utf8::count(source) : 1;
    std::string text = html_escape(cut_at_sentence(a->text, room));
    if (!source.empty()) text += "\n\n<i>" + html_escape(source.substr(2)) + "</i>";
    json keyboard = json::array();
    for (size_t i = 0; i < a->suggestions.size(); ++i)
      keyboard.push_back(json::array(
          {{{"text", cut_at_sentence(a->suggestions[i], kMaxButton)}, {"callback_data", "s:" + std::to_string(i)}}}));
    json reply = {{"method", "sendMessage"}, {"chat_id", std::stoll(in.reply_to)}, {"text", text}, {"parse_mode", "HTML"}};
    if (!in.reply_message.empty())
      reply["reply_parameters"] = {{"message_id", std::stoll(in.reply_message)}, {"allow_sending_without_reply", true}};
    if (!keyboard.empty()) reply["reply_markup"] = {{"inline_keyboard", keyboard}};
    return reply.dump(-1, ' ', false, json::error_handler_t::replace);
  }

 private:
  // A reply to a message of this bot (by username when known, else of any bot).
  bool replies_to_us(const json& message) const {
    const json* replied = object(message, "reply_to_message");
    const json* from = replied ? object(*replied, "from") : nullptr;
    if (!from) return false;
    auto is_bot = from->find("is_bot");
    if (is_bot == from->end() || !is_bot->is_boolean() || !is_bot->get<bool>()) return false;
    if (bot_username_.empty()) return true;
    auto user = from->find("username");
    if (user == from->end() || !user->is_string()) return false;
    std::string u = *user;
    if (u.size() != bot_username_.size()) return false;
    for (size_t i = 0; i < u.size(); ++i)
      if (std::tolower(static_cast<unsigned char>(u[i])) != std::tolower(static_cast<unsigned char>(bot_username_[i])))
        return false;
    return true;
  }

  std::string secret_;
  std::string bot_username_;
};

}  // namespace

std::unique_ptr<Adapter> make_telegram_adapter(const std::string& secret, const std::string& bot_username) {
  return std::make_unique<TelegramAdapter>(secret, bot_username);
}

}  // namespace tanya

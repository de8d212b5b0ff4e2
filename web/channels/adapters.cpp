#include "web/channels/adapter.hpp"

namespace tanya {

std::unique_ptr<Adapter> make_telegram_adapter(const std::string& secret, const std::string& bot_username);
std::unique_ptr<Adapter> make_webhook_adapter();
std::unique_ptr<Adapter> make_whatsapp_adapter(const Config& config);
Status check_whatsapp_options(const Config& config);

std::vector<std::unique_ptr<Adapter>> make_adapters(const Config& config) {
  std::vector<std::unique_ptr<Adapter>> out;
  if (config.has("telegram-secret"))
    out.push_back(make_telegram_adapter(config.get("telegram-secret"), config.get("telegram-bot-username")));
  out.push_back(make_webhook_adapter());
  if (auto whatsapp = make_whatsapp_adapter(config)) out.push_back(std::move(whatsapp));
  return out;
}

Status check_channel_options(const Config& config) { return check_whatsapp_options(config); }

Answer command_answer(const Engine& engine, const std::string& command) {
  if (command == "start") return engine.welcome();
  // The help reply and its starter questions come from the lexicon's "help"
  // intent (knowledge/lexicon/smalltalk.tsv, replies.tsv).
  auto help = engine.answer("bantuan");
  Answer a = help ? *help : engine.welcome();
  if (command != "help") a.text = "Perintah itu tidak saya kenal. " + a.text;
  return a;
}

}  // namespace tanya

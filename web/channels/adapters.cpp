#include "web/channels/adapter.hpp"

namespace tanya {

std::unique_ptr<Adapter> make_telegram_adapter(const std::string& secret);
std::unique_ptr<Adapter> make_webhook_adapter();

std::vector<std::unique_ptr<Adapter>> make_adapters(const Config& config) {
  std::vector<std::unique_ptr<Adapter>> out;
  if (config.has("telegram-secret")) out.push_back(make_telegram_adapter(config.get("telegram-secret")));
  out.push_back(make_webhook_adapter());
  return out;
}

}  // namespace tanya

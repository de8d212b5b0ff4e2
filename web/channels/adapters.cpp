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

bool constant_time_equal(const std::string& a, const std::string& b) {
  // Compare over the longer length so that neither length nor content shows in time.
  size_t n = std::max(a.size(), b.size());
  unsigned char diff = a.size() == b.size() ? 0 : 1;
  for (size_t i = 0; i < n; ++i) {
    unsigned char x = i < a.size() ? static_cast<unsigned char>(a[i]) : 0;
    unsigned char y = i < b.size() ? static_cast<unsigned char>(b[i]) : 0;
    diff |= x ^ y;
  }
  return diff == 0;
}

}  // namespace tanya

#include "web/server/shared_state.hpp"

namespace tanya {

SharedState::SharedState(const Config& config, std::unique_ptr<Reloader> r, StaticFiles f,
                         std::unique_ptr<EventLog> e, std::unique_ptr<ConversationStore> c)
    : limits(limits_from(config)),
      origins(config.get("allowed-origins")),
      proxies(config.get("trusted-proxies")),
      admin(config.get("admin-token")),
      files(std::move(f)),
      adapters(make_adapters(config)),
      json_logs(config.get("log-format") == "json"),
      events(std::move(e)),
      conversations(std::move(c)),
      reloader(std::move(r)),
      answering(*reloader, *conversations, events.get(), metrics, workers, limits.max_question_chars) {}

SharedState::~SharedState() { drain(); }

void SharedState::drain() {
  for (const auto& adapter : adapters) adapter->stop();  // WhatsApp: its workers and queued sends
  reload_channel.reset();  // its listener asks the reloader
  workers.join();          // work queued finishes before the stores it uses go away
  reloader->stop();
  if (events) events->flush();  // every recorded question and vote is on disk
}

}  // namespace tanya

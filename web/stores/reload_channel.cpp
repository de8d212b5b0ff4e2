#include "web/stores/reload_channel.hpp"

#include <spdlog/spdlog.h>

#include <random>

namespace tanya {

namespace {

const char* kChannel = "tanya:reload";
constexpr std::chrono::milliseconds kTimeout{2000};
constexpr std::chrono::milliseconds kPoll{200};  // how soon the listener notices stop

}  // namespace

ReloadChannel::ReloadChannel(const RedisUrl& url, std::function<void()> on_reload)
    : url_(url), on_reload_(std::move(on_reload)), pool_(url, kTimeout) {
  std::random_device rd;
  char buf[33];
  std::snprintf(buf, sizeof buf, "%08x%08x%08x%08x", rd(), rd(), rd(), rd());
  instance_ = buf;
}

Result<std::unique_ptr<ReloadChannel>> ReloadChannel::start(const RedisUrl& url, std::function<void()> on_reload) {
  std::unique_ptr<ReloadChannel> c(new ReloadChannel(url, std::move(on_reload)));
  auto ping = c->pool_.command({"PING"});
  if (!ping) return ping.error();
  c->listener_ = std::thread([p = c.get()] { p->listen(); });
  return c;
}

ReloadChannel::~ReloadChannel() {
  stop_ = true;
  if (listener_.joinable()) listener_.join();
}

Result<long long> ReloadChannel::publish() {
  auto r = pool_.command({"PUBLISH", kChannel, instance_});
  if (!r) return r.error();
  return r->integer;
}

void ReloadChannel::listen() {
  bool first = true;
  while (!stop_) {
    auto conn = RedisConnection::connect(url_, kTimeout);
    if (conn) {
      auto sub = (*conn)->command({"SUBSCRIBE", kChannel});
      if (sub) {
        // Back after an outage: a reload may have been published meanwhile.
        // Reloading an unchanged knowledge directory only compares fingerprints.
        if (!first) on_reload_();
        first = false;
        while (!stop_) {
          auto m = (*conn)->next_message(kPoll);
          if (!m) break;
          // ["message", channel, publisher]
          if (m->type == RedisValue::kArray && m->elements.size() == 3 && m->elements[0].str == "message" &&
              m->elements[2].str != instance_)
            on_reload_();
        }
      }
    }
    if (!stop_) spdlog::warn("reload channel: lost {}, reconnecting", url_.text());
    for (int i = 0; i < 5 && !stop_; ++i) std::this_thread::sleep_for(kPoll);
  }
}

}  // namespace tanya

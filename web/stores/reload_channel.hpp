#pragma once
// One reload for every replica: replicas started with --sessions redis://…
// listen on the Redis channel tanya:reload, and POST /admin/reload on any one
// of them publishes there after reloading itself, so the others reload too.
// Each replica rebuilds from its own --knowledge directory (shared, or
// deployed identically). The listener runs on a thread of its own and
// reconnects when Redis goes away, then reloads once in case it missed a
// message meanwhile; the destructor stops it.
#include <atomic>
#include <functional>
#include <memory>
#include <string>
#include <thread>

#include "web/stores/redis_client.hpp"

namespace tanya {

class ReloadChannel {
 public:
  // `on_reload` runs on the listener thread for each message from another replica.
  static Result<std::unique_ptr<ReloadChannel>> start(const RedisUrl& url, std::function<void()> on_reload);
  ~ReloadChannel();
  ReloadChannel(const ReloadChannel&) = delete;
  ReloadChannel& operator=(const ReloadChannel&) = delete;

  // Tells every replica to reload; returns how many replicas listen (this one included).
  Result<long long> publish();

 private:
  ReloadChannel(const RedisUrl& url, std::function<void()> on_reload);
  void listen();

  RedisUrl url_;
  std::string instance_;  // random: tells this replica's own messages apart
  std::function<void()> on_reload_;
  RedisPool pool_;
  std::atomic<bool> stop_{false};
  std::thread listener_;
};

}  // namespace tanya

#pragma once
// A thin layer over hiredis (Debian's libhiredis-dev) for the state replicas
// share: a URL parser, one blocking connection with timeouts, and a pool.
// Every call returns a Result; a connection that failed is closed and the
// pool connects afresh on the next call, so a Redis restart heals by itself.
// RedisConnection: one thread at a time. RedisPool: thread-safe.
#include <chrono>
#include <memory>
#include <mutex>
#include <string>
#include <string_view>
#include <vector>

#include "knowledge/base/result.hpp"

struct redisContext;

namespace tanya {

// redis://[:password@]host[:port][/db]
struct RedisUrl {
  std::string host = "127.0.0.1";
  int port = 6379;
  int db = 0;
  std::string password;
  std::string text() const;  // for logs: never shows the password
};
bool is_redis_url(std::string_view s);
Result<RedisUrl> parse_redis_url(std::string_view url);

// A reply, copied out of hiredis's. Error replies become Result errors.
struct RedisValue {
  enum Type { kNil, kString, kInteger, kArray, kStatus } type = kNil;
  std::string str;
  long long integer = 0;
  std::vector<RedisValue> elements;
};

class RedisConnection {
 public:
  // Connects, authenticates and selects the database; `timeout` bounds the
  // connect and every later read or write.
  static Result<std::unique_ptr<RedisConnection>> connect(const RedisUrl& url, std::chrono::milliseconds timeout);
  ~RedisConnection();
  RedisConnection(const RedisConnection&) = delete;
  RedisConnection& operator=(const RedisConnection&) = delete;

  Result<RedisValue> command(const std::vector<std::string>& args);
  // Sends every command at once and reads the replies in order (one round trip).
  Result<std::vector<RedisValue>> pipeline(const std::vector<std::vector<std::string>>& commands);
  // For a subscribed connection: the next pushed message, or kNil when none
  // came within `wait` (the connection stays usable).
  Result<RedisValue> next_message(std::chrono::milliseconds wait);
  bool broken() const { return broken_; }

 private:
  explicit RedisConnection(redisContext* c) : c_(c) {}
  Error io_error(const char* what);
  redisContext* c_;
  bool broken_ = false;
};

class RedisPool {
 public:
  RedisPool(RedisUrl url, std::chrono::milliseconds timeout) : url_(std::move(url)), timeout_(timeout) {}
  // Runs on an idle connection, connecting one when none is idle.
  Result<RedisValue> command(const std::vector<std::string>& args);
  Result<std::vector<RedisValue>> pipeline(const std::vector<std::vector<std::string>>& commands);
  const RedisUrl& url() const { return url_; }

 private:
  template <typename T, typename Call>
  Result<T> on_connection(Call call);
  Result<std::unique_ptr<RedisConnection>> take();
  void give_back(std::unique_ptr<RedisConnection> c);

  const RedisUrl url_;
  const std::chrono::milliseconds timeout_;
  std::mutex mu_;
  std::vector<std::unique_ptr<RedisConnection>> idle_;
};

}  // namespace tanya

#include "web/stores/redis_client.hpp"

#include <hiredis/hiredis.h>
#include <poll.h>

#include <charconv>

namespace tanya {

namespace {

timeval to_timeval(std::chrono::milliseconds ms) {
  timeval tv{};
  tv.tv_sec = static_cast<time_t>(ms.count() / 1000);
  tv.tv_usec = static_cast<suseconds_t>((ms.count() % 1000) * 1000);
  return tv;
}

bool parse_int(std::string_view s, int* out) {
  auto [p, ec] = std::from_chars(s.data(), s.data() + s.size(), *out);
  return ec == std::errc() && p == s.data() + s.size();
}

RedisValue copy_reply(const redisReply* r) {
  RedisValue v;
  switch (r->type) {
    case REDIS_REPLY_STRING: v.type = RedisValue::kString; v.str.assign(r->str, r->len); break;
    case REDIS_REPLY_STATUS: v.type = RedisValue::kStatus; v.str.assign(r->str, r->len); break;
    case REDIS_REPLY_INTEGER: v.type = RedisValue::kInteger; v.integer = r->integer; break;
    case REDIS_REPLY_ARRAY:
      v.type = RedisValue::kArray;
      for (size_t i = 0; i < r->elements; ++i) v.elements.push_back(copy_reply(r->element[i]));
      break;
    default: break;
  }
  return v;
}

// Takes ownership of a hiredis reply; error replies become errors.
Result<RedisValue> take_reply(void* raw) {
  auto* r = static_cast<redisReply*>(raw);
  if (r->type == REDIS_REPLY_ERROR) {
    std::string m(r->str, r->len);
    freeReplyObject(r);
    return make_error("redis", "redis: " + m);
  }
  RedisValue v = copy_reply(r);
  freeReplyObject(r);
  return v;
}

void append(redisContext* c, const std::vector<std::string>& args) {
  std::vector<const char*> argv;
  std::vector<size_t> lens;
  for (const auto& a : args) {
    argv.push_back(a.data());
    lens.push_back(a.size());
  }
  redisAppendCommandArgv(c, static_cast<int>(argv.size()), argv.data(), lens.data());
}

}  // namespace

bool is_redis_url(std::string_view s) { return s.substr(0, 8) == "redis://"; }

std::string RedisUrl::text() const {
  return "redis://" + std::string(password.empty() ? "" : ":***@") + host + ":" + std::to_string(port) + "/" +
         std::to_string(db);
}

Result<RedisUrl> parse_redis_url(std::string_view url) {
  auto bad = [&](const std::string& why) {
    return make_error("config", "bad Redis URL (redis://[:password@]host[:port][/db]): " + why);
  };
  if (!is_redis_url(url)) return bad("it must start with redis://");
  std::string_view rest = url.substr(8);
  RedisUrl u;
  if (auto at = rest.rfind('@'); at != std::string_view::npos) {
    std::string_view auth = rest.substr(0, at);
    if (auto colon = auth.find(':'); colon != std::string_view::npos) auth = auth.substr(colon + 1);
    u.password = std::string(auth);
    rest = rest.substr(at + 1);
  }
  std::string_view hostport = rest.substr(0, rest.find('/'));
  if (auto slash = rest.find('/'); slash != std::string_view::npos && slash + 1 < rest.size()) {
    if (!parse_int(rest.substr(slash + 1), &u.db) || u.db < 0) return bad("the database must be a number");
  }
  if (auto colon = hostport.rfind(':'); colon != std::string_view::npos) {
    if (!parse_int(hostport.substr(colon + 1), &u.port) || u.port <= 0 || u.port > 65535) return bad("bad port");
    hostport = hostport.substr(0, colon);
  }
  if (!hostport.empty()) u.host = std::string(hostport);
  return u;
}

Result<std::unique_ptr<RedisConnection>> RedisConnection::connect(const RedisUrl& url,
                                                                  std::chrono::milliseconds timeout) {
  redisContext* c = redisConnectWithTimeout(url.host.c_str(), url.port, to_timeval(timeout));
  if (!c) return make_error("redis", "cannot connect to " + url.text() + ": out of memory");
  if (c->err) {
    std::string m = c->errstr;
    redisFree(c);
    return make_error("redis", "cannot connect to " + url.text() + ": " + m);
  }
  redisSetTimeout(c, to_timeval(timeout));
  std::unique_ptr<RedisConnection> conn(new RedisConnection(c));
  if (!url.password.empty()) {
    auto r = conn->command({"AUTH", url.password});
    if (!r) return make_error("redis", "cannot authenticate to " + url.text() + ": " + r.error().message);
  }
  if (url.db != 0) {
    auto r = conn->command({"SELECT", std::to_string(url.db)});
    if (!r) return make_error("redis", "cannot select database " + std::to_string(url.db) + ": " + r.error().message);
  }
  return conn;
}

RedisConnection::~RedisConnection() { redisFree(c_); }

Error RedisConnection::io_error(const char* what) {
  broken_ = true;
  return make_error("redis", std::string("redis ") + what + ": " + (c_->err ? c_->errstr : "no reply"));
}

Result<RedisValue> RedisConnection::command(const std::vector<std::string>& args) {
  if (broken_) return make_error("redis", "redis connection closed");
  append(c_, args);
  void* reply = nullptr;
  if (redisGetReply(c_, &reply) != REDIS_OK || !reply) return io_error("command failed");
  return take_reply(reply);
}

Result<std::vector<RedisValue>> RedisConnection::pipeline(const std::vector<std::vector<std::string>>& commands) {
  if (broken_) return make_error("redis", "redis connection closed");
  for (const auto& args : commands) append(c_, args);
  std::vector<RedisValue> out;
  Error first_error;
  for (size_t i = 0; i < commands.size(); ++i) {
    void* reply = nullptr;
    if (redisGetReply(c_, &reply) != REDIS_OK || !reply) return io_error("pipeline failed");
    auto v = take_reply(reply);
    if (!v && first_error.code.empty()) first_error = v.error();
    out.push_back(v ? *v : RedisValue{});
  }
  if (!first_error.code.empty()) return first_error;  // every reply was read: the connection stays in step
  return out;
}

Result<RedisValue> RedisConnection::next_message(std::chrono::milliseconds wait) {
  if (broken_) return make_error("redis", "redis connection closed");
  void* reply = nullptr;
  if (redisGetReplyFromReader(c_, &reply) != REDIS_OK) return io_error("read failed");
  if (!reply) {
    pollfd p{c_->fd, POLLIN, 0};
    int n = ::poll(&p, 1, static_cast<int>(wait.count()));
    if (n == 0) return RedisValue{};
    if (n < 0 || redisBufferRead(c_) != REDIS_OK) return io_error("read failed");
    if (redisGetReplyFromReader(c_, &reply) != REDIS_OK) return io_error("read failed");
    if (!reply) return RedisValue{};
  }
  return take_reply(reply);
}

Result<std::unique_ptr<RedisConnection>> RedisPool::take() {
  {
    std::lock_guard<std::mutex> lock(mu_);
    if (!idle_.empty()) {
      auto c = std::move(idle_.back());
      idle_.pop_back();
      return c;
    }
  }
  return RedisConnection::connect(url_, timeout_);
}

void RedisPool::give_back(std::unique_ptr<RedisConnection> c) {
  if (c->broken()) return;  // closed here; the next call connects afresh
  std::lock_guard<std::mutex> lock(mu_);
  idle_.push_back(std::move(c));
}

// An idle connection may have been closed by a Redis restart: a call that
// breaks its connection is tried once more on a fresh one.
template <typename T, typename Call>
Result<T> RedisPool::on_connection(Call call) {
  for (int attempt = 0;; ++attempt) {
    auto c = take();
    if (!c) return c.error();
    Result<T> r = call(**c);
    bool retry = !r && (*c)->broken() && attempt == 0;
    give_back(std::move(*c));
    if (!retry) return r;
  }
}

Result<RedisValue> RedisPool::command(const std::vector<std::string>& args) {
  return on_connection<RedisValue>([&](RedisConnection& c) { return c.command(args); });
}

Result<std::vector<RedisValue>> RedisPool::pipeline(const std::vector<std::vector<std::string>>& commands) {
  return on_connection<std::vector<RedisValue>>([&](RedisConnection& c) { return c.pipeline(commands); });
}

}  // namespace tanya

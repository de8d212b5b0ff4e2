#include "web/server/server.hpp"

#include <sys/resource.h>

#include <cstdio>
#include <filesystem>
#include <functional>
#include <thread>
#include <vector>

#include "bot/answer_json.hpp"
#include "bot/engine.hpp"
#include "knowledge/knowledge_dir.hpp"
#include "knowledge/paths.hpp"
#include "web/stores/event_log.hpp"
#include "web/server/listener.hpp"
#include "web/server/log.hpp"

namespace tanya {

namespace {

// Enough descriptors for the connection limit: raise the soft limit to the hard one.
void raise_file_limit() {
  rlimit rl{};
  if (getrlimit(RLIMIT_NOFILE, &rl) == 0 && rl.rlim_cur < rl.rlim_max) {
    rl.rlim_cur = rl.rlim_max;
    setrlimit(RLIMIT_NOFILE, &rl);
  }
}

// Names, sizes and modification times of the knowledge files: cheap to take
// every few seconds, and it changes whenever a file is saved.
uint64_t knowledge_signature(const EngineOptions& options) {
  namespace fs = std::filesystem;
  std::string dir = options.knowledge_dir.empty() ? default_knowledge_dir() : options.knowledge_dir;
  uint64_t h = 1469598103934665603ULL;
  std::error_code ec;
  for (const auto& entry : fs::directory_iterator(dir, ec)) {
    std::string line = entry.path().filename().string() + ":" + std::to_string(entry.file_size(ec)) + ":" +
                       std::to_string(entry.last_write_time(ec).time_since_epoch().count());
    h ^= fnv1a(line.data(), line.size());  // order-independent
  }
  return h;
}

}  // namespace

int run_server(const Config& config, std::shared_ptr<const Analyzer> analyzer, bool echo) {
  setup_logging(config.get("log-format"), config.get("log-level"));
  spdlog::info("config: {}", log_safe(config.describe()));
  auto started = std::chrono::steady_clock::now();
  if (auto ok = check_channel_options(config); !ok) {
    spdlog::error("{}", log_safe(ok.error().message));
    return 2;
  }

  EngineOptions options;
  options.knowledge_dir = config.get("knowledge");
  options.db_path = config.get("db");
  OpenReport report;
  auto engine = Engine::open(options, analyzer, &report);
  if (!engine) {
    spdlog::error("cannot open the knowledge: {}", log_safe(engine.error().message));
    return 1;
  }
  for (const auto& p : report.problems) spdlog::warn("knowledge: {}", log_safe(p));
  spdlog::info("index {} ({} units{})", log_safe(report.db_path), (*engine)->index().units.size(),
               report.built ? ", built now" : ", reused");

  auto files = StaticFiles::load(static_dir());
  if (!files) {
    spdlog::error("{}", log_safe(files.error().message));
    return 1;
  }

  int threads = static_cast<int>(config.get_int("threads"));
  if (threads <= 0) threads = std::max(1u, std::thread::hardware_concurrency());
  raise_file_limit();

  std::string events_path = config.get("events-db");
  if (events_path.empty()) {
    std::string dir = options.knowledge_dir.empty() ? default_knowledge_dir() : options.knowledge_dir;
    events_path = cache_path(dir, "events");
  }
  auto events = EventLog::open(events_path);
  if (!events) {
    spdlog::error("{}", log_safe(events.error().message));
    return 1;
  }
  auto events_url = parse_redis_url(events_path);
  spdlog::info("event log {}", log_safe(events_url ? events_url->text() : events_path));

  auto conversations = make_conversation_store(config.get("sessions"),
                                               static_cast<size_t>(std::max(0L, config.get_int("sessions-max"))),
                                               std::chrono::seconds(std::max(1L, config.get_int("sessions-ttl"))));
  if (!conversations) {
    spdlog::error("conversation store: {}", log_safe(conversations.error().message));
    return 1;
  }

  auto state = std::make_shared<SharedState>(config, std::make_unique<Reloader>(analyzer, options, *engine),
                                             std::move(*files), std::move(*events), std::move(*conversations));
  if (echo) {
    auto fixed = (*engine)->answer("Apa perbedaan kerja sama bilateral dan multilateral?");
    if (fixed) state->echo_answer = to_json(*fixed);
    spdlog::info("echo mode: every question gets the same answer object");
  }
  net::io_context ioc{threads};
  beast::error_code ec;
  auto address = net::ip::make_address(config.get("host"), ec);
  if (ec) {
    spdlog::error("bad --host {}: {}", log_safe(config.get("host")), ec.message());
    return 2;
  }
  long port = config.get_int("port");
  if (port < 0 || port > 65535) {
    spdlog::error("bad --port {}", port);
    return 2;
  }
  auto l = std::make_shared<listener>(ioc, tcp::endpoint{address, static_cast<unsigned short>(port)}, state, ec);
  if (ec) {
    spdlog::error("cannot listen on {}:{}: {}", log_safe(config.get("host")), port, ec.message());
    return 1;
  }
  l->run();

  // SIGINT/SIGTERM: stop accepting, close every WebSocket with 1001, let what
  // is in flight finish, and stop after at most a few seconds.
  net::signal_set signals(ioc, SIGINT, SIGTERM);
  net::steady_timer drain(ioc);
  std::function<void(int)> wait_drained = [&](int ticks) {
    drain.expires_after(std::chrono::milliseconds(50));
    drain.async_wait([&, ticks](beast::error_code e) {
      if (e) return;
      if (state->connections.session_count() == 0 || ticks >= 60) return ioc.stop();
      wait_drained(ticks + 1);
    });
  };
  // SIGHUP, --watch and other replicas reload on the reload thread (reloader.hpp).
  auto reload = [state](const char* why) { state->reloader->request(why); };
  // Replicas sharing a Redis hear each other's reloads (reload_channel.hpp).
  if (auto url = parse_redis_url(config.get("sessions"))) {
    Reloader* reloader = state->reloader.get();  // outlives the channel: stopped first, in drain()
    auto channel = ReloadChannel::start(*url, [reloader] { reloader->request("another replica asked"); });
    if (!channel) {
      spdlog::error("reload channel: {}", log_safe(channel.error().message));
      return 1;
    }
    state->reload_channel = std::move(*channel);
    spdlog::info("conversations and reloads shared through {}", url->text());
  }
  net::signal_set hangup(ioc, SIGHUP);
  std::function<void()> wait_hangup = [&] {
    hangup.async_wait([&](beast::error_code e, int) {
      if (e) return;
      reload("SIGHUP");
      wait_hangup();
    });
  };
  wait_hangup();
  long watch_seconds = config.get_int("watch");
  net::steady_timer watch(ioc);
  uint64_t watched = knowledge_signature(options);
  std::function<void()> wait_watch = [&] {
    if (watch_seconds <= 0 || state->stopping) return;
    watch.expires_after(std::chrono::seconds(watch_seconds));
    watch.async_wait([&](beast::error_code e) {
      if (e) return;
      uint64_t now = knowledge_signature(options);
      if (now != watched) {
        watched = now;
        reload("knowledge changed");
      }
      wait_watch();
    });
  };
  wait_watch();

  signals.async_wait([&](beast::error_code e, int sig) {
    if (e) return;
    spdlog::info("signal {}: shutting down", sig);
    hangup.cancel();
    watch.cancel();
    state->stopping = true;
    l->stop();
    for (auto& w : state->connections.sessions())
      if (auto s = w.lock()) s->close(websocket::close_reason(websocket::close_code::going_away, "server shutting down"));
    wait_drained(0);
  });

  std::string shown_host = config.get("host") == "0.0.0.0" ? "localhost" : config.get("host");
  double ready_ms = std::chrono::duration<double, std::milli>(std::chrono::steady_clock::now() - started).count();
  spdlog::info("listening on http://{}:{}/ (chat page; WebSocket at /ws) with {} threads, ready in {:.0f} ms",
               log_safe(shown_host), l->port(), threads, ready_ms);
  // A line for scripts and tests that start the server on port 0.
  std::printf("tanya: ready port=%u\n", static_cast<unsigned>(l->port()));
  std::fflush(stdout);

  std::vector<std::thread> pool;
  for (int i = 1; i < threads; ++i) pool.emplace_back([&ioc] { ioc.run(); });
  ioc.run();
  for (auto& t : pool) t.join();
  // Before the io_context goes: work in flight posts its results to it.
  state->drain();
  spdlog::info("stopped");
  return 0;
}

}  // namespace tanya

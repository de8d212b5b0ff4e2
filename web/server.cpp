#include "web/server.hpp"

#include <sys/resource.h>

#include <cstdio>
#include <thread>
#include <vector>

#include "bot/engine.hpp"
#include "knowledge/paths.hpp"
#include "web/listener.hpp"
#include "web/log.hpp"
#include "web/websocket_session.hpp"

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

}  // namespace

int run_server(const Config& config, std::shared_ptr<const Analyzer> analyzer) {
  setup_logging(config.get("log-format"), config.get("log-level"));
  spdlog::info("config: {}", log_safe(config.describe()));
  auto started = std::chrono::steady_clock::now();

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

  auto state = std::make_shared<SharedState>(config, *engine, std::move(*files));
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
      if (state->session_count() == 0 || ticks >= 60) return ioc.stop();
      wait_drained(ticks + 1);
    });
  };
  signals.async_wait([&](beast::error_code e, int sig) {
    if (e) return;
    spdlog::info("signal {}: shutting down", sig);
    state->stopping = true;
    l->stop();
    for (auto& w : state->sessions())
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
  spdlog::info("stopped");
  return 0;
}

}  // namespace tanya

#include "web/server/reloader.hpp"

#include <chrono>

#include "web/server/log.hpp"

namespace tanya {

Reloader::Reloader(std::shared_ptr<const Analyzer> analyzer, EngineOptions options,
                   std::shared_ptr<const Engine> engine)
    : analyzer_(std::move(analyzer)), options_(std::move(options)), engine_(std::move(engine)) {
  thread_ = std::thread([this] { run(); });
}

Reloader::~Reloader() { stop(); }

void Reloader::stop() {
  {
    std::lock_guard<std::mutex> lock(mu_);
    stop_ = true;
  }
  wake_.notify_one();
  if (thread_.joinable()) thread_.join();
  std::vector<std::pair<std::string, Done>> left;
  {
    std::lock_guard<std::mutex> lock(mu_);
    left.swap(waiting_);
  }
  for (auto& [why, done] : left)
    if (done) done(make_error("unavailable", "shutting down"));
}

void Reloader::request(std::string why, Done done) {
  {
    std::lock_guard<std::mutex> lock(mu_);
    if (!stop_) {
      waiting_.emplace_back(std::move(why), std::move(done));
      done = nullptr;
    }
  }
  if (done) return done(make_error("unavailable", "shutting down"));
  wake_.notify_one();
}

void Reloader::run() {
  std::unique_lock<std::mutex> lock(mu_);
  for (;;) {
    wake_.wait(lock, [this] { return stop_ || !waiting_.empty(); });
    if (stop_) return;
    auto batch = std::move(waiting_);
    waiting_.clear();
    lock.unlock();
    auto r = build();
    builds_++;
    std::string why = batch.front().first;
    if (batch.size() > 1) why += " and " + std::to_string(batch.size() - 1) + " more";
    if (r)
      spdlog::info("reload ({}): {} units from {}{} in {:.0f} ms", log_safe(why), r->units, log_safe(r->db_path),
                   r->built ? " (built)" : " (unchanged)", r->millis);
    else
      spdlog::error("reload ({}) failed, the old index stays: {}", log_safe(why), log_safe(r.error().message));
    for (auto& [w, done] : batch)
      if (done) done(r);
    lock.lock();
  }
}

Result<ReloadReport> Reloader::build() {
  auto started = std::chrono::steady_clock::now();
  OpenReport open;
  auto e = Engine::open(options_, analyzer_, &open);
  if (!e) return e.error();
  ReloadReport r;
  r.db_path = open.db_path;
  r.units = (*e)->index().units.size();
  r.built = open.built;
  r.problems = open.problems;
  engine_.store(std::move(*e));
  r.millis = std::chrono::duration<double, std::milli>(std::chrono::steady_clock::now() - started).count();
  return r;
}

}  // namespace tanya

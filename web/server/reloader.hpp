#pragma once
// The engine every answer uses, and the one way to replace it. Reloads (POST
// /admin/reload, SIGHUP, --watch, another replica) run on one reload thread,
// one build at a time; requests that arrive while a build runs are coalesced
// into the next build (they may have seen a newer knowledge), so a burst of
// reloads costs at most two builds. A new engine is swapped in atomically:
// answers in flight finish on the old one. A failed build keeps the old one.
//
// Threading: engine() and request() are safe from any thread and never block.
// `done` callbacks run on the reload thread (or the caller's, once stopped).
#include <atomic>
#include <condition_variable>
#include <functional>
#include <memory>
#include <mutex>
#include <string>
#include <thread>
#include <vector>

#include "bot/engine.hpp"

namespace tanya {

struct ReloadReport {
  std::string db_path;
  size_t units = 0;
  bool built = false;
  double millis = 0;
  std::vector<std::string> problems;
};

class Reloader {
 public:
  using Done = std::function<void(const Result<ReloadReport>&)>;
  Reloader(std::shared_ptr<const Analyzer> analyzer, EngineOptions options, std::shared_ptr<const Engine> engine);
  ~Reloader();
  Reloader(const Reloader&) = delete;
  Reloader& operator=(const Reloader&) = delete;

  std::shared_ptr<const Engine> engine() const { return engine_.load(); }
  // What every build opens (the knowledge directory …); fixed at start.
  const EngineOptions& options() const { return options_; }
  // Asks for a reload; `why` goes to the log. `done` (optional) gets the
  // result of the build that covers this request.
  void request(std::string why, Done done = {});
  // Finishes the build in progress, then answers requests still waiting with
  // an error; later requests are answered so at once. Idempotent.
  void stop();
  // Builds finished so far (each covers every request queued before it began).
  uint64_t builds() const { return builds_.load(); }

 private:
  void run();
  Result<ReloadReport> build();

  const std::shared_ptr<const Analyzer> analyzer_;
  const EngineOptions options_;
  std::atomic<std::shared_ptr<const Engine>> engine_;
  std::atomic<uint64_t> builds_{0};
  std::mutex mu_;
  std::condition_variable wake_;
  std::vector<std::pair<std::string, Done>> waiting_;
  bool stop_ = false;
  std::thread thread_;  // last: started once the members above exist
};

}  // namespace tanya

#pragma once
// `tanya serve`: builds or reuses the index, then serves HTTP and WebSocket on
// one port until SIGINT or SIGTERM. Returns the process exit code.
#include <memory>

#include "index/analyzer.hpp"
#include "web/cli/config.hpp"

namespace tanya {

// echo: the same stack with no work behind it — every ask gets one fixed
// answer object (tests/bench's tanya-echo, the ceiling for throughput figures).
int run_server(const Config& config, std::shared_ptr<const Analyzer> analyzer, bool echo = false);

}  // namespace tanya

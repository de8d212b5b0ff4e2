#pragma once
// `tanya serve`: builds or reuses the index, then serves HTTP and WebSocket on
// one port until SIGINT or SIGTERM. Returns the process exit code.
#include <memory>

#include "index/analyzer.hpp"
#include "web/config.hpp"

namespace tanya {

int run_server(const Config& config, std::shared_ptr<const Analyzer> analyzer);

}  // namespace tanya

// tanya-echo: tanya's own server stack (listener, HTTP and WebSocket sessions,
// strands, write queues, JSON parsing) with no work behind it — every ask gets
// one fixed answer object of the usual size. Measured beside `tanya serve` with
// the same client settings, it is the ceiling this machine and network stack
// allow. Takes the same options as `tanya serve`.
#include <cstdio>

#include "knowledge/lexicon.hpp"
#include "knowledge/paths.hpp"
#include "web/cli/config.hpp"
#include "web/server/server.hpp"

int main(int argc, char** argv) {
  using namespace tanya;
  auto config = parse_config(argc - 1, argv + 1, {});
  if (!config) return std::fprintf(stderr, "tanya-echo: %s\n", config.error().message.c_str()), 2;
  auto lexicon = load_lexicon(lexicon_dir());
  if (!lexicon) return std::fprintf(stderr, "tanya-echo: %s\n", lexicon.error().message.c_str()), 1;
  auto analyzer = Analyzer::create(std::make_shared<const Lexicon>(std::move(*lexicon)));
  if (!analyzer) return std::fprintf(stderr, "tanya-echo: %s\n", analyzer.error().message.c_str()), 1;
  return run_server(*config, *analyzer, /*echo=*/true);
}

#pragma once
// `tanya healthcheck`: GET /healthz on the local server, for Docker's
// HEALTHCHECK without curl in the image. Exit code 0 when healthy.
#include "web/cli/config.hpp"

namespace tanya {

int run_healthcheck(const Config& config);

}  // namespace tanya

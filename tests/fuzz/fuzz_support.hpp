#pragma once
// Shared set-up for the fuzz targets: the analyzer over the real lexicon and an
// engine over the bundled article, built once per fuzzing process.
#include <memory>

#include "bot/engine.hpp"

namespace tanya::fuzz {

std::shared_ptr<const Analyzer> analyzer();
const Engine& engine();

}  // namespace tanya::fuzz

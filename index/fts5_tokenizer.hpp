#pragma once
// The thin extern "C" adapter that lets SQLite FTS5 run the Analyzer as the
// tokenizer named "tanya". It forwards every non-stop token's stem with its byte
// offsets into the original text, and never lets an exception escape a callback.
#include <memory>

#include "index/analyzer.hpp"
#include "knowledge/base/result.hpp"

struct sqlite3;

namespace tanya {

inline constexpr const char* kTokenizerName = "tanya";

// Registers the tokenizer on `db`; the connection keeps its own reference to the
// analyzer until it closes. Must be called on every connection that uses the index.
Status register_tokenizer(sqlite3* db, std::shared_ptr<const Analyzer> analyzer);

}  // namespace tanya

// The query builder end to end: any question text becomes a valid FTS5 MATCH
// expression (a syntax error would come back as an error), and the answer
// object serialises.
#include <cstdint>
#include <nlohmann/json.hpp>
#include <string>

#include "bot/answer_json.hpp"
#include "tests/fuzz/fuzz_support.hpp"

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  std::string_view text(reinterpret_cast<const char*>(data), size);
  tanya::Conversation conv;
  auto a = tanya::fuzz::engine().answer(text, &conv);
  if (!a) __builtin_trap();
  auto again = tanya::fuzz::engine().answer(text, &conv);  // as a follow-up too
  if (!again) __builtin_trap();
  if (tanya::to_json(*a).dump(-1, ' ', false, nlohmann::json::error_handler_t::replace).empty()) __builtin_trap();
  return 0;
}

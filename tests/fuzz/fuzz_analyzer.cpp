// The analyzer on any bytes, invalid UTF-8 included: every token's offsets lie
// inside the input and every indexed term is valid UTF-8.
#include <cstdint>
#include <string>

#include "knowledge/base/utf8.hpp"
#include "tests/fuzz/fuzz_support.hpp"

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  std::string_view text(reinterpret_cast<const char*>(data), size);
  for (const auto& t : tanya::fuzz::analyzer()->analyze(text)) {
    if (t.start >= t.end || t.end > size) __builtin_trap();
    if (t.term.empty() || !tanya::utf8::valid(t.term)) __builtin_trap();
  }
  return 0;
}

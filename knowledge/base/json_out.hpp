#pragma once
// Writing JSON text straight into a buffer, for the messages sent on every
// answer: building an nlohmann::json tree first cost a map node and a string
// copy per field, and sorted the keys (issue 15). nlohmann_json still parses
// every message that comes in and writes the rare ones. Pure.
#include <string>
#include <string_view>

namespace tanya::json_out {

// `s` as a JSON string: quotes, backslash and control characters escaped,
// other characters as they are; invalid UTF-8 becomes U+FFFD (as nlohmann's
// error_handler_t::replace does), so the output is always valid JSON.
void string(std::string* out, std::string_view s);
// A finite number in its shortest exact form, with ".0" when it is whole (as
// nlohmann writes a double); NaN and infinities, which JSON lacks, as null.
void number(std::string* out, double v);
void integer(std::string* out, long long v);
// `"name":` — names are the contract's own ASCII words, written unescaped.
inline void key(std::string* out, std::string_view name) {
  out->push_back('"');
  out->append(name);
  out->append("\":");
}

}  // namespace tanya::json_out

#pragma once
// Command-line configuration. Every server option is a flag, an environment
// variable (TANYA_ + the flag in capitals, '-' as '_') and a key of the optional
// JSON config file (--config FILE); flag > environment > file > default.
#include <map>
#include <string>
#include <vector>

#include "knowledge/base/result.hpp"

namespace tanya {

// What a value must look like; parse_config refuses one that does not.
enum class OptionKind { text, integer, number };

struct OptionSpec {
  const char* name;        // the flag without "--"
  const char* fallback;    // default value ("" = none)
  const char* help;
  OptionKind kind = OptionKind::text;
};

// The options every command understands; commands read the ones they need.
const std::vector<OptionSpec>& option_specs();

struct Config {
  std::vector<std::string> positional;       // command arguments, in order
  std::map<std::string, std::string> values;  // resolved option values
  std::map<std::string, std::string> origin;  // where each came from: flag | env | file | default
  std::vector<std::string> switches;          // boolean flags given (--json, --rows …)

  std::string get(const std::string& name) const;
  long get_int(const std::string& name) const;      // an integer option (checked by parse_config)
  double get_number(const std::string& name) const; // a number option (checked by parse_config)
  bool has(const std::string& name) const;          // a value is set (not empty)
  bool flag(const std::string& name) const;         // a boolean switch was given
  std::string describe() const;                     // one line: every option and its origin
};

// `switch_names` are the boolean flags the command accepts. Unknown flags, a
// flag without its value, an unreadable or malformed config file, and a value
// that is not what its option takes (a number) are errors naming the option
// and where the value came from.
Result<Config> parse_config(int argc, char** argv, const std::vector<std::string>& switch_names);

}  // namespace tanya

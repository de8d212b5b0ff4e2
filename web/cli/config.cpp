#include "web/cli/config.hpp"

#include <algorithm>
#include <cctype>
#include <cerrno>
#include <cstdlib>
#include <nlohmann/json.hpp>

#include "knowledge/knowledge_dir.hpp"

namespace tanya {

const std::vector<OptionSpec>& option_specs() {
  static const std::vector<OptionSpec> specs = {
      {"host", "0.0.0.0", "address to listen on"},
      {"port", "8080", "port to listen on (0: any free port)", OptionKind::integer},
      {"threads", "0", "I/O threads (0: the number of cores)", OptionKind::integer},
      {"knowledge", "", "knowledge directory (default: the bundled article)"},
      {"db", "", "index file (default: a cached index rebuilt when the knowledge changes)"},
      {"allowed-origins", "localhost", "comma-separated browser origins allowed on /ws and /api/ask besides the same origin; localhost = any localhost port, * = any"},
      {"admin-token", "", "bearer token for /admin (none: admin disabled)"},
      {"trusted-proxies", "", "comma-separated addresses or CIDR networks of load balancers whose X-Real-IP header names the client (rate limits per client behind nginx)"},
      {"telegram-secret", "", "secret for the Telegram webhook (none: disabled)"},
      {"telegram-bot-username", "", "the Telegram bot's username (tanya_bot): recognises its @mentions, /cmd@name commands and replies to it in groups"},
      {"whatsapp-verify-token", "", "WhatsApp webhook verify token (the channel is off unless the four whatsapp-* secrets are set)"},
      {"whatsapp-app-secret", "", "WhatsApp app secret: checks X-Hub-Signature-256 of every delivery"},
      {"whatsapp-token", "", "WhatsApp Cloud API access token (Authorization: Bearer)"},
      {"whatsapp-phone-id", "", "WhatsApp business phone number id the answers are sent from"},
      {"whatsapp-api-url", "https://graph.facebook.com/v21.0", "Graph API base URL (https://, or http:// for a local stand-in)"},
      {"whatsapp-timeout", "10", "seconds one Graph API call may take (connect, TLS, response)", OptionKind::number},
      {"whatsapp-attempts", "5", "tries per WhatsApp message before it is given up", OptionKind::integer},
      {"whatsapp-backoff", "1", "seconds before the first retry; doubles each time, at most 60", OptionKind::number},
      {"whatsapp-queue", "1000", "WhatsApp messages waiting or in flight at most; a delivery that does not fit gets 503", OptionKind::integer},
      {"sessions", "memory", "conversation store: memory, or redis://host:port/db shared by every replica (which then also hear each other's reloads)"},
      {"log-format", "text", "text or json"},
      {"log-level", "info", "trace, debug, info, warn, error"},
      {"max-message", "16384", "largest WebSocket message in bytes", OptionKind::integer},
      {"max-body", "16384", "largest HTTP request body in bytes", OptionKind::integer},
      {"max-header", "8192", "largest HTTP header block in bytes", OptionKind::integer},
      {"max-connections", "10000", "open connections at most; more get 503", OptionKind::integer},
      {"max-question", "1000", "longest question in characters", OptionKind::integer},
      {"rate", "10", "questions per second a connection may sustain", OptionKind::number},
      {"burst", "20", "questions a connection may send at once", OptionKind::number},
      {"idle-timeout", "300", "seconds a WebSocket may stay silent before it is closed", OptionKind::integer},
      {"handshake-timeout", "10", "seconds to finish an HTTP request or WebSocket handshake", OptionKind::integer},
      {"sessions-max", "10000", "conversations kept at most", OptionKind::integer},
      {"sessions-ttl", "1800", "seconds a conversation is kept after its last question", OptionKind::integer},
      {"events-db", "", "event log of unanswered questions and feedback: a SQLite file (default: beside the cached index) or redis://host:port/db (a stream every replica shares)"},
      {"watch", "0", "seconds between checks of the knowledge directory for changes (0: off)", OptionKind::integer},
      {"config", "", "JSON config file"},
      {"accept", "", "edited review export to add to alternates.tsv (review)"},
      {"export", "", "file to write (review)"},
      {"min", "", "evaluation floor KEY=VALUE, comma-separated (eval)"},
      {"min-page", "", "eval DIR --mixed: floors KEY=VALUE of the table asked on each article's page"},
      {"article", "", "eval DIR: score only this article; ask: asked on this article's page (preferred)"},
  };
  return specs;
}

namespace {

const OptionSpec* find_spec(const std::string& name) {
  for (const auto& s : option_specs())
    if (name == s.name) return &s;
  return nullptr;
}

// "" when `value` is what `kind` takes, else what is wrong with it.
std::string check_value(OptionKind kind, const std::string& value) {
  if (kind == OptionKind::text) return "";
  const char* begin = value.c_str();
  char* end = nullptr;
  errno = 0;
  if (kind == OptionKind::integer) (void)std::strtol(begin, &end, 10);
  else (void)std::strtod(begin, &end);
  bool whole = !value.empty() && !std::isspace(static_cast<unsigned char>(value[0])) && *end == '\0';
  if (whole && errno != ERANGE) return "";
  return kind == OptionKind::integer ? "is not a whole number" : "is not a number";
}

std::string env_name(const std::string& name) {
  std::string e = "TANYA_";
  for (char c : name) e.push_back(c == '-' ? '_' : static_cast<char>(std::toupper(static_cast<unsigned char>(c))));
  return e;
}

}  // namespace

std::string Config::get(const std::string& name) const {
  auto it = values.find(name);
  return it == values.end() ? "" : it->second;
}

long Config::get_int(const std::string& name) const { return std::strtol(get(name).c_str(), nullptr, 10); }

double Config::get_number(const std::string& name) const { return std::strtod(get(name).c_str(), nullptr); }

bool Config::has(const std::string& name) const { return !get(name).empty(); }

bool Config::flag(const std::string& name) const {
  return std::find(switches.begin(), switches.end(), name) != switches.end();
}

std::string Config::describe() const {
  std::string out;
  for (const auto& s : option_specs()) {
    std::string v = get(s.name);
    if (std::string(s.name) == "admin-token" || std::string(s.name) == "telegram-secret" ||
        std::string(s.name) == "whatsapp-verify-token" || std::string(s.name) == "whatsapp-app-secret" ||
        std::string(s.name) == "whatsapp-token") v = v.empty() ? "" : "(set)";
    // A URL's credentials (redis://:password@host) stay out of the log.
    auto scheme = v.find("://");
    auto at = v.rfind('@');
    if (scheme != std::string::npos && at != std::string::npos && at > scheme) v.replace(scheme + 3, at - scheme - 3, "***");
    if (!out.empty()) out += ", ";
    out += std::string(s.name) + "=" + v + " (" + origin.at(s.name) + ")";
  }
  return out;
}

Result<Config> parse_config(int argc, char** argv, const std::vector<std::string>& switch_names) {
  Config c;
  std::map<std::string, std::string> flags;
  for (int i = 0; i < argc; ++i) {
    std::string a = argv[i];
    if (a.rfind("--", 0) != 0 || a == "--") {
      c.positional.push_back(a);
      continue;
    }
    std::string name = a.substr(2), value;
    bool inline_value = false;
    if (auto eq = name.find('='); eq != std::string::npos) {
      value = name.substr(eq + 1);
      name = name.substr(0, eq);
      inline_value = true;
    }
    if (std::find(switch_names.begin(), switch_names.end(), name) != switch_names.end()) {
      c.switches.push_back(name);
      continue;
    }
    if (!find_spec(name)) return make_error("bad_request", "unknown option --" + name);
    if (!inline_value) {
      if (i + 1 >= argc) return make_error("bad_request", "--" + name + " needs a value");
      value = argv[++i];
    }
    flags[name] = value;
  }

  std::string config_file = flags.count("config") ? flags["config"] : "";
  if (config_file.empty()) {
    if (const char* e = std::getenv("TANYA_CONFIG")) config_file = e;
  }
  nlohmann::json file = nlohmann::json::object();
  if (!config_file.empty()) {
    auto text = read_file(config_file);
    if (!text) return text.error();
    file = nlohmann::json::parse(*text, nullptr, false);
    if (file.is_discarded() || !file.is_object())
      return make_error("bad_request", config_file + ": the config file must be a JSON object");
    for (auto it = file.begin(); it != file.end(); ++it)
      if (!find_spec(it.key())) return make_error("bad_request", config_file + ": unknown key " + it.key());
  }

  for (const auto& s : option_specs()) {
    std::string name = s.name;
    if (flags.count(name)) {
      c.values[name] = flags[name];
      c.origin[name] = "flag";
    } else if (const char* e = std::getenv(env_name(name).c_str()); e && *e) {
      c.values[name] = e;
      c.origin[name] = "env";
    } else if (file.contains(name)) {
      const auto& v = file[name];
      c.values[name] = v.is_string() ? v.get<std::string>() : v.dump();
      c.origin[name] = "file";
    } else {
      c.values[name] = s.fallback;
      c.origin[name] = "default";
    }
    if (auto wrong = check_value(s.kind, c.values[name]); !wrong.empty()) {
      std::string from = c.origin[name] == "flag"  ? "the flag --" + name
                         : c.origin[name] == "env" ? "the environment variable " + env_name(name)
                         : c.origin[name] == "file" ? "the config file " + config_file
                                                    : "the default";
      return make_error("bad_request", "--" + name + ": \"" + c.values[name] + "\" " + wrong + " (from " + from + ")");
    }
  }
  return c;
}

}  // namespace tanya

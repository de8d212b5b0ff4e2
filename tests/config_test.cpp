#include "web/cli/config.hpp"

#include <catch2/catch.hpp>
#include <cstdlib>
#include <fstream>

#include "tests/test_support.hpp"
#include "web/stores/redis_client.hpp"

using namespace tanya;

namespace {

Result<Config> parse(std::vector<std::string> args) {
  std::vector<char*> argv;
  for (auto& a : args) argv.push_back(a.data());
  return parse_config(static_cast<int>(argv.size()), argv.data(), {"json"});
}

}  // namespace

TEST_CASE("parse_config_Precedence_FlagOverEnvOverFileOverDefault", "[config]") {
  test::TempDir dir;
  std::string file = dir.path() + "/tanya.json";
  std::ofstream(file) << R"({"port": 9000, "threads": 3, "host": "127.0.0.2", "log-format": "json"})";
  setenv("TANYA_THREADS", "5", 1);
  setenv("TANYA_HOST", "127.0.0.3", 1);
  auto c = parse({"serve", "--config", file, "--host", "127.0.0.4", "--json"});
  unsetenv("TANYA_THREADS");
  unsetenv("TANYA_HOST");
  REQUIRE(c.ok());
  CHECK(c->get("host") == "127.0.0.4");  // flag
  CHECK(c->origin.at("host") == "flag");
  CHECK(c->get_int("threads") == 5);     // environment over file
  CHECK(c->origin.at("threads") == "env");
  CHECK(c->get_int("port") == 9000);     // file over default
  CHECK(c->origin.at("port") == "file");
  CHECK(c->get("log-format") == "json");
  CHECK(c->get_int("max-message") == 16384);  // default
  CHECK(c->origin.at("max-message") == "default");
  CHECK(c->flag("json"));
  CHECK(c->positional == std::vector<std::string>{"serve"});
}

TEST_CASE("parse_config_BadInput_IsAnErrorNamingIt", "[config]") {
  // Static: GENERATE runs this case once per value, the paths must outlive each run.
  static test::TempDir dir;
  std::string bad = dir.path() + "/bad.json";
  std::ofstream(bad) << "[1, 2";
  std::string unknown_key = dir.path() + "/unknown.json";
  std::ofstream(unknown_key) << R"({"colour": "red"})";
  struct Case {
    std::vector<std::string> args;
    const char* says;
  };
  auto c = GENERATE_COPY(values<Case>({
      {{"serve", "--no-such-flag", "1"}, "unknown option --no-such-flag"},
      {{"serve", "--port"}, "--port needs a value"},
      {{"serve", "--config", bad}, "must be a JSON object"},
      {{"serve", "--config", unknown_key}, "unknown key colour"},
      {{"serve", "--config", dir.path() + "/missing.json"}, "cannot read"},
  }));
  auto r = parse(c.args);
  REQUIRE_FALSE(r.ok());
  CHECK_THAT(r.error().message, Catch::Contains(c.says));
}

TEST_CASE("Config_Describe_HidesSecrets", "[config]") {
  auto c = parse({"serve", "--admin-token", "s3cret", "--telegram-secret", "t0ken"});
  REQUIRE(c.ok());
  CHECK(c->describe().find("s3cret") == std::string::npos);
  CHECK(c->describe().find("t0ken") == std::string::npos);
  CHECK(c->describe().find("admin-token=(set)") != std::string::npos);
  auto r = parse({"serve", "--sessions", "redis://:pw0rd@cache:6379/1", "--events-db", "redis://user:pw1@cache/2"});
  REQUIRE(r.ok());
  CHECK(r->describe().find("pw0rd") == std::string::npos);
  CHECK(r->describe().find("pw1") == std::string::npos);
  CHECK(r->describe().find("sessions=redis://***@cache:6379/1") != std::string::npos);
}

TEST_CASE("parse_redis_url_Table", "[config]") {
  struct Case {
    const char* url;
    bool ok;
    const char* host;
    int port, db;
    const char* password;
  };
  const Case cases[] = {
      {"redis://127.0.0.1:6379/0", true, "127.0.0.1", 6379, 0, ""},
      {"redis://redis", true, "redis", 6379, 0, ""},
      {"redis://cache:7000/3", true, "cache", 7000, 3, ""},
      {"redis://:s3cret@cache:7000/1", true, "cache", 7000, 1, "s3cret"},
      {"redis://user:s3cret@cache/2", true, "cache", 6379, 2, "s3cret"},
      {"redis://cache:0/0", false, "", 0, 0, ""},
      {"redis://cache:99999", false, "", 0, 0, ""},
      {"redis://cache:6379/x", false, "", 0, 0, ""},
      {"memory", false, "", 0, 0, ""},
      {"http://cache:6379", false, "", 0, 0, ""},
  };
  for (const auto& c : cases) {
    CAPTURE(c.url);
    auto u = parse_redis_url(c.url);
    REQUIRE(u.ok() == c.ok);
    if (!c.ok) continue;
    CHECK(u->host == c.host);
    CHECK(u->port == c.port);
    CHECK(u->db == c.db);
    CHECK(u->password == c.password);
    CHECK(u->text().find("s3cret") == std::string::npos);  // logs never show it
  }
}

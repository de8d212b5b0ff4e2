#pragma once
// Other programs a test runs beside tanya (redis-server, nginx): found in the
// usual Debian directories, started with their output in a log file, waited
// for on a loopback port, and killed with the test.
#include <sys/types.h>

#include <initializer_list>
#include <string>
#include <vector>

namespace tanya::test {

// The program's full path, or "" when it is not installed.
std::string find_program(const std::string& name);
// "" when every program is installed, else the line that makes ctest count the
// test as skipped (SKIP_REGULAR_EXPRESSION "SKIPPED: "), naming what is missing.
std::string missing_programs(const std::string& test, std::initializer_list<const char*> programs);

unsigned short free_port();  // a loopback port nobody listens on right now
bool port_open(unsigned short port);
// Waits (30 s) until something listens on `port`; throws with the log's text otherwise.
void wait_for_port(unsigned short port, const std::string& what, const std::string& log);
std::string read_text(const std::string& path);

// A child process with stdout and stderr in `log`, in a process group of its
// own; the group is SIGKILLed and the child reaped on destruction.
class Child {
 public:
  Child(std::vector<std::string> argv, const std::string& log);
  ~Child();
  Child(const Child&) = delete;
  Child& operator=(const Child&) = delete;

 private:
  pid_t pid_ = -1;
};

// redis-server on a free loopback port, nothing saved, its files in `dir`.
struct RedisServer {
  explicit RedisServer(const std::string& dir);
  unsigned short port;
  Child child;
  std::string url(int db = 0) const { return "redis://127.0.0.1:" + std::to_string(port) + "/" + std::to_string(db); }
};

}  // namespace tanya::test

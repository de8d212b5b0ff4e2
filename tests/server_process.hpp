#pragma once
// Starts the real `tanya serve` binary on an ephemeral port for a test and
// stops it again. Reads the "tanya: ready port=N" line from its stdout.
#include <sys/types.h>

#include <mutex>
#include <string>
#include <thread>
#include <utility>
#include <vector>

namespace tanya::test {

// The `tanya` under test: the one built with the tests, or $TANYA_TEST_BINARY
// (to run a test against another build, e.g. one without a fix).
std::string tanya_binary();

class ServerProcess {
 public:
  // `args` follow "tanya serve --host 127.0.0.1 --port 0"; the index cache goes
  // to a private temporary directory; `env` is set in the server's environment
  // only (SSL_CERT_FILE, say). Throws when the server does not start.
  explicit ServerProcess(std::vector<std::string> args = {},
                         std::vector<std::pair<std::string, std::string>> env = {});
  ~ServerProcess();
  ServerProcess(const ServerProcess&) = delete;
  ServerProcess& operator=(const ServerProcess&) = delete;

  unsigned short port() const { return port_; }
  pid_t pid() const { return pid_; }
  // Sends `signal` and waits for the exit; returns the exit status (-1 if killed).
  int stop(int signal = 15);
  // Everything the server printed so far (stdout and stderr).
  std::string output();

 private:
  pid_t pid_ = -1;
  int out_fd_ = -1;
  unsigned short port_ = 0;
  std::mutex output_mu_;
  std::string output_;      // filled by reader_, which drains the pipe so logging never blocks
  std::thread reader_;
  std::string cache_dir_;
};

}  // namespace tanya::test

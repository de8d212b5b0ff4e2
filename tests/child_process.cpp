#include "tests/child_process.hpp"

#include <fcntl.h>
#include <netinet/in.h>
#include <signal.h>
#include <sys/socket.h>
#include <sys/wait.h>
#include <unistd.h>

#include <chrono>
#include <fstream>
#include <sstream>
#include <stdexcept>
#include <thread>

namespace tanya::test {

std::string find_program(const std::string& name) {
  for (const char* dir : {"/usr/sbin", "/usr/bin", "/usr/local/sbin", "/usr/local/bin"}) {
    std::string p = std::string(dir) + "/" + name;
    if (access(p.c_str(), X_OK) == 0) return p;
  }
  return "";
}

std::string missing_programs(const std::string& test, std::initializer_list<const char*> programs) {
  std::string missing, all;
  for (const char* p : programs) {
    all += std::string(all.empty() ? "" : " ") + p;
    if (find_program(p).empty()) missing += std::string(missing.empty() ? "" : ", ") + p;
  }
  return missing.empty() ? "" : "SKIPPED: " + test + " test needs " + missing + " (apt-get install " + all + ")";
}

unsigned short free_port() {
  int fd = socket(AF_INET, SOCK_STREAM, 0);
  sockaddr_in a{};
  a.sin_family = AF_INET;
  a.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
  bind(fd, reinterpret_cast<sockaddr*>(&a), sizeof a);
  socklen_t len = sizeof a;
  getsockname(fd, reinterpret_cast<sockaddr*>(&a), &len);
  close(fd);
  return ntohs(a.sin_port);
}

bool port_open(unsigned short port) {
  int fd = socket(AF_INET, SOCK_STREAM, 0);
  sockaddr_in a{};
  a.sin_family = AF_INET;
  a.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
  a.sin_port = htons(port);
  bool ok = connect(fd, reinterpret_cast<sockaddr*>(&a), sizeof a) == 0;
  close(fd);
  return ok;
}

std::string read_text(const std::string& path) {
  std::ifstream in(path);
  std::stringstream ss;
  ss << in.rdbuf();
  return ss.str();
}

void wait_for_port(unsigned short port, const std::string& what, const std::string& log) {
  auto deadline = std::chrono::steady_clock::now() + std::chrono::seconds(30);
  while (!port_open(port)) {
    if (std::chrono::steady_clock::now() > deadline) throw std::runtime_error(what + " did not start:\n" + read_text(log));
    std::this_thread::sleep_for(std::chrono::milliseconds(50));
  }
}

Child::Child(std::vector<std::string> argv, const std::string& log) {
  pid_ = fork();
  if (pid_ == 0) {
    // A process group of its own, so that the destructor ends the processes
    // it starts too (nginx's workers outlive a killed master otherwise).
    setpgid(0, 0);
    int fd = open(log.c_str(), O_WRONLY | O_CREAT | O_TRUNC, 0644);
    dup2(fd, 1);
    dup2(fd, 2);
    std::vector<char*> args;
    for (auto& a : argv) args.push_back(a.data());
    args.push_back(nullptr);
    execv(args[0], args.data());
    _exit(127);
  }
  if (pid_ > 0) setpgid(pid_, pid_);  // either side may run first
}

Child::~Child() {
  if (pid_ > 0) {
    kill(-pid_, SIGKILL);
    waitpid(pid_, nullptr, 0);
  }
}

RedisServer::RedisServer(const std::string& dir)
    : port(free_port()),
      child({find_program("redis-server"), "--port", std::to_string(port), "--bind", "127.0.0.1", "--save", "",
             "--appendonly", "no", "--dir", dir},
            dir + "/redis.log") {
  wait_for_port(port, "redis-server", dir + "/redis.log");
}

}  // namespace tanya::test

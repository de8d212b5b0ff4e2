#include "tests/server_process.hpp"

#include <fcntl.h>
#include <poll.h>
#include <signal.h>
#include <sys/wait.h>
#include <unistd.h>

#include <chrono>
#include <cstdlib>
#include <filesystem>
#include <stdexcept>

namespace tanya::test {

std::string tanya_binary() {
  const char* other = std::getenv("TANYA_TEST_BINARY");
  return other && *other ? other : TANYA_TEST_BINARY;
}

ServerProcess::ServerProcess(std::vector<std::string> args, std::vector<std::pair<std::string, std::string>> env) {
  std::string tmpl = (std::filesystem::temp_directory_path() / "tanya-srv-XXXXXX").string();
  if (!mkdtemp(tmpl.data())) throw std::runtime_error("mkdtemp failed");
  cache_dir_ = tmpl;
  int fds[2];
  if (pipe(fds) != 0) throw std::runtime_error("pipe failed");
  std::vector<std::string> argv_s = {tanya_binary(), "serve", "--host", "127.0.0.1", "--port", "0"};
  argv_s.insert(argv_s.end(), args.begin(), args.end());
  pid_ = fork();
  if (pid_ < 0) throw std::runtime_error("fork failed");
  if (pid_ == 0) {
    dup2(fds[1], 1);
    dup2(fds[1], 2);
    close(fds[0]);
    close(fds[1]);
    setenv("TANYA_CACHE_DIR", cache_dir_.c_str(), 1);
    for (const auto& [name, value] : env) setenv(name.c_str(), value.c_str(), 1);
    std::vector<char*> argv;
    for (auto& a : argv_s) argv.push_back(a.data());
    argv.push_back(nullptr);
    execv(argv[0], argv.data());
    _exit(127);
  }
  close(fds[1]);
  out_fd_ = fds[0];
  reader_ = std::thread([this] {
    char buf[4096];
    ssize_t n;
    while ((n = read(out_fd_, buf, sizeof buf)) > 0) {
      std::lock_guard<std::mutex> lock(output_mu_);
      output_.append(buf, static_cast<size_t>(n));
    }
  });
  auto deadline = std::chrono::steady_clock::now() + std::chrono::seconds(60);
  while (std::chrono::steady_clock::now() < deadline) {
    std::string out = output();
    auto at = out.find("tanya: ready port=");
    if (at != std::string::npos && out.find('\n', at) != std::string::npos) {
      port_ = static_cast<unsigned short>(std::atoi(out.c_str() + at + 18));
      return;
    }
    int status;
    if (waitpid(pid_, &status, WNOHANG) == pid_) {
      pid_ = -1;
      if (reader_.joinable()) reader_.join();
      throw std::runtime_error("tanya serve exited early:\n" + output());
    }
    usleep(20000);
  }
  stop(SIGKILL);
  throw std::runtime_error("tanya serve did not become ready:\n" + output());
}

std::string ServerProcess::output() {
  std::lock_guard<std::mutex> lock(output_mu_);
  return output_;
}

int ServerProcess::stop(int signal) {
  if (pid_ <= 0) return -1;
  kill(pid_, signal);
  int status = 0;
  auto deadline = std::chrono::steady_clock::now() + std::chrono::seconds(20);
  while (waitpid(pid_, &status, WNOHANG) == 0) {
    if (std::chrono::steady_clock::now() > deadline) {
      kill(pid_, SIGKILL);
      waitpid(pid_, &status, 0);
      break;
    }
    usleep(20000);
  }
  pid_ = -1;
  if (reader_.joinable()) reader_.join();  // the pipe closes with the process
  return WIFEXITED(status) ? WEXITSTATUS(status) : -1;
}

ServerProcess::~ServerProcess() {
  stop(SIGKILL);
  if (reader_.joinable()) reader_.join();
  if (out_fd_ >= 0) close(out_fd_);
  std::error_code ec;
  std::filesystem::remove_all(cache_dir_, ec);
}

}  // namespace tanya::test

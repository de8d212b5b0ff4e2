#pragma once
// A small synchronous Beast client for the tests: WebSocket and plain HTTP
// against the server on loopback. Throws on I/O errors (tests want to know).
#include <nlohmann/json.hpp>
#include <string>
#include <utility>
#include <vector>

#include "web/server/beast.hpp"

namespace tanya::test {

class WsClient {
 public:
  // Connects to ws://127.0.0.1:port/ws; `origin` is sent when not empty.
  WsClient(unsigned short port, const std::string& origin = "", bool read_welcome = true);
  nlohmann::json welcome;
  void send_text(const std::string& text);
  void send_binary(const std::string& bytes);
  nlohmann::json read_json();
  // {"type":"ask","id":id,"text":text} then the reply.
  nlohmann::json ask(const std::string& id, const std::string& text);
  // Reads until the server closes; returns the close code (0 when the TCP
  // connection dropped without a close frame).
  int read_until_close();
  websocket::stream<tcp::socket>& stream() { return ws_; }

 private:
  net::io_context ioc_;
  websocket::stream<tcp::socket> ws_;
};

struct HttpResult {
  int status = 0;
  std::string body;
  http::fields headers;
  nlohmann::json json() const { return nlohmann::json::parse(body, nullptr, false); }
};

using Headers = std::vector<std::pair<std::string, std::string>>;
HttpResult http_request(unsigned short port, http::verb method, const std::string& target, const std::string& body = "",
                        const std::string& content_type = "application/json", const std::string& origin = "",
                        const Headers& headers = {});

// Sends raw bytes and returns what the server answers before it closes or `wait_ms` passes.
std::string raw_exchange(unsigned short port, const std::string& bytes, int wait_ms = 2000);

}  // namespace tanya::test

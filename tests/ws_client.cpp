#include "tests/ws_client.hpp"

namespace tanya::test {

WsClient::WsClient(unsigned short port, const std::string& origin, bool read_welcome) : ws_(ioc_) {
  ws_.next_layer().connect(tcp::endpoint(net::ip::make_address("127.0.0.1"), port));
  if (!origin.empty()) {
    ws_.set_option(websocket::stream_base::decorator(
        [origin](websocket::request_type& req) { req.set(http::field::origin, origin); }));
  }
  ws_.handshake("127.0.0.1:" + std::to_string(port), "/ws");
  if (read_welcome) welcome = read_json();
}

void WsClient::send_text(const std::string& text) {
  ws_.text(true);
  ws_.write(net::buffer(text));
}

void WsClient::send_binary(const std::string& bytes) {
  ws_.binary(true);
  ws_.write(net::buffer(bytes));
}

nlohmann::json WsClient::read_json() {
  beast::flat_buffer buffer;
  ws_.read(buffer);
  return nlohmann::json::parse(beast::buffers_to_string(buffer.data()), nullptr, false);
}

nlohmann::json WsClient::ask(const std::string& id, const std::string& text) {
  send_text(nlohmann::json{{"type", "ask"}, {"id", id}, {"text", text}}.dump());
  return read_json();
}

int WsClient::read_until_close() {
  beast::flat_buffer buffer;
  while (true) {
    beast::error_code ec;
    ws_.read(buffer, ec);
    // A close frame may arrive just before the TCP connection resets: the
    // reason is then known although the read reports the reset.
    if (ec) return ws_.reason().code;
    buffer.consume(buffer.size());
  }
}

HttpResult http_request(unsigned short port, http::verb method, const std::string& target, const std::string& body,
                        const std::string& content_type, const std::string& origin, const Headers& headers) {
  net::io_context ioc;
  beast::tcp_stream stream(ioc);
  stream.connect(tcp::endpoint(net::ip::make_address("127.0.0.1"), port));
  http::request<http::string_body> req{method, target, 11};
  req.set(http::field::host, "127.0.0.1:" + std::to_string(port));
  if (!origin.empty()) req.set(http::field::origin, origin);
  for (const auto& [name, value] : headers) req.set(name, value);
  if (!body.empty() || method == http::verb::post) {
    req.set(http::field::content_type, content_type);
    req.body() = body;
  }
  req.prepare_payload();
  http::write(stream, req);
  beast::flat_buffer buffer;
  http::response_parser<http::string_body> parser;
  parser.body_limit(16 * 1024 * 1024);
  http::read(stream, buffer, parser);
  auto res = parser.release();
  HttpResult r;
  r.status = static_cast<int>(res.result_int());
  r.body = res.body();
  for (const auto& f : res) r.headers.set(f.name_string(), f.value());
  beast::error_code ec;
  stream.socket().shutdown(tcp::socket::shutdown_both, ec);
  return r;
}

std::string raw_exchange(unsigned short port, const std::string& bytes, int wait_ms) {
  net::io_context ioc;
  tcp::socket sock(ioc);
  sock.connect(tcp::endpoint(net::ip::make_address("127.0.0.1"), port));
  net::write(sock, net::buffer(bytes));
  std::string out;
  auto deadline = std::chrono::steady_clock::now() + std::chrono::milliseconds(wait_ms);
  sock.non_blocking(true);
  char buf[4096];
  while (std::chrono::steady_clock::now() < deadline) {
    beast::error_code ec;
    size_t n = sock.read_some(net::buffer(buf), ec);
    if (ec == net::error::would_block) {
      std::this_thread::sleep_for(std::chrono::milliseconds(10));
      continue;
    }
    if (ec) break;
    out.append(buf, n);
  }
  return out;
}

}  // namespace tanya::test

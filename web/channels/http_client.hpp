#pragma once
// An HTTP/1.1 client for a channel's outbound calls (the WhatsApp Graph API):
// http:// and https:// URLs; HTTPS is Beast over OpenSSL with the peer's
// certificate verified against the system trust store and its host name
// checked — never switched off. Connections are kept alive and reused; one
// that the server closed while idle is replaced once, transparently.
// Threading: make() takes a single-threaded executor (an io_context run by one
// thread, or a strand); post() must be called on it and its callback runs on
// it. Nothing blocks; every step (resolve, connect, handshake, write, read) has
// the deadline given to make(). The client lives while a call is in flight.
#include <chrono>
#include <deque>
#include <functional>
#include <memory>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include <boost/asio/ssl/context.hpp>

#include "knowledge/base/result.hpp"
#include "web/server/beast.hpp"

namespace tanya {

struct ClientUrl {
  bool tls = false;
  std::string host;
  std::string port;
  std::string path;  // the base path, without a trailing '/' ("/v21.0")
};
// "https://graph.facebook.com/v21.0", "http://127.0.0.1:8081". Error code: config.
Result<ClientUrl> parse_client_url(std::string_view url);

struct ClientResponse {
  int status = 0;
  std::string body;
  std::string retry_after;  // the Retry-After header as sent ("" when none)
};

class HttpClient : public std::enable_shared_from_this<HttpClient> {
 public:
  using Headers = std::vector<std::pair<std::string, std::string>>;
  // Error codes given to the callback: timeout, connect (resolve or connect
  // failed), tls (handshake or certificate), io (the connection broke).
  using Done = std::function<void(Result<ClientResponse>)>;

  // Fails (code config) on a malformed URL or when the trust store cannot be loaded.
  static Result<std::shared_ptr<HttpClient>> make(net::any_io_executor executor, const std::string& base_url,
                                                  std::chrono::milliseconds timeout);
  // POST {base path}{path} with a JSON body.
  void post(const std::string& path, std::string body, const Headers& headers, Done done);

  const ClientUrl& url() const { return url_; }
  size_t connections_opened() const { return opened_; }  // on the executor only

  class Connection;  // one kept-alive connection (http_client.cpp)

 private:
  HttpClient(net::any_io_executor executor, ClientUrl url, std::chrono::milliseconds timeout);
  using Request = http::request<http::string_body>;
  void run(std::shared_ptr<Connection> conn, std::shared_ptr<Request> req, bool reused, Done done);

  net::any_io_executor executor_;
  ClientUrl url_;
  std::chrono::milliseconds timeout_;
  net::ssl::context ssl_{net::ssl::context::tls_client};
  std::deque<std::shared_ptr<Connection>> idle_;  // most recently used at the back
  size_t opened_ = 0;
};

}  // namespace tanya

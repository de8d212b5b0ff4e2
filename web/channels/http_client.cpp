#include "web/channels/http_client.hpp"

#include <openssl/err.h>
#include <openssl/ssl.h>

#include <optional>

#include <boost/asio/ssl.hpp>
#include <boost/beast/ssl.hpp>

namespace tanya {

namespace {

// Idle connections kept for reuse: as many as calls run at once (the outbound
// queue's kMaxInFlight) — more would only hold sockets the server closes.
constexpr size_t kMaxIdle = 16;

const char* code_of(beast::error_code ec, const char* stage) {
  if (ec == beast::error::timeout) return "timeout";
  return stage;
}

// The server closed a kept-alive connection while it sat idle: the request
// never reached it, so one fresh connection may carry it.
bool stale(beast::error_code ec) {
  return ec == http::error::end_of_stream || ec == net::error::eof || ec == net::error::connection_reset ||
         ec == net::error::broken_pipe || ec == net::ssl::error::stream_truncated;
}

}  // namespace

Result<ClientUrl> parse_client_url(std::string_view url) {
  ClientUrl u;
  std::string_view rest;
  if (url.rfind("https://", 0) == 0) {
    u.tls = true;
    rest = url.substr(8);
  } else if (url.rfind("http://", 0) == 0) {
    rest = url.substr(7);
  } else {
    return make_error("config", "the URL must start with https:// or http://");
  }
  size_t slash = rest.find('/');
  std::string_view authority = rest.substr(0, slash);
  u.path = slash == std::string_view::npos ? "" : std::string(rest.substr(slash));
  while (!u.path.empty() && u.path.back() == '/') u.path.pop_back();
  if (authority.find('@') != std::string_view::npos) return make_error("config", "credentials do not belong in the URL");
  size_t colon = authority.rfind(':');
  if (colon != std::string_view::npos && authority.find(']', colon) == std::string_view::npos) {
    u.host = std::string(authority.substr(0, colon));
    u.port = std::string(authority.substr(colon + 1));
    if (u.port.empty() || u.port.find_first_not_of("0123456789") != std::string::npos || u.port.size() > 5)
      return make_error("config", "the URL's port is not a number");
  } else {
    u.host = std::string(authority);
    u.port = u.tls ? "443" : "80";
  }
  if (u.host.size() > 2 && u.host.front() == '[' && u.host.back() == ']') u.host = u.host.substr(1, u.host.size() - 2);
  if (u.host.empty()) return make_error("config", "the URL has no host");
  return u;
}

class HttpClient::Connection : public std::enable_shared_from_this<Connection> {
 public:
  using Step = std::function<void(beast::error_code, const char* stage)>;

  Connection(net::any_io_executor ex, net::ssl::context& ssl, const ClientUrl& url) : resolver_(ex), host_(url.host),
                                                                                         port_(url.port) {
    if (url.tls) tls_.emplace(ex, ssl);
    else plain_.emplace(ex);
  }

  void connect(std::chrono::milliseconds timeout, Step done) {
    resolver_.async_resolve(host_, port_, [self = shared_from_this(), timeout, done](beast::error_code ec,
                                                                                     tcp::resolver::results_type r) {
      if (ec) return done(ec, "connect");
      self->lowest().expires_after(timeout);
      self->lowest().async_connect(r, [self, timeout, done](beast::error_code ec, const tcp::endpoint&) {
        if (ec) return done(ec, "connect");
        if (!self->tls_) return done({}, "");
        // SNI, then the certificate chain (verify_peer, set on the context) and
        // the host name are checked during the handshake.
        if (!SSL_set_tlsext_host_name(self->tls_->native_handle(), self->host_.c_str()))
          return done(beast::error_code(static_cast<int>(::ERR_get_error()), net::error::get_ssl_category()), "tls");
        self->tls_->set_verify_callback(net::ssl::host_name_verification(self->host_));
        self->lowest().expires_after(timeout);
        self->tls_->async_handshake(net::ssl::stream_base::client, [self, done](beast::error_code ec) {
          done(ec, ec ? "tls" : "");
        });
      });
    });
  }

  void exchange(std::shared_ptr<Request> req, std::shared_ptr<http::response<http::string_body>> res,
                std::chrono::milliseconds timeout, Step done) {
    lowest().expires_after(timeout);
    with_stream([&](auto& s) {
      http::async_write(s, *req, [self = shared_from_this(), req, res, timeout, done](beast::error_code ec, size_t) {
        if (ec) return done(ec, "io");
        self->lowest().expires_after(timeout);
        self->with_stream([&](auto& s2) {
          http::async_read(s2, self->buffer_, *res, [self, res, done](beast::error_code ec, size_t) {
            done(ec, "io");
          });
        });
      });
    });
  }

 private:
  beast::tcp_stream& lowest() { return tls_ ? beast::get_lowest_layer(*tls_) : *plain_; }
  template <class F>
  void with_stream(F&& f) {
    if (tls_) f(*tls_);
    else f(*plain_);
  }

  tcp::resolver resolver_;
  std::string host_, port_;
  std::optional<beast::tcp_stream> plain_;
  std::optional<beast::ssl_stream<beast::tcp_stream>> tls_;
  beast::flat_buffer buffer_;
};

HttpClient::HttpClient(net::any_io_executor executor, ClientUrl url, std::chrono::milliseconds timeout)
    : executor_(std::move(executor)), url_(std::move(url)), timeout_(timeout) {}

Result<std::shared_ptr<HttpClient>> HttpClient::make(net::any_io_executor executor, const std::string& base_url,
                                                     std::chrono::milliseconds timeout) {
  auto url = parse_client_url(base_url);
  if (!url) return url.error();
  std::shared_ptr<HttpClient> c(new HttpClient(std::move(executor), *url, timeout));
  beast::error_code ec;
  c->ssl_.set_default_verify_paths(ec);  // Debian's ca-certificates
  if (ec) return make_error("config", "cannot load the system's trusted certificates: " + ec.message());
  c->ssl_.set_verify_mode(net::ssl::verify_peer);
  return c;
}

void HttpClient::post(const std::string& path, std::string body, const Headers& headers, Done done) {
  auto req = std::make_shared<Request>(http::verb::post, url_.path + path, 11);
  req->set(http::field::host, url_.host);
  req->set(http::field::user_agent, "tanya");
  req->set(http::field::content_type, "application/json");
  for (const auto& [name, value] : headers) req->set(name, value);
  req->keep_alive(true);
  req->body() = std::move(body);
  req->prepare_payload();
  std::shared_ptr<Connection> conn;
  if (!idle_.empty()) {
    conn = std::move(idle_.back());
    idle_.pop_back();
  }
  run(std::move(conn), std::move(req), true, std::move(done));
}

void HttpClient::run(std::shared_ptr<Connection> conn, std::shared_ptr<Request> req, bool may_retry, Done done) {
  auto self = shared_from_this();
  auto res = std::make_shared<http::response<http::string_body>>();
  auto finish = [self, req, res, done, may_retry](std::shared_ptr<Connection> c, bool reused, beast::error_code ec,
                                                   const char* stage) {
    if (ec && reused && may_retry && stale(ec)) return self->run(nullptr, req, false, done);
    if (ec) return done(make_error(code_of(ec, stage), ec.message()));
    if (res->keep_alive() && self->idle_.size() < kMaxIdle) self->idle_.push_back(std::move(c));
    ClientResponse out;
    out.status = static_cast<int>(res->result_int());
    out.retry_after = std::string((*res)[http::field::retry_after]);
    out.body = std::move(res->body());
    done(std::move(out));
  };
  if (conn) {
    conn->exchange(req, res, timeout_, [conn, finish](beast::error_code ec, const char* stage) {
      finish(conn, true, ec, stage);
    });
    return;
  }
  conn = std::make_shared<Connection>(executor_, ssl_, url_);
  ++opened_;
  conn->connect(timeout_, [self, conn, req, res, finish](beast::error_code ec, const char* stage) {
    if (ec) return finish(conn, false, ec, stage);
    conn->exchange(req, res, self->timeout_, [conn, finish](beast::error_code ec, const char* stage) {
      finish(conn, false, ec, stage);
    });
  });
}

}  // namespace tanya

#pragma once
// Who may do what, decided at the edge: browser origins (/ws, /api/ask), the
// client's address behind trusted proxies (for rate limits), and the admin
// token. Each is read once from the configuration and immutable after:
// thread-safe.
#include <string>
#include <string_view>
#include <vector>

#include "web/cli/config.hpp"
#include "web/server/beast.hpp"

namespace tanya {

// A browser Origin is allowed when it is the page's own (same host), or in the
// allowlist --allowed-origins ("localhost" = any localhost port, "*" = any). No
// Origin header means no browser, which is allowed. An Origin that is not
// "http(s)://host[:port]" as browsers write it (a user part, a path, a port of
// letters) is never allowed except by "*".
class OriginPolicy {
 public:
  explicit OriginPolicy(const std::string& allowed_origins);
  bool allowed(std::string_view origin, std::string_view host) const;

 private:
  std::vector<std::string> allowed_;
};

// --trusted-proxies: load balancers whose X-Real-IP header names the client.
class TrustedProxies {
 public:
  // Entries that are neither an address nor a network are logged and ignored.
  explicit TrustedProxies(const std::string& list);
  // The client's address: the peer's, or X-Real-IP's when the peer is trusted.
  std::string client_address(net::ip::address peer, std::string_view real_ip) const;

 private:
  std::vector<net::ip::network_v4> v4_;  // canonical: host bits cleared
  std::vector<net::ip::network_v6> v6_;
};

// /admin exists only with --admin-token; the bearer token is compared in constant time.
class AdminAuth {
 public:
  explicit AdminAuth(std::string token) : token_(std::move(token)) {}
  bool enabled() const { return !token_.empty(); }
  bool authorized(std::string_view authorization_header) const;

 private:
  std::string token_;
};

// Equal without timing leaks: the time taken does not depend on where they differ.
bool constant_time_equal(std::string_view a, std::string_view b);

}  // namespace tanya

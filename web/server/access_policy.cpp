#include "web/server/access_policy.hpp"

#include <spdlog/spdlog.h>

#include <algorithm>
#include <cctype>
#include <sstream>

namespace tanya {

namespace {

// "http://host:port" → "host:port"; "" when the origin is not http(s).
std::string_view origin_authority(std::string_view origin) {
  for (std::string_view scheme : {"http://", "https://"})
    if (origin.substr(0, scheme.size()) == scheme) return origin.substr(scheme.size());
  return {};
}

// An authority as a browser writes it in Origin (RFC 6454): a lowercase host
// name, an IPv4 address or a bracketed IPv6 one, then at most ":digits". No
// user ("localhost:1@evil.example" names evil.example), path, query or space:
// a client sending those is no browser, and its Origin matches nothing.
bool browser_authority(std::string_view authority) {
  std::string_view host = authority, port;
  if (!authority.empty() && authority.front() == '[') {
    auto close = authority.find(']');
    if (close == std::string_view::npos) return false;
    host = authority.substr(1, close - 1);
    std::string_view rest = authority.substr(close + 1);
    if (!rest.empty() && rest.front() != ':') return false;
    port = rest.empty() ? rest : rest.substr(1);
    if (host.empty() || host.find_first_not_of("0123456789abcdef:.") != std::string_view::npos) return false;
  } else {
    auto colon = authority.find(':');
    host = authority.substr(0, colon);
    if (colon != std::string_view::npos) port = authority.substr(colon + 1);
    if (host.empty() || host.find_first_not_of("abcdefghijklmnopqrstuvwxyz0123456789.-") != std::string_view::npos)
      return false;
    if (colon != std::string_view::npos && port.empty()) return false;
  }
  return port.size() <= 5 && port.find_first_not_of("0123456789") == std::string_view::npos;
}

std::string_view host_only(std::string_view authority) {
  if (!authority.empty() && authority.front() == '[') {
    auto close = authority.find(']');
    return close == std::string_view::npos ? authority : authority.substr(0, close + 1);
  }
  return authority.substr(0, authority.find(':'));
}

// What a browser sends as Origin is "scheme://host[:port]", lowercase, no
// path: an entry of another shape ("sekolah.example", "https://x.example/page")
// never matches, so the owner is told at start rather than by a refused widget.
void warn_unless_full_origin(const std::string& entry) {
  if (entry == "*" || entry == "localhost") return;
  std::string_view authority = origin_authority(entry);
  bool lowercase = std::none_of(entry.begin(), entry.end(), [](unsigned char c) { return std::isupper(c); });
  if (!authority.empty() && authority.find_first_of("/?#@ ") == std::string_view::npos && lowercase) return;
  std::string fix = entry.find("://") == std::string::npos ? "https://" + entry : entry;
  std::transform(fix.begin(), fix.end(), fix.begin(), [](unsigned char c) { return static_cast<char>(std::tolower(c)); });
  if (auto path = fix.find('/', fix.find("://") + 3); path != std::string::npos) fix.resize(path);
  spdlog::warn("--allowed-origins: \"{}\" is not a full origin and matches no page; write scheme://host[:port] "
               "without a path, e.g. \"{}\"", entry, fix);
}

}  // namespace

OriginPolicy::OriginPolicy(const std::string& list) {
  std::stringstream ss(list);
  std::string item;
  while (std::getline(ss, item, ',')) {
    while (!item.empty() && item.back() == '/') item.pop_back();
    if (!item.empty()) allowed_.push_back(item);
  }
  for (const auto& o : allowed_) warn_unless_full_origin(o);
}

bool OriginPolicy::allowed(std::string_view origin, std::string_view host) const {
  if (origin.empty()) return true;
  std::string_view authority = origin_authority(origin);
  if (!authority.empty() && !browser_authority(authority)) authority = {};
  if (!authority.empty() && authority == host) return true;
  for (const auto& allowed : allowed_) {
    if (allowed == "*") return true;
    if (allowed == origin && !authority.empty()) return true;
    if (allowed == "localhost" && !authority.empty()) {
      auto h = host_only(authority);
      if (h == "localhost" || h == "127.0.0.1" || h == "[::1]") return true;
    }
  }
  return false;
}

TrustedProxies::TrustedProxies(const std::string& list) {
  // "10.0.0.0/8", "::1", "127.0.0.1": parsed once, here.
  std::stringstream proxies(list);
  std::string item;
  while (std::getline(proxies, item, ',')) {
    if (item.empty()) continue;
    std::string with_prefix = item.find('/') == std::string::npos
                                  ? item + (item.find(':') == std::string::npos ? "/32" : "/128")
                                  : item;
    beast::error_code ec;
    if (item.find(':') == std::string::npos) {
      auto n = net::ip::make_network_v4(with_prefix, ec);
      if (!ec) v4_.push_back(n.canonical());
    } else {
      auto n = net::ip::make_network_v6(with_prefix, ec);
      if (!ec) v6_.push_back(n.canonical());
    }
    if (ec) spdlog::warn("--trusted-proxies: \"{}\" is not an address or a network; ignored", item);
  }
}

std::string TrustedProxies::client_address(net::ip::address peer, std::string_view real_ip) const {
  // A dual-stack socket reports IPv4 peers as ::ffff:a.b.c.d.
  if (peer.is_v6() && peer.to_v6().is_v4_mapped()) peer = net::ip::make_address_v4(net::ip::v4_mapped, peer.to_v6());
  bool trusted = false;
  if (peer.is_v4())
    for (const auto& n : v4_)
      trusted = trusted || net::ip::make_network_v4(peer.to_v4(), n.prefix_length()).canonical() == n;
  else
    for (const auto& n : v6_)
      trusted = trusted || net::ip::make_network_v6(peer.to_v6(), n.prefix_length()).canonical() == n;
  if (trusted && !real_ip.empty() && real_ip.size() <= 64) return std::string(real_ip);
  return peer.to_string();
}

bool AdminAuth::authorized(std::string_view header) const {
  if (token_.empty()) return false;
  constexpr std::string_view kBearer = "Bearer ";
  if (header.substr(0, kBearer.size()) != kBearer) return false;
  return constant_time_equal(header.substr(kBearer.size()), token_);
}

bool constant_time_equal(std::string_view a, std::string_view b) {
  // Compare over the longer length so that neither length nor content shows in time.
  size_t n = std::max(a.size(), b.size());
  unsigned char diff = a.size() == b.size() ? 0 : 1;
  for (size_t i = 0; i < n; ++i) {
    unsigned char x = i < a.size() ? static_cast<unsigned char>(a[i]) : 0;
    unsigned char y = i < b.size() ? static_cast<unsigned char>(b[i]) : 0;
    diff |= x ^ y;
  }
  return diff == 0;
}

}  // namespace tanya

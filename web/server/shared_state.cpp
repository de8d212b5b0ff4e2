#include "web/server/shared_state.hpp"

#include <spdlog/spdlog.h>

#include <algorithm>
#include <cctype>
#include <sstream>

namespace tanya {

namespace {
void warn_unless_full_origin(const std::string& entry);
}  // namespace

ServerLimits limits_from(const Config& c) {
  ServerLimits l;
  l.max_message = static_cast<size_t>(std::max(256L, c.get_int("max-message")));
  l.max_body = static_cast<size_t>(std::max(256L, c.get_int("max-body")));
  l.max_header = static_cast<size_t>(std::max(1024L, c.get_int("max-header")));
  l.max_connections = std::max(1L, c.get_int("max-connections"));
  l.rate = std::max(0.1, std::atof(c.get("rate").c_str()));
  l.burst = std::max(1.0, std::atof(c.get("burst").c_str()));
  l.idle_timeout = std::chrono::seconds(std::max(1L, c.get_int("idle-timeout")));
  l.handshake_timeout = std::chrono::seconds(std::max(1L, c.get_int("handshake-timeout")));
  l.protocol.max_question_chars = static_cast<size_t>(std::max(1L, c.get_int("max-question")));
  return l;
}

SharedState::SharedState(const Config& config, std::shared_ptr<const Analyzer> analyzer, EngineOptions options,
                         std::shared_ptr<const Engine> engine, StaticFiles files, std::unique_ptr<EventLog> events,
                         std::unique_ptr<ConversationStore> conversations)
    : analyzer_(std::move(analyzer)),
      engine_options_(std::move(options)),
      engine_(std::move(engine)),
      events_(std::move(events)),
      adapters_(make_adapters(config)),
      admin_token_(config.get("admin-token")),
      limits_(limits_from(config)),
      conversations_(std::move(conversations)),
      files_(std::move(files)),
      json_logs_(config.get("log-format") == "json") {
  std::stringstream ss(config.get("allowed-origins"));
  std::string item;
  while (std::getline(ss, item, ',')) {
    while (!item.empty() && item.back() == '/') item.pop_back();
    if (!item.empty()) allowed_origins_.push_back(item);
  }
  for (const auto& o : allowed_origins_) warn_unless_full_origin(o);
  // Trusted proxies are parsed once, here: "10.0.0.0/8", "::1", "127.0.0.1".
  std::stringstream proxies(config.get("trusted-proxies"));
  while (std::getline(proxies, item, ',')) {
    if (item.empty()) continue;
    std::string with_prefix = item.find('/') == std::string::npos
                                  ? item + (item.find(':') == std::string::npos ? "/32" : "/128")
                                  : item;
    beast::error_code ec;
    if (item.find(':') == std::string::npos) {
      auto n = net::ip::make_network_v4(with_prefix, ec);
      if (!ec) trusted_v4_.push_back(n.canonical());
    } else {
      auto n = net::ip::make_network_v6(with_prefix, ec);
      if (!ec) trusted_v6_.push_back(n.canonical());
    }
    if (ec) spdlog::warn("--trusted-proxies: \"{}\" is not an address or a network; ignored", item);
  }
}

std::string SharedState::client_address(net::ip::address peer, std::string_view real_ip) const {
  // A dual-stack socket reports IPv4 peers as ::ffff:a.b.c.d.
  if (peer.is_v6() && peer.to_v6().is_v4_mapped()) peer = net::ip::make_address_v4(net::ip::v4_mapped, peer.to_v6());
  bool trusted = false;
  if (peer.is_v4())
    for (const auto& n : trusted_v4_)
      trusted = trusted || net::ip::make_network_v4(peer.to_v4(), n.prefix_length()).canonical() == n;
  else
    for (const auto& n : trusted_v6_)
      trusted = trusted || net::ip::make_network_v6(peer.to_v6(), n.prefix_length()).canonical() == n;
  if (trusted && !real_ip.empty() && real_ip.size() <= 64) return std::string(real_ip);
  return peer.to_string();
}

namespace {

// "http://host:port" → "host:port"; "" when the origin is not http(s).
std::string_view origin_authority(std::string_view origin) {
  for (std::string_view scheme : {"http://", "https://"})
    if (origin.substr(0, scheme.size()) == scheme) return origin.substr(scheme.size());
  return {};
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

bool SharedState::origin_allowed(std::string_view origin, std::string_view host) const {
  if (origin.empty()) return true;
  std::string_view authority = origin_authority(origin);
  if (!authority.empty() && authority == host) return true;
  for (const auto& allowed : allowed_origins_) {
    if (allowed == "*") return true;
    if (allowed == origin) return true;
    if (allowed == "localhost" && !authority.empty()) {
      auto h = host_only(authority);
      if (h == "localhost" || h == "127.0.0.1" || h == "[::1]") return true;
    }
  }
  return false;
}

Result<ReloadReport> SharedState::reload() {
  std::lock_guard<std::mutex> lock(reload_mu_);  // one build at a time
  auto started = std::chrono::steady_clock::now();
  OpenReport open;
  auto e = Engine::open(engine_options_, analyzer_, &open);
  if (!e) return e.error();
  ReloadReport r;
  r.db_path = open.db_path;
  r.units = (*e)->index().units.size();
  r.built = open.built;
  r.problems = open.problems;
  engine_.store(std::move(*e));
  r.millis = std::chrono::duration<double, std::milli>(std::chrono::steady_clock::now() - started).count();
  return r;
}

void SharedState::record_answer(const std::string& channel, const std::string& question, const Answer& answer) {
  if (!events_ || answer.intent != "question") return;
  constexpr double kLowConfidence = 0.6;
  if (!answer.fallback && answer.confidence >= kLowConfidence) return;
  Event e;
  e.channel = channel;
  e.kind = answer.fallback ? "unanswered" : "low_confidence";
  e.question = question.substr(0, 1000);
  e.answer = answer.text;
  e.confidence = answer.confidence;
  events_->record(std::move(e));
}

bool SharedState::admin_authorized(std::string_view header) const {
  if (admin_token_.empty()) return false;
  constexpr std::string_view kBearer = "Bearer ";
  if (header.substr(0, kBearer.size()) != kBearer) return false;
  return constant_time_equal(std::string(header.substr(kBearer.size())), admin_token_);
}

bool SharedState::try_open_connection() {
  if (connections_.fetch_add(1) >= limits_.max_connections) {
    connections_.fetch_sub(1);
    return false;
  }
  return true;
}

bool SharedState::allow_request(const std::string& address) {
  std::lock_guard<std::mutex> lock(buckets_mu_);
  // Bounded memory under many addresses: forgetting buckets only forgives.
  if (buckets_.size() > 100000) buckets_.clear();
  auto it = buckets_.try_emplace(address, limits_.rate, limits_.burst).first;
  return it->second.take();
}

void SharedState::release_connection() { connections_.fetch_sub(1); }

void SharedState::join(websocket_session* s, std::weak_ptr<websocket_session> w) {
  std::lock_guard<std::mutex> lock(sessions_mu_);
  sessions_.emplace(s, std::move(w));
}

void SharedState::leave(websocket_session* s) {
  std::lock_guard<std::mutex> lock(sessions_mu_);
  sessions_.erase(s);
}

std::vector<std::weak_ptr<websocket_session>> SharedState::sessions() const {
  std::lock_guard<std::mutex> lock(sessions_mu_);
  std::vector<std::weak_ptr<websocket_session>> out;
  out.reserve(sessions_.size());
  for (const auto& [p, w] : sessions_) out.push_back(w);
  return out;
}

size_t SharedState::session_count() const {
  std::lock_guard<std::mutex> lock(sessions_mu_);
  return sessions_.size();
}

}  // namespace tanya

#pragma once
// The member definitions of basic_http_session (http_session.hpp). Included
// only where the template is instantiated: http_session.cpp (TCP) and
// tests/session_test.cpp (Beast's test::stream); everywhere else the session
// is a declaration, which keeps Beast's templates compiled once.
#include <algorithm>
#include <string_view>
#include <nlohmann/json.hpp>

#include "knowledge/base/strings.hpp"
#include "web/server/admin_api.hpp"
#include "web/server/demo_page.hpp"
#include "web/server/http_session.hpp"
#include "web/server/log.hpp"
#include "web/server/protocol.hpp"
#include "web/server/session_stream.hpp"
#include "web/server/websocket_session.hpp"

namespace tanya {

namespace http_session_detail {

inline std::string dump(const nlohmann::json& j) {
  return j.dump(-1, ' ', false, nlohmann::json::error_handler_t::replace);
}

// A Sec-WebSocket-Key is 16 bytes in base64: 22 characters of its alphabet and "==".
inline bool websocket_key_ok(beast::string_view key) {
  auto base64 = [](char c) {
    return (c >= 'A' && c <= 'Z') || (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') || c == '+' || c == '/';
  };
  return key.size() == 24 && std::all_of(key.begin(), key.begin() + 22, base64) && key.substr(22) == "==";
}

}  // namespace http_session_detail

template <class Stream>
basic_http_session<Stream>::basic_http_session(Stream&& stream, std::shared_ptr<SharedState> state, ConnectionSlot slot,
                                               uint64_t id)
    : stream_(std::move(stream)), state_(std::move(state)), slot_(std::move(slot)), id_(id) {}

template <class Stream>
void basic_http_session<Stream>::run() {
  net::dispatch(stream_.get_executor(),
                beast::bind_front_handler(&basic_http_session::do_read, this->shared_from_this()));
}

template <class Stream>
void basic_http_session<Stream>::do_read() {
  parser_.emplace();
  parser_->header_limit(static_cast<std::uint32_t>(state_->limits.max_header));
  // Beast checks a Content-Length against the limit as soon as the header is
  // in: an owner's upload needs the larger one set now; on_header puts
  // everyone else back to --max-body.
  parser_->body_limit(std::max(state_->limits.max_body, state_->admin.enabled() ? kMaxUpload : 0));
  // The whole request must arrive in time: a slowloris client is dropped.
  session_stream::expires_after(stream_, state_->limits.handshake_timeout);
  // The header first: an owner's article upload may be larger than --max-body.
  http::async_read_header(stream_, buffer_, *parser_,
                          beast::bind_front_handler(&basic_http_session::on_header, this->shared_from_this()));
}

template <class Stream>
void basic_http_session<Stream>::on_header(beast::error_code ec, std::size_t bytes) {
  if (ec) return on_read(ec, bytes);
  // A transfer coding other than one "chunked" ("gzip", "chunked, chunked"):
  // Beast reads no body then, and the bytes after the header would be served
  // as the next request, a smuggling shape. Refused and closed (RFC 9112 6.3).
  const auto& fields = parser_->get();
  if (fields.count(http::field::transfer_encoding) > 1 ||
      (fields.count(http::field::transfer_encoding) == 1 &&
       !beast::iequals(trim(fields[http::field::transfer_encoding]), "chunked")))
    return on_read(http::error::bad_transfer_encoding, bytes);
  // Two Host fields: which one the same-origin check reads would be the
  // attacker's choice. Refused (RFC 9112 3.2: 400).
  if (fields.count(http::field::host) > 1) return on_read(http::error::bad_value, bytes);
  if (admin_body_limit(*state_, parser_->get()) == 0) {
    const size_t max = state_->limits.max_body;
    if (parser_->content_length() && *parser_->content_length() > max) return on_read(http::error::body_limit, bytes);
    parser_->body_limit(max);  // a chunked body is counted as it comes
  }
  // "Expect: 100-continue" (curl sends it with a body over 1 KB, then waits a
  // second for this): the interim reply, then the body (RFC 9110 10.1.1).
  // Nothing else is being written: a response is sent only after its request.
  static constexpr std::string_view kContinue = "HTTP/1.1 100 Continue\r\n\r\n";
  if (fields.version() >= 11 && !parser_->is_done() && beast::iequals(trim(fields[http::field::expect]), "100-continue"))
    return net::async_write(stream_, net::buffer(kContinue.data(), kContinue.size()),
                            beast::bind_front_handler(&basic_http_session::on_continue, this->shared_from_this()));
  read_body();
}

template <class Stream>
void basic_http_session<Stream>::on_continue(beast::error_code ec, std::size_t) {
  if (ec) return fail(ec, "http continue", id_);
  read_body();
}

template <class Stream>
void basic_http_session<Stream>::read_body() {
  http::async_read(stream_, buffer_, *parser_, beast::bind_front_handler(&basic_http_session::on_read, this->shared_from_this()));
}

template <class Stream>
void basic_http_session<Stream>::on_read(beast::error_code ec, std::size_t) {
  if (ec == http::error::end_of_stream) return do_close();
  version_ = 11;
  keep_alive_ = false;
  if (ec == http::error::body_limit) {
    state_->metrics.error(ErrorCode::too_large);
    return send(json(413, error_json(nullptr, {ErrorCode::too_large, "request body over " +
                                                   std::to_string(state_->limits.max_body) + " bytes"})));
  }
  if (ec == http::error::header_limit)  // 431, not too_large's 413: the headers, not the body
    return send(json(431, error_json(nullptr, {ErrorCode::too_large, "request headers too large"})));
  if (ec == beast::error::timeout || ec == net::error::eof || ec == net::error::connection_reset ||
      ec == net::error::operation_aborted)
    return fail(ec, "http read", id_);
  if (ec) {
    // Anything malformed (smuggling shapes included): refuse and close.
    state_->metrics.error(ErrorCode::bad_request);
    return send(json(400, error_json(nullptr, {ErrorCode::bad_request, "malformed HTTP request"})));
  }
  // No deadline while the answer is worked out; the next read sets one again.
  session_stream::expires_never(stream_);
  auto req = parser_->release();
  version_ = req.version();
  keep_alive_ = req.keep_alive() && !state_->stopping;
  method_ = std::string(req.method_string());
  path_ = path_of(req.target());
  started_ = std::chrono::steady_clock::now();
  if (websocket::is_upgrade(req)) return upgrade(std::move(req));
  if (auto res = handle(req)) respond(std::move(*res));
}

template <class Stream>
void basic_http_session<Stream>::upgrade(Request req) {
  keep_alive_ = false;
  if (path_ != "/ws") {
    state_->metrics.request(Route::not_found, 404);
    return send(json(404, error_json(nullptr, {ErrorCode::not_found, "WebSocket endpoint is /ws"})));
  }
  if (!state_->origins.allowed(req[http::field::origin], req[http::field::host])) {
    spdlog::warn("conn={} websocket refused: origin {} is not in --allowed-origins", id_, log_safe(req[http::field::origin]));
    return send(error({ErrorCode::forbidden, "origin not allowed"}, Route::ws_upgrade));
  }
  if (state_->stopping) return send(error({ErrorCode::unavailable, "shutting down"}, Route::ws_upgrade));
  // What Beast would refuse in plain text, or let through (a key that is no
  // base64 of 16 bytes): refused here in the protocol's JSON (RFC 6455 4.2.1).
  if (req[http::field::sec_websocket_version] != "13") {
    state_->metrics.error(ErrorCode::bad_request);
    state_->metrics.request(Route::ws_upgrade, 426);
    Response res = json(426, error_json(nullptr, {ErrorCode::bad_request, "Sec-WebSocket-Version must be 13"}));
    res.set(http::field::sec_websocket_version, "13");
    return send(std::move(res));
  }
  if (!http_session_detail::websocket_key_ok(req[http::field::sec_websocket_key]))
    return send(error({ErrorCode::bad_request, "Sec-WebSocket-Key must be 16 bytes in base64"}, Route::ws_upgrade));
  state_->metrics.request(Route::ws_upgrade, 101);
  std::make_shared<basic_websocket_session<Stream>>(session_stream::hand_over(stream_), state_, std::move(*slot_), id_)
      ->run(std::move(req));
  slot_.reset();
}

template <class Stream>
typename basic_http_session<Stream>::Response basic_http_session<Stream>::json(int status, std::string body) const {
  return json_response(version_, keep_alive_, status, std::move(body));
}

template <class Stream>
typename basic_http_session<Stream>::Response basic_http_session<Stream>::error(const ProtocolError& e, Route route) {
  state_->metrics.error(e.code);
  state_->metrics.request(route, http_status(e.code));
  return json(http_status(e.code), error_json(nullptr, e));
}

template <class Stream>
typename basic_http_session<Stream>::Response basic_http_session<Stream>::too_many(Route route, const char* message,
                                                                                    const RateBuckets& buckets) {
  Response res = error({ErrorCode::rate_limited, message}, route);
  res.set(http::field::retry_after, std::to_string(buckets.refill_seconds()));
  return res;
}

template <class Stream>
typename basic_http_session<Stream>::Response basic_http_session<Stream>::not_allowed(Route route, const char* allow) {
  state_->metrics.request(route, 405);
  Response res = json(405, error_json(nullptr, {ErrorCode::bad_request, std::string("method not allowed; use ") + allow}));
  res.set(http::field::allow, allow);
  return res;
}

template <class Stream>
std::string basic_http_session<Stream>::client_address(const Request& req) {
  net::ip::address peer;
  if (!session_stream::peer_address(stream_, peer)) return std::string();
  return state_->proxies.client_address(peer, req["X-Real-IP"]);
}

template <class Stream>
std::optional<typename basic_http_session<Stream>::Response> basic_http_session<Stream>::handle(Request& req) {
  if (path_ == "/api/ask") return handle_ask(req);
  for (const auto& adapter : state_->adapters)
    if (path_.rfind(adapter->path_prefix(), 0) == 0) {
      if (auto whole = adapter->handle(req, state_)) return whole;  // WhatsApp: answers out of band
      return handle_adapter(*adapter, req);
    }
  if (path_ == "/admin" || path_.rfind("/admin/", 0) == 0) return handle_admin(req);
  return handle_get(req);
}

template <class Stream>
std::optional<typename basic_http_session<Stream>::Response> basic_http_session<Stream>::handle_ask(Request& req) {
  std::string origin(req[http::field::origin]);
  bool origin_ok = state_->origins.allowed(origin, req[http::field::host]);
  auto cors = [origin = origin_ok ? origin : std::string()](Response res) {
    if (!origin.empty()) {
      res.set(http::field::access_control_allow_origin, origin);
      res.set(http::field::vary, "Origin");
    }
    return res;
  };
  if (req.method() == http::verb::options) {
    Response res{http::status::no_content, version_};
    res.set(http::field::access_control_allow_methods, "POST, OPTIONS");
    res.set(http::field::access_control_allow_headers, "Content-Type");
    res.set(http::field::access_control_max_age, "600");
    res.keep_alive(keep_alive_);
    res.prepare_payload();
    state_->metrics.request(Route::api_ask, 204);
    return cors(std::move(res));
  }
  if (!origin_ok) return cors(error({ErrorCode::forbidden, "origin not allowed"}, Route::api_ask));
  if (req.method() != http::verb::post) return cors(not_allowed(Route::api_ask, "POST, OPTIONS"));
  if (!json_content(req))
    return cors(error({ErrorCode::unsupported, "Content-Type must be application/json"}, Route::api_ask));
  if (!state_->by_address.take(client_address(req)))
    return cors(too_many(Route::api_ask, "too many requests; slow down", state_->by_address));
  auto body = parse_ask_body(req.body());
  if (!body) return cors(error(body.error(), Route::api_ask));
  Question q;
  q.channel = "http";
  q.transport = Transport::http;
  q.text = std::move(body->text);
  q.conversation_key = std::move(body->session);
  q.page = std::move(body->article);
  q.connection = id_;
  state_->answering.ask(std::move(q), stream_.get_executor(), [self = this->shared_from_this(), cors](AskResult r) {
    if (!r) {
      self->state_->metrics.request(Route::api_ask, http_status(r.error().code));
      return self->respond(cors(self->json(http_status(r.error().code), error_json(nullptr, r.error()))));
    }
    self->state_->metrics.request(Route::api_ask, 200);
    self->respond(cors(self->json(200, answer_json(r->answer))));
  });
  return std::nullopt;
}

template <class Stream>
std::optional<typename basic_http_session<Stream>::Response> basic_http_session<Stream>::handle_adapter(const Adapter& adapter, Request& req) {
  if (req.method() != http::verb::post) return not_allowed(Route::adapter, "POST");
  auto in = adapter.parse(req);
  if (!in) return error(to_protocol_error(in.error()), Route::adapter);
  if (!json_content(req))
    return error({ErrorCode::unsupported, "Content-Type must be application/json"}, Route::adapter);
  if (!in->command.empty() && !in->conversation.empty()) {
    // A bot command (/start, /help): the welcome or the help, whose starter
    // questions become the buttons. The store may block: on the worker pool.
    respond_later([self = this->shared_from_this(), &adapter, in = std::move(*in)] {
      Answer a = command_answer(*self->state_->engine(), in.command);
      Conversation conv = self->state_->conversations->get(in.conversation);
      conv.suggestions = a.suggestions;
      self->state_->conversations->put(in.conversation, conv);
      self->state_->metrics.request(Route::adapter, 200);
      return self->json(200, adapter.render(in, &a));
    });
    return std::nullopt;
  }
  if (in->conversation.empty() || (in->text.empty() && in->suggestion < 0)) {
    state_->metrics.request(Route::adapter, 200);
    return json(200, adapter.render(*in, nullptr));  // nothing to answer: acknowledge
  }
  // Per client address (rotating senders does not help) and per sender.
  if (!state_->by_address.take(client_address(req)))
    return too_many(Route::adapter, "slow down", state_->by_address);
  if (!state_->by_sender.take(adapter.name() + ":" + in->conversation))
    return too_many(Route::adapter, "slow down", state_->by_sender);
  Question q;
  q.channel = adapter.name();
  q.transport = Transport::adapter;
  q.text = in->text;
  q.conversation_key = in->conversation;
  q.suggestion = in->suggestion;
  q.connection = id_;
  state_->answering.ask(std::move(q), stream_.get_executor(),
                        [self = this->shared_from_this(), &adapter, in = std::move(*in)](AskResult r) {
                          if (!r) {
                            self->state_->metrics.request(Route::adapter, http_status(r.error().code));
                            return self->respond(
                                self->json(http_status(r.error().code), error_json(nullptr, r.error())));
                          }
                          self->state_->metrics.request(Route::adapter, 200);
                          self->respond(self->json(200, adapter.render(in, r->asked ? &r->answer : nullptr)));
                        });
  return std::nullopt;
}

template <class Stream>
std::optional<typename basic_http_session<Stream>::Response> basic_http_session<Stream>::handle_admin(Request& req) {
  // The console reads the event log (waiting for its writer and the disk) and
  // runs the engine: on the worker pool, never on this strand. A reload
  // answers later still, from the reload thread, through `later`.
  auto later = [self = this->shared_from_this()](Response res) {
    net::post(self->stream_.get_executor(), [self, res = std::move(res)]() mutable { self->respond(std::move(res)); });
  };
  net::post(state_->workers, [self = this->shared_from_this(), req = std::move(req), later]() mutable {
    if (auto res = tanya::handle_admin(self->state_, req, self->id_, later)) later(std::move(*res));
  });
  return std::nullopt;
}

template <class Stream>
std::optional<typename basic_http_session<Stream>::Response> basic_http_session<Stream>::handle_get(Request& req) {
  auto& metrics = state_->metrics;
  if (req.method() != http::verb::get && req.method() != http::verb::head) return not_allowed(Route::not_found, "GET, HEAD");
  if (path_ == "/healthz") {
    metrics.request(Route::healthz, 200);
    auto engine = state_->engine();
    return json(200, http_session_detail::dump({{"status", state_->stopping ? "stopping" : "ok"},
                           {"units", engine->index().units.size()},
                           {"index", engine->db_path()}}));
  }
  if (path_ == "/api/origin") {
    // May this page's origin use /ws and /api/ask? Any page may ask (CORS *):
    // a browser cannot read why a WebSocket handshake failed, so the widget
    // asks here to tell a refused origin from an outage (web/PROTOCOL.md).
    beast::string_view origin = req[http::field::origin];
    nlohmann::json j = {{"origin", origin.empty() ? nlohmann::json(nullptr) : nlohmann::json(std::string(origin))},
                        {"allowed", state_->origins.allowed(origin, req[http::field::host])}};
    Response res = json(200, http_session_detail::dump(j));
    res.set(http::field::access_control_allow_origin, "*");
    metrics.request(Route::api_origin, 200);
    return res;
  }
  if (path_ == "/metrics") {
    metrics.request(Route::metrics, 200);
    Response res{http::status::ok, version_};
    res.set(http::field::content_type, "text/plain; version=0.0.4; charset=utf-8");
    res.keep_alive(keep_alive_);
    res.body() = metrics.render();
    if (EventLog* log = state_->events.get())
      res.body() += "# HELP tanya_events_dropped_total Event log entries dropped because the queue was full.\n"
                    "# TYPE tanya_events_dropped_total counter\ntanya_events_dropped_total " +
                    std::to_string(log->dropped()) + "\n";
    res.body() +=
        "# HELP tanya_conversation_store_errors_total Conversation reads or writes that failed (Redis unreachable); "
        "those questions were answered without their context.\n"
        "# TYPE tanya_conversation_store_errors_total counter\ntanya_conversation_store_errors_total " +
        std::to_string(state_->conversations->errors()) + "\n";
    for (const auto& adapter : state_->adapters) res.body() += adapter->metrics();
    res.prepare_payload();
    return res;
  }
  // The console page is served only as GET /admin, and only with a token set.
  const StaticFile* f = path_ == "/admin.html" ? nullptr : state_->files.find(path_);
  StaticFile page;
  if (f && (path_ == "/" || path_ == "/index.html")) {
    // The demo page names the knowledge being served (demo_page.hpp).
    page = StaticFile{render_demo_page(f->body, state_->engine()->index()), f->content_type, ""};
    page.etag = etag_for(page.body);
    f = &page;
  }
  if (f) {
    if (req[http::field::if_none_match] == f->etag) {
      metrics.request(Route::static_file, 304);
      Response res{http::status::not_modified, version_};
      res.set(http::field::etag, f->etag);
      res.keep_alive(keep_alive_);
      res.prepare_payload();
      return res;
    }
    metrics.request(Route::static_file, 200);
    Response res{http::status::ok, version_};
    res.set(http::field::server, "tanya");
    res.set(http::field::content_type, f->content_type);
    // The demo page changes with a reload of the knowledge: revalidated each time.
    res.set(http::field::cache_control, f == &page ? "no-cache" : "public, max-age=300");
    res.set(http::field::etag, f->etag);
    res.set("X-Content-Type-Options", "nosniff");
    set_file_body(res, f->body, req.method(), keep_alive_);
    return res;
  }
  return error({ErrorCode::not_found, "no such path"}, Route::not_found);
}

template <class Stream>
void basic_http_session<Stream>::respond_later(std::function<Response()> make) {
  net::post(state_->workers, [self = this->shared_from_this(), make = std::move(make)] {
    Response res = make();
    net::post(self->stream_.get_executor(), [self, res = std::move(res)]() mutable { self->respond(std::move(res)); });
  });
}

template <class Stream>
void basic_http_session<Stream>::respond(Response res) {
  // One line per request; the path is cut and escaped, the body never logged.
  spdlog::info("conn={} http {} {} {} latency_us={:.0f}", id_, method_, log_safe(path_.substr(0, 80)),
               res.result_int(),
               std::chrono::duration<double, std::micro>(std::chrono::steady_clock::now() - started_).count());
  send(std::move(res));
}

template <class Stream>
void basic_http_session<Stream>::send(Response res) {
  // A client that does not read its response is dropped like a slow sender.
  session_stream::expires_after(stream_, state_->limits.handshake_timeout);
  auto sp = std::make_shared<Response>(std::move(res));
  bool close = sp->need_eof();
  http::async_write(stream_, *sp, [self = this->shared_from_this(), sp, close](beast::error_code ec, std::size_t bytes) {
    self->on_write(close, ec, bytes);
  });
}

template <class Stream>
void basic_http_session<Stream>::on_write(bool close, beast::error_code ec, std::size_t) {
  if (ec) return fail(ec, "http write", id_);
  if (close) return do_close();
  do_read();
}

template <class Stream>
void basic_http_session<Stream>::do_close() {
  session_stream::shutdown_send(stream_);
}

}  // namespace tanya

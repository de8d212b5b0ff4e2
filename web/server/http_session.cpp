#include "web/server/http_session.hpp"

#include <nlohmann/json.hpp>

#include "web/cli/review.hpp"
#include "web/server/log.hpp"
#include "web/server/protocol.hpp"
#include "web/server/websocket_session.hpp"

namespace tanya {

namespace {

std::string path_of(beast::string_view target) {
  auto q = target.find('?');
  return std::string(target.substr(0, q));
}

bool json_content(const http_session::Request& req) {
  std::string_view type = req[http::field::content_type];
  return type.substr(0, type.find(';')) == "application/json";
}

std::string dump(const nlohmann::json& j) { return j.dump(-1, ' ', false, nlohmann::json::error_handler_t::replace); }

}  // namespace

http_session::http_session(tcp::socket&& socket, std::shared_ptr<SharedState> state, ConnectionSlot slot, uint64_t id)
    : stream_(std::move(socket)), state_(std::move(state)), slot_(std::move(slot)), id_(id) {}

void http_session::run() {
  net::dispatch(stream_.get_executor(), beast::bind_front_handler(&http_session::do_read, shared_from_this()));
}

void http_session::do_read() {
  parser_.emplace();
  parser_->header_limit(static_cast<std::uint32_t>(state_->limits.max_header));
  parser_->body_limit(state_->limits.max_body);
  // The whole request must arrive in time: a slowloris client is dropped.
  stream_.expires_after(state_->limits.handshake_timeout);
  http::async_read(stream_, buffer_, *parser_, beast::bind_front_handler(&http_session::on_read, shared_from_this()));
}

void http_session::on_read(beast::error_code ec, std::size_t) {
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
  stream_.expires_never();
  auto req = parser_->release();
  version_ = req.version();
  keep_alive_ = req.keep_alive() && !state_->stopping;
  method_ = std::string(req.method_string());
  path_ = path_of(req.target());
  started_ = std::chrono::steady_clock::now();
  if (websocket::is_upgrade(req)) return upgrade(std::move(req));
  if (auto res = handle(req)) respond(std::move(*res));
}

void http_session::upgrade(Request req) {
  keep_alive_ = false;
  if (path_ != "/ws") {
    state_->metrics.request(Route::not_found, 404);
    return send(json(404, error_json(nullptr, {ErrorCode::not_found, "WebSocket endpoint is /ws"})));
  }
  if (!state_->origins.allowed(req[http::field::origin], req[http::field::host])) {
    spdlog::info("conn={} websocket refused: origin {}", id_, log_safe(req[http::field::origin]));
    return send(error({ErrorCode::forbidden, "origin not allowed"}, Route::ws_upgrade));
  }
  if (state_->stopping) return send(error({ErrorCode::unavailable, "shutting down"}, Route::ws_upgrade));
  state_->metrics.request(Route::ws_upgrade, 101);
  std::make_shared<websocket_session>(stream_.release_socket(), state_, std::move(*slot_), id_)->run(std::move(req));
  slot_.reset();
}

http_session::Response http_session::json(int status, std::string body) const {
  Response res{static_cast<http::status>(status), version_};
  res.set(http::field::server, "tanya");
  res.set(http::field::content_type, "application/json");
  res.set(http::field::cache_control, "no-store");
  res.keep_alive(keep_alive_);
  res.body() = std::move(body);
  res.prepare_payload();
  return res;
}

http_session::Response http_session::error(const ProtocolError& e, Route route) {
  state_->metrics.error(e.code);
  state_->metrics.request(route, http_status(e.code));
  return json(http_status(e.code), error_json(nullptr, e));
}

std::string http_session::client_address(const Request& req) {
  beast::error_code ec;
  auto peer = stream_.socket().remote_endpoint(ec);
  return ec ? std::string() : state_->proxies.client_address(peer.address(), req["X-Real-IP"]);
}

std::optional<http_session::Response> http_session::handle(Request& req) {
  if (path_ == "/api/ask") return handle_ask(req);
  for (const auto& adapter : state_->adapters)
    if (path_.rfind(adapter->path_prefix(), 0) == 0) return handle_adapter(*adapter, req);
  if (path_.rfind("/admin/", 0) == 0) return handle_admin(req);
  return handle_get(req);
}

std::optional<http_session::Response> http_session::handle_ask(Request& req) {
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
  if (req.method() != http::verb::post) {
    Response res = json(405, error_json(nullptr, {ErrorCode::bad_request, "use POST"}));
    res.set(http::field::allow, "POST, OPTIONS");
    state_->metrics.request(Route::api_ask, 405);
    return cors(std::move(res));
  }
  if (!json_content(req))
    return cors(error({ErrorCode::unsupported, "Content-Type must be application/json"}, Route::api_ask));
  if (!state_->by_address.take(client_address(req)))
    return cors(error({ErrorCode::rate_limited, "too many requests; slow down"}, Route::api_ask));
  auto body = parse_ask_body(req.body());
  if (!body) return cors(error(body.error(), Route::api_ask));
  Question q;
  q.channel = "http";
  q.transport = Transport::http;
  q.text = std::move(body->text);
  q.conversation_key = std::move(body->session);
  q.connection = id_;
  state_->answering.ask(std::move(q), stream_.get_executor(), [self = shared_from_this(), cors](AskResult r) {
    if (!r) {
      self->state_->metrics.request(Route::api_ask, http_status(r.error().code));
      return self->respond(cors(self->json(http_status(r.error().code), error_json(nullptr, r.error()))));
    }
    self->state_->metrics.request(Route::api_ask, 200);
    self->respond(cors(self->json(200, answer_json(r->answer))));
  });
  return std::nullopt;
}

std::optional<http_session::Response> http_session::handle_adapter(const Adapter& adapter, Request& req) {
  if (req.method() != http::verb::post) return error({ErrorCode::not_found, "adapters take POST"}, Route::adapter);
  auto in = adapter.parse(req);
  if (!in) return error(to_protocol_error(in.error()), Route::adapter);
  if (!json_content(req))
    return error({ErrorCode::unsupported, "Content-Type must be application/json"}, Route::adapter);
  if (in->conversation.empty() || (in->text.empty() && in->suggestion < 0)) {
    state_->metrics.request(Route::adapter, 200);
    return json(200, adapter.render(*in, nullptr));  // nothing to answer: acknowledge
  }
  // Per client address (rotating senders does not help) and per sender.
  if (!state_->by_address.take(client_address(req)) || !state_->by_sender.take(adapter.name() + ":" + in->conversation))
    return error({ErrorCode::rate_limited, "slow down"}, Route::adapter);
  Question q;
  q.channel = adapter.name();
  q.transport = Transport::adapter;
  q.text = in->text;
  q.conversation_key = in->conversation;
  q.suggestion = in->suggestion;
  q.connection = id_;
  state_->answering.ask(std::move(q), stream_.get_executor(),
                        [self = shared_from_this(), &adapter, in = std::move(*in)](AskResult r) {
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

std::optional<http_session::Response> http_session::handle_admin(Request& req) {
  // No token configured: the admin API does not exist.
  if (!state_->admin.enabled()) return error({ErrorCode::not_found, "no such path"}, Route::not_found);
  if (!state_->admin.authorized(req[http::field::authorization])) {
    spdlog::warn("conn={} admin: refused {} (missing or wrong token)", id_, log_safe(path_));
    Response res = error({ErrorCode::unauthorized, "a valid bearer token is required"}, Route::admin);
    res.set(http::field::www_authenticate, "Bearer");
    return res;
  }
  using nlohmann::json;
  auto state = state_;
  auto ok = [self = shared_from_this()](const json& j) {
    self->state_->metrics.request(Route::admin, 200);
    return self->json(200, dump(j));
  };
  auto unreadable = [self = shared_from_this()] {
    return self->error({ErrorCode::internal, "cannot read the event log"}, Route::admin);
  };
  // Reading the event log waits for its writer and the disk: on the worker pool.
  if (path_ == "/admin/unanswered" && req.method() == http::verb::get) {
    respond_later([state, ok, unreadable] {
      json groups = json::array();
      if (EventLog* log = state->events.get()) {
        log->flush();
        auto unanswered = EventLog::read(log->path(), "unanswered", 5000);
        auto low = EventLog::read(log->path(), "low_confidence", 5000);
        if (!unanswered || !low) return unreadable();
        unanswered->insert(unanswered->end(), low->begin(), low->end());
        for (const auto& g : group_unanswered(*unanswered, *state->engine()))
          groups.push_back({{"question", g.question}, {"count", g.count}, {"last_seen", iso_time(g.last_ms)},
                            {"wordings", g.wordings},
                            {"closest", {{"article", g.article}, {"order", g.order}, {"passage", g.passage}}}});
      }
      return ok({{"groups", groups}});
    });
    return std::nullopt;
  }
  if (path_ == "/admin/feedback" && req.method() == http::verb::get) {
    respond_later([state, ok, unreadable] {
      json votes = json::array();
      int useful = 0, not_useful = 0;
      if (EventLog* log = state->events.get()) {
        log->flush();
        auto events = EventLog::read(log->path(), "feedback", 1000);
        if (!events) return unreadable();
        for (const auto& e : *events) {
          (e.useful == 1 ? useful : not_useful)++;
          votes.push_back({{"time", iso_time(e.time_ms)}, {"channel", e.channel}, {"id", e.ref},
                           {"useful", e.useful == 1}, {"question", e.question}, {"answer", e.answer},
                           {"confidence", e.confidence}});
        }
      }
      return ok({{"useful", useful}, {"not_useful", not_useful}, {"feedback", votes}});
    });
    return std::nullopt;
  }
  if (path_ == "/admin/reload" && req.method() == http::verb::post) {
    // The build may take seconds: on the reload thread, coalesced with others.
    state_->reloader->request("POST /admin/reload", [self = shared_from_this(), ok](const Result<ReloadReport>& r) {
      Response res;
      if (r) {
        json j = {{"status", "reloaded"}, {"units", r->units}, {"index", r->db_path},
                  {"built", r->built},    {"problems", r->problems}, {"millis", r->millis}};
        // Replicas sharing a Redis: the others reload too (reload_channel.hpp).
        if (ReloadChannel* channel = self->state_->reload_channel.get()) {
          auto n = channel->publish();
          if (n) j["replicas"] = *n;
          else j["replicas_error"] = n.error().message;
        }
        res = ok(j);
      } else {
        res = self->error({ErrorCode::internal, "reload failed, the old index stays: " + r.error().message},
                          Route::admin);
      }
      net::post(self->stream_.get_executor(),
                [self, res = std::move(res)]() mutable { self->respond(std::move(res)); });
    });
    return std::nullopt;
  }
  return error({ErrorCode::not_found,
                "admin paths: GET /admin/unanswered, GET /admin/feedback, POST /admin/reload"},
               Route::admin);
}

std::optional<http_session::Response> http_session::handle_get(Request& req) {
  auto& metrics = state_->metrics;
  if (req.method() != http::verb::get && req.method() != http::verb::head) {
    metrics.request(Route::not_found, 405);
    return json(405, error_json(nullptr, {ErrorCode::bad_request, "method not allowed"}));
  }
  if (path_ == "/healthz") {
    metrics.request(Route::healthz, 200);
    auto engine = state_->engine();
    return json(200, dump({{"status", state_->stopping ? "stopping" : "ok"},
                           {"units", engine->index().units.size()},
                           {"index", engine->db_path()}}));
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
    res.prepare_payload();
    return res;
  }
  if (const StaticFile* f = state_->files.find(path_)) {
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
    res.set(http::field::cache_control, "public, max-age=300");
    res.set(http::field::etag, f->etag);
    res.set("X-Content-Type-Options", "nosniff");
    res.keep_alive(keep_alive_);
    if (req.method() != http::verb::head) res.body() = f->body;
    res.prepare_payload();
    if (req.method() == http::verb::head) res.content_length(f->body.size());
    return res;
  }
  return error({ErrorCode::not_found, "no such path"}, Route::not_found);
}

void http_session::respond_later(std::function<Response()> make) {
  net::post(state_->workers, [self = shared_from_this(), make = std::move(make)] {
    Response res = make();
    net::post(self->stream_.get_executor(), [self, res = std::move(res)]() mutable { self->respond(std::move(res)); });
  });
}

void http_session::respond(Response res) {
  // One line per request; the path is cut and escaped, the body never logged.
  spdlog::info("conn={} http {} {} {} latency_us={:.0f}", id_, method_, log_safe(path_.substr(0, 80)),
               res.result_int(),
               std::chrono::duration<double, std::micro>(std::chrono::steady_clock::now() - started_).count());
  send(std::move(res));
}

void http_session::send(Response res) {
  // A client that does not read its response is dropped like a slow sender.
  stream_.expires_after(state_->limits.handshake_timeout);
  auto sp = std::make_shared<Response>(std::move(res));
  bool close = sp->need_eof();
  http::async_write(stream_, *sp, [self = shared_from_this(), sp, close](beast::error_code ec, std::size_t bytes) {
    self->on_write(close, ec, bytes);
  });
}

void http_session::on_write(bool close, beast::error_code ec, std::size_t) {
  if (ec) return fail(ec, "http write", id_);
  if (close) return do_close();
  do_read();
}

void http_session::do_close() {
  beast::error_code ec;
  stream_.socket().shutdown(tcp::socket::shutdown_send, ec);
}

}  // namespace tanya

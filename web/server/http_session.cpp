#include "web/server/http_session.hpp"

#include <chrono>
#include <thread>
#include <nlohmann/json.hpp>

#include "web/server/demo_page.hpp"
#include "web/server/log.hpp"
#include "web/server/protocol.hpp"
#include "web/cli/review.hpp"
#include "web/server/websocket_session.hpp"

namespace tanya {

namespace {

using Response = http::response<http::string_body>;

int status_for(const std::string& code) {
  if (code == "bad_json" || code == "bad_request") return 400;
  if (code == "too_large") return 413;
  if (code == "rate_limited") return 429;
  if (code == "unsupported") return 415;
  if (code == "forbidden") return 403;
  if (code == "not_found") return 404;
  if (code == "unavailable") return 503;
  if (code == "unauthorized") return 401;
  return 500;
}

Response json_response(unsigned version, bool keep_alive, int status, std::string body) {
  Response res{static_cast<http::status>(status), version};
  res.set(http::field::server, "tanya");
  res.set(http::field::content_type, "application/json");
  res.set(http::field::cache_control, "no-store");
  res.keep_alive(keep_alive);
  res.body() = std::move(body);
  res.prepare_payload();
  return res;
}

Response error_response(unsigned version, bool keep_alive, const std::string& code, const std::string& message) {
  return json_response(version, keep_alive, status_for(code), error_json("", code, message));
}

std::string path_of(beast::string_view target) {
  auto q = target.find('?');
  return std::string(target.substr(0, q));
}

}  // namespace

http_session::http_session(tcp::socket&& socket, std::shared_ptr<SharedState> state, ConnectionSlot slot, uint64_t id)
    : stream_(std::move(socket)),
      state_(std::move(state)),
      slot_(std::move(slot)),
      id_(id) {}

void http_session::run() {
  net::dispatch(stream_.get_executor(), beast::bind_front_handler(&http_session::do_read, shared_from_this()));
}

void http_session::do_read() {
  parser_.emplace();
  parser_->header_limit(static_cast<std::uint32_t>(state_->limits().max_header));
  parser_->body_limit(state_->limits().max_body);
  // The whole request must arrive in time: a slowloris client is dropped.
  stream_.expires_after(state_->limits().handshake_timeout);
  http::async_read(stream_, buffer_, *parser_, beast::bind_front_handler(&http_session::on_read, shared_from_this()));
}

void http_session::on_read(beast::error_code ec, std::size_t) {
  if (ec == http::error::end_of_stream) return do_close();
  if (ec == http::error::body_limit) {
    state_->metrics().error("too_large");
    auto res = error_response(11, false, "too_large",
                              "request body over " + std::to_string(state_->limits().max_body) + " bytes");
    return send(std::move(res));
  }
  if (ec == http::error::header_limit) {
    auto res = json_response(11, false, 431, error_json("", "too_large", "request headers too large"));
    return send(std::move(res));
  }
  if (ec == beast::error::timeout || ec == net::error::eof || ec == net::error::connection_reset ||
      ec == net::error::operation_aborted)
    return fail(ec, "http read", id_);
  if (ec) {
    // Anything malformed (smuggling shapes included): refuse and close.
    state_->metrics().error("bad_request");
    return send(error_response(11, false, "bad_request", "malformed HTTP request"));
  }

  auto req = parser_->release();
  if (websocket::is_upgrade(req)) {
    if (path_of(req.target()) != "/ws") {
      state_->metrics().request(Route::not_found, 404);
      return send(error_response(req.version(), false, "not_found", "WebSocket endpoint is /ws"));
    }
    if (!state_->origin_allowed(req[http::field::origin], req[http::field::host])) {
      state_->metrics().request(Route::ws_upgrade, 403);
      state_->metrics().error("forbidden");
      spdlog::warn("conn={} websocket refused: origin {} is not in --allowed-origins", id_,
                   log_safe(req[http::field::origin]));
      return send(error_response(req.version(), false, "forbidden", "origin not allowed"));
    }
    if (state_->stopping) return send(error_response(req.version(), false, "unavailable", "shutting down"));
    state_->metrics().request(Route::ws_upgrade, 101);
    stream_.expires_never();
    std::make_shared<websocket_session>(stream_.release_socket(), state_, std::move(*slot_), id_)->run(std::move(req));
    slot_.reset();
    return;
  }
  auto started = std::chrono::steady_clock::now();
  auto res = handle(req);
  if (!res) return;  // answered later (a reload)
  // One line per request; the path is cut and escaped, the body never logged.
  spdlog::info("conn={} http {} {} {} latency_us={:.0f}", id_, std::string(req.method_string()),
               log_safe(path_of(req.target()).substr(0, 80)), res->result_int(),
               std::chrono::duration<double, std::micro>(std::chrono::steady_clock::now() - started).count());
  send(std::move(*res));
}

std::optional<Response> http_session::handle(http::request<http::string_body>& req) {
  const unsigned version = req.version();
  const bool keep_alive = req.keep_alive() && !state_->stopping;
  const std::string path = path_of(req.target());
  auto& metrics = state_->metrics();
  auto engine = state_->engine();

  if (path == "/api/ask") {
    beast::string_view origin = req[http::field::origin];
    bool origin_ok = state_->origin_allowed(origin, req[http::field::host]);
    auto cors = [&](Response res) {
      if (!origin.empty() && origin_ok) {
        res.set(http::field::access_control_allow_origin, origin);
        res.set(http::field::vary, "Origin");
      }
      return res;
    };
    if (req.method() == http::verb::options) {
      Response res{http::status::no_content, version};
      res.set(http::field::access_control_allow_methods, "POST, OPTIONS");
      res.set(http::field::access_control_allow_headers, "Content-Type");
      res.set(http::field::access_control_max_age, "600");
      res.keep_alive(keep_alive);
      res.prepare_payload();
      metrics.request(Route::api_ask, 204);
      return cors(std::move(res));
    }
    auto reject = [&](const std::string& code, const std::string& message) {
      metrics.error(code);
      metrics.request(Route::api_ask, status_for(code));
      return cors(error_response(version, keep_alive, code, message));
    };
    if (!origin_ok) return reject("forbidden", "origin not allowed");
    if (req.method() != http::verb::post) {
      Response res = error_response(version, keep_alive, "bad_request", "use POST");
      res.result(http::status::method_not_allowed);
      res.set(http::field::allow, "POST, OPTIONS");
      metrics.request(Route::api_ask, 405);
      return cors(std::move(res));
    }
    std::string type(req[http::field::content_type]);
    if (type.substr(0, type.find(';')) != "application/json")
      return reject("unsupported", "Content-Type must be application/json");
    beast::error_code ec;
    auto peer = stream_.socket().remote_endpoint(ec);
    std::string client = ec ? std::string() : state_->client_address(peer.address(), req["X-Real-IP"]);
    if (!state_->allow_request(client)) return reject("rate_limited", "too many requests; slow down");
    AskRequest ask = parse_ask_body(req.body(), state_->limits().protocol);
    if (!ask.ok) return reject(ask.error.error_code, ask.error.message);
    Conversation conv = ask.session.empty() ? Conversation{} : state_->conversations().get(ask.session);
    Reply r = answer_reply(ask.text, *engine, &conv, nullptr, "");
    if (r.kind != "answer") return reject(r.error_code, "the answer could not be computed");
    if (!ask.session.empty()) state_->conversations().put(ask.session, conv);
    state_->record_answer("http", ask.text, r.answer);
    metrics.answer(Transport::http, r.intent, r.fallback, r.seconds);
    metrics.request(Route::api_ask, 200);
    spdlog::info("conn={} http answer intent={} fallback={} confidence={:.2f} latency_us={:.0f}", id_, r.intent,
                 r.fallback, r.confidence, r.seconds * 1e6);
    return cors(json_response(version, keep_alive, 200, std::move(r.json)));
  }

  for (const auto& adapter : state_->adapters())
    if (path.rfind(adapter->path_prefix(), 0) == 0) return handle_adapter(*adapter, req);
  if (path.rfind("/admin/", 0) == 0) return handle_admin(req);

  if (req.method() != http::verb::get && req.method() != http::verb::head) {
    metrics.request(Route::not_found, 405);
    Response res = error_response(version, keep_alive, "bad_request", "method not allowed");
    res.result(http::status::method_not_allowed);
    return res;
  }
  if (path == "/healthz") {
    metrics.request(Route::healthz, 200);
    nlohmann::json j = {{"status", state_->stopping ? "stopping" : "ok"},
                        {"units", engine->index().units.size()},
                        {"index", engine->db_path()}};
    return json_response(version, keep_alive, 200, j.dump(-1, ' ', false, nlohmann::json::error_handler_t::replace));
  }
  if (path == "/api/origin") {
    // May this page's origin use /ws and /api/ask? Any page may ask (CORS *):
    // a browser cannot read why a WebSocket handshake failed, so the widget
    // asks here to tell a refused origin from an outage (web/PROTOCOL.md).
    beast::string_view origin = req[http::field::origin];
    nlohmann::json j = {{"origin", origin.empty() ? nlohmann::json(nullptr) : nlohmann::json(std::string(origin))},
                        {"allowed", state_->origin_allowed(origin, req[http::field::host])}};
    Response res = json_response(version, keep_alive, 200,
                                 j.dump(-1, ' ', false, nlohmann::json::error_handler_t::replace));
    res.set(http::field::access_control_allow_origin, "*");
    metrics.request(Route::api_origin, 200);
    return res;
  }
  if (path == "/metrics") {
    metrics.request(Route::metrics, 200);
    Response res{http::status::ok, version};
    res.set(http::field::content_type, "text/plain; version=0.0.4; charset=utf-8");
    res.keep_alive(keep_alive);
    res.body() = metrics.render();
    if (EventLog* log = state_->events())
      res.body() += "# HELP tanya_events_dropped_total Event log entries dropped because the queue was full.\n"
                    "# TYPE tanya_events_dropped_total counter\ntanya_events_dropped_total " +
                    std::to_string(log->dropped()) + "\n";
    res.body() += "# HELP tanya_conversation_store_errors_total Conversation reads or writes that failed (Redis unreachable); "
                  "those questions were answered without their context.\n"
                  "# TYPE tanya_conversation_store_errors_total counter\ntanya_conversation_store_errors_total " +
                  std::to_string(state_->conversations().errors()) + "\n";
    res.prepare_payload();
    return res;
  }
  const StaticFile* f = state_->files().find(path);
  StaticFile page;
  if (f && (path == "/" || path == "/index.html")) {
    // The demo page names the knowledge being served (demo_page.hpp).
    page = StaticFile{render_demo_page(f->body, engine->index()), f->content_type, ""};
    page.etag = etag_for(page.body);
    f = &page;
  }
  if (f) {
    if (req[http::field::if_none_match] == f->etag) {
      metrics.request(Route::static_file, 304);
      Response res{http::status::not_modified, version};
      res.set(http::field::etag, f->etag);
      res.keep_alive(keep_alive);
      res.prepare_payload();
      return res;
    }
    metrics.request(Route::static_file, 200);
    Response res{http::status::ok, version};
    res.set(http::field::server, "tanya");
    res.set(http::field::content_type, f->content_type);
    // The demo page changes with a reload of the knowledge: revalidated each time.
    res.set(http::field::cache_control, f == &page ? "no-cache" : "public, max-age=300");
    res.set(http::field::etag, f->etag);
    res.set("X-Content-Type-Options", "nosniff");
    res.keep_alive(keep_alive);
    if (req.method() != http::verb::head) res.body() = f->body;
    res.prepare_payload();
    if (req.method() == http::verb::head) res.content_length(f->body.size());
    return res;
  }
  metrics.request(Route::not_found, 404);
  return error_response(version, keep_alive, "not_found", "no such path");
}

Response http_session::handle_adapter(const Adapter& adapter, http::request<http::string_body>& req) {
  auto& metrics = state_->metrics();
  const unsigned version = req.version();
  const bool keep_alive = req.keep_alive() && !state_->stopping;
  auto reject = [&](const std::string& code, const std::string& message) {
    metrics.error(code);
    metrics.request(Route::adapter, status_for(code));
    return error_response(version, keep_alive, code, message);
  };
  if (req.method() != http::verb::post) return reject("not_found", "adapters take POST");
  auto in = adapter.parse(req);
  if (!in) return reject(in.error().code, in.error().message);
  std::string type(req[http::field::content_type]);
  if (type.substr(0, type.find(';')) != "application/json")
    return reject("unsupported", "Content-Type must be application/json");
  Conversation conv = in->conversation.empty() ? Conversation{} : state_->conversations().get(in->conversation);
  if (in->suggestion >= 0 && static_cast<size_t>(in->suggestion) < conv.suggestions.size())
    in->text = conv.suggestions[in->suggestion];
  std::string body;
  if (in->text.empty() || in->conversation.empty()) {
    body = adapter.render(*in, nullptr);  // nothing to answer: acknowledge
  } else {
    if (!state_->allow_request(adapter.name() + ":" + in->conversation)) return reject("rate_limited", "slow down");
    auto engine = state_->engine();
    auto started = std::chrono::steady_clock::now();
    std::string question = in->text.substr(0, state_->limits().protocol.max_question_chars * 4);
    auto answer = engine->answer(question, &conv);
    double seconds = std::chrono::duration<double>(std::chrono::steady_clock::now() - started).count();
    if (!answer) return reject("internal", "the answer could not be computed");
    conv.suggestions = answer->suggestions;
    state_->conversations().put(in->conversation, conv);
    state_->record_answer(adapter.name(), question, *answer);
    metrics.answer(Transport::adapter, answer->intent, answer->fallback, seconds);
    spdlog::info("conn={} {} answer intent={} fallback={} confidence={:.2f} latency_us={:.0f}", id_, adapter.name(),
                 answer->intent, answer->fallback, answer->confidence, seconds * 1e6);
    body = adapter.render(*in, &*answer);
  }
  metrics.request(Route::adapter, 200);
  return json_response(version, keep_alive, 200, std::move(body));
}

std::optional<Response> http_session::handle_admin(http::request<http::string_body>& req) {
  auto& metrics = state_->metrics();
  const unsigned version = req.version();
  const bool keep_alive = req.keep_alive() && !state_->stopping;
  const std::string path = path_of(req.target());
  // No token configured: the admin API does not exist.
  if (!state_->admin_enabled()) {
    metrics.request(Route::not_found, 404);
    return error_response(version, keep_alive, "not_found", "no such path");
  }
  if (!state_->admin_authorized(req[http::field::authorization])) {
    metrics.request(Route::admin, 401);
    metrics.error("unauthorized");
    spdlog::warn("conn={} admin: refused {} (missing or wrong token)", id_, log_safe(path));
    Response res = error_response(version, keep_alive, "unauthorized", "a valid bearer token is required");
    res.set(http::field::www_authenticate, "Bearer");
    return res;
  }
  using nlohmann::json;
  auto dump = [](const json& j) { return j.dump(-1, ' ', false, json::error_handler_t::replace); };
  EventLog* log = state_->events();
  if (path == "/admin/unanswered" && req.method() == http::verb::get) {
    json groups = json::array();
    if (log) {
      log->flush();
      auto unanswered = EventLog::read(log->path(), "unanswered", 5000);
      auto low = EventLog::read(log->path(), "low_confidence", 5000);
      if (!unanswered || !low) return error_response(version, keep_alive, "internal", "cannot read the event log");
      unanswered->insert(unanswered->end(), low->begin(), low->end());
      for (const auto& g : group_unanswered(*unanswered, *state_->engine()))
        groups.push_back({{"question", g.question}, {"count", g.count}, {"last_seen", iso_time(g.last_ms)},
                          {"wordings", g.wordings}, {"closest", {{"article", g.article}, {"order", g.order},
                                                                 {"passage", g.passage}}}});
    }
    metrics.request(Route::admin, 200);
    return json_response(version, keep_alive, 200, dump({{"groups", groups}}));
  }
  if (path == "/admin/feedback" && req.method() == http::verb::get) {
    json votes = json::array();
    int useful = 0, not_useful = 0;
    if (log) {
      log->flush();
      auto events = EventLog::read(log->path(), "feedback", 1000);
      if (!events) return error_response(version, keep_alive, "internal", "cannot read the event log");
      for (const auto& e : *events) {
        (e.useful == 1 ? useful : not_useful)++;
        votes.push_back({{"time", iso_time(e.time_ms)}, {"channel", e.channel}, {"id", e.ref},
                         {"useful", e.useful == 1}, {"question", e.question}, {"answer", e.answer},
                         {"confidence", e.confidence}});
      }
    }
    metrics.request(Route::admin, 200);
    return json_response(version, keep_alive, 200,
                         dump({{"useful", useful}, {"not_useful", not_useful}, {"feedback", votes}}));
  }
  if (path == "/admin/reload" && req.method() == http::verb::post) {
    start_reload(version, keep_alive);
    return std::nullopt;  // answered when the build is done
  }
  metrics.request(Route::admin, 404);
  return error_response(version, keep_alive, "not_found", "admin paths: GET /admin/unanswered, GET /admin/feedback, POST /admin/reload");
}

void http_session::start_reload(unsigned version, bool keep_alive) {
  // The build may take seconds on a large knowledge: not on an I/O thread.
  std::thread([self = shared_from_this(), version, keep_alive] {
    auto r = self->state_->reload();
    Response res;
    if (r) {
      spdlog::info("conn={} reload: {} units from {}{} in {:.0f} ms", self->id_, r->units, log_safe(r->db_path),
                   r->built ? " (built)" : " (unchanged)", r->millis);
      nlohmann::json j = {{"status", "reloaded"}, {"units", r->units}, {"index", r->db_path},
                          {"built", r->built}, {"problems", r->problems}, {"millis", r->millis}};
      // Replicas sharing a Redis: the others reload too (reload_channel.hpp).
      if (ReloadChannel* channel = self->state_->reload_channel()) {
        auto n = channel->publish();
        if (n) j["replicas"] = *n;
        else j["replicas_error"] = n.error().message;
      }
      res = json_response(version, keep_alive, 200, j.dump(-1, ' ', false, nlohmann::json::error_handler_t::replace));
      self->state_->metrics().request(Route::admin, 200);
    } else {
      spdlog::error("conn={} reload failed, the old index stays: {}", self->id_, log_safe(r.error().message));
      res = error_response(version, keep_alive, "internal", "reload failed, the old index stays: " + r.error().message);
      self->state_->metrics().request(Route::admin, 500);
    }
    net::post(self->stream_.get_executor(), [self, res = std::move(res)]() mutable { self->send(std::move(res)); });
  }).detach();
}

void http_session::send(Response res) {
  auto sp = std::make_shared<Response>(std::move(res));
  bool close = sp->need_eof();
  http::async_write(stream_, *sp,
                    [self = shared_from_this(), sp, close](beast::error_code ec, std::size_t bytes) {
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

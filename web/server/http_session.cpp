#include "web/server/http_session.hpp"

#include <algorithm>
#include <chrono>
#include <thread>
#include <nlohmann/json.hpp>

#include "web/server/admin_api.hpp"
#include "web/server/http_reply.hpp"
#include "web/server/log.hpp"
#include "web/server/protocol.hpp"
#include "web/server/websocket_session.hpp"

namespace tanya {

namespace {

using Response = HttpResponse;
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
  // Beast checks a Content-Length against the limit as soon as the header is
  // in: an owner's upload needs the larger one set now; on_header puts
  // everyone else back to --max-body.
  parser_->body_limit(std::max(state_->limits().max_body, state_->admin_enabled() ? kMaxUpload : 0));
  // The whole request must arrive in time: a slowloris client is dropped.
  stream_.expires_after(state_->limits().handshake_timeout);
  // The header first: an owner's article upload may be larger than --max-body.
  http::async_read_header(stream_, buffer_, *parser_,
                          beast::bind_front_handler(&http_session::on_header, shared_from_this()));
}

void http_session::on_header(beast::error_code ec, std::size_t bytes) {
  if (ec) return on_read(ec, bytes);
  if (admin_body_limit(*state_, parser_->get()) == 0) {
    const size_t max = state_->limits().max_body;
    if (parser_->content_length() && *parser_->content_length() > max) return on_read(http::error::body_limit, bytes);
    parser_->body_limit(max);  // a chunked body is counted as it comes
  }
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
      spdlog::info("conn={} websocket refused: origin {}", id_, log_safe(req[http::field::origin]));
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
    state_->record_answer("http", ask.text, r.answer, r.seconds);
    metrics.answer(Transport::http, r.intent, r.fallback, r.seconds);
    metrics.request(Route::api_ask, 200);
    spdlog::info("conn={} http answer intent={} fallback={} confidence={:.2f} latency_us={:.0f}", id_, r.intent,
                 r.fallback, r.confidence, r.seconds * 1e6);
    return cors(json_response(version, keep_alive, 200, std::move(r.json)));
  }

  for (const auto& adapter : state_->adapters())
    if (path.rfind(adapter->path_prefix(), 0) == 0) {
      if (auto whole = adapter->handle(req, state_)) return whole;
      return handle_adapter(*adapter, req);
    }
  if (path == "/admin" || path.rfind("/admin/", 0) == 0)
    return handle_admin(state_, req, id_, [self = shared_from_this()](Response res) {
      net::post(self->stream_.get_executor(), [self, res = std::move(res)]() mutable { self->send(std::move(res)); });
    });

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
    for (const auto& adapter : state_->adapters()) res.body() += adapter->metrics();
    res.prepare_payload();
    return res;
  }
  // The console page is served only as GET /admin, and only with a token set.
  if (const StaticFile* f = path == "/admin.html" ? nullptr : state_->files().find(path)) {
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
    res.set(http::field::cache_control, "public, max-age=300");
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
  if (!in->command.empty() && !in->conversation.empty()) {
    // The welcome or the help; its starter questions become the buttons.
    Answer a = command_answer(*state_->engine(), in->command);
    conv.suggestions = a.suggestions;
    state_->conversations().put(in->conversation, conv);
    body = adapter.render(*in, &a);
  } else if (in->text.empty() || in->conversation.empty()) {
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
    state_->record_answer(adapter.name(), question, *answer, seconds);
    metrics.answer(Transport::adapter, answer->intent, answer->fallback, seconds);
    spdlog::info("conn={} {} answer intent={} fallback={} confidence={:.2f} latency_us={:.0f}", id_, adapter.name(),
                 answer->intent, answer->fallback, answer->confidence, seconds * 1e6);
    body = adapter.render(*in, &*answer);
  }
  metrics.request(Route::adapter, 200);
  return json_response(version, keep_alive, 200, std::move(body));
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

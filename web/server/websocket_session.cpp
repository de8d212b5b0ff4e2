#include "web/server/websocket_session.hpp"

#include "web/server/log.hpp"

namespace tanya {

namespace {
constexpr size_t kMaxQueuedWrites = 256;
}  // namespace

websocket_session::websocket_session(tcp::socket&& socket, std::shared_ptr<SharedState> state, ConnectionSlot slot,
                                     uint64_t id)
    : ws_(std::move(socket)),
      state_(std::move(state)),
      slot_(std::move(slot)),
      id_(id),
      bucket_(state_->limits().rate, state_->limits().burst),
      idle_timer_(ws_.get_executor()) {
  slot_.upgrade();
}

websocket_session::~websocket_session() { state_->leave(this); }

void websocket_session::run(http::request<http::string_body> req) {
  const auto& limits = state_->limits();
  // Beast's own timeouts catch dead peers (it pings when the link is quiet);
  // the idle timer below closes live but silent clients with a close frame.
  websocket::stream_base::timeout t;
  t.handshake_timeout = limits.handshake_timeout;
  t.idle_timeout = limits.idle_timeout + std::chrono::seconds(30);
  t.keep_alive_pings = true;
  ws_.set_option(t);
  ws_.read_message_max(limits.max_message);
  ws_.set_option(websocket::stream_base::decorator(
      [](websocket::response_type& res) { res.set(http::field::server, "tanya"); }));
  ws_.async_accept(req, beast::bind_front_handler(&websocket_session::on_accept, shared_from_this()));
}

void websocket_session::on_accept(beast::error_code ec) {
  if (ec) return fail(ec, "ws accept", id_);
  state_->join(this, weak_from_this());
  spdlog::info("conn={} websocket open", id_);
  auto engine = state_->engine();
  on_send(std::make_shared<const std::string>(welcome_json(*engine, &conversation_)));
  arm_idle_timer();
  if (state_->stopping) return close(websocket::close_code::going_away);
  do_read();
}

void websocket_session::arm_idle_timer() {
  idle_timer_.expires_after(state_->limits().idle_timeout);
  idle_timer_.async_wait([self = shared_from_this()](beast::error_code ec) {
    if (ec) return;  // re-armed or cancelled
    spdlog::info("conn={} idle, closing", self->id_);
    self->do_close(websocket::close_reason(websocket::close_code::normal, "idle timeout"));
  });
}

void websocket_session::do_read() {
  ws_.async_read(buffer_, beast::bind_front_handler(&websocket_session::on_read, shared_from_this()));
}

void websocket_session::on_read(beast::error_code ec, std::size_t) {
  if (ec == websocket::error::message_too_big) {
    state_->metrics().error("too_large");
    spdlog::info("conn={} message over {} bytes, closed with 1009", id_, state_->limits().max_message);
    return;  // Beast has already sent close 1009
  }
  if (ec) {
    idle_timer_.cancel();
    return fail(ec, "ws read", id_);
  }
  arm_idle_timer();
  std::string reply;
  if (!ws_.got_text()) {
    reply = error_json("", "unsupported", "binary frames are not supported; send JSON in text frames");
    state_->metrics().error("unsupported");
  } else if (!bucket_.take()) {
    reply = error_json("", "rate_limited", "too many messages; slow down");
    state_->metrics().error("rate_limited");
  } else if (const auto* fixed = state_->echo_answer()) {
    reply = echo_reply(beast::buffers_to_string(buffer_.data()), *fixed, state_->limits().protocol).json;
  } else {
    auto engine = state_->engine();
    Reply r = handle_ws_message(beast::buffers_to_string(buffer_.data()), *engine, &conversation_,
                                state_->limits().protocol);
    if (r.kind == "answer") {
      state_->metrics().answer(Transport::ws, r.intent, r.fallback, r.seconds);
      spdlog::info("conn={} ws answer intent={} fallback={} confidence={:.2f} latency_us={:.0f}", id_, r.intent,
                   r.fallback, r.confidence, r.seconds * 1e6);
      state_->record_answer("ws", r.question, r.answer);
      Reply kept;
      kept.question = r.question;
      kept.answer.text = r.answer.text;
      kept.confidence = r.confidence;
      recent_.emplace_back(r.id, std::move(kept));
      if (recent_.size() > 32) recent_.pop_front();
    } else if (r.kind == "feedback") {
      store_feedback(r);
      r.json.clear();  // acknowledged once stored
    } else if (r.kind == "error") {
      state_->metrics().error(r.error_code);
      spdlog::info("conn={} ws error code={}", id_, r.error_code);
    }
    reply = std::move(r.json);
  }
  buffer_.consume(buffer_.size());
  if (!reply.empty()) on_send(std::make_shared<const std::string>(std::move(reply)));
  if (!closing_) do_read();
}

void websocket_session::store_feedback(const Reply& vote) {
  EventLog* log = state_->events();
  if (!log) return on_send(std::make_shared<const std::string>(ack_json(vote.id)));
  Event e;
  e.channel = "ws";
  e.kind = "feedback";
  e.useful = vote.useful ? 1 : 0;
  e.ref = vote.id;
  for (const auto& [id, r] : recent_) {
    if (id != vote.id) continue;
    e.question = r.question;
    e.answer = r.answer.text;
    e.confidence = r.confidence;
  }
  // The ack goes out only once the vote is on disk (from the writer thread,
  // so through send(), which posts onto this socket's strand).
  log->record(std::move(e), [self = shared_from_this(), id = vote.id](bool ok) {
    self->send(std::make_shared<const std::string>(
        ok ? ack_json(id) : error_json(id, "internal", "the vote could not be stored")));
  });
}

void websocket_session::send(std::shared_ptr<const std::string> message) {
  // Post onto this socket's strand, so members are never touched concurrently.
  net::post(ws_.get_executor(),
            beast::bind_front_handler(&websocket_session::on_send, shared_from_this(), std::move(message)));
}

void websocket_session::on_send(std::shared_ptr<const std::string> message) {
  if (closing_) return;
  // A client that sends but does not read would make the queue grow without
  // end: past the limit it is dropped.
  if (queue_.size() >= kMaxQueuedWrites) {
    spdlog::info("conn={} not reading its answers, closing", id_);
    return do_close(websocket::close_reason(websocket::close_code::policy_error, "not reading"));
  }
  queue_.push_back(std::move(message));
  if (queue_.size() > 1) return;  // a write is already in flight
  ws_.text(true);
  ws_.async_write(net::buffer(*queue_.front()),
                  beast::bind_front_handler(&websocket_session::on_write, shared_from_this()));
}

void websocket_session::on_write(beast::error_code ec, std::size_t) {
  if (ec) return fail(ec, "ws write", id_);
  queue_.pop_front();
  if (queue_.empty()) return;
  ws_.text(true);
  ws_.async_write(net::buffer(*queue_.front()),
                  beast::bind_front_handler(&websocket_session::on_write, shared_from_this()));
}

void websocket_session::close(websocket::close_reason reason) {
  net::post(ws_.get_executor(), [self = shared_from_this(), reason] { self->do_close(reason); });
}

void websocket_session::do_close(websocket::close_reason reason) {
  if (closing_) return;
  closing_ = true;
  idle_timer_.cancel();
  ws_.async_close(reason, beast::bind_front_handler(&websocket_session::on_close, shared_from_this()));
}

void websocket_session::on_close(beast::error_code ec) {
  if (ec) return fail(ec, "ws close", id_);
  spdlog::info("conn={} websocket closed", id_);
}

}  // namespace tanya

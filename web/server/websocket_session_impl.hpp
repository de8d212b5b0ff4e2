#pragma once
// The member definitions of basic_websocket_session (websocket_session.hpp).
// Included only where the template is instantiated: websocket_session.cpp
// (TCP) and tests/session_test.cpp (Beast's test::stream); everywhere else
// the session is a declaration, which keeps Beast's templates compiled once.
#include "web/server/log.hpp"
#include "web/server/protocol.hpp"
#include "web/server/websocket_session.hpp"

namespace tanya {

namespace websocket_session_limits {
// A client that sends but does not read is dropped once this many replies wait.
inline constexpr size_t kMaxQueuedWrites = 256;
// Answers remembered per connection for feedback votes about them.
inline constexpr size_t kRecentAnswers = 32;
}  // namespace websocket_session_limits

template <class Stream>
basic_websocket_session<Stream>::basic_websocket_session(Stream&& stream, std::shared_ptr<SharedState> state,
                                                         ConnectionSlot slot, uint64_t id)
    : ws_(std::move(stream)),
      state_(std::move(state)),
      slot_(std::move(slot)),
      id_(id),
      bucket_(state_->limits.rate, state_->limits.burst),
      idle_timer_(ws_.get_executor()) {
  slot_.upgrade();
}

template <class Stream>
basic_websocket_session<Stream>::~basic_websocket_session() { state_->connections.leave(this); }

template <class Stream>
void basic_websocket_session<Stream>::run(http::request<http::string_body> req) {
  const auto& limits = state_->limits;
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
  ws_.async_accept(req, beast::bind_front_handler(&basic_websocket_session::on_accept, this->shared_from_this()));
}

template <class Stream>
void basic_websocket_session<Stream>::on_accept(beast::error_code ec) {
  if (ec) return fail(ec, "ws accept", id_);
  state_->connections.join(this, this->weak_from_this());
  spdlog::info("conn={} websocket open", id_);
  auto engine = state_->engine();
  on_send(std::make_shared<const std::string>(welcome_json(*engine, &conversation_)));
  arm_idle_timer();
  if (state_->stopping) return close(websocket::close_code::going_away);
  do_read();
}

template <class Stream>
void basic_websocket_session<Stream>::arm_idle_timer() {
  idle_timer_.expires_after(state_->limits.idle_timeout);
  // A weak reference: a pending timer never keeps a closed connection (and
  // its slot) alive until it fires.
  idle_timer_.async_wait([weak = this->weak_from_this()](beast::error_code ec) {
    auto self = weak.lock();
    if (ec || !self) return;  // re-armed, cancelled or gone
    spdlog::info("conn={} idle, closing", self->id_);
    self->do_close(websocket::close_reason(websocket::close_code::normal, "idle timeout"));
  });
}

template <class Stream>
void basic_websocket_session<Stream>::do_read() {
  ws_.async_read(buffer_, beast::bind_front_handler(&basic_websocket_session::on_read, this->shared_from_this()));
}

template <class Stream>
void basic_websocket_session<Stream>::on_read(beast::error_code ec, std::size_t) {
  if (ec) {
    idle_timer_.cancel();
    if (ec == websocket::error::message_too_big) {
      state_->metrics.error(ErrorCode::too_large);
      spdlog::info("conn={} message over {} bytes, closed with 1009", id_, state_->limits.max_message);
      return;  // Beast has already sent close 1009
    }
    return fail(ec, "ws read", id_);
  }
  arm_idle_timer();
  std::string payload = beast::buffers_to_string(buffer_.data());
  buffer_.consume(buffer_.size());
  if (!ws_.got_text()) {
    ProtocolError e{ErrorCode::unsupported, "binary frames are not supported; send JSON in text frames"};
    state_->metrics.error(e.code);
    return reply(error_json(nullptr, e));
  }
  handle(payload);
}

template <class Stream>
void basic_websocket_session<Stream>::handle(const std::string& payload) {
  WsMessage m = parse_ws_message(payload);
  // Every message takes a token; parsed first, so even a refused one gets its id back.
  if (!bucket_.take()) m.error = ProtocolError{ErrorCode::rate_limited, "too many messages; slow down"};
  if (m.error) {
    state_->metrics.error(m.error->code);
    spdlog::info("conn={} ws error code={}", id_, name(m.error->code));
    return reply(error_json(m.id, *m.error));
  }
  if (m.kind == WsMessage::Kind::feedback) {
    store_feedback(m.id, m.useful);
    return reply("");
  }
  if (!state_->echo_answer.is_null()) {
    // Echo mode: the same checks, then the fixed answer object.
    if (auto bad = Answering::check_text(m.text, state_->limits.max_question_chars))
      return reply(error_json(m.id, *bad));
    nlohmann::json a = state_->echo_answer;
    a["type"] = "answer";
    a["id"] = m.id;
    return reply(a.dump(-1, ' ', false, nlohmann::json::error_handler_t::replace));
  }
  Question q;
  q.channel = "ws";
  q.transport = Transport::ws;
  q.text = std::move(m.text);
  q.page = std::move(m.article);
  q.conversation = &conversation_;
  q.connection = id_;
  state_->answering.ask(std::move(q), ws_.get_executor(),
                        [self = this->shared_from_this(), id = std::move(m.id)](AskResult r) {
                          self->on_answered(id, std::move(r));
                        });
}

template <class Stream>
void basic_websocket_session<Stream>::on_answered(const nlohmann::json& id, AskResult r) {
  if (!r) return reply(error_json(id, r.error()));
  recent_.push_back(Recent{id, r->question, r->answer.text, r->answer.confidence});
  if (recent_.size() > websocket_session_limits::kRecentAnswers) recent_.pop_front();
  reply(answer_json(r->answer, id));
}

template <class Stream>
void basic_websocket_session<Stream>::reply(std::string message) {
  if (!message.empty()) on_send(std::make_shared<const std::string>(std::move(message)));
  if (!closing_) do_read();
}

template <class Stream>
void basic_websocket_session<Stream>::store_feedback(const nlohmann::json& id, bool useful) {
  EventLog* log = state_->events.get();
  if (!log) return on_send(std::make_shared<const std::string>(ack_json(id)));
  Event e;
  e.channel = "ws";
  e.kind = "feedback";
  e.useful = useful ? 1 : 0;
  e.ref = id_ref(id);
  for (const auto& r : recent_) {
    if (r.id != id) continue;
    e.question = r.question;
    e.answer = r.answer;
    e.confidence = r.confidence;
  }
  // The ack goes out only once the vote is on disk (from the writer thread,
  // so through send(), which posts onto this socket's strand).
  log->record(std::move(e), [self = this->shared_from_this(), id](bool ok) {
    self->send(std::make_shared<const std::string>(
        ok ? ack_json(id) : error_json(id, ProtocolError{ErrorCode::internal, "the vote could not be stored"})));
  });
}

template <class Stream>
void basic_websocket_session<Stream>::send(std::shared_ptr<const std::string> message) {
  // Post onto this socket's strand, so members are never touched concurrently.
  net::post(ws_.get_executor(),
            beast::bind_front_handler(&basic_websocket_session::on_send, this->shared_from_this(), std::move(message)));
}

template <class Stream>
void basic_websocket_session<Stream>::on_send(std::shared_ptr<const std::string> message) {
  if (closing_) return;
  // A client that sends but does not read would make the queue grow without
  // end: past the limit it is dropped.
  if (queue_.size() >= websocket_session_limits::kMaxQueuedWrites) {
    spdlog::info("conn={} not reading its answers, closing", id_);
    return do_close(websocket::close_reason(websocket::close_code::policy_error, "not reading"));
  }
  queue_.push_back(std::move(message));
  if (queue_.size() > 1) return;  // a write is already in flight
  ws_.text(true);
  ws_.async_write(net::buffer(*queue_.front()),
                  beast::bind_front_handler(&basic_websocket_session::on_write, this->shared_from_this()));
}

template <class Stream>
void basic_websocket_session<Stream>::on_write(beast::error_code ec, std::size_t) {
  if (ec) {
    idle_timer_.cancel();
    return fail(ec, "ws write", id_);
  }
  queue_.pop_front();
  if (queue_.empty()) return;
  ws_.text(true);
  ws_.async_write(net::buffer(*queue_.front()),
                  beast::bind_front_handler(&basic_websocket_session::on_write, this->shared_from_this()));
}

template <class Stream>
void basic_websocket_session<Stream>::close(websocket::close_reason reason) {
  net::post(ws_.get_executor(), [self = this->shared_from_this(), reason] { self->do_close(reason); });
}

template <class Stream>
void basic_websocket_session<Stream>::do_close(websocket::close_reason reason) {
  if (closing_) return;
  closing_ = true;
  idle_timer_.cancel();
  ws_.async_close(reason, beast::bind_front_handler(&basic_websocket_session::on_close, this->shared_from_this()));
}

template <class Stream>
void basic_websocket_session<Stream>::on_close(beast::error_code ec) {
  if (ec) return fail(ec, "ws close", id_);
  spdlog::info("conn={} websocket closed", id_);
}

}  // namespace tanya

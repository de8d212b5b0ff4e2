// WhatsApp Business Cloud API (web/PROTOCOL.md, "WhatsApp"):
//  GET  /adapters/whatsapp  the webhook verification handshake (hub.challenge);
//  POST /adapters/whatsapp  signed deliveries: 200 at once, answers afterwards as
//                           separate Graph API calls through the outbound queue.
// The request is read on the connection's strand (signature, payload, room in
// the queue: no blocking); deduplication, the conversation and the answer run
// on this channel's workers (the stores may block on Redis); the Graph API
// calls run on its own I/O thread.
#include <spdlog/spdlog.h>

#include <array>
#include <atomic>
#include <mutex>
#include <optional>
#include <thread>

#include "web/channels/adapter.hpp"
#include "web/channels/outbound_queue.hpp"
#include "web/channels/whatsapp_payload.hpp"
#include "web/server/log.hpp"
#include "web/server/protocol.hpp"
#include "web/server/shared_state.hpp"

namespace tanya {

namespace {

using Response = http::response<http::string_body>;
using Kind = WhatsAppMessage::Kind;

// WhatsApp redelivers a webhook it got no 200 for for up to 7 days, but in
// practice within minutes; a day of remembered ids covers every redelivery
// seen, at one small key per message.
constexpr std::chrono::hours kDedupFor{24};
// Bodies one answer may take (the answer, then its suggestions: whatsapp_payload.hpp).
constexpr size_t kBodiesPerAnswer = 2;
// Threads for what may block on the stores (Redis round trips of at most
// 500 ms each); answering itself takes microseconds.
constexpr int kWorkers = 2;
// Lanes (strands on the workers) that senders are hashed onto: one sender's
// messages are answered in the order they came (a follow-up after its
// question), different senders in parallel. More lanes than workers so two
// busy senders rarely share one.
constexpr size_t kLanes = 16;
// On shutdown, messages still queued get this long to go out.
constexpr std::chrono::seconds kDrainOnStop{5};
// Meta's verification challenge is a number of ten digits or so; a longer
// one is no handshake, and is not echoed.
constexpr size_t kMaxChallengeBytes = 256;

const char* kMediaReply = "Maaf, saya hanya bisa membaca pesan teks. Silakan ketik pertanyaanmu.";
const std::string kTooLongReply = "Maaf, pertanyaannya terlalu panjang. Coba tulis lebih singkat, paling banyak ";

struct WhatsAppOptions {
  std::string verify_token, app_secret, token, phone_id, api_url;
  std::chrono::milliseconds timeout{10000};
  OutboundOptions outbound;
};

Response plain_response(unsigned version, bool keep_alive, http::status status, std::string body,
                        const char* type = "application/json") {
  Response res{status, version};
  res.set(http::field::server, "tanya");
  res.set(http::field::content_type, type);
  res.set(http::field::cache_control, "no-store");
  res.set("X-Content-Type-Options", "nosniff");
  res.keep_alive(keep_alive);
  res.body() = std::move(body);
  res.prepare_payload();
  return res;
}

std::string url_decode(std::string_view s) {
  std::string out;
  for (size_t i = 0; i < s.size(); ++i) {
    if (s[i] == '+') out.push_back(' ');
    else if (s[i] == '%' && i + 2 < s.size() && std::isxdigit(static_cast<unsigned char>(s[i + 1])) &&
             std::isxdigit(static_cast<unsigned char>(s[i + 2]))) {
      out.push_back(static_cast<char>(std::stoi(std::string(s.substr(i + 1, 2)), nullptr, 16)));
      i += 2;
    } else out.push_back(s[i]);
  }
  return out;
}

// The value of `key` in a query string, decoded ("" when absent).
std::string query_param(std::string_view target, std::string_view key) {
  auto q = target.find('?');
  if (q == std::string_view::npos) return {};
  std::string_view rest = target.substr(q + 1);
  while (!rest.empty()) {
    auto amp = rest.find('&');
    std::string_view pair = rest.substr(0, amp);
    auto eq = pair.find('=');
    if (url_decode(pair.substr(0, eq)) == key) return eq == std::string_view::npos ? "" : url_decode(pair.substr(eq + 1));
    if (amp == std::string_view::npos) break;
    rest = rest.substr(amp + 1);
  }
  return {};
}

std::vector<net::strand<net::thread_pool::executor_type>> make_lanes(net::thread_pool& pool) {
  std::vector<net::strand<net::thread_pool::executor_type>> lanes;
  for (size_t i = 0; i < kLanes; ++i) lanes.push_back(net::make_strand(pool.get_executor()));
  return lanes;
}

class WhatsAppAdapter : public Adapter {
 public:
  // `client` runs on `out_ioc`, which this adapter takes over and runs.
  WhatsAppAdapter(WhatsAppOptions o, std::unique_ptr<net::io_context> out_ioc, std::shared_ptr<HttpClient> client)
      : o_(std::move(o)), out_ioc_(std::move(out_ioc)), out_guard_(out_ioc_->get_executor()), client_(std::move(client)) {
    std::string path = "/" + o_.phone_id + "/messages";
    HttpClient::Headers auth = {{"Authorization", "Bearer " + o_.token}};
    queue_ = std::make_shared<OutboundQueue>(
        out_ioc_->get_executor(),
        [client = client_, path, auth](const std::string& body, HttpClient::Done done) {
          client->post(path, body, auth, std::move(done));
        },
        o_.outbound, "whatsapp");
    out_thread_ = std::thread([this] { out_ioc_->run(); });
  }
  ~WhatsAppAdapter() override { stop(); }

  std::string name() const override { return "whatsapp"; }
  std::string path_prefix() const override { return "/adapters/whatsapp"; }

  // The first question of a signed delivery, for callers of the plain
  // interface (the fuzz target); serving goes through handle().
  Result<AdapterMessage> parse(const http::request<http::string_body>& req) const override {
    std::string target(req.target());
    if (target.substr(0, target.find('?')) != path_prefix()) return protocol_error(ErrorCode::not_found, "no such path");
    if (!whatsapp_signature_valid(req.body(), req["X-Hub-Signature-256"], o_.app_secret))
      return protocol_error(ErrorCode::unauthorized, "missing or wrong X-Hub-Signature-256");
    auto payload = parse_whatsapp_payload(req.body());
    if (!payload) return payload.error();
    AdapterMessage m;
    for (const auto& w : payload->messages) {
      if (w.kind != Kind::text && w.kind != Kind::button && w.kind != Kind::list) continue;
      m.reply_to = w.from;
      m.conversation = "whatsapp:" + w.from;
      m.text = w.text;
      m.suggestion = w.suggestion;
      break;
    }
    return m;
  }

  std::string render(const AdapterMessage&, const Answer*) const override { return "{}"; }

  std::optional<Response> handle(http::request<http::string_body>& req,
                                 const std::shared_ptr<SharedState>& state) override {
    auto& metrics = state->metrics;
    const unsigned version = req.version();
    const bool keep_alive = req.keep_alive() && !state->stopping;
    auto reply = [&](http::status status, std::string body, const char* type = "application/json") {
      metrics.request(Route::adapter, static_cast<int>(status));
      return plain_response(version, keep_alive, status, std::move(body), type);
    };
    auto reject = [&](ErrorCode code, const std::string& message) {
      metrics.error(code);
      return reply(static_cast<http::status>(http_status(code)), error_json(nullptr, {code, message}));
    };
    std::string_view target(req.target().data(), req.target().size());
    if (target.substr(0, target.find('?')) != path_prefix()) return reject(ErrorCode::not_found, "no such path");

    if (req.method() == http::verb::get) {
      // Meta's subscription handshake: the challenge echoed when the token
      // matches. The token is checked first, so a caller without it learns
      // nothing else; with it, each refusal names its own reason.
      if (query_param(target, "hub.mode") != "subscribe" ||
          !constant_time_equal(query_param(target, "hub.verify_token"), o_.verify_token)) {
        spdlog::warn("whatsapp: verification refused (wrong verify token or mode)");
        return reject(ErrorCode::forbidden, "wrong hub.verify_token or hub.mode");
      }
      std::string challenge = query_param(target, "hub.challenge");
      if (challenge.empty()) return reject(ErrorCode::bad_request, "hub.challenge is missing");
      if (challenge.size() > kMaxChallengeBytes)
        return reject(ErrorCode::bad_request,
                      "hub.challenge is over " + std::to_string(kMaxChallengeBytes) + " bytes");
      return reply(http::status::ok, challenge, "text/plain; charset=utf-8");
    }
    if (req.method() != http::verb::post) {
      metrics.error(ErrorCode::bad_request);
      auto res = reply(http::status::method_not_allowed,
                       error_json(nullptr, {ErrorCode::bad_request, "use GET (verification) or POST"}));
      res.set(http::field::allow, "GET, POST");
      return res;
    }
    // The signature first: nothing unsigned is even parsed.
    if (!whatsapp_signature_valid(req.body(), req["X-Hub-Signature-256"], o_.app_secret)) {
      ++bad_signatures_;
      spdlog::warn("whatsapp: refused a delivery with a missing or wrong X-Hub-Signature-256");
      return reject(ErrorCode::unauthorized, "missing or wrong X-Hub-Signature-256");
    }
    auto payload = parse_whatsapp_payload(req.body());
    if (!payload) return reject(to_protocol_error(payload.error()).code, payload.error().message);
    statuses_ += static_cast<int64_t>(payload->statuses);
    for (const auto& m : payload->messages) ++received_[static_cast<int>(m.kind)];
    size_t room = 0;
    for (const auto& m : payload->messages)
      if (m.kind == Kind::text || m.kind == Kind::button || m.kind == Kind::list || m.kind == Kind::media)
        room += kBodiesPerAnswer;
    if (room > 0 && !queue_->reserve(room)) {
      spdlog::warn("whatsapp: outbound queue full ({} messages): delivery refused with 503", queue_->depth());
      return reject(ErrorCode::unavailable, "the outbound queue is full; deliver again later");
    }
    if (!payload->messages.empty()) {
      // `this` outlives the task: stop() joins the workers first.
      for (auto& m : payload->messages) {
        auto& lane = lanes_[std::hash<std::string>{}(m.from) % lanes_.size()];
        net::post(lane, [this, state, m = std::move(m)] { answer(*state, m); });
      }
    }
    return reply(http::status::ok, "{}");
  }

  std::string metrics() const override {
    static const char* kinds[] = {"text", "button", "list", "media", "reaction", "unknown"};
    std::string out = "# HELP tanya_whatsapp_messages_total WhatsApp messages received, by kind.\n"
                      "# TYPE tanya_whatsapp_messages_total counter\n";
    for (int k = 0; k < 6; ++k)
      out += "tanya_whatsapp_messages_total{kind=\"" + std::string(kinds[k]) + "\"} " + std::to_string(received_[k].load()) + "\n";
    auto counter = [&](const char* name, const char* help, int64_t v) {
      out += std::string("# HELP ") + name + " " + help + "\n# TYPE " + name + " counter\n" + name + " " +
             std::to_string(v) + "\n";
    };
    counter("tanya_whatsapp_duplicates_total", "Redelivered messages recognised by their id and not answered again.",
            duplicates_.load());
    counter("tanya_whatsapp_statuses_total", "Delivery and read receipts received (ignored).", statuses_.load());
    counter("tanya_whatsapp_bad_signatures_total", "Deliveries refused for a missing or wrong signature.",
            bad_signatures_.load());
    counter("tanya_whatsapp_answers_total", "Questions answered (each answer is one or two messages sent).",
            answered_.load());
    return out + queue_->render_metrics("tanya_whatsapp_");
  }

  void stop() override {
    std::lock_guard<std::mutex> lock(stop_mu_);
    if (stopped_) return;
    stopped_ = true;
    workers_.join();
    for (auto until = std::chrono::steady_clock::now() + kDrainOnStop;
         queue_->depth() > 0 && std::chrono::steady_clock::now() < until;)
      std::this_thread::sleep_for(std::chrono::milliseconds(10));
    if (queue_->depth() > 0) spdlog::warn("whatsapp: {} messages not sent at shutdown", queue_->depth());
    queue_->stop();
    out_guard_.reset();
    out_ioc_->stop();
    if (out_thread_.joinable()) out_thread_.join();
  }

 private:
  // On a worker: one message, reserved room for kBodiesPerAnswer bodies.
  void answer(SharedState& state, const WhatsAppMessage& m) {
    size_t unused = kBodiesPerAnswer;
    auto send = [&](std::vector<std::string> bodies) {
      unused -= std::min(unused, bodies.size());
      queue_->push(m.from, std::move(bodies));
    };
    handle_message(state, m, send);
    if (m.kind == Kind::text || m.kind == Kind::button || m.kind == Kind::list || m.kind == Kind::media)
      queue_->release(unused);
  }

  template <class Send>
  void handle_message(SharedState& state, const WhatsAppMessage& m, Send& send) {
    if (m.kind == Kind::reaction || m.kind == Kind::unknown) return;  // acknowledged, ignored
    // A message id is answered once, whichever replica gets it.
    if (!state.conversations->first_seen("whatsapp:" + m.id, kDedupFor)) {
      ++duplicates_;
      spdlog::info("whatsapp: message delivered again, not answered twice");
      return;
    }
    if (m.kind == Kind::media) return send({render_whatsapp_text(m.from, kMediaReply)});
    if (!state.by_sender.take(name() + ":" + m.from)) {
      state.metrics.error(ErrorCode::rate_limited);
      spdlog::info("whatsapp: a sender is over the rate limit; message not answered");
      return;
    }
    // The one answering path, run here (this lane, off the I/O threads), so
    // one sender's questions are answered strictly in order.
    Question q;
    q.channel = name();
    q.transport = Transport::adapter;
    q.text = m.text;
    q.suggestion = m.suggestion;
    q.conversation_key = "whatsapp:" + m.from;
    auto r = state.answering.answer_here(std::move(q));
    if (!r) {
      const size_t max_chars = state.limits.max_question_chars;
      if (r.error().code == ErrorCode::too_large)
        return send({render_whatsapp_text(m.from, kTooLongReply + std::to_string(max_chars) + " karakter.")});
      return;  // blank or not UTF-8: nothing to answer; an internal error is logged and counted there
    }
    if (!r->asked) return;  // a button no longer offered
    ++answered_;
    const Answer* a = &r->answer;
    send(render_whatsapp_answer(m.from, *a));
  }

  const WhatsAppOptions o_;
  std::unique_ptr<net::io_context> out_ioc_;
  net::executor_work_guard<net::io_context::executor_type> out_guard_;
  std::thread out_thread_;
  std::shared_ptr<HttpClient> client_;
  std::shared_ptr<OutboundQueue> queue_;
  net::thread_pool workers_{kWorkers};
  std::vector<net::strand<net::thread_pool::executor_type>> lanes_ = make_lanes(workers_);
  std::mutex stop_mu_;
  bool stopped_ = false;
  std::array<std::atomic<int64_t>, 6> received_{};
  std::atomic<int64_t> duplicates_{0}, statuses_{0}, bad_signatures_{0}, answered_{0};
};

double seconds_option(const Config& c, const char* name, double fallback) {
  double v = std::atof(c.get(name).c_str());
  return v > 0 ? v : fallback;
}

// The channel's options; nullopt when it is off. Error code: config.
Result<std::optional<WhatsAppOptions>> whatsapp_options(const Config& c) {
  const char* required[] = {"whatsapp-verify-token", "whatsapp-app-secret", "whatsapp-token", "whatsapp-phone-id"};
  std::string missing;
  for (const char* r : required)
    if (!c.has(r)) missing += std::string(missing.empty() ? "" : ", ") + "--" + r;
  if (!missing.empty()) {
    bool none = true;
    for (const char* r : required) none = none && !c.has(r);
    if (none) return std::optional<WhatsAppOptions>();
    return make_error("config", "the WhatsApp channel needs all of --whatsapp-verify-token, --whatsapp-app-secret, "
                                "--whatsapp-token and --whatsapp-phone-id; missing " + missing);
  }
  WhatsAppOptions o;
  o.verify_token = c.get("whatsapp-verify-token");
  o.app_secret = c.get("whatsapp-app-secret");
  o.token = c.get("whatsapp-token");
  o.phone_id = c.get("whatsapp-phone-id");
  o.api_url = c.get("whatsapp-api-url");
  // Both land in a URL path or a header: refuse what would break either.
  if (o.phone_id.find_first_not_of("0123456789abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ_-") != std::string::npos)
    return make_error("config", "--whatsapp-phone-id must be the number's id (letters and digits)");
  for (char ch : o.token)
    if (static_cast<unsigned char>(ch) < 0x21 || static_cast<unsigned char>(ch) > 0x7E)
      return make_error("config", "--whatsapp-token must be printable ASCII without spaces");
  if (auto url = parse_client_url(o.api_url); !url) return make_error("config", "--whatsapp-api-url: " + url.error().message);
  o.timeout = std::chrono::milliseconds(static_cast<int64_t>(seconds_option(c, "whatsapp-timeout", 10) * 1000));
  o.outbound.max_attempts = static_cast<int>(std::max(1L, c.get_int("whatsapp-attempts")));
  o.outbound.base_delay = std::chrono::milliseconds(static_cast<int64_t>(seconds_option(c, "whatsapp-backoff", 1) * 1000));
  o.outbound.capacity = static_cast<size_t>(std::max(1L, c.get_int("whatsapp-queue")));
  return std::optional<WhatsAppOptions>(std::move(o));
}

}  // namespace

Status check_whatsapp_options(const Config& c) {
  auto o = whatsapp_options(c);
  if (!o) return o.error();
  return Ok{};
}

std::unique_ptr<Adapter> make_whatsapp_adapter(const Config& c) {
  auto o = whatsapp_options(c);
  if (!o || !*o) return nullptr;  // off (a bad configuration stopped the server before: check_whatsapp_options)
  auto ioc = std::make_unique<net::io_context>(1);
  auto client = HttpClient::make(ioc->get_executor(), (*o)->api_url, (*o)->timeout);
  if (!client) {
    spdlog::error("WhatsApp channel off: {}", client.error().message);
    return nullptr;
  }
  return std::make_unique<WhatsAppAdapter>(std::move(**o), std::move(ioc), *client);
}

}  // namespace tanya

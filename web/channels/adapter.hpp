#pragma once
// A messaging channel (Telegram, a generic webhook, WhatsApp …): one small
// interface every adapter implements — read an incoming request into a
// question and a conversation id, render an answer as the channel's reply.
// Adding a channel is one new file and one line in make_adapters(). A channel
// that answers out of band (WhatsApp: the webhook only delivers, every answer
// is a separate API call) handles its requests whole instead (handle()).
// Implementations are thread-safe: immutable after construction, or (handle(),
// metrics()) with state of their own that is.
#include <memory>
#include <optional>
#include <string>
#include <vector>

#include "bot/answer.hpp"
#include "bot/engine.hpp"
#include "knowledge/base/result.hpp"
#include "web/server/access_policy.hpp"
#include "web/server/beast.hpp"
#include "web/server/error_code.hpp"
#include "web/cli/config.hpp"

namespace tanya {

struct SharedState;

struct AdapterMessage {
  std::string conversation;  // the sender or chat: follow-ups are kept per conversation
  std::string text;          // the question; empty when the request carries none
  int suggestion = -1;       // a button pressed: index into the conversation's last suggestions
  std::string reply_to;      // the channel's own address for the reply (a chat id …)
  std::string command;       // a bot command: "start", "help", "other" (chat_text.hpp); "" for a question
  std::string reply_message; // the message the reply answers, where the channel threads replies (groups)
};

class Adapter {
 public:
  virtual ~Adapter() = default;
  virtual std::string name() const = 0;         // the channel, in logs and the event log
  virtual std::string path_prefix() const = 0;  // the path it answers under
  // Checks secrets and shape, not the question: the answering path checks
  // that for every channel. Errors are made with protocol_error(): not_found,
  // unauthorized (secrets), bad_json, bad_request (payload); the caller turns
  // them into HTTP statuses through the table (error_code.hpp).
  virtual Result<AdapterMessage> parse(const http::request<http::string_body>& req) const = 0;
  // The HTTP body of the reply; `answer` is null when there was nothing to answer.
  virtual std::string render(const AdapterMessage& in, const Answer* answer) const = 0;

  // The whole response for a channel that answers out of band; nullopt (the
  // default) means parse() and render() do. Called on the connection's
  // strand: must not block.
  virtual std::optional<http::response<http::string_body>> handle(http::request<http::string_body>&,
                                                                  const std::shared_ptr<SharedState>&) {
    return std::nullopt;
  }
  // Lines of its own for GET /metrics (Prometheus text format).
  virtual std::string metrics() const { return {}; }
  // Ends background work (threads, queued sends) while the shared state still
  // lives; called once the server stopped serving. Idempotent.
  virtual void stop() {}
};

// The adapters the configuration enables (Telegram only with a secret,
// WhatsApp only with its four settings).
std::vector<std::unique_ptr<Adapter>> make_adapters(const Config& config);
// Checks the channels' options before the server starts. Error code: config.
Status check_channel_options(const Config& config);

// The answer to a bot command: the welcome with its starter questions for
// "start", the help (with the same starters) for "help" and unknown commands.
Answer command_answer(const Engine& engine, const std::string& command);

}  // namespace tanya

#pragma once
// A messaging channel (Telegram, a generic webhook …): one small interface
// every adapter implements — read an incoming request into a question and a
// conversation id, render an answer as the channel's reply. Adding a channel is
// one new file and one line in make_adapters(). Implementations are immutable
// after construction: thread-safe.
#include <memory>
#include <string>
#include <vector>

#include "bot/answer.hpp"
#include "knowledge/base/result.hpp"
#include "web/server/error_code.hpp"
#include "web/server/beast.hpp"
#include "web/cli/config.hpp"

namespace tanya {

struct AdapterMessage {
  std::string conversation;  // the sender or chat: follow-ups are kept per conversation
  std::string text;          // the question; empty when the request carries none
  int suggestion = -1;       // a button pressed: index into the conversation's last suggestions
  std::string reply_to;      // the channel's own address for the reply (a chat id …)
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
};

// The adapters the configuration enables (Telegram only with a secret).
std::vector<std::unique_ptr<Adapter>> make_adapters(const Config& config);

}  // namespace tanya

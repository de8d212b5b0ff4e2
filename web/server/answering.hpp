#pragma once
// The one way a question is answered, for every channel: /ws, /api/ask and
// each adapter call Answering::ask and nothing else (no channel calls
// Engine::answer). In: the channel, the text as received, and where the
// conversation lives; out: the answer with its timing, or a typed error.
//
// It checks the text once (valid UTF-8, not blank in Unicode, at most
// --max-question code points: one rule for every channel), loads the
// conversation, answers on the engine of the moment, stores the conversation
// back, and does the bookkeeping every channel needs: metrics, one log line,
// the event log for fallbacks and low confidence. Callers only parse their
// input, enforce their rate limits and render the result.
//
// Threading: ask() is safe from any thread and never blocks the caller. When
// the conversation lives in a store that may block (Redis: up to 500 ms), the
// work runs on the worker pool; otherwise it runs at once. Either way `done`
// runs on `executor` (the session's strand), through net::dispatch: at once
// when the caller is already there and nothing blocked. Errors: ProtocolError
// with a code of web/server/error_code.hpp; never an exception.
#include <cstdint>
#include <functional>
#include <string>

#include "bot/answer.hpp"
#include "web/server/beast.hpp"
#include "web/server/error_code.hpp"
#include "web/server/metrics.hpp"

namespace tanya {

class ConversationStore;
class EventLog;
class Reloader;

struct Question {
  std::string channel = "ws";   // ws | http | an adapter's name: in logs and the event log
  Transport transport = Transport::ws;
  std::string text;             // as received; ignored when `suggestion` is set
  // Where the conversation lives: a key of the conversation store (a
  // session, an adapter's sender), or `conversation` (a WebSocket's own,
  // which then must be touched only on `executor`), or neither.
  std::string conversation_key;
  Conversation* conversation = nullptr;
  int suggestion = -1;          // a button pressed: ask the conversation's Nth suggestion
  std::string page;             // the article whose page the chat is on: preferred (Engine::answer_on_page)
  uint64_t connection = 0;      // for the log line
};

struct Answered {
  std::string question;  // the text answered (a pressed suggestion's text)
  Answer answer;         // answer.intent, answer.fallback, answer.confidence …
  double seconds = 0;    // time the engine took
  bool asked = true;     // false: a pressed suggestion no longer offered; nothing was asked
};

using AskResult = Result<Answered, ProtocolError>;

class Answering {
 public:
  using Done = std::function<void(AskResult)>;
  Answering(Reloader& engines, ConversationStore& store, EventLog* events, Metrics& metrics,
            net::thread_pool& workers, size_t max_question_chars)
      : engines_(engines), store_(store), events_(events), metrics_(metrics), workers_(workers),
        max_question_chars_(max_question_chars) {}

  void ask(Question q, net::any_io_executor executor, Done done);
  // The same path, run on the calling thread, which may block on the store:
  // for callers that are off the I/O threads already and need one sender's
  // questions answered strictly in order (the WhatsApp workers).
  AskResult answer_here(Question q);

  // The checks every question passes before it is answered; nullopt when fine.
  static std::optional<ProtocolError> check_text(std::string_view text, size_t max_chars);

 private:
  AskResult answer(Question& q);
  void record(const Question& q, const Answered& a);

  Reloader& engines_;
  ConversationStore& store_;
  EventLog* events_;
  Metrics& metrics_;
  net::thread_pool& workers_;
  const size_t max_question_chars_;
};

}  // namespace tanya

#include "web/server/answering.hpp"

#include <chrono>

#include "bot/engine.hpp"
#include "knowledge/base/utf8.hpp"
#include "web/server/log.hpp"
#include "web/server/reloader.hpp"
#include "web/stores/conversation_store.hpp"
#include "web/stores/event_log.hpp"

namespace tanya {

namespace {

// The event log keeps this many code points of a question.
constexpr size_t kLoggedQuestionChars = 1000;

}  // namespace

std::optional<ProtocolError> Answering::check_text(std::string_view text, size_t max_chars) {
  if (!utf8::valid(text)) return ProtocolError{ErrorCode::bad_request, "field \"text\" is not valid UTF-8"};
  if (utf8::blank(text)) return ProtocolError{ErrorCode::bad_request, "field \"text\" is empty"};
  if (utf8::count(text) > max_chars)
    return ProtocolError{ErrorCode::too_large, "question longer than " + std::to_string(max_chars) + " characters"};
  return std::nullopt;
}

void Answering::ask(Question q, net::any_io_executor executor, Done done) {
  if (q.suggestion < 0)
    if (auto bad = check_text(q.text, max_question_chars_)) {
      metrics_.error(bad->code);
      return net::dispatch(executor, [done = std::move(done), e = std::move(*bad)]() mutable { done(std::move(e)); });
    }
  if (!q.conversation_key.empty() && store_.may_block()) {
    net::post(workers_, [this, q = std::move(q), executor, done = std::move(done)]() mutable {
      auto r = answer(q);
      net::post(executor, [done = std::move(done), r = std::move(r)]() mutable { done(std::move(r)); });
    });
    return;
  }
  auto r = answer(q);
  net::dispatch(executor, [done = std::move(done), r = std::move(r)]() mutable { done(std::move(r)); });
}

AskResult Answering::answer_here(Question q) {
  if (q.suggestion < 0)
    if (auto bad = check_text(q.text, max_question_chars_)) {
      metrics_.error(bad->code);
      return std::move(*bad);
    }
  return answer(q);
}

AskResult Answering::answer(Question& q) {
  Conversation stored;
  Conversation* conv = q.conversation;
  if (!conv && !q.conversation_key.empty()) {
    stored = store_.get(q.conversation_key);
    conv = &stored;
  }
  Answered out;
  if (q.suggestion >= 0) {
    if (!conv || static_cast<size_t>(q.suggestion) >= conv->suggestions.size()) {
      out.asked = false;
      return out;
    }
    q.text = conv->suggestions[q.suggestion];
  }
  out.question = q.text;
  auto engine = engines_.engine();
  auto started = std::chrono::steady_clock::now();
  auto answer = engine->answer_on_page(q.text, q.page, conv);
  out.seconds = std::chrono::duration<double>(std::chrono::steady_clock::now() - started).count();
  if (!answer) {
    spdlog::error("conn={} {} answer failed: {}", q.connection, q.channel, log_safe(answer.error().message));
    metrics_.error(ErrorCode::internal);
    return ProtocolError{ErrorCode::internal, "the answer could not be computed"};
  }
  out.answer = std::move(*answer);
  if (conv) conv->suggestions = out.answer.suggestions;
  if (!q.conversation_key.empty()) store_.put(q.conversation_key, stored);
  metrics_.answer(q.transport, out.answer.intent, out.answer.fallback, out.seconds);
  spdlog::info("conn={} {} answer intent={} fallback={} confidence={:.2f} latency_us={:.0f}", q.connection, q.channel,
               out.answer.intent, out.answer.fallback, out.answer.confidence, out.seconds * 1e6);
  record(q, out);
  return out;
}

void Answering::record(const Question& q, const Answered& a) {
  if (!events_) return;
  // Every answer counts towards the console's charts (lock-free counters).
  events_->count_answer(a.answer.intent != "question", a.answer.fallback, a.seconds);
  if (a.answer.intent != "question") return;
  // Answers given within the policy's review band above its fallback
  // threshold (the one threshold, bot/policy.cpp) go to the event log for the
  // site owner's review too: the near misses.
  const Policy& policy = default_policy();
  if (!a.answer.fallback && a.answer.confidence >= policy.fallback_threshold + policy.review_band) return;
  Event e;
  e.channel = q.channel;
  e.kind = a.answer.fallback ? "unanswered" : "low_confidence";
  e.question = std::string(utf8::cut_chars(a.question, kLoggedQuestionChars));
  e.answer = a.answer.text;
  e.confidence = a.answer.confidence;
  events_->record(std::move(e));
}

}  // namespace tanya

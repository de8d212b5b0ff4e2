#pragma once
// The WhatsApp Business Cloud API's wire forms, without sockets: the webhook
// payload read into the messages it carries, the signature check, and an
// answer rendered as the Graph API message bodies to send. Pure functions of
// their arguments; never throw on any input (untrusted JSON is parsed with
// json::parse(s, nullptr, false)); thread-safe.
// Payload reference: https://developers.facebook.com/docs/whatsapp/cloud-api/webhooks/components
#include <string>
#include <string_view>
#include <vector>

#include "bot/answer.hpp"
#include "knowledge/base/result.hpp"

namespace tanya {

struct WhatsAppMessage {
  enum class Kind { text, button, list, media, reaction, unknown };
  Kind kind = Kind::unknown;
  std::string id;     // "wamid.…": what deduplication remembers
  std::string from;   // the sender's wa_id: the conversation and the reply's recipient
  std::string text;   // text, or the pressed button's or list row's title
  int suggestion = -1;  // a pressed reply: index into the conversation's last suggestions ("s:N" ids)
};

struct WhatsAppPayload {
  std::vector<WhatsAppMessage> messages;  // in delivery order
  size_t statuses = 0;                    // sent/delivered/read receipts: acknowledged, ignored
};

// Reads a webhook body. Error codes: bad_json (not JSON), bad_request (not the
// Cloud API's shape: no "entry" array). Entries, changes and messages of an
// unexpected shape are skipped, never fatal: one odd message must not cost
// the others in the same batch their answers.
Result<WhatsAppPayload> parse_whatsapp_payload(std::string_view body);

// True when `header` is "sha256=" + the hex HMAC-SHA256 of `body` keyed with
// `app_secret` (X-Hub-Signature-256). Compared in constant time.
bool whatsapp_signature_valid(std::string_view body, std::string_view header, std::string_view app_secret);
// The header value for `body` (tests and the bench sign with it).
std::string whatsapp_signature(std::string_view body, std::string_view app_secret);

// The Graph API bodies (POST {api}/{phone-id}/messages) that answer `to`: the
// text cut at a sentence to WhatsApp's limits with the source on its own line,
// and up to three suggestions as reply buttons (titles of at most 20
// characters), or as a list message when a title does not fit. Usually one
// body; two when a long answer leaves no room for an interactive message.
std::vector<std::string> render_whatsapp_answer(const std::string& to, const Answer& answer);
// A plain text message (the "I can only read text" reply to media).
std::string render_whatsapp_text(const std::string& to, std::string_view text);

}  // namespace tanya

#include "web/channels/whatsapp_payload.hpp"

#include <openssl/crypto.h>
#include <openssl/evp.h>
#include <openssl/hmac.h>

#include <nlohmann/json.hpp>

#include "knowledge/base/utf8.hpp"
#include "web/channels/text_cut.hpp"
#include "web/server/error_code.hpp"

namespace tanya {

namespace {

using nlohmann::json;

// The Cloud API's limits, in characters (developers.facebook.com/docs/whatsapp/cloud-api/reference/messages).
constexpr size_t kMaxText = 4096;          // a text message's body
constexpr size_t kMaxInteractive = 1024;   // an interactive message's body
constexpr size_t kMaxButtonTitle = 20;     // a reply button's title
constexpr size_t kMaxButtons = 3;          // reply buttons per message
constexpr size_t kMaxRowTitle = 24;        // a list row's title
constexpr size_t kMaxRowDescription = 72;  // a list row's description
constexpr size_t kMaxIdBytes = 256;        // wamid and wa_id are far shorter; longer is not WhatsApp

std::string str(const json& o, const char* key) {
  auto it = o.find(key);
  return it != o.end() && it->is_string() ? it->get<std::string>() : std::string();
}

const json* object(const json& o, const char* key) {
  auto it = o.find(key);
  return it != o.end() && it->is_object() ? &*it : nullptr;
}

const json* array(const json& o, const char* key) {
  auto it = o.find(key);
  return it != o.end() && it->is_array() ? &*it : nullptr;
}

int suggestion_of(const std::string& reply_id) {
  if (reply_id.size() < 3 || reply_id.size() > 4 || reply_id.rfind("s:", 0) != 0) return -1;
  int n = 0;
  for (size_t i = 2; i < reply_id.size(); ++i) {
    if (reply_id[i] < '0' || reply_id[i] > '9') return -1;
    n = n * 10 + (reply_id[i] - '0');
  }
  return n;
}

WhatsAppMessage read_message(const json& m) {
  WhatsAppMessage out;
  out.id = str(m, "id");
  out.from = str(m, "from");
  std::string type = str(m, "type");
  using Kind = WhatsAppMessage::Kind;
  if (type == "text") {
    if (const json* t = object(m, "text")) {
      out.kind = Kind::text;
      out.text = str(*t, "body");
    }
  } else if (type == "interactive") {
    const json* i = object(m, "interactive");
    std::string itype = i ? str(*i, "type") : "";
    const json* reply = nullptr;
    if (i && itype == "button_reply") reply = object(*i, "button_reply"), out.kind = Kind::button;
    if (i && itype == "list_reply") reply = object(*i, "list_reply"), out.kind = Kind::list;
    if (reply) {
      out.text = str(*reply, "title");
      out.suggestion = suggestion_of(str(*reply, "id"));
    } else {
      out.kind = Kind::unknown;
    }
  } else if (type == "button") {  // a template's quick-reply button: its text is the question
    if (const json* b = object(m, "button")) {
      out.kind = Kind::button;
      out.text = str(*b, "text");
    }
  } else if (type == "image" || type == "audio" || type == "video" || type == "document" || type == "sticker" ||
             type == "location" || type == "contacts") {
    out.kind = Kind::media;
  } else if (type == "reaction") {
    out.kind = Kind::reaction;
  }
  return out;
}

std::string dump(const json& j) { return j.dump(-1, ' ', false, json::error_handler_t::replace); }

json envelope(const std::string& to) {
  return {{"messaging_product", "whatsapp"}, {"recipient_type", "individual"}, {"to", to}};
}

}  // namespace

Result<WhatsAppPayload> parse_whatsapp_payload(std::string_view body) {
  json j = json::parse(body.begin(), body.end(), nullptr, false);
  if (j.is_discarded()) return not_json("payload", body);
  if (!j.is_object()) return protocol_error(ErrorCode::bad_request, "the payload must be a JSON object");
  const json* entries = array(j, "entry");
  if (!entries) return protocol_error(ErrorCode::bad_request, "the payload has no \"entry\" array");
  WhatsAppPayload out;
  for (const auto& entry : *entries) {
    const json* changes = entry.is_object() ? array(entry, "changes") : nullptr;
    if (!changes) continue;
    for (const auto& change : *changes) {
      const json* value = change.is_object() ? object(change, "value") : nullptr;
      if (!value) continue;
      if (const json* statuses = array(*value, "statuses")) out.statuses += statuses->size();
      const json* messages = array(*value, "messages");
      if (!messages) continue;
      for (const auto& m : *messages) {
        if (!m.is_object()) continue;
        WhatsAppMessage msg = read_message(m);
        // Without an id it cannot be deduplicated, without a sender not answered.
        if (msg.id.empty() || msg.from.empty() || msg.id.size() > kMaxIdBytes || msg.from.size() > kMaxIdBytes)
          continue;
        out.messages.push_back(std::move(msg));
      }
    }
  }
  return out;
}

std::string whatsapp_signature(std::string_view body, std::string_view app_secret) {
  unsigned char mac[EVP_MAX_MD_SIZE];
  unsigned int len = 0;
  HMAC(EVP_sha256(), app_secret.data(), static_cast<int>(app_secret.size()),
       reinterpret_cast<const unsigned char*>(body.data()), body.size(), mac, &len);
  static const char* hex = "0123456789abcdef";
  std::string out = "sha256=";
  for (unsigned int i = 0; i < len; ++i) {
    out.push_back(hex[mac[i] >> 4]);
    out.push_back(hex[mac[i] & 15]);
  }
  return out;
}

bool whatsapp_signature_valid(std::string_view body, std::string_view header, std::string_view app_secret) {
  std::string expected = whatsapp_signature(body, app_secret);
  // The length is public (always "sha256=" and 64 hex digits); the content is
  // compared in constant time. Hex digits are folded to lower case first.
  if (header.size() != expected.size()) return false;
  std::string got(header);
  for (char& c : got) c = static_cast<char>(c | ((c >= 'A' && c <= 'F') ? 0x20 : 0));
  return CRYPTO_memcmp(expected.data(), got.data(), expected.size()) == 0;
}

std::string render_whatsapp_text(const std::string& to, std::string_view text) {
  json m = envelope(to);
  m["type"] = "text";
  m["text"] = {{"preview_url", false}, {"body", cut_at_sentence(text, kMaxText)}};
  return dump(m);
}

std::vector<std::string> render_whatsapp_answer(const std::string& to, const Answer& a) {
  const bool english = a.lang == "en";
  std::string text = a.text;
  if (!a.fallback && !a.sources.empty() && !a.sources[0].section.empty())
    text += std::string("\n\n") + (english ? "Source: " : "Sumber: ") + a.sources[0].section;
  std::vector<std::string> out;
  std::vector<std::string> suggestions(a.suggestions.begin(),
                                       a.suggestions.begin() + std::min(a.suggestions.size(), kMaxButtons));
  if (suggestions.empty()) return {render_whatsapp_text(to, text)};

  std::string body = text;
  if (utf8::count(text) > kMaxInteractive) {
    // Too long for an interactive body: the answer goes first as text, the
    // suggestions follow in a short message of their own.
    out.push_back(render_whatsapp_text(to, text));
    body = english ? "Related questions:" : "Pertanyaan terkait:";
  }
  bool fit = true;
  for (const auto& s : suggestions) fit = fit && utf8::count(s) <= kMaxButtonTitle;
  json interactive = {{"body", {{"text", body}}}};
  if (fit) {
    json buttons = json::array();
    for (size_t i = 0; i < suggestions.size(); ++i)
      buttons.push_back({{"type", "reply"}, {"reply", {{"id", "s:" + std::to_string(i)}, {"title", suggestions[i]}}}});
    interactive["type"] = "button";
    interactive["action"] = {{"buttons", buttons}};
  } else {
    // A list row's title holds 24 characters; the whole question goes in its
    // description (72) when the title had to be cut.
    json rows = json::array();
    for (size_t i = 0; i < suggestions.size(); ++i) {
      json row = {{"id", "s:" + std::to_string(i)}, {"title", cut_at_sentence(suggestions[i], kMaxRowTitle)}};
      if (utf8::count(suggestions[i]) > kMaxRowTitle)
        row["description"] = cut_at_sentence(suggestions[i], kMaxRowDescription);
      rows.push_back(std::move(row));
    }
    interactive["type"] = "list";
    interactive["action"] = {{"button", english ? "More questions" : "Pertanyaan lain"},
                             {"sections", json::array({{{"title", english ? "Suggestions" : "Saran"}, {"rows", rows}}})}};
  }
  json m = envelope(to);
  m["type"] = "interactive";
  m["interactive"] = std::move(interactive);
  out.push_back(dump(m));
  return out;
}

}  // namespace tanya

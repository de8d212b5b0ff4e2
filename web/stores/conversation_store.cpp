#include "web/stores/conversation_store.hpp"

#include "bot/suggest.hpp"

#include <algorithm>
#include <nlohmann/json.hpp>

#include "web/stores/redis_conversation_store.hpp"

namespace tanya {

Conversation MemoryConversationStore::get(const std::string& key) {
  std::lock_guard<std::mutex> lock(mu_);
  auto it = entries_.find(key);
  if (it == entries_.end()) return {};
  if (std::chrono::steady_clock::now() - it->second.touched > ttl_) {
    lru_.erase(it->second.lru);
    entries_.erase(it);
    return {};
  }
  return it->second.conversation;
}

void MemoryConversationStore::put(const std::string& key, const Conversation& conversation) {
  if (max_ == 0) return;
  auto now = std::chrono::steady_clock::now();
  std::lock_guard<std::mutex> lock(mu_);
  auto it = entries_.find(key);
  if (it != entries_.end()) {
    lru_.erase(it->second.lru);
    lru_.push_front(key);
    it->second = Entry{conversation, now, lru_.begin()};
    return;
  }
  evict_locked(now);
  lru_.push_front(key);
  entries_.emplace(key, Entry{conversation, now, lru_.begin()});
}

void MemoryConversationStore::evict_locked(std::chrono::steady_clock::time_point now) {
  // Expired ones sit at the back: the list is ordered by last use.
  while (!lru_.empty()) {
    auto it = entries_.find(lru_.back());
    bool expired = now - it->second.touched > ttl_;
    if (!expired && entries_.size() < max_) break;
    entries_.erase(it);
    lru_.pop_back();
  }
}

bool MemoryConversationStore::first_seen(const std::string& key, std::chrono::seconds ttl) {
  auto now = std::chrono::steady_clock::now();
  std::lock_guard<std::mutex> lock(seen_mu_);
  // Forget what expired or what is over the limit, oldest first; an entry
  // renewed later sits in the queue twice and only its last expiry counts.
  while (!seen_order_.empty() && (seen_order_.front().first <= now || seen_.size() > kMaxSeen)) {
    auto it = seen_.find(seen_order_.front().second);
    if (it != seen_.end() && it->second == seen_order_.front().first) seen_.erase(it);
    seen_order_.pop_front();
  }
  auto it = seen_.find(key);
  if (it != seen_.end() && it->second > now) return false;
  seen_[key] = now + ttl;
  seen_order_.emplace_back(now + ttl, key);
  return true;
}

size_t MemoryConversationStore::size() const {
  std::lock_guard<std::mutex> lock(mu_);
  return entries_.size();
}

}  // namespace tanya

namespace tanya {

namespace {
// A question is cut to 2,000 bytes before analysis and an answer offers a
// handful of suggestions: anything far beyond is not a conversation we stored.
constexpr size_t kMaxStoredTerms = 1000;
constexpr size_t kMaxStoredSuggestions = 32;
constexpr size_t kMaxQuestionTypeBytes = 16;  // the longest type ("comparison", "definition") is 10
constexpr size_t kMaxStoredSeen = 4 * kSeenMax;  // suggest.hpp keeps kSeenMax; room for older versions
constexpr double kMaxStoredItem = 1000;  // a list's line: far more lines than any passage holds
}  // namespace

std::string encode_conversation(const Conversation& c) {
  nlohmann::json topic = nlohmann::json::array();
  for (const auto& t : c.topic)
    topic.push_back({{"surface", t.surface}, {"stem", t.stem}, {"synonyms", t.synonyms}, {"aliases", t.aliases},
                     {"loose", t.loose}, {"weight", t.weight}, {"generic", t.generic}, {"thesaurus", t.thesaurus}, {"context", t.context}});
  nlohmann::json j = {{"topic", topic},
                      {"article", c.article},
                      {"passage", c.passage},
                      {"item", c.item},
                      {"question_type", c.question_type},
                      {"suggestions", c.suggestions},
                      {"seen", c.seen}};
  return j.dump(-1, ' ', false, nlohmann::json::error_handler_t::replace);
}

Result<Conversation> decode_conversation(const std::string& text) {
  auto j = nlohmann::json::parse(text, nullptr, false);
  auto bad = make_error("parse", "stored conversation is not valid");
  if (!j.is_object() || !j.value("topic", nlohmann::json()).is_array()) return bad;
  Conversation c;
  // value() never throws for a missing key, but does for a wrong type: check types first.
  auto str = [](const nlohmann::json& o, const char* k) {
    auto it = o.find(k);
    return it != o.end() && it->is_string() ? it->get<std::string>() : std::string();
  };
  auto num = [](const nlohmann::json& o, const char* k) {
    auto it = o.find(k);
    return it != o.end() && it->is_number() ? it->get<double>() : 0.0;
  };
  auto strings = [&](const nlohmann::json& o, const char* k) {
    std::vector<std::string> out;
    auto it = o.find(k);
    if (it != o.end() && it->is_array())
      for (const auto& s : *it)
        if (s.is_string()) out.push_back(s.get<std::string>());
    return out;
  };
  auto boolean = [](const nlohmann::json& o, const char* k) {
    auto it = o.find(k);
    return it != o.end() && it->is_boolean() && it->get<bool>();
  };
  if (j["topic"].size() > kMaxStoredTerms) return bad;
  for (const auto& t : j["topic"]) {
    if (!t.is_object()) return bad;
    QueryTerm q;
    q.surface = str(t, "surface");
    q.stem = str(t, "stem");
    q.synonyms = strings(t, "synonyms");
    q.aliases = strings(t, "aliases");
    q.loose = strings(t, "loose");  // absent in a conversation stored before it was kept: none
    q.weight = num(t, "weight");
    q.generic = boolean(t, "generic");
    q.thesaurus = boolean(t, "thesaurus");
    q.context = boolean(t, "context");
    c.topic.push_back(std::move(q));
  }
  c.article = str(j, "article");
  c.passage = str(j, "passage");
  // A list's line; absent in a conversation stored before it was kept, and
  // anything but a small whole number is none (the whole passage).
  const double item = num(j, "item");
  c.item = item >= 1 && item <= kMaxStoredItem && item == static_cast<int>(item) ? static_cast<int>(item) : 0;
  // A question type is a short lowercase word ("amount"); anything else
  // another process left is dropped, not echoed back in an answer.
  c.question_type = str(j, "question_type");
  if (c.question_type.size() > kMaxQuestionTypeBytes ||
      !std::all_of(c.question_type.begin(), c.question_type.end(), [](char ch) { return ch >= 'a' && ch <= 'z'; }))
    c.question_type.clear();
  c.suggestions = strings(j, "suggestions");
  if (c.suggestions.size() > kMaxStoredSuggestions) return bad;
  c.seen = strings(j, "seen");
  if (c.seen.size() > kMaxStoredSeen) return bad;
  return c;
}

Result<std::unique_ptr<ConversationStore>> make_conversation_store(const std::string& spec, size_t max,
                                                                   std::chrono::seconds ttl) {
  if (spec.empty() || spec == "memory") return std::unique_ptr<ConversationStore>(new MemoryConversationStore(max, ttl));
  auto url = parse_redis_url(spec);
  if (!url) return make_error("config", "--sessions must be memory or redis://host:port/db: " + url.error().message);
  auto store = std::make_unique<RedisConversationStore>(*url, max, ttl);
  if (auto ok = store->check(); !ok) return ok.error();
  return std::unique_ptr<ConversationStore>(std::move(store));
}

}  // namespace tanya

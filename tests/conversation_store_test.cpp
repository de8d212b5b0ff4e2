// The conversation stores (web/stores/conversation_store.hpp): limits, the wire form
// used by Redis, and clear errors for a bad --sessions. The Redis store itself
// runs against a real redis-server in scaleout_test.
#include "web/stores/conversation_store.hpp"

#include <catch2/catch.hpp>
#include <nlohmann/json.hpp>

using namespace tanya;

TEST_CASE("make_conversation_store_BadSpecOrUnreachableRedisIsAnError", "[conversations]") {
  CHECK(make_conversation_store("memory", 10, std::chrono::seconds(60)).ok());
  auto bad = make_conversation_store("postgres://x", 10, std::chrono::seconds(60));
  REQUIRE_FALSE(bad.ok());
  CHECK_THAT(bad.error().message, Catch::Contains("redis://"));
  // Port 1 on loopback: nothing listens there.
  auto down = make_conversation_store("redis://127.0.0.1:1/0", 10, std::chrono::seconds(60));
  REQUIRE_FALSE(down.ok());
  CHECK_THAT(down.error().message, Catch::Contains("cannot connect"));
}

TEST_CASE("Conversation_EncodeDecode_RoundTripAndHostileInput", "[conversations]") {
  Conversation c;
  QueryTerm t;
  t.surface = "manfaat";
  t.stem = "manfaat";
  t.synonyms = {"keuntungan"};
  t.loose = {"faedah", "guna"};
  t.weight = 2.5;
  t.generic = false;
  t.context = true;
  c.topic = {t};
  c.article = "kerja-sama-bilateral";
  c.passage = "\"0123456789abcdef\"";
  c.question_type = "amount";
  c.item = 3;
  c.suggestions = {"Apa tujuan kerja sama bilateral?"};
  c.seen = {"apa manfaat kerja sama bilateral", "apa tujuan kerja sama bilateral"};
  auto back = decode_conversation(encode_conversation(c));
  REQUIRE(back.ok());
  REQUIRE(back->topic.size() == 1);
  CHECK(back->topic[0].stem == "manfaat");
  CHECK(back->topic[0].synonyms == std::vector<std::string>{"keuntungan"});
  CHECK(back->topic[0].loose == std::vector<std::string>{"faedah", "guna"});
  CHECK(back->topic[0].weight == 2.5);
  CHECK(back->topic[0].context);
  CHECK(back->article == c.article);
  CHECK(back->passage == c.passage);
  CHECK(back->question_type == c.question_type);
  CHECK(back->item == 3);
  // A list's line that is no small whole number is none: the whole passage.
  for (const char* item : {"-1", "2.5", "1e9", "\"3\"", "true"}) {
    CAPTURE(item);
    auto odd_item = decode_conversation(std::string(R"({"topic":[],"item":)") + item + "}");
    REQUIRE(odd_item.ok());
    CHECK(odd_item->item == 0);
  }
  // A question type that is no short lowercase word is dropped, not kept.
  auto odd_type = decode_conversation(R"({"topic":[],"question_type":"<script>"})");
  REQUIRE(odd_type.ok());
  CHECK(odd_type->question_type.empty());
  CHECK(back->suggestions == c.suggestions);
  CHECK(back->seen == c.seen);
  // What another process left in Redis is untrusted: not a conversation is an
  // error, never an exception.
  for (const char* hostile : {"", "null", "[]", "{\"topic\":5}", "{\"topic\":[1]}", "not json", "{}"}) {
    CAPTURE(hostile);
    CHECK_FALSE(decode_conversation(hostile).ok());
  }
  // More terms or suggestions than any stored conversation holds.
  nlohmann::json many_terms = {{"topic", nlohmann::json::array()}};
  for (int i = 0; i < 1001; ++i) many_terms["topic"].push_back({{"stem", "x"}});
  CHECK_FALSE(decode_conversation(many_terms.dump()).ok());
  nlohmann::json many_suggestions = {{"topic", nlohmann::json::array()}, {"suggestions", std::vector<std::string>(33, "s")}};
  CHECK_FALSE(decode_conversation(many_suggestions.dump()).ok());
  // Fields of the wrong type are left at their defaults.
  auto odd = decode_conversation(
      "{\"topic\":[{\"stem\":7,\"surface\":\"manfaat\",\"weight\":\"x\",\"generic\":\"yes\"}],\"article\":3}");
  REQUIRE(odd.ok());
  REQUIRE(odd->topic.size() == 1);
  CHECK(odd->topic[0].surface == "manfaat");
  CHECK(odd->topic[0].stem.empty());
  CHECK(odd->topic[0].weight == 0);
  CHECK_FALSE(odd->topic[0].generic);
  CHECK(odd->article.empty());
}

TEST_CASE("MemoryConversationStore_LimitsAndExpiry", "[conversations]") {
  MemoryConversationStore store(2, std::chrono::seconds(60));
  Conversation c;
  c.article = "a";
  store.put("a", c);
  store.put("b", c);
  store.put("c", c);  // "a" is the least recently used: evicted
  CHECK(store.size() == 2);
  CHECK(store.get("a").article.empty());
  CHECK(store.get("c").article == "a");
}

#pragma once
// The question-answering engine: question text (and the conversation so far) in,
// the answer object out. Opens the index for a knowledge directory, building it
// first when it is missing or stale.
//
// Threading: an Engine is immutable once open; answer() may be called from any
// number of threads at once, without a lock: it reads only memory (the index
// is loaded whole at open). The Conversation passed in belongs to the caller,
// who must not share one between threads without a lock.
#include <memory>
#include <string>
#include <string_view>
#include <unordered_map>
#include <utility>
#include <vector>

#include "bot/answer.hpp"
#include "bot/explain.hpp"
#include "bot/policy.hpp"
#include "bot/query.hpp"
#include "bot/rank_data.hpp"
#include "index/analyzer.hpp"
#include "index/bm25.hpp"
#include "index/index_store.hpp"
#include "knowledge/base/result.hpp"

namespace tanya {

struct Span;  // bot/compose.hpp

struct EngineOptions {
  std::string knowledge_dir;  // empty: the bundled knowledge
  std::string db_path;        // empty: a cached index file for the knowledge
  bool rebuild = false;       // build even when the index looks fresh
};

struct OpenReport {
  std::string db_path;
  bool built = false;
  BuildSummary summary;       // when built
  std::vector<std::string> problems;  // knowledge files skipped
};

inline constexpr size_t kMaxAnalysedQuestion = 2000;  // bytes; longer questions are cut

class Engine {
 public:
  static Result<std::shared_ptr<const Engine>> open(const EngineOptions& options,
                                                    std::shared_ptr<const Analyzer> analyzer,
                                                    OpenReport* report = nullptr);
  // Never fails on any question text (empty, huge, invalid UTF-8, FTS5 syntax);
  // an error means the index itself failed.
  // With `why`, also writes down each step (the console's "Why this answer?").
  // Suggestions offered are ones the conversation has not asked or been shown;
  // the conversation remembers them (Conversation::seen, bot/suggest.hpp).
  // In an index of many articles, the article of the conversation's last
  // answer answers first (Policy::conversation_margin), and the article the
  // whole knowledge picks has its passages ranked by its own words.
  Result<Answer> answer(std::string_view question, Conversation* conversation = nullptr,
                        Explanation* why = nullptr) const {
    return answer(question, conversation, default_policy(), why);
  }
  // The same under another policy (`tanya eval` fits one; the server never passes one).
  Result<Answer> answer(std::string_view question, Conversation* conversation, const Policy& policy,
                        Explanation* why = nullptr) const;
  // The same asked on the page of one article (`page`: its name, a source's
  // "article"; the widget's data-article): that article answers when it
  // answers confidently, else the whole knowledge does, so a question about
  // another page still finds it there. The page's passages are ranked by
  // its own words, its confidence judged by every article's. An empty
  // `page`, or one this knowledge does not hold, changes nothing.
  Result<Answer> answer_on_page(std::string_view question, std::string_view page, Conversation* conversation,
                                const Policy& policy = default_policy(), Explanation* why = nullptr) const;
  // Whether `page` names an article of this knowledge.
  bool has_article(std::string_view page) const;
  // The greeting and 4 starter questions for a new conversation, remembered
  // as shown in `conversation` when given.
  Answer welcome(const std::string& lang = "id", Conversation* conversation = nullptr) const;

  // A passage's name that survives a reload (with its article): the same key
  // accepted wordings use (knowledge/knowledge_dir.hpp), so an edit elsewhere
  // in the article keeps it.
  static std::string passage_key(const StoredUnit& unit);
  // The unit the conversation's passage is in this index; nullptr when gone.
  const StoredUnit* find_passage(const Conversation& conversation) const;

  const IndexData& index() const { return *index_; }
  const Analyzer& analyzer() const { return *analyzer_; }
  const std::string& db_path() const { return index_->path; }

 private:
  Engine() = default;
  // Unit ids [first, last] of one article (units are stored in article order),
  // and, in an index of many articles, how many of them hold each stem (as
  // IndexData::stem_df counts over all): a question asked on the article's
  // page is weighed as in an index of that article alone.
  struct UnitRange {
    int64_t first = 0, last = 0;
    std::unordered_map<std::string, int> stem_df;  // empty with one article: the index's own
    // The words its passages write (stop words aside) with how often, as
    // IndexData::words holds the whole index's: empty with one article.
    std::unordered_map<std::string, int> words;
  };
  // answer() before the suggestions are picked: `suggestions` holds candidates,
  // best first. With `within`, only that article's passages are candidates,
  // the question weighed by that article's words (`article_words`) or by the
  // whole knowledge's.
  Result<Answer> compose(std::string_view question, Conversation* conversation, const Policy& policy,
                         Explanation* why, const UnitRange* within = nullptr, bool article_words = true) const;
  // The answer from `article` (its `units`) unless it has none, or the whole
  // knowledge answers from another article more confidently by `margin`;
  // `what` names the article's role in the explanation.
  Result<Answer> prefer(std::string_view question, const std::string& article, const UnitRange& units, double margin,
                        const std::string& what, Conversation* conversation, const Policy& policy,
                        Explanation* why) const;
  // answer() and answer_on_page(): compose, then the suggestions.
  Result<Answer> finish(std::string_view question, Result<Answer> composed, Conversation* conversation,
                        const Policy& policy) const;
  void set_ids(QueryTerm* t) const;  // the stem's and its synonyms' ids in rank_data_
  Answer smalltalk(const std::string& intent, const std::string& lang) const;
  Answer fallback(const Query& q, const std::vector<int64_t>& candidates = {}) const;
  // The passage right after `unit` in its article and section, both plain
  // paragraphs (a list's next item, a story's next event); null when none.
  const StoredUnit* following_passage(const StoredUnit& unit) const;
  // The answer to "terus abis itu?" (that passage, the conversation's topic
  // kept, `topic` null) or to "abis bayar ngapain?" (the step after the one
  // the question names, `topic` its terms, with the confidence in that step).
  Answer next_passage(const Query& q, const StoredUnit& unit, double confidence, const std::vector<QueryTerm>* topic,
                      Conversation* conversation, const Policy& policy, Explanation* why) const;
  // The n-th step of the numbered list `from` is a step of, or that follows
  // `from` ("1. …", "2. …", each a passage of its own); null when none.
  const StoredUnit* numbered_step(const StoredUnit& from, int n) const;
  // The n-th row of the table written right after `from` in its section (a
  // passage announcing it: "sekolah menyiapkan enam paket …" over the
  // packages' rows); null when none.
  const StoredUnit* table_row_after(const StoredUnit& from, int n) const;
  // The paragraph of `from`'s section, after it, whose first sentence names
  // the n-th ("Cara kedua adalah wawancara …", "Ketiga, …"), the first
  // named in `from` or a paragraph between; null when none within
  // kOrdinalParagraphs.
  const StoredUnit* ordinal_paragraph(const StoredUnit& from, int n) const;
  // The item of the list `last` is, starts or announces (a line of a list
  // passage, a numbered step) after the one holding most of `terms`' own
  // words ("abis bayar ngapain?": the step after paying); none when no item
  // holds one, two tie, or the best is the last.
  std::optional<std::pair<const StoredUnit*, Span>> step_after(const StoredUnit& last,
                                                               const std::vector<QueryTerm>& terms) const;
  // The answer to "yang kedua apa?" after a list: `item`, a line of `list`,
  // the conversation's topic kept.
  Answer list_item(const Query& q, const StoredUnit& list, const Span& item, Conversation* conversation,
                   const Policy& policy, Explanation* why) const;
  std::string reply(const std::string& intent, const std::string& lang) const;
  std::vector<std::string> starter_questions(size_t n) const;
  // The words suggestions are chosen by: each word's ids (itself and its
  // synonyms) with its weight. Only what related() reads, so that the answered
  // passage's forty-odd words are not built as whole QueryTerms (moving them
  // was 2% of an answer's instructions, callgrind on `tanya eval`).
  struct RelatedWords {
    std::vector<std::pair<uint32_t, uint32_t>> by_id;  // (id, place in weight)
    std::vector<double> weight;
    void add(const QueryTerm& t);
    void add(uint32_t id, double w);
  };
  // Up to n FAQ questions or questions about sections (heading_question) of the
  // `candidates` units sharing the most weight with `words`, leaving out those of `exclude`.
  std::vector<std::string> related(RelatedWords words, const StoredUnit* exclude, size_t n,
                                   const std::vector<int64_t>& candidates) const;

  std::shared_ptr<const Analyzer> analyzer_;
  std::shared_ptr<const IndexData> index_;
  std::unique_ptr<QueryParser> parser_;
  std::unique_ptr<RankData> rank_data_;
  std::unique_ptr<Bm25> bm25_;  // scores the rows FTS5 finds (index/bm25.hpp)
  std::unordered_map<std::string, UnitRange> articles_;  // article name → its units
  std::unordered_map<std::string, int64_t> passages_;  // article + '\n' + passage key → unit id
  // per unit: each stem of its body (unit.terms, in order) as its id and idf,
  // worked out once: the answered passage's words weigh the suggestions
  std::vector<std::vector<std::pair<uint32_t, double>>> unit_stems_;
  std::vector<std::string> label_types_;  // per unit: the type of its FAQ question ("" for other units)
  // per label of rank_data_: what it is offered as (an FAQ question, or a
  // question made of a section title)
  std::vector<std::string> label_questions_;
};

// A file in the cache directory ($TANYA_CACHE_DIR, else $XDG_CACHE_HOME/tanya,
// else ~/.cache/tanya) belonging to a knowledge directory: PREFIX-HASH[-TAG].db.
std::string cache_path(const std::string& knowledge_dir, const std::string& prefix, const std::string& tag = "");

}  // namespace tanya

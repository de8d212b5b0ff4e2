#pragma once
// Every ranking weight and threshold of the answer engine: what each means is
// here, its value and how it was set in policy.cpp (default_policy()), the one
// place to change one. A Policy is a plain value: the engine answers with
// default_policy() unless a caller passes another (`tanya eval DIR` does, to
// fit the tunable ones by leave-one-article-out). Thread-safe: immutable data.
//
// "Fitted" below means: chosen by `tanya eval DIR --fit` on the development
// articles (one subdirectory per article), maximising the macro-averaged share
// of questions handled right (answerable: right passage first, not fallen
// back; out of domain: fallen back; small talk: recognised), and checked by
// leave-one-article-out (README, "Answer quality"). "Set by hand" means the
// value was chosen for a reason stated on its line and the fit left it alone.
#include <array>
#include <cstddef>
#include <string>
#include <vector>

namespace tanya {

// The confidence model's features, in Answer::features order:
//  kCoverage     share of the question's specific weight that the passage covers
//  kMissing      share of it in words the knowledge lacks, with no synonym in it either
//                (another subject, or a gap no resource bridges)
//  kMargin       score margin to the next passage of another section (capped)
//  kRarestMatch  idf of the rarest specific word the passage matched, over the largest idf:
//                an everyday word shared with the article is no evidence
//  kScore        the ranker's score itself
//  kSecondMatch  the same idf share for the second-rarest matched word (0 with one word):
//                a question of another subject mostly shares one word with the article
//  kSentence     share of the question's specific weight in the passage's best sentence:
//                the words of an answered question stand together
//  kAnswerType   a question asking for a kind of content ("siapa": a name, "berapa": a number,
//                "mengapa": a reason; question_types.tsv): the best sentence with such content,
//                over the best sentence (1 for a question asking no particular kind)
//  kMissingName  1 when a word the question writes as a name ("Prambanan", "PNS") is not in the
//                answering article: a question about something the article never names
//  kAsksNow      1 when the question is tied to the day it is asked ("tahun ini", "hari ini";
//                now_units.txt) and the passage does not say the same: news no article holds
enum ConfidenceFeature {
  kCoverage, kMissing, kMargin, kRarestMatch, kScore, kSecondMatch, kSentence, kAnswerType, kMissingName, kAsksNow };
inline constexpr size_t kConfidenceFeatures = 10;
using ConfidenceFeatures = std::array<double, kConfidenceFeatures>;
inline constexpr const char* kConfidenceFeatureNames[kConfidenceFeatures] = {
    "coverage", "missing", "margin", "rarest", "score", "second", "sentence", "answer_type", "missing_name", "asks_now"};

struct Policy {
  // --- Candidates (engine) -------------------------------------------------
  int candidates = 0;          // FTS5 rows re-ranked
  long posting_budget = 0;   // postings FTS5 may score per question; bounds time on long questions
  double context_weight = 0;  // a follow-up's inherited topic words weigh half the new ones

  // --- Ranking (ranker): score = Σ weight·feature over BM25 candidates ------
  double synonym_share = 0;   // a synonym present earns this share of the word's weight
  double thesaurus_share = 0; // the same for a mythes-id synonym of a word the knowledge lacks (many senses: weaker)
  double loose_share = 0;     // the same for a mythes-id synonym of a word the knowledge has, in a passage
                              // lacking the word but holding another of the question's (QueryTerm::loose)
  double w_cover_all = 0;    // weighted share of the question's words in passage, label or section title
  double w_coverage = 0;     // the same over the question's specific (non-frame) words only
  double w_cover_body = 0;   // the same in the passage and its label, not the section title
  double w_bm25 = 0;         // FTS5 bm25 relative to the best candidate (the floor's order)
  double w_proximity = 0;    // weighted share of the question's word pairs standing as phrases
  double w_superlative = 0;  // weighted share of the words asked in the superlative that the passage writes so,
                             // times its coverage of the question
  double w_counted = 0;      // the same for the unit asked after "berapa" written after a number ("empat hari")
  double w_label = 0;        // FAQ question / table key match (dice × covered²)
  double w_cue = 0;          // the passage has a cue word for the question's type
  double w_number_cue = 0;   // the same, added when the type asks for a number (amount, date)
  double w_section = 0;      // a follow-up with no topic of its own stays in the last answer's section
  double w_followup_cue = 0; // a follow-up asks mostly for a kind of answer: its type cue weighs this instead
  double w_definition = 0;    // "apa itu X": the passage that says "X adalah …" (or starts with X)
  double floor_margin = 0;    // BM25's first passage stays first unless the re-ranked one beats it by this
  double w_repeat = 0;       // a follow-up's answer is not the passage just given, when that has nothing of the kind asked
  double w_topic_lost = 0;   // a follow-up's answer holds a word of the previous topic
  double w_sentence_cue = 0; // a reason, example, comparison or definition asked: the weighted share of
                             // the question's specific words in the passage's best sentence giving that kind
  double w_yes_no = 0;       // a yes/no question: a passage opening with a yes or no ("Boleh, asalkan …"), times its coverage
  double w_list = 0;         // "apa saja?": a list (or the line announcing one), times its coverage of the question
  double w_summary = 0;      // "ringkasnya", "secara singkat": a table row, times its coverage of the question
  double w_lead = 0;         // an article's lead sentence (a summary of everything) loses this
  double w_closing = 0;      // the same for a paragraph of its closing section ("Kesimpulan", "Penutup")
                                // unless the question is about the article as a whole
  double table_row_base = 0;   // a table row keeps this share, the rest by how much of its key is asked
  double other_type_label = 0; // an FAQ asking another kind of question keeps this share of its label match
  double row_label_share = 1;  // a table row's key keeps this share of its label match, unless a summary is asked
  double same_type_label = 1;  // an FAQ asking the same kind of question has its label match times this

  // --- Confidence (engine): the probability the first passage is right ------
  // A logistic model over features that carry across articles.
  double c_bias = 0;
  // One weight per ConfidenceFeature (below), in that order.
  ConfidenceFeatures c_weights{};
  double margin_cap = 0;      // a margin beyond this says nothing more
  // THE fallback threshold: below it tanya says it does not know. web/ logs
  // answers within review_band above it as "low_confidence" for review.
  double fallback_threshold = 0;
  double review_band = 0;      // the answers an owner should look at first
  double no_topic_cap = 0;     // a question of frame words only ("apa itu?") is never confident
  double kind_absent_cap = 0;  // nor one asking a phone number or a date of a passage with none (strict_types.txt)
  double next_confidence = 0;  // "terus abis itu?": the passage after the last answer, found by its place
  double page_margin = 0;      // asked on an article's page, another article answers only when it is
                               // this much more confident than the page's own answer (Engine::answer_on_page)
  double conversation_margin = 0;  // the same for the article of the conversation's last answer, in an
                                   // index of many articles (Engine::answer)

  // --- Suggestions (engine) ------------------------------------------------
  double runner_up_gap = 0;   // a runner-up this close from another section is offered first
  double related_weight = 0;   // the answer's own words weigh this much of their idf for "related"
  double close_enough = 0;     // a fallback offers its closest questions as a guess ("Maksudmu:") only
                               // from this confidence up; below, "Coba tanyakan:" and starter questions

  // --- Query weights (query) -----------------------------------------------
  double frame_word_weight = 0;  // "cara", "peran", "jelaskan" ask about the rest of the question
  double kind_word_weight = 0;  // "contoh", "pengertian" name the kind of answer, not its topic
  double untranslated_weight = 0;  // an English question's word nothing translates: a dictionary gap

  // --- Answer span (compose) ------------------------------------------------
  double span_context_share = 0;   // inherited words count half in choosing the sentence
  double span_cue_bonus = 0;       // a sentence with a cue for the question's type
  double span_first_bonus = 0;     // an FAQ answer's first sentence answers its question
  size_t span_short_bytes = 0;     // a best sentence shorter than this brings the next one
  double span_order_penalty = 0;  // of equal sentences the earlier states the point
};

// The model's confidence; `no_topic`: the question has no topic word of its
// own (and is no follow-up), so it is capped at no_topic_cap.
double confidence_of(const Policy& p, const ConfidenceFeatures& features, bool no_topic);

// The policy the engine uses unless told otherwise.
const Policy& default_policy();

// A policy value that `tanya eval DIR --fit` may change, with the values tried.
struct Tunable {
  const char* name;
  double Policy::*member;
  std::vector<double> grid;
};
const std::vector<Tunable>& tunables();

}  // namespace tanya

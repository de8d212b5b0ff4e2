#include "web/cli/review.hpp"

#include <algorithm>
#include <ctime>
#include <filesystem>
#include <set>
#include <sstream>

#include "knowledge/base/strings.hpp"
#include "knowledge/base/utf8.hpp"
#include "web/stores/redis_client.hpp"

namespace fs = std::filesystem;

namespace tanya {

std::string iso_time(int64_t ms) {
  std::time_t t = static_cast<std::time_t>(ms / 1000);
  std::tm tm{};
  gmtime_r(&t, &tm);
  char buf[32];
  std::strftime(buf, sizeof buf, "%Y-%m-%dT%H:%M:%SZ", &tm);
  return buf;
}

std::string wording_key(const std::string& question) {
  std::string out;
  std::istringstream in(utf8::lower(question));
  for (std::string word; in >> word;) out += (out.empty() ? "" : " ") + word;
  return out;
}

namespace {

std::string clean(const std::string& s) {
  std::string out;
  for (char c : s) out.push_back(c == '\t' || c == '\n' || c == '\r' ? ' ' : c);
  return out;
}

SuggestedPassage suggest(const StoredUnit& u) {
  return {u.article, u.order, u.section, std::string(utf8::cut(u.text, kPassagePreview))};
}

}  // namespace

std::vector<UnansweredGroup> group_unanswered(const std::vector<Event>& events, const Engine& engine) {
  // Greedy grouping, newest first: a question joins the first group whose
  // content words it mostly shares (Jaccard ≥ 0.5), else opens a new one.
  struct Pending {
    std::set<std::string> stems;
    UnansweredGroup group;
  };
  std::vector<Pending> groups;
  for (const auto& e : events) {
    std::set<std::string> stems;
    for (const auto& t : engine.analyzer().analyze(e.question))
      if (!t.stop) stems.insert(t.term);
    Pending* home = nullptr;
    for (auto& g : groups) {
      size_t shared = 0;
      for (const auto& s : stems) shared += g.stems.count(s);
      size_t together = stems.size() + g.stems.size() - shared;
      bool same = together == 0 ? g.group.question == e.question : 2 * shared >= together;
      if (same) {
        home = &g;
        break;
      }
    }
    if (!home) {
      groups.push_back({stems, {}});
      home = &groups.back();
      home->group.question = e.question;
      home->group.last_ms = e.time_ms;
    }
    UnansweredGroup& g = home->group;
    g.count++;
    g.last_ms = std::max(g.last_ms, e.time_ms);
    if (g.wordings.size() < 5 && std::find(g.wordings.begin(), g.wordings.end(), e.question) == g.wordings.end())
      g.wordings.push_back(e.question);
  }
  std::vector<UnansweredGroup> out;
  for (auto& p : groups) {
    UnansweredGroup& g = p.group;
    auto a = engine.answer(g.question);
    if (a)
      for (size_t i = 0; i < a->ranking.size() && static_cast<int>(i) < kSuggestedPassages; ++i)
        g.suggestions.push_back(suggest(engine.index().units[a->ranking[i] - 1]));
    if (!g.suggestions.empty()) {
      g.article = g.suggestions[0].article;
      g.order = g.suggestions[0].order;
      g.passage = g.suggestions[0].passage;
    }
    out.push_back(std::move(g));
  }
  std::stable_sort(out.begin(), out.end(), [](const UnansweredGroup& a, const UnansweredGroup& b) {
    return a.count != b.count ? a.count > b.count : a.last_ms > b.last_ms;
  });
  return out;
}

Result<std::vector<Event>> review_events(const std::string& events_spec, const std::string& knowledge_dir, int limit) {
  std::vector<Event> all;
  std::error_code ec;
  if (!is_redis_url(events_spec) && !fs::exists(events_spec, ec)) return all;  // nothing asked yet
  std::set<std::string> done;  // wordings accepted or out of scope
  auto dismissed = EventLog::read(events_spec, "out_of_scope", limit);
  if (!dismissed) return dismissed.error();
  for (const auto& e : *dismissed) done.insert(wording_key(e.question));
  std::string alternates_path = knowledge_dir + "/alternates.tsv";
  if (fs::exists(alternates_path, ec)) {
    auto text = read_file(alternates_path);
    if (!text) return text.error();
    std::vector<std::string> ignored;  // reported by the index build
    for (const auto& row : parse_alternates(*text, alternates_path, &ignored)) done.insert(wording_key(row.question));
  }
  for (const char* kind : {"unanswered", "low_confidence"}) {
    auto events = EventLog::read(events_spec, kind, limit);
    if (!events) return events.error();
    for (auto& e : *events)
      if (!done.count(wording_key(e.question))) all.push_back(std::move(e));
  }
  std::stable_sort(all.begin(), all.end(), [](const Event& a, const Event& b) { return a.time_ms > b.time_ms; });
  return all;
}

std::vector<VotedDown> voted_down(const std::vector<Event>& feedback, const Engine& engine) {
  std::vector<VotedDown> out;
  for (const auto& e : feedback) {
    if (e.useful != 0) continue;
    VotedDown v{e.time_ms, e.channel, e.question, e.answer, e.confidence, "", "", "", -1};
    // The short answer is a span of its passage: the first passage holding it.
    if (!e.answer.empty())
      for (const auto& u : engine.index().units)
        if (u.text.find(e.answer) != std::string::npos) {
          v.article = u.article;
          v.section = u.section;
          v.order = u.order;
          v.passage = u.text;
          break;
        }
    out.push_back(std::move(v));
  }
  return out;
}

std::string to_tsv(const std::vector<UnansweredGroup>& groups) {
  std::string out = "# question\tarticle\torder\tcount\tlast_seen\tclosest passage\n"
                    "# Keep the rows to accept, correct article and order where the closest passage is wrong,\n"
                    "# then: tanya review --accept THIS_FILE\n";
  for (const auto& g : groups) {
    out += clean(g.question) + "\t" + g.article + "\t" + (g.order >= 0 ? std::to_string(g.order) : "") + "\t" +
           std::to_string(g.count) + "\t" + iso_time(g.last_ms) + "\t" + clean(g.passage) + "\n";
  }
  return out;
}

Result<AcceptReport> accept_wordings(const std::vector<AlternateRow>& rows, const std::string& knowledge_dir) {
  auto knowledge = load_knowledge(knowledge_dir);
  if (!knowledge) return knowledge.error();
  const std::string path = knowledge_dir + "/alternates.tsv";
  std::string text;
  std::error_code ec;
  if (fs::exists(path, ec)) {
    auto existing = read_file(path);
    if (!existing) return existing.error();
    text = std::move(*existing);
  }
  // What is there already, by wording and passage (a row without a key is
  // compared by article and order).
  std::set<std::string> have;
  std::vector<std::string> ignored;
  for (const auto& r : parse_alternates(text, path, &ignored))
    have.insert(wording_key(r.question) + "\t" + r.article + "\t" + (r.key.empty() ? std::to_string(r.order) : r.key));
  AcceptReport report;
  std::string lines;
  for (const auto& r : rows) {
    const Unit* unit = nullptr;
    for (const auto& a : knowledge->articles)
      if (a.name == r.article)
        for (const auto& u : a.units)
          if (u.order == r.order) unit = &u;
    if (!unit)
      return make_error("bad_request", "line " + std::to_string(r.line) + ": no passage " + std::to_string(r.order) +
                                           " in article " + r.article + "; nothing was added");
    std::string key = passage_key(unit->question, unit->text);
    std::string question = clean(std::string(trim(r.question)));
    if (question.empty()) continue;
    if (!have.insert(wording_key(question) + "\t" + r.article + "\t" + key).second ||
        have.count(wording_key(question) + "\t" + r.article + "\t" + std::to_string(r.order))) {
      report.skipped++;
      continue;
    }
    lines += question + "\t" + r.article + "\t" + std::to_string(r.order) + "\t" + key + "\n";
    report.added++;
  }
  if (report.added == 0) return report;
  if (!text.empty() && text.back() != '\n') text += "\n";
  if (text.empty())
    text = "# Accepted wordings: question<TAB>article<TAB>passage order<TAB>passage key (tanya review --accept,\n"
           "# or Accept in the console). The key keeps a wording on its passage when the article changes.\n";
  auto written = write_file_atomic(path, text + lines);
  if (!written) return written.error();
  return report;
}

Result<AcceptReport> accept_alternates(const std::string& tsv_path, const std::string& knowledge_dir) {
  auto text = read_file(tsv_path);
  if (!text) return text.error();
  std::vector<std::string> problems;
  auto rows = parse_alternates(*text, tsv_path, &problems);
  if (!problems.empty()) return make_error("parse", problems.front());
  auto r = accept_wordings(rows, knowledge_dir);
  if (!r && r.error().code == "bad_request") return make_error("parse", tsv_path + ":" + r.error().message.substr(5));
  return r;
}

}  // namespace tanya

#include "web/cli/review.hpp"

#include <algorithm>
#include <ctime>
#include <fstream>
#include <set>
#include <sstream>

#include "knowledge/knowledge_dir.hpp"

namespace tanya {

std::string iso_time(int64_t ms) {
  std::time_t t = static_cast<std::time_t>(ms / 1000);
  std::tm tm{};
  gmtime_r(&t, &tm);
  char buf[32];
  std::strftime(buf, sizeof buf, "%Y-%m-%dT%H:%M:%SZ", &tm);
  return buf;
}

namespace {

std::string clean(const std::string& s) {
  std::string out;
  for (char c : s) out.push_back(c == '\t' || c == '\n' || c == '\r' ? ' ' : c);
  return out;
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
    if (a && !a->ranking.empty()) {
      const auto& u = engine.index().units[a->ranking[0] - 1];
      g.article = u.article;
      g.order = u.order;
      g.passage = u.text.substr(0, 160);
    }
    out.push_back(std::move(g));
  }
  std::stable_sort(out.begin(), out.end(), [](const UnansweredGroup& a, const UnansweredGroup& b) {
    return a.count != b.count ? a.count > b.count : a.last_ms > b.last_ms;
  });
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

Result<int> accept_alternates(const std::string& tsv_path, const std::string& knowledge_dir) {
  auto text = read_file(tsv_path);
  if (!text) return text.error();
  std::vector<std::string> problems;
  auto rows = parse_alternates(*text, tsv_path, &problems);
  if (!problems.empty()) return make_error("parse", problems.front());
  std::string lines;
  for (const auto& r : rows) lines += r.question + "\t" + r.article + "\t" + std::to_string(r.order) + "\n";
  int added = static_cast<int>(rows.size());
  std::ofstream out(knowledge_dir + "/alternates.tsv", std::ios::app);
  if (!out) return make_error("io", "cannot write " + knowledge_dir + "/alternates.tsv");
  out << lines;
  out.flush();
  if (!out) return make_error("io", "cannot write " + knowledge_dir + "/alternates.tsv");
  return added;
}

}  // namespace tanya

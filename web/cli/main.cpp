// tanya: one binary, several commands (web/PROTOCOL.md lists them).
#include <spdlog/spdlog.h>

#include <csignal>
#include <filesystem>
#include <cstdio>
#include <iostream>
#include <nlohmann/json.hpp>
#include <filesystem>
#include <fstream>
#include <optional>
#include <sstream>

#include "bot/answer_json.hpp"
#include "bot/engine.hpp"
#include "bot/eval.hpp"
#include "knowledge/base/utf8.hpp"
#include "knowledge/knowledge_dir.hpp"
#include "knowledge/paths.hpp"
#include "web/cli/config.hpp"
#include "web/cli/healthcheck.hpp"
#include "web/cli/review.hpp"
#include "web/server/server.hpp"
#include "web/stores/redis_client.hpp"

namespace {

// Candidates `tanya ask --explain` prints: the ones a re-ranking could still lift.
constexpr size_t kExplainedCandidates = 5;
constexpr size_t kExplainedTextBytes = 100;  // each candidate's opening, never half a character

using namespace tanya;

const char* kUsage = R"(usage: tanya COMMAND [options]

commands:
  serve                      HTTP + WebSocket chat server (the bundled article by default)
  index                      build the index file atomically and print a summary
  ask "QUESTION"... [--json] [--explain] [--article NAME]
                             answer questions (several: one conversation, each answer under its
                             question); --explain: the words searched and the candidates' features;
                             --article: asked on that article's page, which answers first
  eval FILE.jsonl [--rows] [--baseline] [--min p1=0.9,...]
                             score a question set
  eval DIR [--rows] [--mixed [--min p1=0.7,...] [--min-page p1=0.7,...]] [--loao] [--fit]
           [--article NAME --min p1=0.9,...]
                             score every DIR/NAME/ (article + questions.jsonl), plain
                             BM25 beside it; --mixed: all in one index; --loao: the
                             policy fitted leaving each article out; --fit: fitted on all
  review [--export F.tsv] [--accept F.tsv]
                             unanswered questions, most frequent first
  healthcheck                GET /healthz of the server on --host/--port; exit 0 when healthy
  analyze "TEXT"             show the analyzer's tokens (surface, stem, byte offsets)

options (flag, TANYA_* environment variable, or key of --config FILE):
)";

void usage() {
  std::fputs(kUsage, stderr);
  for (const auto& s : option_specs())
    std::fprintf(stderr, "  --%-18s %s%s%s\n", s.name, s.help, *s.fallback ? "; default " : "", s.fallback);
}

Result<std::shared_ptr<const Analyzer>> make_analyzer() {
  auto lexicon = load_lexicon(lexicon_dir());
  if (!lexicon) return lexicon.error();
  return Analyzer::create(std::make_shared<const Lexicon>(std::move(*lexicon)));
}

Result<std::shared_ptr<const Engine>> open_engine(const Config& c, bool rebuild, OpenReport* report) {
  auto analyzer = make_analyzer();
  if (!analyzer) return analyzer.error();
  EngineOptions o;
  o.knowledge_dir = c.get("knowledge");
  o.db_path = c.get("db");
  o.rebuild = rebuild;
  return Engine::open(o, *analyzer, report);
}

int fail(const Error& e) {
  std::fprintf(stderr, "tanya: %s\n", e.message.c_str());
  return 1;
}

int cmd_index(const Config& c) {
  OpenReport report;
  auto engine = open_engine(c, true, &report);
  if (!engine) return fail(engine.error());
  for (const auto& p : report.problems) std::fprintf(stderr, "warning: %s\n", p.c_str());
  const auto& s = report.summary;
  std::printf("index: %s\n", report.db_path.c_str());
  std::printf("articles: %d, sections: %d, distinct terms: %d\n", s.articles, s.sections, s.distinct_terms);
  for (const auto& [kind, n] : s.units_by_kind) std::printf("units %-10s %d\n", kind.c_str(), n);
  std::printf("time: %.1f ms\n", s.millis);
  return 0;
}

// `tanya ask --explain`: what POST /admin/explain shows, as text for a terminal.
void print_explanation(const Explanation& x, std::ostream& out) {
  out << "type " << x.question_type << (x.lang == "en" ? ", English" : "") << "; terms:";
  for (const auto& t : x.terms) {
    out << " " << t.surface << "(" << t.stem << " w=" << t.weight << (t.generic ? " generic" : "")
        << (t.context ? " context" : "") << (t.known ? "" : " unknown");
    for (const auto& s : t.synonyms) out << " ~" << s;
    out << ")";
  }
  out << "\nmatch " << x.match << "\n";
  for (size_t i = 0; i < x.candidates.size() && i < kExplainedCandidates; ++i) {
    const auto& cand = x.candidates[i];
    out << "  #" << cand.unit_id << " " << cand.kind << " score " << cand.score << " bm25 " << cand.bm25 << " |";
    for (const auto& [name, v] : cand.features) out << " " << name << "=" << v;
    out << "\n     " << utf8::cut(cand.text, kExplainedTextBytes) << "\n";
  }
  out << "confidence " << x.confidence << " (threshold " << x.threshold << "): " << x.reason << "\n";
}

int cmd_ask(const Config& c) {
  if (c.positional.size() < 2) {
    usage();
    return 2;
  }
  auto engine = open_engine(c, false, nullptr);
  if (!engine) return fail(engine.error());
  Conversation conv;
  // Several questions are one conversation: `tanya ask "Apa itu X?" "contohnya?"`,
  // each answer printed under its question (--json: an array of answer objects).
  const bool several = c.positional.size() > 2;
  nlohmann::json all = nlohmann::json::array();
  for (size_t i = 1; i < c.positional.size(); ++i) {
    Explanation why;
    auto answer = (*engine)->answer_on_page(c.positional[i], c.get("article"), &conv, default_policy(),
                                            c.flag("explain") ? &why : nullptr);
    if (!answer) return fail(answer.error());
    const Answer& a = *answer;
    // With --json the explanation goes to stderr, so that stdout stays one JSON document.
    if (c.flag("explain")) print_explanation(why, c.flag("json") ? std::cerr : std::cout);
    if (c.flag("json")) {
      all.push_back(to_json(a));
      continue;
    }
    if (several) std::cout << (i > 1 ? "\n" : "") << "> " << c.positional[i] << "\n";
    std::cout << a.text << "\n";
    if (!a.sources.empty()) {
      std::cout << "Sumber: " << a.sources[0].section << " (" << a.sources[0].kind << ", " << a.sources[0].article
                << ")  confidence " << a.confidence << "\n";
    }
    for (const auto& cor : a.corrections) std::cout << "(" << cor.from << " → " << cor.to << ")\n";
    for (const auto& s : a.suggestions) std::cout << "  • " << s << "\n";
  }
  if (c.flag("json"))
    std::cout << (several ? all : all[0]).dump(2, ' ', false, nlohmann::json::error_handler_t::replace) << "\n";
  return 0;
}

int cmd_eval(const Config& c) {
  if (c.positional.size() < 2) {
    usage();
    return 2;
  }
  Result<EvalTotals> totals = make_error("bad_request", "nothing scored");
  std::optional<EvalTotals> page_totals;  // --mixed --min-page: asked on each article's page
  bool below_baseline = false;
  std::error_code ec;
  if (std::filesystem::is_directory(c.positional[1], ec)) {
    auto analyzer = make_analyzer();
    if (!analyzer) return fail(analyzer.error());
    EngineFactory open = [&](const std::string& dir) {
      EngineOptions o;
      o.knowledge_dir = dir;
      return Engine::open(o, *analyzer);
    };
    EvalDirOptions o;
    o.rows = c.flag("rows");
    o.mixed = c.flag("mixed");
    o.loao = c.flag("loao");
    o.fit = c.flag("fit");
    o.only = c.get("article");
    if ((c.has("min") || c.has("min-page")) && o.only.empty() && !o.mixed)
      return fail(make_error("bad_request", "--min with a directory needs --article NAME or --mixed"));
    auto figures = run_eval_dir(c.positional[1], open, o, std::cout);
    if (!figures) return fail(figures.error());
    if (o.only.empty() && o.mixed) {
      // --mixed --min: the floors hold for the macro of all articles in one index.
      auto it = figures->find(kMixedKey);
      if (it == figures->end()) return fail(make_error("bad_request", "--mixed needs a directory of two or more articles"));
      totals = it->second;
      if (c.has("min-page")) page_totals = figures->at(kPageKey);
    } else if (!o.only.empty()) {
      totals = figures->at(o.only);
      // Plain BM25 is the floor under every floor (README, "Answer quality").
      const double base = figures->at(o.only + kBaselineSuffix).p1;
      if (totals->p1 < base) {
        std::cout << "FLOOR MISSED: p1 " << totals->p1 << " is below plain BM25's " << base << "\n";
        below_baseline = true;
      }
    }
  } else {
    auto cases = load_eval_set(c.positional[1]);
    if (!cases) return fail(cases.error());
    auto engine = open_engine(c, false, nullptr);
    if (!engine) return fail(engine.error());
    EvalOptions o;
    o.rows = c.flag("rows");
    o.baseline = c.flag("baseline");
    totals = run_eval(**engine, *cases, o, std::cout);
    if (!totals) return fail(totals.error());
  }
  if (c.has("min-page") && !page_totals)
    return fail(make_error("bad_request", "--min-page needs a directory of two or more articles and --mixed"));
  int rc = below_baseline ? 1 : 0;
  for (const bool page : {false, true}) {
    std::stringstream floors(c.get(page ? "min-page" : "min"));
    std::string spec;
    while (std::getline(floors, spec, ',')) {
      if (spec.empty()) continue;
      std::string message;
      auto ok = meets_floor(page ? *page_totals : *totals, spec, &message);
      if (!ok) return fail(ok.error());
      std::cout << (*ok ? "floor ok: " : "FLOOR MISSED: ") << (page ? "on the article's page: " : "") << message << "\n";
      if (!*ok) rc = 1;
    }
  }
  return rc;
}

// Unanswered questions grouped by wording, most frequent first, and the
// answers voted down; --export writes the groups for editing, --accept adds an
// edited export to alternates.tsv.
int cmd_review(const Config& c) {
  std::string dir = c.has("knowledge") ? c.get("knowledge") : default_knowledge_dir();
  if (c.has("accept")) {
    auto r = accept_alternates(c.get("accept"), dir);
    if (!r) return fail(r.error());
    std::printf("added %d alternate questions to %s/alternates.tsv (%d already there, skipped); the next index "
                "build (or reload) uses them\n",
                r->added, dir.c_str(), r->skipped);
    return 0;
  }
  std::string events = c.has("events-db") ? c.get("events-db") : cache_path(dir, "events");
  auto engine = open_engine(c, false, nullptr);
  if (!engine) return fail(engine.error());
  auto all = review_events(events, dir, 100000);
  if (!all) return fail(all.error());
  auto groups = group_unanswered(*all, **engine);
  if (c.has("export")) {
    std::ofstream out(c.get("export"));
    out << to_tsv(groups);
    if (!out) return fail(make_error("io", "cannot write " + c.get("export")));
    std::printf("wrote %zu questions to %s\n", groups.size(), c.get("export").c_str());
    return 0;
  }
  std::vector<VotedDown> down;
  std::error_code ec;
  if (is_redis_url(events) || std::filesystem::exists(events, ec)) {
    auto feedback = EventLog::read(events, "feedback", 1000);
    if (!feedback) return fail(feedback.error());
    down = voted_down(*feedback, **engine);
  }
  if (groups.empty() && down.empty()) {
    std::printf("nothing to review: no unanswered question and no answer voted down in %s\n", events.c_str());
    return 0;
  }
  if (groups.empty()) std::printf("no unanswered questions\n");
  for (const auto& g : groups) {
    std::printf("%4d  %s  (last %s)\n", g.count, g.question.c_str(), iso_time(g.last_ms).c_str());
    for (const auto& w : g.wordings)
      if (w != g.question) std::printf("        also: %s\n", w.c_str());
    if (!g.article.empty()) std::printf("        closest: %s #%d  %.70s\n", g.article.c_str(), g.order, g.passage.c_str());
  }
  if (!down.empty()) std::printf("\nvoted down (%zu):\n", down.size());
  for (const auto& v : down) {
    std::printf("  %s  %s\n        answer: %.100s\n", iso_time(v.time_ms).c_str(), v.question.c_str(), v.answer.c_str());
    if (!v.article.empty())
      std::printf("        passage: %s #%d  %.100s\n", v.article.c_str(), v.order, v.passage.c_str());
  }
  return 0;
}

// Shows what the analyzer makes of a text: one token a line, as FTS5 sees it.
int cmd_analyze(const Config& c) {
  auto analyzer = make_analyzer();
  if (!analyzer) return fail(analyzer.error());
  for (size_t i = 1; i < c.positional.size(); ++i)
    for (const auto& t : (*analyzer)->analyze(c.positional[i]))
      std::printf("%-20s %-16s %u-%u%s\n", t.surface.c_str(), t.term.c_str(), t.start, t.end, t.stop ? " stop" : "");
  return 0;
}

}  // namespace

int main(int argc, char** argv) {
  // A file-size limit (a full disk, a quota) must give an error, not kill us.
  std::signal(SIGXFSZ, SIG_IGN);
  if (argc < 2 || std::string(argv[1]) == "--help" || std::string(argv[1]) == "-h") {
    usage();
    return argc < 2 ? 2 : 0;
  }
  auto config = parse_config(argc - 1, argv + 1, {"json", "explain", "rows", "baseline", "help", "mixed", "loao", "fit"});
  if (!config) {
    std::fprintf(stderr, "tanya: %s\n", config.error().message.c_str());
    return 2;
  }
  const std::string command = argv[1];
  if (config->flag("help")) {
    usage();
    return 0;
  }
  if (command == "index") return cmd_index(*config);
  if (command == "ask") return cmd_ask(*config);
  if (command == "eval") return cmd_eval(*config);
  if (command == "analyze") return cmd_analyze(*config);
  if (command == "review") return cmd_review(*config);
  if (command == "healthcheck") return run_healthcheck(*config);
  if (command == "serve") {
    auto analyzer = make_analyzer();
    if (!analyzer) return fail(analyzer.error());
    return run_server(*config, *analyzer);
  }
  std::fprintf(stderr, "tanya: unknown command %s\n", command.c_str());
  usage();
  return 2;
}

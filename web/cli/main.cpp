// tanya: one binary, several commands (web/PROTOCOL.md lists them).
#include <spdlog/spdlog.h>

#include <csignal>
#include <cstdio>
#include <iostream>
#include <nlohmann/json.hpp>
#include <fstream>
#include <sstream>

#include "bot/answer_json.hpp"
#include "bot/engine.hpp"
#include "bot/eval.hpp"
#include "knowledge/knowledge_dir.hpp"
#include "knowledge/paths.hpp"
#include "web/cli/config.hpp"
#include "web/cli/healthcheck.hpp"
#include "web/cli/review.hpp"
#include "web/server/server.hpp"

namespace {

using namespace tanya;

const char* kUsage = R"(usage: tanya COMMAND [options]

commands:
  serve                      HTTP + WebSocket chat server (the bundled article by default)
  index                      build the index file atomically and print a summary
  ask "QUESTION"... [--json] answer questions (several: one conversation, each answer under its question)
  eval FILE.jsonl [--rows] [--baseline] [--min p1=0.9,...]
                             score a question set
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
    auto answer = (*engine)->answer(c.positional[i], &conv);
    if (!answer) return fail(answer.error());
    const Answer& a = *answer;
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
  auto cases = load_eval_set(c.positional[1]);
  if (!cases) return fail(cases.error());
  auto engine = open_engine(c, false, nullptr);
  if (!engine) return fail(engine.error());
  EvalOptions o;
  o.rows = c.flag("rows");
  o.baseline = c.flag("baseline");
  auto totals = run_eval(**engine, *cases, o, std::cout);
  if (!totals) return fail(totals.error());
  int rc = 0;
  std::stringstream floors(c.get("min"));
  std::string spec;
  while (std::getline(floors, spec, ',')) {
    if (spec.empty()) continue;
    std::string message;
    auto ok = meets_floor(*totals, spec, &message);
    if (!ok) return fail(ok.error());
    std::cout << (*ok ? "floor ok: " : "FLOOR MISSED: ") << message << "\n";
    if (!*ok) rc = 1;
  }
  return rc;
}

// Unanswered questions grouped by wording, most frequent first; --export
// writes them for editing, --accept adds an edited export to alternates.tsv.
int cmd_review(const Config& c) {
  std::string dir = c.has("knowledge") ? c.get("knowledge") : default_knowledge_dir();
  if (c.has("accept")) {
    auto added = accept_alternates(c.get("accept"), dir);
    if (!added) return fail(added.error());
    std::printf("added %d alternate questions to %s/alternates.tsv; the next index build (or reload) uses them\n",
                *added, dir.c_str());
    return 0;
  }
  std::string events = c.has("events-db") ? c.get("events-db") : cache_path(dir, "events");
  auto engine = open_engine(c, false, nullptr);
  if (!engine) return fail(engine.error());
  std::vector<Event> all;
  for (const char* kind : {"unanswered", "low_confidence"}) {
    auto e = EventLog::read(events, kind, 100000);
    if (!e) return fail(e.error());
    all.insert(all.end(), e->begin(), e->end());
  }
  auto groups = group_unanswered(all, **engine);
  if (c.has("export")) {
    std::ofstream out(c.get("export"));
    out << to_tsv(groups);
    if (!out) return fail(make_error("io", "cannot write " + c.get("export")));
    std::printf("wrote %zu questions to %s\n", groups.size(), c.get("export").c_str());
    return 0;
  }
  if (groups.empty()) std::printf("no unanswered questions in %s\n", events.c_str());
  for (const auto& g : groups) {
    std::printf("%4d  %s  (last %s)\n", g.count, g.question.c_str(), iso_time(g.last_ms).c_str());
    for (const auto& w : g.wordings)
      if (w != g.question) std::printf("        also: %s\n", w.c_str());
    if (!g.article.empty()) std::printf("        closest: %s #%d  %.70s\n", g.article.c_str(), g.order, g.passage.c_str());
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
  auto config = parse_config(argc - 1, argv + 1, {"json", "rows", "baseline", "help"});
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

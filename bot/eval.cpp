#include "bot/eval.hpp"

#include <algorithm>
#include <chrono>
#include <cstdio>
#include <fstream>
#include <nlohmann/json.hpp>
#include <ostream>
#include <sstream>

#include "index/baseline_index.hpp"
#include "knowledge/base/utf8.hpp"

namespace tanya {

Result<std::vector<EvalCase>> load_eval_set(const std::string& path) {
  std::ifstream in(path);
  if (!in) return make_error("io", "cannot read " + path);
  std::vector<EvalCase> out;
  std::string line;
  int number = 0;
  while (std::getline(in, line)) {
    ++number;
    if (line.find_first_not_of(" \t\r") == std::string::npos) continue;
    auto j = nlohmann::json::parse(line, nullptr, false);
    auto where = path + ":" + std::to_string(number) + ": ";
    if (j.is_discarded() || !j.is_object()) return make_error("parse", where + "not a JSON object");
    if (!j.contains("question") || !j["question"].is_string() || !j.contains("expect") || !j["expect"].is_string())
      return make_error("parse", where + "needs string fields question and expect");
    EvalCase c;
    c.id = j.value("id", std::to_string(number));
    c.question = j["question"];
    c.expect = j["expect"];
    c.category = j.value("category", c.expect);
    if (c.expect != "answer" && c.expect != "fallback" && c.expect != "smalltalk")
      return make_error("parse", where + "expect must be answer, fallback or smalltalk");
    for (const char* key : {"gold", "context"}) {
      if (!j.contains(key)) continue;
      if (!j[key].is_array()) return make_error("parse", where + key + " must be an array of strings");
      for (const auto& g : j[key]) {
        if (!g.is_string()) return make_error("parse", where + key + " must be an array of strings");
        (std::string(key) == "gold" ? c.gold : c.context).push_back(g.get<std::string>());
      }
    }
    if (c.expect == "answer" && c.gold.empty()) return make_error("parse", where + "an answer needs gold strings");
    out.push_back(std::move(c));
  }
  return out;
}

namespace {

bool contains_gold(const std::string& text, const std::vector<std::string>& gold) {
  std::string t = utf8::lower(text);
  for (const auto& g : gold)
    if (t.find(utf8::lower(g)) != std::string::npos) return true;
  return false;
}

struct Stats {
  int n = 0, answerable = 0, p1 = 0, r3 = 0, text = 0, ood = 0, rejected = 0, st = 0, st_ok = 0, false_fb = 0;
  double mrr = 0;
};

std::string fmt(double v) {
  char buf[16];
  std::snprintf(buf, sizeof buf, "%.2f", v);
  return buf;
}

std::string ratio(int a, int b) { return b ? fmt(static_cast<double>(a) / b) : "-"; }

}  // namespace

Result<EvalTotals> run_eval(const Engine& engine, const std::vector<EvalCase>& cases, const EvalOptions& options,
                            std::ostream& out) {
  std::unique_ptr<BaselineIndex> baseline;
  if (options.baseline) {
    auto b = BaselineIndex::create(engine.index());
    if (!b) return b.error();
    baseline = std::move(*b);
  }
  std::map<std::string, Stats> by_cat;
  Stats all;
  std::vector<double> times;
  EvalTotals t;
  int followup_ok = 0;

  for (const auto& c : cases) {
    Answer a;
    double us = 0;
    if (baseline) {
      auto start = std::chrono::steady_clock::now();
      auto hits = baseline->search(c.question, 5);
      us = std::chrono::duration<double, std::micro>(std::chrono::steady_clock::now() - start).count();
      if (!hits) return hits.error();
      for (const auto& h : *hits) a.ranking.push_back(h.unit_id);
      a.fallback = hits->empty();
      a.confidence = a.fallback ? 0 : 1;
      if (!hits->empty()) a.text = engine.index().units[hits->front().unit_id - 1].text;
    } else {
      Conversation conv;
      for (const auto& ctx : c.context) {
        auto r = engine.answer(ctx, &conv);
        if (!r) return r.error();
      }
      auto start = std::chrono::steady_clock::now();
      auto r = engine.answer(c.question, &conv);
      us = std::chrono::duration<double, std::micro>(std::chrono::steady_clock::now() - start).count();
      if (!r) return r.error();
      a = std::move(*r);
    }
    times.push_back(us);

    auto unit_text = [&](int64_t id) {
      const auto& u = engine.index().units[id - 1];
      return u.question + "\n" + u.text;
    };
    bool ok = false;
    std::string detail;
    Stats* cats[] = {&by_cat[c.category], &all};
    if (c.expect == "answer") {
      int rank = 0;
      if (!a.fallback) {  // a fallback's closest passages are no answer
        for (size_t i = 0; i < a.ranking.size() && i < 5; ++i) {
          if (contains_gold(unit_text(a.ranking[i]), c.gold)) {
            rank = static_cast<int>(i) + 1;
            break;
          }
        }
      }
      ok = rank == 1;
      bool text_ok = !a.fallback && contains_gold(a.text, c.gold);
      for (Stats* s : cats) {
        s->n++;
        s->answerable++;
        s->p1 += rank == 1;
        s->r3 += rank >= 1 && rank <= 3;
        s->mrr += rank ? 1.0 / rank : 0;
        s->text += text_ok;
        s->false_fb += a.fallback;
      }
      if (!a.fallback && a.confidence >= 0.5) {
        t.confident++;
        t.confident_precision += ok;
      }
      if (!c.context.empty()) {
        t.followup++;
        followup_ok += ok;
      }
      detail = a.fallback ? "fell back" : "rank " + std::to_string(rank);
    } else if (c.expect == "fallback") {
      ok = a.fallback;
      for (Stats* s : cats) {
        s->n++;
        s->ood++;
        s->rejected += ok;
      }
      detail = ok ? "fell back" : "answered";
    } else {
      ok = a.intent != "question" && !a.fallback;
      for (Stats* s : cats) {
        s->n++;
        s->st++;
        s->st_ok += ok;
      }
      detail = "intent " + a.intent;
    }
    if (options.rows) {
      std::string first = a.ranking.empty() ? "" : engine.index().units[a.ranking[0] - 1].text.substr(0, 60);
      out << (ok ? "ok   " : "MISS ") << c.id << " [" << c.category << "] conf=" << fmt(a.confidence) << " "
          << detail << " " << static_cast<int>(us) << "us | " << c.question << " | " << first << "\n";
    }
  }

  out << "\n" << (baseline ? "baseline: plain FTS5 BM25 (unicode61, OR of words)" : "tanya") << "\n";
  out << "| category | n | P@1 | R@3 | MRR@5 | answer text | out-of-domain rejected | small talk |\n";
  out << "|---|---|---|---|---|---|---|---|\n";
  auto row = [&](const std::string& name, const Stats& s) {
    out << "| " << name << " | " << s.n << " | " << ratio(s.p1, s.answerable) << " | " << ratio(s.r3, s.answerable)
        << " | " << (s.answerable ? fmt(s.mrr / s.answerable) : "-") << " | " << ratio(s.text, s.answerable) << " | "
        << ratio(s.rejected, s.ood) << " | " << ratio(s.st_ok, s.st) << " |\n";
  };
  for (const auto& [name, s] : by_cat) row(name, s);
  row("**total**", all);

  std::sort(times.begin(), times.end());
  t.answerable = all.answerable;
  t.ood = all.ood;
  t.smalltalk = all.st;
  t.p1 = all.answerable ? static_cast<double>(all.p1) / all.answerable : 0;
  t.recall3 = all.answerable ? static_cast<double>(all.r3) / all.answerable : 0;
  t.mrr5 = all.answerable ? all.mrr / all.answerable : 0;
  t.text_hit = all.answerable ? static_cast<double>(all.text) / all.answerable : 0;
  t.false_fallback = all.answerable ? static_cast<double>(all.false_fb) / all.answerable : 0;
  t.rejection = all.ood ? static_cast<double>(all.rejected) / all.ood : 1;
  t.smalltalk_acc = all.st ? static_cast<double>(all.st_ok) / all.st : 1;
  t.followup_acc = t.followup ? static_cast<double>(followup_ok) / t.followup : 1;
  t.confident_precision = t.confident ? t.confident_precision / t.confident : 1;
  if (!times.empty()) {
    t.median_us = times[times.size() / 2];
    t.p99_us = times[std::min(times.size() - 1, static_cast<size_t>(times.size() * 0.99))];
  }
  out << "\nP@1 " << fmt(t.p1) << " · recall@3 " << fmt(t.recall3) << " · MRR@5 " << fmt(t.mrr5) << " · answer text "
      << fmt(t.text_hit) << " · out-of-domain rejected " << fmt(t.rejection) << " · answerable fell back "
      << fmt(t.false_fallback) << " · small talk " << fmt(t.smalltalk_acc) << " · follow-ups " << fmt(t.followup_acc)
      << " · right when confidence ≥ 0.5: " << fmt(t.confident_precision) << " (" << t.confident << ")"
      << " · median " << static_cast<int>(t.median_us) << " µs · p99 " << static_cast<int>(t.p99_us) << " µs\n";
  nlohmann::json summary = {{"p1", t.p1}, {"recall3", t.recall3}, {"mrr5", t.mrr5}, {"text", t.text_hit},
                            {"rejection", t.rejection}, {"false_fallback", t.false_fallback},
                            {"smalltalk", t.smalltalk_acc}, {"followup", t.followup_acc},
                            {"confident_precision", t.confident_precision}, {"median_us", t.median_us},
                            {"p99_us", t.p99_us}, {"questions", cases.size()}, {"baseline", options.baseline}};
  out << summary.dump() << "\n";
  return t;
}

Result<bool> meets_floor(const EvalTotals& t, const std::string& spec, std::string* message) {
  auto eq = spec.find('=');
  if (eq == std::string::npos) return make_error("bad_request", "--min takes KEY=VALUE, got " + spec);
  std::string key = spec.substr(0, eq);
  double want = std::atof(spec.c_str() + eq + 1);
  std::map<std::string, double> values = {{"p1", t.p1}, {"recall3", t.recall3}, {"mrr5", t.mrr5},
                                          {"text", t.text_hit}, {"rejection", t.rejection},
                                          {"smalltalk", t.smalltalk_acc}, {"followup", t.followup_acc},
                                          {"confident_precision", t.confident_precision}};
  auto it = values.find(key);
  if (it == values.end()) return make_error("bad_request", "unknown floor key " + key);
  bool ok = it->second + 1e-9 >= want;
  *message = key + " = " + fmt(it->second) + (ok ? " ≥ " : " < ") + fmt(want);
  return ok;
}

}  // namespace tanya

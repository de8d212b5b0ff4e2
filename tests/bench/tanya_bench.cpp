// tanya-bench: a WebSocket load generator for tanya (and tanya-echo).
//
//   tanya-bench --url ws://127.0.0.1:8080/ws [--connections 64] [--inflight 1]
//               [--duration 10 | --count N] [--warmup 2] [--rate 0] [--threads 1]
//               [--questions FILE.jsonl]... [--unique] [--idle]
//
// Every connection keeps `inflight` questions outstanding (or, with --rate,
// the whole run is paced to that many questions a second). Every reply's type
// and id are checked (by a substring scan; one reply in kFullCheckEvery is
// also parsed whole). Prints answers/s, latency p50/p90/p99/max, errors and
// the mix of replies (answered / fallback / small talk), then one JSON line
// for scripts. --idle opens the connections, holds them for --duration and
// sends nothing (for connection-count and memory figures).
//
// Questions: the bundled article's two question sets (tests/eval), whose
// expectations are already a mix like real traffic (about 80% answerable, 11%
// not in the article, 9% small talk), or the --questions files. --unique
// makes every question sent distinct, so no cache of question texts can serve
// them: each gets two chat particles ("… kak dong", see kParticles). The n-th
// question sent is the same in every run; none repeats within the first
// 269,000 sent (139 questions × 44² particle pairs). A cache of analysed
// questions could still serve them: tanya has none (its caches are per word).
#include <sys/resource.h>

#include <algorithm>
#include <atomic>
#include <chrono>
#include <cstdio>
#include <deque>
#include <fstream>
#include <memory>
#include <nlohmann/json.hpp>
#include <string>
#include <string_view>
#include <thread>
#include <vector>

#include "web/server/beast.hpp"

using Clock = std::chrono::steady_clock;

namespace {

struct Options {
  std::string host = "127.0.0.1", port = "8080", path = "/ws";
  int connections = 64, inflight = 1, threads = 1;
  double duration = 10, warmup = 2, rate = 0;
  long count = 0;
  bool idle = false, unique = false;
  std::vector<std::string> questions;  // JSONL files with a "question" (and "expect") per line
};

// One reply in kFullCheckEvery per connection is parsed whole as JSON, besides
// the substring checks every reply gets: a cheap client leaves the cores to
// the server (client and server share the machine).
constexpr long kFullCheckEvery = 64;

// The extra words of --unique: chat particles and forms of address, which
// the parser strips (knowledge/lexicon/fillers.txt), so the question keeps
// its meaning and the mix of answers stays that of the question sets.
// Content words ("tugas besok") were tried first: they turned three quarters
// of the answers into fallbacks, which is no realistic mix.
const std::vector<std::string> kParticles = {
    "kak", "dong", "ya", "sih", "nih", "min", "gan", "deh", "yuk", "bro", "sis", "mas", "mbak", "pak", "bu",
    "kok", "lho", "aja", "nah", "tuh", "loh", "yah", "yaa", "kakak", "admin", "bot", "om", "banget", "bgt", "juga",
    "please", "tolong", "coba", "mohon", "gitu", "gini", "btw", "wkwk", "hehe", "haha", "oi", "woi", "saja", "anu"};

struct Question {
  std::string json_text;  // the question as a JSON string literal, quotes included, without the closing quote
  bool smalltalk = false;
};

struct Stats {
  std::atomic<long> answers{0}, errors{0}, connected{0}, failed_connections{0};
  std::atomic<long> fallbacks{0}, smalltalk{0};  // of the answers
};

struct Shared {
  Options opt;
  std::vector<Question> questions;
  Stats stats;
  std::atomic<bool> measuring{false}, stopping{false};
  std::atomic<long> sent{0};
  Clock::time_point start;
};

class Connection : public std::enable_shared_from_this<Connection> {
 public:
  Connection(net::io_context& ioc, Shared& shared, int index)
      : resolver_(ioc), ws_(ioc), timer_(ioc), shared_(shared), index_(index) {}

  void start() {
    resolver_.async_resolve(shared_.opt.host, shared_.opt.port,
                            [self = shared_from_this()](beast::error_code ec, tcp::resolver::results_type r) {
                              if (ec) return self->fail();
                              self->on_resolve(r);
                            });
  }

 private:
  void fail() {
    shared_.stats.failed_connections++;
  }

  void on_resolve(const tcp::resolver::results_type& results) {
    net::async_connect(ws_.next_layer(), results, [self = shared_from_this()](beast::error_code ec, const tcp::endpoint&) {
      if (ec) return self->fail();
      self->ws_.async_handshake(self->shared_.opt.host + ":" + self->shared_.opt.port, self->shared_.opt.path,
                                [self](beast::error_code ec2) {
                                  if (ec2) return self->fail();
                                  self->shared_.stats.connected++;
                                  self->read();
                                  if (!self->shared_.opt.idle) self->pump();
                                });
    });
  }

  bool budget_left() {
    if (shared_.stopping) return false;
    if (shared_.opt.count > 0 && shared_.sent.load() >= shared_.opt.count) return false;
    return true;
  }

  // Keep `inflight` questions outstanding, or pace to the rate.
  void pump() {
    while (pending_.size() < static_cast<size_t>(shared_.opt.inflight) && budget_left()) {
      if (shared_.opt.rate > 0) {
        // Each connection owns an equal share of the rate.
        double per_connection = shared_.opt.rate / shared_.opt.connections;
        auto due = shared_.start + std::chrono::duration_cast<Clock::duration>(
                                       std::chrono::duration<double>((sent_ + index_ * 1.0 / shared_.opt.connections) /
                                                                     per_connection));
        if (due > Clock::now()) {
          timer_.expires_at(due);
          timer_.async_wait([self = shared_from_this()](beast::error_code ec) {
            if (!ec) self->pump();
          });
          return;
        }
      }
      send_one();
    }
  }

  void send_one() {
    long n = shared_.sent.fetch_add(1);
    std::string id = std::to_string(index_) + "-" + std::to_string(sent_++);
    auto msg = std::make_shared<std::string>();
    msg->reserve(160);
    msg->append(R"({"type":"ask","id":")").append(id).append(R"(","text":)");
    append_question(n, msg.get());
    msg->push_back('}');
    pending_.emplace_back(std::move(id), Clock::now());
    queue_.push_back(std::move(msg));
    if (queue_.size() == 1) write();
  }

  // The n-th question as a JSON string literal (see --unique at the top).
  void append_question(long n, std::string* out) const {
    const auto& qs = shared_.questions;
    const Question& q = qs[static_cast<size_t>(n) % qs.size()];
    out->append(q.json_text);
    if (shared_.opt.unique) {
      auto k = static_cast<size_t>(n) / qs.size();
      const auto& words = kParticles;
      size_t a = k % words.size(), b = (k / words.size()) % words.size();
      out->append(" ").append(words[a]).append(" ").append(words[b]);
    }
    out->push_back('"');
  }

  void write() {
    ws_.text(true);
    ws_.async_write(net::buffer(*queue_.front()), [self = shared_from_this()](beast::error_code ec, std::size_t) {
      if (ec) return;
      self->queue_.erase(self->queue_.begin());
      if (!self->queue_.empty()) self->write();
    });
  }

  void read() {
    ws_.async_read(buffer_, [self = shared_from_this()](beast::error_code ec, std::size_t) {
      if (ec) return;
      auto data = self->buffer_.cdata();
      self->on_message(std::string_view(static_cast<const char*>(data.data()), data.size()));
      self->buffer_.consume(self->buffer_.size());
      self->read();
    });
  }

  // The string value of a top-level "key" in a compact JSON object, found by
  // scanning: inside a JSON string every quote is escaped, so `"key":"` can
  // only be a key. Empty when absent.
  static std::string_view string_field(std::string_view msg, std::string_view key_colon_quote) {
    auto k = msg.find(key_colon_quote);
    if (k == std::string_view::npos) return {};
    size_t b = k + key_colon_quote.size();
    auto e = msg.find('"', b);
    return e == std::string_view::npos ? std::string_view() : msg.substr(b, e - b);
  }

  void on_message(std::string_view text) {
    std::string_view type = string_field(text, R"("type":")");
    if (type == "welcome") return;
    std::string_view id = string_field(text, R"("id":")");
    if (++received_ % kFullCheckEvery == 1) {
      auto j = nlohmann::json::parse(text, nullptr, false);
      bool same = j.is_object() && j.value("type", "") == type && j.contains("id") && j["id"].is_string() &&
                  j["id"].get<std::string>() == id;
      if (!same) type = "malformed";
    }
    auto it = std::find_if(pending_.begin(), pending_.end(), [&](const auto& p) { return p.first == id; });
    bool ok = type == "answer" && it != pending_.end();
    if (it != pending_.end()) {
      double us = std::chrono::duration<double, std::micro>(Clock::now() - it->second).count();
      pending_.erase(it);
      if (shared_.measuring) {
        (ok ? shared_.stats.answers : shared_.stats.errors)++;
        if (ok) {
          latencies_us.push_back(us);
          if (text.find(R"("fallback":true)") != std::string_view::npos) shared_.stats.fallbacks++;
          else if (string_field(text, R"("intent":")") != "question") shared_.stats.smalltalk++;
        }
      }
    } else if (shared_.measuring) {
      shared_.stats.errors++;
    }
    pump();
  }

  tcp::resolver resolver_;
  websocket::stream<tcp::socket> ws_;
  net::steady_timer timer_;
  beast::flat_buffer buffer_;
  Shared& shared_;
  int index_;
  long sent_ = 0, received_ = 0;
  std::deque<std::pair<std::string, Clock::time_point>> pending_;  // at most --inflight: a scan is fastest
  std::vector<std::shared_ptr<std::string>> queue_;

 public:
  std::vector<double> latencies_us;  // measured after the warm-up; read once the threads are joined
};

bool parse_url(const std::string& url, Options* o) {
  std::string rest = url;
  if (rest.rfind("ws://", 0) == 0) rest = rest.substr(5);
  else return false;
  auto slash = rest.find('/');
  std::string authority = rest.substr(0, slash);
  o->path = slash == std::string::npos ? "/" : rest.substr(slash);
  auto colon = authority.rfind(':');
  o->host = authority.substr(0, colon);
  o->port = colon == std::string::npos ? "80" : authority.substr(colon + 1);
  return true;
}

void load_questions(const std::string& path, std::vector<Question>* out) {
  std::ifstream in(path);
  for (std::string line; std::getline(in, line);) {
    auto j = nlohmann::json::parse(line, nullptr, false);
    if (!j.is_object() || !j.contains("question") || !j["question"].is_string()) continue;
    Question q;
    q.json_text = j["question"].dump(-1, ' ', false, nlohmann::json::error_handler_t::replace);
    q.json_text.pop_back();  // the closing quote: extra words go before it
    q.smalltalk = j.value("expect", "") == "smalltalk";
    out->push_back(std::move(q));
  }
}

double percentile(std::vector<double>& v, double p) {
  if (v.empty()) return 0;
  size_t i = std::min(v.size() - 1, static_cast<size_t>(p * static_cast<double>(v.size())));
  std::nth_element(v.begin(), v.begin() + static_cast<long>(i), v.end());
  return v[i];
}

}  // namespace

int main(int argc, char** argv) {
  Shared shared;
  Options& o = shared.opt;
  for (int i = 1; i < argc; ++i) {
    std::string a = argv[i];
    auto next = [&]() -> std::string { return i + 1 < argc ? argv[++i] : ""; };
    if (a == "--url") {
      if (!parse_url(next(), &o)) return std::fprintf(stderr, "--url must be ws://host:port/path\n"), 2;
    } else if (a == "--connections") o.connections = std::max(1, std::atoi(next().c_str()));
    else if (a == "--inflight") o.inflight = std::max(1, std::atoi(next().c_str()));
    else if (a == "--threads") o.threads = std::max(1, std::atoi(next().c_str()));
    else if (a == "--duration") o.duration = std::atof(next().c_str());
    else if (a == "--count") o.count = std::atol(next().c_str());
    else if (a == "--warmup") o.warmup = std::atof(next().c_str());
    else if (a == "--rate") o.rate = std::atof(next().c_str());
    else if (a == "--questions") o.questions.push_back(next());
    else if (a == "--unique") o.unique = true;
    else if (a == "--idle") o.idle = true;
    else return std::fprintf(stderr, "unknown option %s (see the comment at the top of tanya_bench.cpp)\n", a.c_str()), 2;
  }
  if (o.questions.empty())
    o.questions = {TANYA_BENCH_QUESTIONS "/dev-questions.jsonl", TANYA_BENCH_QUESTIONS "/own-questions.jsonl"};
  for (const auto& path : o.questions) load_questions(path, &shared.questions);
  if (shared.questions.empty()) return std::fprintf(stderr, "no questions in %s\n", o.questions[0].c_str()), 2;

  // Many connections need many descriptors.
  rlimit rl{};
  if (getrlimit(RLIMIT_NOFILE, &rl) == 0) {
    rl.rlim_cur = rl.rlim_max;
    setrlimit(RLIMIT_NOFILE, &rl);
  }

  std::vector<std::unique_ptr<net::io_context>> contexts;
  for (int t = 0; t < o.threads; ++t) contexts.push_back(std::make_unique<net::io_context>(1));
  std::vector<std::shared_ptr<Connection>> connections;
  shared.measuring = o.count > 0;
  shared.start = Clock::now();
  for (int c = 0; c < o.connections; ++c) {
    connections.push_back(std::make_shared<Connection>(*contexts[static_cast<size_t>(c) % contexts.size()], shared, c));
    connections.back()->start();
  }
  std::vector<std::thread> threads;
  std::vector<net::executor_work_guard<net::io_context::executor_type>> guards;
  for (auto& ctx : contexts) {
    guards.push_back(net::make_work_guard(*ctx));
    threads.emplace_back([&ctx] { ctx->run(); });
  }

  auto sleep_for = [](double s) { std::this_thread::sleep_for(std::chrono::duration<double>(s)); };
  // With --count every answer counts: no warm-up.
  if (o.count == 0) sleep_for(o.warmup);
  shared.measuring = true;
  auto measured_from = Clock::now();
  if (o.count > 0) {
    // Done when every answer came and every connection has finished its
    // handshake: on a busy machine the first connections may answer all the
    // questions before the last ones are through, which is no failure.
    auto done = [&] {
      return shared.stats.answers + shared.stats.errors >= o.count &&
             shared.stats.connected + shared.stats.failed_connections >= o.connections;
    };
    while (!done() && Clock::now() - measured_from < std::chrono::seconds(300)) sleep_for(0.01);
  } else {
    sleep_for(o.duration);
  }
  shared.measuring = false;
  double seconds = std::chrono::duration<double>(Clock::now() - measured_from).count();
  shared.stopping = true;
  for (auto& ctx : contexts) ctx->stop();
  for (auto& t : threads) t.join();

  std::vector<double> lat;
  for (const auto& c : connections) lat.insert(lat.end(), c->latencies_us.begin(), c->latencies_us.end());
  long answers = shared.stats.answers, errors = shared.stats.errors;
  long fallbacks = shared.stats.fallbacks, smalltalk = shared.stats.smalltalk;
  auto share = [&](long n) { return answers > 0 ? static_cast<double>(n) / static_cast<double>(answers) : 0.0; };
  double rate = answers / seconds;
  double p50 = percentile(lat, 0.50), p90 = percentile(lat, 0.90), p99 = percentile(lat, 0.99);
  double max = lat.empty() ? 0 : *std::max_element(lat.begin(), lat.end());
  std::printf("connections %ld/%d (failed %ld)\n", shared.stats.connected.load(), o.connections,
              shared.stats.failed_connections.load());
  if (!o.idle) {
    std::printf("answers/s %.0f over %.1f s, errors %ld\n", rate, seconds, errors);
    std::printf("latency p50 %.0f µs, p90 %.0f µs, p99 %.0f µs, max %.0f µs\n", p50, p90, p99, max);
    std::printf("replies: %.0f%% answered, %.0f%% fallback, %.0f%% small talk; %s questions\n",
                100 * share(answers - fallbacks - smalltalk), 100 * share(fallbacks), 100 * share(smalltalk),
                o.unique ? "unique" : "repeated");
  }
  nlohmann::json j = {{"url", "ws://" + o.host + ":" + o.port + o.path}, {"connections", o.connections},
                      {"connected", shared.stats.connected.load()}, {"inflight", o.inflight},
                      {"answers", answers}, {"errors", errors}, {"seconds", seconds}, {"answers_per_s", rate},
                      {"p50_us", p50}, {"p90_us", p90}, {"p99_us", p99}, {"max_us", max}, {"rate", o.rate},
                      {"unique", o.unique}, {"fallback_share", share(fallbacks)},
                      {"smalltalk_share", share(smalltalk)}};
  std::printf("%s\n", j.dump().c_str());
  bool all_connected = shared.stats.connected == o.connections;
  return errors == 0 && all_connected && (o.idle || answers > 0) ? 0 : 1;
}

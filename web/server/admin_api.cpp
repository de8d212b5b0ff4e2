#include "web/server/admin_api.hpp"

#include <spdlog/spdlog.h>

#include <algorithm>
#include <filesystem>
#include <map>
#include <nlohmann/json.hpp>
#include <regex>

#include "bot/explain.hpp"
#include "knowledge/base/strings.hpp"
#include "knowledge/base/utf8.hpp"
#include "knowledge/knowledge_dir.hpp"
#include "knowledge/paths.hpp"
#include "web/cli/review.hpp"
#include "web/server/log.hpp"
#include "web/server/error_code.hpp"
#include "web/server/http_reply.hpp"
#include "web/server/protocol.hpp"

namespace fs = std::filesystem;

namespace tanya {

namespace {

using nlohmann::json;

constexpr int kEventsRead = 5000;        // the newest events a review reads
constexpr int kFeedbackRead = 1000;      // the newest votes the feedback view reads
constexpr size_t kMaxWordings = 50;      // per accept or dismiss
constexpr const char* kKnowledgePrefix = "/admin/knowledge/";

std::string dump(const json& j) { return j.dump(-1, ' ', false, json::error_handler_t::replace); }

// A knowledge file name an owner may write: a plain name with the extension of
// a format tanya reads; never a path, never alternates.tsv.
bool valid_article_file(const std::string& name) {
  static const std::regex kName("[A-Za-z0-9][A-Za-z0-9._-]{0,89}");
  return std::regex_match(name, kName) && article_format(name) != ArticleFormat::none && name != "alternates.tsv" &&
         name.find("..") == std::string::npos;
}

std::string knowledge_dir(const SharedState& state) {
  const std::string& dir = state.reloader->options().knowledge_dir;
  return dir.empty() ? default_knowledge_dir() : dir;
}

// Parses an upload as load_knowledge would; the problems carry line numbers.
Result<Article> check_article(const std::string& file, const std::string& text) {
  if (!utf8::valid(text)) return make_error("bad_request", file + ":1: the file is not UTF-8 text");
  std::string name = fs::path(file).stem().string();
  Result<Article> a = parse_article_file(text, name, article_format(file));
  if (!a) return make_error("bad_request", file + a.error().message.substr(std::min(name.size(), a.error().message.size())));
  if (a->units.empty()) return make_error("bad_request", file + ":1: no passages found");
  return a;
}

json counts_json(const ActivityCounts& c) {
  return {{"questions", c.questions},   {"answered", c.answered},       {"fell_back", c.fell_back},
          {"small_talk", c.small_talk}, {"thumbs_up", c.thumbs_up},     {"thumbs_down", c.thumbs_down},
          {"p50_ms", c.percentile_ms(0.5)}, {"p99_ms", c.percentile_ms(0.99)}};
}

json rows_json(const std::vector<ActivityRow>& rows, ActivityCounts* total) {
  json out = json::array();
  for (const auto& r : rows) {
    json j = counts_json(r.counts);
    j["start"] = iso_time(r.start_ms);
    out.push_back(std::move(j));
    if (total) total->add(r.counts);
  }
  return out;
}

json explanation_json(const Explanation& x, const Answer& a) {
  json tokens = json::array(), terms = json::array(), candidates = json::array(), corrections = json::array();
  for (const auto& t : x.tokens) tokens.push_back({{"surface", t.surface}, {"stem", t.stem}, {"stop", t.stop}});
  for (const auto& t : x.terms)
    terms.push_back({{"surface", t.surface}, {"stem", t.stem}, {"synonyms", t.synonyms}, {"weight", t.weight},
                     {"generic", t.generic}, {"context", t.context}, {"known", t.known}});
  for (const auto& c : x.corrections) corrections.push_back({{"from", c.from}, {"to", c.to}});
  for (const auto& c : x.candidates) {
    json features = json::object();
    for (const auto& [name, value] : c.features) features[name] = value;
    candidates.push_back({{"article", c.article}, {"order", c.order}, {"section", c.section}, {"kind", c.kind},
                          {"passage", std::string(utf8::cut(c.text, kPassagePreview))}, {"bm25", c.bm25},
                          {"score", c.score}, {"features", features}});
  }
  return {{"tokens", tokens}, {"words", x.words}, {"lang", x.lang}, {"question_type", x.question_type},
          {"smalltalk", x.smalltalk}, {"corrections", corrections}, {"terms", terms}, {"match", x.match},
          {"candidates", candidates}, {"confidence", x.confidence}, {"threshold", x.threshold},
          {"fallback", x.fallback}, {"followup", x.followup}, {"reason", x.reason},
          {"answer", {{"text", a.text}, {"intent", a.intent}, {"fallback", a.fallback},
                      {"confidence", a.confidence}, {"suggestions", a.suggestions}}}};
}

// The wordings of a POST body: {"wordings":["…"]}, each a non-empty string
// within the question limit; the list at most kMaxWordings long.
Result<std::vector<std::string>> wordings_of(const json& body, size_t max_chars) {
  if (!body.contains("wordings") || !body["wordings"].is_array() || body["wordings"].empty() ||
      body["wordings"].size() > kMaxWordings)
    return protocol_error(ErrorCode::bad_request, "\"wordings\" must be a list of 1 to " + std::to_string(kMaxWordings) + " questions");
  std::vector<std::string> out;
  for (const auto& w : body["wordings"]) {
    if (!w.is_string() || trim(w.get_ref<const std::string&>()).empty() ||
        utf8::count(w.get_ref<const std::string&>()) > max_chars || !utf8::valid(w.get_ref<const std::string&>()))
      return protocol_error(ErrorCode::bad_request, "each wording must be a non-empty question of at most " +
                                           std::to_string(max_chars) + " characters");
    out.push_back(std::string(trim(w.get_ref<const std::string&>())));
  }
  return out;
}

class AdminRequest {
 public:
  AdminRequest(const std::shared_ptr<SharedState>& state, const HttpRequest& req, uint64_t conn, Later later)
      : state_(state), req_(req), conn_(conn), later_(std::move(later)),
        version_(req.version()), keep_alive_(req.keep_alive() && !state->stopping), path_(path_of(req.target())) {}

  std::optional<HttpResponse> run();

 private:
  HttpResponse ok(const json& j) {
    state_->metrics.request(Route::admin, 200);
    return json_response(version_, keep_alive_, 200, dump(j));
  }
  HttpResponse fail(ErrorCode code, const std::string& message, json extra = json::object()) {
    state_->metrics.request(Route::admin, http_status(code));
    state_->metrics.error(code);
    json j = json::parse(error_json(nullptr, {code, message}));
    for (auto& [k, v] : extra.items()) j[k] = v;
    return json_response(version_, keep_alive_, http_status(code), dump(j));
  }
  HttpResponse fail(const Error& e) { return fail(to_protocol_error(e).code, e.message); }
  // The JSON body of a POST: an object, sent as application/json.
  Result<json> json_body() {
    if (!json_content(req_)) return protocol_error(ErrorCode::unsupported, "Content-Type must be application/json");
    json j = json::parse(req_.body(), nullptr, false);
    if (j.is_discarded()) return not_json("body", req_.body());
    if (!j.is_object()) return protocol_error(ErrorCode::bad_request, "the body must be a JSON object");
    return j;
  }

  HttpResponse page();
  HttpResponse stats();
  HttpResponse unanswered();
  HttpResponse accept();
  HttpResponse dismiss();
  HttpResponse feedback();
  HttpResponse explain();
  HttpResponse knowledge();
  std::optional<HttpResponse> upload(const std::string& file);
  std::optional<HttpResponse> remove(const std::string& file);
  // Reloads off the I/O threads, then on every replica; `done` is merged into the reply.
  void reload(json done);

  std::shared_ptr<SharedState> state_;
  const HttpRequest& req_;
  uint64_t conn_;
  Later later_;
  unsigned version_;
  bool keep_alive_;
  std::string path_;
};

std::optional<HttpResponse> AdminRequest::run() {
  // No token configured: neither the page nor the API exists.
  if (!state_->admin.enabled()) {
    state_->metrics.request(Route::not_found, 404);
    return json_response(version_, keep_alive_, 404, error_json(nullptr, {ErrorCode::not_found, "no such path"}));
  }
  const auto method = req_.method();
  if (path_ == "/admin" || path_ == "/admin/") {
    if (method != http::verb::get && method != http::verb::head) return fail(ErrorCode::not_found, "the console takes GET");
    return page();
  }
  if (!state_->admin.authorized(req_[http::field::authorization])) {
    state_->metrics.request(Route::admin, 401);
    state_->metrics.error(ErrorCode::unauthorized);
    spdlog::warn("conn={} admin: refused {} (missing or wrong token)", conn_, log_safe(path_));
    HttpResponse res = json_response(version_, keep_alive_, 401,
                                     error_json(nullptr, {ErrorCode::unauthorized, "a valid bearer token is required"}));
    res.set(http::field::www_authenticate, "Bearer");
    return res;
  }
  const bool get = method == http::verb::get, post = method == http::verb::post;
  if (path_ == "/admin/stats" && get) return stats();
  if (path_ == "/admin/unanswered" && get) return unanswered();
  if (path_ == "/admin/unanswered/accept" && post) return accept();
  if (path_ == "/admin/unanswered/dismiss" && post) return dismiss();
  if (path_ == "/admin/feedback" && get) return feedback();
  if (path_ == "/admin/explain" && post) return explain();
  if (path_ == "/admin/knowledge" && get) return knowledge();
  if (path_.rfind(kKnowledgePrefix, 0) == 0) {
    std::string file = path_.substr(std::char_traits<char>::length(kKnowledgePrefix));
    if (method == http::verb::put) return upload(file);
    if (method == http::verb::delete_) return remove(file);
  }
  if (path_ == "/admin/reload" && post) {
    spdlog::info("conn={} admin: reload", conn_);
    reload(json::object());
    return std::nullopt;
  }
  return fail(ErrorCode::not_found, "no such admin request: see web/PROTOCOL.md, \"Admin\"");
}

HttpResponse AdminRequest::page() {
  const StaticFile* f = state_->files.find("/admin.html");
  if (!f) return fail(ErrorCode::not_found, "the console page is missing from the static files");
  state_->metrics.request(Route::admin, 200);
  HttpResponse res{http::status::ok, version_};
  res.set(http::field::server, "tanya");
  res.set(http::field::content_type, f->content_type);
  res.set(http::field::cache_control, "no-store");
  // The page talks only to its own origin and is never framed.
  res.set("Content-Security-Policy",
          "default-src 'self'; script-src 'self' 'unsafe-inline'; style-src 'self' 'unsafe-inline'; "
          "img-src 'self' data:; connect-src 'self'; frame-ancestors 'none'");
  res.set("X-Content-Type-Options", "nosniff");
  res.set("Referrer-Policy", "no-referrer");
  set_file_body(res, f->body, req_.method(), keep_alive_);
  return res;
}

HttpResponse AdminRequest::stats() {
  EventLog* log = state_->events.get();
  ActivityReport report;
  const int64_t now = now_ms();
  if (log) {
    log->flush();  // the counts of the last second too
    auto r = EventLog::read_activity(log->path(), now);
    if (!r) return fail(ErrorCode::internal, "cannot read the activity rows: " + r.error().message);
    report = std::move(*r);
  } else {
    report.hours = fill_periods({}, kHourMs, kActivityHours, now);
    report.days = fill_periods({}, kDayMs, kActivityDays, now);
  }
  ActivityCounts day, month;
  json hours = rows_json(report.hours, &day), days = rows_json(report.days, &month);
  return ok({{"event_log", log != nullptr}, {"now", iso_time(now)}, {"hours", hours}, {"days", days},
             {"last_day", counts_json(day)}, {"last_month", counts_json(month)}});
}

HttpResponse AdminRequest::unanswered() {
  json groups = json::array();
  if (EventLog* log = state_->events.get()) {
    log->flush();
    auto events = review_events(log->path(), knowledge_dir(*state_), kEventsRead);
    if (!events) return fail(ErrorCode::internal, "cannot read the event log: " + events.error().message);
    for (const auto& g : group_unanswered(*events, *state_->engine())) {
      json suggestions = json::array();
      for (const auto& s : g.suggestions)
        suggestions.push_back({{"article", s.article}, {"order", s.order}, {"section", s.section}, {"passage", s.passage}});
      groups.push_back({{"question", g.question}, {"count", g.count}, {"last_seen", iso_time(g.last_ms)},
                        {"wordings", g.wordings},
                        {"closest", {{"article", g.article}, {"order", g.order}, {"passage", g.passage}}},
                        {"suggestions", suggestions}});
    }
  }
  return ok({{"groups", groups}});
}

HttpResponse AdminRequest::accept() {
  auto body = json_body();
  if (!body) return fail(body.error());
  auto wordings = wordings_of(*body, state_->limits.max_question_chars);
  if (!wordings) return fail(wordings.error());
  const json& j = *body;
  if (!j.contains("article") || !j["article"].is_string() || !j.contains("order") || !j["order"].is_number_integer())
    return fail(ErrorCode::bad_request, "\"article\" (a name) and \"order\" (a passage number) are required");
  std::vector<AlternateRow> rows;
  for (size_t i = 0; i < wordings->size(); ++i)
    rows.push_back({(*wordings)[i], j["article"].get<std::string>(), j["order"].get<int>(), "", static_cast<int>(i + 1)});
  const std::string dir = knowledge_dir(*state_);
  auto r = accept_wordings(rows, dir);
  if (!r) return fail(r.error().code == "bad_request" ? ErrorCode::bad_request : ErrorCode::internal, r.error().message);
  spdlog::info("conn={} admin: accepted {} wording(s) as alternates of {} #{} ({} already there); first: \"{}\"",
               conn_, r->added, log_safe(rows[0].article), rows[0].order, r->skipped, log_safe(rows[0].question));
  return ok({{"added", r->added}, {"skipped", r->skipped}, {"file", dir + "/alternates.tsv"},
             {"reload_needed", r->added > 0}});
}

HttpResponse AdminRequest::dismiss() {
  auto body = json_body();
  if (!body) return fail(body.error());
  auto wordings = wordings_of(*body, state_->limits.max_question_chars);
  if (!wordings) return fail(wordings.error());
  EventLog* log = state_->events.get();
  if (!log) return fail(ErrorCode::unavailable, "there is no event log (--events-db)");
  for (const auto& w : *wordings) {
    Event e;
    e.channel = "admin";
    e.kind = "out_of_scope";
    e.question = w;
    log->record(std::move(e));
  }
  log->flush();
  spdlog::info("conn={} admin: marked {} wording(s) out of scope; first: \"{}\"", conn_, wordings->size(),
               log_safe((*wordings)[0]));
  return ok({{"dismissed", wordings->size()}});
}

HttpResponse AdminRequest::feedback() {
  json votes = json::array(), down = json::array();
  int useful = 0, not_useful = 0;
  if (EventLog* log = state_->events.get()) {
    log->flush();
    auto events = EventLog::read(log->path(), "feedback", kFeedbackRead);
    if (!events) return fail(ErrorCode::internal, "cannot read the event log: " + events.error().message);
    for (const auto& e : *events) {
      (e.useful == 1 ? useful : not_useful)++;
      votes.push_back({{"time", iso_time(e.time_ms)}, {"channel", e.channel}, {"id", e.ref},
                       {"useful", e.useful == 1}, {"question", e.question}, {"answer", e.answer},
                       {"confidence", e.confidence}});
    }
    for (const auto& v : voted_down(*events, *state_->engine()))
      down.push_back({{"time", iso_time(v.time_ms)}, {"channel", v.channel}, {"question", v.question},
                      {"answer", v.answer}, {"confidence", v.confidence},
                      {"passage", {{"article", v.article}, {"order", v.order}, {"section", v.section},
                                   {"text", v.passage}}}});
  }
  return ok({{"useful", useful}, {"not_useful", not_useful}, {"feedback", votes}, {"voted_down", down}});
}

HttpResponse AdminRequest::explain() {
  auto body = json_body();
  if (!body) return fail(body.error());
  const json& j = *body;
  const size_t max_chars = state_->limits.max_question_chars;
  if (!j.contains("question") || !j["question"].is_string() || trim(j["question"].get_ref<const std::string&>()).empty())
    return fail(ErrorCode::bad_request, "\"question\" must be a non-empty string");
  const std::string& q = j["question"].get_ref<const std::string&>();
  if (utf8::count(q) > max_chars) return fail(ErrorCode::too_large, "question over " + std::to_string(max_chars) + " characters");
  std::string page;  // optional: explained as asked on that article's page
  if (j.contains("article")) {
    if (!j["article"].is_string()) return fail(ErrorCode::bad_request, "\"article\" must be a string");
    page = j["article"].get<std::string>();
  }
  Explanation why;
  auto engine = state_->engine();
  auto a = engine->answer_on_page(q, page, nullptr, default_policy(), &why);
  if (!a) return fail(ErrorCode::internal, "the answer could not be computed");
  return ok(explanation_json(why, *a));
}

HttpResponse AdminRequest::knowledge() {
  auto engine = state_->engine();
  struct Counts {
    int passages = 0, faq = 0, table_rows = 0;
    std::string title;
  };
  std::map<std::string, Counts> by_article;
  for (const auto& u : engine->index().units) {
    Counts& c = by_article[u.article];
    c.title = u.article_title;
    if (u.kind == UnitKind::faq) c.faq++;
    else if (u.kind == UnitKind::table_row) c.table_rows++;
    else c.passages++;
  }
  const std::string dir = knowledge_dir(*state_);
  json articles = json::array();
  std::error_code ec;
  std::vector<fs::path> files;
  for (const auto& entry : fs::directory_iterator(dir, ec))
    if (entry.is_regular_file() && valid_article_file(entry.path().filename().string())) files.push_back(entry.path());
  if (ec) return fail(ErrorCode::internal, "cannot list " + dir + ": " + ec.message());
  std::sort(files.begin(), files.end());
  for (const auto& f : files) {
    std::string name = f.stem().string();
    const ArticleFormat format = article_format(f.filename().string());
    auto it = by_article.find(name);
    json a = {{"file", f.filename().string()}, {"name", name},
              {"format", format == ArticleFormat::markdown ? "markdown"
                         : format == ArticleFormat::qna_tsv ? "qna_tsv"
                         : format == ArticleFormat::html    ? "html"
                                                            : "text"},
              {"bytes", fs::file_size(f, ec)}, {"indexed", it != by_article.end()}};
    if (it != by_article.end())
      a.update({{"title", it->second.title}, {"passages", it->second.passages}, {"faq", it->second.faq},
                {"table_rows", it->second.table_rows}});
    articles.push_back(std::move(a));
  }
  return ok({{"dir", dir}, {"articles", articles}, {"units", engine->index().units.size()},
             {"max_upload", kMaxUpload}});
}

std::optional<HttpResponse> AdminRequest::upload(const std::string& file) {
  if (!valid_article_file(file))
    return fail(ErrorCode::bad_request, "the file name must be letters, digits, '.', '_' or '-' ending in .txt, .md, .markdown, .tsv or .html "
                               "(not alternates.tsv)");
  if (req_.body().size() > kMaxUpload)
    return fail(ErrorCode::too_large, "an article may be at most " + std::to_string(kMaxUpload) + " bytes");
  auto article = check_article(file, req_.body());
  if (!article) return fail(ErrorCode::bad_request, "the article was not changed: " + article.error().message,
                            {{"problems", json::array({article.error().message})}});
  const std::string dir = knowledge_dir(*state_);
  std::error_code ec;
  const std::string path = dir + "/" + file;
  // Another format of the same name would be a second article with the same name.
  const std::string stem = fs::path(file).stem().string();
  for (const auto& entry : fs::directory_iterator(dir, ec)) {
    const std::string other = entry.path().filename().string();
    if (other != file && entry.path().stem().string() == stem && valid_article_file(other))
      return fail(ErrorCode::bad_request, other + " already holds an article of that name; "
                              "delete it first or upload under its name");
  }
  bool existed = fs::exists(path, ec);
  auto written = write_file_atomic(path, req_.body());
  if (!written) return fail(ErrorCode::internal, written.error().message);
  int faq = 0, rows = 0;
  for (const auto& u : article->units) {
    faq += u.kind == UnitKind::faq;
    rows += u.kind == UnitKind::table_row;
  }
  spdlog::info("conn={} admin: {} {} ({} bytes: {} units, {} FAQ, {} table rows)", conn_,
               existed ? "replaced" : "added", log_safe(path), req_.body().size(), article->units.size(), faq, rows);
  reload({{"written", file}, {"replaced", existed}, {"title", article->title}, {"article_units", article->units.size()}});
  return std::nullopt;
}

std::optional<HttpResponse> AdminRequest::remove(const std::string& file) {
  if (!valid_article_file(file)) return fail(ErrorCode::bad_request, "not an article file name");
  const std::string dir = knowledge_dir(*state_);
  const std::string path = dir + "/" + file;
  std::error_code ec;
  if (!fs::is_regular_file(path, ec)) return fail(ErrorCode::not_found, "no article " + file + " in the knowledge directory");
  int others = 0;
  for (const auto& entry : fs::directory_iterator(dir, ec))
    others += entry.is_regular_file() && entry.path() != fs::path(path) &&
              valid_article_file(entry.path().filename().string());
  if (others == 0) return fail(ErrorCode::bad_request, "the last article cannot be deleted: tanya needs one to answer from");
  if (!fs::remove(path, ec) || ec) return fail(ErrorCode::internal, "cannot delete " + path + ": " + ec.message());
  spdlog::info("conn={} admin: deleted {}", conn_, log_safe(path));
  reload({{"deleted", file}});
  return std::nullopt;
}

void AdminRequest::reload(json done) {
  // The build may take seconds on a large knowledge: on the reload thread,
  // coalesced with other reloads (reloader.hpp); answered through `later`.
  state_->reloader->request("admin", [state = state_, later = later_, conn = conn_, version = version_,
                                      keep_alive = keep_alive_, done = std::move(done)](const Result<ReloadReport>& r) {
    HttpResponse res;
    // The reload thread logs each build once (reloader.cpp), whatever asked for it.
    if (r) {
      if (!r->problems.empty()) spdlog::warn("conn={} reload problems: {}", conn, log_safe(r->problems.front()));
      json j = {{"status", "reloaded"}, {"units", r->units}, {"index", r->db_path},
                {"built", r->built},    {"problems", r->problems}, {"millis", r->millis}};
      j.update(done);
      // Replicas sharing a Redis: the others reload too (reload_channel.hpp).
      if (ReloadChannel* channel = state->reload_channel.get()) {
        auto n = channel->publish();
        if (n) j["replicas"] = *n;
        else j["replicas_error"] = n.error().message;
      }
      res = json_response(version, keep_alive, 200, dump(j));
      state->metrics.request(Route::admin, 200);
    } else {
      json j = json::parse(error_json(nullptr, {ErrorCode::internal, "reload failed, the old index stays: " + r.error().message}));
      j.update(done);
      res = json_response(version, keep_alive, 500, dump(j));
      state->metrics.request(Route::admin, 500);
    }
    later(std::move(res));
  });
}

}  // namespace

size_t admin_body_limit(const SharedState& state, const HttpRequest& header) {
  if (header.method() != http::verb::put || !state.admin.enabled()) return 0;
  if (path_of(header.target()).rfind(kKnowledgePrefix, 0) != 0) return 0;
  if (!state.admin.authorized(header[http::field::authorization])) return 0;
  return kMaxUpload;
}

std::optional<HttpResponse> handle_admin(const std::shared_ptr<SharedState>& state, const HttpRequest& req,
                                         uint64_t conn, Later later) {
  return AdminRequest(state, req, conn, std::move(later)).run();
}

}  // namespace tanya

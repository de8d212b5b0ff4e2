#include "index/fts5_tokenizer.hpp"

#include <sqlite3.h>

#include <new>
#include <string>

namespace {

struct TokenizerInstance {
  std::shared_ptr<const tanya::Analyzer> analyzer;
};

}  // namespace

// The callbacks have C linkage because SQLite, a C library, calls them.
extern "C" {

/*
** xCreate: one instance per FTS5 table per connection. Arguments are not used.
*/
static int tanya_tok_create(void* user, const char** /*argv*/, int /*argc*/, Fts5Tokenizer** out) {
  *out = nullptr;
  try {
    auto* holder = static_cast<std::shared_ptr<const tanya::Analyzer>*>(user);
    auto* inst = new TokenizerInstance{*holder};
    *out = reinterpret_cast<Fts5Tokenizer*>(inst);
    return SQLITE_OK;
  } catch (const std::bad_alloc&) {
    return SQLITE_NOMEM;
  } catch (...) {
    return SQLITE_ERROR;
  }
}

/*
** xDelete: runs once for each successful xCreate.
*/
static void tanya_tok_delete(Fts5Tokenizer* tok) { delete reinterpret_cast<TokenizerInstance*>(tok); }

/*
** xTokenize: analyses the text and hands each indexed term to FTS5, with the
** byte offsets of the word it came from. A non-OK return from xToken stops it.
*/
static int tanya_tok_tokenize(Fts5Tokenizer* tok, void* ctx, int /*flags*/, const char* text, int n,
                                  int (*x_token)(void*, int, const char*, int, int, int)) {
  try {
    auto* inst = reinterpret_cast<TokenizerInstance*>(tok);
    if (!text || n <= 0) return SQLITE_OK;
    auto tokens = inst->analyzer->analyze(std::string_view(text, static_cast<size_t>(n)));
    for (const auto& t : tokens) {
      if (t.stop) continue;
      int rc = x_token(ctx, 0, t.term.data(), static_cast<int>(t.term.size()), static_cast<int>(t.start),
                       static_cast<int>(t.end));
      if (rc != SQLITE_OK) return rc;
    }
    return SQLITE_OK;
  } catch (const std::bad_alloc&) {
    return SQLITE_NOMEM;
  } catch (...) {
    return SQLITE_ERROR;
  }
}

static void tanya_tok_destroy(void* user) { delete static_cast<std::shared_ptr<const tanya::Analyzer>*>(user); }

}  // extern "C"

namespace tanya {

Status register_tokenizer(sqlite3* db, std::shared_ptr<const Analyzer> analyzer) {
  fts5_api* api = nullptr;
  sqlite3_stmt* stmt = nullptr;
  if (sqlite3_prepare_v2(db, "SELECT fts5(?1)", -1, &stmt, nullptr) != SQLITE_OK)
    return make_error("sqlite", std::string("FTS5 is not available: ") + sqlite3_errmsg(db));
  sqlite3_bind_pointer(stmt, 1, &api, "fts5_api_ptr", nullptr);
  sqlite3_step(stmt);
  sqlite3_finalize(stmt);
  if (!api || api->iVersion < 2) return make_error("sqlite", "FTS5 API version 2 or later is required");

  fts5_tokenizer callbacks{tanya_tok_create, tanya_tok_delete, tanya_tok_tokenize};
  auto* holder = new std::shared_ptr<const Analyzer>(std::move(analyzer));
  int rc = api->xCreateTokenizer(api, kTokenizerName, holder, &callbacks, tanya_tok_destroy);
  if (rc != SQLITE_OK) {
    delete holder;
    return make_error("sqlite", "cannot register the FTS5 tokenizer");
  }
  return Ok{};
}

}  // namespace tanya

#pragma once
// The off-the-shelf comparison for `tanya eval --baseline`: plain FTS5 BM25 with
// the unicode61 tokenizer over the same units, queried with an OR of the
// question's words. In memory; not thread-safe; owns its connection.
#include <memory>
#include <string>
#include <vector>

#include "index/index_store.hpp"

namespace tanya {

class BaselineIndex {
 public:
  static Result<std::unique_ptr<BaselineIndex>> create(const IndexData& index);
  Result<std::vector<Hit>> search(const std::string& question, int limit);

 private:
  BaselineIndex() = default;
  SqliteDb db_;
  SqliteStmt stmt_;
};

}  // namespace tanya

#pragma once
// The widget and demo page, read into memory once at start. Only files found
// there can be served, so no request path can reach anything else (no
// traversal, no directory listing). Immutable after load: thread-safe.
#include <map>
#include <string>
#include <string_view>

#include "knowledge/base/result.hpp"

namespace tanya {

struct StaticFile {
  std::string body;
  std::string content_type;
  std::string etag;
};

class StaticFiles {
 public:
  // Reads the regular files directly in `dir` (no subfolders).
  static Result<StaticFiles> load(const std::string& dir);
  // `target` is the request path without query; "/" means /index.html.
  const StaticFile* find(const std::string& target) const;

 private:
  std::map<std::string, StaticFile> files_;  // "/name" → file
};

std::string content_type_for(const std::string& name);
// A strong ETag for a body: its FNV-1a hash, quoted.
std::string etag_for(std::string_view body);

}  // namespace tanya

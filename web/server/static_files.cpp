#include "web/server/static_files.hpp"

#include <cstdio>
#include <filesystem>

#include "knowledge/knowledge_dir.hpp"

namespace fs = std::filesystem;

namespace tanya {

std::string content_type_for(const std::string& name) {
  auto ext = fs::path(name).extension().string();
  if (ext == ".html") return "text/html; charset=utf-8";
  if (ext == ".js") return "text/javascript; charset=utf-8";
  if (ext == ".css") return "text/css; charset=utf-8";
  if (ext == ".json") return "application/json";
  if (ext == ".svg") return "image/svg+xml";
  if (ext == ".png") return "image/png";
  if (ext == ".ico") return "image/x-icon";
  if (ext == ".txt" || ext == ".md") return "text/plain; charset=utf-8";
  return "application/octet-stream";
}

std::string etag_for(std::string_view body) {
  char etag[24];
  std::snprintf(etag, sizeof etag, "\"%016llx\"", static_cast<unsigned long long>(fnv1a(body.data(), body.size())));
  return etag;
}

Result<StaticFiles> StaticFiles::load(const std::string& dir) {
  StaticFiles s;
  std::error_code ec;
  for (const auto& entry : fs::directory_iterator(dir, ec)) {
    if (!entry.is_regular_file()) continue;
    auto body = read_file(entry.path().string());
    if (!body) return body.error();
    std::string name = entry.path().filename().string();
    std::string etag = etag_for(*body);
    s.files_["/" + name] = StaticFile{std::move(*body), content_type_for(name), std::move(etag)};
  }
  if (ec) return make_error("io", "cannot read static files in " + dir + ": " + ec.message());
  return s;
}

const StaticFile* StaticFiles::find(const std::string& target) const {
  auto it = files_.find(target == "/" ? "/index.html" : target);
  return it == files_.end() ? nullptr : &it->second;
}

}  // namespace tanya

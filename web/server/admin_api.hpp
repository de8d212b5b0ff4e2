#pragma once
// The site owner's console: GET /admin (the page, web/static/admin.html) and
// the admin API under /admin/ (web/PROTOCOL.md, "Admin"). Every API path needs
// `Authorization: Bearer TOKEN` (401 without); with no --admin-token all of
// /admin is 404. Runs on the worker pool, never on a connection's strand: it
// reads the event log and runs the engine. A reload, and an upload or delete
// with the reload after it, is built on the reload thread (reloader.hpp) and
// answered through `later`, which posts onto the connection's strand.
#include <cstddef>
#include <functional>
#include <memory>
#include <optional>

#include "web/server/http_reply.hpp"
#include "web/server/shared_state.hpp"

namespace tanya {

// The largest article an owner may upload (PUT /admin/knowledge/NAME). Only a
// request whose header already carries the token gets it: everyone else keeps
// the server's --max-body. 1 MiB: the longest development article is 40 KB.
inline constexpr size_t kMaxUpload = 1 << 20;

// The body limit for a request whose header has been read: kMaxUpload for an
// authorised upload, 0 for anything else (keep the server's).
size_t admin_body_limit(const SharedState& state, const HttpRequest& header_only);

using Later = std::function<void(HttpResponse)>;

// Answers GET /admin and /admin/…; nullopt when the answer comes through `later`.
std::optional<HttpResponse> handle_admin(const std::shared_ptr<SharedState>& state, const HttpRequest& req,
                                         uint64_t conn, Later later);

}  // namespace tanya

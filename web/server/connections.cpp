#include "web/server/connections.hpp"

namespace tanya {

bool Connections::try_open() {
  if (open_.fetch_add(1) >= max_) {
    open_.fetch_sub(1);
    return false;
  }
  return true;
}

void Connections::join(websocket_connection* s, std::weak_ptr<websocket_connection> w) {
  std::lock_guard<std::mutex> lock(sessions_mu_);
  sessions_.emplace(s, std::move(w));
}

void Connections::leave(websocket_connection* s) {
  std::lock_guard<std::mutex> lock(sessions_mu_);
  sessions_.erase(s);
}

std::vector<std::weak_ptr<websocket_connection>> Connections::sessions() const {
  std::lock_guard<std::mutex> lock(sessions_mu_);
  std::vector<std::weak_ptr<websocket_connection>> out;
  out.reserve(sessions_.size());
  for (const auto& [p, w] : sessions_) out.push_back(w);
  return out;
}

size_t Connections::session_count() const {
  std::lock_guard<std::mutex> lock(sessions_mu_);
  return sessions_.size();
}

}  // namespace tanya

#include "http/connections.h"

#include <sys/resource.h>

#include <algorithm>
#include <boost/asio/post.hpp>

namespace anju::http {

long Connections::opened(const std::shared_ptr<Stream>& stream) {
  std::lock_guard lock(mutex_);
  const long id = ++next_id_;
  entries_[id] = Entry{stream, false, 0};
  return id;
}

void Connections::idle(long id, bool waiting) {
  std::lock_guard lock(mutex_);
  auto it = entries_.find(id);
  if (it == entries_.end()) return;
  it->second.idle = waiting;
  if (waiting) it->second.idle_since = ++clock_;
}

void Connections::closed(long id) {
  std::lock_guard lock(mutex_);
  entries_.erase(id);
}

std::size_t Connections::count() const {
  std::lock_guard lock(mutex_);
  return entries_.size();
}

bool Connections::close_idle() {
  std::weak_ptr<Stream> victim;
  {
    std::lock_guard lock(mutex_);
    Entry* oldest = nullptr;
    for (auto& [id, e] : entries_)
      if (e.idle && (!oldest || e.idle_since < oldest->idle_since)) oldest = &e;
    if (!oldest) return false;
    oldest->idle = false;  // closed once
    victim = oldest->stream;
  }
  auto stream = victim.lock();
  if (!stream) return false;
  // On the connection's strand, where its session's operations run: the
  // pending read ends, and the session with it.
  boost::asio::post(stream->get_executor(), [victim] {
    if (auto s = victim.lock()) {
      boost::beast::error_code ec;
      s->socket().shutdown(boost::asio::ip::tcp::socket::shutdown_both, ec);
      s->socket().close(ec);
    }
  });
  return true;
}

std::size_t default_connection_limit() {
  rlimit limit{};
  if (getrlimit(RLIMIT_NOFILE, &limit) != 0 || limit.rlim_cur == RLIM_INFINITY) return 10000;
  const long reserve = 64;
  const long usable = static_cast<long>(limit.rlim_cur) - reserve;
  return static_cast<std::size_t>(std::clamp(usable, 16L, 10000L));
}

}  // namespace anju::http

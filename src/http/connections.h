#pragma once
// The server's open connections: how many there are, and which are idle
// (waiting for their next request), so that a server short of connections
// or of file descriptors closes an idle keep-alive connection first rather
// than refusing new clients (or, worse, ceasing to accept).

#include <boost/beast/core/tcp_stream.hpp>

#include <cstddef>
#include <map>
#include <memory>
#include <mutex>

namespace anju::http {

class Connections {
 public:
  using Stream = boost::beast::tcp_stream;

  explicit Connections(std::size_t limit) : limit_(limit) {}

  // Registers a connection; its id is given back to idle() and closed().
  // The stream's executor must be a strand: close_idle() closes it there.
  long opened(const std::shared_ptr<Stream>& stream);
  // Whether the connection waits for its next request.
  void idle(long id, bool waiting);
  // The session ended.
  void closed(long id);

  std::size_t count() const;
  std::size_t limit() const { return limit_; }
  bool full() const { return count() >= limit_; }

  // Closes the connection idle longest (on its own executor); false when
  // none is idle.
  bool close_idle();

 private:
  struct Entry {
    std::weak_ptr<Stream> stream;
    bool idle = false;
    long idle_since = 0;  // a sequence number: smaller is longer ago
  };
  mutable std::mutex mutex_;
  std::map<long, Entry> entries_;
  long next_id_ = 0;
  long clock_ = 0;
  std::size_t limit_;
};

// How many connections a server may hold when not told: what the process's
// file descriptor limit leaves after a reserve for the store, uploads and
// logs, at most 10,000.
std::size_t default_connection_limit();

}  // namespace anju::http

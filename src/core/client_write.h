#pragma once
// A write a client may send more than once (DESIGN.md §3.2, docs/api.md
// "Idempotency-Key"): a phone that recorded a visit offline sends it when
// the signal returns, and sends it again when the answer was lost. The
// client names each write with a key of its own; the server keeps the key
// with a fingerprint of what was sent and, once answered, the answer.

#include <optional>
#include <string>

namespace anju {

struct ClientWrite {
  std::string user;         // who sent it (keys are the user's own)
  std::string key;          // the client's Idempotency-Key
  std::string fingerprint;  // of the method, path and body
  std::string created_at;
  std::optional<int> status;  // the answer, once the server kept it
  std::string answer;
};

// What a keyed write carries into its use case: the key to claim in the
// write's own transaction. An empty key: the client sent none.
struct OnceKey {
  std::string key;
  std::string fingerprint;
  bool empty() const { return key.empty(); }
};

// A client's key: 1–100 letters, digits or "-_.:".
inline bool valid_client_key(const std::string& key) {
  if (key.empty() || key.size() > 100) return false;
  for (const char ch : key) {
    const bool word = (ch >= '0' && ch <= '9') || (ch >= 'a' && ch <= 'z') || (ch >= 'A' && ch <= 'Z');
    if (!word && ch != '-' && ch != '_' && ch != '.' && ch != ':') return false;
  }
  return true;
}

}  // namespace anju

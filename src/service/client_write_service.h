#pragma once
// Writes a client may send more than once (core/client_write.h): the field
// worker's phone names each visit, appraisal and photo with a key of its
// own, so that a retry after a lost answer gets the first answer back and
// never makes a second row.
//
// The key is claimed inside the write's own transaction (claim_client_key):
// the write and the key are kept together or not at all. The answer is
// kept just after (keep_client_answer); a retry that finds the key without
// an answer (the server stopped in between) knows the write was done.

#include <string>

#include "core/client_write.h"
#include "core/clock.h"
#include "core/result.h"
#include "core/user.h"
#include "store/store.h"

namespace anju {

// How long a key is kept: longer than a phone stays out of signal.
inline constexpr long kClientKeyDays = 90;

enum class KeySeen {
  fresh,       // never seen: do the write
  answered,    // done; `write` holds the answer to send again
  unanswered,  // done, but the server stopped before keeping the answer
  other_body,  // the key was used for a different request (422)
};
struct KeyLookup {
  KeySeen seen = KeySeen::fresh;
  ClientWrite write;
};
// What the server has of the user's key, before the write.
Result<KeyLookup> look_up_client_key(Store& store, const User& user, const OnceKey& key);

// In the write's transaction: claims the key (nothing when it is empty).
// `conflict` when another request with it came first.
Result<void> claim_client_key(ClientWriteRepo& repo, const User& user, const OnceKey& key, const Clock& clock);

// After the write: keeps its answer for the retries, and forgets the keys
// older than kClientKeyDays.
Result<void> keep_client_answer(Store& store, const User& user, const OnceKey& key, int status,
                                const std::string& answer, const Clock& clock);

}  // namespace anju

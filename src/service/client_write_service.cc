#include "service/client_write_service.h"

#include "core/date.h"
#include "service/retry.h"

namespace anju {

Result<KeyLookup> look_up_client_key(Store& store, const User& user, const OnceKey& key) {
  auto tx = store.begin(TxMode::read);
  if (!tx) return tx.error();
  auto found = (*tx)->client_writes().find_client_write(user.name, key.key);
  if (!found) return found.error();
  if (!*found) return KeyLookup{};
  KeyLookup out{KeySeen::answered, std::move(**found)};
  if (out.write.fingerprint != key.fingerprint) out.seen = KeySeen::other_body;
  else if (!out.write.status) out.seen = KeySeen::unanswered;
  return out;
}

Result<void> claim_client_key(ClientWriteRepo& repo, const User& user, const OnceKey& key, const Clock& clock) {
  if (key.empty()) return {};
  auto found = repo.find_client_write(user.name, key.key);
  if (!found) return found.error();
  if (*found) return make_error(ErrorCode::conflict, "这条记录已经提交过（同一个提交编号）");
  return repo.insert_client_write(ClientWrite{user.name, key.key, key.fingerprint, clock.now_iso(), std::nullopt, ""});
}

Result<void> keep_client_answer(Store& store, const User& user, const OnceKey& key, int status,
                                const std::string& answer, const Clock& clock) {
  ANJU_TRY(retry_races([&]() -> Result<void> {
    auto tx = store.begin(TxMode::write);
    if (!tx) return tx.error();
    ANJU_TRY((*tx)->client_writes().answer_client_write(user.name, key.key, status, answer));
    return (*tx)->commit();
  }));
  // Old keys go in a transaction of their own: two servers forgetting the
  // same rows at once must not cost an answer.
  (void)retry_races([&]() -> Result<void> {
    auto tx = store.begin(TxMode::write);
    if (!tx) return tx.error();
    const Date oldest = Date::from_days_since_epoch(clock.today().days_since_epoch() - kClientKeyDays);
    auto forgotten = (*tx)->client_writes().forget_client_writes(oldest.to_string());
    if (!forgotten) return forgotten.error();
    return (*tx)->commit();
  });
  return {};
}

}  // namespace anju

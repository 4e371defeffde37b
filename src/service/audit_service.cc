#include "service/audit_service.h"

#include <openssl/evp.h>

#include <stdexcept>

#include "core/text.h"

namespace anju {
namespace {

constexpr long kChainBatch = 1000;
constexpr int kChainAttempts = 5;

Result<long> chain_once(Store& store) {
  auto begun = store.begin(TxMode::write);
  if (!begun) return begun.error();
  Transaction& tx = **begun;
  auto last = tx.last_chained_audit();
  if (!last) return last.error();
  long seq = *last ? *(*last)->seq : 0;
  std::string prev = *last ? (*last)->hash : "";
  long chained = 0;
  while (true) {
    auto pending = tx.unchained_audit(kChainBatch);
    if (!pending) return pending.error();
    if (pending->empty()) break;
    for (const AuditEntry& e : *pending) {
      std::string hash = sha256_hex(audit_content(e, ++seq, prev));
      ANJU_TRY(tx.chain_audit(e.id, seq, prev, hash));
      prev = std::move(hash);
      ++chained;
    }
  }
  ANJU_TRY(tx.commit());
  return chained;
}

}  // namespace

std::string sha256_hex(const std::string& data) {
  unsigned char digest[EVP_MAX_MD_SIZE];
  unsigned int length = 0;
  if (EVP_Digest(data.data(), data.size(), digest, &length, EVP_sha256(), nullptr) != 1)
    throw std::runtime_error("SHA-256 failed");
  return hex_lower(std::string_view(reinterpret_cast<const char*>(digest), length));
}

Result<void> audit(Transaction& tx, const Clock& clock, const std::string& actor,
                   const std::string& action, const std::string& object_type,
                   const std::string& object_id, const nlohmann::json& detail) {
  AuditEntry e;
  e.at = clock.now_iso();
  e.actor = actor;
  e.action = action;
  e.object_type = object_type;
  e.object_id = object_id;
  e.detail = detail.dump();
  return tx.append_audit(e);
}

Result<void> audit(Store& store, const Clock& clock, const std::string& actor,
                   const std::string& action, const std::string& object_type,
                   const std::string& object_id, const nlohmann::json& detail) {
  auto begun = store.begin(TxMode::write);
  if (!begun) return begun.error();
  ANJU_TRY(audit(**begun, clock, actor, action, object_type, object_id, detail));
  return (*begun)->commit();
}

Result<long> chain_audit_log(Store& store) {
  for (int attempt = 1;; ++attempt) {
    auto chained = chain_once(store);
    if (chained || chained.error().code != ErrorCode::conflict || attempt == kChainAttempts)
      return chained;
  }
}

Result<AuditCheck> verify_audit_log(Store& store) {
  auto begun = store.begin(TxMode::read);
  if (!begun) return begun.error();
  AuditCheck check;
  std::string prev;
  long expected_seq = 0;
  ANJU_TRY((*begun)->for_each_audit([&](AuditEntry&& e) {
    if (!e.seq) {
      ++check.unchained;
      return;
    }
    if (check.broken_id) return;
    ++expected_seq;
    std::string problem;
    if (*e.seq != expected_seq) problem = "链序号不连续（缺少第" + std::to_string(expected_seq) + "条）";
    else if (e.prev_hash != prev) problem = "前一条的哈希值不符（记录被删除或替换）";
    else if (sha256_hex(audit_content(e, *e.seq, e.prev_hash)) != e.hash) problem = "内容与哈希值不符（记录被修改）";
    if (!problem.empty()) {
      check.broken_id = e.id;
      check.broken_seq = expected_seq;
      check.problem = problem;
      return;
    }
    prev = e.hash;
    ++check.chained;
  }));
  return check;
}

}  // namespace anju

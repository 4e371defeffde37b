#include "service/audit_service.h"

#include <openssl/evp.h>

#include <fstream>
#include <memory>
#include <stdexcept>

#include "core/text.h"
#include "service/audit_seal.h"

namespace anju {
namespace {

constexpr long kChainBatch = 1000;
constexpr int kChainAttempts = 5;

// The chain hash of `e` at `seq`: keyed, or SHA-256 for an entry chained
// before there was a key (it has no mac).
std::string chain_hash(const AuditSeal& seal, const AuditEntry& e, long seq, const std::string& prev) {
  const std::string content = audit_content(e, seq, prev);
  return e.mac.empty() ? sha256_hex(content) : seal.mac(content);
}

// The first time a keyed process extends a chain that was begun unkeyed, the
// checkpoint file says how far the unkeyed part goes: entries past it must
// carry a mac.
Result<void> note_legacy_tip(const AuditSeal& seal, const std::optional<AuditEntry>& last) {
  if (!last || !last->mac.empty() || !seal.keeps_checkpoints()) return {};
  auto points = seal.checkpoints();
  if (!points) return points.error();
  if (points->legacy_until || points->newest > 0) return {};
  return seal.record("legacy", *last->seq, last->hash);
}

Result<long> chain_once(Store& store, const AuditSeal& seal) {
  auto begun = store.begin(TxMode::write);
  if (!begun) return begun.error();
  Transaction& tx = **begun;
  auto last = tx.audit().last_chained_audit();
  if (!last) return last.error();
  ANJU_TRY(note_legacy_tip(seal, *last));
  long seq = *last ? *(*last)->seq : 0;
  std::string prev = *last ? (*last)->hash : "";
  long chained = 0;
  while (true) {
    auto pending = tx.audit().unchained_audit(kChainBatch);
    if (!pending) return pending.error();
    if (pending->empty()) break;
    for (const AuditEntry& e : *pending) {
      // An entry without a fitting mac is chained all the same: verify
      // names it.
      std::string hash = chain_hash(seal, e, ++seq, prev);
      ANJU_TRY(tx.audit().chain_audit(e.id, seq, prev, hash));
      prev = std::move(hash);
      ++chained;
    }
  }
  ANJU_TRY(tx.commit());
  if (chained > 0) ANJU_TRY(seal.record("chain", seq, prev));
  return chained;
}

// Walks the chain in seq order, comparing it with the checkpoints.
class ChainCheck {
 public:
  ChainCheck(const AuditSeal& seal, AuditCheckpoints points) : seal_(seal), points_(std::move(points)) {}

  void take(const AuditEntry& e) {
    if (!e.seq) {
      ++check_.unchained;
      if (check_.ok() && !entry_mac_fits(e)) fail(e, 0, "未串接的记录不是由本系统写入（校验码不符，疑为插入）");
      return;
    }
    if (!check_.ok()) return;
    ++expected_seq_;
    std::string problem = problem_of(e);
    if (!problem.empty()) return fail(e, expected_seq_, problem);
    prev_ = e.hash;
    ++check_.chained;
  }

  AuditCheck finish() {
    if (check_.ok() && points_.newest > check_.chained) {
      check_.broken_seq = check_.chained + 1;
      check_.problem = "末尾的记录被删除：检查点记录到第" + std::to_string(points_.newest) + "条，库中只有" +
                       std::to_string(check_.chained) + "条";
    }
    return check_;
  }

  long tip_seq() const { return check_.chained; }
  const std::string& tip_hash() const { return prev_; }

 private:
  bool entry_mac_fits(const AuditEntry& e) const { return e.mac == seal_.mac(audit_entry_content(e)); }

  std::string problem_of(const AuditEntry& e) const {
    if (*e.seq != expected_seq_) return "链序号不连续（缺少第" + std::to_string(expected_seq_) + "条）";
    if (e.prev_hash != prev_) return "前一条的哈希值不符（记录被删除或替换）";
    if (chain_hash(seal_, e, *e.seq, e.prev_hash) != e.hash) return "内容与哈希值不符（记录被修改）";
    const bool legacy = e.mac.empty() && points_.legacy_until && *e.seq <= *points_.legacy_until;
    if (!legacy && !entry_mac_fits(e)) return "不是由本系统写入的记录（校验码不符，疑为插入或伪造）";
    if (auto point = points_.hashes.find(*e.seq); point != points_.hashes.end() && point->second != e.hash)
      return "与检查点记录的哈希值不符（日志被改写后重新串接）";
    return {};
  }

  void fail(const AuditEntry& e, long seq, std::string problem) {
    check_.broken_id = e.id;
    check_.broken_seq = seq;
    check_.problem = std::move(problem);
  }

  const AuditSeal& seal_;
  AuditCheckpoints points_;
  AuditCheck check_;
  long expected_seq_ = 0;
  std::string prev_;
};

}  // namespace

std::string sha256_hex(const std::string& data) {
  unsigned char digest[EVP_MAX_MD_SIZE];
  unsigned int length = 0;
  if (EVP_Digest(data.data(), data.size(), digest, &length, EVP_sha256(), nullptr) != 1)
    throw std::runtime_error("SHA-256 failed");
  return hex_lower(std::string_view(reinterpret_cast<const char*>(digest), length));
}

std::string sha256_file_hex(const std::string& path) {
  std::ifstream in(path, std::ios::binary);
  if (!in) throw std::runtime_error("cannot read " + path);
  std::unique_ptr<EVP_MD_CTX, decltype(&EVP_MD_CTX_free)> ctx(EVP_MD_CTX_new(), EVP_MD_CTX_free);
  if (!ctx || EVP_DigestInit_ex(ctx.get(), EVP_sha256(), nullptr) != 1) throw std::runtime_error("SHA-256 failed");
  char buffer[1 << 16];
  while (in.read(buffer, sizeof buffer) || in.gcount() > 0)
    if (EVP_DigestUpdate(ctx.get(), buffer, static_cast<size_t>(in.gcount())) != 1) throw std::runtime_error("SHA-256 failed");
  if (in.bad()) throw std::runtime_error("cannot read " + path);
  unsigned char digest[EVP_MAX_MD_SIZE];
  unsigned int length = 0;
  if (EVP_DigestFinal_ex(ctx.get(), digest, &length) != 1) throw std::runtime_error("SHA-256 failed");
  return hex_lower(std::string_view(reinterpret_cast<const char*>(digest), length));
}

Result<void> audit(AuditRepo& log, const Clock& clock, const std::string& actor,
                   const std::string& action, const std::string& object_type,
                   const std::string& object_id, const nlohmann::json& detail) {
  AuditEntry e;
  e.at = clock.now_iso();
  e.actor = actor;
  e.action = action;
  e.object_type = object_type;
  e.object_id = object_id;
  e.detail = detail.dump();
  e.mac = audit_seal().mac(audit_entry_content(e));
  return log.append_audit(e);
}

Result<void> audit(Store& store, const Clock& clock, const std::string& actor,
                   const std::string& action, const std::string& object_type,
                   const std::string& object_id, const nlohmann::json& detail) {
  auto begun = store.begin(TxMode::write);
  if (!begun) return begun.error();
  ANJU_TRY(audit((*begun)->audit(), clock, actor, action, object_type, object_id, detail));
  return (*begun)->commit();
}

Result<long> chain_audit_log(Store& store) {
  const AuditSeal& seal = audit_seal();
  for (int attempt = 1;; ++attempt) {
    auto chained = chain_once(store, seal);
    if (chained || chained.error().code != ErrorCode::conflict || attempt == kChainAttempts)
      return chained;
  }
}

Result<AuditCheck> verify_audit_log(Store& store) {
  const AuditSeal& seal = audit_seal();
  auto points = seal.checkpoints();
  if (!points) return points.error();
  auto begun = store.begin(TxMode::read);
  if (!begun) return begun.error();
  ChainCheck walk(seal, std::move(*points));
  ANJU_TRY((*begun)->audit().for_each_audit([&](AuditEntry&& e) { walk.take(e); }));
  AuditCheck check = walk.finish();
  // The log of every verify: a checkpoint when it passed.
  ANJU_TRY(seal.record("verify", walk.tip_seq(), walk.tip_hash(), check.ok() ? "ok" : "broken"));
  return check;
}

Result<void> note_audit_restore(const std::string& file) {
  std::string safe = file;
  for (char& c : safe)
    if (c == ' ' || c == '\n' || c == '\r') c = '_';
  return audit_seal().record("restore", 0, "", safe);
}

}  // namespace anju

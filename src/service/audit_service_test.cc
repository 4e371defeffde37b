#include "service/audit_service.h"

#include <gtest/gtest.h>
#include <sys/stat.h>
#include <unistd.h>

#include <filesystem>
#include <fstream>

#include "service/audit_seal.h"
#include "support/store_fixture.h"

namespace anju {
namespace {
namespace fs = std::filesystem;

const FixedClock kClock("2026-11-28T10:00:00Z", Date{2026, 11, 28});

std::string read_file(const fs::path& p) {
  std::ifstream in(p);
  return std::string(std::istreambuf_iterator<char>(in), {});
}

// The log sealed with a key file of the test's own, as `anju` seals it.
class AuditTest : public testing::StoreTest {
 protected:
  AuditTest() : StoreTest("audit") {}

  void prepare() override {
    dir_ = fs::temp_directory_path() / ("anju_audit_" + std::to_string(::getpid()) + "_" +
                                        ::testing::UnitTest::GetInstance()->current_test_info()->name());
    fs::remove_all(dir_);
    fs::create_directories(dir_);
    auto seal = AuditSeal::open(dir_ / "key");
    ASSERT_TRUE(seal) << seal.error().message;
    use_audit_seal(std::move(*seal));
  }
  void TearDown() override {
    use_audit_seal(AuditSeal::ephemeral());
    fs::remove_all(dir_);
    StoreTest::TearDown();
  }

  // `n` audited writes, each chained after its commit as every service does.
  void write(int n) {
    for (int i = 0; i < n; ++i) {
      ASSERT_TRUE(audit(*store_, kClock, "test", "user.create", "user", "u" + std::to_string(++written_),
                        {{"role", "village_clerk"}}));
      ASSERT_TRUE(chain_audit_log(*store_));
    }
  }
  AuditCheck verify() {
    auto check = verify_audit_log(*store_);
    EXPECT_TRUE(check) << check.error().message;
    return check ? *check : AuditCheck{};
  }
  void exec(const std::string& sql) { ASSERT_EQ(db_->exec(sql), ""); }
  std::vector<AuditEntry> entries() {
    std::vector<AuditEntry> out;
    EXPECT_TRUE(begin(TxMode::read)->audit().for_each_audit([&](AuditEntry&& e) {
      out.push_back(std::move(e));
    }));
    return out;
  }
  // What someone without the key can do: rewrite entry `seq` and chain it
  // and all after it again with plain SHA-256.
  void rewrite_and_rechain(long seq, const std::string& detail, bool drop_mac) {
    std::string prev;
    for (AuditEntry e : entries()) {
      if (*e.seq >= seq) {
        if (*e.seq == seq) e.detail = detail;
        if (drop_mac) e.mac.clear();
        e.hash = sha256_hex(audit_content(e, *e.seq, prev));
        exec("UPDATE audit_log SET detail = '" + e.detail + "', mac = '" + e.mac + "', prev_hash = '" + prev +
             "', hash = '" + e.hash + "' WHERE id = " + std::to_string(e.id));
      }
      prev = e.hash;
    }
  }

  fs::path dir_;
  int written_ = 0;
};

TEST_F(AuditTest, AnUntouchedLogVerifiesAndEveryCheckIsRecorded) {
  write(5);
  const AuditCheck check = verify();
  EXPECT_TRUE(check.ok()) << check.problem;
  EXPECT_EQ(check.chained, 5);
  const std::string log = read_file(dir_ / "key.checkpoints");
  EXPECT_NE(log.find("chain 5 "), std::string::npos) << log;
  EXPECT_NE(log.find("verify 5 "), std::string::npos) << log;
  EXPECT_TRUE(log.ends_with(" ok\n")) << log;
  // Entries carry a keyed mac; the chain is keyed too (not plain SHA-256).
  for (const AuditEntry& e : entries()) {
    EXPECT_EQ(e.mac.size(), 64u);
    EXPECT_NE(e.hash, sha256_hex(audit_content(e, *e.seq, e.prev_hash)));
  }
}

TEST_F(AuditTest, ADeletedTailIsFoundByTheCheckpoints) {
  write(5);
  exec("DELETE FROM audit_log WHERE seq >= 4");
  const AuditCheck check = verify();
  EXPECT_FALSE(check.ok());
  EXPECT_EQ(check.broken_seq, 4);
  EXPECT_NE(check.problem.find("末尾的记录被删除"), std::string::npos) << check.problem;
  EXPECT_TRUE(read_file(dir_ / "key.checkpoints").ends_with(" broken\n"));
}

TEST_F(AuditTest, ARowInsertedWithoutTheKeyIsFoundChainedOrNot) {
  write(3);
  exec("INSERT INTO audit_log(at, actor, action, object_type, object_id, detail)"
       " VALUES ('2026-11-28T10:00:00Z', 'admin', 'user.create', 'user', 'ghost', '{}')");
  AuditCheck check = verify();
  EXPECT_EQ(check.broken_seq, 0);
  EXPECT_NE(check.problem.find("未串接的记录不是由本系统写入"), std::string::npos) << check.problem;
  ASSERT_TRUE(chain_audit_log(*store_));  // a later write chains it with the rest
  check = verify();
  EXPECT_EQ(check.broken_seq, 4);
  EXPECT_NE(check.problem.find("不是由本系统写入"), std::string::npos) << check.problem;
}

TEST_F(AuditTest, RewritingRowsAndRechainingWithoutTheKeyIsFound) {
  write(4);
  rewrite_and_rechain(2, R"({"role":"admin"})", /*drop_mac=*/true);
  AuditCheck check = verify();
  EXPECT_EQ(check.broken_seq, 2);
  EXPECT_NE(check.problem.find("不是由本系统写入"), std::string::npos) << check.problem;

  rewrite_and_rechain(2, R"({"role":"admin"})", /*drop_mac=*/false);
  check = verify();
  EXPECT_EQ(check.broken_seq, 2);
  EXPECT_FALSE(check.ok());
}

TEST_F(AuditTest, AnotherKeyDoesNotVerifyTheLog) {
  write(2);
  use_audit_seal(AuditSeal::ephemeral());
  EXPECT_FALSE(verify().ok());
}

TEST_F(AuditTest, ARestoreStartsTheCheckpointsAnew) {
  write(5);
  ASSERT_TRUE(note_audit_restore("b.bak"));
  exec("DELETE FROM audit_log WHERE seq >= 4");  // what the backup held
  EXPECT_TRUE(verify().ok());
  write(1);
  EXPECT_TRUE(verify().ok());
}

// A log chained with plain SHA-256 before the key existed goes on keyed:
// the unkeyed part is fixed by a checkpoint, so that rewriting it is found.
TEST_F(AuditTest, AnUnkeyedOldChainGoesOnKeyedAndStaysFixed) {
  for (int i = 0; i < 3; ++i)
    exec("INSERT INTO audit_log(at, actor, action, object_type, object_id, detail)"
         " VALUES ('2026-01-01T00:00:00Z', 'cli:old', 'import.households', 'file', 'a.xlsx', '{}')");
  std::string prev;
  long seq = 0;
  for (const AuditEntry& e : entries()) {
    const std::string hash = sha256_hex(audit_content(e, ++seq, prev));
    exec("UPDATE audit_log SET seq = " + std::to_string(seq) + ", prev_hash = '" + prev + "', hash = '" + hash +
         "' WHERE id = " + std::to_string(e.id));
    prev = hash;
  }
  write(2);
  AuditCheck check = verify();
  EXPECT_TRUE(check.ok()) << check.problem;
  EXPECT_EQ(check.chained, 5);
  EXPECT_NE(read_file(dir_ / "key.checkpoints").find("legacy 3 " + prev), std::string::npos);

  rewrite_and_rechain(1, R"({"rows":0})", /*drop_mac=*/false);
  check = verify();
  EXPECT_FALSE(check.ok());
  EXPECT_EQ(check.broken_seq, 3);
  EXPECT_NE(check.problem.find("检查点"), std::string::npos) << check.problem;
}

TEST(AuditKey, IsMadeOwnerOnlyAndRefusedWhenOthersCanReadItOrItIsMalformed) {
  const fs::path dir = fs::temp_directory_path() / ("anju_audit_key_" + std::to_string(::getpid()));
  fs::remove_all(dir);
  fs::create_directories(dir);
  const fs::path key = dir / "k";
  ASSERT_TRUE(AuditSeal::open(key));
  struct stat st {};
  ASSERT_EQ(::stat(key.c_str(), &st), 0);
  EXPECT_EQ(st.st_mode & 0777, 0600u);
  EXPECT_EQ(read_file(key).size(), 65u);
  auto again = AuditSeal::open(key);  // the same key, read back
  ASSERT_TRUE(again);
  EXPECT_EQ(again->mac("x"), AuditSeal::open(key)->mac("x"));

  ::chmod(key.c_str(), 0644);
  auto wide = AuditSeal::open(key);
  ASSERT_FALSE(wide);
  EXPECT_NE(wide.error().message.find("权限过宽"), std::string::npos);

  ::chmod(key.c_str(), 0600);
  std::ofstream(key) << "not a key\n";
  auto bad = AuditSeal::open(key);
  ASSERT_FALSE(bad);
  EXPECT_NE(bad.error().message.find("格式不对"), std::string::npos);

  std::ofstream(dir / "k.checkpoints") << "chain 1 abc 2026-01-01T00:00:00Z\ngarbage\n";
  ::chmod(key.c_str(), 0600);
  std::ofstream(key) << std::string(64, 'a') << "\n";
  auto seal = AuditSeal::open(key);
  ASSERT_TRUE(seal);
  auto points = seal->checkpoints();
  ASSERT_FALSE(points);
  EXPECT_NE(points.error().message.find("第2行"), std::string::npos);
  fs::remove_all(dir);
}

}  // namespace
}  // namespace anju

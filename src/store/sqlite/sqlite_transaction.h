#pragma once
// A transaction on the SQLite connection; holds the store's lock for its life.

#include <mutex>

#include "store/sqlite/sqlite_db.h"
#include "store/store.h"

namespace anju::sqlite {

class SqliteTransaction final : public Transaction {
 public:
  SqliteTransaction(Connection& conn, std::unique_lock<std::mutex> lock)
      : conn_(conn), lock_(std::move(lock)) {}
  ~SqliteTransaction() override;

  Result<void> commit() override;

  Result<std::optional<Stored<Region>>> find_region(std::string_view code) override;
  Result<std::vector<Region>> list_regions() override;
  Result<void> insert_region(const Region& region, const WriteStamp& stamp) override;
  Result<void> update_region(const Region& region, long expected_version,
                             const WriteStamp& stamp) override;

  Result<std::optional<Stored<Household>>> find_household(std::string_view id) override;
  Result<std::optional<std::string>> household_with_head(std::string_view id_number) override;
  Result<void> insert_household(const Household& h, const WriteStamp& stamp) override;
  Result<void> update_household(const Household& h, long expected_version,
                                const WriteStamp& stamp) override;
  Result<long> count_households() override;

  Result<long> record_import(const ImportRun& run) override;

 private:
  // After an UPDATE … WHERE version = ?: `conflict` when no row changed
  // although the key exists, `not_found` when it does not.
  Result<void> check_versioned_update(const char* exists_sql, std::string_view key,
                                      const char* what);

  Connection& conn_;
  std::unique_lock<std::mutex> lock_;
  bool done_ = false;
};

}  // namespace anju::sqlite

#pragma once
// Rows kept by key with their optimistic-locking version and stamps, as
// the engines keep them (store.h): an insert of a key that exists is a
// `conflict` (the unique key), an update names the version it read and
// fails with `conflict` when it moved or `not_found` when there is no row.
// Every write asks its Faults first and changes nothing when told to fail.
// Used by the in-memory repositories; not thread-safe.

#include <map>
#include <optional>
#include <string>
#include <string_view>

#include "core/household.h"
#include "core/result.h"
#include "store/memory/faults.h"

namespace anju {

template <class T>
class VersionedMap {
 public:
  // `what` names the row in messages ("农户", "房屋图斑"); `faults` must
  // outlive the map.
  VersionedMap(std::string what, Faults& faults) : what_(std::move(what)), faults_(faults) {}

  Result<void> insert(const std::string& key, const T& value, const WriteStamp& stamp) {
    ANJU_TRY(faults_.writable());
    if (rows_.count(key))
      return make_error(ErrorCode::conflict, what_ + "已存在：" + key);
    rows_.emplace(key, Stored<T>{value, 1, stamp.at, stamp.at, stamp.actor});
    return {};
  }
  Result<void> update(const std::string& key, const T& value, long expected_version,
                      const WriteStamp& stamp) {
    ANJU_TRY(faults_.writable());
    auto it = rows_.find(key);
    if (it == rows_.end()) return make_error(ErrorCode::not_found, what_ + "不存在：" + key);
    if (it->second.version != expected_version)
      return make_error(ErrorCode::conflict,
                        what_ + "已被他人修改（版本已变化），请刷新后重试：" + key);
    Stored<T>& row = it->second;
    row = Stored<T>{value, row.version + 1, row.created_at, stamp.at, stamp.actor};
    return {};
  }
  std::optional<Stored<T>> find(std::string_view key) const {
    auto it = rows_.find(key);
    if (it == rows_.end()) return std::nullopt;
    return it->second;
  }
  // In key order.
  const std::map<std::string, Stored<T>, std::less<>>& rows() const { return rows_; }

 private:
  std::string what_;
  Faults& faults_;
  std::map<std::string, Stored<T>, std::less<>> rows_;
};

}  // namespace anju

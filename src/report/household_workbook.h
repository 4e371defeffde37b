#pragma once
// The household list as an .xlsx a town office can print or filter further:
// a title line saying who exported it and when (DESIGN.md §4: exports carry
// their maker and time), a header, one household a row. Written in
// libxlsxwriter's constant-memory mode, so a large export streams to disk.

#include <memory>
#include <string>

#include "core/read_models.h"
#include "core/result.h"

struct lxw_workbook;
struct lxw_worksheet;
struct lxw_format;

namespace anju {

class HouseholdWorkbook {
 public:
  // `made_by`, `made_at` go into the title line; `scope` names the region
  // and filter in words.
  static Result<std::unique_ptr<HouseholdWorkbook>> create(const std::string& path, const std::string& scope,
                                                           const std::string& made_by, const std::string& made_at);
  ~HouseholdWorkbook();
  HouseholdWorkbook(const HouseholdWorkbook&) = delete;
  HouseholdWorkbook& operator=(const HouseholdWorkbook&) = delete;

  void add(const HouseholdListRow& row, const std::string& village);
  Result<void> close();

 private:
  HouseholdWorkbook() = default;
  lxw_workbook* wb_ = nullptr;
  lxw_worksheet* ws_ = nullptr;
  lxw_format* text_ = nullptr;
  unsigned row_ = 0;
  std::string path_;
};

}  // namespace anju

// Region import (DOMAIN.md §2). Rows are collected first, because a child
// may come before its parent in the file; then parents are checked against
// the file and the store, and rows are written parents first.
#include <algorithm>
#include <map>
#include <set>

#include "core/household_rules.h"
#include "service/import_job.h"

namespace anju {
namespace {

class RegionSink final : public RowSink {
 public:
  explicit RegionSink(WriteStamp stamp) : stamp_(std::move(stamp)) {}

  Result<void> apply(const ImportRow& row, Transaction&, ImportReport& report) override {
    Parsed<Region> parsed = parse_region(row);
    if (parsed.value) {
      auto [it, fresh] = rows_.emplace(parsed.value->code, Pending{row.row_number, *parsed.value});
      if (!fresh)
        parsed.errors.push_back(FieldError{row.row_number, "code", parsed.value->code,
                                           "区划代码在文件中重复（第" +
                                               std::to_string(it->second.row) + "行已使用）"});
    }
    add_row_errors(report, std::move(parsed.errors));
    return {};
  }

  Result<void> finish(Transaction& tx, ImportReport& report) override {
    std::vector<const Pending*> order;
    for (const auto& [code, p] : rows_) order.push_back(&p);
    // Parents first: by level, then by code.
    std::sort(order.begin(), order.end(), [](const Pending* a, const Pending* b) {
      return std::pair(a->region.level(), a->region.code) <
             std::pair(b->region.level(), b->region.code);
    });
    std::vector<FieldError> late_errors;
    std::set<std::string> accepted;
    for (const Pending* p : order) {
      if (auto parent = region_parent(p->region.code); parent && !accepted.count(*parent)) {
        auto stored = tx.find_region(*parent);
        if (!stored) return stored.error();
        if (!*stored) {
          late_errors.push_back(FieldError{p->row, "code", p->region.code,
                                           "上级区划" + *parent + "既不在文件中，也未导入"});
          continue;
        }
      }
      ANJU_TRY(upsert(p->region, tx, report));
      accepted.insert(p->region.code);
    }
    for (auto& e : late_errors) add_row_errors(report, {std::move(e)});
    return {};
  }

 private:
  struct Pending {
    long row;
    Region region;
  };

  Result<void> upsert(const Region& r, Transaction& tx, ImportReport& report) {
    auto existing = tx.find_region(r.code);
    if (!existing) return existing.error();
    if (!*existing) {
      ANJU_TRY(tx.insert_region(r, stamp_));
      ++report.inserted;
    } else if ((*existing)->value == r) {
      ++report.unchanged;
    } else {
      ANJU_TRY(tx.update_region(r, (*existing)->version, stamp_));
      ++report.updated;
    }
    return {};
  }

  WriteStamp stamp_;
  std::map<std::string, Pending> rows_;
};

}  // namespace

Result<ImportReport> import_regions(Store& store, const std::string& path,
                                    const ImportOptions& options, const Clock& clock) {
  RegionSink sink(WriteStamp{options.actor, clock.now_iso()});
  return run_import(store, TemplateKind::regions, path,
                    open_template_source(TemplateKind::regions, path), options, clock, sink);
}

}  // namespace anju

// Region import (DOMAIN.md §2). Rows are collected first, because a child
// may come before its parent in the file; then parents are checked against
// the file and the store, and rows are written parents first.
#include <algorithm>
#include <map>
#include <optional>
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
      // The national table lists a few regions twice, alike: one region.
      if (!fresh && it->second.region == *parsed.value)
        report.add_warning(FieldError{row.row_number, "code", parsed.value->code,
                                      "与第" + std::to_string(it->second.row) + "行完全相同，按同一区划导入"});
      else if (!fresh)
        parsed.errors.push_back(FieldError{row.row_number, "code", parsed.value->code,
                                           "区划代码在文件中重复（第" +
                                               std::to_string(it->second.row) + "行已使用，名称不同）"});
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
    // A parent missing from both the file and the store is one error, on
    // the first row that needs it, counting the rows below it: not one
    // error per descendant.
    struct Orphans {
      const Pending* first = nullptr;
      long rows = 0;
    };
    std::map<std::string, Orphans> missing;     // missing parent → the rows that need it
    std::map<std::string, std::string> blocked;  // a code not imported → the missing parent
    std::set<std::string> accepted;
    for (const Pending* p : order) {
      const auto parent = region_parent(p->region.code);
      std::optional<std::string> root;  // the missing ancestor, if one is
      if (parent && !accepted.count(*parent)) {
        // A parent already stored stands, whether or not its row here failed.
        auto stored = tx.find_region(*parent);
        if (!stored) return stored.error();
        if (!*stored) {
          auto b = blocked.find(*parent);
          root = b != blocked.end() ? b->second : *parent;
        }
      }
      if (root) {
        Orphans& o = missing[*root];
        if (!o.first || p->row < o.first->row) o.first = p;
        ++o.rows;
        blocked[p->region.code] = *root;
        continue;
      }
      ANJU_TRY(upsert(*p, tx, report));
      accepted.insert(p->region.code);
    }
    for (const auto& [parent, o] : missing) {
      add_row_errors(report, {FieldError{o.first->row, "code", o.first->region.code,
                                         "上级区划" + parent + "既不在文件中，也未导入" +
                                             (o.rows > 1 ? "；依赖它的" + std::to_string(o.rows) +
                                                               "行（本行及其下级）都未导入"
                                                         : std::string())}});
      report.rejected_rows += o.rows - 1;
    }
    return {};
  }

 private:
  struct Pending {
    long row;
    Region region;
  };

  Result<void> upsert(const Pending& p, Transaction& tx, ImportReport& report) {
    const Region& r = p.region;
    auto existing = tx.find_region(r.code);
    if (!existing) return existing.error();
    if (!*existing) {
      ANJU_TRY(tx.insert_region(r, stamp_));
      ++report.inserted;
    } else if ((*existing)->value == r) {
      ++report.unchanged;
    } else {
      if ((*existing)->value.name != r.name)
        report.add_warning(FieldError{p.row, "name", r.name,
                                      "区划" + r.code + "的名称由“" + (*existing)->value.name + "”改为“" +
                                          r.name + "”"});
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

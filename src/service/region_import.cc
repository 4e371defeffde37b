// Region import (DOMAIN.md §2). Rows are collected first, because a child
// may come before its parent in the file; then parents are checked against
// the file and the store, and rows are written parents first. The national
// table (665,276 rows) is the large case: the stored regions are read in
// one pass, never looked up row by row.
#include <algorithm>
#include <map>
#include <optional>
#include <set>
#include <string_view>
#include <unordered_set>

#include "core/household_rules.h"
#include "ingest/builtin_divisions.h"
#include "service/import_job.h"

namespace anju {
namespace {

class RegionSink final : public RowSink {
 public:
  explicit RegionSink(WriteStamp stamp) : stamp_(std::move(stamp)) {}

  Result<void> apply(const ImportRow& row, Transaction&, ImportReport& report) override {
    Parsed<Region> parsed = parse_region(row);
    if (parsed.value) rows_.push_back(Pending{row.row_number, std::move(*parsed.value)});
    add_row_errors(report, std::move(parsed.errors));
    return {};
  }

  // In code order, which puts every parent before its children (a parent's
  // code is the child's with later groups zeroed), a code's repeats side by
  // side, and walks beside the stored regions (listed by code).
  Result<void> finish(Transaction& tx, ImportReport& report) override {
    auto listed = tx.regions().list_regions();
    if (!listed) return listed.error();
    stored_ = std::move(*listed);
    std::vector<const Pending*> order;
    order.reserve(rows_.size());
    for (const Pending& p : rows_) order.push_back(&p);
    const auto by_code = [](const Pending* a, const Pending* b) {
      const int c = a->region.code.compare(b->region.code);
      return c != 0 ? c < 0 : a->row < b->row;
    };
    if (!std::is_sorted(order.begin(), order.end(), by_code))  // the national table is
      std::sort(order.begin(), order.end(), by_code);
    Orphans orphans;
    std::unordered_set<std::string_view> accepted;
    accepted.reserve(order.size());
    // Into an empty table (the national table's first load), its index is
    // built once at the end rather than row by row.
    const bool bulk = stored_.empty() && order.size() > 10000;
    if (bulk) ANJU_TRY(tx.batch().begin_bulk_load(BulkTable::regions, BatchRepo::Indexes::rebuild));
    size_t cursor = 0;  // into stored_: the first region not before the current code
    for (size_t i = 0, next = 0; i < order.size(); i = next) {
      const Pending* p = order[i];
      for (next = i + 1; next < order.size() && order[next]->region.code == p->region.code;) ++next;
      if (!alike(order, i, next, report)) {
        orphans.refuse(p->region.code);
        continue;
      }
      // A parent already stored stands, whether or not its row here failed.
      const auto parent = region_parent(p->region.code);
      if (parent && !accepted.count(*parent) && !find_stored(*parent)) {
        orphans.add(*p, *parent);
        continue;
      }
      while (cursor < stored_.size() && stored_[cursor].code < p->region.code) ++cursor;
      const Region* was = cursor < stored_.size() && stored_[cursor].code == p->region.code ? &stored_[cursor] : nullptr;
      ANJU_TRY(upsert(*p, was, tx, report));
      accepted.insert(p->region.code);
    }
    if (bulk) ANJU_TRY(tx.batch().end_bulk_load());
    orphans.report(report);
    return {};
  }

 private:
  struct Pending {
    long row;
    Region region;
  };

  // Rows whose parent is missing from both the file and the store: one
  // error for each missing region, on the first row that needs it,
  // counting the rows below it, not one error per descendant.
  class Orphans {
   public:
    // A code of the file that was not imported (its rows disagree).
    void refuse(const std::string& code) { refused_.insert(code); }
    void add(const Pending& p, const std::string& parent) {
      auto b = blocked_.find(parent);
      const std::string root = b != blocked_.end() ? b->second : parent;
      Need& n = missing_[root];
      if (!n.first || p.row < n.first->row) n.first = &p;
      ++n.rows;
      blocked_[p.region.code] = root;
    }
    void report(ImportReport& report) const {
      for (const auto& [parent, n] : missing_) {
        const bool refused = refused_.count(parent) > 0;
        add_row_errors(report, {FieldError{n.first->row, "code", n.first->region.code,
                                           "上级区划" + parent +
                                               (refused ? "在文件中名称不一致，未导入" : "既不在文件中，也未导入") +
                                               (n.rows > 1 ? "；依赖它的" + std::to_string(n.rows) +
                                                                 "行（本行及其下级）都未导入"
                                                           : std::string())}});
        report.rejected_rows += n.rows - 1;
      }
    }

   private:
    struct Need {
      const Pending* first = nullptr;
      long rows = 0;
    };
    std::map<std::string, Need> missing_;        // missing region → the rows that need it
    std::map<std::string, std::string> blocked_;  // a code not imported → the missing region
    std::set<std::string> refused_;
  };

  // The rows [first, end) of one code. Alike, they are one region (the
  // national table lists a few twice) and a warning; named differently,
  // none can be taken for the right one: every row is an error.
  static bool alike(const std::vector<const Pending*>& order, size_t first, size_t end, ImportReport& report) {
    bool same = true;
    std::string rows;
    for (size_t k = first; k < end; ++k) {
      same = same && order[k]->region == order[first]->region;
      rows += (rows.empty() ? "第" : "、") + std::to_string(order[k]->row);
    }
    for (size_t k = first + 1; same && k < end; ++k)
      report.add_warning(FieldError{order[k]->row, "code", order[k]->region.code,
                                    "与第" + std::to_string(order[first]->row) + "行完全相同，按同一区划导入"});
    for (size_t k = first; !same && k < end; ++k)
      add_row_errors(report, {FieldError{order[k]->row, "name", order[k]->region.name,
                                         "区划代码" + order[k]->region.code + "在文件中出现" +
                                             std::to_string(end - first) + "次而名称不同（" + rows +
                                             "行）：无法确定哪个正确，都未导入"}});
    return same;
  }

  // The stored region of `code`, if any.
  const Region* find_stored(const std::string& code) const {
    auto it = std::lower_bound(stored_.begin(), stored_.end(), code,
                               [](const Region& r, const std::string& c) { return r.code < c; });
    return it != stored_.end() && it->code == code ? &*it : nullptr;
  }

  Result<void> upsert(const Pending& p, const Region* was, Transaction& tx, ImportReport& report) {
    const Region& r = p.region;
    if (!was) {
      ANJU_TRY(tx.regions().insert_region(r, stamp_));
      ++report.inserted;
    } else if (*was == r) {
      ++report.unchanged;
    } else {
      auto existing = tx.regions().find_region(r.code);  // for its version
      if (!existing) return existing.error();
      if (!*existing) return make_error(ErrorCode::conflict, "区划" + r.code + "在导入时被删除");
      report.add_warning(FieldError{p.row, "name", r.name,
                                    "区划" + r.code + "的名称由“" + was->name + "”改为“" + r.name + "”"});
      ANJU_TRY(tx.regions().update_region(r, (*existing)->version, stamp_));
      ++report.updated;
    }
    return {};
  }

  WriteStamp stamp_;
  std::vector<Pending> rows_;   // in file order
  std::vector<Region> stored_;  // by code, as list_regions() gives them
};

}  // namespace

Result<ImportReport> import_builtin_regions(Store& store, const std::string& prefix,
                                            const ImportOptions& options, const Clock& clock) {
  RegionSink sink(WriteStamp{options.actor, clock.now_iso()});
  return run_import(store, TemplateKind::regions, builtin_divisions_title(prefix),
                    open_builtin_divisions(prefix), options, clock, sink);
}

Result<ImportReport> import_regions(Store& store, const std::string& path,
                                    const ImportOptions& options, const Clock& clock) {
  RegionSink sink(WriteStamp{options.actor, clock.now_iso()});
  return run_import(store, TemplateKind::regions, path,
                    open_template_source(TemplateKind::regions, path), options, clock, sink);
}

}  // namespace anju

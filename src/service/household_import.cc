// Roster import (DOMAIN.md §4.1, §5): row rules from core, plus the checks
// that need context — known villages, duplicates within the file and against
// the households already stored.
#include <algorithm>
#include <set>
#include <unordered_set>

#include "core/household_rules.h"
#include "core/id_number.h"
#include "core/key_index.h"
#include "core/privacy.h"
#include "core/region_tally.h"
#include "core/access.h"
#include "core/clock.h"
#include "service/batch_cache.h"
#include "service/census_service.h"
#include "service/import_job.h"

namespace anju {
namespace {

class HouseholdSink final : public ParsingSink<Household> {
 public:
  HouseholdSink(Date today, WriteStamp stamp, std::string scope)
      : today_(today), stamp_(std::move(stamp)), scope_(std::move(scope)) {}

  Result<void> start(Transaction& tx) override {
    auto regions = tx.regions().list_regions();
    if (!regions) return regions.error();
    for (const Region& r : *regions)
      if (r.level() == RegionLevel::village) villages_.insert(r.code);
    auto count = tx.households().count_households();
    if (!count) return count.error();
    // Into an empty table (the first import of a campaign, a bulk load), no
    // row can exist before this import, and the file's own duplicates are
    // caught in memory: the per-row look-ups can be skipped.
    fresh_ = *count == 0;
    return tx.batch().begin_bulk_load(
        BulkTable::households, fresh_ ? BatchRepo::Indexes::rebuild : BatchRepo::Indexes::keep);
  }

  void file_columns(const std::vector<std::string>& extra_headers) override {
    file_extras_ = std::set<std::string>(extra_headers.begin(), extra_headers.end());
  }

  // The summary behind totals and dashboards follows the roster.
  Result<void> finish(Transaction& tx, ImportReport& report) override {
    if (!kept_extras_.empty()) {
      std::string names;
      for (const std::string& k : kept_extras_) names += (names.empty() ? "“" : "”、“") + k;
      report.notes.push_back("文件中没有" + names + "”列：已导入农户的这些信息保持原样");
    }
    ANJU_TRY(rederive(tx, report));
    // The counts of the villages the file touched (where a household lives
    // now and where it lived), and the sums above them: not the country's
    // (but for a first import, which wrote every household there is).
    if (touched_.empty()) return {};
    if (!fresh_) return tx.read_models().refresh_summary(covering_region(touched_));
    // Into an empty table the counts are what the file wrote, handed on
    // (nothing is read back) — unless matches or judgments are stored, of
    // households not here before: those join the new ones, counted afresh.
    auto results = tx.results().holds_results();
    if (!results) return results.error();
    if (*results) return tx.read_models().refresh_summary(std::string(kWholeCountry));
    return tx.read_models().refresh_summary(std::string(kWholeCountry),
                                            RunCounts{{}, std::move(written_), RunCounts::Counted::everything});
  }

  Result<void> prepare(const std::vector<const ImportRow*>& rows, Transaction& tx) override {
    if (fresh_) return {};
    ANJU_TRY(existing_.load(column_values(rows, "household_id"), [&](const auto& keys) {
      return keyed(tx.households().find_households(keys),
                   [](const Stored<Household>& s) { return s.value.household_id; });
    }));
    // The cells as the rules read them (a final x upper-cased); a key that
    // still differs is looked up on its own in apply().
    std::vector<std::string> heads = column_values(rows, "head_id_number");
    for (std::string& id : heads)
      if (!id.empty() && id.back() == 'x') id.back() = 'X';
    return heads_of_.load(std::move(heads), [&](const auto& keys) {
      return tx.households().households_with_heads(keys);
    });
  }

  Result<void> apply(const ImportRow& row, Transaction& tx, ImportReport& report) override {
    Parsed<Household> own;
    const Parsed<Household>* parsed = &this->parsed(row, own);
    std::vector<FieldError> errors;
    if (is_masked(row.get("head_id_number")) || is_masked(row.get("phone"))) {
      auto read = read_masked(row, tx, own, errors);
      if (!read) return read.error();
      parsed = &own;
    } else {
      errors = parsed->errors;
    }
    auto fail = [&](const char* column, std::string message) {
      errors.push_back(FieldError{row.row_number, column, std::string(row.get(column)),
                                  std::move(message)});
    };
    const std::string_view id = row.get("household_id");
    if (!id.empty()) {
      if (auto first = ids_.first_use(id, row.row_number))
        fail("household_id", "户编号在文件中重复（第" + std::to_string(*first) + "行已使用）");
    }
    const std::string head = parsed->value ? parsed->value->head_id_number : "";
    if (!head.empty()) {
      if (auto first = heads_.first_use(head, row.row_number)) {
        fail("head_id_number",
             "户主身份证号在文件中重复（第" + std::to_string(*first) + "行已使用）");
      } else if (!fresh_) {
        auto owner = heads_of_.get(head, [&] { return tx.households().household_with_head(head); });
        if (!owner) return owner.error();
        if (*owner && **owner != id)
          fail("head_id_number",
               "该身份证号已是户编号" + **owner + "的户主，同一人不能是两户的户主");
      }
    }
    const std::string_view region = row.get("region_code");
    if (parsed->value && !villages_.count(std::string(region)))
      fail("region_code", "区划代码" + std::string(region) + "不是已导入的村级区划，请先导入区划");
    if (auto e = scope_error(scope_, row.row_number, "region_code", region)) errors.push_back(*e);
    if (!errors.empty()) {
      add_row_errors(report, std::move(errors));
      return {};
    }
    return upsert(*parsed->value, row.row_number, tx, report);
  }

 private:
  Parsed<Household> parse_row(ImportRow& row) const override { return parse_household(row, today_); }
  static bool is_masked(std::string_view v) { return v.find('*') != std::string_view::npos; }

  Result<std::optional<Stored<Household>>> stored(std::string_view id, Transaction& tx) {
    if (fresh_ || id.empty()) return std::optional<Stored<Household>>();
    const std::string key(id);
    return existing_.get(key, [&] { return tx.households().find_household(key); });
  }

  // A row of the household list exported without full numbers: an ID or
  // phone number masked with * stands for the stored one when it masks
  // exactly that, and the row is read again with it; otherwise the cell is
  // an error (a masked number cannot be stored). Fills `parsed`, `errors`.
  Result<void> read_masked(const ImportRow& row, Transaction& tx, Parsed<Household>& parsed,
                           std::vector<FieldError>& errors) {
    auto existing = stored(row.get("household_id"), tx);
    if (!existing) return existing.error();
    const Household* h = *existing ? &(*existing)->value : nullptr;
    ImportRow copy = row;
    std::vector<FieldError> masked;
    for (auto& [key, value] : copy.fields) {
      if (!is_masked(value)) continue;
      const bool id = key == "head_id_number";
      if (key != "phone" && !id) continue;
      const std::string& original = h ? (id ? h->head_id_number : h->phone) : std::string();
      if (h && !original.empty() && (id ? mask_id_number(original) : mask_phone(original)) == value) {
        value = original;
        continue;
      }
      masked.push_back(FieldError{row.row_number, key, value,
                                  std::string(id ? "户主身份证号" : "联系电话") +
                                      "是脱敏后的号码（含*）" +
                                      (h ? "，与系统中该户的号码不符" : "，而该户尚未导入") +
                                      "：请填写完整号码（导出农户清单时可选择导出完整号码）"});
    }
    parsed = parse_household(copy, today_);
    for (FieldError& e : parsed.errors) {
      bool replaced = false;
      for (const FieldError& m : masked) replaced = replaced || m.column == e.column;
      if (!replaced) errors.push_back(std::move(e));
    }
    for (FieldError& m : masked) errors.push_back(std::move(m));
    if (!masked.empty()) parsed.value.reset();
    return {};
  }

  // The file's extras, and those stored in columns the file does not have
  // (a 死亡日期 a change request recorded, a column left out of the list).
  std::vector<std::pair<std::string, std::string>> merged_extras(const Household& h, const Household& was) {
    std::vector<std::pair<std::string, std::string>> out;
    for (const auto& [k, v] : was.extras) {
      if (!file_extras_.count(k)) {
        out.emplace_back(k, v);
        kept_extras_.insert(k);
        continue;
      }
      for (const auto& [fk, fv] : h.extras)
        if (fk == k) out.emplace_back(k, fv);
    }
    for (const auto& [fk, fv] : h.extras) {
      bool known = false;
      for (const auto& [k, v] : was.extras) known = known || k == fk;
      if (!known) out.emplace_back(fk, fv);
    }
    return out;
  }

  Result<void> upsert(const Household& row_household, long row_number, Transaction& tx,
                      ImportReport& report) {
    auto existing = stored(row_household.household_id, tx);
    if (!existing) return existing.error();
    Household merged;
    const bool merge = *existing && !(*existing)->value.extras.empty();
    if (merge) {
      merged = row_household;
      merged.extras = merged_extras(row_household, (*existing)->value);
    }
    const Household& h = merge ? merged : row_household;
    Result<void> written;
    if (!*existing) {
      written = tx.households().insert_household(h, stamp_);
      if (written) ++report.inserted;
      if (written && fresh_) count_written(h);
      touched_.insert(h.region_code);
    } else if (auto e = scope_error(scope_, row_number, "household_id", (*existing)->value.region_code)) {
      e->value = h.household_id;
      e->message = "户编号" + h.household_id + "属于不在您管辖范围内的" + (*existing)->value.region_code + "，不能修改";
      add_row_errors(report, {*e});
      return {};
    } else if ((*existing)->value == h) {
      ++report.unchanged;
      return {};
    } else {
      written = tx.households().update_household(h, (*existing)->version, stamp_);
      if (written) ++report.updated;
      touched_.insert(h.region_code);
      touched_.insert((*existing)->value.region_code);
      if (written && derives_differently((*existing)->value, h)) note_rederive(h.household_id);
    }
    if (!written) {
      if (written.error().code != ErrorCode::conflict) return written.error();
      add_row_errors(report, {FieldError{row_number, "household_id", h.household_id,
                                         "无法保存：" + written.error().message}});
      return {};
    }
    // Later rows of the batch see who heads which household now (a fresh
    // import looks nothing up: its file's own checks suffice).
    if (fresh_) return {};
    if (*existing && (*existing)->value.head_id_number != h.head_id_number)
      heads_of_.set((*existing)->value.head_id_number, std::nullopt);
    heads_of_.set(h.head_id_number, h.household_id);
    return {};
  }

  // A household written into the empty table, as the counts see it: no
  // match or judgment names it yet.
  void count_written(const Household& h) {
    written_.add(CountedHousehold{h.region_code, enum_key(h.category),
                                  h.monitor_type ? enum_key(*h.monitor_type) : std::string_view(),
                                  enum_key(h.status), enum_key(h.housing), "", "", nullptr});
  }

  // Whether what a run derives from the household (its match: village,
  // head, roster parcel, dwelling point; its judgment: status, housing)
  // differs between the stored row and the file's.
  static bool derives_differently(const Household& was, const Household& now) {
    return was.region_code != now.region_code || was.head_name != now.head_name ||
           was.parcel_id != now.parcel_id || was.lon != now.lon || was.lat != now.lat ||
           was.status != now.status || was.housing != now.housing;
  }

  void note_rederive(const std::string& household_id) {
    if (too_many_) return;
    rederive_.insert(household_id);
    if (rederive_.size() > kRederiveAtMost) {
      too_many_ = true;
      rederive_.clear();
    }
  }

  // The households whose match or judgment the file changed are matched and
  // judged again at once, as a run would (rematch_households,
  // rederive_household: judgment, ledger entry, field tasks), up to
  // kRederiveAtMost; past that a run is the way, and the report says so.
  // Only what a run has derived can be stale: the next run does the rest.
  Result<void> rederive(Transaction& tx, ImportReport& report) {
    if (too_many_) {
      report.notes.push_back("本次导入改变了较多农户（超过 " + std::to_string(kRederiveAtMost) +
                             " 户）的住址、户主、图斑、坐标、状态或住房情况：请运行人房对应和初判");
      return {};
    }
    std::vector<std::string> matched, judged;
    for (const std::string& id : rederive_) {
      auto m = tx.results().find_match(id);
      if (!m) return m.error();
      if (*m) matched.push_back(id);
      auto j = tx.results().find_judgment(id);
      if (!j) return j.error();
      if (*j) judged.push_back(id);
    }
    ANJU_TRY(rematch_households(tx, matched));
    const FixedClock clock(stamp_.at, today_);
    for (const std::string& id : judged) {
      auto row = rederive_household(tx, id, stamp_.actor, clock);
      if (!row) return row.error();
    }
    if (!matched.empty() || !judged.empty())
      report.notes.push_back("已按新的花名册对 " + std::to_string(std::max(matched.size(), judged.size())) +
                             " 户重新对应和初判");
    return {};
  }

  static constexpr size_t kRederiveAtMost = 2000;
  std::set<std::string> rederive_;  // households to match and judge again
  bool too_many_ = false;
  std::unordered_set<std::string> villages_;
  std::set<std::string> touched_;  // villages whose counts the file moved
  std::set<std::string> file_extras_;  // the file's extra columns
  std::set<std::string> kept_extras_;  // stored extras kept, as the file lacks their column
  bool fresh_ = false;
  CountTable written_;  // a fresh import's households, counted as written
  Date today_;
  WriteStamp stamp_;
  std::string scope_;
  KeyIndex ids_;
  KeyIndex heads_;
  BatchCache<Stored<Household>> existing_;  // the batch's households as stored
  BatchCache<std::string> heads_of_;        // head ID number → household, as stored
};

}  // namespace

Result<ImportReport> import_households(Store& store, const std::string& path,
                                       const ImportOptions& options, const Clock& clock) {
  HouseholdSink sink(clock.today(), WriteStamp{options.actor, clock.now_iso()}, options.scope);
  return run_import(store, TemplateKind::households, path,
                    open_template_source(TemplateKind::households, path), options, clock, sink);
}

}  // namespace anju

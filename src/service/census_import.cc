// Imports of the census link (DOMAIN.md §4.2-§4.4): buildings, evidence and
// disasters. Same contract as the roster import (run_import).
#include "core/building_rules.h"
#include "core/key_index.h"
#include "service/batch_cache.h"
#include "service/census_service.h"
#include "service/import_job.h"

namespace anju {
namespace {

// Inserts `value` or, when stored with other content, updates it; counts
// the outcome. `existing` is what the store holds under the same key.
template <class T, class Insert, class Update>
Result<void> upsert(const std::optional<Stored<T>>& existing, const T& value, Insert insert,
                    Update update, ImportReport& report) {
  if (!existing) {
    ANJU_TRY(insert(value));
    ++report.inserted;
  } else if (existing->value == value) {
    ++report.unchanged;
  } else {
    ANJU_TRY(update(value, existing->version));
    ++report.updated;
  }
  return {};
}

// Reports a key used twice in the file; true when it is the first use.
bool first_use(KeyIndex& keys, const ImportRow& row, const char* column, const char* name,
               std::vector<FieldError>& errors) {
  const std::string_view key = row.get(column);
  if (key.empty()) return true;
  if (auto first = keys.first_use(key, row.row_number)) {
    errors.push_back(FieldError{row.row_number, column, std::string(key),
                                std::string(name) + "在文件中重复（第" + std::to_string(*first) +
                                    "行已使用）"});
    return false;
  }
  return true;
}

class BuildingSink final : public ParsingSink<Building> {
 public:
  BuildingSink(Date today, WriteStamp stamp, std::string scope)
      : today_(today), stamp_(std::move(stamp)), scope_(std::move(scope)) {}

  Result<void> start(Transaction& tx) override {
    auto n = tx.census().count_buildings();
    if (!n) return n.error();
    fresh_ = *n == 0;
    return tx.batch().begin_bulk_load(
        BulkTable::buildings, fresh_ ? BatchRepo::Indexes::rebuild : BatchRepo::Indexes::keep);
  }

  Result<void> prepare(const std::vector<const ImportRow*>& rows, Transaction& tx) override {
    if (fresh_) return {};
    return existing_.load(column_values(rows, "parcel_id"), [&](const auto& keys) {
      return keyed(tx.census().find_buildings(keys),
                   [](const Stored<Building>& s) { return s.value.parcel_id; });
    });
  }

  Result<void> apply(const ImportRow& row, Transaction& tx, ImportReport& report) override {
    Parsed<Building> own;
    Parsed<Building>& parsed = this->parsed(row, own);
    first_use(keys_, row, "parcel_id", "图斑编号", parsed.errors);
    if (auto e = scope_error(scope_, row.row_number, "region_code", row.get("region_code")))
      parsed.errors.push_back(*e);
    if (!row.geometry_error.empty())
      parsed.errors.push_back(FieldError{row.row_number, "wkt", "", row.geometry_error});
    if (!parsed.errors.empty()) {
      add_row_errors(report, std::move(parsed.errors));
      return {};
    }
    Building& b = *parsed.value;
    std::optional<Stored<Building>> existing;
    if (!fresh_) {
      auto found =
          existing_.get(b.parcel_id, [&] { return tx.census().find_building(b.parcel_id); });
      if (!found) return found.error();
      existing = std::move(*found);
    }
    return upsert(
        existing, b, [&](const Building& v) { return tx.census().insert_building(v, stamp_); },
        [&](const Building& v, long version) {
          return tx.census().update_building(v, version, stamp_);
        },
        report);
  }

 private:
  // The row's rules, and its geometry moved into the building.
  Parsed<Building> parse_row(ImportRow& row) const override {
    Parsed<Building> parsed = parse_building(row, today_);
    if (parsed.value) {
      parsed.value->wkb = std::move(row.wkb);
      parsed.value->bbox = row.bbox;
    }
    return parsed;
  }

  Date today_;
  WriteStamp stamp_;
  std::string scope_;
  KeyIndex keys_;
  bool fresh_ = false;
  BatchCache<Stored<Building>> existing_;  // the batch's buildings as stored
};

class EvidenceSink final : public RowSink {
 public:
  EvidenceSink(EvidenceSource source, const Clock& clock, WriteStamp stamp, std::string scope)
      : source_(source), clock_(clock), today_(clock.today()), stamp_(std::move(stamp)), scope_(std::move(scope)) {}

  Result<void> start(Transaction& tx) override {
    auto n = tx.census().count_evidence(source_);
    if (!n) return n.error();
    fresh_ = *n == 0;
    // Into an empty table, building the parcel and household indexes once
    // beats updating them row by row; over other sources' records it does
    // not (measured: bench/README.md).
    auto all = tx.census().count_evidence(std::nullopt);
    if (!all) return all.error();
    return tx.batch().begin_bulk_load(
        BulkTable::evidence, *all == 0 ? BatchRepo::Indexes::rebuild : BatchRepo::Indexes::keep);
  }

  // The look-ups read buildings, households and this source's records as
  // they were before the import: they may run ahead (RowSink::ahead).
  bool looks_up_ahead() const override { return true; }

  Result<std::unique_ptr<BatchNote>> ahead(std::vector<ImportRow>& rows, Transaction* tx) const override {
    auto note = std::make_unique<Ahead>();
    parse_ahead(rows, *note, [&](const ImportRow& row) { return parse_evidence(row, source_, today_); });
    if (tx) {
      ANJU_TRY(look_up(readable_rows(rows), *tx, *note));
      note->looked_up = true;
    }
    return std::unique_ptr<BatchNote>(std::move(note));
  }

  bool adopt(BatchNote* note) override {
    ahead_ = dynamic_cast<Ahead*>(note);
    return ahead_ && ahead_->looked_up;
  }

  Result<void> prepare(const std::vector<const ImportRow*>& rows, Transaction& tx) override {
    if (!ahead_) {
      own_ = Ahead();
      ahead_ = &own_;
    }
    return look_up(rows, tx, *ahead_);
  }

  Result<void> apply(const ImportRow& row, Transaction& tx, ImportReport& report) override {
    Parsed<Evidence> own;
    Parsed<Evidence>& parsed =
        parsed_row<Evidence>(ahead_, row.row_number, own, [&] { return parse_evidence(row, source_, today_); });
    first_use(keys_, row, "evidence_id", "记录编号", parsed.errors);
    if (!parsed.errors.empty()) {
      add_row_errors(report, std::move(parsed.errors));
      return {};
    }
    Evidence& e = *parsed.value;
    ANJU_TRY(link(row.row_number, e, tx, report));
    if (!e.region_code.empty())
      if (auto err = scope_error(scope_, row.row_number, e.parcel_id.empty() ? "household_id" : "parcel_id",
                                 e.region_code)) {
        add_row_errors(report, {*err});
        return {};
      }
    std::optional<Stored<Evidence>> existing;
    if (!fresh_) {
      auto stored = ahead_->existing.get(
          e.evidence_id, [&] { return tx.census().find_evidence(source_, e.evidence_id); });
      if (!stored) return stored.error();
      existing = std::move(*stored);
    }
    const long unchanged = report.unchanged;
    ANJU_TRY(upsert(
        existing, e, [&](const Evidence& v) { return tx.census().insert_evidence(v, stamp_); },
        [&](const Evidence& v, long version) {
          return tx.census().update_evidence(v, version, stamp_);
        },
        report));
    if (report.unchanged == unchanged) {
      touch(e);
      if (existing) touch(existing->value);
    }
    return {};
  }

  // The judged households whose evidence the file changed are judged again at once
  // (rederive_household: judgment, ledger entry, field tasks), up to
  // kRederiveAtMost; past that a run is the way, and the report says so.
  Result<void> finish(Transaction& tx, ImportReport& report) override {
    if (too_many_) {
      report.notes.push_back("本次导入改变了较多房屋和农户的评估记录（超过 " + std::to_string(kRederiveAtMost) +
                             " 处）：请运行初判，以按新的评估记录更新结论");
      return {};
    }
    std::set<std::string> households = touched_households_;
    for (const std::string& parcel : touched_parcels_) {
      auto on = tx.results().households_of_building(parcel);
      if (!on) return on.error();
      households.insert(on->begin(), on->end());
    }
    long judged = 0;
    for (const std::string& id : households) {
      // Only what a run has judged can be stale; the next run judges the rest.
      auto judged_before = tx.results().find_judgment(id);
      if (!judged_before) return judged_before.error();
      if (!*judged_before) continue;
      auto row = rederive_household(tx, id, stamp_.actor, clock_);
      if (!row) return row.error();
      ++judged;
    }
    if (judged > 0) report.notes.push_back("已按新导入的评估记录对 " + std::to_string(judged) + " 户重新初判");
    return {};
  }

 private:
  // Takes the region of the linked building, else household. Links to rows
  // not (yet) imported are accepted (DOMAIN.md §5), but said.
  Result<void> link(long row, Evidence& e, Transaction& tx, ImportReport& report) {
    if (!e.parcel_id.empty()) {
      auto b = ahead_->facts.get(e.parcel_id,
                                 [&] { return tx.census().find_building_facts(e.parcel_id); });
      if (!b) return b.error();
      if (*b) e.region_code = (*b)->region_code;
      if (!*b) {
        report.add_warning({row, "parcel_id", e.parcel_id, "图斑编号尚未导入（导入房屋后将自动关联）"});
      } else if ((*b)->built && (*b)->built->from && *(*b)->built->from > e.assessed_on.year) {
        report.add_warning({row, "assessed_on", e.assessed_on.to_string(),
                            "评估日期早于该房屋的建造年代，请核对"});
      }
    }
    if (!e.household_id.empty()) {
      auto h = ahead_->regions.get(
          e.household_id, [&] { return tx.households().household_region(e.household_id); });
      if (!h) return h.error();
      if (!*h) report.add_warning({row, "household_id", e.household_id, "户编号尚未导入"});
      else if (e.region_code.empty()) e.region_code = **h;
    }
    return {};
  }

  static constexpr size_t kRederiveAtMost = 2000;

  // Past kRederiveAtMost nothing more is kept: a run is the way then, and a
  // census of millions of records costs no memory here.
  void touch(const Evidence& e) {
    if (too_many_) return;
    if (!e.parcel_id.empty()) touched_parcels_.insert(e.parcel_id);
    if (!e.household_id.empty()) touched_households_.insert(e.household_id);
    if (touched_parcels_.size() + touched_households_.size() > kRederiveAtMost) {
      too_many_ = true;
      touched_parcels_.clear();
      touched_households_.clear();
    }
  }

  EvidenceSource source_;
  const Clock& clock_;
  std::set<std::string> touched_parcels_, touched_households_;
  bool too_many_ = false;
  Date today_;
  WriteStamp stamp_;
  std::string scope_;
  KeyIndex keys_;
  bool fresh_ = false;
  // A batch's rows as parsed, and its look-ups.
  struct Ahead final : ParsedAhead<Evidence> {
    bool looked_up = false;
    BatchCache<BuildingFacts> facts;       // linked buildings of the batch
    BatchCache<std::string> regions;       // regions of its linked households
    BatchCache<Stored<Evidence>> existing;  // its records as stored
  };

  Result<void> look_up(const std::vector<const ImportRow*>& rows, Transaction& tx, Ahead& into) const {
    ANJU_TRY(into.facts.load(column_values(rows, "parcel_id"), [&](const auto& keys) {
      return keyed(tx.census().find_building_facts(keys),
                   [](const BuildingFacts& f) { return f.parcel_id; });
    }));
    ANJU_TRY(into.regions.load(column_values(rows, "household_id"), [&](const auto& keys) {
      return tx.households().household_regions(keys);
    }));
    if (fresh_) return {};
    return into.existing.load(column_values(rows, "evidence_id"), [&](const auto& keys) {
      return keyed(tx.census().find_evidence(source_, keys),
                   [](const Stored<Evidence>& s) { return s.value.evidence_id; });
    });
  }

  Ahead* ahead_ = nullptr;  // the batch being applied: the frame's, or own_
  Ahead own_;               // look-ups made here, without a note
};

class DisasterSink final : public RowSink {
 public:
  DisasterSink(Date today, WriteStamp stamp, std::string scope)
      : today_(today), stamp_(std::move(stamp)), scope_(std::move(scope)) {}

  Result<void> apply(const ImportRow& row, Transaction& tx, ImportReport& report) override {
    Parsed<Disaster> parsed = parse_disaster(row, today_);
    first_use(keys_, row, "event_id", "事件编号", parsed.errors);
    if (auto e = scope_error(scope_, row.row_number, "region_code", row.get("region_code")))
      parsed.errors.push_back(*e);
    if (!parsed.errors.empty()) {
      add_row_errors(report, std::move(parsed.errors));
      return {};
    }
    auto found = tx.census().find_disaster(parsed.value->event_id);
    if (!found) return found.error();
    return upsert(
        *found, *parsed.value,
        [&](const Disaster& v) { return tx.census().insert_disaster(v, stamp_); },
        [&](const Disaster& v, long version) {
          return tx.census().update_disaster(v, version, stamp_);
        },
        report);
  }

 private:
  Date today_;
  WriteStamp stamp_;
  std::string scope_;
  KeyIndex keys_;
};

}  // namespace

Result<ImportReport> import_buildings(Store& store, const std::string& path,
                                      const std::string& assume_srs, const ImportOptions& options,
                                      const Clock& clock, const std::string& layer) {
  BuildingSink sink(clock.today(), WriteStamp{options.actor, clock.now_iso()}, options.scope);
  return run_import(store, TemplateKind::buildings, path, open_geo_source(path, assume_srs, layer),
                    options, clock, sink);
}

Result<ImportReport> import_evidence(Store& store, const std::string& path, EvidenceSource source,
                                     const ImportOptions& options, const Clock& clock) {
  EvidenceSink sink(source, clock, WriteStamp{options.actor, clock.now_iso()}, options.scope);
  return run_import(store, TemplateKind::evidence, path,
                    open_template_source(TemplateKind::evidence, path), options, clock, sink);
}

Result<ImportReport> import_disasters(Store& store, const std::string& path,
                                      const ImportOptions& options, const Clock& clock) {
  DisasterSink sink(clock.today(), WriteStamp{options.actor, clock.now_iso()}, options.scope);
  return run_import(store, TemplateKind::disasters, path,
                    open_template_source(TemplateKind::disasters, path), options, clock, sink);
}

}  // namespace anju

#pragma once
// The persistence interface (DESIGN.md §3.3). Both engines (sqlite/ and
// postgres/, through sql/) implement it; nothing above this header knows
// which one runs.
//
// Thread-safety: a Store may be shared between threads; a Transaction belongs
// to the thread that began it. All methods report failures as values: `io`
// for engine errors, `conflict` for stale versions and unique-key clashes,
// `not_found` where a row to update does not exist.

#include <memory>
#include <optional>
#include <set>
#include <string>
#include <string_view>
#include <vector>

#include <functional>

#include "core/appraisal.h"
#include "core/audit.h"
#include "core/building.h"
#include "core/field_task.h"
#include "core/record.h"
#include "core/household.h"
#include "core/match_types.h"
#include "core/import_report.h"
#include "core/job.h"
#include "core/ledger.h"
#include "core/read_models.h"
#include "core/result.h"
#include "core/session.h"
#include "core/user.h"

namespace anju {

enum class TxMode { read, write };
// The tables batch runs read in key ranges (Transaction::key_bounds).
enum class KeyedTable { households, buildings };

class Transaction {
 public:
  virtual ~Transaction() = default;  // rolls back unless commit() succeeded

  // Makes every write of this transaction durable at once. After a failed
  // commit the transaction is rolled back. Either way the transaction is
  // over: its connection is free for the next begin() at once.
  virtual Result<void> commit() = 0;

  // --- regions -------------------------------------------------------------
  virtual Result<std::optional<Stored<Region>>> find_region(std::string_view code) = 0;
  // Every region, ordered by code.
  virtual Result<std::vector<Region>> list_regions() = 0;
  virtual Result<void> insert_region(const Region& region, const WriteStamp& stamp) = 0;
  // Fails with `conflict` when the stored version is not `expected_version`.
  virtual Result<void> update_region(const Region& region, long expected_version,
                                     const WriteStamp& stamp) = 0;

  // --- households ----------------------------------------------------------
  virtual Result<std::optional<Stored<Household>>> find_household(std::string_view id) = 0;
  // The household whose head has this ID number, if any.
  virtual Result<std::optional<std::string>> household_with_head(std::string_view id_number) = 0;
  virtual Result<void> insert_household(const Household& h, const WriteStamp& stamp) = 0;
  virtual Result<void> update_household(const Household& h, long expected_version,
                                        const WriteStamp& stamp) = 0;
  virtual Result<long> count_households() = 0;
  // The region of the household, or nullopt when there is no such household.
  virtual Result<std::optional<std::string>> household_region(std::string_view id) = 0;
  // Calls `fn` with where every household lives, in household_id order
  // (streaming): what the match reads.
  virtual Result<void> for_each_household_place(const std::function<void(HouseholdPlace&&)>& fn) = 0;
  // Bounds that cut `table`, in key order (household_id, parcel_id), into
  // at most `parts` ranges of about equal size, for batch runs that read it
  // in parts: "", then ascending keys, the last the greatest key. Range k
  // holds the keys with bounds[k] < key ≤ bounds[k+1]. Empty when the
  // table is.
  virtual Result<std::vector<std::string>> key_bounds(KeyedTable table, int parts) = 0;

  // --- buildings (图斑) ------------------------------------------------------
  virtual Result<std::optional<Stored<Building>>> find_building(std::string_view parcel_id) = 0;
  virtual Result<void> insert_building(const Building& b, const WriteStamp& stamp) = 0;
  virtual Result<void> update_building(const Building& b, long expected_version,
                                       const WriteStamp& stamp) = 0;
  virtual Result<long> count_buildings() = 0;
  // Footprints of the buildings with after < parcel_id ≤ upto (matching:
  // see key_bounds), in no set order; one building's facts (checks).
  virtual Result<void> for_each_footprint(std::string_view after, std::string_view upto,
                                          const std::function<void(Footprint&&)>& fn) = 0;
  virtual Result<std::optional<BuildingFacts>> find_building_facts(std::string_view parcel_id) = 0;

  // --- evidence (assessments) ------------------------------------------------
  virtual Result<std::optional<Stored<Evidence>>> find_evidence(EvidenceSource source,
                                                                std::string_view id) = 0;
  virtual Result<void> insert_evidence(const Evidence& e, const WriteStamp& stamp) = 0;
  virtual Result<void> update_evidence(const Evidence& e, long expected_version,
                                       const WriteStamp& stamp) = 0;
  // Records of one source, or of all sources with nullopt.
  virtual Result<long> count_evidence(std::optional<EvidenceSource> source) = 0;

  // --- disasters -----------------------------------------------------------
  virtual Result<std::optional<Stored<Disaster>>> find_disaster(std::string_view event_id) = 0;
  virtual Result<void> insert_disaster(const Disaster& d, const WriteStamp& stamp) = 0;
  virtual Result<void> update_disaster(const Disaster& d, long expected_version,
                                       const WriteStamp& stamp) = 0;
  virtual Result<std::vector<Disaster>> list_disasters() = 0;

  // --- campaign ------------------------------------------------------------
  virtual Result<Campaign> get_campaign() = 0;
  // Fails with `conflict` when the stored version is not campaign.version.
  virtual Result<void> update_campaign(const Campaign& campaign, const WriteStamp& stamp) = 0;

  // --- matching (人房对应) ---------------------------------------------------
  // 选择图斑: a household's manual choice, if any.
  virtual Result<std::optional<ManualMatch>> find_manual_match(std::string_view household_id) = 0;
  // Sets or replaces the choice, with optimistic locking: `expected_version`
  // 0 means "there is no choice yet"; a stale version fails with `conflict`. The household's
  // stored match becomes `manual` at once (and `shared` is recomputed for
  // the buildings concerned), without waiting for the next run.
  virtual Result<void> set_manual_match(std::string_view household_id, std::string_view parcel_id,
                                        long expected_version, const WriteStamp& stamp) = 0;
  // Removes the choice if its version is `expected_version` (`conflict`
  // otherwise, `not_found` when there is none). The stored match keeps its
  // building until the next run decides anew.
  virtual Result<void> clear_manual_match(std::string_view household_id, long expected_version) = 0;
  // household_id → parcel_id of every manual choice.
  virtual Result<std::vector<std::pair<std::string, std::string>>> list_manual_matches() = 0;
  // Replaces all match results with `results` as run `run`.
  virtual Result<void> replace_matches(const RunRecord& run,
                                       const std::vector<MatchResult>& results) = 0;
  virtual Result<void> for_each_match(const std::function<void(MatchResult&&)>& fn) = 0;
  virtual Result<std::optional<MatchResult>> find_match(std::string_view household_id) = 0;

  // --- judgment (初判) -------------------------------------------------------
  // Calls `fn` for every household with after < household_id ≤ upto (see
  // key_bounds), in
  // household_id order, with what its judgment needs: the matched
  // building's facts, every record naming that building's parcel or the
  // household dated on or before `as_of`, and the result of the previous
  // judgment. The engine joins; memory stays flat.
  virtual Result<void> for_each_judge_input(const Date& as_of, std::string_view after, std::string_view upto,
                                            const std::function<void(JudgeInput&&)>& fn) = 0;
  virtual Result<void> replace_judgments(const RunRecord& run,
                                         const std::vector<JudgmentRow>& rows) = 0;
  virtual Result<std::optional<JudgmentRow>> find_judgment(std::string_view household_id) = 0;
  // Replaces one household's judgment (after a field visit or appraisal) and
  // refreshes its village's counts.
  virtual Result<void> replace_judgment(const JudgmentRow& row) = 0;

  // --- field work (外业核实, 鉴定, 抽查: DOMAIN.md §10, §12) -------------------
  virtual Result<std::vector<AppraisalPart>> appraisal_parts() = 0;
  // Every task that is open or visited.
  virtual Result<std::vector<ActiveTask>> active_tasks() = 0;
  // `conflict` when the household already has an active task.
  virtual Result<long> insert_task(const FieldTask& task, const WriteStamp& stamp) = 0;
  // Many tasks at once (a judge run's), for households without an active
  // task: fails (`conflict`) if one has gained one meanwhile.
  virtual Result<void> insert_tasks(const std::vector<FieldTask>& tasks, const WriteStamp& stamp) = 0;
  // Sets the status (closed or cancelled) and reason of active tasks.
  virtual Result<void> end_tasks(const std::vector<long>& ids, TaskStatus status, const std::string& reason,
                                 const WriteStamp& stamp) = 0;
  virtual Result<std::optional<FieldTask>> find_task(long id) = 0;
  // Writes status, assignee, due date and reason; `conflict` on a stale version.
  virtual Result<void> update_task(const FieldTask& task, long expected_version, const WriteStamp& stamp) = 0;
  virtual Result<Page<TaskRow>> list_tasks(const TaskFilter& filter) = 0;
  // Tasks of the villages in [lo, hi] by village, or by assignee.
  virtual Result<std::vector<TaskCount>> task_counts(const std::string& region_lo, const std::string& region_hi,
                                                     bool by_assignee, const Date& today) = 0;
  virtual Result<long> insert_visit(const Visit& visit) = 0;
  virtual Result<std::vector<Visit>> visits_of(long task_id) = 0;
  virtual Result<long> insert_appraisal(const AppraisalRecord& record) = 0;
  virtual Result<std::vector<AppraisalRecord>> appraisals_of(long task_id) = 0;
  virtual Result<long> insert_attachment(const Attachment& attachment) = 0;
  virtual Result<std::vector<Attachment>> attachments_of(long task_id) = 0;
  virtual Result<std::optional<Attachment>> find_attachment(long id) = 0;
  virtual Result<long> insert_sample(const Sample& sample) = 0;
  // (household_id, village) of every household in [lo, hi] that is not
  // deceased, and of those with an active task.
  virtual Result<std::vector<std::pair<std::string, std::string>>> living_households(const std::string& region_lo,
                                                                                     const std::string& region_hi) = 0;
  virtual Result<std::set<std::string>> households_with_active_task(const std::string& region_lo,
                                                                    const std::string& region_hi) = 0;

  // --- the four-part record (DOMAIN.md §12) ----------------------------------
  virtual Result<std::optional<StoredRecord>> find_record(std::string_view household_id) = 0;
  // Inserts (record.version 0) or updates at `record.version`; `conflict`
  // when someone else changed it first.
  virtual Result<void> save_record(const StoredRecord& record, const WriteStamp& stamp) = 0;
  virtual Result<void> add_record_history(const RecordHistoryEntry& entry) = 0;
  virtual Result<std::vector<RecordHistoryEntry>> record_history(std::string_view household_id) = 0;
  // Every household of the regions with its record's state (not_started
  // when it has none).
  virtual Result<Page<RecordRow>> list_records(const RecordFilter& filter) = 0;
  virtual Result<std::vector<RecordCount>> record_counts(const std::string& region_lo,
                                                         const std::string& region_hi) = 0;

  // Change requests: `conflict` on a second open request of a household or a
  // stale version.
  virtual Result<long> insert_change(const ChangeRequest& request) = 0;
  virtual Result<std::optional<ChangeRequest>> find_change(long id) = 0;
  virtual Result<void> update_change(const ChangeRequest& request, const WriteStamp& stamp) = 0;
  virtual Result<Page<ChangeRequest>> list_changes(const ChangeFilter& filter) = 0;
  // Files of change requests (Attachment::change_id is the owner).
  virtual Result<long> insert_change_attachment(const Attachment& attachment) = 0;
  virtual Result<std::vector<Attachment>> change_attachments_of(long change_id) = 0;
  virtual Result<std::optional<Attachment>> find_change_attachment(long id) = 0;

  // --- the C/D ledger and renovation (DOMAIN.md §11) -------------------------
  // The open entries of one household, or ("") of all.
  virtual Result<std::vector<OpenLedgerEntry>> open_ledger_entries(std::string_view household_id) = 0;
  // Opens, regrades and closes entries as `sync` says, dated `on`.
  virtual Result<void> apply_ledger_sync(const LedgerSync& sync, const Date& on, const WriteStamp& stamp) = 0;
  // Every entry of a household, newest first (the open one, if any, first).
  virtual Result<std::vector<LedgerEntry>> ledger_entries_of(std::string_view household_id) = 0;
  // Writes what a clerk sets (measure … note, renovation_id) at
  // `entry.version`; `conflict` when someone else changed it first.
  virtual Result<void> update_ledger_entry(const LedgerEntry& entry, const WriteStamp& stamp) = 0;
  // The ledger's lines of the filter, by village and household, and how many.
  virtual Result<Page<LedgerRow>> list_ledger(const LedgerFilter& filter) = 0;
  // Every line of the filter, ignoring limit and offset (exports stream).
  virtual Result<void> for_each_ledger_row(const LedgerFilter& filter,
                                           const std::function<void(LedgerRow&&)>& fn) = 0;
  // What statistics need of every entry of the regions in [lo, hi].
  virtual Result<void> for_each_ledger_fact(const std::string& region_lo, const std::string& region_hi,
                                            const std::function<void(LedgerFact&&)>& fn) = 0;
  // Applications: `conflict` on a second live application of a household or
  // a stale version.
  virtual Result<long> insert_renovation(const Renovation& r) = 0;
  virtual Result<std::optional<Renovation>> find_renovation(long id) = 0;
  virtual Result<void> update_renovation(const Renovation& r, const WriteStamp& stamp) = 0;
  virtual Result<Page<RenovationRow>> list_renovations(const RenovationFilter& filter) = 0;
  virtual Result<void> add_renovation_history(const RenovationHistoryEntry& entry) = 0;
  virtual Result<std::vector<RenovationHistoryEntry>> renovation_history(long renovation_id) = 0;
  // Files of applications (Attachment::renovation_id is the owner).
  virtual Result<long> insert_renovation_attachment(const Attachment& attachment) = 0;
  virtual Result<std::vector<Attachment>> renovation_attachments_of(long renovation_id) = 0;
  virtual Result<std::optional<Attachment>> find_renovation_attachment(long id) = 0;

  // --- read models (the API's lists, map and dashboards) ---------------------
  // A page of households with their match and judgment; `total` counts every
  // household the filter keeps.
  virtual Result<Page<HouseholdListRow>> list_households(const HouseholdFilter& filter) = 0;
  // Every evidence record naming the parcel (if any) or the household, by
  // assessed_on.
  virtual Result<std::vector<Stored<Evidence>>> evidence_about(std::string_view parcel_id,
                                                               std::string_view household_id) = 0;
  // Households matched to a building.
  virtual Result<std::vector<std::string>> households_of_building(std::string_view parcel_id) = 0;
  // Up to `limit` buildings of the regions in [lo, hi] whose bounding box
  // meets `box`.
  virtual Result<std::vector<Stored<Building>>> buildings_in_box(const BBox& box,
                                                                 const std::string& region_lo,
                                                                 const std::string& region_hi,
                                                                 long limit) = 0;
  // The bounding box of every building of the regions in [lo, hi], if any.
  virtual Result<std::optional<BBox>> buildings_extent(const std::string& region_lo,
                                                       const std::string& region_hi) = 0;
  // Counts (core/read_models.h) of the regions in [lo, hi], of the given
  // dimensions; and of the regions directly under `parent` (kWholeCountry:
  // the provinces) in one dimension.
  virtual Result<std::vector<RegionCount>> region_counts(const std::string& region_lo,
                                                        const std::string& region_hi,
                                                        const std::vector<std::string>& dimensions) = 0;
  virtual Result<std::vector<RegionCount>> child_counts(const std::string& parent,
                                                       const std::string& dimension) = 0;
  // The regions directly under `parent` (kWholeCountry: the provinces), by code.
  virtual Result<std::vector<Region>> child_regions(const std::string& parent) = 0;
  // Recomputes the counts of the households of `region_code` (a village, or
  // kWholeCountry for all) from the households, matches and judgments, and
  // the sums of every region above it.
  virtual Result<void> refresh_summary(const std::string& region_code) = 0;
  // --- jobs (core/job.h) -------------------------------------------------------
  // Adds a queued job; `conflict` when its lane is busy. Returns its id.
  virtual Result<long> insert_job(const Job& job) = 0;
  virtual Result<std::optional<Job>> find_job(long id) = 0;
  // The newest jobs first, of one actor or (actor "") of all.
  virtual Result<std::vector<Job>> list_jobs(long limit, const std::string& actor) = 0;
  // Sets status, progress, rows, message and heartbeat (and result and
  // finished_at when given).
  virtual Result<void> update_job(const Job& job) = 0;
  // Fails the queued or running jobs whose heartbeat is older than `before`.
  virtual Result<long> fail_stale_jobs(const std::string& before, const std::string& at) = 0;

  // --- batch look-ups (imports) ----------------------------------------------
  // What an import needs to know of a batch of its rows, asked in one
  // statement per few hundred keys instead of one per row: a round trip
  // is nothing on SQLite but costs on PostgreSQL. Only keys found appear,
  // in no particular order; unknown and repeated keys are fine.
  virtual Result<std::vector<Stored<Household>>> find_households(
      const std::vector<std::string>& ids) = 0;
  // (head ID number, household_id) of the heads among `id_numbers`.
  virtual Result<std::vector<std::pair<std::string, std::string>>> households_with_heads(
      const std::vector<std::string>& id_numbers) = 0;
  // (household_id, region_code) of the households among `ids`.
  virtual Result<std::vector<std::pair<std::string, std::string>>> household_regions(
      const std::vector<std::string>& ids) = 0;
  virtual Result<std::vector<Stored<Building>>> find_buildings(
      const std::vector<std::string>& parcel_ids) = 0;
  virtual Result<std::vector<BuildingFacts>> find_building_facts(
      const std::vector<std::string>& parcel_ids) = 0;
  virtual Result<std::vector<Stored<Evidence>>> find_evidence(
      EvidenceSource source, const std::vector<std::string>& ids) = 0;

  // --- bulk loading ----------------------------------------------------------
  // For loading many rows into `table` until end_bulk_load(), which must run
  // before commit(). With `rebuild` (an import into an empty table, a full
  // replacement of results) its secondary indexes are dropped now and built
  // again at the end; a rollback restores them with everything else, and a
  // duplicate that slipped past a unique index fails end_bulk_load(). With
  // `keep` (many inserts into a table that has rows) the indexes stay. On
  // PostgreSQL the table's inserts go in as COPY batches either way, so an
  // insert's key clash is reported at the latest by end_bulk_load().
  enum class Indexes { rebuild, keep };
  virtual Result<void> begin_bulk_load(std::string_view table, Indexes indexes) = 0;
  virtual Result<void> end_bulk_load() = 0;

  // --- users (DOMAIN.md §8) --------------------------------------------------
  virtual Result<std::optional<Stored<User>>> find_user(std::string_view name) = 0;
  // Every user, ordered by name.
  virtual Result<std::vector<Stored<User>>> list_users() = 0;
  // Fails with `conflict` when the name is taken.
  virtual Result<void> insert_user(const User& user, const WriteStamp& stamp) = 0;
  virtual Result<void> update_user(const User& user, long expected_version,
                                   const WriteStamp& stamp) = 0;

  // --- sessions and failed logins (core/session.h) ---------------------------
  virtual Result<void> insert_session(const Session& session) = 0;
  virtual Result<std::optional<Session>> find_session(std::string_view token_hash) = 0;
  virtual Result<void> touch_session(std::string_view token_hash, const std::string& at) = 0;
  // Ends one session, or every open one of a user; returns how many ended.
  virtual Result<long> end_session(std::string_view token_hash, const std::string& at) = 0;
  virtual Result<long> end_user_sessions(std::string_view user_name, const std::string& at) = 0;
  // Ends the user's open sessions but `current` and the `keep` newest of the
  // others; returns how many ended.
  virtual Result<long> end_older_sessions(std::string_view user_name, std::string_view current, long keep,
                                          const std::string& at) = 0;
  virtual Result<void> record_login_failure(std::string_view user_name, const std::string& at,
                                            std::string_view source) = 0;
  // Failed logins of the user after `since`, oldest first (their times).
  virtual Result<std::vector<std::string>> login_failures_since(std::string_view user_name,
                                                                const std::string& since) = 0;
  virtual Result<void> clear_login_failures(std::string_view user_name) = 0;
  // Failed logins from `source` after `since`, whatever the name.
  virtual Result<long> count_login_failures_from(std::string_view source, const std::string& since) = 0;

  // --- audit log (core/audit.h) ------------------------------------------------
  // Adds an unchained entry (its id, seq and hashes are the store's to set).
  virtual Result<void> append_audit(const AuditEntry& entry) = 0;
  // The chained entry of the highest seq, if any.
  virtual Result<std::optional<AuditEntry>> last_chained_audit() = 0;
  // Up to `limit` unchained entries, by id.
  virtual Result<std::vector<AuditEntry>> unchained_audit(long limit) = 0;
  // Chains entry `id`; `conflict` when it was chained meanwhile.
  virtual Result<void> chain_audit(long id, long seq, const std::string& prev_hash,
                                   const std::string& hash) = 0;
  // Every entry: the chained ones by seq, then the unchained by id.
  virtual Result<void> for_each_audit(const std::function<void(AuditEntry&&)>& fn) = 0;
  // A page of entries, newest first.
  virtual Result<Page<AuditEntry>> list_audit(const AuditFilter& filter) = 0;

  // --- import journal ------------------------------------------------------
  // Records a finished import; returns its id.
  virtual Result<long> record_import(const ImportRun& run) = 0;
};

class Store {
 public:
  virtual ~Store() = default;

  // Starts a transaction; it sees one snapshot of the database for its life.
  // On SQLite a write transaction holds the database's write lock until it
  // ends (another writer waits up to a time-out, then gets `conflict`). On
  // PostgreSQL writers run side by side; a write to a row that another
  // transaction changed after this one began fails with `conflict`.
  // After any failed call other than a version check (`conflict` or
  // `not_found` from update_*), the transaction must be abandoned.
  virtual Result<std::unique_ptr<Transaction>> begin(TxMode mode) = 0;

  // "sqlite" or "postgresql".
  virtual std::string engine() const = 0;
  // True when a second write transaction can run while one is open (on
  // PostgreSQL; SQLite has one writer, and this process one connection):
  // only then can a long job report progress to the store as it goes.
  virtual bool concurrent_writes() const = 0;

  // The schema version after migrations were applied at open.
  virtual int schema_version() const = 0;

  // Writes a consistent copy of the whole database to `file` while others
  // keep working (SQLite: the online backup API; PostgreSQL: pg_dump's
  // custom format). The file appears only when complete.
  virtual Result<void> backup(const std::string& file) = 0;
  // Replaces the whole database with a backup of the same engine, in one
  // step, then applies the migrations the backup is missing.
  virtual Result<void> restore(const std::string& file) = 0;
};

// Opens the store named by `url`: "sqlite:PATH", a plain path (SQLite), or
// "postgresql://..." . Applies pending migrations. Fails with `invalid` on an
// unknown scheme and `io` when the database cannot be opened.
Result<std::unique_ptr<Store>> open_store(std::string_view url);

}  // namespace anju

#pragma once
// The Transaction of the SQL engines, written once against the driver
// interface (sql_db.h). It owns its connection for its life; `release` hands
// the connection back (unlocks SQLite's, returns PostgreSQL's to the pool).

#include <functional>

#include "core/region_tally.h"
#include "store/count_rows.h"
#include "store/sql/sql_db.h"
#include "store/store.h"

namespace anju::sql {

// One object serves every repository of the transaction: they share its
// connection, and a method of one may call another's (replace_judgment
// refreshes the counts).
class SqlTransaction final : public Transaction,
                             public RegionRepo,
                             public HouseholdRepo,
                             public CensusRepo,
                             public CampaignRepo,
                             public ResultRepo,
                             public FieldWorkRepo,
                             public RecordRepo,
                             public LedgerRepo,
                             public AccountRepo,
                             public AuditRepo,
                             public JobRepo,
                             public ReadModelRepo,
                             public BatchRepo,
                             public ClientWriteRepo {
 public:
  SqlTransaction(Connection& conn, std::function<void()> release)
      : conn_(conn), release_(std::move(release)) {}
  ~SqlTransaction() override;

  Result<void> commit() override;
  RegionRepo& regions() override { return *this; }
  HouseholdRepo& households() override { return *this; }
  CensusRepo& census() override { return *this; }
  CampaignRepo& campaign() override { return *this; }
  ResultRepo& results() override { return *this; }
  FieldWorkRepo& field_work() override { return *this; }
  RecordRepo& records() override { return *this; }
  LedgerRepo& ledger() override { return *this; }
  AccountRepo& accounts() override { return *this; }
  AuditRepo& audit() override { return *this; }
  JobRepo& jobs() override { return *this; }
  ReadModelRepo& read_models() override { return *this; }
  BatchRepo& batch() override { return *this; }
  ClientWriteRepo& client_writes() override { return *this; }

  Result<std::optional<ClientWrite>> find_client_write(const std::string& user, const std::string& key) override;
  Result<void> insert_client_write(const ClientWrite& write) override;
  Result<void> answer_client_write(const std::string& user, const std::string& key, int status,
                                   const std::string& answer) override;
  Result<long> forget_client_writes(const std::string& before) override;

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
  Result<std::optional<std::string>> household_region(std::string_view id) override;
  Result<void> for_each_household_place(std::string_view region,
                                        const std::function<void(HouseholdPlace&&)>& fn) override;
  Result<std::vector<std::string>> key_bounds(KeyedTable table, int parts) override;
  Result<SharedSnapshot> share_snapshot() override;

  Result<std::optional<Stored<Building>>> find_building(std::string_view parcel_id) override;
  Result<void> insert_building(const Building& b, const WriteStamp& stamp) override;
  Result<void> update_building(const Building& b, long expected_version,
                               const WriteStamp& stamp) override;
  Result<long> count_buildings() override;
  Result<void> for_each_footprint_meeting(const BBox& box, const std::function<void(Footprint&&)>& fn) override;
  Result<void> for_each_footprint_in(const std::string& region_lo, const std::string& region_hi,
                                     const std::function<void(Footprint&&)>& fn) override;
  Result<void> for_each_footprint(std::string_view after, std::string_view upto,
                                  const std::function<void(Footprint&&)>& fn) override;
  Result<std::optional<BuildingFacts>> find_building_facts(std::string_view parcel_id) override;

  Result<std::optional<Stored<Evidence>>> find_evidence(EvidenceSource source,
                                                        std::string_view id) override;
  Result<void> insert_evidence(const Evidence& e, const WriteStamp& stamp) override;
  Result<void> update_evidence(const Evidence& e, long expected_version,
                               const WriteStamp& stamp) override;
  Result<long> count_evidence(std::optional<EvidenceSource> source) override;

  Result<std::optional<Stored<Disaster>>> find_disaster(std::string_view event_id) override;
  Result<void> insert_disaster(const Disaster& d, const WriteStamp& stamp) override;
  Result<void> update_disaster(const Disaster& d, long expected_version,
                               const WriteStamp& stamp) override;
  Result<std::vector<Disaster>> list_disasters() override;

  Result<Campaign> campaign_for(std::string_view code) override;
  Result<std::vector<Campaign>> campaigns_inside(std::string_view code) override;
  Result<long> save_campaign(const Campaign& campaign, const WriteStamp& stamp) override;
  Result<void> remove_campaign(long id, long version) override;

  Result<std::optional<ManualMatch>> find_manual_match(std::string_view household_id) override;
  Result<void> store_match(const MatchResult& m) override;
  Result<void> set_manual_match(std::string_view household_id, std::string_view parcel_id,
                                long expected_version, const WriteStamp& stamp) override;
  Result<void> clear_manual_match(std::string_view household_id, long expected_version) override;
  Result<std::optional<MatchResult>> find_match(std::string_view household_id) override;
  Result<bool> holds_results() override;
  Result<std::optional<JudgmentRow>> find_judgment(std::string_view household_id) override;
  Result<Page<HouseholdListRow>> list_households(const HouseholdFilter& filter) override;
  Result<std::vector<Stored<Evidence>>> evidence_about(std::string_view parcel_id,
                                                       std::string_view household_id) override;
  Result<std::vector<std::string>> households_of_building(std::string_view parcel_id) override;
  Result<std::vector<Stored<Building>>> buildings_in_box(const BBox& box, const std::string& region_lo,
                                                         const std::string& region_hi, long limit) override;
  Result<void> replace_judgment(const JudgmentRow& row) override;
  Result<long> insert_change(const ChangeRequest& request) override;
  Result<std::optional<ChangeRequest>> find_change(long id) override;
  Result<void> update_change(const ChangeRequest& request, const WriteStamp& stamp) override;
  Result<Page<ChangeRequest>> list_changes(const ChangeFilter& filter) override;
  Result<long> insert_change_attachment(const Attachment& attachment) override;
  Result<std::vector<Attachment>> change_attachments_of(long change_id) override;
  Result<std::optional<Attachment>> find_change_attachment(long id) override;

  Result<std::vector<OpenLedgerEntry>> open_ledger_entries(std::string_view household_id) override;
  Result<std::vector<OpenLedgerEntry>> open_ledger_entries_in(std::string_view region) override;
  Result<void> apply_ledger_sync(const LedgerSync& sync, const Date& on, const WriteStamp& stamp) override;
  Result<std::vector<LedgerEntry>> ledger_entries_of(std::string_view household_id) override;
  Result<void> update_ledger_entry(const LedgerEntry& entry, const WriteStamp& stamp) override;
  Result<Page<LedgerRow>> list_ledger(const LedgerFilter& filter) override;
  Result<void> for_each_ledger_row(const LedgerFilter& filter, const std::function<void(LedgerRow&&)>& fn) override;
  Result<void> for_each_ledger_fact(const std::string& region_lo, const std::string& region_hi,
                                    const std::function<void(LedgerFact&&)>& fn) override;
  Result<long> insert_renovation(const Renovation& r) override;
  Result<std::optional<Renovation>> find_renovation(long id) override;
  Result<void> update_renovation(const Renovation& r, const WriteStamp& stamp) override;
  Result<Page<RenovationRow>> list_renovations(const RenovationFilter& filter) override;
  Result<void> add_renovation_history(const RenovationHistoryEntry& entry) override;
  Result<std::vector<RenovationHistoryEntry>> renovation_history(long renovation_id) override;
  Result<long> insert_renovation_attachment(const Attachment& attachment) override;
  Result<std::vector<Attachment>> renovation_attachments_of(long renovation_id) override;
  Result<std::optional<Attachment>> find_renovation_attachment(long id) override;
  Result<std::optional<StoredRecord>> find_record(std::string_view household_id) override;
  Result<void> save_record(const StoredRecord& record, const WriteStamp& stamp) override;
  Result<void> add_record_history(const RecordHistoryEntry& entry) override;
  Result<std::vector<RecordHistoryEntry>> record_history(std::string_view household_id) override;
  Result<Page<RecordRow>> list_records(const RecordFilter& filter) override;
  Result<std::vector<RecordCount>> record_counts(const std::string& region_lo, const std::string& region_hi) override;
  Result<std::vector<AppraisalPart>> appraisal_parts() override;
  Result<std::vector<ActiveTask>> active_tasks_in(std::string_view region) override;
  Result<std::vector<ActiveTask>> active_tasks_of(const std::vector<std::string>& household_ids) override;
  Result<long> insert_task(const FieldTask& task, const WriteStamp& stamp) override;
  Result<void> insert_tasks(const std::vector<FieldTask>& tasks, const WriteStamp& stamp) override;
  Result<void> end_tasks(const std::vector<long>& ids, TaskStatus status, const std::string& reason,
                         const WriteStamp& stamp) override;
  Result<std::optional<FieldTask>> find_task(long id) override;
  Result<void> update_task(const FieldTask& task, long expected_version, const WriteStamp& stamp) override;
  Result<Page<TaskRow>> list_tasks(const TaskFilter& filter) override;
  Result<std::vector<TaskCount>> task_counts(const std::string& region_lo,
                                             const std::string& region_hi, TaskGrouping by,
                                             const Date& today) override;
  Result<long> insert_visit(const Visit& visit) override;
  Result<std::vector<Visit>> visits_of(long task_id) override;
  Result<long> insert_appraisal(const AppraisalRecord& record) override;
  Result<std::vector<AppraisalRecord>> appraisals_of(long task_id) override;
  Result<long> insert_attachment(const Attachment& attachment) override;
  Result<std::vector<Attachment>> attachments_of(long task_id) override;
  Result<std::optional<Attachment>> find_attachment(long id) override;
  Result<long> insert_sample(const Sample& sample) override;
  Result<std::optional<Sample>> find_sample(long id) override;
  Result<std::vector<std::pair<std::string, std::string>>> living_households(const std::string& region_lo,
                                                                             const std::string& region_hi) override;
  Result<std::set<std::string>> households_with_active_task(const std::string& region_lo,
                                                            const std::string& region_hi) override;
  Result<std::optional<BBox>> buildings_extent(const std::string& region_lo,
                                               const std::string& region_hi) override;
  Result<std::vector<RegionCount>> region_counts(const std::string& region_lo, const std::string& region_hi,
                                                const std::vector<std::string>& dimensions) override;
  Result<std::vector<RegionCount>> child_counts(const std::string& parent, const std::string& dimension) override;
  Result<std::vector<Region>> child_regions(const std::string& parent) override;
  Result<void> refresh_summary(const std::string& region_code) override;
  Result<void> refresh_summary(const std::string& region_code, const RunCounts& run) override;
  Result<long> insert_job(const Job& job) override;
  Result<std::optional<Job>> find_job(long id) override;
  Result<std::vector<Job>> list_jobs(long limit, const std::string& actor) override;
  Result<void> update_job(const Job& job) override;
  Result<void> touch_jobs(const std::vector<long>& ids, const std::string& at) override;
  Result<long> fail_stale_jobs(const std::string& before, const std::string& at) override;
  Result<Page<AuditEntry>> list_audit(const AuditFilter& filter) override;
  Result<std::vector<std::pair<std::string, std::string>>> list_manual_matches(std::string_view region) override;
  Result<void> replace_matches(const RunRecord& run, std::string_view region,
                               const std::vector<MatchResult>& results) override;
  Result<void> for_each_match(const std::function<void(MatchResult&&)>& fn) override;

  Result<void> for_each_judge_input(const Date& as_of, std::string_view after, std::string_view upto,
                                    std::string_view region,
                                    const std::function<void(JudgeInput&&)>& fn) override;
  Result<void> replace_judgments(const RunRecord& run, std::string_view region,
                                 const std::vector<JudgmentRow>& rows) override;

  Result<std::vector<Stored<Household>>> find_households(const std::vector<std::string>& ids) override;
  Result<std::vector<std::pair<std::string, std::string>>> households_with_heads(
      const std::vector<std::string>& id_numbers) override;
  Result<std::vector<std::pair<std::string, std::string>>> household_regions(
      const std::vector<std::string>& ids) override;
  Result<std::vector<Stored<Building>>> find_buildings(const std::vector<std::string>& parcel_ids) override;
  Result<std::vector<BuildingFacts>> find_building_facts(
      const std::vector<std::string>& parcel_ids) override;
  Result<std::vector<Stored<Evidence>>> find_evidence(EvidenceSource source,
                                                      const std::vector<std::string>& ids) override;

  Result<std::optional<Stored<User>>> find_user(std::string_view name) override;
  Result<std::vector<Stored<User>>> list_users() override;
  Result<void> insert_user(const User& user, const WriteStamp& stamp) override;
  Result<void> update_user(const User& user, long expected_version, const WriteStamp& stamp) override;

  Result<void> insert_session(const Session& session) override;
  Result<std::optional<SessionOfUser>> find_session(std::string_view token_hash) override;
  Result<void> touch_session(std::string_view token_hash, const std::string& at) override;
  Result<long> end_session(std::string_view token_hash, const std::string& at) override;
  Result<long> end_user_sessions(std::string_view user_name, const std::string& at) override;
  Result<long> end_older_sessions(std::string_view user_name, std::string_view current, long keep,
                                  const std::string& at) override;
  Result<void> record_login_failure(std::string_view user_name, const std::string& at,
                                    std::string_view source) override;
  Result<std::vector<std::string>> login_failures_since(std::string_view user_name,
                                                        const std::string& since) override;
  Result<void> clear_login_failures(std::string_view user_name) override;
  Result<long> count_login_failures_from(std::string_view source, const std::string& since) override;

  Result<void> append_audit(const AuditEntry& entry) override;
  Result<std::optional<AuditEntry>> last_chained_audit() override;
  Result<std::vector<AuditEntry>> unchained_audit(long limit) override;
  Result<void> chain_audit(long id, long seq, const std::string& prev_hash,
                           const std::string& hash) override;
  Result<void> for_each_audit(const std::function<void(AuditEntry&&)>& fn) override;

  Result<long> record_import(const ImportRun& run) override;
  Result<void> begin_bulk_load(BulkTable table, Indexes indexes) override;
  Result<void> end_bulk_load() override;
  bool bulk_load_locks_table() const override { return conn_.bulk_load_locks_table(); }

 private:
  // After an UPDATE … WHERE version = ?: `conflict` when no row changed
  // although the key exists, `not_found` when it does not.
  Result<void> check_versioned_update(const char* exists_sql, std::string_view key,
                                      const char* what);
  // Files of a change request or renovation application in `table`, whose
  // owner's id is in column `owner`: one added, those where `key` = value,
  // the one with this id.
  Result<long> insert_owned_file(const char* table, const char* owner, long owner_id, const Attachment& a);
  Result<std::vector<Attachment>> owned_files(const char* table, const char* owner, const char* key, long value);
  Result<std::optional<Attachment>> owned_file(const char* table, const char* owner, long id);
  // refresh_summary's steps: the leaf counts of the households of a region
  // (or all; from what a run counted when it has, `run`), the regions those
  // counts name with the regions above, and the writing of the rows whose
  // cells changed.
  Result<void> refresh_counts(const std::string& region_code, const RunCounts* run);
  Result<void> count_households(const std::string& region_code, CountTable& into);
  Result<RegionDirectory> region_directory(const std::string& region_code);
  Result<void> write_counts(const CountRowChanges& changes);
  // Appends the rows of region_counts `s` selects (kRows' columns).
  Result<void> read_rows(Statement& s, std::vector<CountRow>& out);
  // The rows of region_counts `where` picks (it may name region_code and
  // parent_code, ?1 and ?2 bound to `values`), ordered by region_code and
  // leaf rows first, with the deltas appended since the last fold added in:
  // one statement.
  Result<std::vector<CountRow>> counted_rows(const char* where, std::initializer_list<std::string_view> values);
  // Appends what a change moved in the regions above its villages
  // (count_rows.h: add_count_deltas), and folds every delta into the rows
  // once the country has kFoldDeltasAfter of them.
  Result<void> append_count_deltas(const std::vector<CountRow>& deltas);
  Result<void> fold_count_deltas();
  // The households of a region whose `dimension` is `key`, as counted.
  Result<long> region_total(const std::string& region_code, const std::string& dimension, const std::string& key);
  // Inserts a run record; returns its id.
  Result<long> insert_run(const RunRecord& run);
  // Runs `head` VALUES `tuple`,… `tail` over rows [0, count): up to 64 rows
  // a statement (PostgreSQL pays a round trip each), the rest one by one.
  // `bind(s, row, base)` binds the row's parameters from base + 1 on.
  Result<void> insert_rows(const std::string& head, const char* tuple, const std::string& tail, size_t count,
                           const std::function<void(Statement&, size_t, int)>& bind);
  // A read over `region`: `everything` for the whole country, else
  // `in_region`, whose ?1-?3 (the province, the lowest and the highest code)
  // are bound here. `streamed`: a scan (read in batches) rather than a
  // statement kept prepared.
  enum class Read { prepared, streamed };
  Statement& region_read(std::string_view region, const char* everything, const char* in_region,
                         Read read = Read::prepared);
  // `conflict` naming the active run whose region overlaps a match or judge
  // job's (`lane`); nothing for other lanes.
  Result<void> check_run_overlap(const Job& job, const std::string& lane);
  // One household's match, added or replaced, as run `run_id` (0: on its own).
  Result<void> upsert_match(const MatchResult& m, long run_id);
  // `shared` of every match on these buildings, from how many are on each.
  Result<void> recount_shared(const std::vector<std::string>& parcels);
  // A region's run: the judgments (and reasons) of the rows' households replaced.
  Result<void> upsert_judgments(const std::vector<JudgmentRow>& rows, long run_id);
  // The id an INSERT … RETURNING id gave back.
  Result<long> returned_id(Statement& s);
  // Runs `select` followed by the connection's key list (" IN (…)" of its
  // parameters, the rest of the last chunk NULL; or " = ANY(…)" of one text
  // array), after `fixed` parameters bound by `bind_fixed`, once per chunk
  // of `keys`, calling `row` for each result row.
  Result<void> each_in(const std::string& select, int fixed, const std::vector<std::string>& keys,
                       const std::function<void(Statement&)>& bind_fixed,
                       const std::function<void(const Statement&)>& row);
  // Steps `s` to the end, calling `row` for each result row.
  template <class F>
  Result<void> each_row(Statement& s, F&& row) {
    while (true) {
      auto more = s.step();
      if (!more) return more.error();
      if (!*more) break;
      row(s);
    }
    s.reset();
    return {};
  }

  // From this many rows on, inserts into a table that has rows go in as a
  // bulk load (COPY on PostgreSQL, which then analyzes the table: worth it
  // for a run's rows, not for the few of a single change).
  static constexpr size_t kBulkRows = 1000;

  Connection& conn_;
  std::function<void()> release_;
  bool done_ = false;
};

}  // namespace anju::sql

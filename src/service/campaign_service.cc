#include "service/campaign_service.h"

#include "service/audit_service.h"

namespace anju {

nlohmann::ordered_json campaign_json(const Campaign& c) {
  std::vector<std::string> structures;
  for (Structure s : c.settings.aging_structures) structures.emplace_back(enum_key(s));
  return {{"name", c.name}, {"window_start", c.window_start.to_string()},
          {"window_end", c.window_end.to_string()},
          {"as_of", c.as_of ? nlohmann::ordered_json(c.as_of->to_string()) : nullptr},
          {"cutoff", c.settings.cutoff.to_string()}, {"aging_year", c.settings.aging_year},
          {"aging_age_years", c.settings.aging_age_years}, {"aging_structures", structures},
          {"ledger_deadline", c.ledger_deadline.to_string()},
          {"version", c.version}};
}

Result<Campaign> read_campaign(Store& store) {
  auto tx = store.begin(TxMode::read);
  if (!tx) return tx.error();
  return (*tx)->campaign().get_campaign();
}

Result<void> check_store(Store& store) {
  auto campaign = read_campaign(store);
  if (!campaign) return campaign.error();
  return {};
}

Result<Campaign> change_campaign(Store& store, const std::function<Result<void>(Campaign&)>& edit,
                                 const std::string& actor, const Clock& clock) {
  auto begun = store.begin(TxMode::write);
  if (!begun) return begun.error();
  Transaction& tx = **begun;
  auto c = tx.campaign().get_campaign();
  if (!c) return c.error();
  const nlohmann::ordered_json before = campaign_json(*c);
  ANJU_TRY(edit(*c));
  ANJU_TRY(tx.campaign().update_campaign(*c, WriteStamp{actor, clock.now_iso()}));
  ++c->version;
  ANJU_TRY(audit(tx.audit(), clock, actor, "campaign.update", "campaign", "1",
                 {{"before", before}, {"after", campaign_json(*c)}}));
  ANJU_TRY(tx.commit());
  (void)chain_audit_log(store);
  return *c;
}

Result<void> backup_database(Store& store, const std::string& file, const std::string& actor,
                             const Clock& clock) {
  ANJU_TRY(store.backup(file));
  ANJU_TRY(audit(store, clock, actor, "db.backup", "database", file, {}));
  (void)chain_audit_log(store);
  return {};
}

Result<void> restore_database(Store& store, const std::string& file, const std::string& actor,
                              const Clock& clock) {
  ANJU_TRY(store.restore(file));
  ANJU_TRY(note_audit_restore(file));
  ANJU_TRY(audit(store, clock, actor, "db.restore", "database", file, {}));
  (void)chain_audit_log(store);
  return {};
}

}  // namespace anju

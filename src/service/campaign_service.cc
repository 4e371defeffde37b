#include "service/campaign_service.h"

#include "core/access.h"
#include "core/region_code.h"
#include "service/audit_service.h"
#include "service/retry.h"

namespace anju {

nlohmann::ordered_json campaign_json(const Campaign& c) {
  std::vector<std::string> structures;
  for (Structure s : c.settings.aging_structures) structures.emplace_back(enum_key(s));
  std::vector<std::string> papers;
  for (RenovationPaper p : c.acceptance_papers) papers.emplace_back(enum_key(p));
  return {{"id", c.id}, {"region_code", c.region_code}, {"name", c.name},
          {"window_start", c.window_start.to_string()}, {"window_end", c.window_end.to_string()},
          {"as_of", c.as_of ? nlohmann::ordered_json(c.as_of->to_string()) : nullptr},
          {"cutoff", c.settings.cutoff.to_string()}, {"aging_year", c.settings.aging_year},
          {"aging_age_years", c.settings.aging_age_years}, {"aging_structures", structures},
          {"ledger_deadline", c.ledger_deadline.to_string()},
          {"acceptance_papers", papers},
          {"version", c.version}};
}

Result<CampaignIndex> campaigns_over(CampaignRepo& campaigns, std::string_view region) {
  auto governing = campaigns.campaign_for(region);
  if (!governing) return governing.error();
  auto inside = campaigns.campaigns_inside(region);
  if (!inside) return inside.error();
  return CampaignIndex(std::move(*governing), std::move(*inside));
}

Result<void> check_store(Store& store) {
  auto tx = store.begin(TxMode::read);
  if (!tx) return tx.error();
  auto campaign = (*tx)->campaign().campaign_for(kWholeCountry);
  if (!campaign) return campaign.error();
  return {};
}

StoreConnections store_connections(const Store& store) {
  const Store::PoolUse use = store.pool_use();
  return {use.idle, use.leased};
}

namespace {

Result<RegionCampaign> region_campaign(Transaction& tx, const std::string& region) {
  RegionCampaign out;
  out.region_code = region;
  auto c = tx.campaign().campaign_for(region);
  if (!c) return c.error();
  out.campaign = std::move(*c);
  out.own = out.campaign.region_code == region;
  if (region_county(region) != region) {
    auto county = tx.campaign().campaign_for(region_county(region));
    if (!county) return county.error();
    out.campaign.acceptance_papers = county->acceptance_papers;
  }
  auto inside = tx.campaign().campaigns_inside(region);
  if (!inside) return inside.error();
  out.inside = std::move(*inside);
  return out;
}

// What a campaign must be, whoever sets it (the web form, the CLI).
Result<void> check_campaign(const Campaign& c) {
  if (c.name.empty() || c.name.size() > 200) return make_error(ErrorCode::invalid, "请填写工作名称（200字节以内）");
  if (c.window_end < c.window_start) return make_error(ErrorCode::invalid, "工作结束日期不能早于开始日期");
  if (c.settings.cutoff > c.window_end)
    return make_error(ErrorCode::invalid, "结论有效起始日期（cutoff）不能晚于工作结束日期");
  if (c.ledger_deadline < c.window_start)
    return make_error(ErrorCode::invalid, "危房台账销号期限不能早于工作开始日期");
  if (c.settings.aging_year < 1800 || c.settings.aging_year > 2100)
    return make_error(ErrorCode::invalid, "老化规则的建造年代应在 1800 至 2100 年之间");
  if (c.settings.aging_age_years < 0 || c.settings.aging_age_years > 50)
    return make_error(ErrorCode::invalid, "老化规则的评估年数应在 0 至 50 年之间");
  return {};
}

// The region named (the user's own when none): a code within the user's scope.
Result<std::string> readable_region(const User& user, std::string_view region) {
  const std::string code = region.empty() ? user.region_code : std::string(region);
  if (code != kWholeCountry && !is_region_code(code))
    return make_error(ErrorCode::invalid, "区划代码应为12位数字：" + code);
  ANJU_TRY(authorize(user, Action::read, code == kWholeCountry ? "" : code));
  if (!covers_user(user, code)) return make_error(ErrorCode::not_found, kNotFoundInScope);
  return code;
}

// The region a campaign is set for: as above, and a province, city, county
// or town of the division table that the user may set.
Result<std::string> campaign_region(Transaction& tx, const User& user, std::string_view region) {
  auto code = readable_region(user, region);
  if (!code) return code.error();
  if (*code == kWholeCountry) {
    ANJU_TRY(authorize(user, Action::set_campaign, ""));
    return code;
  }
  ANJU_TRY(authorize(user, Action::set_campaign, *code));
  auto known = tx.regions().find_region(*code);
  if (!known) return known.error();
  if (!*known) return make_error(ErrorCode::not_found, "区划代码表中没有这个区划：" + *code);
  if (region_level(*code) == RegionLevel::village)
    return make_error(ErrorCode::invalid, "工作设置只能按省、市、县、乡镇设置，村沿用所在乡镇的设置");
  return code;
}

// Whether households judged by `before` would be judged differently by
// `after`: another campaign (its id goes on the judgment) or other settings.
bool judges_differently(const Campaign& before, const Campaign& after) {
  const JudgeSettings& a = before.settings;
  const JudgeSettings& b = after.settings;
  return before.id != after.id || before.as_of != after.as_of || a.cutoff != b.cutoff ||
         a.aging_year != b.aging_year || a.aging_age_years != b.aging_age_years ||
         a.aging_structures != b.aging_structures;
}

// Whether any household of `region` has a judgment (the counts say).
Result<bool> region_judged(Transaction& tx, const std::string& region) {
  auto counts = tx.read_models().region_counts(region, region, {"result"});
  if (!counts) return counts.error();
  for (const RegionCount& c : *counts)
    if (c.region_code == region && !c.key.empty() && c.n > 0) return true;
  return false;
}

// Stores `after` (or removes the region's own campaign when nullopt), audits
// it, and judges the region again when it has been judged.
Result<CampaignChange> apply_change(Store& store, Transaction& tx, const User& user, const std::string& region,
                                    const RegionCampaign& before, const std::optional<Campaign>& after,
                                    const Clock& clock) {
  const WriteStamp stamp{user.name, clock.now_iso()};
  nlohmann::json detail = {{"region", region}, {"before", campaign_json(before.campaign)}};
  if (after) {
    auto id = tx.campaign().save_campaign(*after, stamp);
    if (!id) return id.error();
  } else {
    ANJU_TRY(tx.campaign().remove_campaign(before.campaign.id, before.campaign.version));
  }
  CampaignChange out;
  auto now = region_campaign(tx, region);
  if (!now) return now.error();
  out.now = std::move(*now);
  detail["after"] = campaign_json(out.now.campaign);
  ANJU_TRY(audit(tx.audit(), clock, user.name, after ? "campaign.update" : "campaign.remove", "region", region, detail));
  auto judged = region_judged(tx, region);
  if (!judged) return judged.error();
  if (*judged && judges_differently(before.campaign, out.now.campaign)) {
    JudgeOverrides overrides;
    overrides.region = region;
    auto run = judge_in(store, tx, overrides, stamp, clock);
    if (!run) return run.error();
    run->rows.clear();
    out.judged = std::move(*run);
  }
  ANJU_TRY(tx.commit());
  (void)chain_audit_log(store);
  return out;
}

Result<void> check_version(const RegionCampaign& rc, std::optional<long> expected) {
  const long stored = rc.own ? rc.campaign.version : 0;
  if (expected && *expected != stored)
    return make_error(ErrorCode::conflict, "工作设置已被他人修改，请刷新后重试");
  return {};
}

}  // namespace

Result<RegionCampaign> read_campaign(Store& store, const User& user, std::string_view region) {
  auto code = readable_region(user, region);
  if (!code) return code.error();
  auto tx = store.begin(TxMode::read);
  if (!tx) return tx.error();
  return region_campaign(**tx, *code);
}

namespace {

// What a change makes of the region's campaign as it is (`before`): the
// campaign to store, or nullopt to remove the region's own.
using CampaignDecision = std::function<Result<std::optional<Campaign>>(const std::string& code, const RegionCampaign& before)>;

Result<CampaignChange> change_in(Store& store, const User& user, std::string_view region,
                                 std::optional<long> expected_version, const CampaignDecision& decide,
                                 const Clock& clock) {
  return retry_races([&]() -> Result<CampaignChange> {
    auto begun = store.begin(TxMode::write);
    if (!begun) return begun.error();
    Transaction& tx = **begun;
    auto code = campaign_region(tx, user, region);
    if (!code) return code.error();
    auto before = region_campaign(tx, *code);
    if (!before) return before.error();
    ANJU_TRY(check_version(*before, expected_version));
    auto after = decide(*code, *before);
    if (!after) return after.error();
    return apply_change(store, tx, user, *code, *before, *after, clock);
  });
}

}  // namespace

Result<CampaignChange> change_campaign(Store& store, const User& user, std::string_view region,
                                       std::optional<long> expected_version,
                                       const std::function<Result<void>(Campaign&)>& edit, const Clock& clock) {
  auto decide = [&](const std::string& code, const RegionCampaign& before) -> Result<std::optional<Campaign>> {
    Campaign after = before.campaign;
    if (!before.own) {  // a region's first: the inherited settings, as its own
      after.id = 0;
      after.version = 0;
      after.region_code = code;
    }
    ANJU_TRY(edit(after));
    ANJU_TRY(check_campaign(after));
    if (region_county(code) != code && after.acceptance_papers != before.campaign.acceptance_papers)
      return make_error(ErrorCode::invalid, "验收前须上传的材料由县级工作设置决定，乡镇不能更改（acceptance_papers）");
    return std::optional<Campaign>(std::move(after));
  };
  return change_in(store, user, region, expected_version, decide, clock);
}

Result<CampaignChange> remove_campaign(Store& store, const User& user, std::string_view region,
                                       std::optional<long> expected_version, const Clock& clock) {
  auto decide = [&](const std::string& code, const RegionCampaign& before) -> Result<std::optional<Campaign>> {
    if (code == kWholeCountry) return make_error(ErrorCode::invalid, "全国的工作设置不能删除，只能修改");
    if (!before.own) return make_error(ErrorCode::invalid, "该区划没有单独的工作设置，已沿用上级的设置");
    return std::optional<Campaign>();
  };
  return change_in(store, user, region, expected_version, decide, clock);
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
  return note_database_restored(store, file, actor, clock);
}

Result<void> note_database_restored(Store& store, const std::string& from, const std::string& actor,
                                    const Clock& clock) {
  // The entry first: a restore line that no entry records would reset the
  // checkpoints unexplained.
  ANJU_TRY(audit(store, clock, actor, "db.restore", "database", from, {}));
  ANJU_TRY(note_audit_restore(from));
  (void)chain_audit_log(store);
  return {};
}

}  // namespace anju

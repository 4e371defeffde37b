#include "service/change_service.h"

#include <nlohmann/json.hpp>

#include "core/access.h"
#include "core/id_number.h"
#include "core/region_code.h"
#include "service/audit_service.h"
#include "service/census_service.h"

namespace anju {
namespace {

std::string value_of(const std::map<std::string, std::string>& m, const char* key) {
  auto it = m.find(key);
  return it == m.end() ? "" : it->second;
}

// The request's details, checked and normalised, as JSON.
Result<nlohmann::json> checked_details(Transaction& tx, const Household& h, const ChangeInput& in, Date today) {
  switch (in.kind) {
    case ChangeKind::deceased: {
      const auto died = parse_date(value_of(in.details, "died_on"));
      if (!died) return make_error(ErrorCode::invalid, "请填写死亡日期");
      if (today < *died) return make_error(ErrorCode::invalid, "死亡日期不能晚于今天");
      return nlohmann::json{{"died_on", died->to_string()}};
    }
    case ChangeKind::head_change: {
      const std::string name = value_of(in.details, "head_name");
      if (name.empty()) return make_error(ErrorCode::invalid, "请填写新户主姓名");
      auto id = validate_id_number(value_of(in.details, "head_id_number"), today);
      if (!id) return make_error(ErrorCode::invalid, "新户主身份证号有误：" + id.error().message);
      if (*id == h.head_id_number) return make_error(ErrorCode::invalid, "新户主与现户主是同一人");
      return nlohmann::json{{"head_name", name}, {"head_id_number", *id}};
    }
    case ChangeKind::relocation: {
      const std::string region = value_of(in.details, "region_code");
      const std::string address = value_of(in.details, "address");
      if (!is_region_code(region) || region_level(region) != RegionLevel::village)
        return make_error(ErrorCode::invalid, "迁入地应为村级区划代码（12位）");
      if (region == h.region_code) return make_error(ErrorCode::invalid, "迁入地与现住村相同");
      auto r = tx.regions().find_region(region);
      if (!r) return r.error();
      if (!*r) return make_error(ErrorCode::invalid, "迁入地区划 " + region + " 尚未导入");
      if (address.empty()) return make_error(ErrorCode::invalid, "请填写迁入后的详细地址");
      return nlohmann::json{{"region_code", region}, {"address", address}};
    }
  }
  return make_error(ErrorCode::invalid, "未知的变更类型");
}

bool crosses_county(const ChangeRequest& r) {
  if (r.kind != ChangeKind::relocation) return false;
  const auto d = nlohmann::json::parse(r.details, nullptr, false);
  const std::string to = d.is_object() ? d.value("region_code", "") : "";
  return to.substr(0, 6) != r.region_code.substr(0, 6);
}

// Applies an approved request to the household; returns its before/after.
Result<nlohmann::json> apply(Transaction& tx, const ChangeRequest& r, const WriteStamp& stamp, const Clock& clock) {
  auto h = tx.households().find_household(r.household_id);
  if (!h) return h.error();
  if (!*h) return make_error(ErrorCode::not_found, "没有这个农户：" + r.household_id);
  Household x = (*h)->value;
  const nlohmann::json d = nlohmann::json::parse(r.details, nullptr, false);
  nlohmann::json before, after;
  switch (r.kind) {
    case ChangeKind::deceased:
      before = {{"status", enum_key(x.status)}};
      x.status = HouseholdStatus::deceased;
      x.extras.emplace_back("死亡日期", d.value("died_on", ""));
      after = {{"status", enum_key(x.status)}, {"died_on", d.value("died_on", "")}};
      break;
    case ChangeKind::head_change:
      before = {{"head_name", x.head_name}, {"head_id_number", mask_id_number(x.head_id_number)}};
      x.head_name = d.value("head_name", x.head_name);
      x.head_id_number = d.value("head_id_number", x.head_id_number);
      after = {{"head_name", x.head_name}, {"head_id_number", mask_id_number(x.head_id_number)}};
      break;
    case ChangeKind::relocation:
      // The household leaves its old house: the roster's parcel and dwelling
      // point are the old village's, so they go with it (kept in the history).
      before = {{"region_code", x.region_code}, {"address", x.address}, {"parcel_id", x.parcel_id}};
      if (x.lon && x.lat) before["lon_lat"] = {*x.lon, *x.lat};
      x.region_code = d.value("region_code", x.region_code);
      x.address = d.value("address", x.address);
      x.parcel_id.clear();
      x.lon.reset();
      x.lat.reset();
      after = {{"region_code", x.region_code}, {"address", x.address}, {"parcel_id", ""}};
      break;
  }
  ANJU_TRY(tx.households().update_household(x, (*h)->version, stamp));
  ANJU_TRY(tx.read_models().refresh_summary((*h)->value.region_code));
  if (x.region_code != (*h)->value.region_code)
    ANJU_TRY(tx.read_models().refresh_summary(x.region_code));
  if (r.kind == ChangeKind::relocation) {
    // Matched in the new village (a manual choice of the old one goes too),
    // its old village's tasks cancelled: the new village opens its own.
    auto choice = tx.results().find_manual_match(x.household_id);
    if (!choice) return choice.error();
    if (*choice) ANJU_TRY(tx.results().clear_manual_match(x.household_id, (*choice)->version));
    auto old_tasks = tx.field_work().active_tasks_of({x.household_id});
    if (!old_tasks) return old_tasks.error();
    std::vector<long> ids;
    for (const ActiveTask& t : *old_tasks) ids.push_back(t.id);
    ANJU_TRY(tx.field_work().end_tasks(ids, TaskStatus::cancelled, "农户已迁出原村，任务取消", stamp));
    auto matched = rematch_household(tx, x.household_id);
    if (!matched) return matched.error();
    after["match"] = {{"outcome", match_outcome_key(matched->outcome)}, {"parcel_id", matched->parcel_id}};
  }
  auto judged = rederive_household(tx, x.household_id, stamp.actor, clock);
  if (!judged) return judged.error();
  return nlohmann::json{{"before", before}, {"after", after}, {"result", judge_result_key(judged->result)}};
}

}  // namespace

Result<ChangeRequest> raise_change(Store& store, const User& user, const ChangeInput& in, const Clock& clock) {
  auto txr = store.begin(TxMode::write);
  if (!txr) return txr.error();
  Transaction& tx = **txr;
  auto h = tx.households().find_household(in.household_id);
  if (!h) return h.error();
  if (!*h) return make_error(ErrorCode::not_found, kNotFoundInScope);
  ANJU_TRY(authorize(user, Action::read, (*h)->value.region_code));
  if (!may_raise_change(user.role))
    return make_error(ErrorCode::forbidden, std::string(enum_name(user.role)) + "不能提出变更申请（由村资料员或镇办公室提出）");
  if ((*h)->value.status == HouseholdStatus::deceased) return make_error(ErrorCode::invalid, "该户已销户");
  auto details = checked_details(tx, (*h)->value, in, clock.today());
  if (!details) return details.error();
  const std::string at = clock.now_iso();
  ChangeRequest r{0, in.household_id, (*h)->value.region_code, in.kind, ChangeState::submitted, details->dump(),
                  in.note, "", 1, at, user.name, at, user.name};
  auto id = tx.records().insert_change(r);
  if (!id) return id.error();
  r.id = *id;
  ANJU_TRY(audit(tx.audit(), clock, user.name, "change.raise", "household", in.household_id,
                 {{"change", r.id}, {"kind", enum_key(in.kind)}, {"note", in.note}}));
  ANJU_TRY(tx.commit());
  (void)chain_audit_log(store);
  return r;
}

Result<ChangeRequest> decide_change(Store& store, const User& user, long id, long version, ChangeAction action,
                                    const std::string& reason, const Clock& clock) {
  ANJU_TRY(authorize(user, Action::decide_changes, ""));
  auto txr = store.begin(TxMode::write);
  if (!txr) return txr.error();
  Transaction& tx = **txr;
  auto found = tx.records().find_change(id);
  if (!found) return found.error();
  if (!*found) return make_error(ErrorCode::not_found, kNotFoundInScope);
  ChangeRequest r = **found;
  ANJU_TRY(authorize(user, Action::read, r.region_code));
  auto to = change_transition(r.state, action, user.role, crosses_county(r), reason);
  if (!to) return to.error();
  if (r.version != version) return make_error(ErrorCode::conflict, "该申请已被他人处理，请刷新后再操作");
  if (r.kind == ChangeKind::deceased && action == ChangeAction::approve) {
    auto files = tx.records().change_attachments_of(r.id);
    if (!files) return files.error();
    if (files->empty()) return make_error(ErrorCode::invalid, "死亡销户须附死亡证明等材料，请先上传");
  }
  const WriteStamp stamp{user.name, clock.now_iso()};
  r.state = *to;
  r.reason = action == ChangeAction::reject ? reason : "";
  ANJU_TRY(tx.records().update_change(r, stamp));
  nlohmann::json detail = {{"change", r.id}, {"kind", enum_key(r.kind)}, {"state", enum_key(r.state)},
                           {"reason", reason}};
  if (r.state == ChangeState::approved) {
    auto applied = apply(tx, r, stamp, clock);
    if (!applied) return applied.error();
    detail["applied"] = *applied;
  }
  ANJU_TRY(audit(tx.audit(), clock, user.name,
                 std::string("change.") + (action == ChangeAction::approve ? "approve" : "reject"),
                 "household", r.household_id, detail));
  ANJU_TRY(tx.commit());
  (void)chain_audit_log(store);
  ++r.version;
  r.updated_at = stamp.at;
  r.updated_by = stamp.actor;
  return r;
}

Result<Attachment> add_change_attachment(Store& store, const User& user, const FileStore& files, long change_id,
                                         const std::string& upload, const std::string& file_name, const Clock& clock) {
  ANJU_TRY(authorize(user, Action::fill_records, ""));
  {  // the request must be open and the user's to raise before the file is looked at
    auto tx = store.begin(TxMode::read);
    if (!tx) return tx.error();
    auto r = (*tx)->records().find_change(change_id);
    if (!r) return r.error();
    if (!*r) return make_error(ErrorCode::not_found, kNotFoundInScope);
    ANJU_TRY(authorize(user, Action::read, (*r)->region_code));
    ANJU_TRY(authorize(user, Action::fill_records, (*r)->region_code));
    if ((*r)->state == ChangeState::approved || (*r)->state == ChangeState::rejected)
      return make_error(ErrorCode::invalid, "申请已审批完毕，不能再添加材料");
  }
  auto stored = store_upload(files, upload, "report", file_name, user, clock);
  if (!stored) return stored.error();
  Attachment a = std::move(*stored);
  a.change_id = change_id;
  auto tx = store.begin(TxMode::write);
  if (!tx) return tx.error();
  auto id = (*tx)->records().insert_change_attachment(a);
  if (!id) return id.error();
  a.id = *id;
  ANJU_TRY(audit((*tx)->audit(), clock, user.name, "change.attachment", "change_request",
                 std::to_string(change_id),
                 {{"attachment", a.id}, {"sha256", a.sha256}, {"bytes", a.bytes}}));
  ANJU_TRY((*tx)->commit());
  (void)chain_audit_log(store);
  return a;
}

Result<std::vector<Attachment>> change_files(Store& store, long change_id) {
  auto tx = store.begin(TxMode::read);
  if (!tx) return tx.error();
  return (*tx)->records().change_attachments_of(change_id);
}

Result<AttachmentFile> change_attachment_file(Store& store, const User& user, const FileStore& files, long id,
                                              bool thumb) {
  auto tx = store.begin(TxMode::read);
  if (!tx) return tx.error();
  auto a = (*tx)->records().find_change_attachment(id);
  if (!a) return a.error();
  if (!*a) return make_error(ErrorCode::not_found, kNotFoundInScope);
  auto r = (*tx)->records().find_change((*a)->change_id);
  if (!r) return r.error();
  if (!*r) return make_error(ErrorCode::not_found, kNotFoundInScope);
  ANJU_TRY(authorize(user, Action::read, (*r)->region_code));
  return served_file(files, **a, thumb);
}

Result<Page<ChangeRequest>> list_change_requests(Store& store, const User& user, const std::string& region_code,
                                                 std::optional<ChangeState> state, long offset, long limit) {
  auto region = list_region(user, region_code);
  if (!region) return region.error();
  const CodeRange range = region_range(*region);
  auto tx = store.begin(TxMode::read);
  if (!tx) return tx.error();
  return (*tx)->records().list_changes(
      ChangeFilter{range.lo, range.hi, state, std::max(0L, offset), std::clamp(limit, 1L, 200L)});
}

}  // namespace anju

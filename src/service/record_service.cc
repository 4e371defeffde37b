#include "service/record_service.h"

#include <algorithm>
#include <cmath>
#include <iostream>
#include <nlohmann/json.hpp>
#include <tuple>

#include "core/access.h"
#include "core/building.h"
#include "core/id_number.h"
#include "core/judgment.h"
#include "core/privacy.h"
#include "service/audit_service.h"
#include "service/user_service.h"
#include "service/record_building.h"
#include "service/roll_up.h"

namespace anju {
namespace {

const char* kNoHousehold = kNotFoundInScope;

template <class E>
std::string name_or_empty(const std::optional<E>& v) {
  return v ? enum_name(*v) : "";
}

std::string number_text(double v) {
  char buf[32];
  std::snprintf(buf, sizeof buf, "%g", v);
  return buf;
}

// What the roster, the matched building and the judgment's evidence say.
Result<std::map<std::string, RecordValue>> prefill(Transaction& tx, const Household& h) {
  std::map<std::string, RecordValue> f;
  auto put = [&](const char* key, std::string value, const std::string& source) {
    if (!value.empty()) f[key] = RecordValue{std::move(value), source, "", ""};
  };
  put("head_name", h.head_name, "roster");
  put("head_id_number", h.head_id_number, "roster");
  put("members", std::to_string(h.members), "roster");
  put("address", h.address, "roster");
  put("phone", h.phone, "roster");
  put("category", enum_name(h.category), "roster");
  put("housing", enum_name(h.housing), "roster");
  auto m = tx.results().find_match(h.household_id);
  if (!m) return m.error();
  if (*m && !(*m)->parcel_id.empty()) {
    auto b = tx.census().find_building((*m)->parcel_id);
    if (!b) return b.error();
    if (*b) {
      const Building& x = (*b)->value;
      put("parcel_id", x.parcel_id, "census");
      put("floors", x.floors ? std::to_string(*x.floors) : "", "census");
      put("built", x.built ? x.built->text : "", "census");
      put("structure", name_or_empty(x.structure), "census");
      put("area_m2", x.area_m2 ? number_text(*x.area_m2) : "", "census");
      put("planning_permit", name_or_empty(x.planning_permit), "census");
      put("homestead_approval", name_or_empty(x.homestead_approval), "census");
      put("property_registration", name_or_empty(x.property_registration), "census");
      put("geo_hazard", name_or_empty(x.geo_hazard), "census");
      put("expanded", name_or_empty(x.expanded), "census");
      put("business_use", name_or_empty(x.business_use), "census");
    }
  }
  auto j = tx.results().find_judgment(h.household_id);
  if (!j) return j.error();
  if (*j && (*j)->evidence_source && !(*j)->evidence_id.empty()) {
    auto e = tx.census().find_evidence(*(*j)->evidence_source, (*j)->evidence_id);
    if (!e) return e.error();
    if (*e) {
      const std::string source = enum_key((*e)->value.source);
      put("safety_grade", name_or_empty((*e)->value.grade), source);
      put("safety_date", (*e)->value.assessed_on.to_string(), source);
      put("safety_source", evidence_label((*e)->value.source, (*e)->value.method) + "（" + (*e)->value.evidence_id + "）",
          source);
    }
  }
  return f;
}

struct Loaded {
  Stored<Household> household;
  StoredRecord record;
};

// The household (in the user's scope) and its record: the stored one with
// the values nobody typed refreshed while it is editable, else the prefill.
Result<Loaded> load(Transaction& tx, const User& user, const std::string& household_id) {
  auto h = tx.households().find_household(household_id);
  if (!h) return h.error();
  if (!*h) return make_error(ErrorCode::not_found, kNoHousehold);
  ANJU_TRY(authorize(user, Action::read, (*h)->value.region_code));
  auto stored = tx.records().find_record(household_id);
  if (!stored) return stored.error();
  Loaded out{**h, *stored ? **stored : StoredRecord{household_id, (*h)->value.region_code, RecordState::not_started,
                                                    {}, 0, "", ""}};
  if (record_editable(out.record.state)) {
    auto fresh = prefill(tx, (*h)->value);
    if (!fresh) return fresh.error();
    for (auto& [k, v] : *fresh) {
      auto it = out.record.fields.find(k);
      if (it == out.record.fields.end() || it->second.source != "edit") out.record.fields[k] = v;
    }
  }
  return out;
}

RecordFacts facts_of(const StoredRecord& r) {
  RecordFacts facts;
  for (const auto& [k, v] : r.fields)
    if (!v.value.empty()) facts.present.push_back(k);
  auto housing = r.fields.find("housing");
  if (housing != r.fields.end()) facts.housing = enum_parse<Housing>(housing->second.value).value_or(Housing::own_rural);
  auto date = r.fields.find("safety_date");
  if (date != r.fields.end()) facts.safety_date = parse_date(date->second.value);
  return facts;
}

Result<RecordView> view_of(Transaction& tx, const Loaded& l, Date cutoff, Disclosure disclosure) {
  RecordView v{l.record.household_id, l.record.region_code, l.record.state, l.record.version, {}, {}, {},
               l.record.updated_at, l.record.updated_by, std::nullopt};
  const RecordFacts facts = facts_of(l.record);
  const bool full = disclosure.full;
  for (const RecordField& f : record_fields()) {
    RecordFieldView fv{&f, {}, f.required_always || (facts.housing == Housing::own_rural && f.required_own_rural)};
    auto it = l.record.fields.find(f.key);
    if (it != l.record.fields.end()) fv.value = it->second;
    if (!full && std::string_view(f.key) == "head_id_number") fv.value.value = mask_id_number(fv.value.value);
    if (!full && std::string_view(f.key) == "phone") fv.value.value = mask_phone(fv.value.value);
    v.fields.push_back(std::move(fv));
  }
  v.missing = record_missing(facts, cutoff);
  auto judgment = tx.results().find_judgment(l.record.household_id);
  if (!judgment) return judgment.error();
  if (*judgment) v.judgment = **judgment;
  auto history = tx.records().record_history(l.record.household_id);
  if (!history) return history.error();
  v.history = std::move(*history);
  std::vector<std::string> actors{v.updated_by};
  for (const RecordHistoryEntry& h : v.history) actors.push_back(h.actor);
  auto names = people_names(tx.accounts(), actors);
  if (!names) return names.error();
  v.names = std::move(*names);
  if (!full)  // the numbers a role may not see stay masked in the history too
    for (RecordHistoryEntry& h : v.history) {
      auto changes = nlohmann::json::parse(h.changes, nullptr, false);
      if (!changes.is_array()) continue;
      for (auto& c : changes)
        for (const char* side : {"before", "after"}) {
          const std::string field = c.value("field", ""), text = c.value(side, "");
          if (field == "phone") c[side] = mask_phone(text);
          if (field == "head_id_number") c[side] = mask_id_number(text);
        }
      h.changes = changes.dump();
    }
  return v;
}

// The typed value as it is kept, or why it cannot be.
Result<std::string> checked_value(const RecordField& f, const std::string& text, int this_year) {
  const std::string key = f.key;
  if (!record_field_typed(f))
    return make_error(ErrorCode::invalid, std::string(f.name) + "来自花名册或评估鉴定，不能在此修改");
  if (text.empty()) return text;
  auto coded = [&](auto parsed) -> Result<std::string> {
    if (!parsed) return make_error(ErrorCode::invalid, std::string(f.name) + "的值无效：" + text);
    return std::string(enum_name(*parsed));
  };
  if (key == "category") return coded(enum_parse<Category>(text));
  if (key == "housing") return coded(enum_parse<Housing>(text));
  if (key == "structure") return coded(enum_parse<Structure>(text));
  if (key == "planning_permit" || key == "homestead_approval" || key == "property_registration")
    return coded(enum_parse<Availability>(text));
  if (key == "geo_hazard" || key == "expanded" || key == "business_use") return coded(enum_parse<YesNo>(text));
  if (key == "members" || key == "floors") {
    char* end = nullptr;
    const long n = std::strtol(text.c_str(), &end, 10);
    if (*end || n < 1 || n > 99) return make_error(ErrorCode::invalid, std::string(f.name) + "应为 1–99 的整数");
    return std::to_string(n);
  }
  if (key == "built") {
    auto years = parse_built_years(text, this_year);
    if (!years) return make_error(ErrorCode::invalid, "建造年代应为年份（如 2005）或普查的年代段（如 1981-1990年）");
    return years->text;
  }
  if (key == "area_m2") {
    char* end = nullptr;
    const double a = std::strtod(text.c_str(), &end);
    if (*end || !(a > 0 && a < 100000)) return make_error(ErrorCode::invalid, "建筑面积应为正数（平方米）");
    return number_text(a);
  }
  return text;
}

// The cut-off of the campaign the household follows.
Result<Date> campaign_cutoff(Transaction& tx, const Loaded& l) {
  auto c = tx.campaign().campaign_for(l.household.value.region_code);
  if (!c) return c.error();
  return c->settings.cutoff;
}

Result<RecordView> commit_view(Store& store, Transaction& tx, const User& user, const std::string& household_id) {
  auto again = load(tx, user, household_id);
  if (!again) return again.error();
  auto cutoff = campaign_cutoff(tx, *again);
  if (!cutoff) return cutoff.error();
  auto view = view_of(tx, *again, *cutoff, Disclosure{});
  if (!view) return view.error();
  ANJU_TRY(tx.commit());
  (void)chain_audit_log(store);
  return view;
}

}  // namespace

Result<RecordView> record_view_in(Transaction& tx, const User& user, const std::string& household_id,
                                  Disclosure disclosure) {
  auto l = load(tx, user, household_id);
  if (!l) return l.error();
  auto cutoff = campaign_cutoff(tx, *l);
  if (!cutoff) return cutoff.error();
  return view_of(tx, *l, *cutoff, disclosure);
}

Result<RecordView> record_view(Store& store, const User& user, const std::string& household_id,
                               Disclosure disclosure, const Clock& clock) {
  auto txr = store.begin(TxMode::read);
  if (!txr) return txr.error();
  auto view = record_view_in(**txr, user, household_id, disclosure);
  txr->reset();  // the audit entry of a full read is written in a transaction of its own
  if (!view) return view.error();
  ANJU_TRY(disclose(store, user, view->region_code, disclosure, "record", household_id, {}, clock));
  return view;
}

Result<RecordView> save_record_fields(Store& store, const User& user, const std::string& household_id, long version,
                                      const std::map<std::string, std::string>& changes, const Clock& clock) {
  auto txr = store.begin(TxMode::write);
  if (!txr) return txr.error();
  Transaction& tx = **txr;
  auto l = load(tx, user, household_id);
  if (!l) return l.error();
  ANJU_TRY(authorize(user, Action::fill_records, l->record.region_code));
  if (l->record.version != version) return make_error(ErrorCode::conflict, "该户的四类信息已被他人修改，请刷新后再操作");
  auto to = record_transition(l->record.state, RecordAction::edit, user.role, "");
  if (!to) return to.error();
  const std::string at = clock.now_iso();
  nlohmann::json diff = nlohmann::json::array();
  for (const auto& [key, text] : changes) {
    const RecordField* f = find_record_field(key);
    if (!f) return make_error(ErrorCode::invalid, "未知的字段：" + key);
    auto value = checked_value(*f, text, clock.today().year);
    if (!value) return value.error();
    RecordValue& cur = l->record.fields[key];
    if (cur.value == *value) continue;
    diff.push_back({{"field", key}, {"before", cur.value}, {"after", *value}});
    cur = RecordValue{*value, "edit", user.name, at};
  }
  const RecordState from = l->record.state;
  if (diff.empty() && from == *to) return record_view(store, user, household_id, Disclosure{}, clock);  // nothing to keep
  l->record.state = *to;
  ANJU_TRY(tx.records().save_record(l->record, WriteStamp{user.name, at}));
  ANJU_TRY(tx.records().add_record_history(
      {0, household_id, at, user.name, "edit", from, *to, "", diff.dump()}));
  ANJU_TRY(audit(tx.audit(), clock, user.name, "record.edit", "household", household_id,
                 {{"changes", diff}}));
  std::map<std::string, std::string> now;
  for (const auto& [key, value] : l->record.fields) now[key] = value.value;
  auto rejudged = carry_building_facts(tx, household_id, diff, now, user.name, clock);
  if (!rejudged) return rejudged.error();
  return commit_view(store, tx, user, household_id);
}

Result<RecordView> act_on_record(Store& store, const User& user, const std::string& household_id, long version,
                                 RecordAction action, const std::string& comment, const Clock& clock) {
  if (action == RecordAction::edit) return make_error(ErrorCode::invalid, "填报请用保存");
  auto txr = store.begin(TxMode::write);
  if (!txr) return txr.error();
  Transaction& tx = **txr;
  auto l = load(tx, user, household_id);
  if (!l) return l.error();
  ANJU_TRY(authorize(user, action == RecordAction::submit ? Action::fill_records : Action::review_records,
                     l->record.region_code));
  if (l->record.version != version) return make_error(ErrorCode::conflict, "该户的四类信息已被他人修改，请刷新后再操作");
  auto to = record_transition(l->record.state, action, user.role, comment);
  if (!to) return to.error();
  if (action == RecordAction::submit || action == RecordAction::approve) {
    auto cutoff = campaign_cutoff(tx, *l);
    if (!cutoff) return cutoff.error();
    const auto missing = record_missing(facts_of(l->record), *cutoff);
    if (!missing.empty()) {
      std::string list;
      for (const std::string& m : missing) list += (list.empty() ? "" : "、") + m;
      return make_error(ErrorCode::invalid, "信息不全，不能" + std::string(enum_name(action)) + "：缺" + list);
    }
  }
  const std::string at = clock.now_iso();
  const RecordState from = l->record.state;
  l->record.state = *to;
  ANJU_TRY(tx.records().save_record(l->record, WriteStamp{user.name, at}));
  ANJU_TRY(tx.records().add_record_history(
      {0, household_id, at, user.name, enum_key(action), from, *to, comment, "[]"}));
  ANJU_TRY(audit(
      tx.audit(), clock, user.name, std::string("record.") + enum_key(action), "household",
      household_id,
      {{"from", enum_key(from)}, {"to", enum_key(*to)}, {"comment", comment}}));
  return commit_view(store, tx, user, household_id);
}

std::vector<BulkOutcome> act_on_records(Store& store, const User& user, const std::vector<RecordRef>& records,
                                        RecordAction action, const std::string& comment, const Clock& clock) {
  std::vector<BulkOutcome> out;
  for (const RecordRef& r : records) {
    auto done = act_on_record(store, user, r.household_id, r.version, action, comment, clock);
    if (!done && for_operator_only(done.error()))
      std::cerr << "records " << r.household_id << ": " << done.error().message << '\n';
    out.push_back({r.household_id, static_cast<bool>(done),
                   done ? enum_name(done->state) : client_message(done.error())});
  }
  return out;
}

Result<Page<RecordRow>> list_records(Store& store, const User& user, const std::string& region_code,
                                     std::optional<RecordState> state, long offset, long limit,
                                     RecordsShown shown) {
  auto region = list_region(user, region_code);
  if (!region) return region.error();
  const CodeRange range = region_range(*region);
  auto tx = store.begin(TxMode::read);
  if (!tx) return tx.error();
  auto page = (*tx)->records().list_records(
      RecordFilter{range.lo, range.hi, state, std::max(0L, offset), std::clamp(limit, 1L, 200L), shown});
  if (!page) return page.error();
  ANJU_TRY(name_updaters((*tx)->accounts(), page->items));
  return page;
}

Result<void> name_updaters(AccountRepo& accounts, std::vector<RecordRow>& rows) {
  std::vector<std::string> logins;
  for (const RecordRow& r : rows)
    if (!r.updated_by.empty()) logins.push_back(r.updated_by);
  auto names = people_names(accounts, logins);
  if (!names) return names.error();
  for (RecordRow& r : rows)
    if (!r.updated_by.empty()) r.updated_by_name = (*names)[r.updated_by];
  return {};
}

Result<std::vector<RecordCount>> record_progress(Store& store, const User& user,
                                                 const std::string& region_code, RecordsBy by) {
  auto region = list_region(user, region_code);
  if (!region) return region.error();
  const CodeRange range = region_range(*region);
  auto tx = store.begin(TxMode::read);
  if (!tx) return tx.error();
  auto counts = (*tx)->records().record_counts(range.lo, range.hi);
  if (!counts || by != RecordsBy::child) return counts;
  auto children = (*tx)->regions().child_regions(*region);
  if (!children) return children.error();
  auto rolled = roll_up(*children, std::move(*counts), &RecordCount::region_code,
                        [](RecordCount& into, const RecordCount& r) {
                          if (into.state != r.state) return false;
                          into.n += r.n;
                          return true;
                        });
  std::stable_sort(rolled.begin(), rolled.end(), [](const RecordCount& a, const RecordCount& b) {
    return std::tie(a.region_code, a.state) < std::tie(b.region_code, b.state);
  });
  return rolled;
}

}  // namespace anju

// The four-part records and their review history (DOMAIN.md §12) on both
// engines. A record's fields are one JSON object; a household without a
// row is "not_started".
#include <nlohmann/json.hpp>

#include "store/row_codec.h"
#include "store/sql/sql_transaction.h"
#include "store/sql/where_builder.h"

namespace anju::sql {
namespace {

std::string fields_json(const std::map<std::string, RecordValue>& fields) {
  nlohmann::json out = nlohmann::json::object();
  for (const auto& [k, v] : fields) out[k] = {{"value", v.value}, {"source", v.source}, {"by", v.by}, {"at", v.at}};
  return out.dump();
}

std::map<std::string, RecordValue> fields_from(const std::string& text) {
  std::map<std::string, RecordValue> out;
  const auto j = nlohmann::json::parse(text, nullptr, false);
  if (!j.is_object()) throw UnreadableValue("records.fields", text);
  for (const auto& [k, v] : j.items()) {
    if (!v.is_object() || !v.contains("value") || !v["value"].is_string()) throw UnreadableValue("records.fields", text);
    out[k] = {v["value"].get<std::string>(), v.value("source", ""), v.value("by", ""), v.value("at", "")};
  }
  return out;
}

RecordState state_of(const Statement& s, int col) {
  return s.is_null(col) ? RecordState::not_started
                        : stored_value(enum_from_key<RecordState>(s.text(col)), "records.state", s.text(col));
}

}  // namespace

Result<std::optional<StoredRecord>> SqlTransaction::find_record(std::string_view household_id) {
  std::optional<StoredRecord> out;
  ANJU_TRY(each_row(conn_.prepare("SELECT household_id, region_code, state, fields, version, updated_at, updated_by"
                                  " FROM records WHERE household_id = ?1")
                        .bind(1, household_id),
                    [&](const Statement& s) {
                      out = StoredRecord{s.text(0), s.text(1),    state_of(s, 2), fields_from(s.text(3)),
                                         s.integer(4), s.text(5), s.text(6)};
                    }));
  return out;
}

Result<void> SqlTransaction::save_record(const StoredRecord& r, const WriteStamp& stamp) {
  if (r.version == 0) {
    auto& s = conn_.prepare(
        "INSERT INTO records(household_id, region_code, state, fields, created_at, updated_at, updated_by)"
        " VALUES (?1, ?2, ?3, ?4, ?5, ?5, ?6) ON CONFLICT DO NOTHING");
    s.bind(1, r.household_id).bind(2, r.region_code).bind(3, enum_key(r.state)).bind(4, fields_json(r.fields));
    s.bind(5, stamp.at).bind(6, stamp.actor);
    ANJU_TRY(s.run());
    if (conn_.changes() != 1) return make_error(ErrorCode::conflict, "该户的四类信息已被他人先行填报，请刷新后再操作");
    return {};
  }
  auto& s = conn_.prepare(
      "UPDATE records SET region_code = ?2, state = ?3, fields = ?4, version = version + 1, updated_at = ?5,"
      " updated_by = ?6 WHERE household_id = ?1 AND version = ?7");
  s.bind(1, r.household_id).bind(2, r.region_code).bind(3, enum_key(r.state)).bind(4, fields_json(r.fields));
  s.bind(5, stamp.at).bind(6, stamp.actor).bind(7, r.version);
  ANJU_TRY(s.run());
  if (conn_.changes() == 1) return {};
  return check_versioned_update("SELECT 1 FROM records WHERE household_id = ?", r.household_id, "四类信息");
}

Result<void> SqlTransaction::add_record_history(const RecordHistoryEntry& e) {
  auto& s = conn_.prepare(
      "INSERT INTO record_history(household_id, at, actor, action, from_state, to_state, comment, changes)"
      " VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8)");
  s.bind(1, e.household_id).bind(2, e.at).bind(3, e.actor).bind(4, e.action).bind(5, enum_key(e.from));
  s.bind(6, enum_key(e.to)).bind(7, e.comment).bind(8, e.changes);
  return s.run();
}

Result<std::vector<RecordHistoryEntry>> SqlTransaction::record_history(std::string_view household_id) {
  std::vector<RecordHistoryEntry> out;
  ANJU_TRY(each_row(conn_.prepare("SELECT id, household_id, at, actor, action, from_state, to_state, comment, changes"
                                  " FROM record_history WHERE household_id = ?1 ORDER BY id")
                        .bind(1, household_id),
                    [&](const Statement& s) {
                      out.push_back({s.integer(0), s.text(1), s.text(2), s.text(3), s.text(4), state_of(s, 5),
                                     state_of(s, 6), s.text(7), s.text(8)});
                    }));
  return out;
}

Result<Page<RecordRow>> SqlTransaction::list_records(const RecordFilter& f) {
  WhereBuilder w;
  w.add("h.region_code BETWEEN ? AND ?", f.region_lo, f.region_hi);
  if (f.state) w.add("coalesce(r.state, 'not_started') = ?", std::string(enum_key(*f.state)));
  if (f.shown == RecordsShown::returned)  // the last review step (edits aside) was a return
    w.add("r.state = 'draft' AND (SELECT rh.action FROM record_history rh WHERE rh.household_id = h.household_id"
          " AND rh.action <> 'edit' ORDER BY rh.id DESC LIMIT 1) = 'return'");
  const std::string from = " FROM households h LEFT JOIN records r ON r.household_id = h.household_id";
  Page<RecordRow> page;
  {
    const std::string sql = "SELECT count(*)" + from + w.sql();
    auto& c = conn_.prepare(sql.c_str());
    w.bind(c);
    ANJU_TRY(each_row(c, [&](const Statement& s) { page.total = s.integer(0); }));
  }
  const std::string limit = w.placeholder(f.limit), offset = w.placeholder(f.offset);
  const std::string sql = "SELECT h.household_id, h.head_name, h.region_code, r.state, coalesce(r.version, 0),"
                          " coalesce(r.updated_by, '')" + std::string(", r.updated_at") + from + w.sql() +
                          " ORDER BY h.household_id LIMIT " + limit + " OFFSET " + offset;
  auto& s = conn_.prepare(sql.c_str());
  w.bind(s);
  ANJU_TRY(each_row(s, [&](const Statement& r) {
    page.items.push_back({r.text(0), r.text(1), r.text(2), state_of(r, 3), r.integer(4),
                          r.is_null(6) ? "" : r.text(6), r.text(5)});
  }));
  return page;
}

Result<std::vector<RecordCount>> SqlTransaction::record_counts(const std::string& lo, const std::string& hi) {
  std::vector<RecordCount> out;
  ANJU_TRY(each_row(conn_.prepare("SELECT h.region_code, coalesce(r.state, 'not_started'), count(*) FROM households h"
                                  " LEFT JOIN records r ON r.household_id = h.household_id"
                                  " WHERE h.region_code BETWEEN ?1 AND ?2 GROUP BY 1, 2 ORDER BY 1, 2")
                        .bind(1, lo)
                        .bind(2, hi),
                    [&](const Statement& s) {
                      out.push_back({s.text(0), stored_value(enum_from_key<RecordState>(s.text(1)), "records.state", s.text(1)),
                                     s.integer(2)});
                    }));
  return out;
}

}  // namespace anju::sql

namespace anju::sql {
namespace {

constexpr const char* kChangeColumns =
    "id, household_id, region_code, kind, state, details, note, reason, version, created_at, created_by,"
    " updated_at, updated_by, (SELECT h.head_name FROM households h WHERE h.household_id = change_requests.household_id)"
    " FROM change_requests";

ChangeRequest read_change(const Statement& s) {
  return {s.integer(0),
          s.text(1),
          s.text(2),
          stored_value(enum_parse<ChangeKind>(s.text(3)), "change_requests.kind", s.text(3)),
          stored_value(enum_from_key<ChangeState>(s.text(4)), "change_requests.state", s.text(4)),
          s.text(5),
          s.text(6),
          s.text(7),
          s.integer(8),
          s.text(9),
          s.text(10),
          s.text(11),
          s.text(12),
          s.is_null(13) ? "" : s.text(13)};
}

}  // namespace

Result<long> SqlTransaction::insert_change(const ChangeRequest& r) {
  auto& s = conn_.prepare(
      "INSERT INTO change_requests(household_id, region_code, kind, state, details, note, created_at, created_by,"
      " updated_at, updated_by) VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?7, ?8) ON CONFLICT DO NOTHING RETURNING id");
  s.bind(1, r.household_id).bind(2, r.region_code).bind(3, enum_key(r.kind)).bind(4, enum_key(r.state));
  s.bind(5, r.details).bind(6, r.note).bind(7, r.created_at).bind(8, r.created_by);
  long id = 0;
  ANJU_TRY(each_row(s, [&](const Statement& row) { id = row.integer(0); }));
  if (id == 0) return make_error(ErrorCode::conflict, "该户已有待审批的变更申请");
  return id;
}

Result<std::optional<ChangeRequest>> SqlTransaction::find_change(long id) {
  std::optional<ChangeRequest> out;
  ANJU_TRY(each_row(conn_.prepare((std::string("SELECT ") + kChangeColumns + " WHERE id = ?1").c_str()).bind(1, id),
                    [&](const Statement& s) { out = read_change(s); }));
  return out;
}

Result<void> SqlTransaction::update_change(const ChangeRequest& r, const WriteStamp& stamp) {
  auto& s = conn_.prepare(
      "UPDATE change_requests SET state = ?2, reason = ?3, version = version + 1, updated_at = ?4, updated_by = ?5"
      " WHERE id = ?1 AND version = ?6");
  s.bind(1, r.id).bind(2, enum_key(r.state)).bind(3, r.reason).bind(4, stamp.at).bind(5, stamp.actor);
  s.bind(6, r.version);
  ANJU_TRY(s.run());
  if (conn_.changes() == 1) return {};
  return check_versioned_update("SELECT 1 FROM change_requests WHERE id = ?", std::to_string(r.id), "变更申请");
}

Result<Page<ChangeRequest>> SqlTransaction::list_changes(const ChangeFilter& f) {
  WhereBuilder w;
  w.add("region_code BETWEEN ? AND ?", f.region_lo, f.region_hi);
  if (f.state) w.add("state = ?", std::string(enum_key(*f.state)));
  Page<ChangeRequest> page;
  {
    const std::string sql = "SELECT count(*) FROM change_requests" + w.sql();
    auto& c = conn_.prepare(sql.c_str());
    w.bind(c);
    ANJU_TRY(each_row(c, [&](const Statement& s) { page.total = s.integer(0); }));
  }
  const std::string limit = w.placeholder(f.limit), offset = w.placeholder(f.offset);
  const std::string sql = std::string("SELECT ") + kChangeColumns + w.sql() + " ORDER BY id DESC LIMIT " + limit +
                          " OFFSET " + offset;
  auto& s = conn_.prepare(sql.c_str());
  w.bind(s);
  ANJU_TRY(each_row(s, [&](const Statement& r) { page.items.push_back(read_change(r)); }));
  return page;
}

}  // namespace anju::sql

namespace anju::sql {

// Files that belong to one row of another table (a change request, a
// renovation application): the same columns, the owner's id in `owner`.
Result<long> SqlTransaction::insert_owned_file(const char* table, const char* owner, long owner_id,
                                               const Attachment& a) {
  const std::string sql = std::string("INSERT INTO ") + table + "(" + owner +
                          ", kind, sha256, mime, bytes, file_name, created_at, created_by)"
                          " VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8) RETURNING id";
  auto& s = conn_.prepare(sql.c_str());
  s.bind(1, owner_id).bind(2, a.kind).bind(3, a.sha256).bind(4, a.mime).bind(5, a.bytes).bind(6, a.file_name);
  s.bind(7, a.created_at).bind(8, a.created_by);
  return returned_id(s);
}

Result<std::vector<Attachment>> SqlTransaction::owned_files(const char* table, const char* owner, const char* key,
                                                            long value) {
  const std::string sql = std::string("SELECT id, ") + owner +
                          ", kind, sha256, mime, bytes, file_name, created_at, created_by FROM " + table +
                          " WHERE " + key + " = ?1 ORDER BY id";
  const bool renovation = std::string_view(owner) == "renovation_id";
  std::vector<Attachment> out;
  ANJU_TRY(each_row(conn_.prepare(sql.c_str()).bind(1, value), [&](const Statement& s) {
    Attachment a;
    a.id = s.integer(0);
    (renovation ? a.renovation_id : a.change_id) = s.integer(1);
    a.kind = s.text(2);
    a.sha256 = s.text(3);
    a.mime = s.text(4);
    a.bytes = s.integer(5);
    a.file_name = s.text(6);
    a.created_at = s.text(7);
    a.created_by = s.text(8);
    out.push_back(std::move(a));
  }));
  return out;
}

Result<long> SqlTransaction::insert_change_attachment(const Attachment& a) {
  return insert_owned_file("change_attachments", "change_id", a.change_id, a);
}

Result<std::vector<Attachment>> SqlTransaction::change_attachments_of(long change_id) {
  return owned_files("change_attachments", "change_id", "change_id", change_id);
}

Result<std::optional<Attachment>> SqlTransaction::find_change_attachment(long id) {
  return owned_file("change_attachments", "change_id", id);
}

Result<std::optional<Attachment>> SqlTransaction::owned_file(const char* table, const char* owner, long id) {
  auto files = owned_files(table, owner, "id", id);
  if (!files) return files.error();
  if (files->empty()) return std::optional<Attachment>();
  return std::optional<Attachment>(files->front());
}

}  // namespace anju::sql

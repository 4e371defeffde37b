#include "service/print_service.h"

#include <algorithm>
#include <charconv>
#include <cstdio>

#include "core/access.h"
#include "core/region_code.h"
#include "ingest/image_file.h"
#include "service/audit_service.h"
#include "service/campaign_service.h"
#include "service/print_parts.h"

namespace anju {
namespace {

constexpr EnumEntry<PrintKind> kPrintKinds[] = {
    {PrintKind::record, "record", "四类信息表"},
    {PrintKind::appraisal, "appraisal", "房屋安全性鉴定表"},
    {PrintKind::household, "household", "农户档案"},
    {PrintKind::households, "households", "农户档案汇编", {"village", "打印本村档案"}},
    {PrintKind::ledger, "ledger", "危房台账"},
    {PrintKind::acceptance, "acceptance", "危房改造竣工验收表"},
    {PrintKind::sample, "sample", "抽查核实清单"},
};

Result<print::Printed> build(const print::Run& run, PdfDocument& doc) {
  switch (run.request.kind) {
    case PrintKind::record: return print::record(run, doc);
    case PrintKind::appraisal: return print::appraisal(run, doc);
    case PrintKind::household: return print::household(run, doc);
    case PrintKind::households: return print::households(run, doc);
    case PrintKind::ledger: return print::ledger(run, doc);
    case PrintKind::acceptance: return print::acceptance(run, doc);
    case PrintKind::sample: return print::sample(run, doc);
  }
  return make_error(ErrorCode::internal, "不支持的打印类型");
}

}  // namespace

ANJU_ENUM_ENTRIES(PrintKind, kPrintKinds)

Result<PrintResult> run_print(Store& store, const User& user, const FileStore& files, const PrintRequest& request,
                              const std::string& path, const PrintProgress& progress, const Clock& clock) {
  if (request.kind == PrintKind::ledger && request.status != "open" && request.status != "closed" &&
      request.status != "all")
    return make_error(ErrorCode::invalid, "台账状态 status 应为 open、closed 或 all：" + request.status);
  if (request.id < 0) return make_error(ErrorCode::invalid, "编号 id 应为正整数：" + std::to_string(request.id));
  const std::string now = clock.now_iso();
  PdfDocument doc(PdfInfo{enum_name(request.kind), "", "",
                          shown_name(user), print::local_time(now)});
  const print::Run run{store, user, files, request, clock, progress};
  auto printed = build(run, doc);
  if (!printed) return printed.error();
  auto pages = doc.write(path);
  if (!pages) return pages.error();
  // No printed file without its audit entry.
  if (auto logged = audit(store, clock, user.name, std::string("print.") + enum_key(request.kind),
                          printed->object_type, printed->object_id,
                          {{"pages", *pages}, {"households", printed->households}, {"full_id", request.full_id}});
      !logged) {
    std::error_code ec;
    std::filesystem::remove(path, ec);
    return logged.error();
  }
  (void)chain_audit_log(store);
  std::string day = print::local_time(now).substr(0, 10);
  std::erase(day, '-');
  return PrintResult{*pages, printed->households,
                     std::string(enum_name(request.kind)) + "_" + printed->subject + "_" + day + ".pdf"};
}

namespace print {

Result<void> may_read(const Run& run, const std::string& region) {
  ANJU_TRY(authorize(run.user, Action::read, region));
  if (run.request.full_id) ANJU_TRY(authorize(run.user, Action::view_full_id, region));
  return {};
}

Result<std::string> region_name(Transaction& tx, const std::string& code) {
  if (code == kWholeCountry) return std::string("全国");
  auto r = tx.regions().find_region(code);
  if (!r) return r.error();
  return *r ? (*r)->value.name : code;
}

// The national table's stand-in levels (重庆市 › 县 › 城口县): not part of
// a place's name, as the console's breadcrumb leaves them out.
bool placeholder_name(std::string_view name) {
  return name == "县" || name == "市辖区" || name == "省直辖县级行政区划" || name == "自治区直辖县级行政区划";
}

Result<void> name_region(Transaction& tx, const std::string& region, PdfInfo& info) {
  std::vector<std::string> names;
  for (std::optional<std::string> c = region; c && *c != kWholeCountry; c = region_parent(*c)) {
    auto r = tx.regions().find_region(*c);
    if (!r) return r.error();
    if (*c == region) names.insert(names.begin(), *r ? (*r)->value.name : *c);
    else if (*r && !placeholder_name((*r)->value.name)) names.insert(names.begin(), (*r)->value.name);
  }
  info.region.clear();
  for (const std::string& n : names) info.region += n;
  if (info.region.empty()) info.region = "全国";
  auto campaigns = campaigns_over(tx.campaign(), region);
  if (!campaigns) return campaigns.error();
  info.campaign = campaigns->governing().name;
  return {};
}

std::string local_time(const std::string& iso) { return iso.empty() ? "" : local_minute_text(iso); }

std::string grade_text(const std::optional<Grade>& g) { return g ? std::string(enum_name(*g)) + "级" : ""; }

std::string date_text(const std::optional<Date>& d) { return d ? d->to_string() : ""; }

std::string amount_text(const std::optional<double>& v) {
  if (!v) return "";
  char buf[64];
  // The shortest text that reads back as the same number: nothing rounded.
  const auto end = std::to_chars(buf, buf + sizeof buf, *v, std::chars_format::fixed).ptr;
  return std::string(buf, end);
}

Result<void> for_each_task(Transaction& tx, const std::string& region, const std::function<void(TaskRow&&)>& fn) {
  constexpr long kPage = 500;
  const CodeRange range = region_range(region);
  TaskFilter f{range.lo, range.hi, std::nullopt, false, std::nullopt, std::nullopt, 0, kPage};
  for (;; f.offset += f.limit) {
    auto page = tx.field_work().list_tasks(f);
    if (!page) return page.error();
    const bool last = static_cast<long>(page->items.size()) < f.limit;
    for (TaskRow& row : page->items) fn(std::move(row));
    if (last) return {};
  }
}

std::vector<PdfImage> photos(const FileStore& files, const std::vector<Attachment>& attachments,
                             const std::map<std::string, std::string>& names) {
  std::vector<PdfImage> out;
  for (const Attachment& a : attachments) {
    if (a.mime != "image/jpeg" && a.mime != "image/png") continue;
    std::error_code ec;
    const auto thumb = files.thumb(a.sha256);
    PdfImage img{std::filesystem::exists(thumb, ec) ? thumb.string() : files.file(a.sha256).string(), 0, 0, ""};
    if (auto facts = inspect_file(img.path)) img.width = facts->width, img.height = facts->height;
    // EXIF time is the camera's own clock, already local: shown as taken.
    std::string when = a.taken_at.empty() ? local_time(a.created_at) : a.taken_at.substr(0, 16);
    std::replace(when.begin(), when.end(), 'T', ' ');
    img.caption = a.file_name + "\n" + when + "　" + name_of(names, a.created_by);
    out.push_back(std::move(img));
  }
  return out;
}

}  // namespace print
}  // namespace anju

#pragma once
// Inside print_service: one builder per document, each reading what it
// prints in one read transaction (a consistent snapshot) and laying it out
// in the PdfDocument it is given, and the helpers they share.

#include <functional>
#include <map>
#include <optional>
#include <string>
#include <vector>

#include "core/date.h"
#include "core/enums.h"
#include "report/pdf_document.h"
#include "service/print_service.h"
#include "service/query_service.h"
#include "service/user_service.h"

namespace anju::print {

struct Run {
  Store& store;
  const User& user;
  const FileStore& files;
  const PrintRequest& request;
  const Clock& clock;
  const PrintProgress& progress;
  Disclosure disclosure() const { return Disclosure{request.full_id}; }
};

// What a document covered: for its audit entry and its file name.
struct Printed {
  long households = 0;
  std::string subject;      // the household head or the region's name
  std::string object_type;  // what the audit names: household, region, renovation, sample
  std::string object_id;
};

Result<Printed> record(const Run& run, PdfDocument& doc);
Result<Printed> appraisal(const Run& run, PdfDocument& doc);
Result<Printed> household(const Run& run, PdfDocument& doc);
Result<Printed> households(const Run& run, PdfDocument& doc);
Result<Printed> ledger(const Run& run, PdfDocument& doc);
Result<Printed> acceptance(const Run& run, PdfDocument& doc);
Result<Printed> sample(const Run& run, PdfDocument& doc);

// --- shared -------------------------------------------------------------------

// Reading `region` is allowed, and with full numbers when asked.
Result<void> may_read(const Run& run, const std::string& region);
// The header: the region by its full name (重庆市丰都县高燕镇) and the
// campaign that governs it.
Result<void> name_region(Transaction& tx, const std::string& region, PdfInfo& info);
// The region's own name (高燕镇), its code when it is not imported.
Result<std::string> region_name(Transaction& tx, const std::string& code);

std::string local_time(const std::string& iso);  // 2026-12-02 13:55 ("" for "")
std::string grade_text(const std::optional<Grade>& g);  // C级, "" for none
std::string date_text(const std::optional<Date>& d);
std::string amount_text(const std::optional<double>& v);  // no trailing zeros ("" for none)

// Every field task of `region`'s villages (all states), page by page.
Result<void> for_each_task(Transaction& tx, const std::string& region, const std::function<void(TaskRow&&)>& fn);

// The images among `attachments` as printed photos (their thumbnails), each
// captioned; a file that cannot be read still gets its box and caption.
std::vector<PdfImage> photos(const FileStore& files, const std::vector<Attachment>& attachments,
                             const std::map<std::string, std::string>& names);

}  // namespace anju::print

#pragma once
// Paper the offices sign (DESIGN.md §4): a printable document laid out by
// Pango and drawn by Cairo into a PDF on A4, with the CJK font subset and
// embedded, so it prints the same on any machine. A document is a flow of
// blocks (titles, sections, paragraphs, label/value grids, tables, photos,
// signature lines); write() breaks it into pages — a table splits between
// rows and repeats its header on every page, any other block moves whole
// to the next page, a section heading never ends a page — and draws each
// page with its header (the region and the campaign, the document's name)
// and its footer (who made it and when, 「第 N 页 共 M 页」).

#include <memory>
#include <string>
#include <utility>
#include <vector>

#include "core/result.h"

namespace anju {

enum class PaperSide { portrait, landscape };

struct PdfInfo {
  std::string title;     // the document's name: 农户档案, 危房台账 …
  std::string region;    // 重庆市丰都县高燕镇
  std::string campaign;  // the campaign's name ("" when none)
  std::string made_by;   // the maker's display name
  std::string made_at;   // local time, e.g. 2026-12-02 13:55
  PaperSide side = PaperSide::portrait;
};

struct PdfColumn {
  std::string head;
  double weight = 1;  // share of the table's width
};

// One cell: label cells are shaded (the left half of a label/value pair).
struct PdfCell {
  std::string text;
  bool label = false;
};

// A photo: a JPEG (embedded as it is) or a PNG, scaled to fit its box.
struct PdfImage {
  std::string path;
  int width = 0, height = 0;  // its pixels, as read from its header
  std::string caption;
};

// A line to sign on: the role, and what the system recorded of it (who and
// when, "" when nothing yet), then room for the signature and the date.
struct PdfSignature {
  std::string role;      // 村级填报人
  std::string recorded;  // 张三，2026-12-01 14:02 提交
};

class PdfDocument {
 public:
  explicit PdfDocument(PdfInfo info);
  ~PdfDocument();
  PdfDocument(const PdfDocument&) = delete;
  PdfDocument& operator=(const PdfDocument&) = delete;

  // What the header and footer say: a document names its region and
  // campaign once it has read what it prints.
  PdfInfo& info() { return info_; }

  // A document's own title, centred, with a line under it in small type.
  void title(std::string text, std::string subtitle = "");
  void section(std::string text);
  void text(std::string text);
  void note(std::string text);  // small grey type
  // Label/value pairs, `per_row` pairs to a row, in a ruled grid.
  void fields(const std::vector<std::pair<std::string, std::string>>& pairs, int per_row = 2);
  // A ruled table; its header repeats on every page it runs onto. Type is
  // smaller the more columns there are (a landscape ledger).
  void table(std::vector<PdfColumn> columns, std::vector<std::vector<std::string>> rows);
  // Photos three to a row, each with its caption.
  void images(std::vector<PdfImage> images);
  void signatures(const std::vector<PdfSignature>& lines);
  // The next block starts a new page (nothing when the page is still empty).
  void new_page();

  // Lays out, paginates and writes the PDF; the number of pages.
  Result<long> write(const std::string& path) const;

  struct Block;

 private:
  PdfInfo info_;
  std::vector<Block> blocks_;
};

}  // namespace anju

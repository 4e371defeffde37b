#include "report/pdf_document.h"

#include <cairo-pdf.h>
#include <pango/pangocairo.h>

#include <algorithm>
#include <cstring>
#include <fstream>
#include <iterator>
#include <memory>
#include <numeric>

namespace anju {

enum class BlockKind { title, section, text, note, table, images, signatures, page_break };

struct PdfDocument::Block {
  BlockKind kind = BlockKind::text;
  std::string text, subtitle;
  std::vector<PdfColumn> columns;  // a table; its header is drawn when any head is set
  std::vector<std::vector<PdfCell>> rows;
  std::vector<PdfImage> images;
};

namespace {

constexpr double kA4Short = 595.276, kA4Long = 841.89;  // points
constexpr double kMarginTop = 52, kMarginBottom = 46;
constexpr double kPad = 3;        // inside a table cell
constexpr double kGap = 6;        // after a block
constexpr int kImagesPerRow = 3;
constexpr const char* kFamily = "Noto Sans CJK SC,WenQuanYi Micro Hei,Droid Sans Fallback,sans-serif";

struct Style {
  double size = 9.5;
  bool bold = false;
  double grey = 0;  // 0 black … 1 white
  PangoAlignment align = PANGO_ALIGN_LEFT;
  bool one_line = false;  // a running header: cut with "…" rather than wrapped
};
const Style kBody{9.5}, kSmall{8, false, 0.35}, kTitle{16, true}, kSection{11, true};

// Pango on the page's Cairo context, at 72 dpi so that a point is a unit.
class Typesetter {
 public:
  explicit Typesetter(cairo_t* cr) : cr_(cr), context_(pango_cairo_create_context(cr)) {
    pango_cairo_context_set_resolution(context_, 72);
    layout_ = pango_layout_new(context_);
    pango_layout_set_wrap(layout_, PANGO_WRAP_WORD_CHAR);
  }
  ~Typesetter() {
    g_object_unref(layout_);
    g_object_unref(context_);
  }
  Typesetter(const Typesetter&) = delete;
  Typesetter& operator=(const Typesetter&) = delete;

  double height(const std::string& text, double width, const Style& s) {
    set(text, width, s);
    int w = 0, h = 0;
    pango_layout_get_size(layout_, &w, &h);
    return static_cast<double>(h) / PANGO_SCALE;
  }
  void draw(const std::string& text, double x, double y, double width, const Style& s) {
    set(text, width, s);
    cairo_set_source_rgb(cr_, s.grey, s.grey, s.grey);
    cairo_move_to(cr_, x, y);
    pango_cairo_update_context(cr_, context_);
    pango_layout_context_changed(layout_);
    pango_cairo_show_layout(cr_, layout_);
  }

 private:
  void set(const std::string& text, double width, const Style& s) {
    PangoFontDescription* font = pango_font_description_from_string(kFamily);
    pango_font_description_set_size(font, static_cast<int>(s.size * PANGO_SCALE));
    pango_font_description_set_weight(font, s.bold ? PANGO_WEIGHT_BOLD : PANGO_WEIGHT_NORMAL);
    pango_layout_set_font_description(layout_, font);
    pango_font_description_free(font);
    pango_layout_set_width(layout_, static_cast<int>(width * PANGO_SCALE));
    pango_layout_set_alignment(layout_, s.align);
    pango_layout_set_ellipsize(layout_, s.one_line ? PANGO_ELLIPSIZE_END : PANGO_ELLIPSIZE_NONE);
    pango_layout_set_text(layout_, text.data(), static_cast<int>(text.size()));
  }
  cairo_t* cr_;
  PangoContext* context_;
  PangoLayout* layout_ = nullptr;
};

struct Sheet {
  double width, height;
  double side = width > height ? 28 : 40;  // landscape: a wide table wants the room
  double left() const { return side; }
  double inner() const { return width - 2 * side; }
  double top() const { return kMarginTop; }
  double bottom() const { return height - kMarginBottom; }
};

// A block measured: its rows (the units a page break may fall between) and
// the header a table repeats on each page.
struct Measured {
  double header = 0;
  std::vector<double> units;
};

// Where a run of a block's units lies on a page.
struct Placed {
  size_t block = 0, lo = 0, hi = 0;
  double y = 0;
};
using Page = std::vector<Placed>;

bool has_header(const PdfDocument::Block& b) {
  return std::any_of(b.columns.begin(), b.columns.end(), [](const PdfColumn& c) { return !c.head.empty(); });
}

std::vector<double> column_widths(const std::vector<PdfColumn>& columns, double inner) {
  double total = 0;
  for (const PdfColumn& c : columns) total += c.weight;
  std::vector<double> w;
  for (const PdfColumn& c : columns) w.push_back(total > 0 ? inner * c.weight / total : 0);
  return w;
}

double image_box(double inner) { return (inner - (kImagesPerRow - 1) * kGap) / kImagesPerRow; }

std::string signature_line(const std::vector<PdfCell>& row) {
  const std::string& recorded = row.size() > 1 ? row[1].text : "";
  return row[0].text + "：" + (recorded.empty() ? "" : recorded + "　") +
         "签字：＿＿＿＿＿＿＿＿　日期：＿＿＿＿年＿＿月＿＿日";
}

// Body type of a table: smaller as columns crowd in.
Style cell_style(const PdfDocument::Block& b) {
  const size_t n = b.columns.size();
  return Style{n > 20 ? 6.0 : n > 12 ? 7.0 : 8.5};
}
Style head_style(const PdfDocument::Block& b) {
  Style s = cell_style(b);
  s.bold = true;
  s.align = PANGO_ALIGN_CENTER;
  return s;
}

Measured measure(Typesetter& t, const PdfDocument::Block& b, double inner) {
  Measured m;
  switch (b.kind) {
    case BlockKind::title:
      m.units.push_back(t.height(b.text, inner, kTitle) + (b.subtitle.empty() ? 0 : 4 + t.height(b.subtitle, inner, kSmall)) + 6);
      break;
    case BlockKind::section: m.units.push_back(t.height(b.text, inner, kSection) + 6); break;
    case BlockKind::text: m.units.push_back(t.height(b.text, inner, kBody)); break;
    case BlockKind::note: m.units.push_back(t.height(b.text, inner, kSmall)); break;
    case BlockKind::signatures:
      for (const auto& row : b.rows) m.units.push_back(t.height(signature_line(row), inner, kBody) + 14);
      break;
    case BlockKind::table: {
      const auto w = column_widths(b.columns, inner);
      auto row_height = [&](auto cell_text, size_t n, const Style& s) {
        double h = 0;
        for (size_t i = 0; i < n && i < w.size(); ++i) h = std::max(h, t.height(cell_text(i), w[i] - 2 * kPad, s));
        return h + 2 * kPad;
      };
      if (has_header(b))
        m.header = row_height([&](size_t i) { return b.columns[i].head; }, b.columns.size(), head_style(b));
      for (const auto& row : b.rows)
        m.units.push_back(row_height([&](size_t i) { return row[i].text; }, row.size(), cell_style(b)));
      break;
    }
    case BlockKind::images: {
      const double box = image_box(inner);
      for (size_t i = 0; i < b.images.size(); i += kImagesPerRow) {
        double caption = 0;
        for (size_t j = i; j < std::min(b.images.size(), i + kImagesPerRow); ++j)
          caption = std::max(caption, t.height(b.images[j].caption, box, kSmall));
        m.units.push_back(box * 0.75 + 3 + caption + 4);
      }
      break;
    }
    case BlockKind::page_break: break;
  }
  return m;
}

// Breaks the measured blocks into pages.
std::vector<Page> paginate(const std::vector<PdfDocument::Block>& blocks, const std::vector<Measured>& sizes,
                           const Sheet& sheet) {
  std::vector<Page> pages(1);
  double y = sheet.top();
  auto turn = [&] {
    pages.emplace_back();
    y = sheet.top();
  };
  for (size_t i = 0; i < blocks.size(); ++i) {
    const Measured& m = sizes[i];
    if (blocks[i].kind == BlockKind::page_break) {
      if (!pages.back().empty()) turn();
      continue;
    }
    if (blocks[i].kind == BlockKind::section && !pages.back().empty() && i + 1 < sizes.size()) {
      // A heading keeps the start of what it heads on its page.
      const Measured& next = sizes[i + 1];
      const double start = next.header + (next.units.empty() ? 0 : next.units.front());
      const double keep = m.units.front() + start <= sheet.bottom() - sheet.top() ? start : 0;
      if (y + m.units.front() + keep > sheet.bottom()) turn();
    }
    for (size_t u = 0; u < m.units.size();) {
      double used = m.header;
      size_t v = u;
      while (v < m.units.size() && y + used + m.units[v] <= sheet.bottom()) used += m.units[v++];
      if (v == u) {
        if (!pages.back().empty()) {
          turn();
          continue;
        }
        used += m.units[v++];  // taller than a page: clipped at its foot, with a mark saying so
      }
      pages.back().push_back({i, u, v, y});
      y += used;
      u = v;
      if (u < m.units.size()) turn();
    }
    y += kGap;
  }
  if (pages.size() > 1 && pages.back().empty()) pages.pop_back();
  return pages;
}

// Whether something on the page runs past its foot (a row or paragraph
// taller than a whole page).
bool overflows(const Page& page, const std::vector<Measured>& sizes, const Sheet& sheet) {
  for (const Placed& p : page) {
    const Measured& m = sizes[p.block];
    double h = m.header;
    for (size_t u = p.lo; u < p.hi; ++u) h += m.units[u];
    if (p.y + h > sheet.bottom() + 0.5) return true;
  }
  return false;
}

// Reads a whole file ("" when it cannot be read).
std::string slurp(const std::string& path) {
  std::ifstream in(path, std::ios::binary);
  return std::string(std::istreambuf_iterator<char>(in), std::istreambuf_iterator<char>());
}

// A JPEG goes into the PDF as it is (no decoding: the surface only carries
// its size); a PNG is decoded by Cairo. nullptr when the file is unusable.
cairo_surface_t* load_image(const PdfImage& img) {
  std::string bytes = slurp(img.path);
  if (bytes.size() > 3 && static_cast<unsigned char>(bytes[0]) == 0xFF && static_cast<unsigned char>(bytes[1]) == 0xD8) {
    if (img.width <= 0 || img.height <= 0) return nullptr;
    cairo_surface_t* s = cairo_image_surface_create(CAIRO_FORMAT_RGB24, img.width, img.height);
    if (cairo_surface_status(s) != CAIRO_STATUS_SUCCESS) {  // too large, or out of memory
      cairo_surface_destroy(s);
      return nullptr;
    }
    auto data = std::make_unique<std::string>(std::move(bytes));
    const auto* bytes_at = reinterpret_cast<const unsigned char*>(data->data());
    if (cairo_surface_set_mime_data(s, CAIRO_MIME_TYPE_JPEG, bytes_at, data->size(),
                                    [](void* p) { delete static_cast<std::string*>(p); },
                                    data.get()) != CAIRO_STATUS_SUCCESS) {
      cairo_surface_destroy(s);
      return nullptr;
    }
    data.release();  // Cairo owns it now, freed with the surface
    return s;
  }
  cairo_surface_t* s = cairo_image_surface_create_from_png(img.path.c_str());
  if (cairo_surface_status(s) == CAIRO_STATUS_SUCCESS && cairo_image_surface_get_width(s) > 0 &&
      cairo_image_surface_get_height(s) > 0)
    return s;
  cairo_surface_destroy(s);
  return nullptr;
}

class Renderer {
 public:
  Renderer(cairo_t* cr, Typesetter& t, const Sheet& sheet, const PdfInfo& info)
      : cr_(cr), t_(t), sheet_(sheet), info_(info) {}

  void page_frame(size_t n, size_t total) {
    const double x = sheet_.left(), w = sheet_.inner();
    const std::string where = info_.region + (info_.campaign.empty() ? "" : "　" + info_.campaign);
    t_.draw(where, x, 22, w * 0.78, Style{8, false, 0.35, PANGO_ALIGN_LEFT, true});
    t_.draw(info_.title, x, 22, w, Style{8, false, 0.35, PANGO_ALIGN_RIGHT});
    rule(x, 36, w, 0.6);
    rule(x, sheet_.bottom() + 10, w, 0.6);
    const double y = sheet_.bottom() + 15;
    t_.draw("制表：" + info_.made_by + "　" + info_.made_at, x, y, w * 0.7, kSmall);
    t_.draw("第 " + std::to_string(n) + " 页 共 " + std::to_string(total) + " 页", x, y, w,
            Style{8, false, 0.35, PANGO_ALIGN_RIGHT});
  }

  // Said at the foot of a page whose content was cut: nothing is lost unseen.
  void overflow_mark() {
    cairo_set_source_rgb(cr_, 1, 1, 1);
    cairo_rectangle(cr_, sheet_.left(), sheet_.bottom() - 14, sheet_.inner(), 14);
    cairo_fill(cr_);
    t_.draw("（本页有一项内容过长，超出页面的部分未能打印，请在系统中查看全文）", sheet_.left(), sheet_.bottom() - 12,
            sheet_.inner(), Style{8, true, 0, PANGO_ALIGN_CENTER});
  }

  void place(const PdfDocument::Block& b, const Placed& p) {
    const double x = sheet_.left(), w = sheet_.inner();
    switch (b.kind) {
      case BlockKind::title: {
        t_.draw(b.text, x, p.y, w, Style{16, true, 0, PANGO_ALIGN_CENTER});
        if (!b.subtitle.empty())
          t_.draw(b.subtitle, x, p.y + t_.height(b.text, w, kTitle) + 4, w, Style{8, false, 0.35, PANGO_ALIGN_CENTER});
        break;
      }
      case BlockKind::section: {
        cairo_set_source_rgb(cr_, 0.2, 0.35, 0.6);
        cairo_rectangle(cr_, x, p.y + 1, 3, t_.height(b.text, w, kSection) - 2);
        cairo_fill(cr_);
        t_.draw(b.text, x + 7, p.y, w - 7, kSection);
        break;
      }
      case BlockKind::text: t_.draw(b.text, x, p.y, w, kBody); break;
      case BlockKind::note: t_.draw(b.text, x, p.y, w, kSmall); break;
      case BlockKind::signatures: {
        double y = p.y + 10;
        for (size_t i = p.lo; i < p.hi; ++i) {
          const std::string line = signature_line(b.rows[i]);
          t_.draw(line, x, y, w, kBody);
          y += t_.height(line, w, kBody) + 14;
        }
        break;
      }
      case BlockKind::table: table(b, p); break;
      case BlockKind::images: images(b, p); break;
      case BlockKind::page_break: break;
    }
  }

 private:
  void rule(double x, double y, double w, double width) {
    cairo_set_source_rgb(cr_, 0.55, 0.55, 0.55);
    cairo_set_line_width(cr_, width);
    cairo_move_to(cr_, x, y);
    cairo_line_to(cr_, x + w, y);
    cairo_stroke(cr_);
  }

  // One row of cells at `y`; returns its height.
  template <class Text>
  double row(const std::vector<double>& widths, size_t n, Text text, const std::vector<bool>& shaded, double y,
             const Style& s) {
    double h = 0;
    for (size_t i = 0; i < n && i < widths.size(); ++i) h = std::max(h, t_.height(text(i), widths[i] - 2 * kPad, s));
    h += 2 * kPad;
    double x = sheet_.left();
    for (size_t i = 0; i < widths.size(); ++i) {
      if (i < shaded.size() && shaded[i]) {
        cairo_set_source_rgb(cr_, 0.93, 0.94, 0.96);
        cairo_rectangle(cr_, x, y, widths[i], h);
        cairo_fill(cr_);
      }
      cairo_set_source_rgb(cr_, 0.3, 0.3, 0.3);
      cairo_set_line_width(cr_, 0.5);
      cairo_rectangle(cr_, x, y, widths[i], h);
      cairo_stroke(cr_);
      if (i < n) t_.draw(text(i), x + kPad, y + kPad, widths[i] - 2 * kPad, s);
      x += widths[i];
    }
    return h;
  }

  void table(const PdfDocument::Block& b, const Placed& p) {
    const auto widths = column_widths(b.columns, sheet_.inner());
    double y = p.y;
    if (has_header(b))
      y += row(widths, b.columns.size(), [&](size_t i) { return b.columns[i].head; },
               std::vector<bool>(widths.size(), true), y, head_style(b));
    for (size_t r = p.lo; r < p.hi; ++r) {
      const auto& cells = b.rows[r];
      std::vector<bool> shaded;
      for (const PdfCell& c : cells) shaded.push_back(c.label);
      y += row(widths, cells.size(), [&](size_t i) { return cells[i].text; }, shaded, y, cell_style(b));
    }
  }

  void images(const PdfDocument::Block& b, const Placed& p) {
    const double box = image_box(sheet_.inner()), tall = box * 0.75;
    double y = p.y;
    for (size_t r = p.lo; r < p.hi; ++r) {
      double x = sheet_.left(), caption = 0;
      for (size_t j = r * kImagesPerRow; j < std::min(b.images.size(), (r + 1) * kImagesPerRow); ++j) {
        const PdfImage& img = b.images[j];
        picture(img, x, y, box, tall);
        t_.draw(img.caption, x, y + tall + 3, box, kSmall);
        caption = std::max(caption, t_.height(img.caption, box, kSmall));
        x += box + kGap;
      }
      y += tall + 3 + caption + 4;
    }
  }

  void picture(const PdfImage& img, double x, double y, double w, double h) {
    cairo_surface_t* s = load_image(img);
    if (!s) {
      cairo_set_source_rgb(cr_, 0.6, 0.6, 0.6);
      cairo_rectangle(cr_, x, y, w, h);
      cairo_stroke(cr_);
      t_.draw("（照片文件无法读取）", x + kPad, y + h / 2 - 6, w - 2 * kPad, Style{8, false, 0.35, PANGO_ALIGN_CENTER});
      return;
    }
    const double iw = cairo_image_surface_get_width(s), ih = cairo_image_surface_get_height(s);  // > 0: load_image
    const double scale = std::min(w / iw, h / ih);
    cairo_save(cr_);
    cairo_translate(cr_, x + (w - iw * scale) / 2, y + (h - ih * scale) / 2);
    cairo_scale(cr_, scale, scale);
    cairo_set_source_surface(cr_, s, 0, 0);
    cairo_paint(cr_);
    cairo_restore(cr_);
    cairo_surface_destroy(s);
  }

  cairo_t* cr_;
  Typesetter& t_;
  const Sheet& sheet_;
  const PdfInfo& info_;
};

}  // namespace

PdfDocument::PdfDocument(PdfInfo info) : info_(std::move(info)) {}
PdfDocument::~PdfDocument() = default;

void PdfDocument::title(std::string text, std::string subtitle) {
  blocks_.push_back({BlockKind::title, std::move(text), std::move(subtitle), {}, {}, {}});
}
void PdfDocument::section(std::string text) { blocks_.push_back({BlockKind::section, std::move(text), "", {}, {}, {}}); }
void PdfDocument::text(std::string text) { blocks_.push_back({BlockKind::text, std::move(text), "", {}, {}, {}}); }
void PdfDocument::note(std::string text) { blocks_.push_back({BlockKind::note, std::move(text), "", {}, {}, {}}); }
void PdfDocument::new_page() { blocks_.push_back({BlockKind::page_break, "", "", {}, {}, {}}); }

void PdfDocument::fields(const std::vector<std::pair<std::string, std::string>>& pairs, int per_row) {
  per_row = std::max(per_row, 1);
  Block b{BlockKind::table, "", "", {}, {}, {}};
  for (int i = 0; i < per_row; ++i) {
    b.columns.push_back({"", 1});
    b.columns.push_back({"", per_row == 1 ? 4.0 : 1.9});
  }
  for (size_t i = 0; i < pairs.size(); i += per_row) {
    std::vector<PdfCell> row;
    for (size_t j = i; j < i + per_row; ++j) {
      if (j < pairs.size()) {
        row.push_back({pairs[j].first, true});
        row.push_back({pairs[j].second, false});
      } else {
        row.push_back({"", true});
        row.push_back({"", false});
      }
    }
    b.rows.push_back(std::move(row));
  }
  blocks_.push_back(std::move(b));
}

void PdfDocument::table(std::vector<PdfColumn> columns, std::vector<std::vector<std::string>> rows) {
  Block b{BlockKind::table, "", "", std::move(columns), {}, {}};
  for (auto& r : rows) {
    std::vector<PdfCell> cells;
    for (auto& t : r) cells.push_back({std::move(t), false});
    b.rows.push_back(std::move(cells));
  }
  blocks_.push_back(std::move(b));
}

void PdfDocument::images(std::vector<PdfImage> images) {
  if (images.empty()) return;
  Block b{BlockKind::images, "", "", {}, {}, std::move(images)};
  for (size_t i = 0; i < b.images.size(); i += kImagesPerRow) b.rows.emplace_back();
  blocks_.push_back(std::move(b));
}

void PdfDocument::signatures(const std::vector<PdfSignature>& lines) {
  Block b{BlockKind::signatures, "", "", {}, {}, {}};
  for (const PdfSignature& l : lines) b.rows.push_back({{l.role, false}, {l.recorded, false}});
  blocks_.push_back(std::move(b));
}

Result<long> PdfDocument::write(const std::string& path) const {
  const bool wide = info_.side == PaperSide::landscape;
  const Sheet sheet{wide ? kA4Long : kA4Short, wide ? kA4Short : kA4Long};
  cairo_surface_t* surface = cairo_pdf_surface_create(path.c_str(), sheet.width, sheet.height);
  if (cairo_surface_status(surface) != CAIRO_STATUS_SUCCESS) {
    cairo_surface_destroy(surface);
    return make_error(ErrorCode::io, "无法写入 PDF 文件：" + path);
  }
  cairo_pdf_surface_set_metadata(surface, CAIRO_PDF_METADATA_TITLE, info_.title.c_str());
  cairo_pdf_surface_set_metadata(surface, CAIRO_PDF_METADATA_AUTHOR, info_.made_by.c_str());
  cairo_pdf_surface_set_metadata(surface, CAIRO_PDF_METADATA_CREATOR, "安居 Anju");
  cairo_t* cr = cairo_create(surface);
  long count = 0;
  {
    Typesetter t(cr);
    std::vector<Measured> sizes;
    sizes.reserve(blocks_.size());
    for (const Block& b : blocks_) sizes.push_back(measure(t, b, sheet.inner()));
    const std::vector<Page> pages = paginate(blocks_, sizes, sheet);
    Renderer r(cr, t, sheet, info_);
    for (size_t n = 0; n < pages.size(); ++n) {
      r.page_frame(n + 1, pages.size());
      cairo_save(cr);
      cairo_rectangle(cr, 0, sheet.top() - 2, sheet.width, sheet.bottom() - sheet.top() + 4);
      cairo_clip(cr);
      for (const Placed& p : pages[n]) r.place(blocks_[p.block], p);
      cairo_restore(cr);
      if (overflows(pages[n], sizes, sheet)) r.overflow_mark();
      cairo_show_page(cr);
    }
    count = static_cast<long>(pages.size());
  }
  const cairo_status_t drawn = cairo_status(cr);
  cairo_destroy(cr);
  cairo_surface_finish(surface);
  const cairo_status_t status = drawn != CAIRO_STATUS_SUCCESS ? drawn : cairo_surface_status(surface);
  cairo_surface_destroy(surface);
  if (status != CAIRO_STATUS_SUCCESS)
    return make_error(ErrorCode::io, std::string("PDF 文件写入失败：") + cairo_status_to_string(status));
  return count;
}

}  // namespace anju

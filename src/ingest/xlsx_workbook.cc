#include "ingest/xlsx_workbook.h"

#include <charconv>
#include <map>

#include "ingest/xml_stream.h"

namespace anju {
namespace {

int to_int(std::string_view s, int fallback) {
  int v = fallback;
  std::from_chars(s.data(), s.data() + s.size(), v);
  return v;
}

// Resolves a relationship target against the folder of its source part.
std::string resolve(std::string_view base_dir, std::string_view target) {
  if (target.starts_with('/')) return std::string(target.substr(1));
  std::string path(base_dir);
  while (target.starts_with("../")) {
    target.remove_prefix(3);
    if (auto slash = path.rfind('/', path.size() - 2); slash != std::string::npos)
      path.resize(slash + 1);
    else
      path.clear();
  }
  return path + std::string(target);
}

struct WorkbookPart final : XmlHandler {
  struct Entry {
    std::string name, id;  // the sheet's name and relationship id
    bool hidden = false;
  };
  std::vector<Entry> sheets;
  bool date1904 = false;
  void start(std::string_view name, const char** attrs) override {
    if (name == "sheet") {
      const auto state = attr(attrs, "state");
      sheets.push_back(Entry{std::string(attr(attrs, "name").value_or("")),
                             std::string(attr(attrs, "id").value_or("")),
                             state && (*state == "hidden" || *state == "veryHidden")});
    } else if (name == "workbookPr") {
      auto v = attr(attrs, "date1904");
      date1904 = v && (*v == "1" || *v == "true");
    }
  }
  void end(std::string_view) override {}
  void text(std::string_view) override {}
};

struct RelsPart final : XmlHandler {
  std::map<std::string, std::pair<std::string, std::string>> by_id;  // id → type, target
  void start(std::string_view name, const char** attrs) override {
    if (name != "Relationship") return;
    by_id[std::string(attr(attrs, "Id").value_or(""))] = {
        std::string(attr(attrs, "Type").value_or("")), std::string(attr(attrs, "Target").value_or(""))};
  }
  void end(std::string_view) override {}
  void text(std::string_view) override {}
};

// <si> holds <t>, or runs <r><t>; phonetic guides <rPh> are not the text.
struct SharedStringsPart final : XmlHandler {
  const ReadLimits& limits;
  std::vector<std::string> strings;
  std::string current;
  std::uint64_t total = 0;
  bool in_t = false;
  int in_phonetic = 0;
  explicit SharedStringsPart(const ReadLimits& l) : limits(l) {}
  void start(std::string_view name, const char**) override {
    if (name == "si") current.clear();
    else if (name == "rPh") ++in_phonetic;
    else if (name == "t" && !in_phonetic) in_t = true;
  }
  void end(std::string_view name) override {
    if (name == "t") in_t = false;
    else if (name == "rPh") --in_phonetic;
    else if (name == "si") strings.push_back(std::move(current)), current.clear();
  }
  void text(std::string_view piece) override {
    if (!in_t || failed()) return;
    total += piece.size();
    if (total > limits.max_shared_string_bytes)
      return fail(Error{ErrorCode::invalid, "工作簿中的文字超过" +
                                                std::to_string(limits.max_shared_string_bytes >> 20) +
                                                " MB，拒绝导入（请把数据分成几个文件）"});
    if (current.size() + piece.size() > limits.max_cell_bytes)
      return fail(Error{ErrorCode::invalid, "工作簿中有单元格超过32767个字符，文件不像是导入模板"});
    current.append(piece);
  }
};

struct StylesPart final : XmlHandler {
  std::map<int, std::string> formats;  // custom numFmtId → code
  std::vector<int> xf_formats;         // cellXfs in order → numFmtId
  bool in_xfs = false;
  void start(std::string_view name, const char** attrs) override {
    if (name == "numFmt") {
      formats[to_int(attr(attrs, "numFmtId").value_or(""), -1)] =
          std::string(attr(attrs, "formatCode").value_or(""));
    } else if (name == "cellXfs") {
      in_xfs = true;
    } else if (name == "xf" && in_xfs) {
      xf_formats.push_back(to_int(attr(attrs, "numFmtId").value_or("0"), 0));
    }
  }
  void end(std::string_view name) override {
    if (name == "cellXfs") in_xfs = false;
  }
  void text(std::string_view) override {}
};

std::string target_of(const RelsPart& rels, std::string_view type_suffix, const std::string& fallback) {
  for (const auto& [id, rel] : rels.by_id)
    if (rel.first.ends_with(type_suffix)) return resolve("xl/", rel.second);
  return fallback;
}

}  // namespace

bool is_date_format(int id, std::string_view code) {
  if ((id >= 14 && id <= 22) || (id >= 27 && id <= 36) || (id >= 45 && id <= 47) ||
      (id >= 50 && id <= 58))
    return true;
  bool quoted = false;
  int bracket = 0;
  for (size_t i = 0; i < code.size(); ++i) {
    const char c = code[i];
    if (c == '"') quoted = !quoted;
    else if (quoted) continue;
    else if (c == '\\' || c == '_' || c == '*') ++i;  // an escaped or padding character
    else if (c == '[') ++bracket;
    else if (c == ']') bracket = std::max(0, bracket - 1);
    else if (bracket == 0 && std::string_view("yYdDhHsS").find(c) != std::string_view::npos)
      return true;
  }
  return false;
}

Result<XlsxWorkbook> XlsxWorkbook::read(ZipArchive& zip, const ReadLimits& limits) {
  if (!zip.has("xl/workbook.xml"))
    return make_error(ErrorCode::invalid, "压缩包里没有 Excel 工作簿（缺少 xl/workbook.xml），不是 .xlsx 文件");
  XlsxWorkbook wb;
  WorkbookPart workbook;
  ANJU_TRY(parse_part(zip, "xl/workbook.xml", workbook));
  wb.date1904 = workbook.date1904;
  RelsPart rels;
  if (zip.has("xl/_rels/workbook.xml.rels")) ANJU_TRY(parse_part(zip, "xl/_rels/workbook.xml.rels", rels));
  for (const auto& entry : workbook.sheets) {
    auto rel = rels.by_id.find(entry.id);
    // Chartsheets and dialog sheets hold no cells.
    if (rel == rels.by_id.end() || !rel->second.first.ends_with("/worksheet")) continue;
    wb.sheets.push_back(Sheet{entry.name, resolve("xl/", rel->second.second), entry.hidden});
  }
  if (wb.sheets.empty()) return make_error(ErrorCode::invalid, "Excel 文件中没有工作表");

  const std::string strings = target_of(rels, "/sharedStrings", "xl/sharedStrings.xml");
  if (zip.has(strings)) {
    SharedStringsPart part(limits);
    ANJU_TRY(parse_part(zip, strings, part));
    wb.shared_strings = std::move(part.strings);
  }
  const std::string styles = target_of(rels, "/styles", "xl/styles.xml");
  if (zip.has(styles)) {
    StylesPart part;
    ANJU_TRY(parse_part(zip, styles, part));
    for (int id : part.xf_formats) {
      auto custom = part.formats.find(id);
      const std::string code = custom == part.formats.end() ? "" : custom->second;
      wb.date_styles.push_back(is_date_format(id, code));
      wb.zero_pad.push_back(!code.empty() && code.find_first_not_of('0') == std::string::npos ? code.size() : 0);
    }
  }
  return wb;
}

}  // namespace anju

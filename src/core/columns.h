#pragma once
// The import templates of DOMAIN.md §4 as data: the readers map headers with
// them and the template writer documents them.

#include <optional>
#include <span>
#include <string_view>

#include "core/enums.h"

namespace anju {

enum class Requirement { required, optional, conditional };

struct ColumnSpec {
  const char* key;          // English key, also accepted as a header
  const char* name;         // Chinese header
  Requirement requirement;
  const char* format;       // Chinese description of the format and allowed values
  const char* example;
};

enum class TemplateKind { regions, households, buildings, evidence, disasters };

ANJU_ENUM_TRAITS(TemplateKind);

std::span<const ColumnSpec> template_columns(TemplateKind kind);

// The spec whose key or Chinese name equals `header` (a trailing or leading
// '*' marking a required column is ignored; English keys match in any
// letter case); nullptr when the header is not a template column.
// With `truncated` (a Shapefile DBF field name that filled its 10 bytes), a
// header of at least two characters also matches the one key or name it is
// the start of.
// Whether the column's values are identifiers or codes (户编号, 图斑编号,
// 记录编号, 身份证号, 区划代码, 联系电话, 事件编号): digits that must land
// exactly as typed, never as a number a spreadsheet may have rounded.
bool holds_code(std::string_view key);

const ColumnSpec* find_column(TemplateKind kind, std::string_view header,
                              bool truncated = false);

// The columns Anju's own export adds beside a template's (the household
// list's 乡镇, 初判结论 …): derived by the system, so that importing the
// export back skips them instead of storing them as extra columns.
std::span<const char* const> export_only_columns(TemplateKind kind);

// The columns an import's error workbook adds before a template's (the
// row's number in the file and what is wrong with it), skipped likewise
// when the corrected workbook is imported again.
inline constexpr const char* kSourceRowColumn = "原行号";
inline constexpr const char* kProblemColumn = "导入问题";
std::span<const char* const> error_workbook_columns();

}  // namespace anju

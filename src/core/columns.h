#pragma once
// The import templates of DOMAIN.md §4 as data: the readers map headers with
// them and the template writer documents them.

#include <span>
#include <string_view>

namespace anju {

enum class Requirement { required, optional, conditional };

struct ColumnSpec {
  const char* key;          // English key, also accepted as a header
  const char* name;         // Chinese header
  Requirement requirement;
  const char* format;       // Chinese description of the format and allowed values
  const char* example;
};

enum class TemplateKind { regions, households };

std::span<const ColumnSpec> template_columns(TemplateKind kind);
const char* template_title(TemplateKind kind);  // "区划", "农户花名册"

// The spec whose key or Chinese name equals `header` (a trailing or leading
// '*' marking a required column is ignored; English keys match in any
// letter case); nullptr when the header is not a template column.
const ColumnSpec* find_column(TemplateKind kind, std::string_view header);

}  // namespace anju

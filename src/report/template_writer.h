#pragma once
// Writes an empty import template as .xlsx: sheet 1 holds the header row
// (required columns marked), sheet 2 explains every column in Chinese.

#include <string>

#include "core/columns.h"
#include "core/result.h"

namespace anju {

// Fails with `io` when the file cannot be written.
Result<void> write_template(TemplateKind kind, const std::string& path);

}  // namespace anju

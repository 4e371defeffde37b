#pragma once
// What a spreadsheet cell means as template text. A number in a column of
// codes (户编号, 身份证号 …) is taken only when no digit can have been lost:
// an integer of at most 15 digits, which a double and every spreadsheet
// hold exactly; anything else is refused with what happened and what to do,
// never rounded into another household's id.

#include <string>
#include <string_view>

#include "core/result.h"
#include "ingest/table_reader.h"

namespace anju {

// The text of a cell of kind `kind` whose stored text is `raw`, in a column
// named `column` (its Chinese name, for the message). `code` says whether
// the column holds codes (core/columns.h holds_code). `invalid` with a
// Chinese message for a value that cannot be taken as it is.
Result<std::string> cell_text(std::string_view raw, CellKind kind, bool code, std::string_view column);

// Whether `text` is a number in scientific notation ("1.23E+17").
bool looks_scientific(std::string_view text);

}  // namespace anju

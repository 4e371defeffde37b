#include "ingest/cell_text.h"

#include <cctype>
#include <cmath>
#include <cstdio>
#include <cstdlib>

namespace anju {
namespace {

constexpr double kExactDigits = 1e15;  // integers below this have at most 15 digits

std::string fix_advice(std::string_view column) {
  return "请把“" + std::string(column) + "”列设为文本格式后重新填写";
}

std::string integer_text(double v) {
  char buf[32];
  std::snprintf(buf, sizeof buf, "%.0f", v);
  return buf;
}

// What a spreadsheet shows of a number: 15 significant digits; a whole
// number of more digits as the digits the file holds.
std::string shown_text(double v) {
  if (v == std::floor(v) && std::fabs(v) < 1e21) return integer_text(v);
  char buf[32];
  std::snprintf(buf, sizeof buf, "%.15g", v);
  return buf;
}

}  // namespace

bool looks_scientific(std::string_view t) {
  size_t i = 0;
  if (i < t.size() && (t[i] == '+' || t[i] == '-')) ++i;
  const size_t digits_from = i;
  while (i < t.size() && (std::isdigit(static_cast<unsigned char>(t[i])) || t[i] == '.')) ++i;
  if (i == digits_from || i >= t.size() || (t[i] != 'e' && t[i] != 'E')) return false;
  ++i;
  if (i < t.size() && (t[i] == '+' || t[i] == '-')) ++i;
  if (i >= t.size()) return false;
  for (; i < t.size(); ++i)
    if (!std::isdigit(static_cast<unsigned char>(t[i]))) return false;
  return true;
}

Result<std::string> cell_text(std::string_view raw, CellKind kind, bool code, std::string_view column) {
  const std::string name(column);
  switch (kind) {
    case CellKind::text:
      if (code && looks_scientific(raw))
        return make_error(ErrorCode::invalid, name + "被存成了数字（科学计数法“" + std::string(raw) +
                                                  "”），原来的数字已被表格软件改动；" + fix_advice(column));
      return std::string(raw);
    case CellKind::number: {
      const std::string digits(raw);
      char* end = nullptr;
      const double v = std::strtod(digits.c_str(), &end);
      if (digits.empty() || !end || *end != '\0' || !std::isfinite(v))
        return make_error(ErrorCode::invalid, name + "的数字“" + digits + "”无法读取，文件可能已损坏");
      if (!code) return std::fabs(v) < kExactDigits ? shown_text(v) : std::string(raw);
      if (std::fabs(v) >= kExactDigits)
        return make_error(ErrorCode::invalid, name + "被存成了数字，超过15位的数字已被表格软件改动（读到的是“" +
                                                  shown_text(v) + "”）；" + fix_advice(column));
      if (v != std::floor(v))
        return make_error(ErrorCode::invalid, name + "被存成了带小数的数字“" + shown_text(v) + "”；" +
                                                  fix_advice(column));
      // Digits as the reader gave them keep the zeros a "00000" format shows.
      if (digits.find_first_not_of("0123456789") == std::string::npos) return digits;
      return integer_text(v);
    }
    case CellKind::date:
      if (code)
        return make_error(ErrorCode::invalid, name + "被表格软件存成了日期“" + std::string(raw) + "”；" + fix_advice(column));
      return std::string(raw);
    case CellKind::boolean:
      if (code)
        return make_error(ErrorCode::invalid, name + "被存成了逻辑值“" + std::string(raw) + "”；" + fix_advice(column));
      return std::string(raw);
    case CellKind::error:
      return make_error(ErrorCode::invalid, name + "是公式的错误值“" + std::string(raw) + "”，请改正公式或填写数值后重新导入");
    case CellKind::formula_without_value:
      return make_error(ErrorCode::invalid,
                        name + "是公式，但文件里没有它的计算结果（保存文件的软件没有计算公式）；"
                               "请在 Excel/WPS 中打开并保存后重新导入，或把公式改成数值");
  }
  return std::string(raw);
}

}  // namespace anju

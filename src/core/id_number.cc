#include "core/id_number.h"

#include <array>

namespace anju {

char id_check_char(std::string_view first17) {
  static constexpr std::array<int, 17> kWeights = {7, 9, 10, 5, 8, 4, 2, 1, 6,
                                                   3, 7, 9, 10, 5, 8, 4, 2};
  static constexpr char kCheck[] = "10X98765432";
  int sum = 0;
  for (size_t i = 0; i < 17; ++i) sum += (first17[i] - '0') * kWeights[i];
  return kCheck[sum % 11];
}

Result<std::string> validate_id_number(std::string_view text, const Date& today) {
  if (text.size() != 18) {
    if (text.find_first_of("eE") != std::string_view::npos && text.find('.') != std::string_view::npos)
      return make_error(ErrorCode::invalid,
                        "身份证号被存成了数字（科学计数法），末位已丢失；请将该列设为文本后重新填写");
    return make_error(ErrorCode::invalid,
                      "身份证号应为18位，实际为" + std::to_string(text.size()) + "个字符");
  }
  std::string id(text);
  for (size_t i = 0; i < 17; ++i) {
    if (id[i] < '0' || id[i] > '9')
      return make_error(ErrorCode::invalid, "身份证号前17位应全为数字");
  }
  if (id[17] == 'x') id[17] = 'X';
  if (!((id[17] >= '0' && id[17] <= '9') || id[17] == 'X'))
    return make_error(ErrorCode::invalid, "身份证号第18位应为数字或X");

  const int year = std::stoi(id.substr(6, 4));
  const int month = std::stoi(id.substr(10, 2));
  const int day = std::stoi(id.substr(12, 2));
  if (!is_real_date(year, month, day) || year < 1900)
    return make_error(ErrorCode::invalid,
                      "身份证号中的出生日期" + id.substr(6, 8) + "不是真实存在的日期");
  if (Date{year, month, day} > today)
    return make_error(ErrorCode::invalid, "身份证号中的出生日期" + id.substr(6, 8) + "晚于今天");

  const char expected = id_check_char(std::string_view(id).substr(0, 17));
  if (id[17] != expected)
    return make_error(ErrorCode::invalid, "身份证号校验位错误（应为" + std::string(1, expected) + "）");
  return id;
}

std::string mask_id_number(std::string_view id) {
  if (id.size() < 11) {
    std::string out(id.size(), '*');
    if (!id.empty()) out.back() = id.back();
    return out;
  }
  std::string out(id);
  for (size_t i = 6; i + 4 < id.size(); ++i) out[i] = '*';
  return out;
}

}  // namespace anju

#include "gen/names.h"

#include <array>
#include <string_view>
#include <vector>

namespace anju::gen {
namespace {

// Common surnames, most frequent first; weight falls off with rank.
constexpr std::string_view kSurnames[] = {
    "李", "王", "张", "刘", "陈", "杨", "黄", "周", "吴", "徐", "孙", "胡", "朱", "高", "林",
    "何", "郭", "马", "罗", "梁", "宋", "郑", "谢", "韩", "唐", "冯", "于", "董", "程", "曹",
    "袁", "邓", "许", "傅", "沈", "曾", "彭", "吕", "苏", "卢", "蒋", "蔡", "贾", "丁", "魏",
    "薛", "叶", "余", "潘", "杜", "戴", "夏", "钟", "汪", "田", "任", "姜", "范", "方", "石",
    "姚", "谭", "廖", "邹", "熊", "金", "陆", "郝", "孔", "白", "崔", "康", "毛", "邱", "秦",
    "江", "史", "顾", "侯", "邵", "孟", "龙", "万", "段", "雷", "钱", "汤", "尹", "黎", "易",
    "常", "武", "乔", "贺", "赖", "龚", "文", "向", "冉", "付"};

constexpr std::string_view kMaleChars[] = {
    "国", "建", "明", "华", "军", "平", "强", "德", "福", "贵", "成", "文", "志", "永", "春",
    "光", "兴", "富", "发", "清", "学", "友", "忠", "家", "义", "林", "荣", "海", "金", "全",
    "长", "云", "祥", "开", "安", "先", "正"};
constexpr std::string_view kFemaleChars[] = {
    "秀", "英", "兰", "芳", "华", "珍", "玉", "梅", "琼", "群", "翠", "桂", "凤", "霞", "淑",
    "莲", "菊", "敏", "丽", "萍", "红", "燕", "春", "琴", "素", "碧", "会", "德", "明", "容"};

template <size_t N>
std::string_view pick(Rng& rng, const std::string_view (&list)[N], size_t limit = N) {
  return list[rng.below(limit)];
}

}  // namespace

std::string random_name(Rng& rng, Sex sex) {
  static const std::vector<double> weights = [] {
    std::vector<double> w;
    for (size_t i = 0; i < std::size(kSurnames); ++i) w.push_back(1.0 / (5.0 + static_cast<double>(i)));
    return w;
  }();
  std::string name(kSurnames[rng.weighted(weights)]);
  const bool male = sex == Sex::male;
  const size_t n = rng.chance(0.8) ? 2 : 1;
  for (size_t i = 0; i < n; ++i) {
    if (male) name += pick(rng, kMaleChars);
    else name += pick(rng, kFemaleChars);
  }
  return name;
}

}  // namespace anju::gen

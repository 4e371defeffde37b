#include "ingest/builtin_divisions.h"

#include <unistd.h>

#include <filesystem>
#include <set>
#include <system_error>

#include "core/region_code.h"

namespace anju {
namespace {

constexpr const char* kTableFile = "share/anju/divisions-2023.csv";

// The rows of the table that lie under `prefix`, or above it.
class PartRows final : public RowSource {
 public:
  PartRows(std::unique_ptr<RowSource> rows, std::string prefix, std::set<std::string> above)
      : rows_(std::move(rows)), prefix_(std::move(prefix)), above_(std::move(above)) {}

  Result<std::optional<ImportRow>> next() override {
    for (;;) {
      auto row = rows_->next();
      if (!row || !*row) return row;
      const std::string_view code = (*row)->get("code");
      if (code.starts_with(prefix_) || above_.count(std::string(code))) return row;
    }
  }
  double progress() const override { return rows_->progress(); }

 private:
  std::unique_ptr<RowSource> rows_;
  std::string prefix_;
  std::set<std::string> above_;
};

bool valid_prefix(const std::string& prefix) {
  const size_t n = prefix.size();
  if (n != 2 && n != 4 && n != 6 && n != 9 && n != 12) return false;
  for (char c : prefix)
    if (c < '0' || c > '9') return false;
  return is_region_code(prefix + std::string(12 - n, '0'));
}

}  // namespace

Result<std::string> builtin_divisions_path() {
  std::error_code ec;
  const auto exe = std::filesystem::read_symlink("/proc/self/exe", ec);
  if (!ec) {
    for (const auto& dir : {exe.parent_path(), exe.parent_path().parent_path()}) {
      const auto candidate = dir / kTableFile;
      if (std::filesystem::is_regular_file(candidate, ec)) return candidate.string();
    }
  }
  return make_error(ErrorCode::not_found,
                    std::string("找不到内置区划表（程序目录下的") + kTableFile +
                        "），它在构建时生成：请在源代码目录运行 make");
}

std::string builtin_divisions_title(const std::string& prefix) {
  std::string title = "国家统计局2023年统计用区划代码";
  if (!prefix.empty()) title += "（" + prefix + "及其上级）";
  return title;
}

Result<OpenedSource> open_builtin_divisions(const std::string& prefix) {
  if (!prefix.empty() && !valid_prefix(prefix))
    return make_error(ErrorCode::invalid,
                      "区划代码前缀“" + prefix +
                          "”无效：应为2、4、6、9或12位数字（省、市、县、镇、村的代码去掉末尾的0）");
  auto path = builtin_divisions_path();
  if (!path) return path.error();
  auto opened = open_template_source(TemplateKind::regions, *path);
  if (!opened) return opened.error();
  if (!opened->header_errors.empty())
    return make_error(ErrorCode::internal, "内置区划表已损坏，请重新构建（make）");
  opened->notes.insert(opened->notes.begin(), "读取内置区划表：" + builtin_divisions_title(prefix));
  if (prefix.empty()) return opened;
  std::set<std::string> above;
  for (auto code = region_parent(prefix + std::string(12 - prefix.size(), '0')); code;
       code = region_parent(*code))
    above.insert(*code);
  opened->rows = std::make_unique<PartRows>(std::move(opened->rows), prefix, std::move(above));
  return opened;
}

}  // namespace anju

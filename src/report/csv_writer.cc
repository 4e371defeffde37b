#include "report/csv_writer.h"

namespace anju {

Result<std::unique_ptr<CsvWriter>> CsvWriter::create(const std::string& path) {
  std::FILE* f = std::fopen(path.c_str(), "wb");
  if (!f) return make_error(ErrorCode::io, "无法写入文件：" + path);
  std::fputs("\xEF\xBB\xBF", f);
  return std::unique_ptr<CsvWriter>(new CsvWriter(f, path));
}

CsvWriter::~CsvWriter() {
  if (file_) std::fclose(file_);
}

void CsvWriter::cell(std::string_view text, bool first) {
  if (!first) std::fputc(',', file_);
  if (text.find_first_of(",\"\r\n") == std::string_view::npos) {
    std::fwrite(text.data(), 1, text.size(), file_);
    return;
  }
  std::fputc('"', file_);
  for (char c : text) {
    if (c == '"') std::fputc('"', file_);
    std::fputc(c, file_);
  }
  std::fputc('"', file_);
}

void CsvWriter::row(const std::vector<std::string>& cells) {
  for (size_t i = 0; i < cells.size(); ++i) cell(cells[i], i == 0);
  std::fputc('\n', file_);
}

void CsvWriter::row(std::initializer_list<std::string_view> cells) {
  bool first = true;
  for (std::string_view c : cells) {
    cell(c, first);
    first = false;
  }
  std::fputc('\n', file_);
}

Result<void> CsvWriter::close() {
  std::FILE* f = file_;
  file_ = nullptr;
  const bool failed = std::ferror(f) != 0;
  if (std::fclose(f) != 0 || failed) return make_error(ErrorCode::io, "写入文件失败：" + path_);
  return {};
}

}  // namespace anju

#include "ingest/csv_reader.h"

#include <cerrno>

#include "core/text.h"

namespace anju {
namespace {

constexpr size_t kBlock = 1 << 20;

}  // namespace

Result<std::unique_ptr<CsvReader>> CsvReader::open(const std::string& path,
                                                   const ReadLimits& limits) {
  std::FILE* f = std::fopen(path.c_str(), "rb");
  if (!f) return make_error(ErrorCode::io, "无法打开文件 " + path);
  std::fseek(f, 0, SEEK_END);
  const long size = std::ftell(f);
  std::fseek(f, 0, SEEK_SET);
  std::unique_ptr<CsvReader> r(new CsvReader(f, size, limits));
  ANJU_TRY(r->sniff());
  if (r->eof_ && r->buf_.size() <= r->pos_) return make_error(ErrorCode::invalid, "文件为空：第1行应为表头");
  return r;
}

CsvReader::~CsvReader() {
  if (iconv_ != reinterpret_cast<iconv_t>(-1)) iconv_close(iconv_);
  std::fclose(file_);
}

Result<void> CsvReader::sniff() {
  fill();
  if (buf_.starts_with("\xEF\xBB\xBF")) {
    pos_ = 3;
    consumed_ = 3;
  }
  gbk_ = !is_valid_utf8(std::string_view(buf_).substr(pos_), /*allow_truncated_tail=*/!eof_);
  if (gbk_) {
    iconv_ = iconv_open("UTF-8", "GB18030");
    if (iconv_ == reinterpret_cast<iconv_t>(-1))
      return make_error(ErrorCode::internal, "系统缺少 GB18030 编码转换");
  }
  return {};
}

bool CsvReader::fill() {
  if (eof_) return false;
  buf_.resize(kBlock);
  const size_t n = std::fread(buf_.data(), 1, kBlock, file_);
  buf_.resize(n);
  pos_ = 0;
  if (n < kBlock) eof_ = true;
  return n > 0;
}

double CsvReader::progress() const {
  return size_ > 0 ? static_cast<double>(consumed_) / static_cast<double>(size_) : 1.0;
}

Result<std::optional<std::vector<std::string>>> CsvReader::read_record() {
  std::vector<std::string> cells;
  std::string field;
  bool in_quotes = false, at_field_start = true, any = false;
  const long start_record = record_number_ + 1;
  auto peek = [&]() -> int {
    if (pos_ >= buf_.size() && !fill()) return -1;
    return static_cast<unsigned char>(buf_[pos_]);
  };
  while (true) {
    const int next = peek();
    if (next < 0) break;
    const char c = static_cast<char>(next);
    ++pos_;
    ++consumed_;
    any = true;
    if (in_quotes) {
      if (c != '"') {
        field += c;
        if (field.size() > limits_.max_cell_bytes)
          return make_error(ErrorCode::invalid, "第" + std::to_string(start_record) +
                                                    "行起的引号内容超过32767个字符（引号可能没有闭合）");
      } else if (peek() == '"') {
        field += '"';
        ++pos_;
        ++consumed_;
      } else {
        in_quotes = false;
      }
      continue;
    }
    if (c == '"' && at_field_start) {
      in_quotes = true;
      at_field_start = false;
    } else if (c == ',') {
      cells.push_back(std::move(field));
      field.clear();
      at_field_start = true;
      if (static_cast<long>(cells.size()) >= limits_.max_columns)
        return make_error(ErrorCode::invalid, "第" + std::to_string(start_record) + "行超过" +
                                                  std::to_string(limits_.max_columns) + "列，文件不像是导入模板");
    } else if (c == '\n' || c == '\r') {
      if (c == '\r' && peek() == '\n') {
        ++pos_;
        ++consumed_;
      }
      cells.push_back(std::move(field));
      ++record_number_;
      return std::optional(std::move(cells));
    } else {
      // Copy the run of ordinary bytes up to the next delimiter at once.
      const size_t end = buf_.find_first_of(",\r\n\"", pos_);
      const size_t stop = end == std::string::npos ? buf_.size() : end;
      field += c;
      field.append(buf_, pos_, stop - pos_);
      if (field.size() > limits_.max_cell_bytes)
        return make_error(ErrorCode::invalid, "第" + std::to_string(start_record) +
                                                  "行有单元格超过32767个字符，文件不像是导入模板");
      consumed_ += static_cast<long>(stop - pos_);
      pos_ = stop;
      at_field_start = false;
    }
  }
  if (!any) return std::optional<std::vector<std::string>>();
  if (in_quotes)
    return make_error(ErrorCode::invalid,
                      "第" + std::to_string(start_record) + "行起的引号没有闭合，文件不完整");
  cells.push_back(std::move(field));
  ++record_number_;
  return std::optional(std::move(cells));
}

std::optional<std::string> CsvReader::decode(std::string raw) {
  if (!gbk_ || is_ascii(raw)) {
    if (!gbk_ && !is_valid_utf8(raw)) return std::nullopt;
    return raw;
  }
  std::string out(raw.size() * 2 + 4, '\0');
  char* in = const_cast<char*>(raw.data());
  size_t in_left = raw.size();
  char* dst = out.data();
  size_t out_left = out.size();
  iconv(iconv_, nullptr, nullptr, nullptr, nullptr);
  if (iconv(iconv_, &in, &in_left, &dst, &out_left) == static_cast<size_t>(-1))
    return std::nullopt;
  out.resize(out.size() - out_left);
  return out;
}

Result<std::optional<RawRow>> CsvReader::next() {
  auto record = read_record();
  if (!record) return record.error();
  if (!*record) return std::optional<RawRow>();
  if (record_number_ > limits_.max_rows)
    return make_error(ErrorCode::invalid, "文件超过" + std::to_string(limits_.max_rows) + "行，请分成几个文件导入");
  RawRow row;
  row.row_number = record_number_;
  row.cells.reserve((*record)->size());
  for (std::string& raw : **record) {
    auto cell = decode(std::move(raw));
    if (!cell) {
      row.encoding_error = gbk_ ? "该行含有无法识别的 GBK 字符" : "该行不是有效的 UTF-8 文本";
      row.cells.emplace_back();
    } else {
      row.cells.push_back(std::move(*cell));
    }
  }
  return std::optional(std::move(row));
}

}  // namespace anju

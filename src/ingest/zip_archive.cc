#include "ingest/zip_archive.h"

#include <zip.h>

namespace anju {

Result<std::unique_ptr<ZipArchive>> ZipArchive::open(const std::string& path, std::uint64_t budget) {
  int error = 0;
  zip_t* z = zip_open(path.c_str(), ZIP_RDONLY, &error);
  if (!z) {
    if (error == ZIP_ER_OPEN || error == ZIP_ER_READ)
      return make_error(ErrorCode::io, "无法打开上传的文件");
    return make_error(ErrorCode::invalid, "文件不是有效的压缩包（.xlsx 工作簿是 zip 格式）");
  }
  return std::unique_ptr<ZipArchive>(new ZipArchive(z, budget));
}

ZipArchive::~ZipArchive() { zip_discard(archive_); }

bool ZipArchive::has(const std::string& name) const {
  return zip_name_locate(archive_, name.c_str(), ZIP_FL_NOCASE) >= 0;
}

std::uint64_t ZipArchive::declared_size(const std::string& name) const {
  zip_stat_t st;
  zip_stat_init(&st);
  if (zip_stat(archive_, name.c_str(), ZIP_FL_NOCASE, &st) != 0 || !(st.valid & ZIP_STAT_SIZE))
    return 0;
  return st.size;
}

Result<std::unique_ptr<ZipArchive::Entry>> ZipArchive::open_entry(const std::string& name) {
  zip_file_t* f = zip_fopen(archive_, name.c_str(), ZIP_FL_NOCASE);
  if (!f) return make_error(ErrorCode::invalid, "工作簿缺少部件“" + name + "”或已损坏");
  return std::unique_ptr<Entry>(new Entry(*this, f));
}

ZipArchive::Entry::~Entry() { zip_fclose(file_); }

Result<std::size_t> ZipArchive::Entry::read(char* out, std::size_t size) {
  const zip_int64_t n = zip_fread(file_, out, size);
  if (n < 0) return make_error(ErrorCode::invalid, "工作簿内容已损坏，无法解压");
  owner_.unpacked_ += static_cast<std::uint64_t>(n);
  if (owner_.unpacked_ > owner_.budget_)
    return make_error(ErrorCode::invalid,
                      "工作簿解压后超过" + std::to_string(owner_.budget_ >> 20) +
                          " MB，拒绝导入（可能是压缩炸弹，或请把数据分成几个文件）");
  return static_cast<std::size_t>(n);
}

}  // namespace anju

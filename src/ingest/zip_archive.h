#pragma once
// A zip file read through libzip, for the parts of an OOXML workbook. Every
// byte unpacked is counted against one budget for the whole archive, while
// it is read: a zip bomb is refused after `budget` bytes, whatever its
// headers declare.

#include <cstdint>
#include <memory>
#include <string>
#include <string_view>

#include "core/result.h"

struct zip;
struct zip_file;

namespace anju {

class ZipArchive {
 public:
  // `invalid` when the file is not a zip archive; `io` when it cannot be read.
  static Result<std::unique_ptr<ZipArchive>> open(const std::string& path, std::uint64_t budget);
  ~ZipArchive();
  ZipArchive(const ZipArchive&) = delete;
  ZipArchive& operator=(const ZipArchive&) = delete;

  bool has(const std::string& name) const;
  // The size the archive declares for `name` (0 when unknown); for progress only.
  std::uint64_t declared_size(const std::string& name) const;

  // One entry, read in chunks. Valid while its archive lives.
  class Entry {
   public:
    ~Entry();
    Entry(const Entry&) = delete;
    Entry& operator=(const Entry&) = delete;
    // Up to `size` bytes into `out`; 0 at the end. `invalid` past the budget
    // or on a damaged entry.
    Result<std::size_t> read(char* out, std::size_t size);

   private:
    friend class ZipArchive;
    Entry(ZipArchive& owner, zip_file* file) : owner_(owner), file_(file) {}
    ZipArchive& owner_;
    zip_file* file_;
  };
  // `invalid` when the entry is missing or cannot be opened.
  Result<std::unique_ptr<Entry>> open_entry(const std::string& name);

 private:
  ZipArchive(zip* archive, std::uint64_t budget) : archive_(archive), budget_(budget) {}
  zip* archive_;
  std::uint64_t budget_;
  std::uint64_t unpacked_ = 0;
};

}  // namespace anju

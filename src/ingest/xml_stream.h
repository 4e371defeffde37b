#pragma once
// Streaming XML through expat, for the parts of OOXML workbooks: a handler
// gets element starts and ends by local name (namespace prefixes differ
// between producers: "row", "x:row") and character data in pieces.

#include <memory>
#include <optional>
#include <string>
#include <string_view>

#include "core/result.h"
#include "ingest/zip_archive.h"

namespace anju {

class XmlHandler {
 public:
  virtual ~XmlHandler() = default;
  // `attrs` is expat's null-terminated list of (name, value) pairs; use attr().
  virtual void start(std::string_view name, const char** attrs) = 0;
  virtual void end(std::string_view name) = 0;
  virtual void text(std::string_view piece) = 0;

  // Stops the parse; XmlStream::feed then returns this error.
  void fail(Error e) {
    if (!failed_) failed_ = std::move(e);
  }
  const std::optional<Error>& failed() const { return failed_; }

 private:
  std::optional<Error> failed_;
};

// The value of the attribute with local name `local`, or nullopt.
std::optional<std::string_view> attr(const char** attrs, std::string_view local);

class XmlStream {
 public:
  XmlStream(XmlHandler& handler, std::unique_ptr<ZipArchive::Entry> entry, std::string part);
  ~XmlStream();
  XmlStream(const XmlStream&) = delete;
  XmlStream& operator=(const XmlStream&) = delete;

  // Reads and parses the next chunk; false once the part has been parsed to
  // its end. `invalid` on malformed XML, a handler's failure or a limit.
  Result<bool> feed();
  std::uint64_t consumed() const { return consumed_; }

 private:
  struct Parser;
  XmlHandler& handler_;
  std::unique_ptr<ZipArchive::Entry> entry_;
  std::string part_;
  std::unique_ptr<Parser> parser_;
  std::string buffer_;
  std::uint64_t consumed_ = 0;
  bool done_ = false;
};

// Parses part `name` of `zip` to its end.
Result<void> parse_part(ZipArchive& zip, const std::string& name, XmlHandler& handler);

}  // namespace anju

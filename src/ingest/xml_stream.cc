#include "ingest/xml_stream.h"

#include <expat.h>

namespace anju {
namespace {

constexpr std::size_t kChunk = 1 << 16;

std::string_view local_name(const char* name) {
  std::string_view n(name);
  // Expat joins namespace and local name with '|' (XML_ParserCreateNS);
  // without a namespace, a prefix may still stand before ':'.
  if (auto bar = n.rfind('|'); bar != std::string_view::npos) return n.substr(bar + 1);
  if (auto colon = n.rfind(':'); colon != std::string_view::npos) return n.substr(colon + 1);
  return n;
}

void XMLCALL on_start(void* data, const XML_Char* name, const XML_Char** attrs) {
  static_cast<XmlHandler*>(data)->start(local_name(name), attrs);
}
void XMLCALL on_end(void* data, const XML_Char* name) {
  static_cast<XmlHandler*>(data)->end(local_name(name));
}
void XMLCALL on_text(void* data, const XML_Char* s, int len) {
  static_cast<XmlHandler*>(data)->text(std::string_view(s, static_cast<std::size_t>(len)));
}

}  // namespace

std::optional<std::string_view> attr(const char** attrs, std::string_view local) {
  for (const char** a = attrs; a && a[0]; a += 2)
    if (local_name(a[0]) == local) return std::string_view(a[1]);
  return std::nullopt;
}

struct XmlStream::Parser {
  XML_Parser p;
  explicit Parser(XmlHandler& h) : p(XML_ParserCreateNS(nullptr, '|')) {
    XML_SetUserData(p, &h);
    XML_SetElementHandler(p, on_start, on_end);
    XML_SetCharacterDataHandler(p, on_text);
  }
  ~Parser() { XML_ParserFree(p); }
};

XmlStream::XmlStream(XmlHandler& handler, std::unique_ptr<ZipArchive::Entry> entry, std::string part)
    : handler_(handler), entry_(std::move(entry)), part_(std::move(part)),
      parser_(std::make_unique<Parser>(handler)) {
  buffer_.resize(kChunk);
}

XmlStream::~XmlStream() = default;

Result<bool> XmlStream::feed() {
  if (done_) return false;
  auto n = entry_->read(buffer_.data(), buffer_.size());
  if (!n) return n.error();
  consumed_ += *n;
  const bool last = *n == 0;
  if (XML_Parse(parser_->p, buffer_.data(), static_cast<int>(*n), last) == XML_STATUS_ERROR) {
    if (handler_.failed()) return *handler_.failed();
    return make_error(ErrorCode::invalid,
                      "工作簿部件“" + part_ + "”不是有效的XML（第" +
                          std::to_string(XML_GetCurrentLineNumber(parser_->p)) + "行），文件可能已损坏");
  }
  if (handler_.failed()) return *handler_.failed();
  if (last) done_ = true;
  return !last;
}

Result<void> parse_part(ZipArchive& zip, const std::string& name, XmlHandler& handler) {
  auto entry = zip.open_entry(name);
  if (!entry) return entry.error();
  XmlStream stream(handler, std::move(*entry), name);
  while (true) {
    auto more = stream.feed();
    if (!more) return more.error();
    if (!*more) return {};
  }
}

}  // namespace anju

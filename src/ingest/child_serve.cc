#include "ingest/child_serve.h"

#include <cerrno>
#include <new>

#include "ingest/child_wire.h"
#include "ingest/sandbox.h"

namespace anju {
namespace {

namespace wire = child_wire;

constexpr int kParent = 3;
constexpr std::size_t kBatchRows = wire::kMaxBatchRows;
constexpr std::size_t kBatchBytes = 1 << 20;

void send_error(const Error& e) {
  wire::Writer out;
  out.u8(1);
  out.error(e);
  wire::send_frame(kParent, out.bytes());
}

// The hello: the sheets and the encoding.
bool send_hello(const TableReader& reader, const std::vector<std::string>& names) {
  wire::Writer out;
  out.u8(0);
  out.u32(static_cast<std::uint32_t>(names.size()));
  for (std::size_t i = 0; i < names.size(); ++i) {
    out.str(names[i]);
    out.u8(reader.sheet_hidden(i) ? 1 : 0);
  }
  out.str(reader.encoding());
  return wire::send_frame(kParent, out.bytes());
}

// Up to a batch of rows; an error after some rows waits for the next ask.
void send_rows(TableReader& reader, std::optional<Error>& pending) {
  if (pending) {
    send_error(*pending);
    return;
  }
  wire::Writer rows;
  std::uint32_t n = 0;
  bool end = false;
  std::size_t bytes = 0;
  while (n < kBatchRows && bytes < kBatchBytes) {
    auto row = reader.next();
    if (!row) {
      if (n == 0) return send_error(row.error());
      pending = row.error();
      break;
    }
    if (!*row) {
      end = true;
      break;
    }
    const std::size_t before = rows.bytes().size();
    rows.row(**row);
    bytes += rows.bytes().size() - before;
    ++n;
  }
  wire::Writer out;
  out.u8(0);
  out.u8(end ? 1 : 0);
  out.f64(reader.progress());
  out.u32(n);
  wire::send_frame(kParent, out.bytes() + rows.bytes());
}

int serve(TableReader& reader) {
  std::optional<Error> pending;
  std::string request;
  while (wire::receive_frame(kParent, request, std::chrono::hours(24)) == wire::Received::frame) {
    wire::Reader in(request);
    std::uint8_t verb = 0;
    std::uint32_t sheet = 0;
    if (!in.u8(verb)) return 70;
    if (verb == 'N') {
      send_rows(reader, pending);
    } else if (verb == 'S' && in.u32(sheet)) {
      pending.reset();
      if (auto r = reader.select_sheet(sheet); !r) {
        send_error(r.error());
      } else {
        wire::Writer out;
        out.u8(0);
        wire::send_frame(kParent, out.bytes());
      }
    } else {
      return 70;
    }
  }
  return 0;
}

}  // namespace

int serve_in_child(const std::string& file, const OpenReader& open) {
  try {
    // Both layers, or the file is not read: without Landlock a read-only
    // open could reach the server's key file or database.
    const Confinement confined = confine_to_reading(file);
    if (!confined.filtered || !confined.landlocked) {
      send_error(Error{ErrorCode::invalid,
                       "服务器不能安全地读取 Excel 97-2003（.xls）文件（系统内核未启用 Landlock 或 seccomp 沙箱）：请用 Excel 或 WPS 另存为 .xlsx 后再导入"});
      return 70;
    }
    auto reader = open();
    if (!reader) {
      send_error(reader.error());
      return 0;
    }
    // A reader names its selected sheet: each is selected in turn (a sheet
    // that cannot be is named "", and refused when the parent selects it).
    std::vector<std::string> names;
    for (std::size_t i = 0; i < (*reader)->sheet_count(); ++i)
      names.push_back(i == 0 || (*reader)->select_sheet(i) ? (*reader)->sheet_name() : "");
    if (names.size() > 1 && !(*reader)->select_sheet(0)) {
      send_error(Error{ErrorCode::invalid, "无法读取第1个工作表"});
      return 0;
    }
    if (!send_hello(**reader, names)) return 70;
    return serve(**reader);
  } catch (const std::bad_alloc&) {
    send_error(Error{ErrorCode::invalid, "读取该文件所需内存超过上限，文件可能已损坏或是恶意构造的"});
    return 70;
  } catch (...) {
    return 70;
  }
}

}  // namespace anju

// anju-test-child MODE FILE: a helper for child_reader_test.cc that misbehaves
// on purpose, confined as anju-xls is. MODE:
//   rows    serves 1200 rows of two cells from two sheets
//   crash   dies of SIGSEGV on the first row
//   hog     allocates until its memory limit
//   spin    never answers
//   drip    answers each ask after 300 ms, for ever
//   flood   says it sends 100,000 rows of 100,000 cells
//   escape  tries to leave the sandbox; its one row says what each try got
#include <fcntl.h>
#include <sys/socket.h>
#include <unistd.h>

#include <poll.h>

#include <algorithm>
#include <chrono>
#include <csignal>
#include <cstring>
#include <string>
#include <vector>

#include "ingest/child_serve.h"
#include "ingest/child_wire.h"

namespace {

using anju::RawRow;
using anju::Result;

class Misbehaving final : public anju::TableReader {
 public:
  Misbehaving(std::string mode, std::string file) : mode_(std::move(mode)), file_(std::move(file)) {}
  std::size_t sheet_count() const override { return 2; }
  std::string sheet_name() const override { return sheet_ ? "第二张" : "第一张"; }
  Result<void> select_sheet(std::size_t index) override {
    sheet_ = index;
    n_ = 0;
    return {};
  }
  double progress() const override { return n_ / 1200.0; }
  std::string encoding() const override { return "TEST"; }

  Result<std::optional<RawRow>> next() override {
    if (mode_ == "crash") std::raise(SIGSEGV);
    if (mode_ == "hog") {
      std::vector<std::string*> kept;
      for (;;) kept.push_back(new std::string(64 << 20, 'x'));
    }
    if (mode_ == "spin")
      for (volatile long i = 0;; ++i) {
      }
    if (mode_ == "escape") return escape();
    if (mode_ == "drip") ::poll(nullptr, 0, 300);
    if (n_ == 1200) return std::optional<RawRow>();
    ++n_;
    return std::optional(RawRow{n_, {std::to_string(sheet_), "第" + std::to_string(n_) + "行"}, {}, ""});
  }

 private:
  // What each way out got: "ok" or the error's name.
  Result<std::optional<RawRow>> escape() {
    if (n_++) return std::optional<RawRow>();
    auto outcome = [](bool ok) { return ok ? std::string("ok") : std::string(strerrorname_np(errno)); };
    RawRow row{1, {}, {}, ""};
    const int own = ::open(file_.c_str(), O_RDONLY);
    row.cells.push_back(outcome(own >= 0));  // its own file, read-only: allowed
    row.cells.push_back(outcome(::open("/etc/passwd", O_RDONLY) >= 0));
    row.cells.push_back(outcome(::open((file_ + ".out").c_str(), O_WRONLY | O_CREAT, 0600) >= 0));
    row.cells.push_back(outcome(::socket(AF_INET, SOCK_STREAM, 0) >= 0));
    const pid_t child = ::fork();
    if (child == 0) ::_exit(0);
    row.cells.push_back(outcome(child > 0));
    row.cells.push_back(std::to_string(std::distance(environ, std::find(environ, environ + 1000, nullptr))));
    return std::optional(std::move(row));
  }

  std::string mode_, file_;
  std::size_t sheet_ = 0;
  long n_ = 0;
};

}  // namespace

// A frame that claims far more than it holds, after a proper hello.
int flood() {
  namespace wire = anju::child_wire;
  wire::Writer hello;
  hello.u8(0);
  hello.u32(1);
  hello.str("洪水");
  hello.u8(0);
  hello.str("TEST");
  wire::send_frame(3, hello.bytes());
  std::string ask;
  wire::receive_frame(3, ask, std::chrono::seconds(10));
  wire::Writer rows;
  rows.u8(0);
  rows.u8(0);
  rows.f64(0);
  rows.u32(100000);
  rows.i64(1);
  rows.u32(100000);
  wire::send_frame(3, rows.bytes());
  wire::receive_frame(3, ask, std::chrono::seconds(10));
  return 0;
}

int main(int argc, char** argv) {
  if (argc != 3) return 64;
  const std::string mode = argv[1], file = argv[2];
  if (mode == "flood") return flood();
  return anju::serve_in_child(file, [&]() -> Result<std::unique_ptr<anju::TableReader>> {
    if (mode == "refuse") return anju::make_error(anju::ErrorCode::invalid, "不是工作簿");
    return std::unique_ptr<anju::TableReader>(new Misbehaving(mode, file));
  });
}

#pragma once
// A TableReader that runs in a child process, for parsers Anju does not own
// and cannot trust with hostile files (FreeXL reading .xls: ASan finds a
// stack-buffer-underflow in it within seconds of fuzzing). The child is a
// small helper program of its own (a fresh address space: nothing of the
// server's memory, sessions or keys is in it), started with
//   - no descriptor but its socket to the parent (fd 3) and stdin/out/err
//     on /dev/null, and no environment;
//   - bounded memory and CPU time, no file it may write, no new privileges;
//   - death with its parent.
// Once it has opened the file, the helper adds a seccomp filter
// (ingest/child_serve.h): from then on it may compute, allocate and talk to
// its parent, and nothing else (opening any file, a socket or a program
// fails with EPERM). A crash, an overrun limit or a wait past
// `reply_timeout` is an `invalid` error in the parent: the file cannot be
// read. Rows travel in batches (ingest/child_wire.h).

#include <chrono>
#include <cstdint>
#include <memory>
#include <string>
#include <vector>

#include "ingest/table_reader.h"

namespace anju {

struct ChildLimits {
  std::uint64_t memory_bytes = std::uint64_t{1} << 30;  // the child's address space
  int cpu_seconds = 300;
  std::chrono::milliseconds reply_timeout{120'000};  // for one answer of the child
  std::chrono::milliseconds total_timeout{600'000};  // for the whole file
  long max_rows = 1'000'000;                         // over all sheets (an .xls sheet has 65,536 at most)
};

// A helper program and its arguments.
struct ChildProgram {
  std::string path;
  std::vector<std::string> args;
};

// Starts `program` as the module comment says and returns the parent's side
// of its reader. `io` when it cannot be started; the child's own error
// (`invalid` and its message) when it cannot open the file.
Result<std::unique_ptr<TableReader>> open_in_child(const ChildProgram& program, const ChildLimits& limits = {});

// Where helper program `name` is: in $ANJU_HELPER_DIR when set, else beside
// the running program, else in the build tree this was built in.
std::string helper_path(const std::string& name);

}  // namespace anju

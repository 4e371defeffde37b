#pragma once
// Confinement of a helper process that reads one untrusted file (the
// helpers of ingest/child_reader.h). After confine_to_reading(file):
//   - Landlock (where the kernel has it, 5.13 on): of the whole file
//     system only `file` and the system's libraries and data under /usr may
//     be read, and nothing anywhere written, made, removed or executed;
//   - seccomp: only computing, memory, reading and writing descriptors it
//     holds, opening files read-only, and exiting; every other call (a
//     socket, a new program, ptrace, a signal to another process …) fails
//     with EPERM.
// Both stay for the life of the process and cannot be undone.

#include <string>

namespace anju {

// What was put in place; `filtered` false means the process must not go
// on (the seccomp filter is the one layer every supported kernel has).
struct Confinement {
  bool filtered = false;  // seccomp
  bool landlocked = false;
};
Confinement confine_to_reading(const std::string& file);

}  // namespace anju

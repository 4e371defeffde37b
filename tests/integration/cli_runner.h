#pragma once
// Runs the real `anju` binary for integration tests.

#include <string>
#include <vector>

namespace anju::testing {

struct CliResult {
  int exit_code = -1;
  std::string out;  // standard output
  std::string err;  // standard error
};

// Path of the binary under test (ANJU_BIN, set by CMake).
std::string anju_binary();

// Runs anju with `args` in the working folder `cwd` and waits for it.
CliResult run_anju(const std::vector<std::string>& args, const std::string& cwd);

// A running anju whose standard error can be read line by line.
struct Spawned {
  int pid = -1;
  int stderr_fd = -1;  // read end of a pipe; the caller closes it
};
// Starts anju with `args` in `cwd` without waiting. The pipe (stderr_fd)
// carries file descriptor `capture` (2: standard error, 1: standard
// output); the other one goes to /dev/null.
Spawned spawn_anju(const std::vector<std::string>& args, const std::string& cwd, int capture = 2);

// The project's source folder (ANJU_SOURCE_DIR).
std::string source_dir();

}  // namespace anju::testing

#include "integration/cli_runner.h"

#include <fcntl.h>
#include <spawn.h>
#include <sys/wait.h>
#include <unistd.h>

#include <cstdlib>
#include <fstream>
#include <sstream>
#include <stdexcept>

extern char** environ;

namespace anju::testing {
namespace {

std::string slurp(const std::string& path) {
  std::ifstream in(path, std::ios::binary);
  std::stringstream ss;
  ss << in.rdbuf();
  return ss.str();
}

}  // namespace

std::string anju_binary() { return ANJU_BIN; }

std::string source_dir() {
  const char* dir = std::getenv("ANJU_SOURCE_DIR");
  return dir ? dir : ANJU_SOURCE_DIR_DEFAULT;
}

namespace {

// Starts anju with `args` in `cwd`; `actions` already redirects its output.
pid_t start(const std::vector<std::string>& args, const std::string& cwd,
            posix_spawn_file_actions_t& actions) {
  posix_spawn_file_actions_addchdir_np(&actions, cwd.c_str());
  std::vector<std::string> all = {anju_binary()};
  all.insert(all.end(), args.begin(), args.end());
  std::vector<char*> argv;
  for (auto& a : all) argv.push_back(a.data());
  argv.push_back(nullptr);
  pid_t pid = 0;
  const int rc = posix_spawn(&pid, argv[0], &actions, nullptr, argv.data(), environ);
  posix_spawn_file_actions_destroy(&actions);
  if (rc != 0) throw std::runtime_error("cannot start " + all[0]);
  return pid;
}

}  // namespace

Spawned spawn_anju(const std::vector<std::string>& args, const std::string& cwd, int capture) {
  int fds[2];
  if (pipe(fds) != 0) throw std::runtime_error("pipe failed");
  posix_spawn_file_actions_t actions;
  posix_spawn_file_actions_init(&actions);
  posix_spawn_file_actions_addopen(&actions, capture == 2 ? 1 : 2, "/dev/null", O_WRONLY, 0);
  posix_spawn_file_actions_adddup2(&actions, fds[1], capture);
  posix_spawn_file_actions_addclose(&actions, fds[0]);
  const pid_t pid = start(args, cwd, actions);
  close(fds[1]);
  return Spawned{pid, fds[0]};
}

CliResult run_anju(const std::vector<std::string>& args, const std::string& cwd) {
  const std::string out_path = cwd + "/.stdout", err_path = cwd + "/.stderr";
  posix_spawn_file_actions_t actions;
  posix_spawn_file_actions_init(&actions);
  posix_spawn_file_actions_addopen(&actions, 1, out_path.c_str(), O_WRONLY | O_CREAT | O_TRUNC, 0644);
  posix_spawn_file_actions_addopen(&actions, 2, err_path.c_str(), O_WRONLY | O_CREAT | O_TRUNC, 0644);
  posix_spawn_file_actions_addopen(&actions, 0, "/dev/null", O_RDONLY, 0);
  const pid_t pid = start(args, cwd, actions);
  int status = 0;
  waitpid(pid, &status, 0);
  CliResult r;
  r.exit_code = WIFEXITED(status) ? WEXITSTATUS(status) : 128 + WTERMSIG(status);
  r.out = slurp(out_path);
  r.err = slurp(err_path);
  return r;
}

}  // namespace anju::testing

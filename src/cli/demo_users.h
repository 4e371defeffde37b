#pragma once
// The demo town's users: one per role (two village clerks, to show that a
// village sees only itself), with generated passwords kept beside the demo
// database so that every `anju demo` can print them again.

#include <filesystem>
#include <string>
#include <vector>

#include "core/clock.h"
#include "store/store.h"

namespace anju::cli {

struct DemoLogin {
  std::string name;
  std::string password;
  std::string role_name;    // Chinese
  std::string region_name;  // Chinese
};

// Creates the users that are missing (writing their passwords to `file`,
// readable by the owner only) and returns every login of `file`.
Result<std::vector<DemoLogin>> ensure_demo_users(Store& store, const std::filesystem::path& file,
                                                 const Clock& clock);

}  // namespace anju::cli

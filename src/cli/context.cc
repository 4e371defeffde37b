#include "cli/context.h"

#include <unistd.h>

#include <cstdio>
#include <cstdlib>
#include <iostream>
#include <nlohmann/json.hpp>

namespace anju::cli {

ProgressMode Context::progress_mode() const {
  if (progress == "bar") return ProgressMode::bar;
  if (progress == "plain") return ProgressMode::plain;
  if (progress == "none") return ProgressMode::none;
  return json ? ProgressMode::none : ProgressMode::automatic;
}

std::string Context::actor() const {
  const char* user = std::getenv("USER");
  return std::string("cli:") + (user && *user ? user : std::to_string(getuid()));
}

std::unique_ptr<Store> Context::open() {
  auto store = open_store(db);
  if (!store) {
    fail(store.error());
    return nullptr;
  }
  return std::move(*store);
}

void Context::fail(const Error& error) {
  if (json) {
    nlohmann::json j = {{"error", {{"code", error_code_name(error.code)}, {"message", error.message}}}};
    std::cout << j.dump() << '\n';
  } else {
    std::cerr << "错误：" << error.message << '\n';
  }
  exit_code = kExitUserError;
}

}  // namespace anju::cli

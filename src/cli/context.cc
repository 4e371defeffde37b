#include "cli/context.h"

#include <unistd.h>

#include <cstdio>
#include <cstdlib>
#include <iostream>
#include <nlohmann/json.hpp>

#include "service/audit_seal.h"

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

bool Context::seal_audit(const std::string& url) {
  if (url == ":memory:" || url == "sqlite::memory:") return true;  // nothing to verify later
  auto seal = AuditSeal::open(audit_key.empty() ? default_audit_key_path(url) : std::filesystem::path(audit_key));
  if (!seal) {
    fail(seal.error());
    return false;
  }
  use_audit_seal(std::move(*seal));
  return true;
}

std::unique_ptr<Store> Context::open() {
  if (!seal_audit(db)) return nullptr;
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
  if (!error.detail.empty()) std::cerr << "（详情：" << error.detail << "）\n";
  exit_code = kExitUserError;
}

}  // namespace anju::cli

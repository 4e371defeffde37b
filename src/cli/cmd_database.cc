// The database's upkeep: `anju migrate`, `anju backup`, `anju restore`, for
// either engine (the Store does the engine's part).
#include <CLI/CLI.hpp>

#include <iostream>
#include <nlohmann/json.hpp>

#include "cli/context.h"
#include "service/campaign_service.h"
#include "service/system_clock.h"

namespace anju::cli {
namespace {

void print_state(const Context& ctx, Store& store, const std::string& done, const std::string& file) {
  if (ctx.json) {
    std::cout << "{\"engine\":\"" << store.engine() << "\",\"schema_version\":" << store.schema_version();
    if (!file.empty()) std::cout << ",\"file\":" << nlohmann::json(file).dump();
    std::cout << "}\n";
  } else {
    std::cout << done << "数据库（" << store.engine() << "）结构版本：" << store.schema_version() << '\n';
  }
}

}  // namespace

void add_migrate_command(CLI::App& app, Context& ctx) {
  CLI::App* cmd = app.add_subcommand("migrate", "升级数据库结构到当前版本");
  cmd->callback([&ctx] {
    auto store = ctx.open();
    if (store) print_state(ctx, *store, "", "");
  });

  static std::string backup_file;
  CLI::App* backup = app.add_subcommand("backup", "在线备份整个数据库到文件（其他用户可继续工作）");
  backup->add_option("--out", backup_file, "备份文件")->required();
  backup->callback([&ctx] {
    auto store = ctx.open();
    if (!store) return;
    if (auto r = backup_database(*store, backup_file, ctx.actor(), SystemClock()); !r)
      return ctx.fail(r.error());
    print_state(ctx, *store, "已备份到 " + backup_file + "；", backup_file);
  });

  static std::string restore_file;
  CLI::App* restore = app.add_subcommand("restore", "用备份文件替换整个数据库（同一种数据库引擎）");
  restore->add_option("file", restore_file, "anju backup 写出的备份文件")->required();
  restore->callback([&ctx] {
    auto store = ctx.open();
    if (!store) return;
    if (auto r = restore_database(*store, restore_file, ctx.actor(), SystemClock()); !r)
      return ctx.fail(r.error());
    print_state(ctx, *store, "已从 " + restore_file + " 恢复；", restore_file);
  });
}

}  // namespace anju::cli

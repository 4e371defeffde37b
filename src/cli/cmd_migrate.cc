// `anju migrate`: opens the store, which applies pending migrations.
#include <CLI/CLI.hpp>

#include <iostream>

#include "cli/context.h"

namespace anju::cli {

void add_migrate_command(CLI::App& app, Context& ctx) {
  CLI::App* cmd = app.add_subcommand("migrate", "升级数据库结构到当前版本");
  cmd->callback([&ctx] {
    auto store = ctx.open();
    if (!store) return;
    if (ctx.json)
      std::cout << "{\"engine\":\"" << store->engine()
                << "\",\"schema_version\":" << store->schema_version() << "}\n";
    else
      std::cout << "数据库（" << store->engine() << "）结构版本：" << store->schema_version() << '\n';
  });
}

}  // namespace anju::cli

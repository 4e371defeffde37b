// `anju`: the command-line entry point. Each sub-command lives in its own
// cmd_*.cc; this file wires the global options and maps failures to exit
// codes (0 ok, 1 user error, 2 usage error, 3 internal error).
#include <CLI/CLI.hpp>

#include <cstdlib>
#include <exception>
#include <iostream>

#include <sys/stat.h>

#include "cli/context.h"

int main(int argc, char** argv) {
  using namespace anju::cli;
  // What anju writes (the database, exports, photos, the audit key) is
  // read by its owner and group only (0640, folders 0750).
  ::umask(027);
  Context ctx;
  if (const char* env = std::getenv("ANJU_DB"); env && *env) ctx.db = env;
  else ctx.db = "anju.db";
  if (const char* env = std::getenv("ANJU_AUDIT_KEY"); env && *env) ctx.audit_key = env;

  CLI::App app{"安居 Anju —— 农村住房安全保障“回头看”信息系统"};
  app.set_version_flag("--version", "anju 0.1.0");
  app.require_subcommand(1);
  app.fallthrough();
  app.add_option("--db", ctx.db, "数据库：文件路径、sqlite:路径 或 postgresql://… （默认 anju.db 或 $ANJU_DB）");
  app.add_option("--audit-key", ctx.audit_key,
                 "审计密钥文件（默认在 SQLite 文件旁：<库>.audit-key；PostgreSQL：./anju-<库名>.audit-key；或 $ANJU_AUDIT_KEY）");
  app.add_flag("--json", ctx.json, "以 JSON 输出结果");
  app.add_option("--progress", ctx.progress, "进度显示：auto|bar|plain|none")
      ->check(CLI::IsMember({"auto", "bar", "plain", "none"}));

  add_import_commands(app, ctx);
  add_gen_command(app, ctx);
  add_template_command(app, ctx);
  add_demo_command(app, ctx);
  add_migrate_command(app, ctx);
  add_census_commands(app, ctx);
  add_campaign_command(app, ctx);
  add_user_commands(app, ctx);
  add_audit_commands(app, ctx);
  add_serve_command(app, ctx);
  add_sample_command(app, ctx);
  add_export_command(app, ctx);
  add_print_command(app, ctx);

  try {
    app.parse(argc, argv);
  } catch (const CLI::ParseError& e) {
    const int code = app.exit(e);
    return code == 0 ? kExitOk : kExitUsage;
  } catch (const std::exception& e) {
    std::cerr << "内部错误：" << e.what() << '\n';
    return kExitInternal;
  }
  return ctx.exit_code;
}

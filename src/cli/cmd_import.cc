// `anju import regions|households FILE [--strict]`.
#include <CLI/CLI.hpp>

#include <iostream>

#include "cli/context.h"
#include "cli/report_output.h"
#include "service/import_service.h"
#include "service/system_clock.h"

namespace anju::cli {
namespace {

using ImportFn = Result<ImportReport> (*)(Store&, const std::string&, const ImportOptions&,
                                          const Clock&);

struct ImportArgs {
  std::string file;
  bool strict = false;
};

void run_import_command(Context& ctx, TemplateKind kind, ImportFn fn, const ImportArgs& args) {
  auto store = ctx.open();
  if (!store) return;
  Progress progress(ctx.progress_mode(), std::string("导入") + template_title(kind));
  ImportOptions options;
  options.strict = args.strict;
  options.actor = ctx.actor();
  options.on_progress = progress.callback();
  SystemClock clock;
  auto report = fn(*store, args.file, options, clock);
  if (!report) return ctx.fail(report.error());
  if (ctx.json) std::cout << import_report_json(*report) << '\n';
  else std::cout << import_report_text(kind, *report);
  if (report->error_count > 0) ctx.exit_code = kExitUserError;
}

void add_one(CLI::App& import, Context& ctx, const char* name, const char* help,
             TemplateKind kind, ImportFn fn) {
  auto args = std::make_shared<ImportArgs>();
  CLI::App* cmd = import.add_subcommand(name, help);
  cmd->add_option("FILE", args->file, ".xlsx 或 .csv 文件")->required();
  cmd->add_flag("--strict", args->strict, "任一行有误则整个文件都不导入");
  cmd->callback([&ctx, kind, fn, args] { run_import_command(ctx, kind, fn, *args); });
}

}  // namespace

void add_import_commands(CLI::App& app, Context& ctx) {
  CLI::App* import = app.add_subcommand("import", "导入数据（区划、农户花名册）");
  import->require_subcommand(1);
  add_one(*import, ctx, "regions", "导入区划代码和名称", TemplateKind::regions, &import_regions);
  add_one(*import, ctx, "households", "导入农户花名册（脱贫户、监测对象）", TemplateKind::households,
          &import_households);
}

}  // namespace anju::cli

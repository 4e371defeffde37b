// `anju import regions|households|buildings|evidence|disasters FILE [--strict]`.
#include <CLI/CLI.hpp>

#include <filesystem>
#include <iostream>

#include "cli/context.h"
#include "cli/report_output.h"
#include "report/import_report_json.h"
#include "service/audit_service.h"
#include "service/import_service.h"
#include "service/system_clock.h"

namespace anju::cli {
namespace {

struct ImportArgs {
  std::string file;
  bool strict = false;
  std::string srs;     // buildings only
  std::string layer;   // buildings only: the layer of a zip
  std::string source;  // evidence only
  bool builtin = false;  // regions only: the national table instead of FILE
  std::string prefix;    // regions only: the part of the national table
  std::string errors_xlsx;  // where to write the error workbook, when rows are rejected
};

using ImportFn = std::function<Result<ImportReport>(Store&, const ImportArgs&,
                                                    const ImportOptions&, const Clock&)>;

void run_import_command(Context& ctx, TemplateKind kind, const ImportFn& fn, const ImportArgs& args) {
  std::error_code ec;
  if (!args.errors_xlsx.empty() && std::filesystem::weakly_canonical(args.errors_xlsx, ec) ==
                                       std::filesystem::weakly_canonical(args.file, ec))
    return ctx.fail(make_error(ErrorCode::invalid, "--errors-xlsx 不能是要导入的文件本身：" + args.errors_xlsx));
  auto store = ctx.open();
  if (!store) return;
  Progress progress(ctx.progress_mode(), std::string("导入") + enum_name(kind));
  ImportOptions options;
  options.invalid_rows = args.strict ? InvalidRows::reject_file : InvalidRows::skip;
  options.actor = ctx.actor();
  options.on_progress = progress.callback();
  SystemClock clock;
  auto report = fn(*store, args, options, clock);
  if (!report) return ctx.fail(report.error());
  if (ctx.json) std::cout << import_report_json(*report) << '\n';
  else std::cout << import_report_text(kind, *report);
  if (report->error_count == 0) return;
  ctx.exit_code = kExitUserError;
  if (!args.errors_xlsx.empty()) {
    const nlohmann::json errors = import_report_to_json(*report)["errors"];
    if (auto w = write_error_workbook(kind, errors, rejected_rows_json(kind, *report), report->extra_headers,
                                      args.errors_xlsx);
        !w)
      return ctx.fail(w.error());
    // The rows' cells hold personal data: the export is on record.
    if (auto a = audit(*store, clock, ctx.actor(), "export.import_errors", "file", args.errors_xlsx,
                       {{"errors", errors.size()}, {"rows", report->rejected.size()}});
        !a)
      return ctx.fail(a.error());
  }
}

CLI::App* add_one(CLI::App& import, Context& ctx, const char* name, const char* help,
                  TemplateKind kind, const std::shared_ptr<ImportArgs>& args, ImportFn fn) {
  CLI::App* cmd = import.add_subcommand(name, help);
  cmd->add_option("FILE", args->file, "要导入的文件")->required();
  cmd->add_flag("--strict", args->strict, "任一行有误则整个文件都不导入");
  cmd->add_option("--errors-xlsx", args->errors_xlsx,
                  "有误的行写成此工作簿（原样的行加“导入问题”列，改正后可直接再导入）");
  cmd->callback([&ctx, kind, fn, args] { run_import_command(ctx, kind, fn, *args); });
  return cmd;
}

// Regions come from FILE or from the national table built in.
void add_regions(CLI::App& import, Context& ctx) {
  auto args = std::make_shared<ImportArgs>();
  CLI::App* cmd = import.add_subcommand(
      "regions", "导入区划代码和名称（.xlsx/.xls/.csv，或 --builtin 内置的国家统计局2023年区划表）");
  CLI::Option* file = cmd->add_option("FILE", args->file, "要导入的文件");
  CLI::Option* builtin =
      cmd->add_flag("--builtin", args->builtin, "导入内置的国家统计局2023年统计用区划代码（全国665,276条）")
          ->excludes(file);
  cmd->add_option("--prefix", args->prefix, "只导入此代码下的区划及其上级，如 500229（城口县）")
      ->needs(builtin);
  cmd->add_flag("--strict", args->strict, "任一行有误则整个文件都不导入");
  cmd->callback([&ctx, args] {
    if (args->file.empty() && !args->builtin)
      return ctx.fail(make_error(ErrorCode::invalid, "请给出要导入的文件，或用 --builtin 导入内置区划表"));
    run_import_command(ctx, TemplateKind::regions,
                       [](Store& s, const ImportArgs& a, const ImportOptions& o, const Clock& c) {
                         return a.builtin ? import_builtin_regions(s, a.prefix, o, c)
                                          : import_regions(s, a.file, o, c);
                       },
                       *args);
  });
}

}  // namespace

void add_import_commands(CLI::App& app, Context& ctx) {
  CLI::App* import = app.add_subcommand("import", "导入数据（区划、花名册、房屋图斑、评估记录、灾害）");
  import->require_subcommand(1);
  add_regions(*import, ctx);
  add_one(*import, ctx, "households", "导入农户花名册（.xlsx/.csv）", TemplateKind::households,
          std::make_shared<ImportArgs>(),
          [](Store& s, const ImportArgs& a, const ImportOptions& o, const Clock& c) {
            return import_households(s, a.file, o, c);
          });
  auto buildings = std::make_shared<ImportArgs>();
  CLI::App* buildings_cmd = add_one(*import, ctx, "buildings",
          "导入普查房屋图斑（Shapefile/GeoJSON/GeoPackage 或它们的 .zip，或含WKT列“几何”的CSV/Excel）",
          TemplateKind::buildings, buildings,
          [](Store& s, const ImportArgs& a, const ImportOptions& o, const Clock& c) {
            return import_buildings(s, a.file, a.srs, o, c, a.layer);
          });
  buildings_cmd->add_option("--srs", buildings->srs, "文件未声明坐标系时采用的坐标系（默认 EPSG:4490）");
  buildings_cmd->add_option("--layer", buildings->layer, "压缩包（.zip）里有多个图层时，要导入的图层名");
  auto evidence = std::make_shared<ImportArgs>();
  add_one(*import, ctx, "evidence", "导入安全评估记录（.xlsx/.csv）", TemplateKind::evidence, evidence,
          [](Store& s, const ImportArgs& a, const ImportOptions& o, const Clock& c) {
            return import_evidence(s, a.file, *enum_parse<EvidenceSource>(a.source), o, c);
          })
      ->add_option("--source", evidence->source, "来源：census|selfbuilt|monitoring|appraisal")
      ->required()
      ->check(CLI::IsMember({"census", "selfbuilt", "monitoring", "appraisal"}));
  add_one(*import, ctx, "disasters", "导入灾害事件（.xlsx/.csv）", TemplateKind::disasters,
          std::make_shared<ImportArgs>(),
          [](Store& s, const ImportArgs& a, const ImportOptions& o, const Clock& c) {
            return import_disasters(s, a.file, o, c);
          });
}

}  // namespace anju::cli

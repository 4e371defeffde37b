// `anju export KIND --out FILE.xlsx [--region CODE] [--full-id]
// [--status open|closed|all]`: the ledger, the household list, the field
// tasks, the record review status or the summary table as Excel.
#include <CLI/CLI.hpp>

#include <iostream>
#include <nlohmann/json.hpp>

#include "cli/context.h"
#include "core/access.h"
#include "service/export_service.h"
#include "service/system_clock.h"

namespace anju::cli {
namespace {

struct ExportArgs {
  std::string kind, out;
  ExportRequest request;
};

void run_export_command(Context& ctx, ExportArgs& args) {
  auto kind = parse_export_kind(args.kind);
  if (!kind)
    return ctx.fail(Error{ErrorCode::invalid, "导出类型应为 ledger（危房台账）、households（农户清单）、field-tasks"
                                              "（外业核实任务）、records（四类信息审核情况）或 summary（汇总表）：" +
                                                  args.kind});
  args.request.kind = *kind;
  auto store = ctx.open();
  if (!store) return;
  SystemClock clock;
  auto done = run_export(*store, system_operator(ctx.actor()), args.request, args.out, kMaxExportRows,
                         [](long, long) {}, clock);
  if (!done) return ctx.fail(done.error());
  if (ctx.json) {
    std::cout << nlohmann::ordered_json{{"kind", export_kind_key(*kind)}, {"rows", done->rows}, {"file", args.out}}.dump()
              << '\n';
    return;
  }
  std::cout << export_kind_name(*kind) << "：已导出 " << done->rows << " 行到 " << args.out << '\n';
}

}  // namespace

void add_export_command(CLI::App& app, Context& ctx) {
  auto args = std::make_shared<ExportArgs>();
  CLI::App* cmd = app.add_subcommand("export", "导出 Excel：危房台账、农户清单、外业核实任务、四类信息审核情况、汇总表");
  cmd->add_option("kind", args->kind, "ledger | households | field-tasks | records | summary")->required();
  cmd->add_option("--out", args->out, "输出文件（.xlsx）")->required();
  cmd->add_option("--region", args->request.region_code, "区划代码（12位），默认全部");
  cmd->add_flag("--full-id", args->request.full_id, "导出完整身份证号和电话（默认脱敏）");
  cmd->add_option("--status", args->request.status, "台账：open 在账（默认）、closed 已销号、all 全部");
  cmd->callback([&ctx, args] { run_export_command(ctx, *args); });
}

}  // namespace anju::cli

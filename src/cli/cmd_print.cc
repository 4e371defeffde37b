// `anju print record|appraisal|household|households|ledger|acceptance|sample
// --out FILE.pdf [--household ID] [--region CODE] [--id N] [--full-id]
// [--status open|closed|all] [--files DIR]`: the papers an office signs, as
// PDF (service/print_service.h).
#include <CLI/CLI.hpp>

#include <iostream>
#include <optional>
#include <nlohmann/json.hpp>

#include "cli/context.h"
#include "cli/progress.h"
#include "core/access.h"
#include "service/print_service.h"
#include "service/system_clock.h"

namespace anju::cli {
namespace {

struct PrintArgs {
  std::string kind, out, files;
  PrintRequest request;
};

void run_print_command(Context& ctx, PrintArgs& args) {
  auto kind = enum_parse<PrintKind>(args.kind);
  if (!kind)
    return ctx.fail(Error{ErrorCode::invalid,
                          "打印类型应为 record（四类信息表）、appraisal（鉴定表）、household（农户档案）、households（本村/本镇农户档案）、"
                          "ledger（危房台账）、acceptance（竣工验收表）或 sample（抽查核实清单）：" +
                              args.kind});
  args.request.kind = *kind;
  auto store = ctx.open();
  if (!store) return;
  SystemClock clock;
  const FileStore files{args.files.empty() ? default_files_dir(ctx.db) : std::filesystem::path(args.files)};
  std::optional<Progress> progress;
  if (*kind == PrintKind::households) progress.emplace(ctx.progress_mode(), "排版农户档案");
  auto done = run_print(
      *store, system_operator(ctx.actor()), files, args.request, args.out,
      [&](long n, long total) {
        if (progress) progress->update(total > 0 ? static_cast<double>(n) / static_cast<double>(total) : 0, n);
      },
      clock);
  progress.reset();
  if (!done) return ctx.fail(done.error());
  if (ctx.json) {
    std::cout << nlohmann::ordered_json{{"kind", enum_key(*kind)}, {"pages", done->pages},
                                        {"households", done->households}, {"file", args.out}}
                     .dump()
              << '\n';
    return;
  }
  std::cout << enum_name(*kind) << "：共 " << done->pages << " 页，" << done->households << " 户，已写入 " << args.out
            << '\n';
}

}  // namespace

void add_print_command(CLI::App& app, Context& ctx) {
  auto args = std::make_shared<PrintArgs>();
  CLI::App* cmd = app.add_subcommand("print", "打印（PDF）：四类信息表、鉴定表、农户档案、危房台账、竣工验收表、抽查核实清单");
  cmd->add_option("kind", args->kind, "record | appraisal | household | households | ledger | acceptance | sample")
      ->required();
  cmd->add_option("--out", args->out, "输出文件（.pdf）")->required();
  cmd->add_option("--household", args->request.household_id, "户编号（record、appraisal、household）");
  cmd->add_option("--region", args->request.region_code, "区划代码（ledger、households：村或乡镇）");
  cmd->add_option("--id", args->request.id, "编号：acceptance 为改造申请，sample 为抽查样本，appraisal 为某次鉴定（默认最近一次）");
  cmd->add_flag("--full-id", args->request.full_id, "打印完整身份证号和电话（默认脱敏）");
  cmd->add_option("--status", args->request.status, "台账：open 在账（默认）、closed 已销号、all 全部");
  cmd->add_option("--files", args->files, "现场照片的存放目录（默认在数据库文件旁）");
  cmd->callback([&ctx, args] { run_print_command(ctx, *args); });
}

}  // namespace anju::cli

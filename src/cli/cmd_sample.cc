// `anju sample --county CODE (--count N | --share P) --seed S [--dry-run]`:
// the county's spot-check draw (DOMAIN.md §12).
#include <CLI/CLI.hpp>

#include <iostream>
#include <nlohmann/json.hpp>

#include "cli/context.h"
#include "core/access.h"
#include "service/field_service.h"
#include "service/system_clock.h"

namespace anju::cli {
namespace {

struct SampleArgs {
  SampleRequest request;
  long count = 0;
  double share = 0;
};

void run_sample(Context& ctx, SampleArgs& args, bool count_given, bool share_given) {
  if (count_given) args.request.count = args.count;
  if (share_given) args.request.share = args.share;
  auto store = ctx.open();
  if (!store) return;
  SystemClock clock;
  auto drawn = draw_spot_check(*store, system_operator(ctx.actor()), args.request, clock);
  if (!drawn) return ctx.fail(drawn.error());
  if (ctx.json) {
    nlohmann::ordered_json j = {{"sample_id", args.request.dry_run ? nlohmann::ordered_json(nullptr)
                                                                   : nlohmann::ordered_json(drawn->sample_id)},
                                {"households", drawn->households}};
    std::cout << j.dump() << '\n';
    return;
  }
  std::cout << (args.request.dry_run ? "试抽（未记录）" : "抽查样本 " + std::to_string(drawn->sample_id)) << "：县 "
            << args.request.county_code << "，随机种子 " << args.request.seed << "，共 " << drawn->households.size()
            << " 户\n";
  for (const auto& [town, n] : drawn->per_town) std::cout << "  " << town << "  " << n << " 户\n";
  for (const std::string& h : drawn->households) std::cout << h << '\n';
  if (!args.request.dry_run) std::cout << "已为每户开立外业核实任务（县级抽查）。\n";
}

}  // namespace

void add_sample_command(CLI::App& app, Context& ctx) {
  auto args = std::make_shared<SampleArgs>();
  CLI::App* cmd = app.add_subcommand("sample", "县级抽查：按各镇户数比例随机抽取农户，并开立外业核实任务");
  cmd->add_option("--county", args->request.county_code, "县级区划代码（12位）")->required();
  auto* count = cmd->add_option("--count", args->count, "抽查户数");
  auto* share = cmd->add_option("--share", args->share, "抽查比例（0–1，如 0.05）")->excludes(count);
  count->excludes(share);
  cmd->add_option("--seed", args->request.seed, "随机种子：相同种子和数据抽出相同农户")->required();
  cmd->add_flag("--dry-run", args->request.dry_run, "只显示抽取结果，不记录、不开任务");
  cmd->callback([&ctx, args, count, share] { run_sample(ctx, *args, count->count() > 0, share->count() > 0); });
}

}  // namespace anju::cli

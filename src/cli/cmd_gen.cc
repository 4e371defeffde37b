// `anju gen --households N --seed S --out DIR`.
#include <CLI/CLI.hpp>

#include <iostream>
#include <nlohmann/json.hpp>

#include "cli/context.h"
#include "gen/generator.h"

namespace anju::cli {

void add_gen_command(CLI::App& app, Context& ctx) {
  auto opts = std::make_shared<gen::GenOptions>();
  CLI::App* cmd = app.add_subcommand("gen", "生成模拟数据集（按导入模板）");
  cmd->add_option("--households", opts->households, "户数（898 即演示镇）")->default_val(898);
  cmd->add_option("--seed", opts->seed, "随机种子：相同种子生成相同数据")->default_val(1);
  cmd->add_option("--out", opts->out_dir, "输出目录")->required();
  cmd->callback([&ctx, opts] {
    auto summary = gen::generate(*opts);
    if (!summary) return ctx.fail(summary.error());
    if (ctx.json) {
      nlohmann::json j = {{"regions", summary->regions},
                          {"households", summary->households},
                          {"buildings", summary->buildings},
                          {"evidence", summary->evidence},
                          {"files", summary->files}};
      std::cout << j.dump() << '\n';
      return;
    }
    std::cout << "已生成：区划 " << summary->regions << " 个，农户 " << summary->households
              << " 户，房屋图斑 " << summary->buildings << " 个，评估记录 " << summary->evidence
              << " 条\n";
    for (const auto& f : summary->files) std::cout << "  " << f << '\n';
  });
}

}  // namespace anju::cli

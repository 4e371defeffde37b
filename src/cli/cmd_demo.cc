// `anju demo`: builds the demo town (DOMAIN.md §9) once — generated data
// imported into demo.db — and prints what it holds. The server issue adds
// serving it.
#include <CLI/CLI.hpp>

#include <filesystem>
#include <iostream>

#include "cli/context.h"
#include "cli/report_output.h"
#include "gen/generator.h"
#include "service/import_service.h"
#include "service/system_clock.h"

namespace anju::cli {
namespace {

struct DemoArgs {
  std::string dir = "demo";
  uint64_t seed = 2024;
};

void run_demo(Context& ctx, const DemoArgs& args) {
  namespace fs = std::filesystem;
  const fs::path dir(args.dir);
  const fs::path db = dir / "demo.db";
  const bool fresh = !fs::exists(db);
  if (fresh) {
    auto generated = gen::generate({898, args.seed, (dir / "data").string()});
    if (!generated) return ctx.fail(generated.error());
  }
  auto opened = open_store("sqlite:" + db.string());
  if (!opened) return ctx.fail(opened.error());
  Store& store = **opened;
  if (fresh) {
    SystemClock clock;
    ImportOptions options;
    options.actor = "demo";
    options.strict = true;
    auto regions = import_regions(store, (dir / "data/regions.csv").string(), options, clock);
    if (!regions) return ctx.fail(regions.error());
    std::cout << import_report_text(TemplateKind::regions, *regions);
    auto households =
        import_households(store, (dir / "data/households.csv").string(), options, clock);
    if (!households) return ctx.fail(households.error());
    std::cout << import_report_text(TemplateKind::households, *households);
  }
  auto tx = store.begin(TxMode::read);
  if (!tx) return ctx.fail(tx.error());
  auto count = (*tx)->count_households();
  if (!count) return ctx.fail(count.error());
  std::cout << "\n演示镇：重庆市城口县高燕镇（村名为示意）\n"
            << "数据库：" << db.string() << "（" << *count << " 户）\n"
            << "数据文件：" << (dir / "data").string() << "\n"
            << "试一试：build/anju --db " << db.string() << " import households "
            << (dir / "data/households.csv").string() << "   （再次导入：全部未变）\n";
}

}  // namespace

void add_demo_command(CLI::App& app, Context& ctx) {
  auto args = std::make_shared<DemoArgs>();
  CLI::App* cmd = app.add_subcommand("demo", "创建演示镇（高燕镇，898户）并显示概况");
  cmd->add_option("--dir", args->dir, "演示数据目录")->default_val("demo");
  cmd->add_option("--seed", args->seed, "随机种子")->default_val(2024);
  cmd->callback([&ctx, args] { run_demo(ctx, *args); });
}

}  // namespace anju::cli

// `anju demo`: builds the demo town (DOMAIN.md §9) once — generated data
// imported into demo.db — and prints what it holds. The server issue adds
// serving it.
#include <CLI/CLI.hpp>

#include <filesystem>
#include <fstream>
#include <iostream>
#include <optional>
#include <regex>

#include "cli/context.h"
#include "cli/demo_users.h"
#include "http/server.h"
#include "cli/report_output.h"
#include "core/access.h"
#include "gen/generator.h"
#include "service/campaign_service.h"
#include "service/census_service.h"
#include "service/import_service.h"
#include "service/system_clock.h"

namespace anju::cli {
namespace {

struct DemoArgs {
  std::string dir = "demo";
  uint64_t seed = 2024;
  bool serve = true;
  http::ServerOptions server;
};

// The demo's campaign runs around the day it is made, so that due dates lie
// ahead and 逾期 means overdue: a week ago to a month ahead, every C/D
// house renovated by the end of next year. Its name keeps the seed plan's
// own dates (2024-09-11 to 2024-10-13). Audited as any change of it.
Result<void> set_demo_campaign(Store& store, const Clock& clock) {
  const long today = clock.today().days_since_epoch();
  auto changed = change_campaign(
      store, system_operator("demo"), kWholeCountry, std::nullopt,
      [&](Campaign& c) -> Result<void> {
        c.name = "脱贫户住房安全保障“回头看”（演示；原工作方案 2024-09-11 至 2024-10-13）";
        c.window_start = Date::from_days_since_epoch(today - 7);
        c.window_end = Date::from_days_since_epoch(today + 30);
        c.ledger_deadline = Date{clock.today().year + 1, 12, 31};
        return {};
      },
      clock);
  if (!changed) return changed.error();
  const Campaign& c = changed->now.campaign;
  std::cout << "工作周期（演示）：" << c.window_start.to_string() << " 至 " << c.window_end.to_string()
            << "；危房改造完成期限 " << c.ledger_deadline.to_string() << "\n";
  return {};
}

// Imports 城口县's regions from the national table and every generated
// file but regions.csv, matches, records one 选择图斑 for the first
// ambiguous household (so the demo shows a manual choice too) and judges.
Result<void> load_demo(Store& store, const std::filesystem::path& data) {
  SystemClock clock;
  ImportOptions options;
  options.actor = "demo";
  // The demo's files are generated: a file error or a refused row means
  // they are damaged, and the demo stops rather than show a town without
  // them.
  auto show = [](TemplateKind kind, const Result<ImportReport>& r) -> Result<void> {
    if (!r) return r.error();
    std::cout << import_report_text(kind, *r, 5);
    if (r->error_count > 0)
      return Error{ErrorCode::invalid, std::string("演示数据的") + enum_name(kind) + "文件有误，演示未装完；修好文件或删去演示目录后重新运行"};
    return {};
  };
  auto file = [&](const char* name) { return (data / name).string(); };
  // The regions are the real ones: 城口县 from the national table built in.
  ANJU_TRY(show(TemplateKind::regions, import_builtin_regions(store, "500229", options, clock)));
  ANJU_TRY(show(TemplateKind::households, import_households(store, file("households.csv"), options, clock)));
  ANJU_TRY(show(TemplateKind::buildings, import_buildings(store, file("buildings.geojson"), "", options, clock)));
  for (EvidenceSource s : {EvidenceSource::census, EvidenceSource::selfbuilt,
                           EvidenceSource::monitoring, EvidenceSource::appraisal}) {
    const std::string name = std::string("evidence_") + enum_key(s) + ".csv";
    ANJU_TRY(show(TemplateKind::evidence, import_evidence(store, file(name.c_str()), s, options, clock)));
  }
  ANJU_TRY(show(TemplateKind::disasters, import_disasters(store, file("disasters.csv"), options, clock)));
  ANJU_TRY(set_demo_campaign(store, clock));
  auto matched = run_match(store, std::string(kWholeCountry), "demo", clock);
  if (!matched) return matched.error();
  std::optional<MatchResult> ambiguous;
  {
    auto tx = store.begin(TxMode::read);
    if (!tx) return tx.error();
    ANJU_TRY((*tx)->results().for_each_match([&](MatchResult&& m) {
      if (!ambiguous && m.outcome == MatchOutcome::ambiguous) ambiguous = std::move(m);
    }));
  }
  if (ambiguous) {
    ANJU_TRY(set_manual_match(store, system_operator("demo"), ambiguous->household_id, ambiguous->candidates.front(), std::nullopt, clock));
    matched = run_match(store, std::string(kWholeCountry), "demo", clock);
    if (!matched) return matched.error();
  }
  auto judged = run_judge(store, {}, "demo", clock);
  if (!judged) return judged.error();
  std::cout << "人房对应：";
  for (const auto& [k, n] : matched->outcomes) std::cout << match_outcome_name(*parse_match_outcome(k)) << " " << n << "；";
  std::cout << "\n初判：";
  for (const auto& [k, n] : judged->results) std::cout << judge_result_name(*parse_judge_result(k)) << " " << n << "；";
  std::cout << "\n危房台账：列入 " << judged->ledger_opened << " 户（C/D级，改造申请在“危房台账”页办理）\n";
  return {};
}

// A database's name without its password (a PostgreSQL URL may hold one).
std::string without_password(const std::string& db) {
  static const std::regex in_user(R"(://([^:/@]*):[^@/]*@)");
  static const std::regex in_query(R"(password=[^& ]*)");
  return std::regex_replace(std::regex_replace(db, in_user, "://$1@"), in_query, "password=");
}

// Whether `marker` says a load into `db` stopped half way.
bool marked_loading(const std::filesystem::path& marker, const std::string& db) {
  std::ifstream in(marker);
  std::string first;
  return in && std::getline(in, first) && first == without_password(db);
}

void run_demo(Context& ctx, const DemoArgs& args) {
  namespace fs = std::filesystem;
  const fs::path dir(args.dir);
  // The demo town lives in demo.db under --dir, or in the PostgreSQL
  // database --db names (a cluster's, scripts/cluster), filled when empty.
  const bool on_postgres = ctx.db.starts_with("postgresql://") || ctx.db.starts_with("postgres://");
  const std::string db = on_postgres ? ctx.db : (dir / "demo.db").string();
  std::filesystem::create_directories(dir);
  if (!ctx.seal_audit(db)) return;
  auto opened = open_store(on_postgres ? db : "sqlite:" + db);
  if (!opened) return ctx.fail(opened.error());
  Store& store = **opened;
  auto empty = [&]() -> Result<bool> {
    auto tx = store.begin(TxMode::read);
    if (!tx) return tx.error();
    auto n = (*tx)->households().count_households();
    if (!n) return n.error();
    return *n == 0;
  }();
  if (!empty) return ctx.fail(empty.error());
  // A load that stopped half way (a failed import, a killed process) leaves
  // this file, naming the database: the next run on that database loads
  // again (imports and runs are idempotent) instead of showing half a town
  // as if it were the demo. Households of another database are someone's
  // data: never touched.
  const fs::path loading = dir / "loading";
  const bool resume = !*empty && marked_loading(loading, db);
  if (resume) std::cout << "上次装入演示数据未完成（" << loading.string() << "），继续装入\n";
  if (*empty || resume) {
    if (!fs::exists(dir / "data" / "households.csv"))
      if (auto generated = gen::generate({898, args.seed, (dir / "data").string()}); !generated)
        return ctx.fail(generated.error());
    if (std::ofstream mark(loading); !(mark << without_password(db) << "\n正在装入演示数据；装完后本文件删除\n"))
      return ctx.fail(Error{ErrorCode::io, "无法写入 " + loading.string()});
    if (auto r = load_demo(store, dir / "data"); !r) return ctx.fail(r.error());
    fs::remove(loading);
  }
  SystemClock clock;
  auto logins = ensure_demo_users(store, dir / "logins.txt", clock);
  if (!logins) return ctx.fail(logins.error());
  auto tx = store.begin(TxMode::read);
  if (!tx) return ctx.fail(tx.error());
  auto count = (*tx)->households().count_households();
  if (!count) return ctx.fail(count.error());
  tx->reset();
  std::cout << "\n演示镇：重庆市城口县高燕镇（村名为示意）\n"
            << "数据库：" << (on_postgres ? "PostgreSQL" : db) << "（" << *count << " 户）\n"
            << "数据文件：" << (dir / "data").string() << "\n"
            << "登录（密码保存在 " << (dir / "logins.txt").string() << "，仅本人可读）：\n";
  const std::string cli_db = on_postgres ? "\"$ANJU_DB\"" : db;
  for (const DemoLogin& l : *logins)
    std::cout << "  " << l.name << std::string(10 - std::min<size_t>(l.name.size(), 9), ' ') << l.password
              << "   " << l.role_name << "（" << l.region_name << "）\n";
  std::cout << "命令行：\n"
            << "  build/anju --db " << cli_db << " judge          # 初判汇总\n"
            << "  build/anju --db " << cli_db << " audit verify   # 校验审计日志的哈希链\n"
            << "  build/anju --db " << cli_db << " export ledger --out 危房台账.xlsx   # 导出危房台账\n";
  if (!args.serve) return;
  http::ServerOptions options = args.server;
  options.web_root = default_web_root();
  options.files = default_files_dir(on_postgres ? (dir / "demo.db").string() : db);
  const int rc = http::serve(
      store, options,
      [&](unsigned short port) {
        std::cout << "\n安居已启动：http://" << (options.bind == "0.0.0.0" ? "127.0.0.1" : options.bind) << ":"
                  << port << "/   （Ctrl+C 停止）" << std::endl;
      },
      std::cerr);
  if (rc != 0) ctx.exit_code = kExitUserError;
}

}  // namespace

void add_demo_command(CLI::App& app, Context& ctx) {
  auto args = std::make_shared<DemoArgs>();
  CLI::App* cmd = app.add_subcommand("demo", "创建演示镇（高燕镇，898户）并显示概况");
  cmd->add_option("--dir", args->dir, "演示数据目录")->default_val("demo");
  cmd->add_option("--seed", args->seed, "随机种子")->default_val(2024);
  cmd->add_option("--port", args->server.port, "网页服务端口（0 = 任一空闲端口）")->capture_default_str();
  cmd->add_option("--bind", args->server.bind, "监听地址")->capture_default_str();
  cmd->add_flag("!--no-serve", args->serve, "只创建和显示演示数据，不启动网页服务");
  cmd->callback([&ctx, args] { run_demo(ctx, *args); });
}

}  // namespace anju::cli

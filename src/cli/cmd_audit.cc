// `anju audit verify`, `anju audit list` and `anju audit restored`: the
// audit log (core/audit.h).
#include <CLI/CLI.hpp>

#include <iostream>
#include <nlohmann/json.hpp>

#include "cli/context.h"
#include "service/audit_service.h"
#include "service/campaign_service.h"
#include "service/system_clock.h"

namespace anju::cli {
namespace {

void verify(Context& ctx) {
  auto store = ctx.open();
  if (!store) return;
  if (auto chained = chain_audit_log(*store); !chained) return ctx.fail(chained.error());
  auto check = verify_audit_log(*store);
  if (!check) return ctx.fail(check.error());
  const bool ok = check->ok();
  if (ctx.json) {
    nlohmann::json j = {{"ok", ok}, {"chained", check->chained}, {"unchained", check->unchained}};
    if (!ok) {
      j["broken"] = {{"seq", *check->broken_seq}, {"problem", check->problem}};
      j["broken"]["id"] = check->broken_id ? nlohmann::json(*check->broken_id) : nullptr;
    }
    std::cout << j.dump() << '\n';
  } else if (ok) {
    std::cout << "审计日志完整：" << check->chained << " 条记录的哈希链与检查点校验通过\n";
  } else {
    std::cout << "审计日志被改动：";
    if (*check->broken_seq > 0) std::cout << "第 " << *check->broken_seq << " 条";
    if (check->broken_id) std::cout << "（编号 " << *check->broken_id << "）";
    std::cout << check->problem << "；此前 " << check->chained << " 条完好\n";
  }
  if (!ok) ctx.exit_code = kExitUserError;
}

void list(Context& ctx, long limit) {
  auto store = ctx.open();
  if (!store) return;
  auto tx = store->begin(TxMode::read);
  if (!tx) return ctx.fail(tx.error());
  std::vector<AuditEntry> entries;
  if (auto r =
          (*tx)->audit().for_each_audit([&](AuditEntry&& e) { entries.push_back(std::move(e)); });
      !r)
    return ctx.fail(r.error());
  if (limit > 0 && static_cast<long>(entries.size()) > limit)
    entries.erase(entries.begin(), entries.end() - limit);  // the newest `limit`
  nlohmann::json out = nlohmann::json::array();
  for (const AuditEntry& e : entries) {
    if (ctx.json) {
      out.push_back({{"id", e.id}, {"seq", e.seq ? nlohmann::json(*e.seq) : nullptr}, {"at", e.at},
                     {"actor", e.actor}, {"action", e.action}, {"object_type", e.object_type},
                     {"object_id", e.object_id}, {"detail", nlohmann::json::parse(e.detail, nullptr, false)}});
    } else {
      std::cout << e.at << '\t' << e.actor << '\t' << e.action << '\t' << e.object_type << ':'
                << e.object_id << '\t' << e.detail << '\n';
    }
  }
  if (ctx.json) std::cout << out.dump() << '\n';
}

void restored(Context& ctx, const std::string& from) {
  auto store = ctx.open();
  if (!store) return;
  if (auto r = note_database_restored(*store, from, ctx.actor(), SystemClock()); !r) return ctx.fail(r.error());
  std::cout << "已记下数据库恢复（" << from << "）：此前的审计检查点不再适用，此后的从本条重新记录\n";
}

}  // namespace

void add_audit_commands(CLI::App& app, Context& ctx) {
  CLI::App* audit = app.add_subcommand("audit", "审计日志");
  audit->require_subcommand(1);
  audit->add_subcommand("verify", "校验审计日志的哈希链，指出第一条被改动的记录")
      ->callback([&ctx] { verify(ctx); });
  static long limit = 50;
  CLI::App* list_cmd = audit->add_subcommand("list", "列出最近的审计记录");
  list_cmd->add_option("--limit", limit, "最多列出的条数（0 = 全部）");
  list_cmd->callback([&ctx] { list(ctx, limit); });
  static std::string from;
  CLI::App* restored_cmd = audit->add_subcommand(
      "restored", "记下数据库已按时间点恢复（pg_basebackup 与 WAL 归档）：恢复点之后的审计记录已随之撤回");
  restored_cmd->add_option("--from", from, "恢复的来源与时间点，如“备份 20261207T0125Z 至 2026-12-07 09:25:24”")
      ->required();
  restored_cmd->callback([&ctx] { restored(ctx, from); });
}

}  // namespace anju::cli

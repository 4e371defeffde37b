// `anju campaign [--as-of DATE|today] [--cutoff DATE] [--aging-year N]
// [--aging-age N] [--aging-structures a,b] [--ledger-deadline DATE]`: shows the campaign's settings,
// or changes those given (DOMAIN.md §7: thresholds are campaign settings).
#include <CLI/CLI.hpp>

#include <iostream>
#include <sstream>
#include <nlohmann/json.hpp>

#include "cli/context.h"
#include "service/campaign_service.h"
#include "service/system_clock.h"

namespace anju::cli {
namespace {

struct CampaignArgs {
  std::string as_of, cutoff, structures, ledger_deadline;
  std::optional<int> aging_year, aging_age;
};

// Applies the given options to `c`; `invalid` on bad input.
Result<void> apply(const CampaignArgs& a, Campaign& c) {
  auto date = [&](const std::string& text, const char* name) -> Result<Date> {
    if (auto d = parse_date(text)) return *d;
    return make_error(ErrorCode::invalid, std::string(name) + "应为日期，如2024-10-13：" + text);
  };
  if (a.as_of == "today") {
    c.as_of.reset();
  } else if (!a.as_of.empty()) {
    auto d = date(a.as_of, "--as-of");
    if (!d) return d.error();
    c.as_of = *d;
  }
  if (!a.cutoff.empty()) {
    auto d = date(a.cutoff, "--cutoff");
    if (!d) return d.error();
    c.settings.cutoff = *d;
  }
  if (!a.ledger_deadline.empty()) {
    auto d = date(a.ledger_deadline, "--ledger-deadline");
    if (!d) return d.error();
    c.ledger_deadline = *d;
  }
  if (a.aging_year) c.settings.aging_year = *a.aging_year;
  if (a.aging_age) c.settings.aging_age_years = *a.aging_age;
  if (!a.structures.empty()) {
    c.settings.aging_structures.clear();
    std::stringstream list(a.structures);
    for (std::string item; std::getline(list, item, ',');) {
      auto s = enum_parse<Structure>(item);
      if (!s)
        return make_error(ErrorCode::invalid, "结构类型只能是：" + enum_names_joined<Structure>() + "：" + item);
      c.settings.aging_structures.push_back(*s);
    }
  }
  return {};
}

void print(const Context& ctx, const Campaign& c) {
  if (ctx.json) {
    std::cout << campaign_json(c).dump() << '\n';
    return;
  }
  std::cout << c.name << "（" << c.window_start.to_string() << " 至 " << c.window_end.to_string() << "）\n"
            << "  评估截止日期 as_of：" << (c.as_of ? c.as_of->to_string() : "每次运行当天") << '\n'
            << "  结论有效起始 cutoff：" << c.settings.cutoff.to_string() << '\n'
            << "  老化规则：建于" << c.settings.aging_year << "年及以前、最新评估超过"
            << c.settings.aging_age_years << "年的";
  for (Structure s : c.settings.aging_structures) std::cout << enum_name(s) << " ";
  std::cout << "房屋\n"
            << "  危房台账销号期限：" << c.ledger_deadline.to_string() << '\n';
}

void run(Context& ctx, const CampaignArgs& a) {
  auto store = ctx.open();
  if (!store) return;
  const bool change = !a.as_of.empty() || !a.cutoff.empty() || a.aging_year || a.aging_age ||
                      !a.structures.empty() || !a.ledger_deadline.empty();
  Result<Campaign> c = make_error(ErrorCode::internal, "");
  if (change) {
    c = change_campaign(*store, [&](Campaign& edited) { return apply(a, edited); }, ctx.actor(),
                        SystemClock());
  } else {
    auto tx = store->begin(TxMode::read);
    if (!tx) return ctx.fail(tx.error());
    c = (*tx)->campaign().get_campaign();
  }
  if (!c) return ctx.fail(c.error());
  print(ctx, *c);
}

}  // namespace

void add_campaign_command(CLI::App& app, Context& ctx) {
  auto a = std::make_shared<CampaignArgs>();
  CLI::App* cmd = app.add_subcommand("campaign", "查看或修改“回头看”工作设置（初判的日期和阈值）");
  cmd->add_option("--as-of", a->as_of, "评估截止日期（today 表示每次运行当天）");
  cmd->add_option("--cutoff", a->cutoff, "结论有效的起始日期");
  cmd->add_option("--aging-year", a->aging_year, "老化规则：建造年代不晚于该年")->check(CLI::Range(1800, 2100));
  cmd->add_option("--aging-age", a->aging_age, "老化规则：最新评估距今超过的年数")->check(CLI::Range(0, 50));
  cmd->add_option("--aging-structures", a->structures, "老化规则适用的结构类型，逗号分隔（如 earth_wood,stone_wood,cave）");
  cmd->add_option("--ledger-deadline", a->ledger_deadline, "危房台账全部销号（验收）的期限，默认 2025-12-31");
  cmd->callback([&ctx, a] { run(ctx, *a); });
}

}  // namespace anju::cli

// `anju campaign [--as-of DATE|today] [--cutoff DATE] [--aging-year N]
// [--aging-age N] [--aging-structures a,b]`: shows the campaign's settings,
// or changes those given (DOMAIN.md §7: thresholds are campaign settings).
#include <CLI/CLI.hpp>

#include <iostream>
#include <sstream>
#include <nlohmann/json.hpp>

#include "cli/context.h"
#include "service/audit_service.h"
#include "service/system_clock.h"

namespace anju::cli {
namespace {

struct CampaignArgs {
  std::string as_of, cutoff, structures;
  std::optional<int> aging_year, aging_age;
};

// Applies the given options to `c`; false (after reporting) on bad input.
bool apply(Context& ctx, const CampaignArgs& a, Campaign& c) {
  auto date = [&](const std::string& text, const char* name) -> std::optional<Date> {
    auto d = parse_date(text);
    if (!d) ctx.fail(make_error(ErrorCode::invalid, std::string(name) + "应为日期，如2024-10-13：" + text));
    return d;
  };
  if (!a.as_of.empty()) {
    if (a.as_of == "today") c.as_of.reset();
    else if (auto d = date(a.as_of, "--as-of")) c.as_of = d;
    else return false;
  }
  if (!a.cutoff.empty()) {
    if (auto d = date(a.cutoff, "--cutoff")) c.settings.cutoff = *d;
    else return false;
  }
  if (a.aging_year) c.settings.aging_year = *a.aging_year;
  if (a.aging_age) c.settings.aging_age_years = *a.aging_age;
  if (!a.structures.empty()) {
    c.settings.aging_structures.clear();
    std::stringstream list(a.structures);
    for (std::string item; std::getline(list, item, ',');) {
      auto s = enum_parse<Structure>(item);
      if (!s) {
        ctx.fail(make_error(ErrorCode::invalid, "结构类型只能是：" + enum_names_joined<Structure>() + "：" + item));
        return false;
      }
      c.settings.aging_structures.push_back(*s);
    }
  }
  return true;
}

nlohmann::ordered_json settings_json(const Campaign& c) {
  std::vector<std::string> structures;
  for (Structure s : c.settings.aging_structures) structures.emplace_back(enum_key(s));
  return {{"name", c.name}, {"window_start", c.window_start.to_string()},
          {"window_end", c.window_end.to_string()},
          {"as_of", c.as_of ? nlohmann::ordered_json(c.as_of->to_string()) : nullptr},
          {"cutoff", c.settings.cutoff.to_string()}, {"aging_year", c.settings.aging_year},
          {"aging_age_years", c.settings.aging_age_years}, {"aging_structures", structures},
          {"version", c.version}};
}

void print(const Context& ctx, const Campaign& c) {
  if (ctx.json) {
    std::cout << settings_json(c).dump() << '\n';
    return;
  }
  std::cout << c.name << "（" << c.window_start.to_string() << " 至 " << c.window_end.to_string() << "）\n"
            << "  评估截止日期 as_of：" << (c.as_of ? c.as_of->to_string() : "每次运行当天") << '\n'
            << "  结论有效起始 cutoff：" << c.settings.cutoff.to_string() << '\n'
            << "  老化规则：建于" << c.settings.aging_year << "年及以前、最新评估超过"
            << c.settings.aging_age_years << "年的";
  for (Structure s : c.settings.aging_structures) std::cout << enum_name(s) << " ";
  std::cout << "房屋\n";
}

void run(Context& ctx, const CampaignArgs& a) {
  auto store = ctx.open();
  if (!store) return;
  auto tx = store->begin(TxMode::write);
  if (!tx) return ctx.fail(tx.error());
  auto c = (*tx)->get_campaign();
  if (!c) return ctx.fail(c.error());
  const bool change = !a.as_of.empty() || !a.cutoff.empty() || a.aging_year || a.aging_age ||
                      !a.structures.empty();
  if (change) {
    const nlohmann::ordered_json before = settings_json(*c);
    if (!apply(ctx, a, *c)) return;
    SystemClock clock;
    if (auto r = (*tx)->update_campaign(*c, WriteStamp{ctx.actor(), clock.now_iso()}); !r)
      return ctx.fail(r.error());
    if (auto r = audit(**tx, clock, ctx.actor(), "campaign.update", "campaign", "1",
                       {{"before", before}, {"after", settings_json(*c)}});
        !r)
      return ctx.fail(r.error());
    if (auto r = (*tx)->commit(); !r) return ctx.fail(r.error());
    (void)chain_audit_log(*store);
    ++c->version;
  }
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
  cmd->callback([&ctx, a] { run(ctx, *a); });
}

}  // namespace anju::cli

// `anju campaign [--region CODE] [--name TEXT] [--window-start DATE]
// [--window-end DATE] [--as-of DATE|today] [--cutoff DATE] [--aging-year N]
// [--aging-age N] [--aging-structures a,b] [--ledger-deadline DATE]
// [--inherit]`: shows the campaign a region follows (the whole country's by
// default), or sets the region's own from the options given (DOMAIN.md §7:
// thresholds are campaign settings); --inherit removes it. A change judges
// the region again when it has been judged.
#include <CLI/CLI.hpp>

#include <iostream>
#include <sstream>
#include <tuple>
#include <nlohmann/json.hpp>

#include "cli/context.h"
#include "core/access.h"
#include "service/campaign_service.h"
#include "service/system_clock.h"

namespace anju::cli {
namespace {

struct CampaignArgs {
  std::string region = std::string(kWholeCountry);
  std::string name, window_start, window_end, as_of, cutoff, structures, ledger_deadline, papers;
  std::optional<int> aging_year, aging_age;
  bool inherit = false;
  bool changes() const {
    return !name.empty() || !window_start.empty() || !window_end.empty() || !as_of.empty() || !cutoff.empty() ||
           aging_year || aging_age || !structures.empty() || !ledger_deadline.empty() || !papers.empty();
  }
};

// A comma-separated list of E's keys into `into`; `invalid` naming the
// first unknown one.
template <class E>
Result<void> codes(const std::string& text, const char* what, std::vector<E>& into) {
  into.clear();
  std::stringstream list(text);
  for (std::string item; std::getline(list, item, ',');) {
    auto v = enum_parse<E>(item);
    if (!v) return make_error(ErrorCode::invalid, std::string(what) + "只能是：" + enum_names_joined<E>() + "：" + item);
    into.push_back(*v);
  }
  return {};
}

// Applies the given options to `c`; `invalid` on bad input.
Result<void> apply(const CampaignArgs& a, Campaign& c) {
  auto date = [&](const std::string& text, const char* name) -> Result<Date> {
    if (auto d = parse_date(text)) return *d;
    return make_error(ErrorCode::invalid, std::string(name) + "应为日期，如2024-10-13：" + text);
  };
  if (!a.name.empty()) c.name = a.name;
  for (auto [text, into, name] : {std::tuple{&a.window_start, &c.window_start, "--window-start"},
                                  std::tuple{&a.window_end, &c.window_end, "--window-end"}}) {
    if (text->empty()) continue;
    auto d = date(*text, name);
    if (!d) return d.error();
    *into = *d;
  }
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
  if (!a.structures.empty()) ANJU_TRY(codes(a.structures, "结构类型", c.settings.aging_structures));
  if (a.papers == "none") c.acceptance_papers.clear();
  else if (!a.papers.empty()) ANJU_TRY(codes(a.papers, "验收材料类别", c.acceptance_papers));
  return {};
}

void print(const Context& ctx, const RegionCampaign& rc, const std::optional<JudgeSummary>& judged) {
  const Campaign& c = rc.campaign;
  if (ctx.json) {
    nlohmann::ordered_json j = campaign_json(c);
    j["own"] = rc.own;
    j["inside"] = nlohmann::json::array();
    for (const Campaign& in : rc.inside) j["inside"].push_back(campaign_json(in));
    if (judged) j["judged"] = {{"households", judged->households}, {"changed", judged->changed}};
    std::cout << j.dump() << '\n';
    return;
  }
  std::cout << c.name << "（" << c.window_start.to_string() << " 至 " << c.window_end.to_string() << "）"
            << (rc.own ? "" : c.region_code == kWholeCountry ? "，沿用全国的设置" : "，沿用 " + c.region_code + " 的设置")
            << '\n'
            << "  评估截止日期 as_of：" << (c.as_of ? c.as_of->to_string() : "每次运行当天") << '\n'
            << "  结论有效起始 cutoff：" << c.settings.cutoff.to_string() << '\n'
            << "  老化规则：建于" << c.settings.aging_year << "年及以前、最新评估超过"
            << c.settings.aging_age_years << "年的";
  for (Structure s : c.settings.aging_structures) std::cout << enum_name(s) << " ";
  std::cout << "房屋\n"
            << "  危房台账销号期限：" << c.ledger_deadline.to_string() << '\n'
            << "  验收前须上传：";
  for (RenovationPaper p : c.acceptance_papers) std::cout << enum_name(p) << " ";
  std::cout << (c.acceptance_papers.empty() ? "（不要求）\n" : "\n");
  for (const Campaign& in : rc.inside)
    std::cout << "  下级 " << in.region_code << " 自行设置：" << in.name << "（" << in.window_start.to_string()
              << " 至 " << in.window_end.to_string() << "）\n";
  if (judged)
    std::cout << "已按新设置重新初判 " << judged->households << " 户，结论变化 " << judged->changed << " 户\n";
}

void run(Context& ctx, const CampaignArgs& a) {
  auto store = ctx.open();
  if (!store) return;
  const User op = system_operator(ctx.actor());
  if (a.inherit && a.changes()) return ctx.fail(make_error(ErrorCode::invalid, "--inherit 不能与其他设置同时使用"));
  if (a.inherit || a.changes()) {
    auto changed = a.inherit ? remove_campaign(*store, op, a.region, std::nullopt, SystemClock())
                             : change_campaign(*store, op, a.region, std::nullopt,
                                               [&](Campaign& edited) { return apply(a, edited); }, SystemClock());
    if (!changed) return ctx.fail(changed.error());
    return print(ctx, changed->now, changed->judged);
  }
  auto c = read_campaign(*store, op, a.region);
  if (!c) return ctx.fail(c.error());
  print(ctx, *c, std::nullopt);
}

}  // namespace

void add_campaign_command(CLI::App& app, Context& ctx) {
  auto a = std::make_shared<CampaignArgs>();
  CLI::App* cmd = app.add_subcommand("campaign", "查看或修改“回头看”工作设置（初判的日期和阈值），全国或某一区划的");
  cmd->add_option("--region", a->region, "区划代码（省、市、县、乡镇；默认全国）");
  cmd->add_option("--name", a->name, "工作名称");
  cmd->add_option("--window-start", a->window_start, "工作开始日期");
  cmd->add_option("--window-end", a->window_end, "工作结束日期（核实任务的期限）");
  cmd->add_flag("--inherit", a->inherit, "删除该区划自己的设置，沿用上级的");
  cmd->add_option("--as-of", a->as_of, "评估截止日期（today 表示每次运行当天）");
  cmd->add_option("--cutoff", a->cutoff, "结论有效的起始日期");
  cmd->add_option("--aging-year", a->aging_year, "老化规则：建造年代不晚于该年")->check(CLI::Range(1800, 2100));
  cmd->add_option("--aging-age", a->aging_age, "老化规则：最新评估距今超过的年数")->check(CLI::Range(0, 50));
  cmd->add_option("--aging-structures", a->structures, "老化规则适用的结构类型，逗号分隔（如 earth_wood,stone_wood,cave）");
  cmd->add_option("--ledger-deadline", a->ledger_deadline, "危房台账全部销号（验收）的期限，默认 2025-12-31");
  cmd->add_option("--acceptance-papers", a->papers,
                  "验收前须上传的材料类别，逗号分隔（默认 acceptance_photo,acceptance：验收照片和验收单；none 表示不要求）");
  cmd->callback([&ctx, a] { run(ctx, *a); });
}

}  // namespace anju::cli

// `anju match [--region CODE] | --set HOUSEHOLD PARCEL | --clear HOUSEHOLD` and
// `anju judge [--region CODE] [--as-of DATE] [--cutoff DATE]`.
#include <CLI/CLI.hpp>

#include <cstdio>
#include <iostream>
#include <nlohmann/json.hpp>

#include "cli/context.h"
#include "core/access.h"
#include "service/census_service.h"
#include "service/system_clock.h"

namespace anju::cli {
namespace {

struct MatchArgs {
  std::vector<std::string> set;  // HOUSEHOLD PARCEL
  std::string clear;
  std::string region;  // "" = everything
};

// The region a run acts on: the one named (a 12-digit code), else everything.
std::optional<std::string> run_region(Context& ctx, const std::string& named) {
  auto region = list_region(system_operator(ctx.actor()), named);
  if (!region) {
    ctx.fail(region.error());
    return std::nullopt;
  }
  return *region;
}

void print_match(const Context& ctx, const MatchSummary& s) {
  if (ctx.json) {
    nlohmann::ordered_json j = {{"households", s.households}, {"outcomes", s.outcomes},
                                {"shared", s.shared}, {"parcel_not_found", s.parcel_not_found}};
    std::cout << j.dump() << '\n';
    return;
  }
  std::cout << "人房对应：共 " << s.households << " 户\n";
  for (const char* key : {"manual", "by_parcel", "by_location", "by_owner", "ambiguous", "unmatched"})
    std::printf("  %-12s %-18s %8ld\n", key, match_outcome_name(*parse_match_outcome(key)),
                s.outcomes.at(key));
  std::printf("  多户共用同一房屋 %ld 户；花名册图斑编号不存在 %ld 户\n", s.shared, s.parcel_not_found);
}

// A manual choice (or its clearing) and the judgment it led to: the
// household alone is matched and judged again (no run).
void print_choice(const Context& ctx, const std::string& household_id, const std::string& parcel_id,
                  const JudgmentRow& j) {
  std::vector<std::string> reasons;
  for (Reason r : j.reasons) reasons.emplace_back(reason_key(r));
  if (ctx.json) {
    std::cout << nlohmann::ordered_json{{"household_id", household_id},
                                        {"parcel_id", parcel_id.empty() ? nlohmann::ordered_json(nullptr)
                                                                        : nlohmann::ordered_json(parcel_id)},
                                        {"judgment", {{"result", judge_result_key(j.result)}, {"reasons", reasons}}}}
                     .dump()
              << '\n';
    return;
  }
  std::cout << household_id << (parcel_id.empty() ? "：已取消选择图斑，按规则重新对应" : "：已选择图斑 " + parcel_id)
            << "；初判结论 " << judge_result_name(j.result) << '\n';
}

void run_match_command(Context& ctx, const MatchArgs& args) {
  if ((!args.set.empty() || !args.clear.empty()) && !args.region.empty())
    return ctx.fail(make_error(ErrorCode::invalid, "--set/--clear 只对一户，不能与 --region 同用"));
  const auto region = run_region(ctx, args.region);
  if (!region) return;
  auto store = ctx.open();
  if (!store) return;
  SystemClock clock;
  if (!args.set.empty()) {
    auto r = set_manual_match(*store, system_operator(ctx.actor()), args.set[0], args.set[1], std::nullopt, clock);
    if (!r) return ctx.fail(r.error());
    return print_choice(ctx, args.set[0], args.set[1], r->judgment);
  }
  if (!args.clear.empty()) {
    auto r = clear_manual_match(*store, system_operator(ctx.actor()), args.clear, std::nullopt, clock);
    if (!r) return ctx.fail(r.error());
    return print_choice(ctx, args.clear, "", *r);
  }
  auto summary = run_match(*store, *region, ctx.actor(), clock);
  if (!summary) return ctx.fail(summary.error());
  print_match(ctx, *summary);
}

struct JudgeArgs {
  std::string as_of, cutoff, region;
};

// The steps' times, on stderr: stdout is the judgment, the same on every
// engine and every run.
void print_steps(const Context& ctx, const JudgeSummary& s) {
  nlohmann::ordered_json steps = nlohmann::ordered_json::array();
  for (const JudgeStepTime& t : s.steps)
    steps.push_back({{"step", enum_key(t.step)},
                     {"name", enum_name(t.step)},
                     {"seconds", t.seconds},
                     {"skipped", t.skipped}});
  if (ctx.json) {
    std::cerr << nlohmann::ordered_json{{"steps", steps}}.dump() << '\n';
    return;
  }
  std::cerr << "各步用时：";
  for (const JudgeStepTime& t : s.steps)
    std::fprintf(stderr, " %s %.3f 秒", enum_name(t.step), t.seconds);
  std::cerr << '\n';
}

void print_judge(const Context& ctx, const JudgeSummary& s) {
  print_steps(ctx, s);
  if (ctx.json) {
    for (const JudgmentRow& r : s.rows) {
      nlohmann::ordered_json reasons = nlohmann::ordered_json::array();
      for (Reason reason : r.reasons) reasons.push_back(reason_key(reason));
      nlohmann::ordered_json j = {
          {"household_id", r.household_id},
          {"result", judge_result_key(r.result)},
          {"reasons", reasons},
          {"grade", r.grade ? nlohmann::ordered_json(enum_key(*r.grade)) : nullptr},
          {"evidence_id", r.evidence_id.empty() ? nlohmann::ordered_json(nullptr)
                                                : nlohmann::ordered_json(r.evidence_id)}};
      std::cout << j.dump() << '\n';
    }
    return;
  }
  std::cout << "初判：共 " << s.households << " 户（评估截止 " << s.settings.as_of.to_string()
            << "，结论有效起始 " << s.settings.cutoff.to_string() << "），较上次变化 " << s.changed
            << " 户\n";
  for (const auto& [key, n] : s.results)
    std::printf("  %-20s %-26s %8ld\n", key.c_str(), judge_result_name(*parse_judge_result(key)), n);
  std::cout << "外业核实任务：新开 " << s.tasks_opened << " 个，关闭 " << s.tasks_closed << " 个（已不需核实）\n";
  std::cout << "危房台账：新列入 " << s.ledger_opened << " 户，销号 " << s.ledger_closed << " 户\n";
  std::cout << "需现场核实的原因（一户可有多个）：\n";
  for (const auto& [key, n] : s.reasons)
    std::printf("  %-26s %-16s %8ld\n", key.c_str(), reason_name(*parse_reason(key)), n);
}

std::optional<Date> date_option(Context& ctx, const std::string& text, const char* name) {
  if (text.empty()) return std::nullopt;
  auto d = parse_date(text);
  if (!d) ctx.fail(make_error(ErrorCode::invalid, std::string(name) + "应为日期，如2024-09-11：" + text));
  return d;
}

void run_judge_command(Context& ctx, const JudgeArgs& args) {
  JudgeOverrides o;
  o.as_of = date_option(ctx, args.as_of, "--as-of");
  o.cutoff = date_option(ctx, args.cutoff, "--cutoff");
  if (ctx.exit_code != kExitOk) return;
  const auto region = run_region(ctx, args.region);
  if (!region) return;
  o.region = *region;
  auto store = ctx.open();
  if (!store) return;
  SystemClock clock;
  auto summary = run_judge(*store, o, ctx.actor(), clock);
  if (!summary) return ctx.fail(summary.error());
  print_judge(ctx, *summary);
}

}  // namespace

void add_census_commands(CLI::App& app, Context& ctx) {
  auto margs = std::make_shared<MatchArgs>();
  CLI::App* match = app.add_subcommand("match", "人房对应：把每户对应到所住的普查房屋图斑");
  auto* set = match->add_option("--set", margs->set, "选择图斑：--set 户编号 图斑编号（该户立即重新对应和初判）")
                  ->expected(2);
  match->add_option("--clear", margs->clear, "取消某户人工选择的图斑（该户立即按规则重新对应和初判）")->excludes(set);
  match->add_option("--region", margs->region, "只对这个区划（12位代码）内的农户进行人房对应（默认全部）");
  match->callback([&ctx, margs] { run_match_command(ctx, *margs); });

  auto jargs = std::make_shared<JudgeArgs>();
  CLI::App* judge = app.add_subcommand("judge", "初判：判断每户住房安全情况并给出原因");
  judge->add_option("--as-of", jargs->as_of, "评估截止日期（默认取工作设置，未设置则为今天）");
  judge->add_option("--cutoff", jargs->cutoff, "结论有效的起始日期（默认2020-01-01）");
  judge->add_option("--region", jargs->region, "只对这个区划（12位代码）内的农户进行初判（默认全部）");
  judge->callback([&ctx, jargs] { run_judge_command(ctx, *jargs); });
}

}  // namespace anju::cli

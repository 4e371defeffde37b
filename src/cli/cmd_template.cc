// `anju template regions|households --out F.xlsx`.
#include <CLI/CLI.hpp>

#include <iostream>

#include "cli/context.h"
#include "report/template_writer.h"

namespace anju::cli {
namespace {

void add_one(CLI::App& parent, Context& ctx, const char* name, TemplateKind kind) {
  auto out = std::make_shared<std::string>();
  CLI::App* cmd = parent.add_subcommand(name, std::string(enum_name(kind)) + "导入模板");
  cmd->add_option("--out", *out, "输出的 .xlsx 文件")->required();
  cmd->callback([&ctx, kind, out] {
    if (auto r = write_template(kind, *out); !r) return ctx.fail(r.error());
    if (!ctx.json) std::cout << "已写出" << enum_name(kind) << "导入模板：" << *out << '\n';
    else std::cout << "{\"file\":\"" << *out << "\"}\n";
  });
}

}  // namespace

void add_template_command(CLI::App& app, Context& ctx) {
  CLI::App* cmd = app.add_subcommand("template", "写出空白导入模板（含填写说明）");
  cmd->require_subcommand(1);
  add_one(*cmd, ctx, "regions", TemplateKind::regions);
  add_one(*cmd, ctx, "households", TemplateKind::households);
  add_one(*cmd, ctx, "buildings", TemplateKind::buildings);
  add_one(*cmd, ctx, "evidence", TemplateKind::evidence);
  add_one(*cmd, ctx, "disasters", TemplateKind::disasters);
}

}  // namespace anju::cli

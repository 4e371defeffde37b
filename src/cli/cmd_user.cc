// `anju user add` and `anju user list`. The password comes from a file or
// standard input (asked twice, unechoed, on a terminal), never from the
// command line, where other users of the machine could read it.
#include <CLI/CLI.hpp>
#include <termios.h>
#include <unistd.h>

#include <fstream>
#include <iostream>
#include <nlohmann/json.hpp>

#include "cli/context.h"
#include "service/system_clock.h"
#include "service/two_step.h"
#include "service/user_service.h"

namespace anju::cli {
namespace {

std::string first_line(std::istream& in) {
  std::string line;
  std::getline(in, line);
  if (!line.empty() && line.back() == '\r') line.pop_back();
  return line;
}

// Reads a line from the terminal without echoing it.
std::string ask_hidden(const char* prompt) {
  std::cerr << prompt << std::flush;
  termios old{};
  tcgetattr(STDIN_FILENO, &old);
  termios quiet = old;
  quiet.c_lflag &= ~static_cast<tcflag_t>(ECHO);
  tcsetattr(STDIN_FILENO, TCSANOW, &quiet);
  std::string line = first_line(std::cin);
  tcsetattr(STDIN_FILENO, TCSANOW, &old);
  std::cerr << '\n';
  return line;
}

Result<std::string> read_password(const std::string& file) {
  if (!file.empty()) {
    std::ifstream in(file);
    if (!in) return make_error(ErrorCode::invalid, "无法读取密码文件 " + file);
    return first_line(in);
  }
  if (!isatty(STDIN_FILENO)) return first_line(std::cin);
  std::string once = ask_hidden("新用户的密码：");
  if (ask_hidden("再输入一次：") != once) return make_error(ErrorCode::invalid, "两次输入的密码不一致");
  return once;
}

nlohmann::json user_json(const Stored<User>& u) {
  return {{"name", u.value.name}, {"display_name", u.value.display_name},
          {"role", enum_key(u.value.role)}, {"role_name", enum_name(u.value.role)},
          {"region_code", u.value.region_code}, {"disabled", u.value.disabled}, {"two_step", u.value.two_step()},
          {"version", u.version}, {"created_at", u.created_at}};
}

}  // namespace

void add_user_commands(CLI::App& app, Context& ctx) {
  CLI::App* user = app.add_subcommand("user", "用户管理");
  user->require_subcommand(1);

  static NewUser added;
  static std::string role, password_file;
  CLI::App* add = user->add_subcommand("add", "新增用户（密码从 --password-file 或标准输入读取）");
  add->add_option("--name", added.name, "登录名")->required();
  add->add_option("--display-name", added.display_name, "姓名");
  add->add_option("--role", role, "角色：admin、town_office、village_clerk 等，或其中文名")->required();
  add->add_option("--region", added.region_code, "区划代码（村、镇、县、市级，按角色）")->required();
  add->add_option("--password-file", password_file, "从文件第一行读取密码");
  add->callback([&ctx] {
    auto parsed = enum_parse<Role>(role);
    if (!parsed) return ctx.fail(make_error(ErrorCode::invalid, "未知角色：" + role));
    added.role = *parsed;
    auto password = read_password(password_file);
    if (!password) return ctx.fail(password.error());
    added.password = *password;
    auto store = ctx.open();
    if (!store) return;
    auto made = add_user(*store, added, ctx.actor(), SystemClock());
    if (!made) return ctx.fail(made.error());
    if (ctx.json)
      std::cout << nlohmann::json{{"name", made->name}, {"role", enum_key(made->role)},
                                  {"region_code", made->region_code}}.dump() << '\n';
    else
      std::cout << "已新增用户 " << made->name << "（" << enum_name(made->role) << "，"
                << made->region_code << "）\n";
  });

  static std::string target, new_password_file;
  static bool keep = false;
  CLI::App* passwd = user->add_subcommand(
      "passwd", "重设用户密码（默认要求其下次登录时修改），并结束其所有会话");
  passwd->add_option("--name", target, "登录名")->required();
  passwd->add_option("--password-file", new_password_file, "从文件第一行读取新密码");
  passwd->add_flag("--no-change-required", keep, "不要求用户下次登录时修改密码");
  passwd->callback([&ctx] {
    auto password = read_password(new_password_file);
    if (!password) return ctx.fail(password.error());
    auto store = ctx.open();
    if (!store) return;
    if (auto r = set_password(*store, target, *password, !keep, ctx.actor(), SystemClock()); !r)
      return ctx.fail(r.error());
    if (ctx.json) std::cout << nlohmann::json{{"name", target}, {"must_change_password", !keep}}.dump() << '\n';
    else std::cout << "已重设 " << target << " 的密码，其会话已全部结束\n";
  });

  for (const bool disable : {true, false}) {
    CLI::App* cmd = user->add_subcommand(disable ? "disable" : "enable",
                                         disable ? "停用用户（结束其所有会话）" : "恢复启用用户");
    auto name = std::make_shared<std::string>();
    cmd->add_option("--name", *name, "登录名")->required();
    cmd->callback([&ctx, name, disable] {
      auto store = ctx.open();
      if (!store) return;
      if (auto r = set_user_disabled(*store, *name, disable, ctx.actor(), SystemClock()); !r)
        return ctx.fail(r.error());
      if (ctx.json) std::cout << nlohmann::json{{"name", *name}, {"disabled", disable}}.dump() << '\n';
      else std::cout << (disable ? "已停用 " : "已启用 ") << *name << '\n';
    });
  }

  static std::string two_step_user;
  CLI::App* off = user->add_subcommand("two-step-off", "关闭用户的两步验证（如手机丢失），并结束其所有会话；用户可重新设置");
  off->add_option("--name", two_step_user, "登录名")->required();
  off->callback([&ctx] {
    auto store = ctx.open();
    if (!store) return;
    if (auto r = turn_off_two_step(*store, two_step_user, ctx.actor(), SystemClock()); !r) return ctx.fail(r.error());
    if (ctx.json) std::cout << nlohmann::json{{"name", two_step_user}, {"two_step", false}}.dump() << '\n';
    else std::cout << "已关闭 " << two_step_user << " 的两步验证，其会话已全部结束\n";
  });

  CLI::App* list = user->add_subcommand("list", "列出用户");
  list->callback([&ctx] {
    auto store = ctx.open();
    if (!store) return;
    auto users = list_users(*store);
    if (!users) return ctx.fail(users.error());
    if (ctx.json) {
      nlohmann::json out = nlohmann::json::array();
      for (const auto& u : *users) out.push_back(user_json(u));
      std::cout << out.dump() << '\n';
      return;
    }
    for (const auto& u : *users)
      std::cout << u.value.name << '\t' << enum_name(u.value.role) << '\t' << u.value.region_code
                << (u.value.disabled ? "\t已停用" : "") << '\n';
  });
}

}  // namespace anju::cli

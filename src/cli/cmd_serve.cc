// `anju serve`: the HTTP API and the web app (src/http/server.h).
#include <ctime>

#include <CLI/CLI.hpp>
#include <unistd.h>

#include <filesystem>
#include <iostream>

#include "cli/context.h"
#include "core/date.h"
#include "http/server.h"
#include "service/user_service.h"

namespace anju::cli {
// web/dist beside the source tree the binary was built from, else ./web/dist.
std::filesystem::path default_web_root() {
  std::error_code ec;
  const auto exe = std::filesystem::read_symlink("/proc/self/exe", ec);
  if (!ec) {
    const auto beside = exe.parent_path().parent_path() / "web" / "dist";
    if (std::filesystem::is_directory(beside)) return beside;
  }
  return std::filesystem::current_path() / "web" / "dist";
}

std::filesystem::path default_files_dir(const std::string& db) {
  if (db.rfind("postgres", 0) == 0) return std::filesystem::current_path() / "anju-files";
  const std::string path = db.rfind("sqlite:", 0) == 0 ? db.substr(7) : db;
  return std::filesystem::absolute(path + ".files");
}

void add_serve_command(CLI::App& app, Context& ctx) {
  static http::ServerOptions options;
  static std::string web;
  static std::string files;
  CLI::App* cmd = app.add_subcommand("serve", "启动网页服务（API 与网页应用）");
  cmd->add_option("--port", options.port, "端口（0 = 任一空闲端口）")->capture_default_str();
  cmd->add_option("--bind", options.bind, "监听地址")->capture_default_str();
  cmd->add_option("--web", web, "网页应用目录（默认 web/dist）");
  cmd->add_option("--files", files, "现场照片和鉴定报告的存放目录（默认在数据库文件旁）");
  cmd->add_option("--max-body", options.max_body_bytes, "请求体上限（字节）")->capture_default_str();
  cmd->add_option("--max-connections", options.max_connections,
                  "同时保持的连接数上限（默认按进程可打开的文件数计算）；满时先关闭空闲的连接");
  cmd->add_option("--trusted-proxy", options.trusted_proxies,
                  "可信的反向代理或负载均衡地址（可多次给出，地址或网段如 10.0.0.0/8）：只认它们转来的 "
                  "X-Forwarded-For / X-Forwarded-Proto")
      ->delimiter(',');
  cmd->add_option("--tls-cert", options.tls_cert, "TLS 证书链文件（PEM）；与 --tls-key 同时给出时只提供 HTTPS");
  cmd->add_option("--tls-key", options.tls_key, "TLS 私钥文件（PEM，权限须为 600）");
  cmd->add_option("--max-sessions", options.sessions.max_per_user,
                  "每个用户同时打开的会话数上限；新的登录结束最早的会话")
      ->capture_default_str()
      ->check(CLI::Range(1L, 1000L));
  static long session_hours = 12;
  cmd->add_option("--session-hours", session_hours, "会话自登录起最长有效小时数（不论是否在用）")
      ->capture_default_str()
      ->check(CLI::Range(1L, 24L * 30));
  static std::vector<std::string> two_step_roles;
  cmd->add_option("--two-step-roles", two_step_roles,
                  "须用两步验证（密码加手机验证器动态码）登录的角色，逗号分隔，如 admin,county_reviewer；"
                  "all 为全部角色。未设置的用户登录后只能先设置")
      ->delimiter(',');
  cmd->add_flag("--metrics", options.metrics,
                "在 /metrics 提供 Prometheus 指标（请求数、耗时分布、后台任务、数据库连接池）；"
                "前端代理不应对外转发 /metrics");
  cmd->add_option("--workers", options.worker_threads, "处理数据库请求的线程数（默认等于CPU核数）")
      ->capture_default_str();
  cmd->callback([&ctx] {
    options.sessions.lifetime_seconds = session_hours * 3600;
    options.sessions.two_step_roles.clear();
    for (const std::string& name : two_step_roles) {
      if (name == "all") {
        for (const auto& e : EnumTraits<Role>::entries()) options.sessions.two_step_roles.push_back(e.value);
        continue;
      }
      auto role = enum_parse<Role>(name);
      if (!role) return ctx.fail(make_error(ErrorCode::invalid, "--two-step-roles：未知角色“" + name + "”"));
      options.sessions.two_step_roles.push_back(*role);
    }
    options.web_root = web.empty() ? default_web_root() : std::filesystem::path(web);
    options.files = files.empty() ? default_files_dir(ctx.db) : std::filesystem::path(files);
    auto store = ctx.open();
    if (!store) return;
    // "Today" (a visit's or appraisal's date may not be later) is the
    // machine's calendar day: a server outside China time refuses, between
    // midnight and 08:00 in China, the date every phone shows.
    {
      const std::time_t now = std::time(nullptr);
      std::tm local{};
      localtime_r(&now, &local);
      if (local.tm_gmtoff != kChinaUtcOffsetSeconds)
        std::cerr << "注意：本机时区不是中国标准时间（UTC+8，现为 UTC" << (local.tm_gmtoff >= 0 ? "+" : "")
                  << local.tm_gmtoff / 3600.0 << "）。核实、鉴定日期“不能晚于今天”按本机日期检查，"
                  << "请以 TZ=Asia/Shanghai 启动\n";
    }
    // First run: nobody can log in until an administrator exists.
    if (auto users = list_users(*store); users && users->empty())
      std::cerr << "提示：还没有任何用户。先创建系统管理员（密码从标准输入读取）：\n"
                << "  anju --db " << ctx.db << " user add --name admin --role admin --region 000000000000\n";
    const int rc = http::serve(
        *store, options,
        [](unsigned short port) {
          std::cout << "安居已启动：" << (options.tls_cert.empty() ? "http" : "https") << "://" << (options.bind == "0.0.0.0" ? "127.0.0.1" : options.bind)
                    << ":" << port << "/" << std::endl;
        },
        std::cerr);
    if (rc != 0) ctx.exit_code = kExitUserError;
  });
}

}  // namespace anju::cli

#pragma once
// What every sub-command shares: the global options and small helpers for
// opening the store and reporting errors.

#include <filesystem>
#include <memory>
#include <string>

#include "cli/progress.h"
#include "core/result.h"
#include "store/store.h"

namespace CLI {
class App;
}

namespace anju::cli {

// Exit codes (DESIGN.md §3.1).
constexpr int kExitOk = 0;
constexpr int kExitUserError = 1;
constexpr int kExitUsage = 2;
constexpr int kExitInternal = 3;

struct Context {
  std::string db;  // --db, else $ANJU_DB, else anju.db
  std::string audit_key;  // --audit-key, else $ANJU_AUDIT_KEY, else beside the database
  bool json = false;
  std::string progress = "auto";  // --progress auto|bar|plain|none
  int exit_code = kExitOk;

  ProgressMode progress_mode() const;
  // The acting user of CLI writes ("cli:<login>").
  std::string actor() const;
  // Opens the store (and the audit key it is sealed with) or prints the
  // error and sets exit_code.
  std::unique_ptr<Store> open();
  // Reads the audit key for database `url` (service/audit_seal.h) and makes
  // it the process's; false, with the error printed, when it cannot.
  bool seal_audit(const std::string& url);
  // Prints an error (JSON on stdout with --json, text on stderr) and sets
  // exit_code to 1.
  void fail(const Error& error);
};

// The built web app: web/dist beside the source tree of the binary, else
// ./web/dist.
std::filesystem::path default_web_root();
// Where photos and reports are kept: beside a SQLite file ("town.db" →
// "town.db.files/"), else ./anju-files (PostgreSQL: give every app server the
// same shared folder with --files).
std::filesystem::path default_files_dir(const std::string& db);

void add_import_commands(CLI::App& app, Context& ctx);
void add_gen_command(CLI::App& app, Context& ctx);
void add_template_command(CLI::App& app, Context& ctx);
void add_demo_command(CLI::App& app, Context& ctx);
void add_migrate_command(CLI::App& app, Context& ctx);
void add_census_commands(CLI::App& app, Context& ctx);
void add_campaign_command(CLI::App& app, Context& ctx);
void add_user_commands(CLI::App& app, Context& ctx);
void add_audit_commands(CLI::App& app, Context& ctx);
void add_serve_command(CLI::App& app, Context& ctx);
void add_sample_command(CLI::App& app, Context& ctx);
void add_export_command(CLI::App& app, Context& ctx);
void add_print_command(CLI::App& app, Context& ctx);

}  // namespace anju::cli

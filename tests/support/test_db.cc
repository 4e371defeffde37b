#include "support/test_db.h"

#include <libpq-fe.h>
#include <sqlite3.h>
#include <unistd.h>

#include <atomic>
#include <cstdlib>
#include <filesystem>
#include <stdexcept>

namespace anju::testing {
namespace {

namespace fs = std::filesystem;
using nlohmann::json;

std::string env(const char* name) {
  const char* v = std::getenv(name);
  return v ? v : "";
}

// Test-only stand-ins for the SQLite functions the case files use.
constexpr const char* kShims =
    "CREATE FUNCTION hex(bytea) RETURNS text AS $$ SELECT upper(encode($1, 'hex')) $$"
    " LANGUAGE sql IMMUTABLE;"
    "CREATE FUNCTION json_extract(text, text) RETURNS jsonb AS"
    " $$ SELECT ($1::jsonb) #> string_to_array(substr($2, 3), '.') $$ LANGUAGE sql IMMUTABLE;"
    "CREATE FUNCTION round(double precision, integer) RETURNS numeric AS"
    " $$ SELECT round($1::numeric, $2) $$ LANGUAGE sql IMMUTABLE;";

struct Pg {
  explicit Pg(const std::string& url) : c(PQconnectdb(url.c_str())) {
    if (PQstatus(c) != CONNECTION_OK)
      throw std::runtime_error("test database server: " + std::string(PQerrorMessage(c)));
  }
  ~Pg() { PQfinish(c); }
  void exec(const std::string& sql) {
    PGresult* r = PQexec(c, sql.c_str());
    const bool ok = PQresultStatus(r) == PGRES_COMMAND_OK || PQresultStatus(r) == PGRES_TUPLES_OK;
    const std::string msg = PQresultErrorMessage(r);
    PQclear(r);
    if (!ok) throw std::runtime_error(sql + ": " + msg);
  }
  PGconn* c;
};

json pg_value(PGresult* r, int row, int col) {
  if (PQgetisnull(r, row, col)) return nullptr;
  const std::string v = PQgetvalue(r, row, col);
  switch (PQftype(r, col)) {
    case 16: return v == "t" ? 1 : 0;                                // bool
    case 20: case 21: case 23: return std::stoll(v);                 // integers
    case 700: case 701: case 1700: return std::stod(v);              // float, numeric
    case 114: case 3802: return json::parse(v, nullptr, false);      // json, jsonb
    default: return v;
  }
}

json sqlite_query(const std::string& path, const std::string& sql) {
  sqlite3* h = nullptr;
  sqlite3_open_v2(path.c_str(), &h, SQLITE_OPEN_READONLY, nullptr);
  sqlite3_stmt* st = nullptr;
  json rows = json::array();
  if (sqlite3_prepare_v2(h, sql.c_str(), -1, &st, nullptr) != SQLITE_OK) {
    rows = {{"SQL error", sqlite3_errmsg(h)}};
  } else {
    while (sqlite3_step(st) == SQLITE_ROW) {
      json row = json::array();
      for (int i = 0; i < sqlite3_column_count(st); ++i) {
        switch (sqlite3_column_type(st, i)) {
          case SQLITE_INTEGER: row.push_back(sqlite3_column_int64(st, i)); break;
          case SQLITE_FLOAT: row.push_back(sqlite3_column_double(st, i)); break;
          case SQLITE_NULL: row.push_back(nullptr); break;
          default: row.push_back(reinterpret_cast<const char*>(sqlite3_column_text(st, i)));
        }
      }
      rows.push_back(row);
    }
  }
  sqlite3_finalize(st);
  sqlite3_close(h);
  return rows;
}

}  // namespace

std::string test_engine() {
  const std::string e = env("ANJU_TEST_ENGINE");
  return e.empty() ? "sqlite" : e;
}

std::string engine_unavailable(const std::string& engine) {
  if (engine == "postgresql" && env("ANJU_TEST_PG").empty())
    return "ANJU_TEST_PG is not set: run the PostgreSQL tests through `make test` "
           "(scripts/with-postgres starts a throw-away server)";
  return "";
}

TestDb::TestDb(const std::string& name, const std::string& engine) {
  static std::atomic<int> counter{0};
  const std::string unique = name + "_" + std::to_string(::getpid()) + "_" + std::to_string(counter++);
  if (engine != "postgresql") {
    path_ = (fs::temp_directory_path() / ("anju_" + unique + ".db")).string();
    fs::remove(path_);
    url_ = path_;
    return;
  }
  pg_name_ = "t_" + unique.substr(0, 50);
  for (char& c : pg_name_) c = std::isalnum(static_cast<unsigned char>(c)) ? std::tolower(c) : '_';
  const std::string base = env("ANJU_TEST_PG");
  Pg(base + "/postgres").exec("CREATE DATABASE " + pg_name_);
  url_ = base + "/" + pg_name_;
  Pg(url_).exec(kShims);
}

TestDb::~TestDb() {
  if (!path_.empty()) {
    for (const char* suffix : {"", "-wal", "-shm", ".audit-key", ".audit-key.checkpoints"})
      fs::remove(path_ + suffix);
    fs::remove_all(path_ + ".files");  // the server's stored photos and files
    return;
  }
  try {
    Pg(env("ANJU_TEST_PG") + "/postgres").exec("DROP DATABASE IF EXISTS " + pg_name_ + " WITH (FORCE)");
  } catch (const std::exception&) {
    // The server is thrown away after the run anyway.
  }
}

std::string TestDb::exec(const std::string& sql) const {
  if (!path_.empty()) {
    sqlite3* h = nullptr;
    sqlite3_open_v2(path_.c_str(), &h, SQLITE_OPEN_READWRITE, nullptr);
    char* err = nullptr;
    std::string message;
    if (sqlite3_exec(h, sql.c_str(), nullptr, nullptr, &err) != SQLITE_OK) message = err ? err : "error";
    sqlite3_free(err);
    sqlite3_close(h);
    return message;
  }
  try {
    Pg(url_).exec(sql);
    return "";
  } catch (const std::exception& e) {
    return e.what();
  }
}

json TestDb::query(const std::string& sql) const {
  if (!path_.empty()) return sqlite_query(path_, sql);
  Pg pg(url_);
  PGresult* r = PQexec(pg.c, sql.c_str());
  json rows = json::array();
  if (PQresultStatus(r) != PGRES_TUPLES_OK) {
    rows = {{"SQL error", PQresultErrorMessage(r)}};
  } else {
    for (int i = 0; i < PQntuples(r); ++i) {
      json row = json::array();
      for (int j = 0; j < PQnfields(r); ++j) row.push_back(pg_value(r, i, j));
      rows.push_back(row);
    }
  }
  PQclear(r);
  return rows;
}

}  // namespace anju::testing

#pragma once
// A fresh, empty database for one test, on the engine the test run was
// registered for: ctest runs the store, service and CLI suites twice, plain
// (SQLite) and with the prefix "pg." (ANJU_TEST_ENGINE=postgresql), the
// latter against the throw-away server of scripts/with-postgres, whose
// address is in ANJU_TEST_PG ("postgresql://user@host:port", no database).

#include <string>

#include <nlohmann/json.hpp>

namespace anju::testing {

// "sqlite" (the default) or "postgresql", from ANJU_TEST_ENGINE.
std::string test_engine();

// Why the engine cannot run here ("" when it can): PostgreSQL tests need
// ANJU_TEST_PG, which `make test` sets. Tests skip with this message.
std::string engine_unavailable(const std::string& engine = test_engine());

class TestDb {
 public:
  // A new empty database whose name includes `name` (letters, digits, _),
  // on `engine` ("sqlite" or "postgresql"; default: test_engine()).
  explicit TestDb(const std::string& name, const std::string& engine = test_engine());
  ~TestDb();
  TestDb(const TestDb&) = delete;
  TestDb& operator=(const TestDb&) = delete;

  // What `--db` and open_store() take.
  const std::string& url() const { return url_; }

  // Runs `sql` and returns its rows as JSON arrays: integers and floats as
  // numbers, booleans as 1/0 (SQLite's form), JSON values parsed, NULL as
  // null, the rest as strings; {"SQL error": message} when it fails. On
  // PostgreSQL a few SQLite functions the cases use (hex, json_extract,
  // round of a double) exist as test-only shims.
  nlohmann::json query(const std::string& sql) const;
  // Runs SQL that changes the database behind the program's back (tests of
  // tamper detection); returns the engine's error message, "" on success.
  std::string exec(const std::string& sql) const;

 private:
  std::string url_;
  std::string path_;     // SQLite
  std::string pg_name_;  // PostgreSQL database name
};

}  // namespace anju::testing

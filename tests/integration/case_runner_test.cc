// Data-driven CLI cases: every tests/cases/**/case.json is one test. A case
// is a folder of input files and a list of steps run in a scratch copy of it:
//   {"run": [args…], "exit": N, "json": {…}}  run `anju --db case.db --json args…`,
//        check the exit code and that the printed JSON contains `json`
//        (objects: listed keys only; arrays: same length, element-wise);
//        "jsonl": [ … ] instead compares the output's lines, one object each, exactly;
//   {"sql": "SELECT …", "rows": [[…]]}        query the database;
//   {"exec": "UPDATE …"}                       change it behind anju's back;
//   either may name another database with "db": "x.db";
// Each database name is a fresh TestDb: a file on SQLite, a database on
// PostgreSQL (the "pg." run), so every case runs on both engines.
//   {"xlsx_from_csv": "a.csv", "out": "a.xlsx"} write a CSV's cells as an .xlsx.
#include <gtest/gtest.h>
#include <xlsxwriter.h>

#include <filesystem>
#include <fstream>
#include <map>
#include <sstream>
#include <nlohmann/json.hpp>

#include "ingest/csv_reader.h"
#include "integration/cli_runner.h"
#include "support/test_db.h"

namespace anju::testing {
namespace {

namespace fs = std::filesystem;
using nlohmann::json;

// Explains the first difference, or returns "" when `actual` contains `expected`.
std::string contains(const json& actual, const json& expected, const std::string& path) {
  if (expected.is_object()) {
    if (!actual.is_object()) return path + ": expected an object, got " + actual.dump();
    for (const auto& [k, v] : expected.items()) {
      if (!actual.contains(k)) return path + "." + k + ": missing in " + actual.dump();
      if (auto d = contains(actual[k], v, path + "." + k); !d.empty()) return d;
    }
    return "";
  }
  if (expected.is_array()) {
    if (!actual.is_array() || actual.size() != expected.size())
      return path + ": expected " + expected.dump() + "\n   got " + actual.dump();
    for (size_t i = 0; i < expected.size(); ++i)
      if (auto d = contains(actual[i], expected[i], path + "[" + std::to_string(i) + "]"); !d.empty())
        return d;
    return "";
  }
  return actual == expected ? "" : path + ": expected " + expected.dump() + ", got " + actual.dump();
}

void xlsx_from_csv(const fs::path& csv, const fs::path& out) {
  auto reader = CsvReader::open(csv.string());
  ASSERT_TRUE(reader) << reader.error().message;
  lxw_workbook* wb = workbook_new(out.c_str());
  lxw_worksheet* ws = workbook_add_worksheet(wb, nullptr);
  lxw_col_t c = 0;
  while (true) {
    auto row = (*reader)->next();
    ASSERT_TRUE(row);
    if (!*row) break;
    c = 0;
    for (const auto& cell : (*row)->cells) {
      // Whole numbers become number cells, as a clerk's sheet would have them.
      const bool numeric = !cell.empty() && cell.size() < 6 &&
                           cell.find_first_not_of("0123456789") == std::string::npos;
      const lxw_row_t r = static_cast<lxw_row_t>((*row)->row_number - 1);
      if (numeric) worksheet_write_number(ws, r, c, std::stod(cell), nullptr);
      else if (!cell.empty()) worksheet_write_string(ws, r, c, cell.c_str(), nullptr);
      ++c;
    }
  }
  ASSERT_EQ(workbook_close(wb), LXW_NO_ERROR);
}

std::vector<std::string> find_cases() {
  std::vector<std::string> out;
  const fs::path root = fs::path(source_dir()) / "tests/cases";
  for (const auto& e : fs::recursive_directory_iterator(root))
    if (e.path().filename() == "case.json")
      out.push_back(fs::relative(e.path().parent_path(), root).string());
  std::sort(out.begin(), out.end());
  return out;
}

class CliCase : public ::testing::TestWithParam<std::string> {};

TEST_P(CliCase, Steps) {
  if (auto why = engine_unavailable(); !why.empty()) GTEST_SKIP() << why;
  std::map<std::string, std::unique_ptr<TestDb>> dbs;
  auto db = [&](const json& step) -> TestDb& {
    auto& slot = dbs[step.value("db", "case.db")];
    if (!slot) slot = std::make_unique<TestDb>("case");
    return *slot;
  };
  const fs::path src = fs::path(source_dir()) / "tests/cases" / GetParam();
  const fs::path work = fs::temp_directory_path() /
                        ("anju_case_" + std::to_string(::getpid()) + "_" +
                         std::to_string(std::hash<std::string>{}(GetParam())));
  fs::remove_all(work);
  fs::copy(src, work, fs::copy_options::recursive);
  const json spec = json::parse(std::ifstream(src / "case.json"));
  int index = 0;
  for (const json& step : spec.at("steps")) {
    SCOPED_TRACE("step " + std::to_string(index++) + ": " + step.dump().substr(0, 120));
    if (step.contains("run")) {
      std::vector<std::string> args = {"--db", db(step).url(), "--json"};
      for (const auto& a : step["run"]) args.push_back(a.get<std::string>());
      CliResult r = run_anju(args, work.string());
      EXPECT_EQ(r.exit_code, step.value("exit", 0)) << r.out << r.err;
      if (step.contains("json")) {
        json actual = json::parse(r.out, nullptr, false);
        EXPECT_EQ(contains(actual, step["json"], "$"), "") << r.out;
      }
      if (step.contains("jsonl")) {  // one JSON object per output line
        json actual = json::array();
        std::istringstream lines(r.out);
        for (std::string line; std::getline(lines, line);)
          if (!line.empty()) actual.push_back(json::parse(line, nullptr, false));
        EXPECT_EQ(actual, step["jsonl"]);
      }
    } else if (step.contains("sql")) {
      EXPECT_EQ(db(step).query(step["sql"]), step["rows"]);
    } else if (step.contains("exec")) {
      EXPECT_EQ(db(step).exec(step["exec"]), "");
    } else if (step.contains("xlsx_from_csv")) {
      xlsx_from_csv(work / step["xlsx_from_csv"].get<std::string>(),
                    work / step["out"].get<std::string>());
    } else {
      FAIL() << "unknown step";
    }
  }
  fs::remove_all(work);
}

INSTANTIATE_TEST_SUITE_P(Cases, CliCase, ::testing::ValuesIn(find_cases()),
                         [](const auto& info) {
                           std::string name = info.param;
                           for (char& c : name)
                             if (!isalnum(static_cast<unsigned char>(c))) c = '_';
                           return name;
                         });

}  // namespace
}  // namespace anju::testing

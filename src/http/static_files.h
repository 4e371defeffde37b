#pragma once
// The built web app (web/dist) as files to serve: a request path resolved
// inside the root only, its MIME type, and the single-page-app fallback.

#include <filesystem>
#include <optional>
#include <string>
#include <string_view>

#include "http/http_types.h"

namespace anju::http {

struct StaticFile {
  std::filesystem::path path;
  std::string mime;
};

// The file for `target` (the request path, query removed, percent-encoded)
// under `root`: a path that escapes the root ("..", encoded or not) or holds
// a NUL or backslash gives nullopt; a missing path without an extension is
// the app's own route and gives index.html; a missing file gives nullopt.
std::optional<StaticFile> resolve_static(const std::filesystem::path& root, std::string_view target);

// The answer for GET `path` outside /api: the file (index.html not cached,
// the hashed assets cached for a year), 404 for a missing one, and a 404
// that says so when the web app was never built.
Response static_file_response(const std::filesystem::path& root, const Request& req, const std::string& path);

// "text/html; charset=utf-8" and the like, by extension.
std::string mime_type(const std::filesystem::path& path);

// %XX decoding; nullopt for a malformed escape.
std::optional<std::string> percent_decode(std::string_view s);

}  // namespace anju::http

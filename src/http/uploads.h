#pragma once
// Where an upload's body is kept while its request is handled: a file of
// the temporary folder, owner-only (0600), named with the server's process
// id so that a server starting after a crash can remove what its dead
// predecessor left, without touching another live server's files.

#include <cstddef>
#include <string>

#include "http/router.h"

namespace anju::http {

struct UploadLimits {
  std::size_t json_bytes;  // --max-body
  std::size_t file_bytes;  // --max-upload
};

// The most a route's body may hold (Body in router.h).
std::size_t body_limit(Body body, const UploadLimits& limits);

// Creates an empty upload file (mode 0600, never an existing one) and
// returns its path; `extension` (".xlsx") is kept when short. Empty when it
// cannot be made.
std::string create_upload_file(const std::string& extension);

// Removes the upload files of server processes that no longer run; returns
// how many.
int remove_stale_uploads();

void remove_upload(const std::string& path);

}  // namespace anju::http

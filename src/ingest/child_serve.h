#pragma once
// The helper's side of a reader in a child process (ingest/child_reader.h):
// confines itself to reading `file` (ingest/sandbox.h), opens it with
// `open`, and answers its parent on fd 3 until the parent closes it.

#include <functional>
#include <memory>
#include <string>

#include "ingest/table_reader.h"

namespace anju {

using OpenReader = std::function<Result<std::unique_ptr<TableReader>>()>;

// Returns the helper's exit status: 0 when the parent closed the socket,
// 70 when the filter could not be installed or the socket failed.
int serve_in_child(const std::string& file, const OpenReader& open);

}  // namespace anju

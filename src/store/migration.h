#pragma once
// A numbered schema migration, embedded from a dialect's migrations/*.sql.

#include <vector>

namespace anju {

struct Migration {
  int version;       // from the file name's leading number
  const char* name;  // the file name without extension
  const char* sql;
};

}  // namespace anju

#pragma once
// What a transaction may do: read (a snapshot), or write (on SQLite, with
// the write lock taken at its start).

namespace anju {

enum class TxMode { read, write };

}  // namespace anju

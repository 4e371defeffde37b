#pragma once
// PostgreSQL's binary COPY format (the "COPY … FROM STDIN WITH (FORMAT
// binary)" stream) for the column types Anju's tables use. The bulk path
// (pg_copy.cc) holds each bound value in its text form; here it becomes the
// type's binary form, which the server stores without parsing: no hex for
// bytea (half the bytes of a footprint), no number or date parsing. A value
// that is not plainly of its column's type is refused, and the caller sends
// that row as text, where the server decides as it always has.

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace anju::postgres {

enum class CopyType { text, bytea, boolean, int2, int4, int8, float4, float8, date, timestamptz };

// The encoding for a column of type `type` (pg_type oid); nullopt for types
// this encoder does not write (then the table is loaded as text).
std::optional<CopyType> copy_type(unsigned int type);

// The stream's 19-byte header, and its end marker.
std::string_view copy_binary_header();
void append_copy_trailer(std::string& out);

// Appends one row; `formats[i]` is 1 for a value bound as raw bytes (bytea),
// 0 for text. Returns false, leaving `out` as it was, when a value cannot be
// written as its column's type.
bool append_binary_row(std::string& out, const std::vector<std::optional<std::string>>& values,
                       const std::vector<int>& formats, const std::vector<CopyType>& types);

// "YYYY-MM-DD" as days since 2000-01-01 (PostgreSQL's epoch).
std::optional<int32_t> pg_date(std::string_view text);
// "YYYY-MM-DD[T ]HH:MM:SS[.ffffff](Z|±HH[[:]MM])" as microseconds since
// 2000-01-01T00:00:00Z. Without a zone the session's would apply: refused.
std::optional<int64_t> pg_timestamptz(std::string_view text);

}  // namespace anju::postgres

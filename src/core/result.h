#pragma once
// Expected failures as values (STYLE.md §4). A Result<T> holds either a T or
// an Error; callers check ok() before value(). Exceptions are kept for bugs.

#include <string>
#include <utility>
#include <variant>

namespace anju {

enum class ErrorCode { invalid, not_found, conflict, forbidden, io, internal };

// Whether the same work, done again, may well succeed.
enum class Transient {
  no,
  // It lost a race with another transaction (PostgreSQL's serialization
  // failure or deadlock): begin it again at once.
  lost_race,
  // The database could not be reached or is changing its primary (a
  // failover): ask again in a few seconds.
  store_away,
};

// Short English name of a code ("invalid", "not_found", ...), used in JSON.
const char* error_code_name(ErrorCode code);

struct Error {
  // Every field may be left out (a constructor, not an aggregate: leaving
  // out `detail` is the rule, not a slip the compiler should warn of).
  Error(ErrorCode c = ErrorCode::internal, std::string m = {}, Transient t = Transient::no, std::string d = {})
      : code(c), message(std::move(m)), transient(t), detail(std::move(d)) {}

  ErrorCode code = ErrorCode::internal;
  std::string message;  // Chinese, shown to users.
  Transient transient = Transient::no;
  // What only the operator's log may see (the database's own words about a
  // refused statement): never sent to a client.
  std::string detail;
};

// What someone other than the operator (a browser, whoever reads a job) is
// told of `error`: its message, except for `io` and `internal` failures,
// whose text may name files, tables or the database server's own words.
// Those get one fixed sentence; whoever answers logs the message instead
// (for_operator_only says when).
bool for_operator_only(const Error& error);
std::string client_message(const Error& error);
// What the operator's log gets of `error` besides what the client was told
// ("" when nothing).
std::string operator_detail(const Error& error);

template <class T>
class [[nodiscard]] Result {
 public:
  Result(T value) : v_(std::move(value)) {}  // NOLINT: implicit by design
  Result(Error error) : v_(std::move(error)) {}  // NOLINT

  bool ok() const { return v_.index() == 0; }
  explicit operator bool() const { return ok(); }
  T& value() & { return std::get<0>(v_); }
  const T& value() const& { return std::get<0>(v_); }
  T&& value() && { return std::get<0>(std::move(v_)); }
  T* operator->() { return &value(); }
  const T* operator->() const { return &value(); }
  T& operator*() & { return value(); }
  const T& operator*() const& { return value(); }
  const Error& error() const { return std::get<1>(v_); }

 private:
  std::variant<T, Error> v_;
};

template <>
class [[nodiscard]] Result<void> {
 public:
  Result() = default;
  Result(Error error) : error_(std::move(error)), ok_(false) {}  // NOLINT
  bool ok() const { return ok_; }
  explicit operator bool() const { return ok_; }
  const Error& error() const { return error_; }

 private:
  Error error_;
  bool ok_ = true;
};

inline Error make_error(ErrorCode code, std::string message) {
  return Error{code, std::move(message)};
}

}  // namespace anju

// Returns the error of `expr` from the enclosing function when it failed.
#define ANJU_TRY(expr)                              \
  do {                                              \
    if (auto anju_try_r_ = (expr); !anju_try_r_) { \
      return anju_try_r_.error();                   \
    }                                               \
  } while (0)

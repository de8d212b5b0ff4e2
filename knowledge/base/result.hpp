#pragma once
// The project's one error-carrying return type (as LevelDB's Status and
// Typesense's Option): fallible calls on the request path return a Result
// instead of throwing. It lives in the lowest layer so every layer can use it;
// only web/ turns an error into a protocol error.
#include <optional>
#include <string>
#include <utility>

namespace tanya {

struct Error {
  std::string code;     // machine-readable: "io", "parse", "sqlite", "bad_request", ...
  std::string message;  // for people; never contains secrets
};

// E: the error type; web/ uses its own typed ProtocolError on the request path.
template <typename T, typename E = Error>
class Result {
 public:
  Result(T value) : value_(std::move(value)) {}  // NOLINT: implicit by design
  Result(E error) : error_(std::move(error)) {}  // NOLINT

  bool ok() const { return value_.has_value(); }
  explicit operator bool() const { return ok(); }
  T& value() { return *value_; }
  const T& value() const { return *value_; }
  T& operator*() { return *value_; }
  const T& operator*() const { return *value_; }
  T* operator->() { return &*value_; }
  const T* operator->() const { return &*value_; }
  const E& error() const { return error_; }

 private:
  std::optional<T> value_;
  E error_;
};

// For calls that return nothing but can fail.
struct Ok {};
using Status = Result<Ok>;

inline Error make_error(std::string code, std::string message) {
  return Error{std::move(code), std::move(message)};
}

}  // namespace tanya

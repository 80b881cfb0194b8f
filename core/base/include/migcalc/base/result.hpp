// Errors as values: every fallible core function returns Result<T>; nothing throws across the API.
#pragma once
#include <optional>
#include <string>
#include <utility>

#include "migcalc/base/codes.hpp"

namespace migcalc {

/// A machine-readable code (codes.hpp; its name, e.g. "UNKNOWN_GPU", is what JSON shows) and a message for people.
struct Error {
  Code code = Code::INTERNAL;
  std::string message;
  const char* codeName() const { return migcalc::codeName(code); }
};

template <class T>
class Result {
 public:
  Result(T value) : value_(std::move(value)) {}      // NOLINT: implicit on purpose
  Result(Error error) : error_(std::move(error)) {}  // NOLINT
  static Result fail(Code code, std::string message) { return Result(Error{code, std::move(message)}); }

  bool ok() const { return value_.has_value(); }
  explicit operator bool() const { return ok(); }
  const T& value() const { return *value_; }
  T& value() { return *value_; }
  const T* operator->() const { return &*value_; }
  T* operator->() { return &*value_; }
  const T& operator*() const { return *value_; }
  const Error& error() const { return error_; }

 private:
  std::optional<T> value_;
  Error error_;
};

}  // namespace migcalc

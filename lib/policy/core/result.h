// Errors as values. The library never throws for bad input: a fallible call
// returns Result<T>, which holds either a T or an Error.
//
//   Result<Decoded> r = decode(bytes);
//   if (!r) std::cerr << path << ": " << r.error().describe();  // "byte 120: invalid UTF-8"
//   else use(r.value());
#pragma once

#include <cstddef>
#include <optional>
#include <string>
#include <utility>
#include <variant>

namespace policy {

// What went wrong, and where in the input (a byte offset, or a 1-based line
// for line-oriented inputs). `where` says which of the two `position` is.
struct Error {
  enum class Where { none, byte, line };
  std::string message;
  Where where = Where::none;
  std::size_t position = 0;

  static Error at_byte(std::string message, std::size_t offset) {
    return Error{std::move(message), Where::byte, offset};
  }
  static Error at_line(std::string message, std::size_t line) {
    return Error{std::move(message), Where::line, line};
  }
  static Error plain(std::string message) { return Error{std::move(message), Where::none, 0}; }

  // "byte 120: invalid UTF-8" / "line 3: not a JSON object" / the bare message.
  std::string describe() const;
};

template <class T>
class [[nodiscard]] Result {
 public:
  Result(T value) : v_(std::move(value)) {}          // NOLINT: implicit by design
  Result(Error error) : v_(std::move(error)) {}      // NOLINT

  explicit operator bool() const { return v_.index() == 0; }
  bool ok() const { return v_.index() == 0; }
  T& value() & { return std::get<0>(v_); }
  const T& value() const& { return std::get<0>(v_); }
  T&& value() && { return std::get<0>(std::move(v_)); }
  const Error& error() const { return std::get<1>(v_); }

 private:
  std::variant<T, Error> v_;
};

}  // namespace policy

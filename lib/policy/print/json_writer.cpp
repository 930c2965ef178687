#include "policy/print/json_writer.h"

#include <array>
#include <charconv>
#include <cmath>
#include <cstdint>
#include <cstring>

#include <fmt/format.h>

namespace policy::print {

namespace {

// The bytes a JSON string cannot hold as they are: controls, '"', '\\'.
constexpr auto kEscaped = [] {
  std::array<bool, 256> t{};
  for (int c = 0; c < 0x20; ++c) t[c] = true;
  t['"'] = t['\\'] = true;
  return t;
}();

inline std::uint64_t load64(const char* p) {
  std::uint64_t w;
  std::memcpy(&w, p, 8);
  return w;
}

// Whether any of the eight bytes in w is a control character, '"' or '\\'
// (bytes >= 0x80 never need escaping). The classic SWAR zero-byte test,
// the three tests sharing the high-bit mask (none of 0x20, '"', '\\' has it).
inline bool needs_escape(std::uint64_t w) {
  constexpr std::uint64_t ones = 0x0101010101010101ULL, highs = 0x8080808080808080ULL;
  return ((w - ones * 0x20) | ((w ^ (ones * '"')) - ones) | ((w ^ (ones * '\\')) - ones)) & ~w & highs;
}

// Offset of the first byte of s that needs escaping, or s.size().
std::size_t clean_prefix(std::string_view s) {
  const char* p = s.data();
  const std::size_t n = s.size();
  std::size_t i = 0;
  for (; i + 8 <= n; i += 8)
    if (needs_escape(load64(p + i))) break;
  // The last bytes as one word ending at the end (it overlaps clean bytes).
  if (i + 8 > n && n >= 8 && !needs_escape(load64(p + n - 8))) return n;
  while (i < n && !kEscaped[static_cast<unsigned char>(p[i])]) ++i;
  return i;
}

}  // namespace

void append_json_string(std::string& out, std::string_view s) {
  static const char* hex = "0123456789abcdef";
  out.push_back('"');
  while (true) {
    const std::size_t clean = clean_prefix(s);
    out.append(s.data(), clean);
    if (clean == s.size()) break;
    const auto c = static_cast<unsigned char>(s[clean]);
    s.remove_prefix(clean + 1);
    switch (c) {
      case '"': out += "\\\""; break;
      case '\\': out += "\\\\"; break;
      case '\n': out += "\\n"; break;
      case '\r': out += "\\r"; break;
      case '\t': out += "\\t"; break;
      case '\b': out += "\\b"; break;
      case '\f': out += "\\f"; break;
      default:
        out += "\\u00";
        out.push_back(hex[c >> 4]);
        out.push_back(hex[c & 15]);
    }
  }
  out.push_back('"');
}

void JsonWriter::key(std::string_view k) {
  separate();
  append_json_string(out_, k);
  out_.push_back(':');
  comma_ = false;
}

void JsonWriter::value(std::string_view s) {
  separate();
  append_json_string(out_, s);
  comma_ = true;
}

void JsonWriter::value(std::int64_t v) {
  separate();
  // std::to_chars: no allocation, no format string to read.
  char digits[24];
  const auto end = std::to_chars(digits, digits + sizeof digits, v).ptr;
  out_.append(digits, static_cast<std::size_t>(end - digits));
  comma_ = true;
}

void JsonWriter::value(double v) {
  if (std::isfinite(v) && v == std::floor(v) && std::fabs(v) < 1e15) {
    value(static_cast<std::int64_t>(v));
    return;
  }
  separate();
  if (!std::isfinite(v)) out_ += "null";
  else fmt::format_to(std::back_inserter(out_), "{}", v);
  comma_ = true;
}

void JsonWriter::value(bool v) {
  separate();
  out_ += v ? "true" : "false";
  comma_ = true;
}

void JsonWriter::null() {
  separate();
  out_ += "null";
  comma_ = true;
}

void JsonWriter::raw(std::string_view json) {
  separate();
  out_.append(json);
  comma_ = true;
}

}  // namespace policy::print

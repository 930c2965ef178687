#include "policy/print/json_writer.h"

#include <cmath>
#include <cstdint>
#include <cstring>

#include <fmt/format.h>

namespace policy::print {

namespace {

// Whether any of the eight bytes in w is a control character, '"' or '\\'
// (bytes >= 0x80 never need escaping). Classic SWAR tests on 64-bit words.
inline bool needs_escape(std::uint64_t w) {
  constexpr std::uint64_t ones = 0x0101010101010101ULL, highs = 0x8080808080808080ULL;
  auto has_zero = [&](std::uint64_t x) { return (x - ones) & ~x & highs; };
  std::uint64_t below_space = (w - ones * 0x20) & ~w & highs;  // byte < 0x20 (for bytes < 0x80)
  return below_space || has_zero(w ^ (ones * '"')) || has_zero(w ^ (ones * '\\'));
}

}  // namespace

void append_json_string(std::string& out, std::string_view s) {
  static const char* hex = "0123456789abcdef";
  out.push_back('"');
  std::size_t run = 0, i = 0;
  const std::size_t n = s.size();
  while (i < n) {
    // Skip eight clean bytes at a time.
    while (i + 8 <= n) {
      std::uint64_t w;
      std::memcpy(&w, s.data() + i, 8);
      if (needs_escape(w)) break;
      i += 8;
    }
    if (i >= n) break;
    auto c = static_cast<unsigned char>(s[i]);
    if (c >= 0x20 && c != '"' && c != '\\') {
      ++i;
      continue;
    }
    out.append(s.substr(run, i - run));
    run = i + 1;
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
    ++i;
  }
  out.append(s.substr(run));
  out.push_back('"');
}

void JsonWriter::comma() {
  if (after_key_) {
    after_key_ = false;
    return;
  }
  if (!first_.back()) out_.push_back(',');
  first_.back() = false;
}

void JsonWriter::begin_object() {
  comma();
  out_.push_back('{');
  first_.push_back(true);
}

void JsonWriter::end_object() {
  out_.push_back('}');
  first_.pop_back();
}

void JsonWriter::begin_array() {
  comma();
  out_.push_back('[');
  first_.push_back(true);
}

void JsonWriter::end_array() {
  out_.push_back(']');
  first_.pop_back();
}

void JsonWriter::key(std::string_view k) {
  comma();
  // Keys are mostly the SPEC's plain ASCII names: no escaping to look for.
  bool plain = k.size() < 32;
  for (char c : k) plain = plain && c >= 0x20 && c != '"' && c != '\\';
  if (plain) {
    out_.push_back('"');
    out_.append(k);
    out_ += "\":";
  } else {
    append_json_string(out_, k);
    out_.push_back(':');
  }
  after_key_ = true;
}

void JsonWriter::value(std::string_view s) {
  comma();
  append_json_string(out_, s);
}

void JsonWriter::value(std::int64_t v) {
  comma();
  fmt::format_to(std::back_inserter(out_), "{}", v);
}

void JsonWriter::value(double v) {
  comma();
  if (!std::isfinite(v)) {
    out_ += "null";
  } else if (v == std::floor(v) && std::fabs(v) < 1e15) {
    fmt::format_to(std::back_inserter(out_), "{}", static_cast<std::int64_t>(v));
  } else {
    fmt::format_to(std::back_inserter(out_), "{}", v);
  }
}

void JsonWriter::value(bool v) {
  comma();
  out_ += v ? "true" : "false";
}

void JsonWriter::null() {
  comma();
  out_ += "null";
}

void JsonWriter::raw(std::string_view json) {
  comma();
  out_.append(json);
}

}  // namespace policy::print

#include "policy/print/json_writer.h"

#include <algorithm>
#include <array>
#include <charconv>
#include <cmath>
#include <cstdint>
#include <cstring>

#include <fmt/format.h>
#if defined(__SSE2__)
#include <emmintrin.h>
#endif

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

// Offset of the first byte of s that needs escaping, or s.size(); at most
// 15 bytes (the words' test, then byte by byte).
std::size_t clean_prefix_short(const char* p, std::size_t n) {
  std::size_t i = 0;
  for (; i + 8 <= n; i += 8)
    if (needs_escape(load64(p + i))) break;
  // The last bytes as one word ending at the end (it overlaps clean bytes).
  if (i + 8 > n && n >= 8 && !needs_escape(load64(p + n - 8))) return n;
  while (i < n && !kEscaped[static_cast<unsigned char>(p[i])]) ++i;
  return i;
}

#if defined(__SSE2__)
// A bit for each of the 16 bytes at p that needs escaping: '"', '\\', or a
// control ((b & 0xE0) == 0 is b < 0x20 for any byte, those >= 0x80 included).
inline unsigned escape_mask16(const char* p) {
  const __m128i v = _mm_loadu_si128(reinterpret_cast<const __m128i*>(p));
  const __m128i bad = _mm_or_si128(
      _mm_or_si128(_mm_cmpeq_epi8(v, _mm_set1_epi8('"')), _mm_cmpeq_epi8(v, _mm_set1_epi8('\\'))),
      _mm_cmpeq_epi8(_mm_and_si128(v, _mm_set1_epi8(static_cast<char>(0xE0))), _mm_setzero_si128()));
  return static_cast<unsigned>(_mm_movemask_epi8(bad));
}
#endif

// Offset of the first byte of s that needs escaping, or s.size().
std::size_t clean_prefix(std::string_view s) {
  const char* p = s.data();
  const std::size_t n = s.size();
#if defined(__SSE2__)
  // Sixteen bytes a test, about half an instruction a byte on text that
  // needs no escaping (most of it).
  if (n >= 16) {
    std::size_t i = 0;
    for (; i + 16 <= n; i += 16)
      if (const unsigned m = escape_mask16(p + i)) return i + static_cast<std::size_t>(__builtin_ctz(m));
    if (i == n) return n;
    // The last bytes as sixteen ending at the end: those before i are clean,
    // so the first flagged byte is at i or after.
    const unsigned m = escape_mask16(p + n - 16);
    return m ? n - 16 + static_cast<std::size_t>(__builtin_ctz(m)) : n;
  }
  return clean_prefix_short(p, n);
#else
  std::size_t i = 0;
  for (; i + 16 <= n; i += 8)
    if (needs_escape(load64(p + i))) break;
  return i + clean_prefix_short(p + i, n - i);
#endif
}

// The writer's buffer: big enough that appending it to the output costs
// little a byte; a token longer than this gets a buffer of its size.
constexpr std::size_t kBuffer = 8192;

}  // namespace

void append_json_string(std::string& out, std::string_view s) {
  JsonWriter w(out);
  w.value(s);
}

void JsonWriter::grow(std::size_t n) {
  flush();
  if (buf_ && static_cast<std::size_t>(end_ - at_) >= n) return;
  // new char[]: not zero-filled, every byte is written before it is read.
  const std::size_t size = std::max(n, kBuffer);
  buf_.reset(new char[size]);
  at_ = buf_.get();
  end_ = at_ + size;
}

void JsonWriter::string(std::string_view s) {
  static const char* hex = "0123456789abcdef";
  // A comma, the quotes, the text as it is and a key's colon; an escape asks
  // for more below.
  char* p = room(s.size() + 4);
  if (comma_) *p++ = ',';
  *p++ = '"';
  while (true) {
    const std::size_t clean = clean_prefix(s);
    if (clean) std::memcpy(p, s.data(), clean);
    p += clean;
    if (clean == s.size()) break;
    const auto c = static_cast<unsigned char>(s[clean]);
    s.remove_prefix(clean + 1);
    at_ = p;
    p = room(s.size() + 8);  // the escape (6 at most), the rest, the quote, a colon
    *p++ = '\\';
    switch (c) {
      case '"': *p++ = '"'; break;
      case '\\': *p++ = '\\'; break;
      case '\n': *p++ = 'n'; break;
      case '\r': *p++ = 'r'; break;
      case '\t': *p++ = 't'; break;
      case '\b': *p++ = 'b'; break;
      case '\f': *p++ = 'f'; break;
      default:
        std::memcpy(p, "u00", 3);
        p[3] = hex[c >> 4];
        p[4] = hex[c & 15];
        p += 5;
    }
  }
  *p++ = '"';
  at_ = p;
}

void JsonWriter::value(std::int64_t v) {
  // std::to_chars: no allocation, no format string to read; 20 characters
  // hold any int64.
  char* p = room(21);
  if (comma_) *p++ = ',';
  at_ = std::to_chars(p, p + 20, v).ptr;
  comma_ = true;
}

void JsonWriter::value(double v) {
  if (std::isfinite(v) && v == std::floor(v) && std::fabs(v) < 1e15) {
    value(static_cast<std::int64_t>(v));
    return;
  }
  if (!std::isfinite(v)) {
    null();
    return;
  }
  fmt::memory_buffer digits;
  fmt::format_to(std::back_inserter(digits), "{}", v);
  word(std::string_view(digits.data(), digits.size()));
}

}  // namespace policy::print

#include "policy/print/json_writer.h"

#include <algorithm>
#include <array>
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

namespace {

inline std::uint32_t load32(const char* p) {
  std::uint32_t w;
  std::memcpy(&w, p, 4);
  return w;
}

#if defined(__SSE2__)
// A bit for each of the 16 bytes that needs escaping: '"', '\\', or a
// control ((b & 0xE0) == 0 is b < 0x20 for any byte, those >= 0x80 included).
inline unsigned escape_mask(__m128i v) {
  const __m128i bad = _mm_or_si128(
      _mm_or_si128(_mm_cmpeq_epi8(v, _mm_set1_epi8('"')), _mm_cmpeq_epi8(v, _mm_set1_epi8('\\'))),
      _mm_cmpeq_epi8(_mm_and_si128(v, _mm_set1_epi8(static_cast<char>(0xE0))), _mm_setzero_si128()));
  return static_cast<unsigned>(_mm_movemask_epi8(bad));
}
#endif

// Copies s[0, n) to dst up to the first byte that needs escaping; returns
// how many were copied (n when none needs it). Writes nothing past dst + n,
// but may write bytes past the returned count (they are written over next).
inline std::size_t copy_clean(const char* src, std::size_t n, char* dst) {
  std::size_t i = 0;
#if defined(__SSE2__)
  if (n >= 16) {
    // 32 bytes a step, stored, then tested; then 16; then the last 16 bytes
    // (overlapping clean ones: the first flagged byte is at i or after).
    for (; i + 32 <= n; i += 32) {
      const __m128i a = _mm_loadu_si128(reinterpret_cast<const __m128i*>(src + i));
      const __m128i b = _mm_loadu_si128(reinterpret_cast<const __m128i*>(src + i + 16));
      _mm_storeu_si128(reinterpret_cast<__m128i*>(dst + i), a);
      _mm_storeu_si128(reinterpret_cast<__m128i*>(dst + i + 16), b);
      if (const unsigned m = escape_mask(a) | (escape_mask(b) << 16)) return i + static_cast<std::size_t>(__builtin_ctz(m));
    }
    if (i + 16 <= n) {
      const __m128i a = _mm_loadu_si128(reinterpret_cast<const __m128i*>(src + i));
      _mm_storeu_si128(reinterpret_cast<__m128i*>(dst + i), a);
      if (const unsigned m = escape_mask(a)) return i + static_cast<std::size_t>(__builtin_ctz(m));
      i += 16;
    }
    if (i == n) return n;
    const __m128i a = _mm_loadu_si128(reinterpret_cast<const __m128i*>(src + n - 16));
    _mm_storeu_si128(reinterpret_cast<__m128i*>(dst + n - 16), a);
    const unsigned m = escape_mask(a);
    return m ? n - 16 + static_cast<std::size_t>(__builtin_ctz(m)) : n;
  }
  // Fewer than 16: as two words that overlap, tested together, when clean.
  if (n >= 8) {
    const std::uint64_t a = load64(src), b = load64(src + n - 8);
    const __m128i v = _mm_set_epi64x(static_cast<long long>(b), static_cast<long long>(a));
    if (!escape_mask(v)) {
      std::memcpy(dst, &a, 8);
      std::memcpy(dst + n - 8, &b, 8);
      return n;
    }
  } else if (n >= 4) {
    const std::uint32_t a = load32(src), b = load32(src + n - 4);
    if (!(escape_mask(_mm_cvtsi64_si128(static_cast<long long>(a | (std::uint64_t{b} << 32)))) & 0xFF)) {
      std::memcpy(dst, &a, 4);
      std::memcpy(dst + n - 4, &b, 4);
      return n;
    }
  }
#else
  for (; i + 8 <= n; i += 8) {
    const std::uint64_t w = load64(src + i);
    if (needs_escape(w)) break;
    std::memcpy(dst + i, &w, 8);
  }
  // Fewer than 8 bytes: as two words that overlap, when clean.
  const std::size_t left = n - i;
  if (left >= 4) {
    const std::uint32_t a = load32(src + i), b = load32(src + n - 4);
    if (!needs_escape(a | (std::uint64_t{b} << 32))) {
      std::memcpy(dst + i, &a, 4);
      std::memcpy(dst + n - 4, &b, 4);
      return n;
    }
  }
#endif
  // Else byte by byte to the first byte that needs escaping.
  for (; i < n && !kEscaped[static_cast<unsigned char>(src[i])]; ++i) dst[i] = src[i];
  return i;
}


const char kDigitPairs[] =
    "00010203040506070809101112131415161718192021222324252627282930313233343536373839"
    "40414243444546474849505152535455565758596061626364656667686970717273747576777879"
    "8081828384858687888990919293949596979899";

}  // namespace

char* JsonWriter::put_decimal(char* p, std::uint64_t u) {
  if (u < 10) {
    *p = static_cast<char>('0' + u);
    return p + 1;
  }
  if (u < 100) {
    std::memcpy(p, kDigitPairs + 2 * u, 2);
    return p + 2;
  }
  std::size_t len = u < 1000 ? 3 : u < 10000 ? 4 : u < 100000 ? 5 : 6;
  for (std::uint64_t t = u / 1000000; t; t /= 10) ++len;
  char* end = p + len;
  char* q = end;
  while (u >= 100) {
    q -= 2;
    std::memcpy(q, kDigitPairs + 2 * (u % 100), 2);
    u /= 100;
  }
  if (u >= 10) {
    q -= 2;
    std::memcpy(q, kDigitPairs + 2 * u, 2);
  } else {
    *--q = static_cast<char>('0' + u);
  }
  return end;
}

void JsonWriter::string(std::string_view s) {
  static const char* hex = "0123456789abcdef";
  const char* src = s.data();
  std::size_t n = s.size();
  // A comma, the quotes, the text as it is and a key's colon; an escape asks
  // for more below.
  char* p = room(n + 4);
  if (comma_) *p++ = ',';
  *p++ = '"';
  while (true) {
    const std::size_t clean = copy_clean(src, n, p);
    p += clean;
    if (clean == n) break;
    const auto c = static_cast<unsigned char>(src[clean]);
    src += clean + 1;
    n -= clean + 1;
    at_ = p;
    p = room(n + 8);  // the escape (6 at most), the rest, the quote, a colon
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
  // 20 characters hold any int64.
  char* p = room(21);
  if (comma_) *p++ = ',';
  std::uint64_t u = static_cast<std::uint64_t>(v);
  if (v < 0) {
    *p++ = '-';
    u = ~u + 1;
  }
  at_ = put_decimal(p, u);
  comma_ = true;
}

void JsonWriter::plain(std::string_view s) {
  const std::size_t n = s.size();
  char* p = room(n + 3);
  if (comma_) *p++ = ',';
  *p++ = '"';
  if (n >= 8 && n <= 16) {
    // Two words that overlap: no call for a short word.
    const std::uint64_t a = load64(s.data()), b = load64(s.data() + n - 8);
    std::memcpy(p, &a, 8);
    std::memcpy(p + n - 8, &b, 8);
  } else {
    std::memcpy(p, s.data(), n);
  }
  p += n;
  *p++ = '"';
  at_ = p;
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

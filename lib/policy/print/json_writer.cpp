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
// 0xFF for each of the 16 bytes that needs escaping: a control or '"' (the
// bytes whose x ^ 2 is at most 0x20: 0x00-0x1F stay below 0x20, '"' becomes
// 0x20, bytes >= 0x80 stay above it), or '\\'.
inline __m128i escape_bytes(__m128i v) {
  const __m128i space = _mm_set1_epi8(0x20);
  const __m128i y = _mm_xor_si128(v, _mm_set1_epi8(2));
  return _mm_or_si128(_mm_cmpeq_epi8(_mm_max_epu8(y, space), space), _mm_cmpeq_epi8(v, _mm_set1_epi8('\\')));
}
inline unsigned escape_mask(__m128i v) { return static_cast<unsigned>(_mm_movemask_epi8(escape_bytes(v))); }
inline __m128i load16(const char* p) { return _mm_loadu_si128(reinterpret_cast<const __m128i*>(p)); }
inline void store16(char* p, __m128i v) { _mm_storeu_si128(reinterpret_cast<__m128i*>(p), v); }
#endif

// Copies s[0, n) to dst up to the first byte that needs escaping; returns
// how many were copied (n when none needs it). Writes nothing past dst + n,
// but may write bytes past the returned count (they are written over next).
[[gnu::always_inline]] inline std::size_t copy_clean(const char* src, std::size_t n, char* dst) {
  std::size_t i = 0;
#if defined(__SSE2__)
  if (n >= 16) {
    // 64 bytes a step, stored, then tested as one (the four tests or-ed
    // into one mask); then 32, 16; then the last 16 bytes (overlapping
    // clean ones: the first flagged byte is at i or after).
    for (; i + 64 <= n; i += 64) {
      const __m128i a = load16(src + i), b = load16(src + i + 16), c = load16(src + i + 32),
                    d = load16(src + i + 48);
      store16(dst + i, a);
      store16(dst + i + 16, b);
      store16(dst + i + 32, c);
      store16(dst + i + 48, d);
      const __m128i ea = escape_bytes(a), eb = escape_bytes(b), ec = escape_bytes(c), ed = escape_bytes(d);
      if (_mm_movemask_epi8(_mm_or_si128(_mm_or_si128(ea, eb), _mm_or_si128(ec, ed)))) {
        const std::uint64_t m =
            static_cast<std::uint64_t>(static_cast<unsigned>(_mm_movemask_epi8(ea)) |
                                       (static_cast<unsigned>(_mm_movemask_epi8(eb)) << 16)) |
            (static_cast<std::uint64_t>(static_cast<unsigned>(_mm_movemask_epi8(ec)) |
                                        (static_cast<unsigned>(_mm_movemask_epi8(ed)) << 16))
             << 32);
        return i + static_cast<std::size_t>(__builtin_ctzll(m));
      }
    }
    if (i + 32 <= n) {
      const __m128i a = load16(src + i), b = load16(src + i + 16);
      store16(dst + i, a);
      store16(dst + i + 16, b);
      if (const unsigned m = escape_mask(a) | (escape_mask(b) << 16)) return i + static_cast<std::size_t>(__builtin_ctz(m));
      i += 32;
    }
    if (i + 16 <= n) {
      const __m128i a = load16(src + i);
      store16(dst + i, a);
      if (const unsigned m = escape_mask(a)) return i + static_cast<std::size_t>(__builtin_ctz(m));
      i += 16;
    }
    if (i == n) return n;
    const __m128i a = load16(src + n - 16);
    store16(dst + n - 16, a);
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


}  // namespace

char* JsonWriter::put_decimal_long(char* p, std::uint64_t u) {
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
  const std::size_t n = s.size();
  // A comma, the quotes, the text as it is and a key's colon; an escape asks
  // for more in string_escaped(). Growing is a call of its own: nothing here
  // is kept across a call, so nothing is saved and restored.
  if (static_cast<std::size_t>(end_ - at_) < n + 4) return string_grown(s);
  char* p = at_;
  if (comma_) *p++ = ',';
  *p++ = '"';
  const std::size_t clean = copy_clean(s.data(), n, p);
  if (clean == n) {
    p[n] = '"';
    at_ = p + n + 1;
    return;
  }
  string_escaped(p + clean, s.data() + clean, n - clean);
}

namespace {

// The escape of c (one that needs it) at p; returns its end.
inline char* put_escape(char* p, unsigned char c) {
  static const char* hex = "0123456789abcdef";
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
  return p;
}

}  // namespace

[[gnu::noinline]] void JsonWriter::string_grown(std::string_view s) {
  grow(s.size() + 4);
  string(s);
}

[[gnu::noinline]] void JsonWriter::string_escaped(char* p, const char* src, std::size_t n) {
#if defined(__SSE2__)
  // While 128 bytes or more are left: blocks of 64 whose escapes are found
  // in one mask, not a scan from each escape to the next (a text's line
  // breaks come every few dozen bytes). The block is stored as it is; after
  // each escape, the 64 bytes that follow it are stored again, shifted (the
  // next run or block writes over what is past the run).
  while (n >= 128) {
    at_ = p;
    // The block's bytes escaped (5 more each at most), the rest, a quote
    // and a colon.
    p = room(n + 5 * 64 + 8);
    const __m128i a = load16(src), b = load16(src + 16), c = load16(src + 32), d = load16(src + 48);
    store16(p, a);
    store16(p + 16, b);
    store16(p + 32, c);
    store16(p + 48, d);
    std::uint64_t m =
        static_cast<std::uint64_t>(escape_mask(a) | (escape_mask(b) << 16)) |
        (static_cast<std::uint64_t>(escape_mask(c) | (escape_mask(d) << 16)) << 32);
    std::size_t from = 0;  // the run that starts here is at p
    while (m) {
      const auto j = static_cast<std::size_t>(__builtin_ctzll(m));
      m &= m - 1;
      p = put_escape(p + (j - from), static_cast<unsigned char>(src[j]));
      from = j + 1;
      // At most src + 128: inside the text.
      store16(p, load16(src + from));
      store16(p + 16, load16(src + from + 16));
      store16(p + 32, load16(src + from + 32));
      store16(p + 48, load16(src + from + 48));
    }
    p += 64 - from;
    src += 64;
    n -= 64;
  }
#endif
  // Then (or without SSE2) a run at a time: the clean bytes to the next
  // escape, the escape.
  while (true) {
    const std::size_t clean = copy_clean(src, n, p);
    p += clean;
    if (clean == n) break;
    const auto c = static_cast<unsigned char>(src[clean]);
    src += clean + 1;
    n -= clean + 1;
    at_ = p;
    p = room(n + 8);  // the escape (6 at most), the rest, the quote, a colon
    p = put_escape(p, c);
  }
  *p++ = '"';
  at_ = p;
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

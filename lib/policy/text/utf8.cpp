#include "policy/text/utf8.h"

#include <algorithm>

#if defined(__SSE2__)
#include <emmintrin.h>
#endif

namespace policy::utf8 {

namespace {
inline bool is_cont(unsigned char b) { return (b & 0xC0) == 0x80; }
}  // namespace

char32_t next_slow(std::string_view s, std::size_t& i) {
  const auto* p = reinterpret_cast<const unsigned char*>(s.data());
  const std::size_t n = s.size();
  unsigned char b = p[i];
  if (b < 0x80) {
    ++i;
    return b;
  }
  std::size_t len = sequence_length(b);
  if (b < 0xC2 || b > 0xF4 || i + len > n) {
    ++i;
    return 0xFFFD;
  }
  char32_t c = b & (0x7F >> len);
  for (std::size_t k = 1; k < len; ++k) {
    if (!is_cont(p[i + k])) {
      ++i;
      return 0xFFFD;
    }
    c = (c << 6) | (p[i + k] & 0x3F);
  }
  i += len;
  return c;
}

char32_t prev_slow(std::string_view s, std::size_t& i) {
  if (i == 0) return 0;
  std::size_t j = i - 1;
  const auto* p = reinterpret_cast<const unsigned char*>(s.data());
  while (j > 0 && is_cont(p[j]) && i - j < 4) --j;
  std::size_t k = j;
  char32_t c = next(s, k);
  if (k != i) {  // not a clean sequence: step back one byte
    j = i - 1;
    c = 0xFFFD;
  }
  i = j;
  return c;
}

void append(std::string& out, char32_t c) {
  if (c < 0x80) {
    out.push_back(static_cast<char>(c));
  } else if (c < 0x800) {
    out.push_back(static_cast<char>(0xC0 | (c >> 6)));
    out.push_back(static_cast<char>(0x80 | (c & 0x3F)));
  } else if (c < 0x10000) {
    out.push_back(static_cast<char>(0xE0 | (c >> 12)));
    out.push_back(static_cast<char>(0x80 | ((c >> 6) & 0x3F)));
    out.push_back(static_cast<char>(0x80 | (c & 0x3F)));
  } else {
    out.push_back(static_cast<char>(0xF0 | (c >> 18)));
    out.push_back(static_cast<char>(0x80 | ((c >> 12) & 0x3F)));
    out.push_back(static_cast<char>(0x80 | ((c >> 6) & 0x3F)));
    out.push_back(static_cast<char>(0x80 | (c & 0x3F)));
  }
}

std::size_t valid_sequence_length(std::string_view s, std::size_t i) {
  const auto* p = reinterpret_cast<const unsigned char*>(s.data()) + i;
  const std::size_t left = s.size() - i;
  const unsigned char b = p[0];
  if (b < 0x80) return 1;
  if (b < 0xC2 || b > 0xF4) return 0;
  const std::size_t len = sequence_length(b);
  if (len > left || !is_cont(p[1])) return 0;
  if (len == 3) {
    if (b == 0xE0 && p[1] < 0xA0) return 0;  // overlong
    if (b == 0xED && p[1] > 0x9F) return 0;  // surrogate
    if (!is_cont(p[2])) return 0;
  } else if (len == 4) {
    if (b == 0xF0 && p[1] < 0x90) return 0;  // overlong
    if (b == 0xF4 && p[1] > 0x8F) return 0;  // above U+10FFFF
    if (!is_cont(p[2]) || !is_cont(p[3])) return 0;
  }
  return len;
}

namespace {

inline std::uint64_t load64(const unsigned char* p) {
  std::uint64_t w;
  __builtin_memcpy(&w, p, 8);
  return w;
}

// Whether the three bytes at p are a character of E1..EC or EE..EF.
inline bool plain_three_byte(const unsigned char* p) {
  return p[0] >= 0xE1 && p[0] != 0xED && p[0] <= 0xEF && is_cont(p[1]) && is_cont(p[2]);
}

// Whether the 24 bytes at p are eight three-byte characters whose lead is
// E1..EC or EE..EF: the bulk of Chinese text, where no overlong form or
// surrogate is possible. Three little-endian words, one per phase of the
// three-byte rhythm: leads (1110xxxx) at bytes 0, 3, 6 | 9, 12, 15 | 18, 21,
// continuations (10xxxxxx) elsewhere.
inline bool eight_plain_three_byte(const unsigned char* p) {
  const std::uint64_t a = load64(p), b = load64(p + 8), c = load64(p + 16);
  constexpr std::uint64_t mask_a = 0xC0F0C0C0F0C0C0F0ULL, want_a = 0x80E08080E08080E0ULL;
  constexpr std::uint64_t mask_b = 0xF0C0C0F0C0C0F0C0ULL, want_b = 0xE08080E08080E080ULL;
  constexpr std::uint64_t mask_c = 0xC0C0F0C0C0F0C0C0ULL, want_c = 0x8080E08080E08080ULL;
  const std::uint64_t shape = ((a & mask_a) ^ want_a) | ((b & mask_b) ^ want_b) | ((c & mask_c) ^ want_c);
  // The leads' low nibbles fill the eight bytes of one word (their places
  // do not overlap); none may be 0 (E0) or D (ED).
  const std::uint64_t nibbles =
      (a & 0x000F00000F00000FULL) | (b & 0x0F00000F00000F00ULL) | (c & 0x00000F00000F0000ULL);
  constexpr std::uint64_t ones = 0x0101010101010101ULL, highs = 0x8080808080808080ULL;
  const std::uint64_t e0_or_ed = ((nibbles - ones) | ((nibbles ^ (ones * 0x0D)) - ones)) & highs;
  return (shape | e0_or_ed) == 0;
}

}  // namespace

std::size_t first_invalid(std::string_view s) {
  const auto* p = reinterpret_cast<const unsigned char*>(s.data());
  const std::size_t n = s.size();
  std::size_t i = 0;  // a character starts here
#if defined(__SSE2__)
  // 64 bytes a step, without a branch inside, while the text is ASCII and
  // two- and three-byte characters (but those with lead E0 or ED, where the
  // second byte has bounds of its own): a byte must be a continuation
  // (80..BF) exactly when the byte before it is a lead (C0 and up) or the
  // one two before it a three-byte lead (E0 and up); C0, C1, E0, ED and
  // F0..FF fail the step. A step that fails is read one character at a
  // time, from the start of the character it begins in, and so is the tail.
  const __m128i zero = _mm_setzero_si128();
  const __m128i conts_below = _mm_set1_epi8(static_cast<char>(0xC0 - 256));
  const __m128i lead_above = _mm_set1_epi8(static_cast<char>(0xBF)), lead3_above = _mm_set1_epi8(static_cast<char>(0xDF));
  const __m128i fe = _mm_set1_epi8(static_cast<char>(0xFE)), c0 = _mm_set1_epi8(static_cast<char>(0xC0));
  const __m128i e0 = _mm_set1_epi8(static_cast<char>(0xE0)), ed = _mm_set1_epi8(static_cast<char>(0xED));
  while (true) {
    std::size_t at = i;
    __m128i before = zero;  // the 16 bytes before, as far as read whole
    while (at + 64 <= n) {
      __m128i err = zero, top = zero, last = before;
      for (int k = 0; k < 4; ++k) {
        const __m128i v = _mm_loadu_si128(reinterpret_cast<const __m128i*>(p + at + 16 * k));
        const __m128i prev1 = _mm_or_si128(_mm_slli_si128(v, 1), _mm_srli_si128(last, 15));
        const __m128i prev2 = _mm_or_si128(_mm_slli_si128(v, 2), _mm_srli_si128(last, 14));
        // Nonzero where a continuation is due.
        const __m128i due = _mm_or_si128(_mm_subs_epu8(prev1, lead_above), _mm_subs_epu8(prev2, lead3_above));
        const __m128i cont = _mm_cmplt_epi8(v, conts_below);  // 80..BF: -128..-65 signed
        // Wrong where "none due" and "a continuation" agree.
        err = _mm_or_si128(err, _mm_cmpeq_epi8(_mm_cmpeq_epi8(due, zero), cont));
        err = _mm_or_si128(err, _mm_or_si128(_mm_cmpeq_epi8(_mm_and_si128(v, fe), c0),
                                             _mm_or_si128(_mm_cmpeq_epi8(v, e0), _mm_cmpeq_epi8(v, ed))));
        top = _mm_max_epu8(top, v);
        last = v;
      }
      // F0..FF: at least 0xF0 somewhere.
      err = _mm_or_si128(err, _mm_cmpeq_epi8(_mm_max_epu8(top, _mm_set1_epi8(static_cast<char>(0xF0))), top));
      if (_mm_movemask_epi8(err)) break;
      before = last;
      at += 64;
    }
    // Read on from `at`, or from the start of the character before it when
    // that one runs on past it (all before `at` is well-formed).
    std::size_t j = at;
    if (at > i) {
      std::size_t k = at - 1;
      while (k > i && is_cont(p[k])) --k;
      if (k + sequence_length(p[k]) > at) j = k;
    }
    const std::size_t until = std::min(n, at + 64);
    while (j < until) {
      const std::size_t len = valid_sequence_length(s, j);
      if (len == 0) return j;
      j += len;
      // A run of ASCII (short texts, the tail): eight bytes at a time.
      if (len == 1)
        while (j + 8 <= n && !(load64(p + j) & 0x8080808080808080ULL)) j += 8;
    }
    if (j >= n) return std::string_view::npos;
    i = j;
  }
#else
  while (i < n) {
    const std::size_t len = valid_sequence_length(s, i);
    if (len == 0) return i;
    i += len;
    if (len == 1) {
      // A run of ASCII: eight bytes at a time.
      while (i + 8 <= n && !(load64(p + i) & 0x8080808080808080ULL)) i += 8;
    } else if (len == 3) {
      // A run of Chinese: eight characters at a time, then the rest of the
      // run one at a time (not back to the eight: a run ends soon after).
      while (i + 24 <= n && eight_plain_three_byte(p + i)) i += 24;
      while (i + 3 <= n && plain_three_byte(p + i)) i += 3;
    }
  }
  return std::string_view::npos;
#endif
}

std::size_t length(std::string_view s) {
  // Every byte but a continuation (10xxxxxx) starts a character. Eight bytes
  // at a time: a continuation's bit 7 survives `w & ~(w << 1)`; the
  // multiplication adds the eight 0/1 bytes up into the top byte.
  const auto* p = reinterpret_cast<const unsigned char*>(s.data());
  const std::size_t n = s.size();
  std::size_t i = 0, continuations = 0;
  for (; i + 8 <= n; i += 8) {
    const std::uint64_t w = load64(p + i);
    const std::uint64_t cont = w & ~(w << 1) & 0x8080808080808080ULL;
    continuations += ((cont >> 7) * 0x0101010101010101ULL) >> 56;
  }
  std::size_t chars = i - continuations;
  for (; i < n; ++i) chars += !is_cont(p[i]);
  return chars;
}

bool is_space_above_ascii(char32_t c) {
  switch (c) {
    case 0x85:
    case 0xA0:
    case 0x1680:
    case 0x2028:
    case 0x2029:
    case 0x202F:
    case 0x205F:
    case 0x3000:
    case 0xFEFF:
      return true;
    default:
      return c >= 0x2000 && c <= 0x200A;
  }
}

namespace {
// Whether the byte that starts a sequence can start no blank: ASCII other
// than spaces and controls, and E4–E9 (U+4000–U+9FFF, the ideographs).
bool starts_no_blank(unsigned char b) { return (b > 0x20 && b < 0x80) || (b >= 0xE4 && b <= 0xE9); }
}  // namespace

std::string_view trim_left(std::string_view s) {
  // Most texts start with a character no blank shares a first byte with.
  if (!s.empty() && starts_no_blank(static_cast<unsigned char>(s.front()))) return s;
  std::size_t i = 0;
  while (i < s.size()) {
    std::size_t j = i;
    if (!is_space(next(s, j))) break;
    i = j;
  }
  return s.substr(i);
}

std::string_view trim_right(std::string_view s) {
  // Most end in an ASCII character, an ideograph or 。 (E3 80 82; U+3000 is
  // the one blank that starts E3 80).
  const auto* p = reinterpret_cast<const unsigned char*>(s.data());
  const std::size_t n = s.size();
  if (n > 0 && p[n - 1] > 0x20 && p[n - 1] < 0x80) return s;
  if (n >= 3 && (p[n - 2] & 0xC0) == 0x80 && (p[n - 1] & 0xC0) == 0x80 &&
      ((p[n - 3] >= 0xE4 && p[n - 3] <= 0xE9) || (p[n - 3] == 0xE3 && (p[n - 2] != 0x80 || p[n - 1] != 0x80))))
    return s;
  std::size_t i = s.size();
  while (i > 0) {
    std::size_t j = i;
    if (!is_space(prev(s, j))) break;
    i = j;
  }
  return s.substr(0, i);
}

std::string_view trim(std::string_view s) { return trim_right(trim_left(s)); }

std::string squash(std::string_view s) {
  // Copies the runs between blanks; most names and cells have none.
  std::string out;
  std::size_t i = 0, run = 0;
  while (i < s.size()) {
    const std::size_t start = i;
    if (!is_space(next(s, i))) continue;
    if (run == 0) out.reserve(s.size());
    out.append(s.substr(run, start - run));
    run = i;
  }
  if (run == 0) return std::string(s);
  out.append(s.substr(run));
  return out;
}

bool same_but_blanks(std::string_view a, std::string_view b) {
  // Most cells hold no blank: one comparison. Else character by character,
  // compared as bytes as squash() would keep them.
  if (a == b) return true;
  std::size_t i = 0, j = 0;
  auto next_kept = [](std::string_view s, std::size_t& k) {
    while (k < s.size()) {
      const std::size_t start = k;
      if (!is_space(next(s, k))) return s.substr(start, k - start);
    }
    return std::string_view();
  };
  while (true) {
    const std::string_view x = next_kept(a, i), y = next_kept(b, j);
    if (x != y) return false;
    if (x.empty()) return true;
  }
}

std::string single_line(std::string_view s, std::size_t max) {
  std::string out;
  std::size_t i = 0, n = 0;
  bool blank = false;
  char32_t last = 0;
  while (i < s.size()) {
    std::size_t start = i;
    char32_t c = next(s, i);
    if (is_space(c)) {
      blank = !out.empty();
      continue;
    }
    if (n == max) {
      out += "…";
      return out;
    }
    const bool wide = is_han(c) || (c >= 0x3000 && c <= 0x303F) || (c >= 0xFF00 && c <= 0xFFEF);
    const bool last_wide =
        is_han(last) || (last >= 0x3000 && last <= 0x303F) || (last >= 0xFF00 && last <= 0xFFEF);
    if (blank && !(wide && last_wide)) out.push_back(' ');
    blank = false;
    out.append(s.substr(start, i - start));
    last = c;
    ++n;
  }
  return out;
}

namespace {
bool is_lead(char c) { return (static_cast<unsigned char>(c) & 0xC0) != 0x80; }
}  // namespace

CharOffsets::CharOffsets(std::string_view text) : text_(text) {
  chars_before_.reserve(text.size() / kStep + 1);
  std::uint32_t n = 0;
  for (std::size_t b = 0; b < text.size(); ++b) {
    if (b % kStep == 0) chars_before_.push_back(n);
    n += is_lead(text[b]);
  }
  if (text.size() % kStep == 0) chars_before_.push_back(n);
}

std::size_t CharOffsets::chars(std::size_t byte_offset) const {
  byte_offset = std::min(byte_offset, text_.size());
  const std::size_t k = byte_offset / kStep;
  std::size_t n = chars_before_[k];
  for (std::size_t b = k * kStep; b < byte_offset; ++b) n += is_lead(text_[b]);
  return n;
}

std::size_t CharOffsets::bytes(std::size_t char_offset) const {
  // The last checkpoint at or before the character, then forward.
  auto it = std::upper_bound(chars_before_.begin(), chars_before_.end(), char_offset);
  std::size_t k = it == chars_before_.begin() ? 0 : static_cast<std::size_t>(it - chars_before_.begin()) - 1;
  std::size_t b = k * kStep, n = chars_before_[k];
  while (b < text_.size() && !is_lead(text_[b])) ++b;  // a checkpoint inside a character
  while (b < text_.size()) {
    if (n == char_offset) return b;
    ++b;
    while (b < text_.size() && !is_lead(text_[b])) ++b;
    ++n;
  }
  return text_.size();
}

namespace {

const char kHex[] = "0123456789abcdef";

void append_byte_escape(std::string& out, unsigned char b) {
  out += "\\x";
  out.push_back(kHex[b >> 4]);
  out.push_back(kHex[b & 15]);
}

// Length of the valid sequence at s[i], or 0 when s[i] starts none.
std::size_t valid_sequence_at(std::string_view s, std::size_t i) {
  std::size_t len = sequence_length(static_cast<unsigned char>(s[i]));
  if (len == 1 || i + len > s.size()) return 0;
  return first_invalid(s.substr(i, len)) == std::string_view::npos ? len : 0;
}

bool needs_visible(char32_t c, bool keep_newlines) {
  if (c == '\n') return !keep_newlines;
  return c < 0x20 || c == 0x7F || (c >= 0x80 && c <= 0x9F) || (c >= 0x202A && c <= 0x202E) ||
         (c >= 0x2066 && c <= 0x2069);
}

}  // namespace

std::string escape_invalid(std::string_view bytes) {
  if (first_invalid(bytes) == std::string_view::npos) return std::string(bytes);
  // Part by part between '/': a part that is not UTF-8 has every byte above
  // 0x7F escaped, also those that happen to form a UTF-8 sequence (文 in GBK
  // is CE C4, and C4 BC reads as ļ).
  std::string out;
  while (true) {
    std::size_t slash = bytes.find('/');
    std::string_view part = bytes.substr(0, slash);
    if (first_invalid(part) == std::string_view::npos) {
      out.append(part);
    } else {
      for (char ch : part) {
        auto b = static_cast<unsigned char>(ch);
        if (b < 0x80) out.push_back(ch);
        else append_byte_escape(out, b);
      }
    }
    if (slash == std::string_view::npos) break;
    out.push_back('/');
    bytes.remove_prefix(slash + 1);
  }
  return out;
}

std::string visible(std::string_view s, bool keep_newlines) {
  // Quick test: the bytes every escaped character starts with (C0, DEL, the
  // C1 lead 0xC2, the bidi lead 0xE2, any invalid byte).
  bool clean = first_invalid(s) == std::string_view::npos;
  for (std::size_t k = 0; clean && k < s.size(); ++k) {
    auto b = static_cast<unsigned char>(s[k]);
    clean = !((b < 0x20 && !(keep_newlines && b == '\n')) || b == 0x7F || b == 0xC2 || b == 0xE2);
  }
  if (clean) return std::string(s);
  std::string out;
  std::size_t i = 0;
  while (i < s.size()) {
    auto b = static_cast<unsigned char>(s[i]);
    std::size_t len = b < 0x80 ? 1 : valid_sequence_at(s, i);
    if (len == 0) {
      append_byte_escape(out, b);
      ++i;
      continue;
    }
    std::size_t j = i;
    char32_t c = next(s, j);
    if (!needs_visible(c, keep_newlines)) {
      out.append(s.substr(i, len));
    } else if (c == '\n') {
      out += "\\n";
    } else if (c == '\t') {
      out += "\\t";
    } else if (c == '\r') {
      out += "\\r";
    } else if (c < 0x80) {
      append_byte_escape(out, static_cast<unsigned char>(c));
    } else {
      out += "\\u";
      for (int shift = 12; shift >= 0; shift -= 4) out.push_back(kHex[(c >> shift) & 15]);
    }
    i += len;
  }
  return out;
}

}  // namespace policy::utf8

// Small UTF-8 helpers used on hot paths; no allocation, no ICU.
//
//   std::size_t i = 0;
//   char32_t c = utf8::next(s, i);   // decodes one code point, advances i
#pragma once

#include <cstddef>
#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

namespace policy::utf8 {

// Decodes the code point starting at s[i] and advances i past it. A lead
// byte C2..F4 with all its continuation bytes decodes to the value they
// spell, overlong three- and four-byte forms and surrogates included, so
// that a reading by code points keeps apart what the bytes keep apart (the
// name matchers' tests compare the two); any other byte decodes as U+FFFD
// and advances by one. Documents are validated before they are read.
char32_t next_slow(std::string_view s, std::size_t& i);
inline char32_t next(std::string_view s, std::size_t& i) {
  // Hot path: ASCII and well-formed three-byte sequences (all of CJK).
  const auto* p = reinterpret_cast<const unsigned char*>(s.data()) + i;
  const unsigned char b = p[0];
  if (b < 0x80) {
    ++i;
    return b;
  }
  if ((b & 0xF0) == 0xE0 && i + 3 <= s.size() && (p[1] & 0xC0) == 0x80 && (p[2] & 0xC0) == 0x80) {
    char32_t c = (char32_t(b & 0x0F) << 12) | (char32_t(p[1] & 0x3F) << 6) | char32_t(p[2] & 0x3F);
    if (c >= 0x800 && (c < 0xD800 || c > 0xDFFF)) {
      i += 3;
      return c;
    }
  }
  return next_slow(s, i);
}

// next(), always inlined, for loops that read every character: ASCII, and a
// three-byte character under any lead but E0 (overlong forms) and ED
// (surrogates), need no check but the continuation bytes'.
[[gnu::always_inline]] inline char32_t next_inline(std::string_view s, std::size_t& i) {
  const auto* p = reinterpret_cast<const unsigned char*>(s.data()) + i;
  const unsigned b = p[0];
  if (b < 0x80) {
    ++i;
    return b;
  }
  if ((b & 0xF0) == 0xE0 && b != 0xE0 && b != 0xED && i + 3 <= s.size() && ((p[1] ^ 0x80u) | (p[2] ^ 0x80u)) < 0x40) {
    i += 3;
    return (char32_t(b & 0x0F) << 12) | (char32_t(p[1] & 0x3F) << 6) | char32_t(p[2] & 0x3F);
  }
  return next_slow(s, i);
}

// Decodes the code point ending just before s[i] and moves i back to its start.
char32_t prev_slow(std::string_view s, std::size_t& i);
inline char32_t prev(std::string_view s, std::size_t& i) {
  // Hot path: ASCII and well-formed three-byte sequences; a lead byte E0–EF
  // is never inside another sequence.
  const auto* p = reinterpret_cast<const unsigned char*>(s.data());
  if (i > 0 && p[i - 1] < 0x80) return p[--i];
  if (i >= 3 && (p[i - 3] & 0xF0) == 0xE0 && (p[i - 2] & 0xC0) == 0x80 && (p[i - 1] & 0xC0) == 0x80) {
    const char32_t c = (char32_t(p[i - 3] & 0x0F) << 12) | (char32_t(p[i - 2] & 0x3F) << 6) | char32_t(p[i - 1] & 0x3F);
    if (c >= 0x800 && (c < 0xD800 || c > 0xDFFF)) {
      i -= 3;
      return c;
    }
  }
  return prev_slow(s, i);
}

// Appends the UTF-8 encoding of c.
void append(std::string& out, char32_t c);

// Length in bytes of a sequence with this lead byte (1 for ASCII or invalid).
inline std::size_t sequence_length(unsigned char lead) {
  if (lead < 0xC0) return 1;
  if (lead < 0xE0) return 2;
  if (lead < 0xF0) return 3;
  return 4;
}

// Length of the well-formed sequence starting at s[i] (1 for ASCII), or 0
// when none starts there: overlong forms, surrogates, code points above
// U+10FFFF and sequences cut short are none.
std::size_t valid_sequence_length(std::string_view s, std::size_t i);

// Offset of the first byte that is not valid UTF-8, or npos if all is valid.
// Rejects overlong forms, surrogates and code points above U+10FFFF.
std::size_t first_invalid(std::string_view s);

// Number of code points.
std::size_t length(std::string_view s);

// Whitespace as the SPEC's "blank" means it: ASCII space and controls,
// U+3000 ideographic space, NBSP and the other Unicode spaces.
bool is_space_above_ascii(char32_t c);
inline bool is_space(char32_t c) {
  if (c <= 0x20) return c == 0x20 || (c >= 0x09 && c <= 0x0D) || (c >= 0x1C && c <= 0x1F);
  if (c < 0x85 || (c > 0x3000 && c != 0xFEFF)) return false;  // ASCII and CJK text: no call
  return is_space_above_ascii(c);
}

// CJK ideographs (the ranges RE2's \p{Han} covers that documents use).
inline bool is_han(char32_t c) {
  return (c >= 0x4E00 && c <= 0x9FFF) || (c >= 0x3400 && c <= 0x4DBF) || c == 0x3007 ||
         (c >= 0xF900 && c <= 0xFAFF) || (c >= 0x20000 && c <= 0x3134F);
}

// Removes leading and trailing blanks (is_space).
std::string_view trim(std::string_view s);
std::string_view trim_left(std::string_view s);
std::string_view trim_right(std::string_view s);

// Drops every blank character: the form the scorer compares texts in.
std::string squash(std::string_view s);
// squash(a) == squash(b) for valid UTF-8, without building either.
bool same_but_blanks(std::string_view a, std::string_view b);

// The text as one line: runs of blanks and line breaks become one space, or
// none between two ideographs (a line break inside Chinese text is no
// space); cut after `max` code points with "…".
std::string single_line(std::string_view s, std::size_t max = std::string_view::npos);

// Converts between byte offsets and character (code point) offsets of one
// text, for outputs that count characters (the JSON "at" spans). Costs one
// pass over the text; each question then reads at most 256 bytes.
//
//   CharOffsets c("到2025年");   c.chars(3) -> 1;   c.bytes(1) -> 3
class CharOffsets {
 public:
  explicit CharOffsets(std::string_view text);
  std::size_t chars(std::size_t byte_offset) const;   // byte offsets past the end count to the end
  std::size_t bytes(std::size_t char_offset) const;   // likewise

 private:
  static constexpr std::size_t kStep = 256;
  std::string_view text_;
  std::vector<std::uint32_t> chars_before_;  // characters before byte k * kStep
};

// Paths that are mostly UTF-8 (file names on a UTF-8 system) as valid UTF-8:
// in each part between '/' that is not valid UTF-8 (a GBK name from an archive
// made on Windows), every byte above 0x7F becomes the four characters \xNN
// (lower-case hex), so the name stays apart from others and maps back to its
// bytes; valid parts are kept as they are.
std::string escape_invalid(std::string_view bytes);

// Text made safe to show on a terminal or in one line of an error message:
// C0 and C1 control characters, DEL and the bidirectional overrides become
// visible escapes (ESC as \x1b, U+009B as \u009b, TAB as \t, a line break as
// \n unless `keep_newlines`); invalid bytes become \xNN as escape_invalid has
// them. Returns the text unchanged (no copy needed) when it has none.
std::string visible(std::string_view s, bool keep_newlines = false);

}  // namespace policy::utf8

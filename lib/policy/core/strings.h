// Small string helpers shared across the library.
//
//   join({"市商务局", "市发改委"}, "、")   -> "市商务局、市发改委"
//   starts_with("市发改委", "市") / ends_with("省财政厅", "厅")   -> true
//   contains_any_byte("第3条", "0123456789")                     -> true
//   find_bytes("由市教育局申报", "市教育局")                       -> 3
//   has_char3("国办发〔2021〕51号", "号")                           -> true
#pragma once

#include <cstring>
#include <string>
#include <string_view>
#include <vector>

namespace policy {

inline std::string join(const std::vector<std::string>& parts, std::string_view sep) {
  std::string out;
  for (std::size_t i = 0; i < parts.size(); ++i) {
    if (i) out += sep;
    out += parts[i];
  }
  return out;
}

// Whether `s` holds any of the bytes in `set`. (std::string::find_first_of
// calls memchr on the set once per byte of `s`: ten times slower on a
// clause that holds none of them.)
inline bool contains_any_byte(std::string_view s, std::string_view set) {
  bool wanted[256] = {};
  for (unsigned char c : set) wanted[c] = true;
  for (unsigned char c : s)
    if (wanted[c]) return true;
  return false;
}

// s.find(needle, pos) for a short needle (a name) looked for far from pos.
// find() calls memchr on the needle's first byte, a lead byte most Chinese
// characters share, and compares at each; glibc's memmem skips by pairs.
// (Past 256 bytes memmem prepares the needle first: find() is better when
// the match is likely at pos.)
inline std::size_t find_bytes(std::string_view s, std::string_view needle, std::size_t pos = 0) {
  if (pos > s.size()) return std::string_view::npos;
  if (needle.empty()) return pos;
  const void* at = ::memmem(s.data() + pos, s.size() - pos, needle.data(), needle.size());
  return at ? static_cast<std::size_t>(static_cast<const char*>(at) - s.data()) : std::string_view::npos;
}

// Whether s holds the three-byte character c (a CJK character in UTF-8).
// Looks for c's last byte, one of 64 continuation bytes, rather than its lead
// byte as find() does: in CJK text a lead byte like 年's E5 starts about one
// character in four. (memmem measured slower here on such text.)
inline bool has_char3(std::string_view s, std::string_view c) {
  const char* p = s.data();
  const char* const end = p + s.size();
  while (p < end) {
    const void* hit = std::memchr(p, c[2], static_cast<std::size_t>(end - p));
    if (!hit) return false;
    const char* at = static_cast<const char*>(hit);
    if (at - s.data() >= 2 && at[-2] == c[0] && at[-1] == c[1]) return true;
    p = at + 1;
  }
  return false;
}

inline bool starts_with(std::string_view s, std::string_view prefix) {
  return s.substr(0, prefix.size()) == prefix;
}

inline bool ends_with(std::string_view s, std::string_view suffix) {
  return s.size() >= suffix.size() && s.substr(s.size() - suffix.size()) == suffix;
}

}  // namespace policy

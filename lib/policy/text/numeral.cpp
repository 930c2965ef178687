#include "policy/text/numeral.h"

#include <vector>

#include "policy/text/utf8.h"

namespace policy::text {

int chinese_digit(char32_t c) {
  switch (c) {
    case U'零': case U'〇': return 0;
    case U'一': case U'壹': case U'幺': return 1;
    case U'二': case U'两': case U'贰': case U'貳': return 2;
    case U'三': case U'叁': case U'參': return 3;
    case U'四': case U'肆': return 4;
    case U'五': case U'伍': return 5;
    case U'六': case U'陆': case U'陸': return 6;
    case U'七': case U'柒': return 7;
    case U'八': case U'捌': return 8;
    case U'九': case U'玖': return 9;
    default: return -1;
  }
}

std::int64_t chinese_multiplier(char32_t c) {
  switch (c) {
    case U'十': case U'拾': return 10;
    case U'百': case U'佰': return 100;
    case U'千': case U'仟': return 1000;
    case U'万': case U'萬': return 10000;
    case U'亿': case U'億': return 100000000;
    default: return 0;
  }
}

bool is_chinese_numeral_char(char32_t c) {
  // A table over the BMP, built once: this runs on every character of a text.
  static const std::vector<bool> table = [] {
    std::vector<bool> t(0x10000, false);
    for (char32_t k = 0x3000; k < 0xA000; ++k) t[k] = chinese_digit(k) >= 0 || chinese_multiplier(k) > 0;
    return t;
  }();
  return c < 0x10000 && table[c];
}

std::optional<std::int64_t> parse_chinese_integer(std::string_view s) {
  std::vector<char32_t> cs;
  std::size_t i = 0;
  while (i < s.size()) cs.push_back(utf8::next(s, i));
  if (cs.empty() || cs.size() > 24) return std::nullopt;  // bounds the arithmetic below
  bool has_multiplier = false;
  for (char32_t c : cs) {
    if (!is_chinese_numeral_char(c)) return std::nullopt;
    if (chinese_multiplier(c)) has_multiplier = true;
  }
  if (!has_multiplier) {
    // Digit by digit, as years are written: 二〇二五.
    if (cs.size() > 18) return std::nullopt;
    std::int64_t v = 0;
    for (char32_t c : cs) v = v * 10 + chinese_digit(c);
    return v;
  }
  // total: finished 亿/万 groups; section: below 万; digit: pending digit.
  std::int64_t total = 0, section = 0, digit = -1;
  for (char32_t c : cs) {
    int d = chinese_digit(c);
    if (d >= 0) {
      digit = d;  // 零 resets nothing but the pending digit
      continue;
    }
    std::int64_t m = chinese_multiplier(c);
    if (m >= 10000) {
      section += (digit >= 0 ? digit : 0);
      if (section == 0 && total == 0) section = 1;  // "万" alone
      if (m == 100000000) {
        if (total + section > 1000000000) return std::nullopt;  // beyond 10^17
        total = (total + section) * m;
      } else {
        total += section * m;
      }
      section = 0;
    } else {
      section += (digit >= 0 ? digit : 1) * m;  // "十二": implicit one
    }
    digit = -1;
  }
  if (digit >= 0) section += digit;
  return total + section;
}

std::optional<std::int64_t> parse_digits(std::string_view s) {
  if (s.empty()) return std::nullopt;
  std::int64_t v = 0;
  std::size_t i = 0, count = 0;
  while (i < s.size()) {
    char32_t c = utf8::next(s, i);
    int d;
    if (c >= '0' && c <= '9') d = static_cast<int>(c - '0');
    else if (c >= 0xFF10 && c <= 0xFF19) d = static_cast<int>(c - 0xFF10);
    else return std::nullopt;
    if (++count > 18) return std::nullopt;
    v = v * 10 + d;
  }
  return v;
}

std::optional<std::int64_t> parse_label_number(std::string_view s) {
  if (auto v = parse_digits(s)) return v;
  return parse_chinese_integer(s);
}

}  // namespace policy::text

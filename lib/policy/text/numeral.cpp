#include "policy/text/numeral.h"

#include <array>
#include <cstdlib>
#include <span>
#include <string>
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
  // On the stack: this runs on every numeral of every clause, and a vector
  // cost a heap allocation each time.
  std::array<char32_t, 24> buf;
  std::size_t count = 0, i = 0;
  while (i < s.size()) {
    if (count == buf.size()) return std::nullopt;  // bounds the arithmetic below
    buf[count++] = utf8::next(s, i);
  }
  if (count == 0) return std::nullopt;
  const std::span<const char32_t> cs(buf.data(), count);
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

double parse_decimal(std::string_view s) {
  // Clinger's fast path: up to 15 digits are exact in a double, and so is
  // 10^k for k <= 22; one IEEE division then rounds as strtod does.
  static constexpr double kPow10[] = {1e0,  1e1,  1e2,  1e3,  1e4,  1e5,  1e6,  1e7,  1e8,  1e9,  1e10, 1e11,
                                      1e12, 1e13, 1e14, 1e15, 1e16, 1e17, 1e18, 1e19, 1e20, 1e21, 1e22};
  std::int64_t mantissa = 0;
  std::size_t digits = 0, point = std::string_view::npos;
  bool plain = !s.empty() && s.size() <= 16;
  for (std::size_t k = 0; plain && k < s.size(); ++k) {
    const char c = s[k];
    if (c >= '0' && c <= '9') {
      mantissa = mantissa * 10 + (c - '0');
      ++digits;
    } else if (c == '.' && point == std::string_view::npos && k > 0 && k + 1 < s.size()) {
      point = k;
    } else {
      plain = false;
    }
  }
  if (plain && digits <= 15) {
    const std::size_t decimals = point == std::string_view::npos ? 0 : s.size() - point - 1;
    return decimals ? static_cast<double>(mantissa) / kPow10[decimals] : static_cast<double>(mantissa);
  }
  return std::strtod(std::string(s).c_str(), nullptr);
}

std::optional<std::int64_t> parse_label_number(std::string_view s) {
  if (auto v = parse_digits(s)) return v;
  return parse_chinese_integer(s);
}

}  // namespace policy::text

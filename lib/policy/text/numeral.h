// Chinese and Arabic numerals.
//
//   parse_chinese_integer("二十一")   -> 21
//   parse_chinese_integer("两万")     -> 20000
//   parse_chinese_integer("一千二百") -> 1200
//   parse_chinese_integer("二〇二五") -> 2025   (digit by digit)
//   parse_chinese_integer("壹仟贰佰") -> 1200   (financial forms)
//   parse_chinese_integer("十分")     -> nullopt (not all numeral characters)
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>

namespace policy::text {

// The value of a Chinese digit (零〇一二两三…九, 壹贰…玖), or -1.
int chinese_digit(char32_t c);
// 十百千万亿 (and 拾佰仟) as their power of ten, or 0.
std::int64_t chinese_multiplier(char32_t c);
// True for any character parse_chinese_integer understands.
bool is_chinese_numeral_char(char32_t c);

std::optional<std::int64_t> parse_chinese_integer(std::string_view s);

// ASCII or full-width digits only: "２０２５" -> 2025.
std::optional<std::int64_t> parse_digits(std::string_view s);

// Digits with at most one decimal point ("1200", "1.5"), as strtod reads
// them and to the same bit, without its copy and locale: "1.5" -> 1.5.
double parse_decimal(std::string_view s);

// A label numeral written either way: "十二" or "12" or "１２".
std::optional<std::int64_t> parse_label_number(std::string_view s);

}  // namespace policy::text

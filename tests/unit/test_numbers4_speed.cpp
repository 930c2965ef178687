// The quick forms of round four in document numbers, deadlines and targets,
// each held to the plain reading it replaced on many random texts built from
// the characters that reading turns on (and loose bytes, blanks, nothing).
#include <catch2/catch.hpp>

#include <fmt/format.h>
#include <re2/re2.h>

#include <cstdint>
#include <limits>
#include <random>
#include <string>
#include <string_view>
#include <vector>

#include "policy/extract/clause_text.h"
#include "policy/extract/deadlines.h"
#include "policy/extract/doc_numbers.h"
#include "policy/core/strings.h"
#include "policy/extract/targets.h"
#include "policy/lexicon/lexicon.h"
#include "policy/text/numeral.h"
#include "policy/text/utf8.h"

using namespace policy;
using namespace policy::extract;

namespace {

const lexicon::Lexicon& lex() { return lexicon::Lexicon::builtin(); }

// A random text of up to n pieces drawn from `pieces`.
std::string random_text(std::mt19937& rng, const std::vector<std::string_view>& pieces, std::size_t n) {
  std::string s;
  const std::size_t count = n ? rng() % (n + 1) : 0;
  for (std::size_t k = 0; k < count; ++k) s += pieces[rng() % pieces.size()];
  return s;
}

}  // namespace

TEST_CASE("doc numbers: a clause without digits then 号 holds neither form, as the search for 号 said") {
  // 号 is E5 8F B7: its halves and a loose B7 make bytes that are none;
  // blanks of every kind RE2's \s knows, and ones it does not (U+3000).
  const std::vector<std::string_view> pieces = {
      "〔", "〕", "[", "]", "【", "】", "(", ")", "（", "）", "〖", "〗", "2021", "19", "20", "51", "1234567", "1.5", ".",
      "号", "令", "第", "国办发", "人民政府", " ", "\t", "\n", "\r", "\f", "\xE3\x80\x80", "２０２２", "１",
      "\xE5\x8F", "\xB7", "\xE5", "a", "、",
      // whole parts of the forms, so that the texts hold some
      "〔2021〕", "[2024]", "(2022)", "51号", "令第", "令(第", "19号)", "第 7 号", "2021〕"};
  std::mt19937 rng(4001);
  int holding = 0, ruled_out = 0;
  for (int round = 0; round < 30000; ++round) {
    const std::string text = random_text(rng, pieces, 14);
    const ClauseText ct(text, lex());
    const std::string_view t = ct.folded();
    bool form = next_order(t, 0).has_value();
    for (std::size_t p = 0; p < t.size() && !form; ++p) form = numbered_at(t, p, t.size()).has_value();
    INFO(text);
    if (form) {
      CHECK(doc_number_scan::digits_then_hao(ct));
      ++holding;
    }
    ruled_out += !doc_number_scan::digits_then_hao(ct) && t.find("号") != std::string_view::npos;
  }
  CHECK(holding > 1000);    // the texts hold numbers often enough
  CHECK(ruled_out > 1000);  // and 号 without one often enough
}

TEST_CASE("doc numbers: the normalized number is what fmt::format wrote") {
  std::mt19937 rng(4002);
  const std::vector<std::string_view> codes = {"", "国办发", "鄂政发", "a", "\xE5", "上海市人民政府令"};
  const std::vector<std::int64_t> edges = {0, 1, 9, 10, 99, 100, 999999, 1000000, -1,
                                           std::numeric_limits<std::int64_t>::max(),
                                           std::numeric_limits<std::int64_t>::min()};
  for (int round = 0; round < 20000; ++round) {
    const std::string_view code = codes[rng() % codes.size()];
    const std::int64_t serial = round < 2000 ? edges[rng() % edges.size()]
                                             : static_cast<std::int64_t>(rng()) * (rng() % 3 ? 1 : 1000003);
    const int year = round % 7 == 0 ? static_cast<int>(rng()) : 1900 + static_cast<int>(rng() % 300);
    INFO(code << " " << year << " " << serial);
    CHECK(doc_number_scan::normalized(code, year, serial) == fmt::format("{}〔{}〕{}号", code, year, serial));
    CHECK(doc_number_scan::normalized(code, std::nullopt, serial) == fmt::format("{}第{}号", code, serial));
  }
}

TEST_CASE("deadline brackets: next_separator finds the first comma, semicolon or whole 。, as reading each byte did") {
  auto plain = [](std::string_view t, std::size_t from, std::size_t end) {
    for (std::size_t k = from; k < end; ++k)
      if (t[k] == ',' || t[k] == ';' || (t[k] == '\xE3' && k + 3 <= t.size() && t[k + 1] == '\x80' && t[k + 2] == '\x82'))
        return k;
    return end;
  };
  // 。 is E3 80 82: 、 (E3 80 81) and 〃 (E3 80 83) share its first bytes,
  // loose bytes make halves of it; long runs of ideographs fill the
  // sixteen-byte blocks, and a 。 may straddle a block or `end`.
  const std::vector<std::string_view> pieces = {",", ";", "。", "、", "〃", "\xE3\x80", "\xE3", "\x80\x82", "\x82",
                                                "市商务局负责", "推进", "a", " ", "2024", "，", "；"};
  std::mt19937 rng(4003);
  int found = 0;
  for (int round = 0; round < 40000; ++round) {
    const std::string text = random_text(rng, pieces, 24);
    std::size_t from = rng() % (text.size() + 1), end = rng() % (text.size() + 1);
    if (from > end) std::swap(from, end);
    if (round % 4 == 0) end = text.size();
    INFO(text << " [" << from << ", " << end << ")");
    const std::size_t expected = plain(text, from, end);
    CHECK(deadline_scan::next_separator(text, from, end) == expected);
    found += expected < end;
  }
  CHECK(found > 10000);
}

namespace {

bool same_mentions(const std::vector<DeadlineMention>& a, const std::vector<DeadlineMention>& b) {
  if (a.size() != b.size()) return false;
  for (std::size_t k = 0; k < a.size(); ++k) {
    const Deadline &x = a[k].deadline, &y = b[k].deadline;
    if (x.text != y.text || x.date != y.date || x.at.begin != y.at.begin || x.at.end != y.at.end ||
        a[k].folded != b[k].folded)
      return false;
  }
  return true;
}

}  // namespace

TEST_CASE("deadline brackets: a segment that opens with no year (nor 年底 with a context year) and a clause without 持续推进 are skipped as reading them found nothing") {
  // The words a bracket's segment turns on (years in digits and numerals,
  // 年底, the ongoing words, what a date is made of), the separators and
  // brackets, and loose bytes.
  const std::vector<std::string_view> pieces = {
      "(", ")", "（", "）", ",", ";", "。", "，", "、", " ", "\n", "2024", "2025年", "二〇二五年", "12月", "6月底", "底", "前",
      "以前", "年底", "年末", "每年底", "持续推进", "长期", "常态化推进", "年", "月", "3日", ".", "-", "/", "2023.12",
      "第三季度", "上半年", "市商务局", "负责", "完成时限:", "到", "一", "零", "6", "a", "\xE5", "\x80", "\xE5\xB9"};
  std::mt19937 rng(4004);
  int dated = 0;
  for (int round = 0; round < 30000; ++round) {
    const std::string text = random_text(rng, pieces, 16);
    const ClauseText ct(text, lex());
    const std::optional<int> year = rng() % 2 ? std::optional<int>(2000 + static_cast<int>(rng() % 50)) : std::nullopt;
    INFO(text << " / " << (year ? *year : 0));
    const auto plain = deadline_scan::find_deadlines_plainly(ct, year);
    CHECK(same_mentions(find_deadlines(ct, year), plain));
    dated += !plain.empty();
  }
  CHECK(dated > 2000);  // the texts hold deadlines often enough
}

TEST_CASE("target numerals: a run of one Chinese digit has the value parse_chinese_integer gives it, and no other run takes the quick form") {
  auto check = [](const std::string& run) {
    INFO(run);
    const auto quick = target_scan::one_digit_value(run);
    if (!quick) return false;
    const auto plain = text::parse_chinese_integer(run);
    CHECK(plain.has_value());
    CHECK(plain.value_or(-1) == *quick);
    std::size_t k = 0;
    CHECK(text::chinese_digit(utf8::next(run, k)) == *quick);
    CHECK(k == run.size());
    return true;
  };
  // Every BMP code point written in three bytes, and the same with a byte
  // more or a byte less.
  int quick = 0;
  for (char32_t c = 0x800; c < 0x10000; ++c) {
    if (c >= 0xD800 && c <= 0xDFFF) continue;
    std::string run;
    utf8::append(run, c);
    REQUIRE(run.size() == 3);
    quick += check(run);
    CHECK_FALSE(target_scan::one_digit_value(run + "一"));
    CHECK_FALSE(target_scan::one_digit_value(run.substr(0, 2)));
  }
  CHECK(quick >= 20);  // 零〇一二两三…九 and the financial forms
  // Loose and overlong bytes, surrogates, nothing.
  std::mt19937 rng(4005);
  for (int round = 0; round < 200000; ++round) {
    std::string run;
    for (std::size_t k = rng() % 5; k > 0; --k) run.push_back(static_cast<char>(rng() % 2 ? 0xE0 + rng() % 16 : 0x80 + rng() % 64));
    check(run);
  }
}

TEST_CASE("target words: a class asked with the character already read finds what WordSet::starts finds, and that character is utf8::next's") {
  using lexicon::Class;
  // Units, their tails and the words that are none, comparison words and
  // bounds, nouns; loose, overlong (E0 81 81 reads as 'A') and surrogate
  // sequences, letters, blanks.
  const std::vector<std::string_view> pieces = {
      "万元", "个", "项", "家", "年", "千瓦", "千", "万", "亿", "%", "人次", "个工作日", "分", "以上", "以下", "以内", "余",
      "多", "(含)", "(不含)", "左右", "内资企业", "家庭", "人员", "年度", "5", "一", " ", "a", "G",
      "\xE0\x81\x81", "\xED\xA0\x80", "\xE5", "\x80", "\xF0\x9F\x98\x80", "\xE4\xB8"};
  const Class classes[] = {Class::measure, Class::measure_not, Class::measure_tail, Class::op_inside,
                           Class::op_bound, Class::op_after, Class::noun};
  std::mt19937 rng(4006);
  int found = 0;
  for (int round = 0; round < 5000; ++round) {
    const std::string text = random_text(rng, pieces, 10);
    const std::string_view t = text;
    for (std::size_t i = 0; i <= t.size(); ++i) {
      std::size_t j = i;
      const char32_t c = target_scan::char_read_at(t, i);
      INFO(text << " at " << i);
      CHECK(c == (i < t.size() ? utf8::next(t, j) : 0));
      for (Class cls : classes) {
        const auto* expected = lex().words(cls).starts(t.substr(i));
        CHECK(target_scan::starts_with_char(lex().words(cls), t, i, c) == expected);
        found += expected != nullptr;
      }
    }
  }
  CHECK(found > 10000);
}

TEST_CASE("deadline dates: match_date reads kDate as RE2 matches it anchored, every group and the match's end") {
  const RE2 date(deadline_scan::kDatePattern);
  REQUIRE(date.ok());
  // Years in digits and numerals (and one digit short or long), 年, months
  // and days in digits and numerals of every length around the limits, 份,
  // 底/末, the forms of 前, every blank RE2's \s knows and U+3000, which it
  // does not; loose bytes and halves of 年 (E5 B9 B4).
  const std::vector<std::string_view> pieces = {
      "2025", "202", "20251", "二〇二五", "〇", "两", "零", "年", "月", "日", "份", "底", "末", "前", "以前", "之前", "以",
      "之", "1", "12", "123", "一", "十", "十二", "一二三四", "三", " ", "\t", "\n", "\r", "\f", "\v", "\xE3\x80\x80",
      "\xE5\xB9", "\xB4", "\xE5", "a", "季度", "上半年", "中旬", "上", "旬"};
  // Whole parts, half of the pieces, so that the texts hold dates often.
  const std::vector<std::string_view> parts = {"2025年", "2024 年 ", "二〇二四年", "3月", "12 月份", "123月",
                                               "十二月", "一二三四月", "5日", "31 日", "底前", "2023年12月",
                                               "11月中旬前", "6 月 下旬", "年底前", "年 末"};
  std::mt19937 rng(4007);
  int matched = 0, with_month = 0, with_day = 0;
  for (int round = 0; round < 20000; ++round) {
    std::string text;
    for (std::size_t n = rng() % 10; n > 0; --n)
      text += rng() % 2 ? parts[rng() % parts.size()] : pieces[rng() % pieces.size()];
    for (std::size_t at = 0; at <= text.size(); ++at) {
      const std::size_t reach = rng() % 3 ? 96 : rng() % 24;
      const std::size_t limit = std::min(text.size(), at + reach);
      re2::StringPiece g[5];
      const bool expected = date.Match(re2::StringPiece(text), at, limit, RE2::ANCHOR_START, g, 5);
      deadline_scan::DateGroups d;
      INFO(text << " at " << at << " to " << limit);
      REQUIRE(deadline_scan::match_date(text, at, limit, d) == expected);
      if (!expected) continue;
      ++matched;
      with_month += g[2].data() != nullptr;
      with_day += g[3].data() != nullptr;
      for (int k = 0; k < 5; ++k) {
        INFO("group " << k);
        if (g[k].data() == nullptr) {
          CHECK(d.begin[k] == deadline_scan::kNoGroup);
        } else {
          CHECK(d.begin[k] == static_cast<std::size_t>(g[k].data() - text.data()));
          CHECK(d.end[k] == d.begin[k] + g[k].size());
        }
      }
    }
  }
  CHECK(matched > 5000);
  CHECK(with_month > 1000);
  CHECK(with_day > 300);
}

TEST_CASE("target quotes: quote_may_open reads the 32 bytes before a number in blocks and answers as find and has_char3 did") {
  auto plain = [](std::string_view t, std::size_t p) {
    constexpr std::size_t bytes = 4 * target_scan::kQuoteReach;
    const std::string_view near = t.substr(p > bytes ? p - bytes : 0, std::min(p, bytes));
    return near.find('"') != std::string_view::npos || has_char3(near, "“");
  };
  // “ is E2 80 9C: ” (E2 80 9D), ‘ (E2 80 98) and loose bytes make halves of
  // it, and a quote may straddle the reach's first byte or the blocks' seam.
  const std::vector<std::string_view> pieces = {"“", "\"", "”", "‘", "\xE2\x80", "\x9C", "\x80\x9C", "\xE2",
                                                "推进", "市", "a", " ", "1", "，", "𠀀"};
  std::mt19937 rng(4008);
  int open = 0, shut = 0;
  for (int round = 0; round < 20000; ++round) {
    const std::string text = random_text(rng, pieces, 40);
    for (std::size_t p = 0; p <= text.size(); ++p) {
      INFO(text << " at " << p);
      const bool expected = plain(text, p);
      CHECK(target_scan::quote_may_open(text, p) == expected);
      (expected ? open : shut) += p >= 32;
    }
  }
  CHECK(open > 10000);
  CHECK(shut > 10000);
}

TEST_CASE("deadline dates: make_date writes what fmt::format wrote, for every month and day and the years around four digits") {
  std::mt19937 rng(4009);
  int checked = 0;
  std::vector<int> years;
  for (int y = -120; y <= 120; ++y) years.push_back(y);
  for (int y = 990; y <= 1010; ++y) years.push_back(y);
  for (int y = 1900; y <= 2110; ++y) years.push_back(y);
  for (int y = 9880; y <= 10120; ++y) years.push_back(y);
  for (int year : years)
    for (int month = -1; month <= 14; ++month)
      for (int day : {-1, 0, 1, 9, 10, 28, 31, 32, static_cast<int>(rng() % 40)}) {
        INFO(year << " " << month << " " << day);
        CHECK(deadline_scan::make_date(year, month, day) == deadline_scan::plain_make_date(year, month, day));
        ++checked;
      }
  for (int round = 0; round < 20000; ++round) {
    const int year = static_cast<int>(rng()), month = static_cast<int>(rng() % 16) - 1, day = static_cast<int>(rng());
    INFO(year << " " << month << " " << day);
    CHECK(deadline_scan::make_date(year, month, day) == deadline_scan::plain_make_date(year, month, day));
  }
  CHECK(checked > 80000);
}

TEST_CASE("target phrases: phrase_begin and phrase_end read in blocks of bytes find where walking one character at a time stops") {
  // The stops and brackets, 。 and what shares its bytes (、 E3 80 81, 〃
  // E3 80 83, loose 80 82, E3 80 cut short), runs of ideographs long enough
  // to pass the 600-byte reach, four-byte characters and loose bytes that
  // the walk steps over one at a time.
  const std::vector<std::string_view> pieces = {
      "(", ")", "（", "）", ",", ";", ":", "!", "?", "\n", "。", "、", "〃", "\xE3\x80", "\x80\x82", "\x82", "\xE3",
      "推进", "市商务局负责", "𠀀", "a", " ", "1", "\xED\xA0\x80", "\xE0\x81\x81",
      "省级地方标准省级地方标准省级地方标准省级地方标准省级地方标准省级地方标准省级地方标准省级地方标准省级地方标准"};
  std::mt19937 rng(4010);
  int stopped = 0, reached = 0, ends_early = 0;
  for (int round = 0; round < 4000; ++round) {
    const std::string text = random_text(rng, pieces, round % 10 == 0 ? 120 : 30);
    for (std::size_t p = 0; p <= text.size(); ++p) {
      const std::size_t expected = target_scan::plain_phrase_begin(text, p);
      INFO(text << " from " << p);
      CHECK(target_scan::phrase_begin(text, p) == expected);
      const std::size_t end = target_scan::plain_phrase_end(text, p);
      CHECK(target_scan::phrase_end(text, p) == end);
      ends_early += end < std::min(text.size(), p + 600);
      const std::size_t floor = p > 600 ? p - 600 : 0;
      if (expected > floor) ++stopped;  // at a stop
      else reached += p > 600;          // past the reach: the walk's own end
    }
  }
  CHECK(stopped > 100000);
  CHECK(reached > 1000);
  CHECK(ends_early > 100000);
}

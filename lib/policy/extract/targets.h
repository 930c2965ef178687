// Numeric targets (SPEC §2): numbers a task commits to, and in incentive
// policies the thresholds applicants must meet and the awards granted.
//
//   find_targets("制定发布省级地方标准1200项以上")
//       -> 1200 项 ge, subject 省级地方标准
//   find_targets("自我声明数量达到2万项")          -> 20000 项 ge
//   find_targets("缩短制定周期至18个月以内")       -> 18 个月 le
//   find_targets("创建120个省级以上示范项目")      -> 120 个 eq (以上 belongs to 省级)
//   find_targets("培育团体标准二十余项")           -> 20 项 gt
//   find_targets("给予最高200万元奖励")            -> 2000000 元 le, kind award
//   find_targets("固定资产投资额达 5000 万元以上的") -> 50000000 元 ge, kind threshold
//   find_targets("突破5亿")                       -> 500000000 "" gt
//   find_targets("至少2个地市、10个县区")          -> 2 个 ge, 10 个 ge (the list's op)
//   find_targets("15个、7个工作日以内")            -> 15 个工作日 le, 7 个工作日 le
//   find_targets("利用2-3年时间")                  -> 2 年 ge, 3 年 le (a range)
//   find_targets("三分之一")                      -> 33.33 %
//   find_targets("从22个工作日压减至15个")         -> 15 个工作日 (not the starting point)
//   find_targets("到2025年，5G基站、第一次会议、十四五、分两个阶段、有效期3年、
//                 3岁以下婴幼儿、最多跑一次、（2分）") -> nothing
//
// The words (units of measure, comparison words, award words, verbs, the
// words that make a number no target) are data/lexicon; the number grammar
// is here, run at the numbers the clause's one pass found.
#pragma once

#include <cstddef>
#include <optional>
#include <string_view>
#include <vector>

#include "policy/core/record.h"
#include "policy/extract/clause_text.h"

namespace policy::extract {

struct TargetMention {
  Target target;       // year is left empty: the caller knows the governing deadline
  std::size_t folded;  // where it starts in the folded text
};

std::vector<TargetMention> find_targets(const ClauseText& ct);

// Quick forms of the grammar's plain readings, here for the tests that hold
// each to the reading it replaced.
namespace target_scan {
// Where the last 。, ; or : in s ends (0 when none does): s.rfind of each.
std::size_t after_last_stop(std::string_view s);
// The first place at or after `from` where w is written in s, at the start
// of a character, or npos: s.find(w, from) on whole characters.
std::size_t find_word(std::string_view s, std::string_view w, std::size_t from);
// Whether a word of `cls` occurs in the folded text's [b, e) outside any
// longer noun (由 in 自由贸易 is none): the longest one ending by e at each
// character, as WordSet::starts read there.
bool occurs_free(const ClauseText& ct, std::size_t b, std::size_t e, lexicon::Class cls);
// WordSet::occurs_in(s).
bool written_in(std::string_view s, const lexicon::WordSet& words);
// How far back (in characters) a number's opening quote is looked for, and
// false only where none of the kQuoteReach characters before p is “ or ".
inline constexpr std::size_t kQuoteReach = 8;
bool quote_may_open(std::string_view t, std::size_t p);
// The value of a run that is one Chinese digit (一, 两, 〇), as
// parse_chinese_integer reads it; none for any other run.
std::optional<int> one_digit_value(std::string_view run);
// The character at t[i] as WordSet::starts reads it (0 at the end; as
// utf8::next reads it too), and words.starts(t.substr(i)) for a caller that
// holds it in c: a class that starts no word with c is passed by unread.
char32_t char_read_at(std::string_view t, std::size_t i);
const lexicon::WordSet::Word* starts_with_char(const lexicon::WordSet& words, std::string_view t, std::size_t i,
                                               char32_t c);
// Where the phrase around p begins: after the nearest , ; : 。 ! ? or line
// break before p outside brackets, or a ( that opens one around p, looked
// for within 600 bytes; plain_phrase_begin walks back one character at a time.
std::size_t phrase_begin(std::string_view t, std::size_t p);
std::size_t plain_phrase_begin(std::string_view t, std::size_t p);
// Where it ends: at the first stop after p outside brackets, or the ) that
// closes one around p; plain_phrase_end walks one character at a time.
std::size_t phrase_end(std::string_view t, std::size_t p);
std::size_t plain_phrase_end(std::string_view t, std::size_t p);
}  // namespace target_scan

}  // namespace policy::extract

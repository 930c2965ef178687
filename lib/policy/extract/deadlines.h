// Deadlines (SPEC §2): when a task must be done.
//
//   find_deadlines("到2025年，基本建成…")              -> 2025        "到2025年"
//   find_deadlines("（完成时限：2025年4月）")           -> 2025-04     "完成时限：2025年4月"
//   find_deadlines("2022年10月底前完成")               -> 2022-10
//   find_deadlines("年底前完成", 2023)                 -> 2023-12     (year from context)
//   find_deadlines("进度安排：2022年")                 -> 2022
//   find_deadlines("（2023.12市城管委，市市场监管局）")  -> 2023-12
//   find_deadlines("（标准创新司负责，持续推进）")       -> ongoing     (a deadline slot)
//   find_deadlines("持续推进国家技术标准创新基地建设")   -> nothing     (a verb in prose)
//   find_deadlines("到“十三五”期末")                   -> 2020
//   find_deadlines("（2016-2020年）")                  -> nothing     (a plan period)
//
// The words (slot labels, 持续推进, 到…) are data/lexicon/deadlines.tsv; the
// date grammar is here, matched only where the clause's one pass found a
// year, a slot word or a 到.
#pragma once

#include <cstddef>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "policy/core/record.h"
#include "policy/extract/clause_text.h"
#include "policy/extract/governing.h"

namespace policy::extract {

struct DeadlineMention {
  Deadline deadline;   // text and date; `at` in the clause text as written
  std::size_t folded;  // where it starts in the folded text
};

// `context_year` resolves 年底前 / 6月底前 written without a year.
std::vector<DeadlineMention> find_deadlines(const ClauseText& ct, std::optional<int> context_year);

// The deadline at the start of a cell of a 完成时限 column: the cell is a
// deadline slot, so a bare 2024年6月 or 持续推进 counts, as after 完成时限：.
std::vector<DeadlineMention> find_deadlines_in_slot(const ClauseText& ct, Range cell,
                                                    std::optional<int> context_year);

// Quick forms, here for the tests that hold each to the reading it replaced.
namespace deadline_scan {
// find_deadlines reading every segment of every bracket in full.
std::vector<DeadlineMention> find_deadlines_plainly(const ClauseText& ct, std::optional<int> context_year);
// The first , ; or 。 (E3 80 82, whole, though it may run past `end`) at or
// after `from` and before `end`, else `end`: a bracket's next segment.
std::size_t next_separator(std::string_view t, std::size_t from, std::size_t end);
// The date grammar's kDate (a year, then month, day, 底/末, 前), and what
// its match anchored at `at` within t[at, limit) holds: the whole match
// and the year, month, day and 底/末 groups, one not matched as kNoGroup.
extern const char* const kDatePattern;
inline constexpr std::size_t kNoGroup = static_cast<std::size_t>(-1);
struct DateGroups {
  std::size_t begin[5], end[5];
};
bool match_date(std::string_view t, std::size_t at, std::size_t limit, DateGroups& out);
// A deadline's date: YYYY, YYYY-MM with a month 1-12, YYYY-MM-DD with a day
// 1-31 too; plain_make_date writes it with fmt::format, as it was.
std::string make_date(int year, int month, int day);
std::string plain_make_date(int year, int month, int day);
}  // namespace deadline_scan

}  // namespace policy::extract

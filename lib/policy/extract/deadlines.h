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
#pragma once

#include <cstddef>
#include <optional>
#include <string_view>
#include <vector>

#include "policy/core/record.h"
#include "policy/text/fold.h"

namespace policy::extract {

struct DeadlineMention {
  Deadline deadline;
  std::size_t position;  // byte offset in the text
};

// `context_year` resolves 年底前 / 6月底前 written without a year.
std::vector<DeadlineMention> find_deadlines(std::string_view text,
                                            std::optional<int> context_year = std::nullopt);
// The same, with the folded view of `text` already made (it is shared by
// the extractors of one clause).
std::vector<DeadlineMention> find_deadlines(std::string_view text, const text::Folded& folded,
                                            std::optional<int> context_year);

// A table column that holds deadlines: 完成时限, 完成时间, 时间节点, 进度安排
// (not 发文时间, when a document was issued).
bool is_deadline_column(std::string_view column);

// The deadlines in a cell of such a column: the cell is a deadline slot, so
// a bare 2024年6月 or 持续推进 counts, as after 完成时限：. Positions are
// offsets in the cell.
std::vector<DeadlineMention> find_deadlines_in_slot(std::string_view cell,
                                                    std::optional<int> context_year);

// The year of a date string ("2025-04" -> 2025), or nullopt for "ongoing".
std::optional<int> year_of(const std::string& date);

}  // namespace policy::extract

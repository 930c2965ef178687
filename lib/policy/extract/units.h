// Responsible units and their roles (SPEC §2), found in a clause's text.
//
//   find_units("……（牵头单位：省科技厅；责任单位：省发改委、省卫健委等）")
//       -> 省科技厅 lead, 省发改委 responsible, 省卫健委 responsible
//   find_units("……(市场监管总局和各地方人民政府按照职责分工负责）")
//       -> 市场监管总局 responsible, 各地方人民政府 responsible
//   find_units("市商务局、市市场监管局牵头推进标准化建设工作")   -> both lead
//   find_units("各相关处室、直属事业单位配合")                   -> both cooperate
//   find_units("（2024.6市生态环境局，市市场监管局）")
//       -> 市生态环境局 lead (first after a date), 市市场监管局 responsible
//   find_units("市发改委：主要负责……")                        -> 市发改委 responsible
//   find_units("联席会议由市发改委、市教育局组成")               -> nothing
//   find_units("市市场监管局负责……")                           -> nothing (负责 in prose)
//
// Forms (the words are data/lexicon/roles.tsv): labelled lists (牵头单位：…),
// role phrases closing a list (…按职责分工负责, …牵头, …配合), 负责 closing a
// list inside a task's bracket, bare lists in brackets, duty-list lines
// (单位：职责), and a role marked after a name (市发改委（牵头）).
#pragma once

#include <cstddef>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "policy/core/record.h"
#include "policy/extract/clause_text.h"

namespace policy::extract {

struct UnitMention {
  std::string name;      // as written, blanks removed
  UnitRole role;
  Span at;               // the name in the clause text as written
  std::size_t order;     // folded offset of its list (mentions come sorted by it)
  std::size_t where;     // folded offset of the name: the sentence it stands in
};

// The units assigned in folded range r of the clause (a table cell, or all).
// In a section on the division of duties (a heading with 职责分工, 部门职责),
// a line that opens with units and 负责/主要负责 is a duty line.
std::vector<UnitMention> find_units(const ClauseText& ct, Range r, bool duty_section = false);
inline std::vector<UnitMention> find_units(const ClauseText& ct) {
  return find_units(ct, Range{0, ct.folded().size()});
}

// The role a table column assigns to the units in its cells: 牵头单位 ->
// lead, 责任单位 / 责任部门 / 行业主管部门 -> responsible, 配合单位 -> cooperate.
std::optional<UnitRole> column_role(std::string_view folded_column, const lexicon::Lexicon& lex);

// Units listed in a cell of such a column ("-" and "无" list nobody).
std::vector<UnitMention> units_in_cell(const ClauseText& ct, Range cell, UnitRole role);

}  // namespace policy::extract

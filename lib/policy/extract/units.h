// Responsible units and their roles (SPEC §2), found in a stretch of text.
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
//
// Forms: labelled lists (牵头单位： 责任单位： 配合单位： 牵头责任部门：…),
// role phrases after a list (…负责, …按职责分工负责, …分工职责, …按职责落实,
// …牵头/率头, …配合), bare lists in brackets, and duty-list lines (单位：职责).
// A role marked after a name (市发改委（牵头）、市财政局) overrides the list's.
// A sentence whose subject is a unit but which has no role word assigns nothing.
#pragma once

#include <cstddef>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "policy/core/record.h"

namespace policy::extract {

struct UnitMention {
  std::string name;  // as written, blanks removed
  UnitRole role;
  std::size_t position;  // where the mention sits in the text (for ordering)
};

std::vector<UnitMention> find_units(std::string_view text);

// The role a table column assigns to the units in its cells: 牵头单位 ->
// lead, 责任单位 / 责任部门 / 行业主管部门 -> responsible, 配合单位 -> cooperate.
std::optional<UnitRole> column_role(std::string_view column);

// Units listed in a cell of such a column ("-" and "无" list nobody).
std::vector<std::string> units_in_cell(std::string_view cell);

// A role written after a name in a list, 市发改委（牵头）: removes the mark
// from `name` and returns the role; nullopt (name untouched) when none.
std::optional<UnitRole> marked_role(std::string& name);

}  // namespace policy::extract

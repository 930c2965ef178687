// Names of government units and lists of them, as policy texts write them.
//
//   is_complete_unit("市市场监管局")          -> true
//   is_complete_unit("工业")                  -> false   (no unit word at the end)
//   is_complete_unit("办公厅")                -> false   (a unit word alone)
//   is_complete_unit("相关部门")              -> false   (names nobody)
//
//   split_unit_list("市场监管总局和各地方人民政府")
//       -> 市场监管总局 | 各地方人民政府          (和 between two whole names)
//   split_unit_list("工业和信息化部")          -> 工业和信息化部
//   split_unit_list("各市、州、县人民政府")     -> 各市、州、县人民政府 (a collective)
//   split_unit_list("蔡甸区、黄陂区、新洲区人民政府")
//       -> 蔡甸区人民政府 | 黄陂区人民政府 | 新洲区人民政府   (shared suffix)
//   split_unit_list("省发改委、省卫健委等相关部门") -> 省发改委 | 省卫健委
//   split_unit_list("广东省通信管理局广州市通信建设管理办公室")
//       -> the two names run together, apart
//
// Lists are split on 、 , ， ; ； and line breaks (a line break inside a name,
// 市人民政府\n办公厅, is joined back).
#pragma once

#include <string>
#include <string_view>
#include <vector>

namespace policy::extract {

// Ends with a unit word (局 厅 委 部 办 中心 人民政府 管委会 处室 …), has a
// head before it, and is not a generic phrase (相关部门, 负责单位, 成员单位).
bool is_complete_unit(std::string_view name);

// A collective or generic reference that assigns no one (相关部门, 有关单位).
bool is_generic_unit(std::string_view name);

enum class ListMode {
  strict,   // every piece must be a complete unit, else the list is no list
  liberal,  // after a 牵头单位： label or in a unit column: keep short pieces too
};

// Splits a list of units into names (blanks removed). In strict mode an
// empty result means "not a list of units".
std::vector<std::string> split_unit_list(std::string_view list, ListMode mode);

// Starts like a unit name: a level or region word (省 市 区 县 国家 中共 中央
// 全国, or a place name such as 广州市…).
bool starts_unit_head(std::string_view s);

// What a bracket inside a collective name holds: administrative levels
// joined by 、 (各市（州）人民政府, 各县（市、区）人民政府). `inner` is the text
// between the brackets.
bool is_admin_levels(std::string_view inner);

// Removes blanks and line breaks from a name as written.
std::string clean_name(std::string_view name);

}  // namespace policy::extract

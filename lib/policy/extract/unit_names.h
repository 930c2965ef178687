// Names of government units and lists of them, as policy texts write them.
// The words names are made of are data (data/lexicon/names.tsv); this is the
// grammar. Every function takes folded text (text::fold).
//
//   is_complete_unit("市市场监管局", lex)          -> true
//   is_complete_unit("工业", lex)                  -> false   (no unit word at the end)
//   is_complete_unit("办公厅", lex)                -> false   (a unit word alone)
//   is_complete_unit("相关部门", lex)              -> false   (names nobody)
//
//   split_unit_list("市场监管总局和各地方人民政府", strict, lex)
//       -> 市场监管总局 | 各地方人民政府          (和 between two whole names)
//   split_unit_list("工业和信息化部", …)           -> 工业和信息化部
//   split_unit_list("各市、州、县人民政府", …)      -> 各市、州、县人民政府 (a collective)
//   split_unit_list("蔡甸区、黄陂区、新洲区人民政府", …)
//       -> 蔡甸区人民政府 | 黄陂区人民政府 | 新洲区人民政府   (shared suffix)
//   split_unit_list("省发改委、省卫健委等相关部门", …) -> 省发改委 | 省卫健委
//   split_unit_list("广东省通信管理局广州市通信建设管理办公室", …)
//       -> the two names run together, apart
//   split_unit_list("市发改委(牵头)、市财政局", …)  -> 市发改委 (marked lead) | 市财政局
//
// Lists are split on 、 , ; 。 and line breaks (a line break inside a name,
// 市人民政府\n办公厅, is joined back). Names keep the characters as written
// (full-width brackets and all), without blanks and line breaks.
#pragma once

#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "policy/core/record.h"
#include "policy/extract/clause_text.h"
#include "policy/lexicon/lexicon.h"
#include "policy/text/fold.h"

namespace policy::extract {

using lexicon::Lexicon;

// Ends with a unit word (局 厅 委 部 办 中心 人民政府 管委会 处室 …), has a
// head before it, and is not a generic phrase (相关部门, 负责单位, 成员单位).
bool is_complete_unit(std::string_view folded_name, const Lexicon& lex);

// A collective or generic reference that assigns no one (相关部门, 有关单位).
bool is_generic_unit(std::string_view folded_name, const Lexicon& lex);

// Starts like a unit name: a level or region word (省 市 区 县 国家 中共 中央
// 全国, or a place name such as 广州市…).
bool starts_unit_head(std::string_view folded, const Lexicon& lex);

// What a bracket inside a collective name holds: administrative levels
// joined by 、 (各市(州)人民政府, 各县(市、区)人民政府). `inner` is the text
// between the brackets.
bool is_admin_levels(std::string_view folded_inner, const Lexicon& lex);

enum class ListMode {
  strict,   // every piece must be a complete unit, else the list is no list
  liberal,  // after a 牵头单位： label or in a unit column: keep short pieces too
};

// Text a list is read from: as written, and its folded view.
struct Written {
  std::string_view original;
  const text::Folded& folded;
};

struct ListedName {
  std::string name;                // as written, blanks removed
  Span at;                         // original offsets of what was written for it
  std::optional<UnitRole> marked;  // a role written after it: 市发改委（牵头）
};

// Splits the list in folded range r of w. In strict mode an empty result
// means "not a list of units".
std::vector<ListedName> split_unit_list(const Written& w, Range r, ListMode mode, const Lexicon& lex);
std::vector<ListedName> split_unit_list(const ClauseText& ct, Range r, ListMode mode);

// The same for a short text on its own (a title's issuers, a table cell):
// the names only.
std::vector<std::string> split_unit_list(std::string_view text, ListMode mode, const Lexicon& lex);

// Removes blanks and line breaks from a name as written.
std::string clean_name(std::string_view name);

namespace detail {
// A quick no of split_unit_list's, here for the tests: false only when
// starts_unit_head(folded.substr(i), lex) holds at no character boundary
// i >= 6 (no second name can start there).
bool may_start_unit_past_6(std::string_view folded, const Lexicon& lex);
// Whether a well-formed character under lead E4–E9 (U+4000–U+9FFF: the
// CJK ideographs) starts at t[i]: utf8::next_inline reads it in three
// bytes, and it is none of the characters a list is split at.
inline bool ideograph_at(std::string_view t, std::size_t i) {
  const auto* p = reinterpret_cast<const unsigned char*>(t.data()) + i;
  return p[0] - 0xE4u <= 0xE9u - 0xE4u && i + 3 <= t.size() && ((p[1] ^ 0x80u) | (p[2] ^ 0x80u)) < 0x40;
}
// clean_name's quick no: false only when no byte of s starts a blank, even
// one an overlong form spells (a byte up to 0x20, C2, E0–E3, EF or F0).
bool may_hold_blank(std::string_view s);
}  // namespace detail

}  // namespace policy::extract

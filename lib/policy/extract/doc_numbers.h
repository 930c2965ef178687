// Document numbers (发文字号, SPEC §2).
//
//   find_doc_numbers("印发国办发〔2021〕51号", g)      -> code 国办发, 2021, 51
//   find_doc_numbers("（商资发[2024]314号）", g)       -> 商资发〔2024〕314号
//   find_doc_numbers("中网办秘字〔2021〕\n820号", g)   -> 中网办秘字〔2021〕820号
//   find_doc_numbers("鄂政发（２０２２）２１号", g)     -> 鄂政发〔2022〕21号
//   find_doc_numbers("上海市人民政府令\n（第19号）", g) -> 上海市人民政府令第19号, no year
//
// Brackets 〔〕 [] ［］ 【】 （） () 〖〗, full-width digits and blanks or line
// breaks inside are all accepted. The agency code is the shortest complete
// code before the bracket: a code the gazetteer knows, else what is left
// after words such as 印发, 转发, 根据 (data/lexicon/doc_numbers.tsv).
#pragma once

#include <cstddef>
#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "policy/core/record.h"
#include "policy/gazetteer/gazetteer.h"
#include "policy/extract/clause_text.h"
#include "policy/lexicon/lexicon.h"

namespace policy::extract {

struct DocNumberMention {
  DocNumber number;     // role cited and line 0: the caller knows better
  std::size_t begin;    // byte range in the text as written
  std::size_t end;
};

std::vector<DocNumberMention> find_doc_numbers(const ClauseText& ct, const gazetteer::Gazetteer& gazetteer);
// The same for a text on its own.
std::vector<DocNumberMention> find_doc_numbers(std::string_view text, const gazetteer::Gazetteer& gazetteer,
                                               const lexicon::Lexicon& lexicon);

// The two forms, read by hand on folded text (what RE2 took 2 400
// instructions a call for). Offsets are into `folded`.
struct NumberForm {
  std::size_t begin, end;  // the whole form
  Range year, serial;      // year empty in an order's number
};
// 〔2021〕51号 from the bracket at `open`, ending by `limit`:
//   [〔\[【(〖]\s*((?:19|20)\d{2})\s*[〕\]】)〗]\s*第?\s*(\d{1,6})\s*号
std::optional<NumberForm> numbered_at(std::string_view folded, std::size_t open, std::size_t limit);
// The first 令第19号 or 令（第19号） at or after `from`:
//   令\s*(?:\(\s*第\s*(\d{1,6})\s*号\s*\)|第\s*(\d{1,6})\s*号)
std::optional<NumberForm> next_order(std::string_view folded, std::size_t from);

// Quick forms, here for the tests that hold each to the reading it replaced.
namespace doc_number_scan {
// Whether a run of digits the clause's pass found is followed, blanks
// between, by 号: both forms end so, and a clause without one holds no
// number (where a search for 号 read the whole text).
bool digits_then_hao(const ClauseText& ct);
// fmt::format("{}〔{}〕{}号", code, year, serial), or "{}第{}号" without a year.
std::string normalized(std::string_view code, std::optional<int> year, std::int64_t serial);
}  // namespace doc_number_scan

}  // namespace policy::extract

// Document-level fields (SPEC §2 "Document fields", "Issuing bodies"): the
// title, addressees (主送机关), signing date (成文日期), attachments, issuing
// bodies, and where the document comes from (its province and city).
//
//   "省人民政府关于贯彻落实《国家标准化发展纲要》的实施意见\n鄂政发〔2022〕21号\n
//    各市、州、县人民政府,省政府各部门:\n…"
//     -> title   省人民政府关于贯彻落实《国家标准化发展纲要》的实施意见
//        issuers 省人民政府          (from the title; the code 鄂政发 agrees)
//        addressees 各市、州、县人民政府 | 省政府各部门
//        region  湖北省               (鄂)
//
// A covering notice without a title of its own takes the title of the plan
// it transmits; draft markers (（征求意见稿）) and attachment labels (附件2)
// are not part of a title; a title wrapped over lines is one string. Header
// lines of legal databases and web pages (header.h) fill fields the body does
// not state.
#pragma once

#include <optional>
#include <string>
#include <vector>

#include "policy/core/record.h"
#include "policy/structure/header.h"
#include "policy/gazetteer/gazetteer.h"
#include "policy/lexicon/lexicon.h"
#include "policy/structure/table.h"
#include "policy/text/document.h"

namespace policy::extract {

struct DocFields {
  std::optional<std::string> title;
  std::optional<std::string> date;  // YYYY-MM-DD
  std::vector<std::string> addressees;
  std::vector<std::string> issuers;
  std::vector<std::string> attachments;
  std::optional<std::string> header_doc_number;  // from a 发文字号： header line
  gazetteer::Context region;
};

// `self_code` is the agency code of the document's own number, when found.
// The top of the document starts after its metadata header and ends at its
// first body clause or table.
DocFields find_doc_fields(const text::Document& doc, const std::vector<Clause>& clauses,
                          const std::vector<structure::Table>& tables, const structure::Header& header,
                          const gazetteer::Gazetteer& g, const lexicon::Lexicon& lex,
                          const std::string& self_code);

// A date written out: 2016年11月30日, 二〇一六年十一月三十日 -> 2016-11-30.
std::optional<std::string> parse_full_date(std::string_view text);

// Whether a line holds a full date and nothing else but blanks and
// brackets: a signature's date line.
bool is_date_only(std::string_view line);
// The last of lines first..last that is_date_only, 0 when none.
std::size_t last_date_line(const text::Document& doc, std::size_t first, std::size_t last);

// Splits a list of bodies or addressees: 、 ， and line breaks, joining names
// broken over lines and keeping collectives (各市、州、县人民政府) whole.
std::vector<std::string> split_bodies(std::string_view list, const lexicon::Lexicon& lex);

// The addressees of a 主送 line (without its colon): split on ，, and on 、
// between complete addressees, collectives kept whole:
//   各省、自治区、直辖市人民政府，国务院各部委、各直属机构
//       -> 各省、自治区、直辖市人民政府 | 国务院各部委 | 各直属机构
//   市直有关部门、单位 -> 市直有关部门、单位 (a word alone widens the one before)
std::vector<std::string> split_addressees(std::string_view list, const lexicon::Lexicon& lex);

}  // namespace policy::extract

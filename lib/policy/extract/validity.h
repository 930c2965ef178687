// When a document comes into force and when it lapses (SPEC §2 validity).
// The words are data/lexicon/validity.tsv; the grammar is here.
//
//   find_validity("本办法自2025年1月1日起施行。")           -> from 2025-01-01
//   find_validity("本方案自印发之日起施行，有效期至2027年12月31日。")
//       -> from the document's date; until 2027-12-31
//   find_validity("本措施自发布之日起施行，有效期3年。")    -> from the date; a term of 3 years
//   find_validity("政策执行期限至2025年12月底。")           -> until 2025-12
//   find_validity("执行期自2024年1月1日至2025年12月31日。") -> from and until
//   find_validity("签发最长有效期5年的居留许可")             -> nothing (有效期…的 qualifies a noun)
//   find_validity("政策有效期内最多奖励3个项目")             -> nothing
//
// assemble_validity() puts a document's statements and its header together:
// the body wins over the header; 自印发之日起 means the document's signing
// date (the header's 实施日期 when the body has no date); a term of N years
// ends on the N-th anniversary of the start.
#pragma once

#include <optional>
#include <string>
#include <vector>

#include "policy/core/record.h"
#include "policy/extract/clause_text.h"
#include "policy/structure/header.h"

namespace policy::extract {

struct ValidityStatement {
  enum class Kind { from_date, from_signing, until_date, term_years, period };
  Kind kind;
  std::string date, date2;    // from/until date; a period's end in date2
  int years = 0;              // a term
  bool about_document = false;  // its sentence opens with 本… (本办法, 本通知)
  std::string sentence;       // the sentence as written, one line
};

std::vector<ValidityStatement> find_validity(const ClauseText& ct);

// A date as a validity field takes it: 2025年12月底 -> 2025-12,
// 2027年12月31日 / 2025-09-12 -> 2027-12-31 / 2025-09-12, 2021年 -> 2021.
std::optional<std::string> parse_validity_date(std::string_view text);

Validity assemble_validity(const std::vector<ValidityStatement>& statements,
                           const std::optional<std::string>& document_date, const structure::Header& header,
                           const lexicon::Lexicon& lex);

}  // namespace policy::extract

// The document card: what policy-extract prints for a person at a terminal.
// One card per document: its title, number, issuers, date, addressees and
// validity, then every clause that assigns work (units with their roles,
// deadlines, targets): the same facts as the JSON record, laid out to read.
//
//   std::string card;
//   append_document_card(card, record, {.width = 80, .color = false});
//
//   省人民政府关于贯彻落实《国家标准化发展纲要》的实施意见
//     文号      鄂政发〔2022〕21号
//     发文单位  省人民政府
//     …
//     二/(三) 突出关键技术领域标准研制
//       牵头  省科技厅（湖北省科学技术厅）、省经信厅（湖北省经济和信息化厅）
#pragma once

#include <cstddef>
#include <optional>
#include <string>

#include "policy/core/record.h"

namespace policy::print {

struct CardOptions {
  std::size_t width = 80;  // display columns the card fits; 0: no limit
  bool color = false;      // bold title and clause lines (ANSI)
};

// Appends the card of one document, followed by a blank line.
void append_document_card(std::string& out, const DocumentRecord& record, const CardOptions& options);

}  // namespace policy::print

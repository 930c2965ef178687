// The metadata header of a document saved from a web page or exported from
// a legal database (SPEC §1): `key：value` pairs before the document, several
// may share a line (separated by TABs or runs of blanks), keys may be spaced
// out (文　　号：), and a 正文 line may close it. Keys are data/lexicon/headers.tsv.
//
//   索 引 号：000014349/2025-00061
//   发文机关：国务院办公厅	成文日期：2025年07月03日
//   标　　题：国务院办公厅关于…的通知
//   正文
//     -> pairs (other, 000014349/2025-00061), (issuers, 国务院办公厅),
//        (date, 2025年07月03日), (title, 国务院办公厅关于…的通知); last_line 4
//
// The header belongs to the preamble: no title, unit or clause label is read
// from it, and its fields are used only where the body is silent.
#pragma once

#include <cstddef>
#include <string>
#include <string_view>
#include <vector>

#include "policy/lexicon/lexicon.h"
#include "policy/text/document.h"

namespace policy::structure {

struct HeaderPair {
  lexicon::HeaderField field;
  std::string key;    // folded, without blanks
  std::string value;  // as written, trimmed
  std::size_t line;   // 1-based
};

struct Header {
  std::size_t first_line = 0, last_line = 0;  // 0: no header
  std::vector<HeaderPair> pairs;

  bool empty() const { return last_line == 0; }
  // The first pair of a field with a value, or null.
  const HeaderPair* find(lexicon::HeaderField field) const;
};

Header read_header(const text::Document& doc, const lexicon::Lexicon& lex);

// The pairs of one line, when the whole line is made of them (or a 【key】
// line); empty otherwise.
std::vector<HeaderPair> header_pairs(std::string_view line, const lexicon::Lexicon& lex);

}  // namespace policy::structure

// The clause splitter: a document becomes a tree of clauses (SPEC §2).
//
//   Structure s = analyze(doc);
//   for (const Clause& c : s.clauses)  // document order, parents first
//     std::cout << c.id << " " << c.heading << "\n";   // 二/（三） 突出关键技术…
//
// Levels follow the order in which label kinds first appear, so a document
// may start at （一） or skip a level. 附件 starts a fresh ladder; 专栏 boxes sit
// inside the section they interrupt; table rows hang under the clause the
// table sits in (or under the table's one-cell group rows).
//
// Invariant: the clause texts, in order, hold every non-blank character of
// the document exactly once.
#pragma once

#include <memory>
#include <vector>

#include "policy/core/record.h"
#include "policy/lexicon/lexicon.h"
#include "policy/structure/header.h"
#include "policy/structure/table.h"
#include "policy/text/document.h"

namespace policy::structure {

struct Structure {
  Header header;  // a web page's or database's metadata block at the top
  std::vector<Clause> clauses;
  // What the clause texts and fields point into: the document's text, and
  // the table cells and column names that had to be made.
  std::shared_ptr<TextStore> texts;
  std::vector<Table> tables;
  // For each table row clause: the table and row it came from.
  struct RowSource {
    int clause = -1;
    int table = -1;
    int row = -1;
  };
  std::vector<RowSource> row_sources;
};

// The header (header.h) is read first: it belongs to the preamble, and no
// table or label is read inside it.
Structure analyze(const text::Document& doc, const lexicon::Lexicon& lex = lexicon::Lexicon::builtin());

}  // namespace policy::structure

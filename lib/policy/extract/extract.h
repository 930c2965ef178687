// From a document to its record: the clause tree, then every extractor.
//
//   DocumentRecord r = analyze(doc);                       // everything
//   DocumentRecord s = analyze(doc, {.items = false});     // clauses only
//   DocumentRecord g = analyze(doc, {.only = [&](const Clause& c) { return wanted(c); }});
//                       // document fields, and the items of the wanted clauses
#pragma once

#include <functional>

#include "policy/core/record.h"
#include "policy/text/document.h"

namespace policy::extract {

struct Options {
  bool items = true;  // false: structure only, as policy-split needs
  // When set, clause items (numbers, units, targets, deadlines) are read only
  // for the clauses it accepts; document fields are always read.
  std::function<bool(const Clause&)> only;
};

DocumentRecord analyze(const text::Document& doc, const Options& options = {});

}  // namespace policy::extract

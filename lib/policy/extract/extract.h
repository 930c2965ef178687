// From a document to its record: the clause tree, then every extractor.
//
//   DocumentRecord r = analyze(doc);                       // everything
//   DocumentRecord s = analyze(doc, {.items = false});     // clauses only
#pragma once

#include "policy/core/record.h"
#include "policy/text/document.h"

namespace policy::extract {

struct Options {
  bool items = true;  // false: structure only, as policy-split needs
};

DocumentRecord analyze(const text::Document& doc, const Options& options = {});

}  // namespace policy::extract

// From a document to its record: the clause tree, then every extractor.
//
//   DocumentRecord r = analyze(doc);                       // everything
//   DocumentRecord s = analyze(doc, {.items = false});     // clauses only
//   DocumentRecord g = analyze(doc, {.only = [&](const Clause& c) { return wanted(c); }});
//                       // document fields, and the items of the wanted clauses
//
// Each clause's text is read once into a ClauseText (its folded view, the
// lexicon's words, numbers, brackets and sentences) that every extractor
// shares; names are resolved against the gazetteer once per document.
#pragma once

#include <functional>

#include "policy/core/record.h"
#include "policy/gazetteer/gazetteer.h"
#include "policy/lexicon/lexicon.h"
#include "policy/text/document.h"

namespace policy::extract {

struct Options {
  bool items = true;  // false: structure only, as policy-split needs
  // When set, clause items (numbers, units, targets, deadlines) are read only
  // for the clauses it accepts; document fields are always read.
  std::function<bool(const Clause&)> only;
  // The vocabulary and the gazetteer (the built-in ones when null; --data
  // gives a user's own).
  const lexicon::Lexicon* lexicon = nullptr;
  const gazetteer::Gazetteer* gazetteer = nullptr;
};

DocumentRecord analyze(const text::Document& doc, const Options& options = {});

}  // namespace policy::extract

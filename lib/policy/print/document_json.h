// The canonical machine format (SPEC §3): one JSON object per document,
// one line each. Keys are always present: empty lists and nulls rather than
// missing keys.
//
//   std::string line;
//   append_document_json(line, record);   // {"file":…,"clauses":[…]}\n
#pragma once

#include <functional>
#include <string>

#include "policy/core/record.h"

namespace policy::print {

// Appends the record as one line of JSON, newline included. With `drain`,
// the text so far is handed over (and `out` emptied) whenever it passes
// about a megabyte: a large document's JSON is never held whole.
void append_document_json(std::string& out, const DocumentRecord& record,
                          const std::function<void(std::string&)>& drain = {});

// One clause object (SPEC §3 Clause), with "file" first when non-empty, as
// policy-split --format jsonl prints it.
void append_clause_json(std::string& out, const Clause& clause, const std::string& file);

}  // namespace policy::print

// The clause splitter: the coverage invariant (every non-blank character once,
// in order), ordered non-overlapping clauses, lines in range, unique ids.
#include <set>

#include "fuzz_common.h"
#include "policy/structure/clause.h"

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  auto doc = fuzz::document(data, size);
  if (!doc) return 0;
  auto s = policy::structure::analyze(*doc);
  std::string joined;
  std::set<std::string> ids;
  std::size_t last_end = 0;
  for (const auto& c : s.clauses) {
    joined += policy::utf8::squash(c.text);
    fuzz::require(c.begin >= last_end, "clauses in order, not overlapping");
    last_end = c.end;
    fuzz::require(c.line_start >= 1 && c.line_end >= c.line_start &&
                      c.line_end <= doc->line_count(),
                  "line range inside the document");
    fuzz::require(ids.insert(c.id).second, "clause ids are unique");
    fuzz::require(c.parent < static_cast<int>(&c - s.clauses.data()), "parents come first");
  }
  fuzz::require(joined == policy::utf8::squash(doc->text()), "coverage");
  return 0;
}

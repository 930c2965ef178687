#include "policy/extract/extract.h"

#include "policy/structure/clause.h"

namespace policy::extract {

DocumentRecord analyze(const text::Document& doc, const Options& options) {
  DocumentRecord r;
  r.file = doc.name();
  r.encoding = doc.encoding();
  structure::Structure s = structure::analyze(doc);
  r.clauses = std::move(s.clauses);
  (void)options;
  return r;
}

}  // namespace policy::extract

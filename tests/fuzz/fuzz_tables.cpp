// The table parser: tables in order inside the document, rows inside their
// table, header first, at least one data row; cell texts point into the
// document or the joined texts.
#include "fuzz_common.h"
#include "policy/structure/table.h"

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  auto doc = fuzz::document(data, size);
  if (!doc) return 0;
  policy::TextStore texts(doc->shared_text());
  auto tables = policy::structure::find_tables(*doc, texts);
  std::size_t after = 0;
  for (const auto& t : tables) {
    fuzz::require(t.line_first > after && t.line_last >= t.line_first &&
                      t.line_last <= doc->line_count(),
                  "tables in order, inside the document");
    after = t.line_last;
    fuzz::require(!t.rows.empty() && t.rows.front().kind == policy::structure::RowKind::header,
                  "a table starts with its header");
    bool data_row = false;
    for (const auto& r : t.rows) {
      fuzz::require(r.line_first >= t.line_first && r.line_last <= t.line_last,
                    "rows inside their table");
      fuzz::require(r.cells.size() <= t.columns.size() || r.kind == policy::structure::RowKind::header,
                    "no row has more cells than the header");
      data_row |= r.kind == policy::structure::RowKind::data;
      for (const auto& c : r.cells)
        fuzz::require(c.text.empty() || texts.holds(c.text), "cell texts point into what the tables keep");
    }
    fuzz::require(data_row, "a table has a data row");
  }
  return 0;
}

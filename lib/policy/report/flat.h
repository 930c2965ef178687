// Flat views of records: one row per clause, per document number, per unit,
// per target, per deadline or per document — the shapes people paste into a
// spreadsheet. Each view is a column list plus a function that makes rows.
//
//   for (const Clause& c : record.clauses)
//     sink.row(clause_row(record, c, false));
#pragma once

#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "policy/core/record.h"
#include "policy/print/sink.h"

namespace policy::report {

// file, id, level, label, heading, kind, line_start, line_end, text
std::vector<print::Column> clause_columns();
// `preview` shortens the text to one line of 46 columns (terminal view).
std::vector<std::string> clause_row(const DocumentRecord& doc, const Clause& c, bool preview);

// One line, at most `width` display columns, "…" when cut.
std::string one_line(std::string_view text, std::size_t width);

}  // namespace policy::report

namespace policy::report {

// The flat views of policy-extract --what.
enum class View { documents, doc_numbers, units, targets, deadlines, clauses };
std::optional<View> parse_view(std::string_view name);

std::vector<print::Column> view_columns(View view);
// Every row the view has for one document, in document order.
std::vector<std::vector<std::string>> view_rows(View view, const DocumentRecord& doc);

// "2" for 2.0, "0.5" for 0.5: numbers as a spreadsheet shows them.
std::string format_number(double v);

}  // namespace policy::report

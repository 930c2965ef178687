// Word tables pasted as text.
//
// Word writes each cell of a table as a line that starts with a TAB (deeper
// than the text around it); a cell that wraps goes on over lines with fewer
// TABs; a blank line ends a row. This finds such tables and splits them into
// a header and rows:
//
//   \t序号            header row: 序号 | 任务内容 | 牵头单位
//   \t任务内容
//   \t牵头单位
//
//   \t一、按照……       one-cell row: a group heading over the rows below
//
//   \t1               data row: 1 | 报废机动车破碎技术规范 | 市商务局、
//   \t报废机动车破碎…                                      市供销社
//   \t市商务局、
//   市供销社           (continuation of the cell above)
//
// A table pasted into a plain-text editor comes one row a line instead, cells
// separated by TABs (序号\t任务\t牵头单位); that form is read too, with rows
// whose wrapped cells go on over the next line and TAB-less one-cell lines
// between rows as group headings.
//
// Header rows repeated after a page break are recognized and kept apart. A
// new row also starts when a cell arrives after a complete row (the blank
// line went missing); a row whose first cell is plainly not a serial number
// under a 序号 column gets an empty serial cell, so columns stay aligned.
#pragma once

#include <cstddef>
#include <string_view>
#include <vector>

#include "policy/core/text_store.h"
#include "policy/text/document.h"

namespace policy::structure {

struct Cell {
  // Lines of the cell, each trimmed, joined by '\n': a view into the
  // document, or into the TextStore given to find_tables when lines were joined.
  std::string_view text;
  std::size_t line_first = 0, line_last = 0;
};

enum class RowKind { header, repeated_header, group, data };

struct Row {
  RowKind kind = RowKind::data;
  std::vector<Cell> cells;
  std::size_t line_first = 0, line_last = 0;
};

struct Table {
  std::size_t line_first = 0, line_last = 0;  // the header's first line to the last row's
  std::vector<std::string_view> columns;      // header cell texts
  std::vector<Row> rows;                      // header first, in document order
};

// Finds every table in the document, in order. Lines not in a table are
// untouched; a document without TABs has no tables. The cell texts are views
// into the document, or into `joined` for cells whose lines had to be joined:
// the tables are valid as long as both are. `lines_visited`, when given,
// receives the number of line visits the search made: the work it did, which
// grows linearly with the document (tests and bench/ check it).
std::vector<Table> find_tables(const text::Document& doc, TextStore& joined,
                               std::size_t* lines_visited = nullptr);

}  // namespace policy::structure

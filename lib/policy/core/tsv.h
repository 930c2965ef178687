// Tables of data/: plain UTF-8, TAB-separated, one header line, '#' comments
// and blank lines skipped. Every row has as many cells as the header.
//
//   auto t = tsv::parse(text, "data/lexicon/roles.tsv", {"phrase", "role", "form"});
//   if (!t) report(t.error());   // "data/lexicon/roles.tsv: line 12: 2 cells, expected 3"
//   for (const tsv::Row& r : t.value().rows) use(r.cells[0], r.line);
//
// Errors name the file and the 1-based line, so a user who adds a row to
// her own --data folder is told exactly which row is wrong.
//
// A table holds its own copy of the text and every cell is a view into it
// (no string per cell): a row's cells are valid as long as its table is.
// A table can be moved, not copied.
#pragma once

#include <cstddef>
#include <span>
#include <string>
#include <string_view>
#include <vector>

#include "policy/core/result.h"

namespace policy::tsv {

struct Row {
  std::size_t line = 0;  // 1-based line in the file
  std::span<const std::string_view> cells;  // into its table's cells
};

struct Table {
  std::string file;
  std::vector<std::string> header;
  std::vector<Row> rows;
  // Every row's cells, one row after the other (what rows[i].cells point
  // into), and the text they point into.
  std::vector<std::string_view> cells;
  std::vector<char> text;

  Table() = default;
  Table(Table&&) = default;
  Table& operator=(Table&&) = default;
  Table(const Table&) = delete;  // the copy's rows would point into this one
  Table& operator=(const Table&) = delete;
};

// Parses `text`; the first non-comment line must equal `header`. `file` is
// only used in messages.
Result<Table> parse(std::string_view text, std::string_view file,
                    const std::vector<std::string>& header);

// The whole file, or an error naming it.
Result<std::string> read_file(const std::string& path);

// Splits a cell on `sep` ("a|b|" -> a, b; empty pieces dropped).
std::vector<std::string> split_cell(std::string_view cell, char sep = '|');

}  // namespace policy::tsv

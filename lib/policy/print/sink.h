// Printers. Every tool turns its results into tables of rows and hands them
// to a Sink; each --format is one Sink. Extraction never prints and printers
// never extract.
//
//   auto sink = make_sink(Format::csv, *out, {});
//   sink->begin_table("units", {{"file", "文件"}, {"name", "单位"}});
//   sink->row({"a.txt", "市商务局"});
//   sink->end_table();
//   sink->finish();
//
// Formats: text (aligned for a terminal, CJK counted two columns wide),
// markdown, csv (RFC 4180; optional BOM; formula-like cells neutralised),
// tsv (tabs, newlines and backslashes escaped), jsonl (one object a row,
// English keys), xlsx (a sheet per table) and html (one self-contained page).
#pragma once

#include <functional>
#include <memory>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "policy/core/result.h"
#include "policy/print/output.h"

namespace policy::print {

enum class Format { text, markdown, csv, tsv, jsonl, xlsx, html };

std::optional<Format> parse_format(std::string_view name);
const char* to_string(Format f);
// From a file name's extension (.csv, .tsv, .jsonl/.json, .md, .xlsx,
// .html/.htm, .txt); nullopt when the extension says nothing.
std::optional<Format> format_from_path(std::string_view path);
// Those extensions, for messages: ".csv .tsv .tab …".
std::string known_extensions();

struct Column {
  enum class Type { text, integer, number };
  // How the text format (a terminal) shows the column: machine-only columns
  // (role codes, a path the title already names) are left out; a path shows
  // only the file's name. Every other format keeps the column as it is.
  enum class InText { shown, hidden, file_name };
  std::string key;  // stable English key: jsonl, and csv/tsv headers by default
  std::string zh;   // Chinese header: text, markdown, xlsx, html; csv/tsv with --header zh
  Type type = Type::text;
  InText in_text = InText::shown;
  // xlsx: the widest the column may grow, in Excel character units (CJK
  // count two); 0 for the default. A printed page holds ~140 of them.
  double max_width = 0;
  // html: each cell links to the table whose anchor (begin_table's `anchor`)
  // is the cell's text: the summary's departments are the table of contents.
  bool link = false;
};

// A bar chart of counts: one bar per category, stacked by series
// (departments by 牵头 / 责任 / 配合).
struct Chart {
  std::string title;
  std::vector<std::string> categories;
  std::vector<std::string> series;
  std::vector<std::vector<double>> values;  // values[category][series]
  // html: the numbers as a table under the chart; off when a table of the
  // page holds them already (the report's summary).
  bool with_table = true;
};

// Byte ranges of one cell to show marked.
using Marks = std::vector<std::pair<std::size_t, std::size_t>>;

struct SinkOptions {
  bool chinese_headers = false;  // csv/tsv: use Column::zh
  bool bom = false;              // csv: start with a UTF-8 BOM for Excel
  bool color = false;            // text: ANSI colour for headers
  std::size_t width = 80;        // text: the width tables fit (display columns); 0: no limit
  std::string title;             // html/xlsx: document title
  // Told about text a format had to change (an xlsx cell cut at Excel's
  // 32 767 characters); the programs print it on standard error.
  std::function<void(const std::string&)> warn;
};

class Sink {
 public:
  virtual ~Sink() = default;
  // Starts a table (a sheet, a section). Formats that hold one table only
  // (csv, tsv) repeat the header when the columns change.
  virtual void begin_table(std::string_view title, const std::vector<Column>& columns) = 0;
  // The same, with a short name for the table where space is short or a
  // name must be unique (an xlsx sheet name: 市市场监管局, a 文号) and an
  // anchor (html: the section's id, what a Column::link cell points to).
  virtual void begin_table(std::string_view title, const std::vector<Column>& columns,
                           std::string_view short_title, std::string_view anchor) {
    (void)short_title;
    (void)anchor;
    begin_table(title, columns);
  }
  virtual void row(const std::vector<std::string>& cells) = 0;
  // A row with parts of its cells marked (byte ranges per cell, sorted, not
  // overlapping): grep's matches. Formats that can show a mark (text on a
  // colour terminal) do; the others print the plain row.
  virtual void row(const std::vector<std::string>& cells, const std::vector<Marks>& marks) {
    (void)marks;
    row(cells);
  }
  virtual void end_table() {}
  // Free text between tables where the format has room for it (text,
  // markdown, html; xlsx puts notes on a first sheet 说明); csv, tsv and
  // jsonl ignore it.
  virtual void note(std::string_view) {}
  // A chart. Formats that draw (html, xlsx) draw it; the others print its
  // numbers as a table: category, then one column per series.
  virtual void chart(const Chart& c);
  // Writes whatever is buffered and finishes the format (closing tags, the
  // xlsx archive). The Output is committed by the caller.
  virtual Result<bool> finish() = 0;
};

std::unique_ptr<Sink> make_sink(Format format, Output& out, const SinkOptions& options);

// Display width in a terminal: East Asian wide and full-width characters
// count two columns (ICU's East_Asian_Width), combining marks and ANSI colour
// sequences zero.
std::size_t display_width(std::string_view utf8_text);

// The CSV cell rule for spreadsheets: a cell that Excel would run as a
// formula (starting with = + - @, or a TAB/CR) gets a leading apostrophe;
// "-", negative numbers and ordinary text stay as they are.
std::string neutralize_formula(std::string_view cell);

}  // namespace policy::print

// How reports are laid out on a Sink.
//
// Formats that hold several tables (text, markdown, xlsx, html) get the
// summary, a chart of tasks per department by role, then one table per
// department (or per document); formats of one table (csv, tsv, jsonl) get
// one flat table with the department (or document) as a column, or only the
// summary when asked.
#pragma once

#include "policy/core/result.h"
#include "policy/print/sink.h"
#include "policy/report/report.h"

namespace policy::report {

// Whether a format holds several titled tables.
bool holds_sections(print::Format format);

// The columns of a task table, one vocabulary for every format: `role` is
// always the code (lead), `role_zh` the word (牵头). Machine formats (jsonl,
// csv/tsv with English headers) get them all; people (text, markdown, xlsx,
// html, csv/tsv with Chinese headers) the readable ones, without codes and
// paths; --columns picks any.
const std::vector<print::Column>& task_columns();
std::vector<std::string> people_columns();
std::vector<std::string> machine_columns();
// The keys of a --columns value (a,b,c), or the unknown key as an error.
Result<std::vector<std::string>> parse_columns(std::string_view list);

struct ReportLayout {
  std::vector<std::string> columns;  // keys of task_columns(), in order
  std::vector<std::string> about;    // lines for the top of the report: filters, inputs
};

// --by unit: the headline and `about`, the summary (with links to the
// departments), the chart, then each department's tasks, sorted by deadline
// and document.
void print_by_unit(Report& report, print::Sink& sink, bool sections, const ReportLayout& layout);
// The headline counts: files, rows of summary tables counted as documents,
// tasks; under --unit each department's own.
std::vector<std::string> headline(const Report& report, bool filtered, bool by_unit);
// The summary table alone: departments by tasks led / responsible /
// cooperating, tasks without a deadline, targets.
void print_summary(const Report& report, print::Sink& sink);

// --by document: each document with its task × department matrix, printed
// as the records arrive; nothing is kept once a record is printed.
//
//   DocumentMatrixPrinter p(options, sink, sections);
//   for (const DocumentRecord& r : records) p.add(r);
//   p.finish();
class DocumentMatrixPrinter {
 public:
  DocumentMatrixPrinter(ReportOptions options, print::Sink& sink, bool sections);
  void add(const DocumentRecord& record);
  void finish();

 private:
  ReportOptions options_;
  print::Sink& sink_;
  bool sections_;
};

}  // namespace policy::report

// How reports are laid out on a Sink.
//
// Formats that hold several tables (text, markdown, xlsx, html) get the
// summary, a chart of tasks per department by role, then one table per
// department (or per document); formats of one table (csv, tsv, jsonl) get
// one flat table with the department (or document) as a column, or only the
// summary when asked.
#pragma once

#include "policy/print/sink.h"
#include "policy/report/report.h"

namespace policy::report {

// Whether a format holds several titled tables.
bool holds_sections(print::Format format);

// --by unit: the summary, the chart, then each department's tasks, sorted by
// deadline and document.
void print_by_unit(Report& report, print::Sink& sink, bool sections);
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

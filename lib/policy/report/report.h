// Per-department responsibility reports, built from records.
//
//   ReportBuilder b(options);
//   for (const DocumentRecord& r : records) b.add(r);   // streamed, one at a time
//   Report report = std::move(b).finish();
//   for (const Department& d : report.departments()) …  // counts per department
//   report.for_each_task([](std::size_t department, const TaskRow& row) { … });
//
// A department is keyed by its canonical name when data/ knows it (all
// aliases of 市市场监管局 in a Wuhan document are one department), else by
// the name as written. Each task is a clause that assigns units; for each
// department the report keeps the sentence(s) that carry its assignment,
// the deadlines that govern it (the sentence's own, else the clause's, else
// the nearest enclosing clause's) and the clause's targets.
//
// Memory stays flat whatever the corpus: each passage's cells go to a
// Scratch store as soon as they are made, and the report keeps one small
// fixed-size entry per assignment, sorted in memory or, past a budget, in
// sorted runs on disk that are merged as the report is printed.
#pragma once

#include <cstddef>
#include <cstdint>
#include <functional>
#include <memory>
#include <set>
#include <string>
#include <unordered_map>
#include <utility>
#include <vector>

#include "policy/core/record.h"
#include "policy/print/sink.h"

namespace policy::report {

struct ReportOptions {
  std::vector<std::string> units;  // restrict to these departments (any alias)
  std::vector<UnitRole> roles;     // restrict to these roles (empty: all)
  std::string since, until;        // deadline window, YYYY[-MM[-DD]]; empty: open
  // Assignments held in memory before they are sorted into a run on disk,
  // and bytes of task text held before they move to a temporary file.
  std::size_t entries_in_memory = std::size_t{1} << 17;  // 5 MB of entries
  std::size_t text_in_memory = std::size_t{8} << 20;
};

// The document a task belongs to: the record's, or, for a row of a summary
// table, the document that row describes.
struct DocumentInfo {
  std::string file;
  std::string title;       // the file name when the document has no title
  std::string doc_number;  // normalized, or empty
  std::string issuers;     // joined with 、
  std::string validity;    // policy::describe of the document's, or empty
};

// What a task asks of some of its units: the sentence(s) that carry their
// assignment and the deadlines that govern it. Units named in the same
// sentence share one passage.
struct Passage {
  std::string text;                 // heading and the sentence(s)
  std::vector<Deadline> deadlines;  // the sentence's own, else the clause's, else inherited
  std::string sort_date;            // earliest dated deadline, "" when none
  // Byte ranges of `text` that show the deadlines (from their spans) and,
  // per unit of the clause (its index), that unit's name as written.
  print::Marks deadline_marks;
  std::vector<std::pair<std::size_t, print::Marks>> unit_marks;
};

// One unit's share of a task, as record walking finds it.
struct Share {
  const DocumentInfo* document = nullptr;
  std::size_t document_index = 0;  // within the record: 0 is the record's own
  const Clause* clause = nullptr;
  std::size_t task = 0;            // within the record: clauses that assign units
  const Passage* passage = nullptr;
  std::size_t passage_index = 0;   // within the task
  const Unit* unit = nullptr;
};

// Whether a clause is a row of a summary table that describes a document of
// its own (it names issuers or lists a 文号): reports and grep --compile
// give it its own row, under that document.
bool describes_document(const Clause& clause);

// Walks a record's tasks: calls `task` for every clause that assigns units
// (whatever the filters), and `share` for each unit the role and date
// filters of `options` keep, in clause order.
struct Walker {
  std::function<void(const DocumentInfo& document, std::size_t document_index)> document;
  std::function<void(const Clause& clause, std::size_t document_index)> task;
  std::function<void(const Share& share)> share;
};
void walk(const DocumentRecord& record, const ReportOptions& options, const Walker& walker);

struct Department {
  std::string key;                   // canonical name, or the name as written
  std::set<std::string> names;       // every name it was written under
  std::vector<std::string> aliases;  // names data/ merges with it
  std::size_t tasks = 0;
  std::size_t lead = 0, responsible = 0, cooperate = 0;
  std::size_t without_deadline = 0;
  std::size_t targets = 0;
  // Distinct tasks and documents (a department named twice in a task counts
  // the task once): a headline under --unit.
  std::size_t distinct_tasks = 0, documents = 0;
  std::uint64_t last_task = UINT64_MAX, last_document = UINT64_MAX;
  // The heading of a section: the canonical name and, when it was written
  // otherwise, those names: 武汉市市场监督管理局（市市场监管局、市市场监督管理局）.
  std::string display() const;
};

// Whether --unit values pick a department: by its key, a name it was
// written under, or an alias data/ gives it. No values: every department.
bool wanted(const std::vector<std::string>& units, const std::string& key,
            const std::set<std::string>& names, const std::vector<std::string>& aliases);

// One department's share of one task, ready to print.
struct TaskRow {
  std::string name;  // as written in this task
  UnitRole role = UnitRole::responsible;
  std::string title, doc_number, issuers, file;  // the task's document
  std::string clause;                            // clause id
  std::string text;                              // the passage
  std::string deadlines;                         // 2025-04、持续推进
  std::string due;                               // the earliest dated deadline: 2025, 2025-04, 2025-04-30
  print::Marks marks;                            // of `text`: this unit's name and the deadlines
  std::string targets;                           // 标准化示范项目10个以上；…
  std::vector<std::pair<std::string, UnitRole>> units;  // every unit on the task
};

class Report {
 public:
  Report();
  ~Report();
  Report(Report&&) noexcept;
  Report& operator=(Report&&) noexcept;

  // The departments kept, most tasks first, then by name.
  const std::vector<Department>& departments() const;
  std::size_t file_count() const;    // documents read
  std::size_t listed_count() const;  // rows of summary tables, reported as documents
  std::size_t task_count() const;    // clauses that assign units
  // Tasks with a share the role and date filters keep (all tasks without them).
  std::size_t kept_task_count() const;
  // Every kept department's tasks, department by department in the order
  // of departments(), each by deadline (dated first, earliest first), then
  // document and clause order.
  void for_each_task(const std::function<void(std::size_t department, const TaskRow& row)>& f);

 private:
  friend class ReportBuilder;
  struct Impl;
  std::unique_ptr<Impl> impl_;
};

class ReportBuilder {
 public:
  explicit ReportBuilder(ReportOptions options);
  ~ReportBuilder();
  void add(const DocumentRecord& record);
  Report finish() &&;

 private:
  ReportOptions options_;
  Report report_;
};

// What a unit is asked to do, as the report prints it: the sentence(s) the
// extractor tied to it (Unit::sentence), after the clause's heading when
// they do not hold it. Falls back to the heading.
std::string assignment_text(const Clause& clause, const Unit& unit);

// Where `needle` (a name or deadline as the record's span gives it) shows in
// a passage built from the clause text: the report's highlight.
print::Marks find_marks(std::string_view passage, std::string_view needle);

// "2025-04" from deadlines, the earliest dated one; "" when none is dated.
std::string earliest_date(const std::vector<Deadline>& deadlines);

// Cells: 2025-04 and, for an open-ended deadline, the words written
// (持续推进); targets with their subjects.
std::string deadline_cell(const std::vector<Deadline>& deadlines);
std::string targets_cell(const std::vector<Target>& targets);

}  // namespace policy::report

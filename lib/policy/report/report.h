// Per-department responsibility reports, built from records.
//
//   ReportBuilder b(options);
//   for (const DocumentRecord& r : records) b.add(r);   // streamed, one at a time
//   Report report = std::move(b).finish();
//   for (const Department& d : report.departments) …    // 市市场监管局: its tasks
//
// A department is keyed by its canonical name when data/ knows it (all
// aliases of 市市场监管局 in a Wuhan document are one department), else by
// the name as written. Each task is a clause that assigns units; for each
// department the report keeps the sentence(s) that carry its assignment,
// the deadlines that govern it (the sentence's own, else the clause's, else
// the nearest enclosing clause's) and the clause's targets.
#pragma once

#include <cstddef>
#include <cstdint>
#include <optional>
#include <set>
#include <string>
#include <unordered_map>
#include <vector>

#include "policy/core/record.h"

namespace policy::report {

struct ReportOptions {
  std::vector<std::string> units;  // restrict to these departments (any alias)
  std::vector<UnitRole> roles;     // restrict to these roles (empty: all)
  std::string since, until;        // deadline window, YYYY[-MM[-DD]]; empty: open
};

struct DocumentInfo {
  std::string file;
  std::string title;       // the file name when the document has no title
  std::string doc_number;  // normalized, or empty
  std::string issuers;     // joined with 、
};

// What a task asks of a group of its units: the sentence(s) that carry
// their assignment and the deadlines that govern it. Units named in the same
// sentence share one Passage.
struct Passage {
  std::string text;                 // heading and the sentence(s)
  std::vector<Deadline> deadlines;  // the sentence's own, else the clause's, else inherited
  std::string sort_date;            // earliest dated deadline, "" when none
};

struct Task {
  std::size_t document = 0;
  std::string clause;   // clause id
  std::string heading;  // clause heading or table row's task
  std::vector<Target> targets;
  std::vector<std::pair<std::string, UnitRole>> units;  // every unit on the task
  std::vector<Passage> passages;
};

struct Assignment {
  std::uint32_t task = 0;
  std::uint32_t passage = 0;  // in tasks[task].passages
  UnitRole role = UnitRole::responsible;
  std::string name;           // as written in this task
};

struct Department {
  std::string key;                 // canonical name, or the name as written
  std::set<std::string> names;     // every name it was written under
  std::vector<std::string> aliases;  // names data/ merges with it
  std::vector<Assignment> assignments;  // sorted: deadline, then document
  std::size_t lead = 0, responsible = 0, cooperate = 0;
  std::size_t without_deadline = 0;
  std::size_t targets = 0;
  // The heading of a section: the canonical name and, when it was written
  // otherwise, those names: 武汉市市场监督管理局（市市场监管局、市市场监督管理局）.
  std::string display() const;
};

struct Report {
  std::vector<DocumentInfo> documents;
  std::vector<Task> tasks;
  std::vector<Department> departments;  // most tasks first, then by name
};

// The passage of an assignment.
inline const Passage& passage_of(const Report& r, const Assignment& a) {
  return r.tasks[a.task].passages[a.passage];
}

class ReportBuilder {
 public:
  explicit ReportBuilder(ReportOptions options);
  void add(const DocumentRecord& record);
  Report finish() &&;

 private:
  bool wanted(const Department& d) const;
  ReportOptions options_;
  Report report_;
  std::unordered_map<std::string, std::size_t> department_index_;  // key -> departments
};

// The sentence(s) of a clause that carry a unit's assignment: the sentence
// naming it; a bracket after a sentence (…标准体系。（牵头单位：…）) brings that
// sentence along. Falls back to the heading.
std::string assignment_text(const Clause& clause, const std::string& unit_name);

// "2025-04" from deadlines, the earliest dated one; "" when none is dated.
std::string earliest_date(const std::vector<Deadline>& deadlines);

}  // namespace policy::report

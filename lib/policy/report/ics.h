// Deadlines into calendars: a report's tasks as an iCalendar file (RFC 5545)
// that Outlook, Apple and Google calendars import.
//
//   IcsOptions o{"各部门任务清单", "20250101T000000Z"};
//   IcsCount n = write_ics(report, out, o);   // n.skipped: tasks without a date
#pragma once

#include <cstddef>
#include <string>
#include <string_view>

#include "policy/print/output.h"
#include "policy/report/report.h"

namespace policy::report {

struct IcsOptions {
  std::string calendar_name;
  std::string stamp;  // DTSTAMP, UTC: 20250101T000000Z
};

struct IcsCount {
  std::size_t events = 0;
  std::size_t skipped = 0;  // tasks without a dated deadline (none, or ongoing)
};

// One all-day event per department's task with a dated deadline, on the last
// day of the period the deadline names (2025 -> 2025-12-31, 2025-06 ->
// 2025-06-30); SUMMARY 【牵头】 and the task's start, DESCRIPTION the task,
// its department, document, 文号 and clause; a UID that stays the same for
// the same task when the report is made again.
IcsCount write_ics(Report& report, print::Output& out, const IcsOptions& options);

// The pieces, for tests: the last day of a period as YYYYMMDD ("" when the
// date is none), a TEXT value escaped, and a content line folded at 75 octets
// (never inside a UTF-8 character) with CRLF ends.
std::string last_day(std::string_view date);
std::string ics_text(std::string_view s);
std::string ics_line(std::string_view line);

}  // namespace policy::report

#include "policy/report/ics.h"

#include <cstdint>
#include <unordered_set>

#include <fmt/format.h>

#include "policy/text/utf8.h"

namespace policy::report {

namespace {

bool digits(std::string_view s) {
  for (char c : s)
    if (c < '0' || c > '9') return false;
  return !s.empty();
}

int days_in_month(int year, int month) {
  static constexpr int days[] = {31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31};
  const bool leap = (year % 4 == 0 && year % 100 != 0) || year % 400 == 0;
  return month == 2 && leap ? 29 : days[month - 1];
}

// The day after YYYYMMDD: an all-day event's DTEND (exclusive).
std::string next_day(const std::string& ymd) {
  int y = std::stoi(ymd.substr(0, 4)), m = std::stoi(ymd.substr(4, 2)), d = std::stoi(ymd.substr(6, 2));
  if (++d > days_in_month(y, m)) {
    d = 1;
    if (++m > 12) m = 1, ++y;
  }
  return fmt::format("{:04}{:02}{:02}", y, m, d);
}

// FNV-1a: a stable id from the task's identity, the same on every run.
std::uint64_t fnv1a(std::string_view s) {
  std::uint64_t h = 0xcbf29ce484222325ULL;
  for (unsigned char c : s) h = (h ^ c) * 0x100000001b3ULL;
  return h;
}

// The first `n` characters of a task, with "…" when it goes on.
std::string start_of(std::string_view s, std::size_t n) {
  std::size_t i = 0, count = 0;
  while (i < s.size() && count < n) utf8::next(s, i), ++count;
  return i < s.size() ? std::string(s.substr(0, i)) + "…" : std::string(s);
}

}  // namespace

std::string last_day(std::string_view date) {
  if (date.size() < 4 || !digits(date.substr(0, 4))) return {};
  const int year = std::stoi(std::string(date.substr(0, 4)));
  if (date.size() == 4) return fmt::format("{:04}1231", year);
  if (date.size() < 7 || date[4] != '-' || !digits(date.substr(5, 2))) return {};
  const int month = std::stoi(std::string(date.substr(5, 2)));
  if (month < 1 || month > 12) return {};
  if (date.size() == 7) return fmt::format("{:04}{:02}{:02}", year, month, days_in_month(year, month));
  if (date.size() != 10 || date[7] != '-' || !digits(date.substr(8, 2))) return {};
  const int day = std::stoi(std::string(date.substr(8, 2)));
  if (day < 1 || day > days_in_month(year, month)) return {};
  return fmt::format("{:04}{:02}{:02}", year, month, day);
}

std::string ics_text(std::string_view s) {
  std::string out;
  for (std::size_t i = 0; i < s.size(); ++i) {
    const char c = s[i];
    switch (c) {
      case '\\': out += "\\\\"; break;
      case ';': out += "\\;"; break;
      case ',': out += "\\,"; break;
      case '\r':
        if (i + 1 < s.size() && s[i + 1] == '\n') ++i;
        [[fallthrough]];
      case '\n': out += "\\n"; break;
      default:
        // Other controls are not allowed in a TEXT value.
        if (static_cast<unsigned char>(c) < 0x20 && c != '\t') out += ' ';
        else out.push_back(c);
    }
  }
  return out;
}

std::string ics_line(std::string_view line) {
  // 75 octets a line, the CRLF not counted; a continuation line starts with
  // a space, which counts. A cut never falls before a UTF-8 continuation byte.
  std::string out;
  std::size_t limit = 75;
  while (line.size() > limit) {
    std::size_t cut = limit;
    while (cut > 0 && (static_cast<unsigned char>(line[cut]) & 0xC0) == 0x80) --cut;
    out.append(line.substr(0, cut));
    out += "\r\n ";
    line.remove_prefix(cut);
    limit = 74;
  }
  out.append(line);
  out += "\r\n";
  return out;
}

IcsCount write_ics(Report& report, print::Output& out, const IcsOptions& options) {
  IcsCount count;
  std::string buf;
  auto line = [&](std::string_view l) { buf += ics_line(l); };
  line("BEGIN:VCALENDAR");
  line("VERSION:2.0");
  line("PRODID:-//policy-tools//policy-report//ZH");
  line("CALSCALE:GREGORIAN");
  line("METHOD:PUBLISH");
  if (!options.calendar_name.empty()) line("X-WR-CALNAME:" + ics_text(options.calendar_name));
  out.write(buf);
  const auto& departments = report.departments();
  std::unordered_set<std::uint64_t> seen;  // a department named twice in a task: one event
  report.for_each_task([&](std::size_t d, const TaskRow& t) {
    const std::string day = last_day(t.due);
    if (day.empty()) {
      ++count.skipped;
      return;
    }
    const std::string& department = departments[d].key;
    const std::string role = to_chinese(t.role);
    const std::uint64_t id = fnv1a(fmt::format("{}\x1f{}\x1f{}\x1f{}\x1f{}\x1f{}", department, t.file, t.title,
                                               t.clause, role, t.text));
    if (!seen.insert(id).second) return;
    ++count.events;
    std::string description = "任务：" + t.text + "\n部门：" + department + "（" + role + "）\n文件：" + t.title;
    if (!t.doc_number.empty()) description += "\n文号：" + t.doc_number;
    description += "\n条款：" + t.clause + "\n时限：" + t.deadlines;
    buf.clear();
    line("BEGIN:VEVENT");
    line(fmt::format("UID:{:016x}@policy-tools", id));
    line("DTSTAMP:" + options.stamp);
    line("DTSTART;VALUE=DATE:" + day);
    line("DTEND;VALUE=DATE:" + next_day(day));
    line("SUMMARY:" + ics_text("【" + role + "】" + start_of(t.text, 40)));
    line("DESCRIPTION:" + ics_text(description));
    line("CATEGORIES:" + ics_text(department));
    line("TRANSP:TRANSPARENT");
    line("END:VEVENT");
    out.write(buf);
  });
  out.write(ics_line("END:VCALENDAR"));
  out.flush();
  return count;
}

}  // namespace policy::report

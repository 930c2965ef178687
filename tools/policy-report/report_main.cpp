// policy-report: what each department must lead, carry out or help with, in
// which documents, by when and with which numbers.
#include <cstdlib>
#include <ctime>
#include <functional>
#include <optional>
#include <set>

#include <CLI/CLI.hpp>
#include <fmt/format.h>

#include "policy/cli/checks.h"
#include "policy/cli/common.h"
#include "policy/core/strings.h"
#include "policy/extract/extract.h"
#include "policy/gazetteer/gazetteer.h"
#include "policy/report/ics.h"
#include "policy/report/report.h"
#include "policy/report/views.h"

using namespace policy;

namespace {

// Every name a --unit value may pick in a record: the departments' full
// names, the names they are written under, and their aliases.
void note_names(const DocumentRecord& r, std::set<std::string>& names) {
  for (const Clause& c : r.clauses)
    for (const Unit& u : c.units) {
      names.insert(u.name);
      if (u.canonical) names.insert(*u.canonical);
      names.insert(u.aliases.begin(), u.aliases.end());
    }
}

// What the report was made from and how it was filtered, for its first
// lines (the xlsx cover, the top of the html page).
std::vector<std::string> about(const std::vector<std::string>& units, const std::vector<std::string>& roles,
                               const std::string& since, const std::string& until,
                               const std::vector<std::string>& inputs) {
  std::vector<std::string> filters;
  if (!units.empty()) filters.push_back("部门 " + join(units, "、"));
  if (!roles.empty()) {
    std::vector<std::string> zh;
    for (const auto& r : roles)
      if (auto role = parse_unit_role(r)) zh.push_back(to_chinese(*role));
    filters.push_back("角色 " + join(zh, "、"));
  }
  if (!since.empty() || !until.empty())
    filters.push_back("时限 " + (since.empty() ? std::string("不限") : since) + " 至 " +
                      (until.empty() ? std::string("不限") : until) + "（无时限的任务不计）");
  std::vector<std::string> shown(inputs.begin(), inputs.begin() + std::min<std::size_t>(inputs.size(), 5));
  std::string in = shown.empty() ? std::string("标准输入") : join(shown, "、");
  if (inputs.size() > shown.size()) in += fmt::format(" 等 {} 项", inputs.size());
  return {"筛选：" + (filters.empty() ? std::string("无（全部部门、角色和时限）") : join(filters, "；")),
          "输入：" + in};
}

// DTSTAMP: $SOURCE_DATE_EPOCH when set (the same input gives the same bytes),
// else now; UTC.
std::string ics_stamp() {
  std::time_t t = std::time(nullptr);
  if (const char* e = std::getenv("SOURCE_DATE_EPOCH"); e && *e) {
    char* end = nullptr;
    const long long v = std::strtoll(e, &end, 10);
    if (end && *end == '\0' && v > 0) t = static_cast<std::time_t>(v);
  }
  std::tm tm{};
  gmtime_r(&t, &tm);
  char buf[32];
  std::strftime(buf, sizeof buf, "%Y%m%dT%H%M%SZ", &tm);
  return buf;
}

bool ends_with(const std::string& s, std::string_view tail) {
  return s.size() >= tail.size() && s.compare(s.size() - tail.size(), tail.size(), tail) == 0;
}

}  // namespace

int report_main(int argc, char** argv) {
  const std::string samples = cli::samples_dir();
  CLI::App app{
      "Per-department responsibility reports: for every department, the tasks it leads "
      "(牵头), carries out (责任) or helps with (配合), in which documents, by when and with "
      "which numeric targets.\n\n"
      "Examples:\n"
      "  policy-report " + samples + "/\n"
      "  policy-report --unit 市市场监管局 --format xlsx -o 市场监管局.xlsx " + samples + "/\n"
      "  policy-report --by document --format html -o matrix.html " + samples + "/\n"
      "  policy-extract " + samples + "/ -o corpus.jsonl && policy-report --from-extract corpus.jsonl",
      "policy-report"};
  cli::CommonOptions o;
  cli::setup_app(app, o);
  std::string by = "unit";
  std::vector<std::string> units, roles, from_extract;
  std::string since, until, title, columns;
  bool summary_only = false;
  cli::add_input_options(app, o);
  app.add_option("--from-extract", from_extract,
                 "Read records that policy-extract wrote (JSON Lines; - for standard input) "
                 "instead of, or besides, documents; repeatable")
      ->allow_extra_args(false)
      ->multi_option_policy(CLI::MultiOptionPolicy::TakeAll);
  app.add_option("--by", by, "unit: one section per department (default); document: each "
                             "document with its task × department matrix")
      ->check(CLI::IsMember({"unit", "document"}));
  app.add_option("--unit", units, "Only this department, by any of its names (市市场监管局 and "
                                  "市市场监督管理局 are one); repeatable. A name no document "
                                  "holds is an error that lists the closest ones")
      ->allow_extra_args(false)
      ->multi_option_policy(CLI::MultiOptionPolicy::TakeAll);
  app.add_option("--role", roles, "Only this role: lead|responsible|cooperate (or 牵头|责任|配合); "
                                  "repeatable")
      ->allow_extra_args(false)
      ->multi_option_policy(CLI::MultiOptionPolicy::TakeAll);
  const std::string date_help = " (YYYY, YYYY-MM or YYYY-MM-DD); tasks without a dated "
                                "deadline are left out";
  app.add_option("--since", since, "Only tasks due on or after this date" + date_help);
  app.add_option("--until", until, "Only tasks due on or before this date" + date_help);
  app.add_flag("--summary", summary_only, "Print only the summary: tasks per department and role");
  app.add_option("--title", title, "Title of an html or xlsx report (its first line, first sheet)");
  app.add_option("--columns", columns,
                 "The task table's columns, by key, comma-separated (default: title,doc_number,clause,"
                 "role_zh,task,deadline,targets,other_units; csv/tsv with English headers and jsonl: all). "
                 "Keys: department,name,title,doc_number,issuers,clause,role_zh,role,task,deadline,due,"
                 "targets,other_units,file");
  cli::add_output_options(app, o, {"text", "markdown", "csv", "tsv", "jsonl", "xlsx", "html", "ics"},
                          "text", true);
  app.footer(
      "Departments are merged by the full name data/ gives them; a name data/ does not know "
      "stays as written.\n"
      "text, markdown, xlsx and html hold the summary, a chart and one table per department "
      "(or document); csv, tsv and jsonl hold one flat table; ics (-o FILE.ics) one all-day event "
      "per task with a dated deadline, on the last day of the period it names.\n"
      "Exit status: 0 all inputs processed; 1 some input failed (the others were "
      "processed) or the output could not be written; 2 usage error (also a --unit name no "
      "document holds). When no input could be read, -o leaves its file as it was.");
  if (auto code = cli::parse_command_line(app, o, argc, argv)) return *code;

  report::ReportOptions ro;
  ro.units = units;
  // A name data/ knows also picks its department by the full name
  // (武汉市市场监管局 is 武汉市市场监督管理局).
  std::vector<std::string> full_names;  // per --unit value; "" when data/ does not know it
  for (const std::string& u : units) {
    auto info = o.places().lookup_unit(u, {});
    full_names.push_back(info && info->canonical != u ? info->canonical : std::string());
    if (!full_names.back().empty()) ro.units.push_back(full_names.back());
  }
  for (const auto& r : roles) {
    auto role = parse_unit_role(r);
    if (!role) {
      cli::report("policy-report: --role " + r + ": use lead, responsible or cooperate");
      return cli::kUsage;
    }
    ro.roles.push_back(*role);
  }
  for (const auto& [name, value] : {std::pair{"--since", &since}, std::pair{"--until", &until}}) {
    if (!value->empty() && !cli::is_partial_date(*value)) {
      cli::report(fmt::format("policy-report: {} {}: not a date; use YYYY, YYYY-MM or YYYY-MM-DD "
                              "(e.g. 2025, 2025-06, 2025-06-30)",
                              name, *value));
      return cli::kUsage;
    }
  }
  ro.since = since;
  ro.until = until;

  report::ReportLayout layout;
  if (!columns.empty()) {
    auto keys = report::parse_columns(columns);
    if (!keys) {
      cli::report("policy-report: " + keys.error().describe());
      return cli::kUsage;
    }
    layout.columns = keys.value();
  }
  // ics is this program's own format (no Sink): told before the others.
  const bool ics = o.format == "ics" || (o.format.empty() && ends_with(o.output, ".ics"));
  if (ics && (by == "document" || summary_only)) {
    cli::report("policy-report: --format ics writes tasks by department: not with --by document or --summary");
    return cli::kUsage;
  }
  std::optional<print::Format> chosen = print::Format::text;
  if (!ics) {
    if (o.format == "ics") o.format.clear();
    chosen = cli::resolve_format(o, "text");
    if (!chosen) return cli::kUsage;
  }
  const print::Format format = *chosen;
  if (layout.columns.empty())
    layout.columns = format == print::Format::jsonl ||
                             ((format == print::Format::csv || format == print::Format::tsv) && !o.chinese_headers)
                         ? report::machine_columns()
                         : report::people_columns();
  auto out = cli::open_output(o);
  if (!out) return cli::kInputFailed;
  print::Output& output = *out;

  print::SinkOptions so = cli::sink_options(o, output);
  so.title = title.empty() ? (by == "unit" ? "各部门任务清单" : "文件任务分工") : title;
  auto sink = ics ? nullptr : print::make_sink(format, output, so);
  const bool sections = report::holds_sections(format);

  // Records stream into the builder (or, --by document, straight out).
  cli::Tally tally;
  std::set<std::string> names_seen;
  auto read_records = [&](const std::function<void(const DocumentRecord&)>& use) {
    auto take = [&](const DocumentRecord& r) {
      if (!units.empty()) note_names(r, names_seen);
      use(r);
    };
    if (!from_extract.empty())
      tally += cli::read_extract_records(from_extract, [&](DocumentRecord& r) { take(r); }, o.max_size);
    if (from_extract.empty() || !o.paths.empty())
      tally += cli::map_documents<DocumentRecord>(
          o, [&o](const text::Document& doc) { return extract::analyze(doc, o.analysis()); },
          [&](DocumentRecord& r) { take(r); });
  };
  // A --unit name that no document holds is a typo more often than a
  // department with nothing to do: say so, with the names nearest to it.
  auto unknown_units = [&] {
    if (tally.read == 0) return false;
    bool unknown = false;
    for (std::size_t i = 0; i < units.size(); ++i) {
      if (names_seen.count(units[i]) || (!full_names[i].empty() && names_seen.count(full_names[i])))
        continue;
      unknown = true;
      cli::report(fmt::format("policy-report: --unit {}: no department of that name in these "
                              "documents; the closest: {}",
                              units[i], join(cli::closest_names(units[i], names_seen), ", ")));
    }
    return unknown;
  };
  try {
    if (by == "document" && !summary_only) {
      report::DocumentMatrixPrinter printer(ro, *sink, sections);
      read_records([&](const DocumentRecord& r) { printer.add(r); });
      printer.finish();
      if (unknown_units()) return cli::kUsage;
    } else {
      report::ReportBuilder builder(ro);
      read_records([&](const DocumentRecord& r) { builder.add(r); });
      if (unknown_units()) return cli::kUsage;  // before anything is printed
      report::Report rep = std::move(builder).finish();
      std::vector<std::string> inputs = from_extract;
      inputs.insert(inputs.end(), o.paths.begin(), o.paths.end());
      layout.about = about(units, roles, since, until, inputs);
      const bool filtered = !units.empty() || !roles.empty() || !since.empty() || !until.empty();
      for (const std::string& line : report::headline(rep, filtered, !units.empty())) layout.about.push_back(line);
      if (ics) {
        const auto n = report::write_ics(rep, output, {so.title, ics_stamp()});
        if (n.skipped && !o.quiet)
          cli::report(fmt::format("policy-report: ics: {} events; {} tasks without a dated deadline "
                                  "(none, or ongoing) are not in the calendar",
                                  n.events, n.skipped));
      } else if (summary_only) {
        report::print_summary(rep, *sink);
      } else {
        report::print_by_unit(rep, *sink, sections, layout);
      }
    }
  } catch (const std::exception& e) {
    // The scratch file of a large report could not be written (disk full);
    // the output file, if any, is left as it was.
    cli::report(std::string("policy-report: ") + e.what());
    return cli::kInputFailed;
  }
  return cli::finish_output(sink.get(), output, tally);
}

// policy-report: what each department must lead, carry out or help with, in
// which documents, by when and with which numbers.
#include <functional>
#include <set>

#include <CLI/CLI.hpp>
#include <fmt/format.h>

#include "policy/cli/checks.h"
#include "policy/cli/common.h"
#include "policy/core/strings.h"
#include "policy/extract/extract.h"
#include "policy/gazetteer/gazetteer.h"
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
  std::string since, until, title;
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
  app.add_option("--title", title, "Title of an html or xlsx report");
  cli::add_output_options(app, o, {"text", "markdown", "csv", "tsv", "jsonl", "xlsx", "html"},
                          "text", true);
  app.footer(
      "Departments are merged by the full name data/ gives them; a name data/ does not know "
      "stays as written.\n"
      "text, markdown, xlsx and html hold the summary, a chart and one table per department "
      "(or document); csv, tsv and jsonl hold one flat table.\n"
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

  const auto chosen = cli::resolve_format(o, "text");
  if (!chosen) return cli::kUsage;
  const print::Format format = *chosen;
  auto out = cli::open_output(o);
  if (!out) return cli::kInputFailed;
  print::Output& output = *out;

  print::SinkOptions so = cli::sink_options(o, output);
  so.title = title.empty() ? (by == "unit" ? "各部门任务清单" : "文件任务分工") : title;
  auto sink = print::make_sink(format, output, so);
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
      if (summary_only) report::print_summary(rep, *sink);
      else report::print_by_unit(rep, *sink, sections);
    }
  } catch (const std::exception& e) {
    // The scratch file of a large report could not be written (disk full);
    // the output file, if any, is left as it was.
    cli::report(std::string("policy-report: ") + e.what());
    return cli::kInputFailed;
  }
  return cli::finish_output(sink.get(), output, tally);
}

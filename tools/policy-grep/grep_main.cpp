// policy-grep: the clauses that match a pattern, with their documents'
// metadata; --compile prints the summary table a clerk builds by hand.
#include <CLI/CLI.hpp>

#include "policy/cli/common.h"
#include "policy/extract/extract.h"
#include "policy/report/grep.h"

using namespace policy;

int grep_main(int argc, char** argv) {
  const std::string samples = cli::samples_dir();
  CLI::App app{
      "Search the clauses of policy documents (RE2 syntax) and print each matching clause "
      "with its document's title, number and issuers, or with --compile the summary table "
      "序号 / 文件名称 / 文号 / 发文单位 / 相关论述 / 责任单位.\n\n"
      "Examples:\n"
      "  policy-grep 标准化 " + samples + "/\n"
      "  policy-grep -F -e 牵头单位 -e 责任单位 " + samples + "/003_042388e90dcfa676.txt\n"
      "  policy-grep --compile 标准 --format xlsx -o 汇总.xlsx " + samples + "/",
      "policy-grep"};
  cli::CommonOptions o;
  cli::setup_app(app, o);
  std::vector<std::string> patterns;
  bool fixed = false, ignore_case = false, compile = false;
  app.add_option("-e,--regexp", patterns, "A pattern; repeatable (a clause matching any is printed). "
                                          "Without -e the first argument is the pattern")
      ->allow_extra_args(false)
      ->multi_option_policy(CLI::MultiOptionPolicy::TakeAll);
  app.add_flag("-F,--fixed-strings", fixed, "Patterns are plain text, not RE2 syntax");
  app.add_flag("-i,--ignore-case", ignore_case, "Letters match in either case");
  app.add_flag("--compile", compile, "Print one row per document: 序号, 文件名称, 文号, 发文单位, "
                                     "相关论述 (its matching clauses), 责任单位 (their units)");
  cli::add_input_options(app, o);
  cli::add_output_options(app, o, {"text", "markdown", "csv", "tsv", "jsonl", "xlsx", "html"},
                          "text", true);
  app.footer(
      "Exit status: 0 some clause matched; 1 none matched, or some input failed (the others "
      "were processed), or the output could not be written; 2 usage error (also a bad "
      "pattern).");
  if (auto code = cli::parse_command_line(app, argc, argv)) return *code;
  if (patterns.empty()) {
    if (o.paths.empty()) {
      cli::report("policy-grep: give a pattern (or -e PATTERN). Run with --help for the options.");
      return cli::kUsage;
    }
    patterns.push_back(o.paths.front());
    o.paths.erase(o.paths.begin());
  }
  auto matcher = report::Matcher::make(patterns, {fixed, ignore_case});
  if (!matcher) {
    cli::report("policy-grep: " + matcher.error().describe());
    return cli::kUsage;
  }

  const auto chosen = cli::resolve_format(o, "text");
  if (!chosen) return cli::kUsage;
  const print::Format format = *chosen;
  auto out = cli::open_output(o);
  if (!out) return cli::kInputFailed;
  print::Output& output = *out;
  print::SinkOptions so = cli::sink_options(o, output);
  so.title = compile ? "相关文件汇总" : "检索结果";
  auto sink = print::make_sink(format, output, so);
  sink->begin_table(so.title, compile ? report::compile_columns() : report::grep_columns());

  std::size_t seq = 0, hits = 0;
  const report::Matcher& m = matcher.value();
  const cli::Tally tally = cli::map_documents<DocumentRecord>(
      o,
      [&m](const text::Document& doc) {
        // Items (units) are read for the matching clauses only.
        return extract::analyze(doc, {.only = [&m](const Clause& c) { return m.matches(c.text); }});
      },
      [&](DocumentRecord& r) {
        auto clauses = report::matching_clauses(r, m);
        hits += clauses.size();
        if (compile) {
          if (auto row = report::compile_row(r, clauses, seq + 1)) {
            ++seq;
            sink->row(*row);
          }
        } else {
          for (const Clause* c : clauses) sink->row(report::grep_row(r, *c));
        }
        output.flush();
      });
  sink->end_table();
  // No match is status 1, as grep has it.
  const int status = cli::finish_output(sink.get(), output, tally);
  return status == cli::kOk && hits == 0 ? cli::kInputFailed : status;
}

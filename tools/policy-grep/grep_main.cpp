// policy-grep: the clauses that match a pattern, with their documents'
// metadata; --compile prints the summary table a clerk builds by hand.
// Exit status as grep's: 0 a match, 1 none, 2 an error.
#include <filesystem>

#include <CLI/CLI.hpp>
#include <fmt/format.h>

#include "policy/cli/common.h"
#include "policy/extract/extract.h"
#include "policy/report/grep.h"

using namespace policy;

namespace {

enum GrepExit { kMatched = 0, kNoMatch = 1, kError = 2 };

}  // namespace

int grep_main(int argc, char** argv) {
  const std::string samples = cli::samples_dir();
  CLI::App app{
      "Search the clauses of policy documents (RE2 syntax) and print each matching clause "
      "with its document's title, number and issuers, or with --compile the summary table "
      "序号 / 文件名称 / 文号 / 发文单位 / 相关论述 / 责任单位.\n\n"
      "Examples:\n"
      "  policy-grep -n 标准化 " + samples + "/\n"
      "  policy-grep -F -e 牵头单位 -e 责任单位 " + samples + "/003_042388e90dcfa676.txt\n"
      "  policy-grep -l 营商环境 " + samples + "/\n"
      "  policy-grep --compile 标准 --format xlsx -o 汇总.xlsx " + samples + "/",
      "policy-grep"};
  cli::CommonOptions o;
  cli::setup_app(app, o);
  std::vector<std::string> patterns;
  bool fixed = false, ignore_case = false, compile = false;
  bool line_numbers = false, files_only = false, count_only = false;
  app.add_option("-e,--regexp", patterns, "A pattern; repeatable (a clause matching any is printed). "
                                          "Without -e the first argument is the pattern")
      ->allow_extra_args(false)
      ->multi_option_policy(CLI::MultiOptionPolicy::TakeAll);
  app.add_flag("-F,--fixed-strings", fixed, "Patterns are plain text, not RE2 syntax");
  app.add_flag("-i,--ignore-case", ignore_case, "Letters match in either case");
  app.add_flag("-n,--line-number", line_numbers,
               "Add the column 行: the document line of each clause's first match");
  app.add_flag("-l,--files-with-matches", files_only,
               "Print only the names of the documents that have a matching clause, one a line");
  app.add_flag("-c,--count", count_only,
               "Print only how many clauses of each document match: NAME:COUNT (just COUNT for "
               "a single file)");
  app.add_flag("--compile", compile, "Print one row per document: 序号, 文件名称, 文号, 发文单位, "
                                     "相关论述 (its matching clauses), 责任单位 (their units)");
  cli::add_input_options(app, o);
  cli::add_output_options(app, o, {"text", "markdown", "csv", "tsv", "jsonl", "xlsx", "html"},
                          "text", true);
  app.footer(
      "On a terminal, the matches are highlighted (--color).\n"
      "Exit status, as grep's: 0 some clause matched; 1 none matched; 2 an error: an input "
      "that could not be read (the others were still searched), output that could not be "
      "written, or a usage error (also a bad pattern). When no input could be read, -o "
      "leaves its file as it was.");
  if (auto code = cli::parse_command_line(app, o, argc, argv)) return *code;
  if (patterns.empty()) {
    if (o.paths.empty()) {
      cli::report("policy-grep: give a pattern (or -e PATTERN). Run with --help for the options.");
      return cli::kUsage;
    }
    patterns.push_back(o.paths.front());
    o.paths.erase(o.paths.begin());
  }
  if ((files_only || count_only) && (compile || line_numbers || !o.format.empty() ||
                                     (files_only && count_only))) {
    cli::report("policy-grep: -l and -c print plain lines: use one of them, without --compile, "
                "-n or --format");
    return cli::kUsage;
  }
  if (compile && line_numbers) {
    cli::report("policy-grep: -n numbers the lines of matching clauses; --compile prints one "
                "row per document");
    return cli::kUsage;
  }
  auto matcher = report::Matcher::make(patterns, {fixed, ignore_case});
  if (!matcher) {
    cli::report("policy-grep: " + matcher.error().describe());
    return cli::kUsage;
  }

  const bool plain_lines = files_only || count_only;
  const auto chosen = plain_lines ? std::optional(print::Format::text) : cli::resolve_format(o, "text");
  if (!chosen) return cli::kUsage;
  const print::Format format = *chosen;
  auto out = cli::open_output(o);
  if (!out) return kError;
  print::Output& output = *out;
  print::SinkOptions so = cli::sink_options(o, output);
  so.title = compile ? "相关文件汇总" : "检索结果";
  std::unique_ptr<print::Sink> sink;
  // In text, each document's matches come under a line that names it (as
  // ripgrep groups them), and no match prints nothing, as with grep; the
  // other formats hold one table with the document in every row (an empty
  // table, header only, when nothing matched).
  const bool text = format == print::Format::text;
  const bool grouped = text && !compile;
  const auto columns = compile ? report::compile_columns()
                               : report::grep_columns(!grouped, line_numbers);
  bool started = false;
  auto row = [&](const std::vector<std::string>& cells, const std::vector<print::Marks>& marks) {
    if (!started) sink->begin_table(so.title, columns);
    started = true;
    sink->row(cells, marks);
  };
  if (!plain_lines) {
    sink = print::make_sink(format, output, so);
    if (!text) {
      sink->begin_table(so.title, columns);
      started = true;
    }
  }
  // The cell that quotes the clause text, where matches are highlighted.
  std::size_t quoted = 0;
  while (quoted < columns.size() && columns[quoted].key != (compile ? "excerpts" : "text")) ++quoted;
  // grep names the file on each count when it searches more than one.
  bool several = o.paths.size() > 1 || o.jsonl_in;
  for (const auto& p : o.paths) {
    std::error_code ec;
    several |= std::filesystem::is_directory(p, ec);
  }

  std::size_t seq = 0, hits = 0;
  const report::Matcher& m = matcher.value();
  // The matches inside the quoted cell, which the sink may show marked.
  auto marked = [&](const std::vector<std::string>& cells) {
    std::vector<print::Marks> marks(cells.size());
    if (quoted < cells.size()) marks[quoted] = m.find_all(cells[quoted]);
    return marks;
  };
  const cli::Tally tally = cli::map_documents<DocumentRecord>(
      o,
      [&m, &o](const text::Document& doc) {
        // Items (units) are read for the matching clauses only.
        extract::Options matching = o.analysis();
        matching.only = [&m](const Clause& c) { return m.matches(c.text); };
        return extract::analyze(doc, matching);
      },
      [&](DocumentRecord& r) {
        auto clauses = report::matching_clauses(r, m);
        hits += clauses.size();
        if (files_only) {
          if (!clauses.empty()) output.write(r.file + "\n");
        } else if (count_only) {
          output.write(several ? fmt::format("{}:{}\n", r.file, clauses.size())
                               : fmt::format("{}\n", clauses.size()));
        } else if (compile) {
          for (const auto& cells : report::compile_rows(r, clauses, seq + 1)) {
            ++seq;
            row(cells, marked(cells));
          }
        } else {
          if (grouped && !clauses.empty()) sink->begin_table(report::grep_heading(r), columns);
          for (const Clause* c : clauses) {
            auto cells = report::grep_row(
                r, *c, !grouped,
                line_numbers ? std::optional(report::match_line(*c, m)) : std::nullopt);
            if (grouped) sink->row(cells, marked(cells));
            else row(cells, marked(cells));
          }
          if (grouped && !clauses.empty()) sink->end_table();
        }
        output.flush();
      });
  if (sink && started) sink->end_table();
  if (cli::finish_output(sink.get(), output, tally) != cli::kOk) return kError;
  return hits > 0 ? kMatched : kNoMatch;
}

// policy-split: print the clause tree of policy documents, one row a clause.
#include <CLI/CLI.hpp>
#include <fmt/format.h>

#include "policy/cli/common.h"
#include "policy/extract/extract.h"
#include "policy/print/document_json.h"
#include "policy/report/flat.h"

using namespace policy;

int split_main(int argc, char** argv) {
  const std::string samples = cli::samples_dir();
  CLI::App app{
      "Split Chinese policy documents into clauses (一、 （一） 1. （1） 第一章 第一条 专栏 附件, "
      "and rows of pasted Word tables) and print one row per clause.\n\n"
      "Examples:\n"
      "  policy-split " + samples + "/001_324cfd3345e3926e.txt\n"
      "  policy-split --format csv --bom -o clauses.csv " + samples + "/\n"
      "  policy-split --format jsonl " + samples + "/ > clauses.jsonl",
      "policy-split"};
  cli::CommonOptions o;
  cli::setup_app(app, o);
  cli::add_input_options(app, o);
  cli::add_output_options(app, o, {"text", "markdown", "tsv", "csv", "jsonl", "xlsx", "html"},
                          "text", true);
  app.footer(
      "Columns: file, id, level, label, heading, kind, line_start, line_end, text.\n"
      "jsonl prints SPEC §3 clause objects with \"file\" added.\n"
      "Exit status: 0 all inputs processed; 1 some input failed (the others were "
      "processed) or the output could not be written; 2 usage error. When no input could be "
      "read, -o leaves its file as it was.");
  if (auto code = cli::parse_command_line(app, o, argc, argv)) return *code;

  const auto chosen = cli::resolve_format(o, "text");
  if (!chosen) return cli::kUsage;
  const print::Format format = *chosen;
  auto out = cli::open_output(o);
  if (!out) return cli::kInputFailed;
  print::Output& output = *out;
  auto sink = print::make_sink(format, output, cli::sink_options(o, output));
  const bool json = format == print::Format::jsonl;
  // In a terminal each document gets its own aligned table titled by its file
  // name, and long texts are shortened to one line.
  const bool terminal_view = format == print::Format::text;
  if (!json && !terminal_view) sink->begin_table("", report::clause_columns());
  std::vector<print::Column> view_columns = report::clause_columns();
  view_columns.erase(view_columns.begin());

  std::string line;
  const cli::Tally tally = cli::map_documents<DocumentRecord>(
      o,
      [&o](const text::Document& doc) {
        extract::Options structure_only = o.analysis();
        structure_only.items = false;
        return extract::analyze(doc, structure_only);
      },
      [&](DocumentRecord& r) {
        if (json) {
          // A megabyte at a time: a large document's JSON is never held whole.
          line.clear();
          for (const Clause& c : r.clauses) {
            print::append_clause_json(line, c, r.file);
            if (line.size() >= (std::size_t{1} << 20)) {
              output.write(line);
              line.clear();
            }
          }
          output.write(line);
        } else if (terminal_view) {
          sink->begin_table(fmt::format("{} ({}, {} clauses)", r.file, r.encoding,
                                        r.clauses.size()),
                            view_columns);
          for (const Clause& c : r.clauses) {
            auto row = report::clause_row(r, c, true);
            row.erase(row.begin());
            sink->row(row);
          }
          sink->end_table();
        } else {
          for (const Clause& c : r.clauses) sink->row(report::clause_row(r, c, false));
        }
        output.flush();
      });
  if (!json && !terminal_view) sink->end_table();
  return cli::finish_output(sink.get(), output, tally);
}

// policy-extract: document numbers, issuers, responsible units, targets and
// deadlines of policy documents, as SPEC §3 JSON Lines or as flat tables.
#include <CLI/CLI.hpp>

#include "policy/cli/common.h"
#include "policy/extract/extract.h"
#include "policy/print/document_json.h"
#include "policy/report/flat.h"

using namespace policy;

int extract_main(int argc, char** argv) {
  CLI::App app{
      "Extract document numbers, issuing bodies, responsible units with roles, numeric "
      "targets and deadlines from Chinese policy documents.\n\n"
      "Examples:\n"
      "  policy-extract data/samples/*.txt > out.jsonl\n"
      "  policy-extract --what units --format csv --bom -o units.csv data/samples/\n"
      "  policy-extract --what targets --format text data/samples/001_324cfd3345e3926e.txt\n"
      "  policy-extract --jsonl-in corpus.jsonl -o out.jsonl",
      "policy-extract"};
  app.get_formatter()->column_width(34);
  cli::CommonOptions o;
  std::string what;
  cli::add_input_options(app, o);
  app.add_option("-w,--what", what,
                 "Print one row per found item instead of one JSON object per document: "
                 "documents | doc-numbers | units | targets | deadlines | clauses")
      ->check(CLI::IsMember({"documents", "doc-numbers", "units", "targets", "deadlines", "clauses"}));
  cli::add_output_options(app, o, {"jsonl", "text", "markdown", "tsv", "csv", "xlsx", "html"},
                          "jsonl", true);
  app.footer(
      "Without --what, jsonl prints one SPEC §3 object per document (all fields, the "
      "clause tree).\nWith --what, every format prints the same rows: file, clause id, "
      "line and the item's fields.\n"
      "Exit status: 0 all inputs processed; 1 some input failed (the others were "
      "processed) or the output could not be written; 2 usage error.");
  if (auto code = cli::parse_command_line(app, argc, argv)) return *code;

  const print::Format format = cli::resolve_format(o, "jsonl");
  if (what.empty() && format != print::Format::jsonl) {
    cli::report("policy-extract: --format " + std::string(print::to_string(format)) +
                " needs --what (which rows to print)");
    return cli::kUsage;
  }
  auto out = cli::open_output(o);
  if (!out) return cli::kInputFailed;
  print::Output& output = *out;
  std::unique_ptr<print::Sink> sink;
  std::optional<report::View> view;
  if (!what.empty()) {
    view = report::parse_view(what);
    sink = print::make_sink(format, output, cli::sink_options(o, output));
    sink->begin_table(what, report::view_columns(*view));
  }

  std::size_t failed = 0;
  if (view) {
    failed = cli::map_documents<std::vector<std::vector<std::string>>>(
        o, [&](const text::Document& doc) { return report::view_rows(*view, extract::analyze(doc)); },
        [&](std::vector<std::vector<std::string>>& rows) {
          for (auto& row : rows) sink->row(row);
          output.flush();
        });
  } else {
    // The JSON line is made by the worker too: the main thread only writes.
    failed = cli::map_documents<std::string>(
        o,
        [](const text::Document& doc) {
          std::string line;
          print::append_document_json(line, extract::analyze(doc));
          return line;
        },
        [&](std::string& line) {
          output.write(line);
          output.flush();
        });
  }
  if (sink) sink->end_table();
  return cli::finish_output(sink.get(), output, failed);
}

// policy-extract: document numbers, issuers, responsible units, targets and
// deadlines of policy documents, as SPEC §3 JSON Lines.
#include <CLI/CLI.hpp>

#include "policy/cli/common.h"
#include "policy/extract/extract.h"
#include "policy/print/document_json.h"

using namespace policy;

int extract_main(int argc, char** argv) {
  CLI::App app{
      "Extract document numbers, issuing bodies, responsible units with roles, numeric "
      "targets and deadlines from Chinese policy documents.\n\n"
      "Examples:\n"
      "  policy-extract data/samples/*.txt > out.jsonl\n"
      "  policy-extract --jsonl-in corpus.jsonl -o out.jsonl",
      "policy-extract"};
  app.get_formatter()->column_width(34);
  cli::CommonOptions o;
  cli::add_input_options(app, o);
  cli::add_output_options(app, o, {"jsonl"}, "jsonl", false);
  app.footer(
      "jsonl prints one SPEC §3 object per document.\n"
      "Exit status: 0 all inputs processed; 1 some input failed (the others were "
      "processed) or the output could not be written; 2 usage error.");
  if (auto code = cli::parse_command_line(app, argc, argv)) return *code;

  auto out = print::Output::open(o.output);
  if (!out) {
    cli::report(out.error().describe());
    return cli::kInputFailed;
  }
  print::Output& output = *out.value();
  std::string line;
  std::size_t failed = cli::map_documents<DocumentRecord>(
      o, [](const text::Document& doc) { return extract::analyze(doc); },
      [&](DocumentRecord& r) {
        line.clear();
        print::append_document_json(line, r);
        output.write(line);
        output.flush();
      });
  if (auto ok = output.commit(); !ok) {
    cli::report(ok.error().describe());
    return cli::kInputFailed;
  }
  return failed ? cli::kInputFailed : cli::kOk;
}

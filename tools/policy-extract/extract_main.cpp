// policy-extract: document numbers, issuers, responsible units, targets and
// deadlines of policy documents, as SPEC §3 JSON Lines, as flat tables, or
// (a person at a terminal) as one readable card per document.
#include <CLI/CLI.hpp>

#include "policy/cli/common.h"
#include "policy/extract/extract.h"
#include "policy/print/card.h"
#include "policy/print/document_json.h"
#include "policy/report/flat.h"

using namespace policy;

int extract_main(int argc, char** argv) {
  const std::string samples = cli::samples_dir();
  CLI::App app{
      "Extract document numbers, issuing bodies, responsible units with roles, numeric "
      "targets and deadlines from Chinese policy documents.\n\n"
      "Examples:\n"
      "  policy-extract " + samples + "/001_324cfd3345e3926e.txt\n"
      "  policy-extract " + samples + "/*.txt > out.jsonl\n"
      "  policy-extract --what units --format csv --bom -o units.csv " + samples + "/\n"
      "  policy-extract --what targets --format text " + samples + "/001_324cfd3345e3926e.txt",
      "policy-extract"};
  cli::CommonOptions o;
  cli::setup_app(app, o);
  std::string what;
  cli::add_input_options(app, o);
  app.add_option("-w,--what", what,
                 "Print one row per found item instead of one record per document: "
                 "documents | doc-numbers | units | targets | deadlines | clauses")
      ->check(CLI::IsMember({"documents", "doc-numbers", "units", "targets", "deadlines", "clauses"}));
  cli::add_output_options(app, o, {"jsonl", "text", "markdown", "tsv", "csv", "xlsx", "html"},
                          "text on a terminal, else jsonl", true);
  app.footer(
      "Without --what: on a terminal, a card per document (title, number, issuers, date, "
      "addressees, then each clause that assigns work: units by role, deadlines, targets); "
      "piped, with -o or with --format jsonl, one SPEC §3 JSON object per document (all "
      "fields, the clause tree). --format text prints the cards anywhere.\n"
      "With --what, every format prints the same rows: file, clause id, line and the item's "
      "fields.\n"
      "Exit status: 0 all inputs processed; 1 some input failed (the others were processed) "
      "or the output could not be written; 2 usage error. When no input could be read, -o "
      "leaves its file as it was.");
  if (auto code = cli::parse_command_line(app, o, argc, argv)) return *code;

  // A person at a terminal reads; a pipe, a file or a script gets JSON Lines.
  const auto chosen = cli::resolve_format(o, cli::output_is_terminal(o) ? "text" : "jsonl");
  if (!chosen) return cli::kUsage;
  const print::Format format = *chosen;
  const bool cards = what.empty() && format == print::Format::text;
  if (what.empty() && format != print::Format::jsonl && !cards) {
    cli::report("policy-extract: --format " + std::string(print::to_string(format)) +
                " needs --what (which rows to print)");
    return cli::kUsage;
  }
  auto out = cli::open_output(o);
  if (!out) return cli::kInputFailed;
  print::Output& output = *out;
  const print::SinkOptions so = cli::sink_options(o, output);
  std::unique_ptr<print::Sink> sink;
  std::optional<report::View> view;
  if (!what.empty()) {
    view = report::parse_view(what);
    sink = print::make_sink(format, output, so);
    sink->begin_table(what, report::view_columns(*view));
  }

  auto write = [&](std::string& text) { output.write_now(text); };
  cli::Tally tally;
  if (view) {
    tally = cli::map_documents<std::vector<std::vector<std::string>>>(
        o, [&](const text::Document& doc) { return report::view_rows(*view, extract::analyze(doc, o.analysis())); },
        [&](std::vector<std::vector<std::string>>& rows) {
          for (auto& row : rows) sink->row(row);
          output.flush();
        });
  } else if (cards) {
    const print::CardOptions card{so.width, so.color};
    tally = cli::map_documents<std::string>(
        o,
        [&card, &o](const text::Document& doc) {
          std::string text;
          print::append_document_card(text, extract::analyze(doc, o.analysis()), card);
          return text;
        },
        write);
  } else {
    // The JSON line is made by the worker too, so the main thread only
    // writes; but a large document's record goes to the main thread, which
    // writes its JSON a megabyte at a time instead of holding it whole.
    struct Extracted {
      std::string json;
      std::unique_ptr<DocumentRecord> large;
    };
    constexpr std::size_t kLarge = std::size_t{8} << 20;
    tally = cli::map_documents<Extracted>(
        o,
        [&o](const text::Document& doc) {
          Extracted e;
          DocumentRecord r = extract::analyze(doc, o.analysis());
          if (doc.text().size() > kLarge) e.large = std::make_unique<DocumentRecord>(std::move(r));
          else print::append_document_json(e.json, r);
          return e;
        },
        [&](Extracted& e) {
          if (e.large) print::append_document_json(e.json, *e.large, [&](std::string& part) { output.write_now(part); });
          write(e.json);
        });
  }
  if (sink) sink->end_table();
  return cli::finish_output(sink.get(), output, tally);
}

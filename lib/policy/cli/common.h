// What every program shares: input and output options, exit codes, error
// reporting, and the ordered worker pool over documents.
//
// Exit codes (policy-split, policy-extract, policy-report; policy-grep
// follows grep: 0 a match, 1 none, 2 an error):
//   0  every input was processed
//   1  some input could not be read or decoded (the others were processed),
//      or the output could not be written
//   2  usage error (unknown option, bad value)
//
// -o FILE is committed only when at least one input was read: a run in
// which every input failed leaves the old file as it was (or none at all).
#pragma once

#include <CLI/CLI.hpp>

#include <functional>
#include <memory>
#include <optional>
#include <string>
#include <vector>

#include "policy/core/record.h"
#include "policy/extract/extract.h"
#include "policy/gazetteer/gazetteer.h"
#include "policy/lexicon/lexicon.h"
#include "policy/core/result.h"
#include "policy/print/output.h"
#include "policy/print/sink.h"
#include "policy/text/document.h"
#include "policy/text/read.h"
#include "policy/text/utf8.h"

namespace policy::cli {

enum ExitCode { kOk = 0, kInputFailed = 1, kUsage = 2 };

struct CommonOptions {
  std::string program;             // for messages: "policy-report"
  std::vector<std::string> paths;  // files, folders, "-"; none = standard input
  bool jsonl_in = false;
  std::string encoding;            // forced input encoding
  std::size_t max_size = text::kDefaultMaxSize;  // --max-size: larger inputs are errors
  std::string format;              // empty: from -o's extension, else the default
  std::string output;              // -o FILE; empty = standard output
  int jobs = 0;                    // 0 = all cores
  bool chinese_headers = false;
  bool bom = false;
  std::string color = "auto";
  bool quiet = false;              // no progress line, no warnings
  // --data DIR (or $POLICY_DATA): the user's rows over the built-in tables;
  // null: the built-in ones.
  std::string data;
  std::shared_ptr<const lexicon::Lexicon> lexicon;
  std::shared_ptr<const gazetteer::Gazetteer> gazetteer;

  // What extraction reads with: these tables, all clauses.
  extract::Options analysis() const {
    return extract::Options{.items = true, .only = {}, .lexicon = lexicon.get(), .gazetteer = gazetteer.get()};
  }
  const gazetteer::Gazetteer& places() const { return gazetteer ? *gazetteer : gazetteer::Gazetteer::builtin(); }
};

// The environment variable that names a --data folder when the option is not given.
inline constexpr const char* kDataEnv = "POLICY_DATA";

// What every program's command line has: --help wrapped to the terminal's
// width, --version (the CMake project version). Also names o.program.
void setup_app(CLI::App& app, CommonOptions& o);

// The bundled sample documents, for --help's examples: installed, the
// share/policy-tools/samples beside the program's bin/; in the build tree,
// the source's data/samples.
std::string samples_dir();

// --jsonl-in, --encoding, --max-size, --jobs, --quiet, --data and the positional inputs.
void add_input_options(CLI::App& app, CommonOptions& o);
// --format (from `allowed`), -o, and for tabular formats --header/--bom/--color.
void add_output_options(CLI::App& app, CommonOptions& o, const std::vector<std::string>& allowed,
                        const std::string& default_format, bool tabular);

// The format to print: --format, else -o's extension, else the default.
// Reports a usage error and returns nullopt for an extension no format has
// (-o t.xls) and for a binary format (xlsx) bound for a terminal.
std::optional<print::Format> resolve_format(const CommonOptions& o,
                                            const std::string& default_format);
// Whether standard output is a terminal and -o does not send output elsewhere.
bool output_is_terminal(const CommonOptions& o);
// The width text output fits: COLUMNS, else the terminal's, else 80.
std::size_t text_width(const print::Output& out);
print::SinkOptions sink_options(const CommonOptions& o, const print::Output& out);

// Runs CLI11 on argv. Returns an exit code when the program should stop now
// (--help: 0, bad usage: 2 with the message on stderr), else nullopt. Loads
// the --data folder (or $POLICY_DATA's): a bad row there is a usage error
// naming its file and line.
std::optional<int> parse_command_line(CLI::App& app, CommonOptions& o, int argc, char** argv);

// Opens -o's file (or standard output); reports a failure and returns null.
std::unique_ptr<print::Output> open_output(const CommonOptions& o);

// How many inputs a run processed and how many failed.
struct Tally {
  std::size_t read = 0;
  std::size_t failed = 0;
  Tally& operator+=(const Tally& t) {
    read += t.read;
    failed += t.failed;
    return *this;
  }
};

// Finishes the sink (when there is one) and commits the output, unless no
// input at all could be read: then a file given to -o is left as it was.
// Returns kOk, or kInputFailed when some input failed or the output could
// not be written.
int finish_output(print::Sink* sink, print::Output& out, const Tally& tally);

// "name: message" on standard error, control characters shown as escapes
// (a document's name or text cannot drive the terminal or forge a line).
void report(const std::string& name, const Error& error);
void report(const std::string& message);

int effective_jobs(int requested);

// Reads every input in order, decodes it and runs `work` on it in a pool of
// `jobs` threads; `emit` receives the results on the calling thread, in input
// order, so output is byte-identical whatever the number of jobs. Inputs that
// fail are reported and skipped (a Word, WPS or PDF file with a hint to save
// it as plain text; a folder without any *.txt as such); a document without
// any text is processed and gets a warning (not with --quiet). On a terminal,
// a run longer than a second shows its progress on standard error.
template <class R>
Tally map_documents(const CommonOptions& o, const std::function<R(const text::Document&)>& work,
                    const std::function<void(R&)>& emit);

// Reads policy-extract JSON Lines (files, or "-" for standard input) and
// hands each record to `fn`, in order; broken lines are reported as
// "file: line N: …" and skipped.
Tally read_extract_records(const std::vector<std::string>& files,
                           const std::function<void(DocumentRecord&)>& fn,
                           std::size_t max_size = text::kDefaultMaxSize);

// Type-erased core of map_documents.
struct Mapped {
  std::string name;
  std::optional<Error> error;
  std::function<void()> emit;  // prints the result; empty on error
  std::string warning;         // printed to stderr, the exit status unchanged
  std::size_t bytes = 0;       // input size, for the progress line
};
Tally run_ordered(const CommonOptions& o, const std::function<Mapped(const text::Document&)>& work);

template <class R>
Tally map_documents(const CommonOptions& o, const std::function<R(const text::Document&)>& work,
                          const std::function<void(R&)>& emit) {
  return run_ordered(o, [&](const text::Document& doc) {
    auto result = std::make_shared<R>(work(doc));
    Mapped m;
    m.name = doc.name();
    m.emit = [result, &emit]() { emit(*result); };
    if (utf8::trim(doc.text()).empty()) m.warning = "warning: no text in this document";
    return m;
  });
}

}  // namespace policy::cli

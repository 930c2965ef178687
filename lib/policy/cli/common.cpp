#include "policy/cli/common.h"

#include <unistd.h>

#include <algorithm>
#include <condition_variable>
#include <cstdint>
#include <cerrno>
#include <cstdlib>
#include <cstring>
#include <deque>
#include <filesystem>
#include <fstream>
#include <future>
#include <iostream>
#include <map>
#include <mutex>
#include <thread>

#include <fmt/format.h>

#include "policy/core/cleanup.h"
#include "policy/cli/checks.h"
#include "policy/cli/progress.h"
#include "policy/core/strings.h"
#include "policy/print/text_layout.h"
#include "policy/report/records_json.h"
#include "policy/text/decode.h"
#include "policy/text/input.h"

namespace policy::cli {

void add_input_options(CLI::App& app, CommonOptions& o) {
  app.add_option("inputs", o.paths,
                 "Files, folders (every *.txt below them) or - for standard input; "
                 "none reads standard input");
  app.add_flag("--jsonl-in", o.jsonl_in,
               "Inputs are JSON Lines corpora: one {\"id\": ..., \"text\": ...} object a line "
               "(folders give every *.jsonl below them)");
  app.add_option("--encoding", o.encoding,
                 "Read inputs in this encoding instead of detecting it "
                 "(e.g. GB18030, UTF-16LE, UTF-8)")
      ->check(CLI::Validator(
          [](std::string& name) {
            return text::encoding_known(name) ? std::string()
                                              : "unknown encoding '" + utf8::visible(name) + "'";
          },
          "ENCODING"));
  app.add_option_function<std::string>(
         "--max-size",
         [&o](const std::string& v) {
           auto n = text::parse_size(v);
           if (!n || *n > SIZE_MAX / 4)
             throw CLI::ValidationError("--max-size", "use a size such as 512M, 2G or 100000");
           o.max_size = static_cast<std::size_t>(*n);
         },
         "A document (or --jsonl-in record) larger than this is an error, found without "
         "reading it all (default 512M)")
      ->type_name("SIZE");
  const int max_jobs = 4 * effective_jobs(0);
  app.add_option("-j,--jobs", o.jobs, "Worker threads (default: all cores, at most 4 × that); "
                                      "output order never depends on it")
      ->check(CLI::Range(0, max_jobs));
  app.add_flag("--quiet", o.quiet, "No progress line and no warnings; errors are still reported");
  app.add_option("--data", o.data,
                 "A folder of your own tables laid out as data/ (units.tsv, regions.tsv, "
                 "agency_codes.tsv, lexicon/roles.tsv …): its rows add to or replace the "
                 "built-in ones (default: $POLICY_DATA)")
      ->type_name("DIR");
}

void add_output_options(CLI::App& app, CommonOptions& o, const std::vector<std::string>& allowed,
                        const std::string& default_format, bool tabular) {
  std::string names;
  for (const auto& a : allowed) names += (names.empty() ? "" : "|") + a;
  app.add_option("-f,--format", o.format,
                 fmt::format("Output format: {} (default {}, or from -o's extension)", names,
                             default_format))
      ->check(CLI::IsMember(allowed));
  app.add_option("-o,--output", o.output,
                 "Write to FILE instead of standard output; the file is replaced only "
                 "when the whole output is written");
  if (tabular) {
    auto* h = app.add_option_function<std::string>(
        "--header", [&o](const std::string& v) { o.chinese_headers = (v == "zh"); },
        "Column headers of csv/tsv: en (stable English keys, default) or zh (Chinese)");
    h->check(CLI::IsMember({"en", "zh"}));
    app.add_flag("--bom", o.bom, "csv: begin with a UTF-8 byte order mark so Excel shows Chinese text");
    // What Excel needs, in one flag: the BOM and Chinese headers (csv rows
    // end in CRLF anyway).
    app.add_flag_callback("--excel", [&o] { o.bom = o.chinese_headers = true; },
                          "csv for Excel: the byte order mark and Chinese headers (--bom --header zh)");
    app.add_option("--color", o.color, "text: colour headers: auto (when a terminal), always, never")
        ->check(CLI::IsMember({"auto", "always", "never"}));
  }
}

namespace {
// A device, FIFO or socket: written through, its name says nothing of a format.
bool special_file(const std::string& path) {
  std::error_code ec;
  const auto st = std::filesystem::status(path, ec);
  return !ec && std::filesystem::exists(st) && !std::filesystem::is_regular_file(st) &&
         !std::filesystem::is_directory(st);
}
}  // namespace

bool output_is_terminal(const CommonOptions& o) {
  return (o.output.empty() || o.output == "-") && ::isatty(STDOUT_FILENO) == 1;
}

std::optional<print::Format> resolve_format(const CommonOptions& o,
                                            const std::string& default_format) {
  print::Format format = *print::parse_format(default_format);
  if (!o.format.empty()) {
    format = *print::parse_format(o.format);
  } else if (!o.output.empty() && o.output != "-") {
    if (auto f = print::format_from_path(o.output)) {
      format = *f;
    } else if (std::string ext = std::filesystem::path(o.output).extension().string();
               !ext.empty() && !special_file(o.output)) {
      report(fmt::format("{}: -o {}: no format is written as {}; use one of {} or give --format",
                         o.program, o.output, ext, print::known_extensions()));
      return std::nullopt;
    }
  }
  if (format == print::Format::xlsx && output_is_terminal(o)) {
    report(fmt::format("{}: xlsx is a binary file and standard output is a terminal: "
                       "write it with -o FILE.xlsx",
                       o.program));
    return std::nullopt;
  }
  return format;
}

std::size_t text_width(const print::Output& out) {
  const std::size_t columns = print::terminal_columns(out.is_terminal() ? STDOUT_FILENO : -1);
  return columns ? columns : 80;
}

print::SinkOptions sink_options(const CommonOptions& o, const print::Output& out) {
  print::SinkOptions s;
  s.chinese_headers = o.chinese_headers;
  s.bom = o.bom;
  bool no_color = std::getenv("NO_COLOR") != nullptr;
  s.color = o.color == "always" || (o.color == "auto" && out.is_terminal() && !no_color);
  s.warn = [](const std::string& message) { report("warning: " + message); };
  s.width = text_width(out);
  return s;
}

namespace {
// The user's tables over the built-in ones: --data, else $POLICY_DATA (an
// empty variable counts as unset). Both the gazetteer (DIR/*.tsv) and the
// lexicon (DIR/lexicon/*.tsv) are read; what the folder lacks stays built in.
std::optional<int> load_data(CommonOptions& o) {
  std::string dir = o.data;
  std::string from = "--data";
  if (dir.empty())
    if (const char* env = std::getenv(kDataEnv); env && *env) {
      dir = env;
      from = kDataEnv;
    }
  if (dir.empty()) return std::nullopt;
  auto fail = [&](const std::string& message) {
    report(fmt::format("{}: {} {}: {}", o.program, from, utf8::visible(dir), message));
    return kUsage;
  };
  std::error_code ec;
  if (!std::filesystem::is_directory(dir, ec)) return fail("not a folder");
  auto places = gazetteer::Gazetteer::with_overlay(dir);
  if (!places) return fail(places.error().message);
  o.gazetteer = std::make_shared<const gazetteer::Gazetteer>(std::move(places).value());
  const std::string words = (std::filesystem::path(dir) / "lexicon").string();
  if (std::filesystem::is_directory(words, ec)) {
    auto lex = lexicon::Lexicon::with_overlay(words);
    if (!lex) return fail(lex.error().message);
    o.lexicon = std::make_shared<const lexicon::Lexicon>(std::move(lex).value());
  }
  return std::nullopt;
}
}  // namespace

std::optional<int> parse_command_line(CLI::App& app, CommonOptions& o, int argc, char** argv) {
  try {
    app.parse(argc, argv);
  } catch (const CLI::CallForHelp& e) {
    std::cout << app.help();
    return kOk;
  } catch (const CLI::CallForAllHelp& e) {
    std::cout << app.help("", CLI::AppFormatMode::All);
    return kOk;
  } catch (const CLI::CallForVersion& e) {
    std::cout << e.what() << "\n";
    return kOk;
  } catch (const CLI::ParseError& e) {
    std::cerr << app.get_name() << ": " << utf8::visible(e.what()) << "\n"
              << "Run with --help for the options.\n";
    return kUsage;
  }
  // JSON text is Unicode already: an encoding cannot apply to it.
  if (const CLI::Option* jsonl = app.get_option_no_throw("--jsonl-in");
      jsonl && jsonl->count() > 0 && app.get_option_no_throw("--encoding") &&
      app.get_option("--encoding")->count() > 0) {
    std::string name = app.get_option("--encoding")->as<std::string>();
    std::transform(name.begin(), name.end(), name.begin(), ::toupper);
    if (name != "UTF-8" && name != "UTF8") {
      std::cerr << app.get_name() << ": --encoding does not apply to --jsonl-in (JSON Lines are "
                                     "UTF-8 and their \"text\" is Unicode already); convert the "
                                     "corpus to UTF-8 first (iconv -f GB18030 -t UTF-8)\n";
      return kUsage;
    }
  }
  if (auto code = load_data(o)) return code;
  // Temporary files go away on SIGINT, SIGTERM, SIGHUP and SIGPIPE too.
  cleanup::install_signal_handlers();
  return std::nullopt;
}

std::unique_ptr<print::Output> open_output(const CommonOptions& o) {
  auto out = print::Output::open(o.output);
  if (!out) {
    report(out.error().describe());
    return nullptr;
  }
  // SIGPIPE ignored (trap '' PIPE): a closed pipe ends the run all the same.
  out.value()->on_closed_pipe([] { cleanup::exit_closed_pipe(); });
  return std::move(out).value();
}

int finish_output(print::Sink* sink, print::Output& out, const Tally& tally) {
  if (tally.read == 0 && tally.failed > 0) {
    // Nothing could be read: an empty output is no better than what is there.
    if (out.is_file())
      report(fmt::format("{}: not written, since no input could be read{}", out.path(),
                         std::filesystem::exists(out.path()) ? "; the file is as it was" : ""));
    return kInputFailed;
  }
  if (sink) {
    if (auto done = sink->finish(); !done) {
      report(done.error().describe());
      return kInputFailed;  // the Output is not committed: an old file stays
    }
  }
  if (auto ok = out.commit(); !ok) {
    report(ok.error().describe());
    return kInputFailed;
  }
  return tally.failed ? kInputFailed : kOk;
}

void report(const std::string& name, const Error& error) {
  std::cerr << fmt::format("{}: {}\n", utf8::visible(name), utf8::visible(error.describe()));
}

void report(const std::string& message) { std::cerr << utf8::visible(message) << "\n"; }

int effective_jobs(int requested) {
  if (requested > 0) return requested;
  unsigned n = std::thread::hardware_concurrency();
  return n ? static_cast<int>(n) : 1;
}

Tally read_extract_records(const std::vector<std::string>& files,
                           const std::function<void(DocumentRecord&)>& fn,
                           std::size_t max_size) {
  Tally tally;
  for (const std::string& path : files) {
    const std::string name = path == "-" ? "<stdin>" : utf8::escape_invalid(path);
    auto file = text::LineFile::open(path, max_size);
    if (!file) {
      report(name, file.error());
      ++tally.failed;
      continue;
    }
    std::string line;
    while (true) {
      const auto status = file.value()->next(line);
      if (status == text::LineReader::Status::end) break;
      if (status != text::LineReader::Status::line) {
        // A line past --max-size (skipped), or a read error (the rest lost).
        report(name, file.value()->error());
        ++tally.failed;
        continue;
      }
      if (utf8::trim(line).empty()) continue;
      auto r = report::record_from_json(line);
      if (!r) {
        report(name, Error::at_line(r.error().message, file.value()->line_number()));
        ++tally.failed;
        continue;
      }
      fn(r.value());
      ++tally.read;
    }
  }
  return tally;
}

namespace {

// A fixed pool of workers taking tasks from a queue.
class Pool {
 public:
  explicit Pool(int n) {
    for (int i = 0; i < n; ++i) threads_.emplace_back([this] { loop(); });
  }
  ~Pool() {
    {
      std::lock_guard<std::mutex> lock(mu_);
      done_ = true;
    }
    cv_.notify_all();
    for (auto& t : threads_) t.join();
  }
  void submit(std::function<void()> task) {
    {
      std::lock_guard<std::mutex> lock(mu_);
      tasks_.push_back(std::move(task));
    }
    cv_.notify_one();
  }

 private:
  void loop() {
    while (true) {
      std::function<void()> task;
      {
        std::unique_lock<std::mutex> lock(mu_);
        cv_.wait(lock, [this] { return done_ || !tasks_.empty(); });
        if (tasks_.empty()) return;
        task = std::move(tasks_.front());
        tasks_.pop_front();
      }
      task();
    }
  }
  std::vector<std::thread> threads_;
  std::deque<std::function<void()>> tasks_;
  std::mutex mu_;
  std::condition_variable cv_;
  bool done_ = false;
};

// Takes the input's bytes: decoding consumes them, so that a large document
// is not held twice while it is analysed.
Mapped process(text::RawInput& raw, const std::string& encoding,
               const std::function<Mapped(const text::Document&)>& work) {
  const std::size_t size = raw.bytes.size();
  if (raw.error) return Mapped{raw.name, raw.error, {}, {}, 0};
  if (!raw.from_json)
    if (std::string kind = office_file_kind(raw.name, raw.bytes); !kind.empty())
      return Mapped{raw.name,
                    Error::plain(kind + ", not plain text: save it as plain text (.txt, 纯文本) "
                                        "and give that file"),
                    {}, {}, size};
  Mapped m;
  try {
    auto doc = text::to_document(raw, encoding);
    if (!doc) return Mapped{raw.name, doc.error(), {}, {}, size};
    m = work(doc.value());
  } catch (const std::bad_alloc&) {
    // One document too large for the memory left: it fails, the others go on.
    m = Mapped{raw.name,
               Error::plain(fmt::format("out of memory processing this document ({}); "
                                        "a smaller --max-size refuses such documents up front",
                                        text::describe_size(size))),
               {}, {}, 0};
  } catch (const std::exception& e) {
    // The library reports bad input as values; this is a bug or exhaustion.
    m = Mapped{raw.name, Error::plain(fmt::format("internal error: {}", e.what())), {}, {}, 0};
  }
  m.bytes = size;
  return m;
}

// The folders named on the command line, and whether any input came from
// each: one that gave none is reported, with what it holds instead.
class FolderYield {
 public:
  explicit FolderYield(const CommonOptions& o) {
    if (o.jsonl_in) return;  // records are named by their ids, not paths
    for (const std::string& p : o.paths) {
      std::error_code ec;
      if (p != "-" && std::filesystem::is_directory(p, ec)) folders_.push_back({p, false});
    }
  }

  void saw(const std::string& name) {
    for (auto& [folder, seen] : folders_)
      if (!seen && (name == folder || starts_with(name, folder.back() == '/' ? folder : folder + "/")))
        seen = true;
  }

  // Reports each folder no input came from; returns how many.
  std::size_t report_empty() const {
    std::size_t empty = 0;
    for (const auto& [folder, seen] : folders_) {
      if (seen) continue;
      ++empty;
      auto [office, count] = office_files_in(folder);
      report(folder, Error::plain(
                         "no *.txt file in this folder" +
                         (count == 0 ? std::string()
                                     : fmt::format("; it holds {}: save {} as plain text (.txt, "
                                                   "纯文本) first",
                                                   office, count == 1 ? "it" : "them"))));
    }
    return empty;
  }

 private:
  // "3 .docx files, 1 .pdf file" below a folder, and how many in all.
  static std::pair<std::string, std::size_t> office_files_in(const std::string& folder) {
    std::map<std::string, std::size_t> count;
    std::error_code ec;
    std::filesystem::recursive_directory_iterator it(
        folder, std::filesystem::directory_options::skip_permission_denied, ec);
    for (; !ec && it != std::filesystem::recursive_directory_iterator(); it.increment(ec)) {
      if (std::string ext = office_extension(it->path().filename().string()); !ext.empty())
        ++count[ext];
    }
    std::vector<std::string> parts;
    std::size_t all = 0;
    for (const auto& [ext, n] : count) {
      parts.push_back(fmt::format("{} {} file{}", n, ext, n == 1 ? "" : "s"));
      all += n;
    }
    return {join(parts, ", "), all};
  }

  std::vector<std::pair<std::string, bool>> folders_;
};

// Prints one result (or its error) on the calling thread, in input order.
class Finisher {
 public:
  explicit Finisher(const CommonOptions& o) : o_(o), folders_(o) {
    if (Progress::wanted(o.quiet)) progress_.emplace(o.program, o.paths, !o.jsonl_in);
    // Output on the same terminal first erases the progress line.
    stdout_terminal_ = progress_ && output_is_terminal(o);
  }

  void operator()(Mapped& m) {
    folders_.saw(m.name);
    if (m.error) {
      if (progress_) progress_->clear();
      report(m.name, *m.error);
      ++tally_.failed;
    } else {
      if (!m.warning.empty() && !o_.quiet) {
        if (progress_) progress_->clear();
        report(m.name + ": " + m.warning);
      }
      if (stdout_terminal_) progress_->clear();
      if (m.emit) m.emit();
      ++tally_.read;
    }
    if (progress_) progress_->advance(m.bytes);
  }

  Tally done() {
    if (progress_) progress_->clear();
    tally_.failed += folders_.report_empty();
    return tally_;
  }

 private:
  const CommonOptions& o_;
  FolderYield folders_;
  std::optional<Progress> progress_;
  bool stdout_terminal_ = false;
  Tally tally_;
};

}  // namespace

Tally run_ordered(const CommonOptions& o, const std::function<Mapped(const text::Document&)>& work) {
  text::InputStream in(text::InputOptions{o.paths, o.jsonl_in, o.max_size});
  Finisher finish(o);
  const int jobs = effective_jobs(o.jobs);
  if (jobs <= 1) {
    while (auto raw = in.next()) {
      Mapped m = process(*raw, o.encoding, work);
      finish(m);
    }
    return finish.done();
  }
  // Results are printed in input order; at most 4 × jobs + 4 documents are
  // in flight (enough that one long document does not idle the others), so
  // memory stays bounded.
  Pool pool(jobs);
  std::deque<std::future<Mapped>> window;
  std::deque<std::size_t> window_bytes;  // input size of each document in flight
  const std::size_t max_in_flight = static_cast<std::size_t>(jobs) * 4 + 4;
  // Large documents also count by size: a dozen near --max-size must not be
  // held at once.
  const std::size_t max_bytes = std::max<std::size_t>(o.max_size, std::size_t{256} << 20);
  std::size_t bytes_in_flight = 0;
  auto finish_front = [&] {
    Mapped m = window.front().get();
    window.pop_front();
    bytes_in_flight -= window_bytes.front();
    window_bytes.pop_front();
    finish(m);
  };
  while (auto raw = in.next()) {
    auto promise = std::make_shared<std::promise<Mapped>>();
    window.push_back(promise->get_future());
    window_bytes.push_back(raw->bytes.size());
    bytes_in_flight += raw->bytes.size();
    auto input = std::make_shared<text::RawInput>(std::move(*raw));
    pool.submit([promise, input, &o, &work] {
      promise->set_value(process(*input, o.encoding, work));
    });
    while (window.size() >= max_in_flight || (window.size() > 1 && bytes_in_flight > max_bytes))
      finish_front();
  }
  while (!window.empty()) finish_front();
  return finish.done();
}

}  // namespace policy::cli

// Where documents come from: files, folders (every *.txt below them, sorted),
// standard input ("-" or no path at all), and JSON Lines corpora with one
// {"id": "...", "text": "..."} object a line (--jsonl-in).
//
//   InputStream in({.paths = {"docs/", "a.txt"}});
//   while (auto raw = in.next()) {
//     if (raw->error) { report(raw->name, *raw->error); continue; }
//     Result<Document> doc = to_document(*raw, "");   // "" = detect encoding
//   }
//
// Documents are read one at a time, so memory stays flat however large the
// corpus. A path that cannot be read yields an item with `error` set and the
// stream goes on with the next.
#pragma once

#include <cstddef>
#include <memory>
#include <optional>
#include <string>
#include <vector>

#include "policy/core/result.h"
#include "policy/text/document.h"
#include "policy/text/read.h"

namespace policy::text {

struct InputOptions {
  std::vector<std::string> paths;  // empty means standard input
  bool jsonl = false;              // inputs are JSON Lines corpora
  // A document (or a JSON Lines record) larger than this is an error.
  std::size_t max_size = kDefaultMaxSize;
};

struct RawInput {
  // Path (bytes that are not UTF-8 shown as \xNN: see utf8::escape_invalid),
  // "<stdin>", or the JSON record's id.
  std::string name;
  std::string bytes;           // file bytes, or a JSON record's text (UTF-8)
  bool from_json = false;      // bytes are already decoded text
  std::optional<Error> error;  // set when the input could not be read
  std::size_t ordinal = 0;     // position in the stream, from 0
};

class InputStream {
 public:
  explicit InputStream(InputOptions options);
  ~InputStream();
  InputStream(const InputStream&) = delete;
  InputStream& operator=(const InputStream&) = delete;

  // The next input in order, or nullopt when all are done.
  std::optional<RawInput> next();

 private:
  std::optional<RawInput> next_json_line();
  void expand(const std::string& path);
  void walk(const std::string& root, std::vector<std::string>& found);

  InputOptions options_;
  std::vector<RawInput> pending_errors_;  // folder entries that failed to list
  std::vector<std::string> queue_;        // expanded paths still to read
  std::size_t queue_pos_ = 0;
  bool walked_ = false;                   // queue_ came from walking a folder
  std::size_t path_pos_ = 0;
  std::size_t ordinal_ = 0;
  // The JSON Lines source being read.
  std::unique_ptr<LineFile> json_file_;
  std::string json_name_;
};

// Reads one line of a JSON Lines corpus: {"id": "...", "text": "..."}. The
// result is named by the id (or "source:line" without one); a line that is
// no JSON object, or has no "text" string, gives an item with `error` set.
RawInput parse_json_record(std::string_view line, const std::string& source, std::size_t line_no);

// Decodes a raw input into a Document, taking its bytes (raw.bytes is left
// empty: a large document is never held twice). `encoding` forces an encoding
// ("" to detect); it does not apply to JSON records, which are text already.
Result<Document> to_document(RawInput& raw, const std::string& encoding);

}  // namespace policy::text

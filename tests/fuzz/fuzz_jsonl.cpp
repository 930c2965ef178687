// The JSON Lines reader: bytes split into lines by LineReader (small reads,
// a small --max-size), each line a record with text or an error, never both
// or none; every error names a line inside the input.
#include <algorithm>
#include <cstring>

#include "fuzz_common.h"
#include "policy/text/input.h"
#include "policy/text/read.h"

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  std::string_view bytes(reinterpret_cast<const char*>(data), size);
  // The whole input as one line, as before.
  auto whole = policy::text::parse_json_record(bytes, "fuzz.jsonl", 1);
  fuzz::require(!whole.name.empty(), "a record has a name");
  std::size_t pos = 0;
  policy::text::LineReader reader(
      [&](char* buf, std::size_t n) -> long {
        std::size_t k = std::min<std::size_t>({n, 13, size - pos});
        std::memcpy(buf, bytes.data() + pos, k);
        pos += k;
        return static_cast<long>(k);
      },
      4096);
  std::string line;
  std::size_t lines = 0, newlines = static_cast<std::size_t>(std::count(bytes.begin(), bytes.end(), '\n'));
  while (true) {
    auto status = reader.next(line);
    if (status == policy::text::LineReader::Status::end) break;
    ++lines;
    fuzz::require(reader.line_number() == lines, "lines counted one by one");
    fuzz::require(lines <= newlines + 1, "no more lines than line ends");
    if (status != policy::text::LineReader::Status::line) {
      fuzz::require(reader.error().where == policy::Error::Where::line, "an error names its line");
      continue;
    }
    fuzz::require(line.size() <= 4096 && line.find('\n') == std::string::npos, "a line within the limit");
    auto raw = policy::text::parse_json_record(line, "fuzz.jsonl", lines);
    fuzz::require(!raw.name.empty(), "a record has a name");
    if (raw.error) {
      fuzz::require(raw.bytes.empty(), "no text with an error");
    } else {
      fuzz::require(raw.from_json && fuzz::valid_utf8(raw.bytes), "text is valid UTF-8");
      auto doc = policy::text::to_document(raw, "");
      fuzz::require(doc.ok(), "JSON text always makes a document");
    }
  }
  return 0;
}

// The JSON Lines reader: a record has text or an error, never both or none.
#include "fuzz_common.h"
#include "policy/text/input.h"

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  std::string_view line(reinterpret_cast<const char*>(data), size);
  auto raw = policy::text::parse_json_record(line, "fuzz.jsonl", 1);
  fuzz::require(!raw.name.empty(), "a record has a name");
  if (raw.error) {
    fuzz::require(raw.bytes.empty(), "no text with an error");
  } else {
    fuzz::require(raw.from_json && fuzz::valid_utf8(raw.bytes), "text is valid UTF-8");
    auto doc = policy::text::to_document(raw, "");
    fuzz::require(doc.ok(), "JSON text always makes a document");
  }
  return 0;
}

// The whole pipeline: the record prints as one line of valid JSON with the
// SPEC's keys.
#include <nlohmann/json.hpp>

#include "fuzz_common.h"
#include "policy/extract/extract.h"
#include "policy/print/document_json.h"

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  auto doc = fuzz::document(data, size);
  if (!doc) return 0;
  auto record = policy::extract::analyze(*doc);
  std::string line;
  policy::print::append_document_json(line, record);
  fuzz::require(!line.empty() && line.back() == '\n' && line.find('\n') == line.size() - 1,
                "one line per document");
  auto j = nlohmann::json::parse(line, nullptr, false);
  fuzz::require(!j.is_discarded(), "valid JSON");
  fuzz::require(j.contains("clauses") && j.contains("doc_number") && j.contains("issuers"),
                "SPEC keys");
  return 0;
}

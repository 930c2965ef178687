// Document numbers: normalized form built from the parts, ranges in the text.
#include <fmt/format.h>

#include "fuzz_common.h"
#include "policy/extract/doc_numbers.h"

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  auto doc = fuzz::document(data, size);
  if (!doc) return 0;
  const auto& g = policy::gazetteer::Gazetteer::builtin();
  for (const auto& m : policy::extract::find_doc_numbers(doc->text(), g, fuzz::lexicon())) {
    const auto& d = m.number;
    fuzz::require(m.begin < m.end && m.end <= doc->text().size(), "range inside the text");
    fuzz::require(!d.code.empty(), "a code");
    std::string want = d.year ? fmt::format("{}〔{}〕{}号", d.code, *d.year, d.serial)
                              : fmt::format("{}第{}号", d.code, d.serial);
    fuzz::require(d.normalized == want, "normalized form");
  }
  return 0;
}

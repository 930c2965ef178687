// Numeric targets: finite values, texts that are valid UTF-8 and written
// where their span says.
#include <cmath>

#include "fuzz_common.h"
#include "policy/extract/targets.h"

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  auto doc = fuzz::document(data, size);
  if (!doc) return 0;
  const policy::extract::ClauseText ct(doc->text(), fuzz::lexicon());
  for (const auto& t : policy::extract::find_targets(ct)) {
    fuzz::require(std::isfinite(t.target.value) && t.target.value >= 0, "finite value");
    fuzz::require(fuzz::valid_utf8(t.target.text), "target text");
    fuzz::require(fuzz::span_inside(t.target.at, doc->text()), "target span inside the text");
    fuzz::require(doc->text().substr(t.target.at.begin, t.target.at.end - t.target.at.begin) == t.target.text,
                  "text is written where its span says");
  }
  return 0;
}

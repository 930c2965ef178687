// Numeric targets: finite values, texts that are valid UTF-8 and part of the input.
#include <cmath>

#include "fuzz_common.h"
#include "policy/extract/targets.h"

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  auto doc = fuzz::document(data, size);
  if (!doc) return 0;
  for (const auto& t : policy::extract::find_targets(doc->text())) {
    fuzz::require(std::isfinite(t.target.value) && t.target.value >= 0, "finite value");
    fuzz::require(fuzz::valid_utf8(t.target.text), "target text");
    fuzz::require(doc->text().find(t.target.text) != std::string::npos, "text is written in the input");
  }
  return 0;
}

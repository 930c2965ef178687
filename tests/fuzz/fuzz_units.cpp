// Responsible units: names are non-empty valid UTF-8 without blanks; list
// splitting in both modes never returns an empty name.
#include "fuzz_common.h"
#include "policy/extract/unit_names.h"
#include "policy/extract/units.h"

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  auto doc = fuzz::document(data, size);
  if (!doc) return 0;
  for (const auto& m : policy::extract::find_units(doc->text())) {
    fuzz::require(!m.name.empty() && fuzz::valid_utf8(m.name), "unit name");
    fuzz::require(policy::utf8::squash(m.name) == m.name, "unit names hold no blanks");
  }
  for (auto mode : {policy::extract::ListMode::strict, policy::extract::ListMode::liberal})
    for (const auto& n : policy::extract::split_unit_list(doc->text(), mode))
      fuzz::require(!n.empty() && fuzz::valid_utf8(n), "list piece");
  return 0;
}

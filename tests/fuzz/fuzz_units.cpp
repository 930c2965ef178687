// Responsible units: names are non-empty valid UTF-8 without blanks, where
// they were written; list splitting in both modes never returns an empty name.
#include "fuzz_common.h"
#include "policy/extract/unit_names.h"
#include "policy/extract/units.h"

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  auto doc = fuzz::document(data, size);
  if (!doc) return 0;
  const policy::extract::ClauseText ct(doc->text(), fuzz::lexicon());
  for (const auto& m : policy::extract::find_units(ct)) {
    fuzz::require(!m.name.empty() && fuzz::valid_utf8(m.name), "unit name");
    fuzz::require(policy::utf8::squash(m.name) == m.name, "unit names hold no blanks");
    fuzz::require(fuzz::span_inside(m.at, doc->text()), "unit span inside the text");
  }
  for (auto mode : {policy::extract::ListMode::strict, policy::extract::ListMode::liberal})
    for (const auto& n : policy::extract::split_unit_list(ct, {0, ct.folded().size()}, mode)) {
      fuzz::require(!n.name.empty() && fuzz::valid_utf8(n.name), "list piece");
      fuzz::require(fuzz::span_inside(n.at, doc->text()), "list piece span inside the text");
    }
  return 0;
}

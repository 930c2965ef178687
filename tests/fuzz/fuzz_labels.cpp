// The label recognizer on every line: offsets inside the line and ordered.
#include "fuzz_common.h"
#include "policy/structure/label.h"

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  auto doc = fuzz::document(data, size);
  if (!doc) return 0;
  for (std::size_t n = 1; n <= doc->line_count(); ++n) {
    std::string_view line = doc->line(n);
    auto l = policy::structure::recognize_label(line);
    if (!l) continue;
    fuzz::require(l->begin <= l->end && l->end <= l->body && l->body <= line.size(),
                  "label offsets ordered and inside the line");
    fuzz::require(!l->text.empty() && fuzz::valid_utf8(l->text), "label text");
    fuzz::require(fuzz::valid_utf8(policy::structure::heading_after(line, *l)), "heading");
    std::size_t next = policy::structure::next_label_on_line(line, *l);
    fuzz::require(next == std::string_view::npos || (next > l->begin && next < line.size()),
                  "a second label lies later on the line");
  }
  return 0;
}

// Deadlines: every date is YYYY, YYYY-MM, YYYY-MM-DD or "ongoing".
#include "fuzz_common.h"
#include "policy/extract/deadlines.h"

namespace {
bool well_formed(const std::string& d) {
  if (d == "ongoing") return true;
  auto digits = [&](std::size_t a, std::size_t n) {
    for (std::size_t i = a; i < a + n; ++i)
      if (i >= d.size() || d[i] < '0' || d[i] > '9') return false;
    return true;
  };
  if (d.size() == 4) return digits(0, 4);
  if (d.size() == 7) return digits(0, 4) && d[4] == '-' && digits(5, 2);
  if (d.size() == 10) return digits(0, 4) && d[4] == '-' && digits(5, 2) && d[7] == '-' && digits(8, 2);
  return false;
}
}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  auto doc = fuzz::document(data, size);
  if (!doc) return 0;
  const policy::extract::ClauseText ct(doc->text(), fuzz::lexicon());
  for (auto year : {std::optional<int>(), std::optional<int>(2024)})
    for (const auto& d : policy::extract::find_deadlines(ct, year)) {
      fuzz::require(well_formed(d.deadline.date), "date shape");
      fuzz::require(fuzz::valid_utf8(d.deadline.text), "deadline text");
      fuzz::require(fuzz::span_inside(d.deadline.at, doc->text()), "deadline span inside the text");
      fuzz::require(doc->text().substr(d.deadline.at.begin, d.deadline.at.end - d.deadline.at.begin) ==
                        d.deadline.text,
                    "text is written where its span says");
    }
  return 0;
}

// Checks of what people type and hints about what they give: dates, names,
// files that are not plain text. The programs turn these into usage errors
// (exit 2) and messages.
//
//   is_partial_date("2025-13")                          -> false
//   closest_names("武汉市市场监管局", known, 3)          -> {"市市场监管局", …}
//   office_file_kind("通知.docx", bytes)                 -> "a Word document (.docx)"
#pragma once

#include <cstddef>
#include <set>
#include <string>
#include <string_view>
#include <vector>

namespace policy::cli {

// Whether `s` is YYYY, YYYY-MM or YYYY-MM-DD naming a real month and day
// (2024-02-29 is one, 2025-02-29 and 2025-13 are not).
bool is_partial_date(std::string_view s);

// Up to `n` names of `known`, the closest to `want` first: fewest characters
// to change, and a name that contains `want` (or is contained in it) before
// one that does not; ties in name order.
std::vector<std::string> closest_names(std::string_view want, const std::set<std::string>& known,
                                       std::size_t n = 5);

// What a file is when its bytes are a Word, WPS, RTF or PDF file rather than
// text ("a Word document (.docx)", "a PDF file"); empty for anything else.
std::string office_file_kind(std::string_view name, std::string_view bytes);

// ".docx" for 通知.DOCX: the extension, in lower case, when it is .doc,
// .docx, .wps, .pdf or .rtf (what a folder holds instead of text when people
// save from Word or WPS); empty otherwise.
std::string office_extension(std::string_view name);

}  // namespace policy::cli

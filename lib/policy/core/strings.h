// Small string helpers shared across the library.
//
//   join({"市商务局", "市发改委"}, "、")   -> "市商务局、市发改委"
#pragma once

#include <string>
#include <string_view>
#include <vector>

namespace policy {

inline std::string join(const std::vector<std::string>& parts, std::string_view sep) {
  std::string out;
  for (std::size_t i = 0; i < parts.size(); ++i) {
    if (i) out += sep;
    out += parts[i];
  }
  return out;
}

}  // namespace policy

// Shared by the libFuzzer targets: turn fuzz bytes into a decoded document,
// and fail loudly (abort, so libFuzzer saves the input) when an invariant breaks.
#pragma once

#include <cstdio>
#include <cstdlib>
#include <optional>
#include <string>
#include <string_view>

#include "policy/text/document.h"
#include "policy/text/utf8.h"

namespace fuzz {

inline std::optional<policy::text::Document> document(const uint8_t* data, size_t size) {
  std::string_view bytes(reinterpret_cast<const char*>(data), size);
  auto d = policy::text::load_document("fuzz.txt", bytes);
  if (!d) return std::nullopt;
  return std::move(d).value();
}

inline void require(bool ok, const char* what) {
  if (!ok) {
    std::fprintf(stderr, "invariant broken: %s\n", what);
    std::abort();
  }
}

inline bool valid_utf8(std::string_view s) {
  return policy::utf8::first_invalid(s) == std::string_view::npos;
}

}  // namespace fuzz

// Shared by the libFuzzer targets: turn fuzz bytes into a decoded document,
// and fail loudly (abort, so libFuzzer saves the input) when an invariant breaks.
#pragma once

#include <cstdio>
#include <cstdlib>
#include <optional>
#include <string>
#include <string_view>

#include "policy/core/record.h"
#include "policy/lexicon/lexicon.h"
#include "policy/text/document.h"
#include "policy/text/utf8.h"

namespace fuzz {

inline std::optional<policy::text::Document> document(const uint8_t* data, size_t size) {
  std::string_view bytes(reinterpret_cast<const char*>(data), size);
  auto d = policy::text::load_document("fuzz.txt", std::string(bytes));
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

// A span of an item lies inside its text, on character boundaries.
inline bool span_inside(const policy::Span& s, std::string_view text) {
  auto boundary = [&](std::size_t p) {
    return p == text.size() || (static_cast<unsigned char>(text[p]) & 0xC0) != 0x80;
  };
  return s.begin <= s.end && s.end <= text.size() && boundary(s.begin) && boundary(s.end);
}

inline const policy::lexicon::Lexicon& lexicon() { return policy::lexicon::Lexicon::builtin(); }

}  // namespace fuzz

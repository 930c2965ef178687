// A normalized view of text for pattern matching, mapped back to the text as
// written. Each code point is folded on its own with NFKC: full-width digits,
// letters and brackets become ASCII (（１）→ (1), ：→ :, ％→ %), U+3000 becomes
// a space, ﹒ becomes '.', ① becomes 1. 〔〕、。《》【】 stay as they are.
//
//   Folded f(original);
//   re2::RE2::PartialMatch(f.text(), re, &m);           // match folded
//   size_t o = f.to_original(m.data() - f.text().data()); // where it was written
#pragma once

#include <cstddef>
#include <cstdint>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include "policy/text/utf8.h"

namespace policy::text {

// Folds one code point; returns false (and leaves out alone) when NFKC keeps it.
bool fold_code_point(char32_t c, std::string& out);

// Whether a BMP code point folds: one bit each (8 KB), for loops that read
// every character.
const std::uint64_t* folding_bits();

// The fold of a code point when it is a single code point (（ -> (, １ -> 1,
// U+3000 -> ' '); the code point itself otherwise. One table lookup.
char32_t fold_single(char32_t c);

class Folded {
 public:
  Folded() = default;
  explicit Folded(std::string_view original);
  // Folds and hands every code point of the folded text to
  // on_char(c, folded_begin, folded_end) as it goes: one pass that both folds
  // and reads (ClauseText's scan). on_char must not read text() meanwhile.
  template <class OnChar>
  Folded(std::string_view original, OnChar&& on_char);

  const std::string& text() const { return text_; }
  // Byte offset in the original for a byte offset in the folded text. An
  // offset inside the expansion of one character (㈠ folds to "(一)") maps to
  // that character's start, or with `end` set to its end, so a range
  // [to_original(b), to_original(e, true)) never cuts a character.
  std::size_t to_original(std::size_t folded_offset, bool end = false) const;
  // The folded offset of an original offset (inverse of to_original at
  // character boundaries).
  std::size_t to_folded(std::size_t original_offset) const;

  // Rewrites stretches of the folded text (an OCR slip 负-责 read as 负责);
  // each maps back to the whole stretch as written. Edits are in order and
  // do not overlap.
  struct Edit {
    std::size_t begin, end;  // folded offsets
    std::string_view with;
  };
  void rewrite(const std::vector<Edit>& edits);

 private:
  // One folded character: where it stands in each text.
  struct Fold {
    std::uint32_t folded_begin, folded_end, original_begin, original_end;
  };
  std::string text_;
  std::vector<Fold> folds_;  // in order
};

template <class OnChar>
Folded::Folded(std::string_view s, OnChar&& on_char) {
  text_.reserve(s.size() + 16);
  folds_.reserve(s.size() / 64 + 4);  // about one character in 26 folds in policy texts
  const std::uint64_t* folds = folding_bits();
  const auto* p = reinterpret_cast<const unsigned char*>(s.data());
  const std::size_t n = s.size();
  std::size_t i = 0;
  std::size_t run = 0;    // start of the stretch not yet copied (it folds to itself)
  std::size_t shift = 0;  // folded offset minus original offset in that stretch (mod 2^64)
  while (i < n) {
    const std::size_t start = i;
    char32_t c = p[i];
    if (c < 0x80) {
      ++i;
    } else {
      c = utf8::next(s, i);
      if (c < 0x10000 && ((folds[c >> 6] >> (c & 63)) & 1)) {
        text_.append(s.data() + run, start - run);
        const std::size_t folded_begin = text_.size();
        fold_code_point(c, text_);
        folds_.push_back({static_cast<std::uint32_t>(folded_begin), static_cast<std::uint32_t>(text_.size()),
                          static_cast<std::uint32_t>(start), static_cast<std::uint32_t>(i)});
        run = i;
        shift = text_.size() - i;
        for (std::size_t k = folded_begin; k < text_.size();) {
          const std::size_t at = k;
          const char32_t f = utf8::next(text_, k);
          on_char(f, at, k);
        }
        continue;
      }
    }
    on_char(c, start + shift, i + shift);
  }
  text_.append(s.data() + run, n - run);
}

// Folds and returns only the text (no offset map).
std::string fold(std::string_view original);

}  // namespace policy::text

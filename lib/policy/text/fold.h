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

namespace policy::text {

// Folds one code point; returns false (and leaves out alone) when NFKC keeps it.
bool fold_code_point(char32_t c, std::string& out);

// The fold of a code point when it is a single code point (（ -> (, １ -> 1,
// U+3000 -> ' '); the code point itself otherwise. One table lookup.
char32_t fold_single(char32_t c);

class Folded {
 public:
  Folded() = default;
  explicit Folded(std::string_view original);

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

// Folds and returns only the text (no offset map).
std::string fold(std::string_view original);

}  // namespace policy::text

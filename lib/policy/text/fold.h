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
// Lead bytes E0–EF of three-byte sequences under which no code point folds,
// bit k for lead E0+k (E4–E9: the CJK ideographs, most of a policy text).
std::uint16_t inert_leads();

// The fold of a code point when it is a single code point (（ -> (, １ -> 1,
// U+3000 -> ' '); the code point itself otherwise. One table lookup.
char32_t fold_single(char32_t c);
// fold_single's table, per BMP code point, for loops that read every character.
const char32_t* single_folds();

class Folded {
 public:
  Folded() = default;
  explicit Folded(std::string_view original);
  class Builder;

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

// Builds a Folded while the caller reads the original itself, one character
// at a time (ClauseText's scan, which folds and reads in one pass). A
// character that folds to itself costs nothing here; the caller asks
// folding_bits() and hands fold() each one that does.
//
//   Folded f;
//   Folded::Builder b(f, original);
//   … for each character c at original [start, end):
//     if (it folds) { begin = b.fold(c, start, end); read b.text() from begin }
//     else          { it stands at folded [b.folded(start), b.folded(end)) }
//   b.finish();
class Folded::Builder {
 public:
  Builder(Folded& out, std::string_view original) : out_(out), original_(original) {
    out_.text_.clear();
    out_.folds_.clear();
    out_.text_.reserve(original.size() + 16);
    out_.folds_.reserve(original.size() / 64 + 4);  // about one character in 26 folds in policy texts
  }
  // Where original offset `at`, after the last fold, stands in the folded text.
  std::size_t folded(std::size_t at) const { return at + shift_; }
  // Appends the fold of c, written at original [start, end), and returns
  // where it begins in text(); it ends at text().size().
  std::size_t fold(char32_t c, std::size_t start, std::size_t end) {
    out_.text_.append(original_.data() + run_, start - run_);
    const std::size_t begin = out_.text_.size();
    fold_code_point(c, out_.text_);
    out_.folds_.push_back({static_cast<std::uint32_t>(begin), static_cast<std::uint32_t>(out_.text_.size()),
                           static_cast<std::uint32_t>(start), static_cast<std::uint32_t>(end)});
    run_ = end;
    shift_ = out_.text_.size() - end;  // mod 2^64: a fold may be shorter than what it replaces
    return begin;
  }
  // fold() for a character whose fold is the one ASCII character f (，-> ,):
  // the same, without the fold table. Returns where f stands in text().
  std::size_t fold_to_ascii(char f, std::size_t start, std::size_t end) {
    std::string& t = out_.text_;
    t.append(original_.data() + run_, start - run_);
    const std::size_t begin = t.size();
    t.push_back(f);
    out_.folds_.push_back({static_cast<std::uint32_t>(begin), static_cast<std::uint32_t>(begin + 1),
                           static_cast<std::uint32_t>(start), static_cast<std::uint32_t>(end)});
    run_ = end;
    shift_ = begin + 1 - end;  // mod 2^64, as in fold()
    return begin;
  }
  // The folded text through the last fold (not the stretch after it).
  const std::string& text() const { return out_.text_; }
  // After the last character.
  void finish() { out_.text_.append(original_.data() + run_, original_.size() - run_); }

 private:
  Folded& out_;
  std::string_view original_;
  std::size_t run_ = 0;    // start of the stretch not yet copied (it folds to itself)
  std::size_t shift_ = 0;  // folded offset minus original offset in that stretch
};

// Folds and returns only the text (no offset map).
std::string fold(std::string_view original);

// Appends s folded and without blanks (utf8::squash(fold(s))) to out, a
// character at a time; returns false, out unfinished, as soon as out holds
// more than `limit` bytes. For "does this line hold nothing but…" checks,
// which then cost no more on a line of megabytes than on a short one.
bool append_bare_folded(std::string_view s, std::string& out, std::size_t limit);

}  // namespace policy::text

// The text of one clause, read once for every extractor: the folded view
// with its map back to the text as written, and what one pass over it finds
// — the lexicon's trigger words, numbers, brackets, sentences and 《titles》.
// Every extractor is find_X(const ClauseText&, const Lexicon&, …) and returns
// items with their spans.
//
//   ClauseText ct("（牵头单位：市商务局；完成时限：2025年4月）", lexicon);
//   ct.folded()                              -> "(牵头单位:市商务局;完成时限:2025年4月)"
//   ct.hits(Class::role_label)               -> 牵头单位 at folded [1, 13)
//   ct.numbers()                             -> 2025, 4
//   ct.brackets()                            -> [0, end)
//   ct.original_span(b, e)                   -> the same place in the text as written
//
// Offsets are bytes of the folded text unless a name says "original".
#pragma once

#include <cstddef>
#include <array>
#include <cstdint>
#include <span>
#include <string>
#include <string_view>
#include <vector>

#include "policy/core/record.h"
#include "policy/lexicon/lexicon.h"
#include "policy/text/fold.h"

namespace policy::extract {

// A stretch of folded text, [begin, end).
struct Range {
  std::size_t begin = 0, end = 0;
  bool contains(std::size_t p) const { return p >= begin && p < end; }
  bool empty() const { return end <= begin; }
};

// A lexicon word found in the clause.
struct Hit {
  std::uint32_t begin, end;
  lexicon::Class cls;
  std::uint8_t value;  // the row's value (a UnitRole, a TargetOp…)
};

// A run of digits (1200, 1.5) or of Chinese numerals (二十, 两万, 二〇二五).
struct NumberRun {
  std::uint32_t begin, end;
  bool arabic;
};

// A bracket pair ( ) at the top level; one never closed runs to the end of
// its line and is `closed == false`.
struct Bracket {
  std::uint32_t begin, end;  // '(' to just after ')' (or the line end)
  bool closed;
  // The content, without the brackets.
  Range inner() const { return {begin + 1u, closed ? end - 1u : end}; }
};

class ClauseText {
 public:
  ClauseText(std::string_view original, const lexicon::Lexicon& lexicon);
  // Leaves its storage to the next ClauseText this thread builds.
  ~ClauseText();
  ClauseText(const ClauseText&) = delete;
  ClauseText& operator=(const ClauseText&) = delete;

  std::string_view original() const { return original_; }
  const std::string& folded() const { return folded_.text(); }
  const text::Folded& folded_view() const { return folded_; }
  std::string_view folded(Range r) const { return std::string_view(folded()).substr(r.begin, r.end - r.begin); }
  const lexicon::Lexicon& lexicon() const { return lexicon_; }

  // Original offsets for folded ones; a range never cuts a character.
  std::size_t to_original(std::size_t folded_offset, bool end = false) const {
    return folded_.to_original(folded_offset, end);
  }
  std::size_t to_folded(std::size_t original_offset) const { return folded_.to_folded(original_offset); }
  Span original_span(std::size_t folded_begin, std::size_t folded_end) const;
  // The text as written between two folded offsets.
  std::string_view original_text(std::size_t folded_begin, std::size_t folded_end) const;

  // Every hit of one class, by begin (longer first at one begin).
  std::span<const Hit> hits(lexicon::Class c) const;
  const std::vector<NumberRun>& numbers() const { return numbers_; }
  const std::vector<Bracket>& brackets() const { return brackets_; }
  // The top-level bracket holding folded offset p (strictly inside), or null.
  const Bracket* bracket_at(std::size_t p) const;
  // Sentences: split after 。！？； and line breaks outside brackets; a
  // bracket that opens right after a sentence end belongs to that sentence.
  const std::vector<Range>& sentences() const { return sentences_; }
  std::size_t sentence_index(std::size_t p) const;
  // Inside 《…》 (a title: numbers there are part of it).
  bool in_title(std::size_t p) const;

 private:
  struct Scan;  // reads the folded text one character at a time
  void read(std::vector<std::uint32_t>& bracket_marks);
  void fold_and_scan(std::vector<std::uint32_t>& bracket_marks);
  void finish_scan(std::vector<std::uint32_t>& bracket_marks);

  std::string_view original_;
  const lexicon::Lexicon& lexicon_;
  text::Folded folded_;
  std::vector<Hit> hits_;  // grouped by class, then by begin
  std::array<std::uint32_t, lexicon::kClassCount + 1> class_begin_{};  // per class, into hits_
  std::vector<NumberRun> numbers_;
  std::vector<Bracket> brackets_;
  std::vector<Range> sentences_;
  std::vector<Range> titles_;
};

}  // namespace policy::extract

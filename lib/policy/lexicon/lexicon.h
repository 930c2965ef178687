// The vocabulary of the extractors: role words, comparison words, units of
// measure, deadline words, column and header keys, the words unit names are
// made of… read from data/lexicon/*.tsv (each file documents its columns).
// Code holds the grammar; every word it looks for is here, so a user adds a
// local role phrase or operator without recompiling (--data DIR).
//
//   const Lexicon& lex = Lexicon::builtin();
//   lex.words(Class::name_suffix).ends("市商务局")          -> "局"
//   lex.words(Class::op_before).ends("贴息期不超过")        -> "不超过" (value: TargetOp::le)
//   lex.matcher().scan(folded, …)                          // role, deadline, award, verb words
//
// Every word is stored folded (text::fold: （牵头） -> (牵头), ： -> :), and
// every query takes folded text: the extractors work on the folded view of a
// clause and map positions back to the text as written.
#pragma once

#include <array>
#include <cstddef>
#include <cstdint>
#include <optional>
#include <span>
#include <string>
#include <string_view>
#include <unordered_map>
#include <vector>

#include "policy/core/result.h"
#include "policy/text/phrase_matcher.h"
#include "policy/text/utf8.h"

namespace policy::lexicon {

// One class per (file, kind) of data/lexicon. The comment names the file.
enum class Class : std::uint8_t {
  // roles.tsv, by form; value: UnitRole (or kNoRole)
  role_label, role_suffix, role_bracket, role_mark, role_block, role_duty, role_section,
  // operators.tsv, by position; value: TargetOp
  op_before, op_adjacent, op_after, op_inside, op_bound,
  // measures.tsv; value: MeasureKind
  measure, measure_not, measure_tail,
  // targets.tsv
  award_before, award_after, award_qualifier, award_giver, award_cap, threshold_before, verb, noun, noun_tail, between, preposition,
  describes_before, text_part, target_validity, population, scope, change_from, change_to, change_base,
  per, slogan, plan_name, span_before,
  // names.tsv
  name_suffix, name_bare, name_generic, name_generic_start, name_collective, name_admin,
  name_place_end, name_etc_tail, name_etc_word, name_joiner, name_opener, name_head, name_branch_tail,
  name_not, name_partner, name_whole, name_branch_head, name_never,
  // deadlines.tsv
  deadline_slot, deadline_ongoing, deadline_to, deadline_span, deadline_recurring, deadline_year_end,
  deadline_window,
  // columns.tsv; value: ColumnKind
  column,
  // headers.tsv; value: HeaderField
  header_key,
  // markers.tsv
  marker_draft, marker_publication, marker_adoption, marker_joint_tail, marker_masthead,
  marker_body_start, marker_title_end,
  // doc_numbers.tsv
  code_lead, order_body,
  // slips.tsv; value: index of the word meant (Lexicon::slip_meaning)
  slip,
  // validity.tsv
  validity_start_verb, validity_start_event, validity_until, validity_term, validity_period,
  validity_in_force, validity_expired,
};
constexpr std::size_t kClassCount = static_cast<std::size_t>(Class::validity_expired) + 1;

// names.tsv's kind `partner-joiner`: a joiner (会同) after which a generic
// partner (相关单位) names nobody; the value of its name_joiner word.
constexpr std::uint8_t kJoinerBeforePartner = 1;

// roles.tsv's role `none` (block rows).
constexpr std::uint8_t kNoRole = 3;

enum class MeasureKind : std::uint8_t {
  count, percent, money, time, area, volume, energy, length, weight, score, age, times, rate, session
};
enum class ColumnKind : std::uint8_t {
  not_deadline, doc_number, issuer, lead, cooperate, responsible, deadline, not_content
};
enum class HeaderField : std::uint8_t {
  title, issuers, doc_number, date, published, validity_from, validity_until, status, other
};

// The words of one class, for questions about a given piece of text.
class WordSet {
 public:
  struct Word {
    std::string text;     // folded
    std::uint8_t value = 0;
  };
  // A later row for a word already added replaces its value (index() merges them).
  void add(std::string folded, std::uint8_t value);
  void index();  // after the last add

  const std::vector<Word>& all() const { return words_; }
  std::size_t longest() const { return longest_; }  // in bytes
  // The queries below run some 200,000 times a run and most find nothing:
  // the quick no (length, and the filter on the first or last character)
  // is inline, the search behind it is not.
  // The word equal to s.
  [[gnu::always_inline]] const Word* find(std::string_view s) const {
    if (s.size() < shortest_ || s.size() > longest_ || !by_first_.may_hold(first_char(s))) return nullptr;
    return find_indexed(s);
  }
  // The longest word s starts with / ends with.
  [[gnu::always_inline]] const Word* starts(std::string_view s) const {
    const char32_t c = first_char(s);
    return by_first_.may_hold(c) ? search_starts(s, c) : nullptr;
  }
  [[gnu::always_inline]] const Word* ends(std::string_view s) const {
    const char32_t c = last_char(s);
    return by_last_.may_hold(c) ? search_ends(s, c) : nullptr;
  }
  // The longest word s ends with that leaves something before it.
  const Word* ends_after_head(std::string_view s) const;
  // Whether some word occurs anywhere in s.
  bool occurs_in(std::string_view s) const;
  // Whether some word ends with the character c: a quick no before ends()
  // for a caller that already holds the last character of its text.
  bool ends_with_char(char32_t c) const { return !by_last_.at(c).empty(); }
  // Whether some word starts with the character c.
  bool starts_with_char(char32_t c) const { return !by_first_.at(c).empty(); }
  // The filter before that test alone: true for every c a word starts
  // with, and for a few more. For a loop that reads every character.
  bool may_start_with(char32_t c) const { return by_first_.may_hold(c); }

 private:
  // Word indexes keyed by one code point, longest word first. The queries
  // run on every character of every clause, and most characters begin or
  // end no word: a 1024-bit filter says no before any search.
  class CharIndex {
   public:
    void build(const std::vector<std::pair<char32_t, std::uint32_t>>& keyed);  // (code point, word)
    std::span<const std::uint32_t> at(char32_t c) const {
      if (!may_hold(c)) return {};
      return lookup(c);
    }
    bool may_hold(char32_t c) const { return filter_[(c >> 6) & 15] >> (c & 63) & 1; }

   private:
    std::span<const std::uint32_t> lookup(char32_t c) const;
    std::array<std::uint64_t, 16> filter_{};
    std::vector<char32_t> keys_;          // sorted
    std::vector<std::uint32_t> begin_;    // per key, into words_of_ (keys + 1)
    std::vector<std::uint32_t> words_of_;
  };

  // The first / last code point of s (0 for an empty s), as the index keys
  // words: utf8::next and utf8::prev, their common cases (ASCII, a
  // three-byte character) written out here to be inlined with the filter.
  [[gnu::always_inline]] static char32_t first_char(std::string_view s) {
    std::size_t i = 0;
    return s.empty() ? 0 : utf8::next_inline(s, i);
  }
  [[gnu::always_inline]] static char32_t last_char(std::string_view s) {
    const std::size_t n = s.size();
    const auto* p = reinterpret_cast<const unsigned char*>(s.data());
    if (n == 0) return 0;
    if (p[n - 1] < 0x80) return p[n - 1];
    if (n >= 3 && (p[n - 3] & 0xF0) == 0xE0 && p[n - 3] != 0xE0 && p[n - 3] != 0xED &&
        ((p[n - 2] ^ 0x80u) | (p[n - 1] ^ 0x80u)) < 0x40)
      return (char32_t(p[n - 3] & 0x0F) << 12) | (char32_t(p[n - 2] & 0x3F) << 6) | char32_t(p[n - 1] & 0x3F);
    std::size_t i = n;
    return utf8::prev(s, i);
  }
  // The searches behind the quick no: c is s's first / last character.
  const Word* find_indexed(std::string_view s) const;
  std::uint32_t& slot_of(std::string_view s);
  const Word* search_starts(std::string_view s, char32_t first) const;
  const Word* search_ends(std::string_view s, char32_t last) const;

  std::vector<Word> words_;
  CharIndex by_first_, by_last_;
  // find()'s table: word indexes by the hash of their text, open
  // addressing, a power of two long and at most half full (no node per
  // word to allocate at start-up or to follow in a lookup).
  static constexpr std::uint32_t kNoWord = 0xFFFFFFFF;
  std::vector<std::uint32_t> slots_;
  std::size_t shortest_ = 0, longest_ = 0;  // bytes, for a quick no in find()
};

// A row's meaning: phrase ids of the matcher map to one or more of these.
struct Entry {
  Class cls;
  std::uint8_t value;
};

// A row that carries an example the test suite runs (roles, operators).
struct Example {
  Class cls;
  std::uint8_t value;
  std::string phrase;   // as written in the file
  std::string text;     // the example text
  std::string where;    // "roles.tsv: line 12"
};

class Lexicon {
 public:
  // The tables compiled into the programs from data/lexicon.
  static const Lexicon& builtin();
  // The built-in tables plus the rows of the same-named files in `dir`
  // (a folder a user keeps: data/lexicon/roles.tsv and so on). A row for a
  // phrase and class the built-in tables have replaces its value. A bad row
  // is an error naming the file and line. Files that are absent add nothing.
  static Result<Lexicon> with_overlay(const std::string& dir);

  // The file names this lexicon reads, e.g. "roles.tsv".
  static const std::vector<std::string>& file_names();

  const WordSet& words(Class c) const { return sets_[static_cast<std::size_t>(c)]; }
  // The trigger words (roles, deadlines, awards, verbs…) in one automaton.
  const text::PhraseMatcher& matcher() const { return matcher_; }
  std::span<const Entry> entries(std::uint32_t phrase_id) const {
    return {entries_.data() + entry_begin_[phrase_id], entries_.data() + entry_begin_[phrase_id + 1]};
  }
  const std::vector<Example>& examples() const { return examples_; }
  // The word a slip (slips.tsv) stands for.
  const std::string& slip_meaning(std::uint8_t value) const { return slip_meanings_[value]; }

  // Whether a table column's header holds a word of that kind (发文单位
  // holds both an issuer word and a not-deadline word).
  bool column_has(std::string_view folded_header, ColumnKind kind) const;

 private:
  Result<bool> add_file(std::string_view name, std::string_view text, std::string_view shown_as);
  void finish();

  std::array<WordSet, kClassCount> sets_;
  text::PhraseMatcher matcher_;
  // Per matcher phrase id k: entries_[entry_begin_[k], entry_begin_[k + 1]),
  // in one array (the scan reads them at every hit).
  std::vector<Entry> entries_;
  std::vector<std::uint32_t> entry_begin_;
  std::vector<Example> examples_;
  std::vector<std::string> slip_meanings_;
};

// Whether a class's words are looked for by the automaton (the others are
// asked about given pieces of text: WordSet).
bool scanned(Class c);

}  // namespace policy::lexicon

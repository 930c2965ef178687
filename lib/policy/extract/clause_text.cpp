#include "policy/extract/clause_text.h"

#include <algorithm>
#include <bit>
#include <cstring>

#include "policy/core/scratch.h"
#include "policy/core/strings.h"
#include "policy/text/char_kind.h"
#include "policy/text/utf8.h"

namespace policy::extract {

namespace {

// Top-level bracket pairs, ( and ) (the folded forms of （ and ）), from the
// offsets of every '(' and ')' in order; a list inside brackets may wrap over
// lines, and a bracket never closed runs to the end of its line (pairing then
// goes on after that line). Linear in the number of brackets.
void pair_brackets(std::string_view t, const std::vector<std::uint32_t>& marks, std::vector<Bracket>& out) {
  out.clear();
  std::size_t k = 0;
  while (k < marks.size()) {
    int depth = 0;
    std::size_t open = 0;
    for (; k < marks.size(); ++k) {
      const std::uint32_t at = marks[k];
      if (t[at] == '(') {
        if (depth++ == 0) open = at;
      } else if (depth > 0 && --depth == 0) {
        out.push_back({static_cast<std::uint32_t>(open), at + 1u, true});
      }
    }
    if (depth == 0) break;
    std::size_t line_end = t.find('\n', open);
    if (line_end == std::string_view::npos) line_end = t.size();
    // Pairs closed after `open` were found while it was open: redo them.
    while (!out.empty() && out.back().begin > open) out.pop_back();
    out.push_back({static_cast<std::uint32_t>(open), static_cast<std::uint32_t>(line_end), false});
    k = static_cast<std::size_t>(std::lower_bound(marks.begin(), marks.end(), line_end) - marks.begin());
  }
}

// The storage of the last ClauseText this thread destroyed, for the next to
// reuse: most clauses then allocate nothing. Clauses are read one after
// another, so one set is enough; a buffer past kKeepBytes is freed instead,
// so that one huge clause does not stay in memory.
struct Storage {
  text::Folded folded;
  std::vector<Hit> hits;
  std::vector<NumberRun> numbers;
  std::vector<Bracket> brackets;
  std::vector<Range> sentences, titles;
  std::vector<std::uint32_t> marks;
};
thread_local Storage spare;
constexpr std::size_t kKeepBytes = kScratchKeepBytes;  // (policy/core/scratch.h: one bound for every kept buffer)

template <class T>
void take(std::vector<T>& to, std::vector<T>& from) {
  to.swap(from);
  to.clear();
}

template <class T>
void give(std::vector<T>& from, std::vector<T>& to) {
  if (from.capacity() * sizeof(T) <= kKeepBytes && from.capacity() > to.capacity()) to.swap(from);
}

// The code point of a three-byte sequence, its first byte lowest in w.
[[gnu::always_inline]] inline char32_t three_byte(std::uint32_t w) {
  return ((w & 0x0F) << 12) | ((w >> 2) & 0xFC0) | ((w >> 16) & 0x3F);
}

}  // namespace

// One character of folded text at a time, in order: the automaton's step,
// and numbers, brackets, titles and sentences as the character's kind says.
// A local of the loop that reads the clause, every call inlined, so that its
// state stays in registers.
struct ClauseText::Scan {
  ClauseText& ct;
  std::vector<std::uint32_t>& bracket_marks;  // offsets of ( and )
  const text::PhraseMatcher& m;
  text::PhraseMatcher::State state;
  enum { none, arabic, chinese } number = none;
  bool number_has_point = false;
  std::size_t number_start = 0;
  std::size_t point_at = std::string::npos;  // a '.' right after digits: a decimal point if a digit follows
  int depth = 0;                               // for sentences: brackets never cut one
  std::size_t sentence_start = 0, title_open_at = std::string::npos;

  Scan(ClauseText& c, std::vector<std::uint32_t>& marks, std::size_t size)
      : ct(c), bracket_marks(marks), m(c.lexicon_.matcher()), state(m.start()) {
    // Sizes seen in policy texts, so that most clauses allocate once.
    ct.hits_.reserve(size / 24 + 8);
    ct.numbers_.reserve(size / 96 + 4);
    ct.sentences_.reserve(size / 96 + 2);
  }

  // No number open and no point waiting: a plain character only steps the automaton.
  bool idle() const { return number == none && point_at == std::string::npos; }

  [[gnu::always_inline]] void end_number(std::size_t at) {
    if (number == none) return;  // (number_has_point is false then too)
    ct.numbers_.push_back({static_cast<std::uint32_t>(number_start), static_cast<std::uint32_t>(at), number == arabic});
    number = none;
    number_has_point = false;
  }

  // A digit or numeral at `start`: the number of that kind goes on, or one starts.
  [[gnu::always_inline]] void go_on_number(decltype(number) kind, std::size_t start) {
    if (number == kind) return;
    end_number(start);
    number = kind;
    number_start = start;
  }

  // The character c at folded [start, end).
  [[gnu::always_inline]] void operator()(char32_t c, std::size_t start, std::size_t end) {
    const auto [symbol, tag] = m.look_up(c);
    state = m.step_symbol(state, symbol);
    if (m.matching(state)) add_hits(ct, m, state, end);
    const auto kind = static_cast<text::CharKind>(tag);
    if (point_at != std::string::npos) [[unlikely]] {
      // 1.5: the point and the digits after it belong to the number (one point only).
      const std::size_t point = point_at;
      point_at = std::string::npos;
      if (kind == text::CharKind::digit) {
        number_has_point = true;
        return;
      }
      end_number(point);
    }
    switch (kind) {
      case text::CharKind::plain: end_number(start); return;
      case text::CharKind::digit: go_on_number(arabic, start); return;
      case text::CharKind::dot:
        if (number == arabic && !number_has_point) point_at = start;
        else end_number(start);
        return;
      case text::CharKind::cn_numeral: go_on_number(chinese, start); return;
      default: break;
    }
    end_number(start);
    read_mark(kind, start, end);
  }

  // A character of a kind that is no part of a number, at [start, end):
  // brackets, titles and sentence ends.
  [[gnu::always_inline]] void read_mark(text::CharKind kind, std::size_t start, std::size_t end) {
    switch (kind) {
      case text::CharKind::open:
        ++depth;
        bracket_marks.push_back(static_cast<std::uint32_t>(start));
        break;
      case text::CharKind::close:
        if (depth > 0) --depth;
        bracket_marks.push_back(static_cast<std::uint32_t>(start));
        break;
      case text::CharKind::title_open: title_open_at = start; break;
      case text::CharKind::title_close:
        if (title_open_at != std::string::npos) ct.titles_.push_back({title_open_at, end});
        title_open_at = std::string::npos;
        break;
      case text::CharKind::sentence_end:
        if (depth == 0) {
          ct.sentences_.push_back({sentence_start, end});
          sentence_start = end;
        }
        break;
      default: break;
    }
  }

  // The phrases that end at `end` (rare: out of the loop's way, and static
  // so that the scan's own address never leaves the loop).
  [[gnu::noinline]] static void add_hits(ClauseText& ct, const text::PhraseMatcher& m, text::PhraseMatcher::State state,
                                         std::size_t end) {
    for (std::uint32_t id : m.matches(state)) {
      const auto b = static_cast<std::uint32_t>(end - m.phrase_bytes(id));
      for (const lexicon::Entry& e : ct.lexicon_.entries(id))
        ct.hits_.push_back({b, static_cast<std::uint32_t>(end), e.cls, e.value});
    }
  }

  // After the last character.
  void finish(std::size_t size) {
    if (point_at != std::string::npos) end_number(point_at);
    end_number(size);
    if (sentence_start < size) ct.sentences_.push_back({sentence_start, size});
  }
};

ClauseText::ClauseText(std::string_view original, const lexicon::Lexicon& lexicon)
    : original_(original), lexicon_(lexicon) {
  folded_ = std::move(spare.folded);  // (fold_and_scan clears it)
  take(hits_, spare.hits);
  take(numbers_, spare.numbers);
  take(brackets_, spare.brackets);
  take(sentences_, spare.sentences);
  take(titles_, spare.titles);
  std::vector<std::uint32_t> bracket_marks;
  take(bracket_marks, spare.marks);
  read(bracket_marks);
  give(bracket_marks, spare.marks);
}

ClauseText::~ClauseText() {
  if (folded_.text().capacity() <= kKeepBytes && folded_.text().capacity() > spare.folded.text().capacity())
    spare.folded = std::move(folded_);
  give(hits_, spare.hits);
  give(numbers_, spare.numbers);
  give(brackets_, spare.brackets);
  give(sentences_, spare.sentences);
  give(titles_, spare.titles);
}

void ClauseText::read(std::vector<std::uint32_t>& bracket_marks) {
  const lexicon::Lexicon& lexicon = lexicon_;
  fold_and_scan(bracket_marks);
  finish_scan(bracket_marks);
  // An OCR slip (负-责) is read as the word meant, and the text read again.
  const auto slips = hits(lexicon::Class::slip);
  if (slips.empty()) return;
  std::vector<text::Folded::Edit> edits;
  for (const Hit& h : slips)
    if (edits.empty() || h.begin >= edits.back().end) edits.push_back({h.begin, h.end, lexicon.slip_meaning(h.value)});
  folded_.rewrite(edits);
  hits_.clear();
  numbers_.clear();
  brackets_.clear();
  sentences_.clear();
  titles_.clear();
  bracket_marks.clear();
  const std::string& t = folded_.text();
  Scan scan(*this, bracket_marks, t.size());
  for (std::size_t i = 0; i < t.size();) {
    const std::size_t start = i;
    const char32_t c = utf8::next(t, i);
    scan(c, start, i);
  }
  scan.finish(t.size());
  finish_scan(bracket_marks);
}

// Folds and reads in one pass: each character is decoded once. A function of
// its own, so that the loop's registers are its own.
void ClauseText::fold_and_scan(std::vector<std::uint32_t>& bracket_marks) {
  Scan scan(*this, bracket_marks, original_.size());
  text::Folded::Builder folding(folded_, original_);
  const std::uint64_t* folds = text::folding_bits();
  // Leads whose characters are neither folded, nor overlong (E0), nor
  // surrogates (ED): such a character needs no check but its two
  // continuation bytes.
  const unsigned plain_leads = text::inert_leads() & ~((1u << 0x0) | (1u << 0xD));
  const auto* p = reinterpret_cast<const unsigned char*>(original_.data());
  const std::size_t n = original_.size();
  const bool dense = scan.m.dense();
  const text::PhraseMatcher::DenseView view = dense ? scan.m.dense_view() : text::PhraseMatcher::DenseView{};
  // Leads under which a three-byte character needs no check but whether it
  // folds: all but E0 (overlong forms) and ED (surrogates).
  const unsigned checked_leads = 0xFFFFu & ~((1u << 0x0) | (1u << 0xD));
  const char32_t* singles = text::single_folds();
  for (std::size_t i = 0; i < n;) {
    if (dense && scan.point_at == std::string::npos) {
      // (The lexicon's matcher is dense; its tables and the state are
      // locals here, so that the loops keep them in registers.)
      text::PhraseMatcher::State state = scan.state;
      std::size_t j = i;  // (i's address is taken below; j stays in a register)
      // Four bytes read at once while four remain: a three-byte character
      // is lead 1110xxxx then two 10xxxxxx, tested with one mask. The last
      // three bytes go the general way.
      while (n - j >= 4) {
        if (scan.number == Scan::none) {
          // A run of plain characters (most of a policy text: ideographs
          // that neither fold nor count): no number or bracket can start in
          // it, so only the automaton steps.
          while (n - j >= 4) {
            std::uint32_t w;  // the first byte lowest
            if (n - j >= 8) {
              // Two ideographs at once while eight bytes remain: one test of
              // both sequences' shapes, one of both tags (the usual case).
              std::uint64_t w2;
              std::memcpy(&w2, p + j, 8);
              if constexpr (std::endian::native == std::endian::big) w2 = __builtin_bswap64(w2);
              if ((w2 & 0xC0C0F0C0C0F0) == 0x8080E08080E0) {
                // Both code points decoded at once: the first in bits 0–15,
                // the second in bits 24–39. (Whatever the lead: the raw
                // table holds a character that folds, and what no
                // well-formed sequence gives, with a tag of its own.)
                const std::uint64_t both =
                    ((w2 & 0x0F00000F) << 12) | ((w2 & 0x3F00003F00) >> 2) | ((w2 & 0x3F00003F0000) >> 16);
                const std::uint32_t first = view.raw[both & 0xFFFF];
                const std::uint32_t second = view.raw[(both >> 24) & 0xFFFF];
                if (view.tag_of(first | second) == 0) {
                  state = view.step(state, first);
                  if (view.matching(state)) [[unlikely]]
                    Scan::add_hits(*this, scan.m, state, folding.folded(j + 3));
                  state = view.step(state, second);
                  j += 6;
                  if (view.matching(state)) [[unlikely]]
                    Scan::add_hits(*this, scan.m, state, folding.folded(j));
                  continue;
                }
              }
              w = static_cast<std::uint32_t>(w2);
            } else {
              std::memcpy(&w, p + j, 4);
              if constexpr (std::endian::native == std::endian::big) w = __builtin_bswap32(w);
            }
            std::size_t width;
            std::size_t at;  // in the raw table
            if ((w & 0x80) == 0) {
              at = text::PhraseMatcher::DenseView::kAsciiAt + (w & 0x7F);
              width = 1;
            } else {
              if ((w & 0xC0C0F0) != 0x8080E0) break;
              at = three_byte(w);
              width = 3;
            }
            const std::uint32_t packed = view.raw[at];
            static_assert(static_cast<unsigned>(text::CharKind::plain) == 0);
            if (view.tag_of(packed) != 0) break;  // not plain; when plain, the packed entry is the symbol
            j += width;
            state = view.step(state, packed);
            if (view.matching(state)) [[unlikely]]
              Scan::add_hits(*this, scan.m, state, folding.folded(j));
          }
          if (n - j < 4) break;
        }
        // The next character as the run above stopped at it, or after a
        // digit or numeral: most are read here too — one that folds to one
        // ASCII character (，-> ,), one under a lead where others fold (、
        // under E3), a digit, a bracket, a sentence end. A point (it waits
        // for the next character), a fold to more, and what is not a
        // well-formed ASCII or three-byte character go the general way.
        std::uint32_t w;
        std::memcpy(&w, p + j, 4);
        if constexpr (std::endian::native == std::endian::big) w = __builtin_bswap32(w);
        char32_t c;
        std::size_t width;
        bool folded = false;
        if ((w & 0x80) == 0) {
          c = w & 0x7F;
          width = 1;
        } else {
          if ((w & 0xC0C0F0) != 0x8080E0 || !((checked_leads >> (w & 0x0F)) & 1)) break;
          c = ((w & 0x0F) << 12) | ((w >> 2) & 0xFC0) | ((w >> 16) & 0x3F);
          width = 3;
          if ((folds[c >> 6] >> (c & 63)) & 1) {
            c = singles[c];
            if (c >= 0x80) break;  // (a fold to more, or to one non-ASCII character)
            folded = true;
          }
        }
        const std::uint32_t packed = view.packed_of(c);
        const unsigned tag = view.tag_of(packed);
        if (tag == static_cast<unsigned>(text::CharKind::dot)) break;
        const std::size_t at = folded ? folding.fold_to_ascii(static_cast<char>(c), j, j + width) : folding.folded(j);
        j += width;
        const std::size_t end = folding.folded(j);
        state = view.step(state, view.symbol_of(packed));
        if (view.matching(state)) [[unlikely]]
          Scan::add_hits(*this, scan.m, state, end);
        switch (static_cast<text::CharKind>(tag)) {
          case text::CharKind::digit: scan.go_on_number(Scan::arabic, at); break;
          case text::CharKind::cn_numeral: scan.go_on_number(Scan::chinese, at); break;
          default: scan.end_number(at); scan.read_mark(static_cast<text::CharKind>(tag), at, end); break;
        }
      }
      scan.state = state;
      i = j;
      if (i >= n) break;
    } else if (scan.idle()) {
      // The same for a matcher too large for a dense table (a user's data).
      while (i < n) {
        const unsigned b = p[i];
        char32_t c = b;
        std::size_t next = i + 1;
        if (b >= 0x80) {
          if ((b & 0xF0) != 0xE0 || !((plain_leads >> (b & 0x0F)) & 1) || i + 3 > n ||
              ((p[i + 1] ^ 0x80) | (p[i + 2] ^ 0x80)) >= 0x40)
            break;
          c = ((b & 0x0F) << 12) | (char32_t(p[i + 1] & 0x3F) << 6) | char32_t(p[i + 2] & 0x3F);
          next = i + 3;
        }
        const auto [symbol, tag] = scan.m.look_up(c);
        if (static_cast<text::CharKind>(tag) != text::CharKind::plain) break;
        i = next;
        scan.state = scan.m.step_symbol(scan.state, symbol);
        if (scan.m.matching(scan.state)) Scan::add_hits(*this, scan.m, scan.state, folding.folded(i));
      }
      if (i >= n) break;
    }
    const std::size_t start = i;
    char32_t c = p[i];
    if (c < 0x80) {
      ++i;
    } else if ((c & 0xF0) == 0xE0 && ((plain_leads >> (c & 0x0F)) & 1) && i + 3 <= n &&
               ((p[i + 1] ^ 0x80) | (p[i + 2] ^ 0x80)) < 0x40) {
      c = ((c & 0x0F) << 12) | (char32_t(p[i + 1] & 0x3F) << 6) | char32_t(p[i + 2] & 0x3F);
      i += 3;
    } else {
      c = utf8::next(original_, i);
      if (c < 0x10000 && ((folds[c >> 6] >> (c & 63)) & 1)) [[unlikely]] {
        // Read what it folds to: （ -> (, ㈠ -> (一).
        const std::string& t = folding.text();
        for (std::size_t k = folding.fold(c, start, i); k < t.size();) {
          const std::size_t at = k;
          const char32_t f = utf8::next(t, k);
          scan(f, at, k);
        }
        continue;
      }
    }
    scan(c, folding.folded(start), folding.folded(i));
  }
  folding.finish();
  scan.finish(folded_.text().size());
}

void ClauseText::finish_scan(std::vector<std::uint32_t>& bracket_marks) {
  const std::string& t = folded_.text();
  // Blank sentences go; one that opens with a bracket joins the sentence it
  // follows (…标准体系。（牵头单位：…）), not a line without an end (a table
  // cell before a cell that opens with a label: 市人民政府办公厅\n（二）…).
  std::size_t kept = 0;  // sentences_[0, kept) are merged, in place
  for (const Range s : sentences_) {
    // (Blank and its first character are all that is asked: trimming the
    // left is enough. Most sentences start with an ASCII mark or an
    // ideograph, which no blank starts with: then there is nothing to trim.)
    std::string_view trimmed = folded(s);
    if (const unsigned b = trimmed.empty() ? 0u : static_cast<unsigned char>(trimmed.front());
        !((b > 0x20 && b < 0x80) || (b >= 0xE4 && b <= 0xE9)))
      trimmed = utf8::trim_left(trimmed);
    if (trimmed.empty()) continue;
    if (trimmed.front() == '(' && kept > 0) {
      const std::string_view before = utf8::trim_right(folded(sentences_[kept - 1]));
      if (ends_with(before, "。") || (!before.empty() && (before.back() == ';' || before.back() == '!' ||
                                                        before.back() == '?'))) {
        sentences_[kept - 1].end = s.end;
        continue;
      }
    }
    sentences_[kept++] = s;
  }
  sentences_.resize(kept);

  if (!bracket_marks.empty()) pair_brackets(t, bracket_marks, brackets_);
  // Group the hits by class, each class by begin (the longer first). They
  // come in the order they end: placed class by class in that order (a
  // counting sort over the classes present, a few a clause), each class is
  // nearly in order, and an insertion sort finishes it. (No two hits share
  // class, begin and end, so that any sort gives this one order.)
  std::uint32_t* begins = class_begin_.data();
  const std::size_t count = hits_.size();
  static_assert(lexicon::kClassCount <= 128);
  std::uint64_t present[2] = {0, 0};
  std::array<std::uint32_t, lexicon::kClassCount> next;  // per class present: its count, then where its next hit goes
  for (const Hit& h : hits_) {
    const auto c = static_cast<std::size_t>(h.cls);
    const std::uint64_t bit = std::uint64_t{1} << (c & 63);
    if (!(present[c >> 6] & bit)) {
      present[c >> 6] |= bit;
      next[c] = 0;
    }
    ++next[c];
  }
  // Where each class begins: the first hit of its class, or of the next
  // class present.
  std::size_t unset = 0;  // class_begin_[0, unset) are set
  std::uint32_t at = 0;
  for (std::size_t word = 0; word < 2; ++word)
    for (std::uint64_t m = present[word]; m != 0; m &= m - 1) {
      const std::size_t c = word * 64 + static_cast<std::size_t>(std::countr_zero(m));
      std::fill(begins + unset, begins + c + 1, at);
      unset = c + 1;
      const std::uint32_t n = next[c];
      next[c] = at;
      at += n;
    }
  std::fill(begins + unset, begins + class_begin_.size(), static_cast<std::uint32_t>(count));
  if (count < 2) return;
  thread_local std::vector<Hit> placed;
  placed.resize(count);
  for (const Hit& h : hits_) placed[next[static_cast<std::size_t>(h.cls)]++] = h;
  auto before = [](const Hit& a, const Hit& b) {
    if (a.cls != b.cls) return a.cls < b.cls;
    if (a.begin != b.begin) return a.begin < b.begin;
    return a.end > b.end;
  };
  for (std::size_t k = 0; k < count; ++k) {
    const Hit h = placed[k];
    std::size_t to = k;
    for (; to > 0 && before(h, hits_[to - 1]); --to) hits_[to] = hits_[to - 1];
    hits_[to] = h;
  }
  trim_scratch(placed);
}

Span ClauseText::original_span(std::size_t folded_begin, std::size_t folded_end) const {
  return {static_cast<std::uint32_t>(to_original(folded_begin)),
          static_cast<std::uint32_t>(to_original(folded_end, true))};
}

std::string_view ClauseText::original_text(std::size_t folded_begin, std::size_t folded_end) const {
  const Span s = original_span(folded_begin, folded_end);
  return original_.substr(s.begin, s.end - s.begin);
}

std::span<const Hit> ClauseText::hits(lexicon::Class c) const {
  const auto k = static_cast<std::size_t>(c);
  return {hits_.data() + class_begin_[k], hits_.data() + class_begin_[k + 1]};
}

const Bracket* ClauseText::bracket_at(std::size_t p) const {
  auto it = std::upper_bound(brackets_.begin(), brackets_.end(), p,
                             [](std::size_t v, const Bracket& b) { return v < b.begin; });
  if (it == brackets_.begin()) return nullptr;
  --it;
  return p > it->begin && p < it->end ? &*it : nullptr;
}

std::size_t ClauseText::sentence_index(std::size_t p) const {
  auto it = std::upper_bound(sentences_.begin(), sentences_.end(), p,
                             [](std::size_t v, const Range& r) { return v < r.begin; });
  if (it == sentences_.begin()) return 0;
  return static_cast<std::size_t>(it - sentences_.begin()) - 1;
}

bool ClauseText::in_title(std::size_t p) const {
  auto it = std::upper_bound(titles_.begin(), titles_.end(), p,
                             [](std::size_t v, const Range& r) { return v < r.begin; });
  if (it == titles_.begin()) return false;
  --it;
  return p > it->begin && p < it->end;
}

}  // namespace policy::extract

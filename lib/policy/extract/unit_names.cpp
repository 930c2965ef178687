#include "policy/extract/unit_names.h"

#include <algorithm>
#include <array>
#include <cstring>
#include <emmintrin.h>
#include <iterator>
#include <memory_resource>
#include <span>
#include <unordered_map>

#include "policy/core/scratch.h"
#include "policy/core/strings.h"
#include "policy/text/numeral.h"
#include "policy/text/utf8.h"

namespace policy::extract {

using lexicon::Class;

namespace {

bool is_admin_piece(std::string_view p, const Lexicon& lex) {
  if (starts_with(p, "各")) p.remove_prefix(3);
  return !p.empty() && lex.words(Class::name_admin).find(p);
}

// A place without a unit word: 蔡甸区, 东湖高新区, 武汉新港.
bool is_bare_place(std::string_view p, const Lexicon& lex) {
  const auto* end = p.empty() ? nullptr : lex.words(Class::name_place_end).ends(p);
  return end && p.size() > end->text.size() && !is_complete_unit(p, lex);  // the costly test last
}

bool is_bare_word(std::string_view p, const Lexicon& lex) { return lex.words(Class::name_bare).find(p); }

// The unit word part of a place-led name: 新洲区人民政府 -> 人民政府,
// 临空港开发区管委会 -> 管委会. Empty when the name does not start with a place.
std::string_view place_suffix(std::string_view name, const Lexicon& lex) {
  std::size_t best = 0, i = 0;
  while (i < name.size()) {
    utf8::next(name, i);
    if (i >= name.size()) break;
    std::string_view head = name.substr(0, i);
    if (!lex.words(Class::name_place_end).ends(head) || !is_bare_place(head, lex)) continue;
    std::string_view rest = name.substr(i);
    if (is_complete_unit(rest, lex) || is_bare_word(rest, lex)) best = i;
  }
  return best ? name.substr(best) : std::string_view();
}

// The texts of pieces that are no single range of the folded text. They
// live as long as the list is split: one arena, its first block on the
// stack (most lists need none or a few hundred bytes), not a heap block
// per text.
class Store {
 public:
  // n bytes that stay put until the Store goes.
  char* allocate(std::size_t n) { return static_cast<char*>(arena_.allocate(n == 0 ? 1 : n, 1)); }

 private:
  std::array<std::byte, 512> first_;
  std::pmr::monotonic_buffer_resource arena_{first_.data(), first_.size()};
};

// A stretch of a piece's text: from byte `at` of it on, read from folded
// offset `from`, or written nowhere (a joining 、).
struct Run {
  static constexpr std::uint32_t kInserted = UINT32_MAX;
  std::uint32_t at, from;
};

// A piece of a list: its folded text without blanks, and where it was read
// from, so a name keeps where it stands. Most pieces are one range of the
// folded text and view it; a piece that skips a blank or joins others is
// copied into the Store and keeps a run per stretch.
struct Piece {
  std::string_view text;
  std::uint32_t from = 0;  // where text was read from, when runs is empty
  std::vector<Run> runs;   // else: in order, the first at 0
  bool after_newline = false;
  std::size_t own = std::string::npos;  // bytes written for it (a shared suffix adds more)
  // is_complete_unit(text), once asked: a piece is asked at each step of the
  // grammar (-1: not yet).
  mutable std::int8_t complete = -1;
  // Known to hold no trailing 等 to drop: a piece is asked before and after
  // the joins, and most are not joined in between.
  bool etc_dropped = false;

  // The folded offset where a name starting at byte i starts: an inserted
  // byte has none, so the next written byte's.
  std::uint32_t start(std::size_t i) const {
    if (runs.empty()) return from + static_cast<std::uint32_t>(i);
    const std::size_t k = run_of(i);
    if (runs[k].from != Run::kInserted) return runs[k].from + static_cast<std::uint32_t>(i - runs[k].at);
    for (std::size_t n = k + 1; n < runs.size(); ++n)
      if (runs[n].from != Run::kInserted) return runs[n].from;
    return written_end_before(k);
  }
  // The folded offset where a name ending before byte i ends: an inserted
  // byte has none, so the previous written byte's.
  std::uint32_t end(std::size_t i) const {
    if (runs.empty()) return from + static_cast<std::uint32_t>(i);
    if (i == 0) return start(0);
    const std::size_t k = run_of(i - 1);
    if (runs[k].from != Run::kInserted) return runs[k].from + static_cast<std::uint32_t>(i - runs[k].at);
    return written_end_before(k);
  }
  std::uint32_t own_end() const { return end(std::min(own, text.size())); }

  Piece sub(std::size_t b, std::size_t e) const {
    Piece p;
    p.text = text.substr(b, e - b);
    p.after_newline = after_newline;
    if (runs.empty()) {
      p.from = from + static_cast<std::uint32_t>(b);
      return p;
    }
    for (std::size_t k = run_of(b); k < runs.size() && runs[k].at < e; ++k) {
      const std::uint32_t at = std::max<std::uint32_t>(runs[k].at, static_cast<std::uint32_t>(b));
      const std::uint32_t f = runs[k].from == Run::kInserted ? Run::kInserted : runs[k].from + (at - runs[k].at);
      p.runs.push_back({at - static_cast<std::uint32_t>(b), f});
    }
    if (p.runs.size() == 1 && p.runs[0].from != Run::kInserted) {
      p.from = p.runs[0].from;
      p.runs.clear();
    }
    return p;
  }
  void append(const Piece& other, Store& store, std::string_view sep = {}) {
    const std::size_t size = text.size() + sep.size() + other.text.size();
    char* s = store.allocate(size);
    std::size_t filled = 0;
    for (std::string_view part : {text, sep, other.text}) {
      if (!part.empty()) std::memcpy(s + filled, part.data(), part.size());
      filled += part.size();
    }
    if (runs.empty()) runs.push_back({0, from});
    const auto at = [&](std::size_t o) { return static_cast<std::uint32_t>(o); };
    if (!sep.empty()) runs.push_back({at(text.size()), Run::kInserted});
    const std::uint32_t shift = at(text.size() + sep.size());
    if (other.runs.empty()) runs.push_back({shift, other.from});
    for (const Run& r : other.runs) runs.push_back({shift + r.at, r.from});
    text = std::string_view(s, size);
    complete = -1;
    etc_dropped = false;
  }

 private:
  // The run holding byte i.
  std::size_t run_of(std::size_t i) const {
    auto it = std::upper_bound(runs.begin(), runs.end(), i, [](std::size_t v, const Run& r) { return v < r.at; });
    return static_cast<std::size_t>(it - runs.begin()) - 1;
  }
  // Where the last written run before run k ends (a piece holds one: it
  // starts with what was written, and an inserted 、 is followed by more).
  std::uint32_t written_end_before(std::size_t k) const {
    while (k > 0) {
      --k;
      if (runs[k].from != Run::kInserted) return runs[k].from + (runs[k + 1].at - runs[k].at);
    }
    return 0;
  }
};

// is_complete_unit(name), for a caller that has just found
// is_generic_unit(name) false: the test is not made again.
bool complete_unit(std::string_view name, const Lexicon& lex, bool not_generic);

bool is_complete(const Piece& p, const Lexicon& lex, bool not_generic = false) {
  if (p.complete < 0) p.complete = complete_unit(p.text, lex, not_generic);
  return p.complete != 0;
}

bool is_bare_place(const Piece& p, const Lexicon& lex) {
  const auto* end = p.text.empty() ? nullptr : lex.words(Class::name_place_end).ends(p.text);
  return end && p.text.size() > end->text.size() && !is_complete(p, lex);
}

// Whether a list's text may hold a word of two classes, or 等, as tokenize found
// it: false says that no piece made of it does. Every piece is made of the
// characters tokenize read, and of the 、 that joins a collective (a class
// with a word that starts with 、 is always asked): when none is invalid
// (U+FFFD, the one a stray byte reads as), pieces cut and joined at their
// boundaries hold no other character.
struct MayHold {
  bool never = false;   // name_never
  bool joiner = false;  // name_joiner
  bool etc = false;     // 等 (and with it a tail to drop)
};

// Splits at top level (outside brackets) on 、 , ; 。 and line breaks, into
// out (empty before). Lists are split some 10,000 times a run: the
// vectors are the thread's, their blocks kept from one list to the next.
void tokenize(std::string_view t, Range r, Store& store, std::vector<Piece>& out, const Lexicon& lex, MayHold& may) {
  const auto& never = lex.words(Class::name_never);
  const auto& joiners = lex.words(Class::name_joiner);
  // The current piece: the runs of bytes between blanks it is read from.
  static thread_local std::vector<Range> read;
  const ScratchTrim trim_read(read);
  read.clear();
  bool after_newline = false;
  auto finish = [&] {
    if (read.empty()) return;
    Piece& p = out.emplace_back();  // made where it stays, not moved there
    p.after_newline = after_newline;
    if (read.size() == 1) {
      p.text = t.substr(read[0].begin, read[0].end - read[0].begin);
      p.from = static_cast<std::uint32_t>(read[0].begin);
    } else {
      std::size_t size = 0;
      for (const Range& x : read) size += x.end - x.begin;
      char* s = store.allocate(size);
      std::size_t at = 0;
      p.runs.reserve(read.size());
      for (const Range& x : read) {
        p.runs.push_back({static_cast<std::uint32_t>(at), static_cast<std::uint32_t>(x.begin)});
        std::memcpy(s + at, t.data() + x.begin, x.end - x.begin);
        at += x.end - x.begin;
      }
      p.text = std::string_view(s, size);
    }
    read.clear();
  };
  std::size_t run = r.begin;
  auto flush = [&](std::size_t end) {
    if (end > run) read.push_back({run, end});
  };
  int depth = 0;
  std::size_t i = r.begin;
  while (i < r.end) {
    // Most characters of a list are CJK ideographs, which no bracket,
    // separator, line break or blank is: only the filters ask about them.
    if (detail::ideograph_at(t, i)) {
      const char32_t c = utf8::next_inline(t, i);
      may.never |= never.may_start_with(c);
      may.joiner |= joiners.may_start_with(c);
      may.etc |= c == U'等';
      continue;
    }
    const std::size_t start = i;
    const char32_t c = utf8::next_inline(t, i);
    // (A filter's test of each character: no branch, one load each.)
    const bool odd = c == 0xFFFD;
    may.never |= odd | never.may_start_with(c);
    may.joiner |= odd | joiners.may_start_with(c);
    may.etc |= odd | (c == U'等');
    if (c == '(') ++depth;
    if (c == ')' && depth > 0) --depth;
    if (depth == 0) {
      if (c == U'、' || c == ',' || c == ';' || c == U'。') {
        flush(start);
        run = i;
        // A punctuation mark is a hard boundary, even next to a line break.
        if (read.empty()) after_newline = false;
        else {
          finish();
          after_newline = false;
        }
        continue;
      }
      if (c == '\n') {
        flush(start);
        run = i;
        if (!read.empty()) {
          finish();
          after_newline = true;
        }
        continue;
      }
    }
    if (utf8::is_space(c)) {
      flush(start);
      run = i;
    }
  }
  flush(i);  // (a character that crosses r.end is kept whole)
  finish();
  if (!out.empty()) out.front().after_newline = false;
}

// s.rfind(w): std::string_view::rfind calls a compare at every byte of a
// list; this compares only where w's last byte stands (found by memrchr).
std::size_t rfind_word(std::string_view s, std::string_view w) {
  if (w.empty()) return s.rfind(w);
  std::size_t n = s.size();  // a match ends at n at most
  while (n >= w.size()) {
    const void* hit = memrchr(s.data() + w.size() - 1, w.back(), n - (w.size() - 1));
    if (!hit) break;
    const std::size_t i = static_cast<std::size_t>(static_cast<const char*>(hit) - s.data()) + 1;
    if (s.compare(i - w.size(), w.size(), w) == 0) return i - w.size();
    n = i - 1;
  }
  return std::string_view::npos;
}

// Where a trailing 等 and a generic tail after it start (等相关部门), or npos.
// The last 等 of s that may close a list: not one inside a word (各高等院校).
std::size_t rfind_etc(std::string_view s, const Lexicon& lex) {
  std::size_t p = rfind_word(s, "等");
  while (p != std::string_view::npos && lex.words(Class::name_etc_word).ends(s.substr(0, p + 3)))
    p = p == 0 ? std::string_view::npos : rfind_word(s.substr(0, p), "等");
  return p;
}

std::size_t etc_cut(std::string_view s, const Lexicon& lex) {
  const std::size_t p = rfind_etc(s, lex);
  if (p == std::string_view::npos || p == 0) return std::string_view::npos;
  std::string_view tail = s.substr(p + 3);
  // 等5部门, 等十一个部门, 等3家单位: a count of the bodies before the tail.
  {
    std::size_t i = 0, digits = 0;
    while (i < tail.size()) {
      std::size_t j = i;
      const char32_t c = utf8::next(tail, j);
      if (!((c >= '0' && c <= '9') || text::is_chinese_numeral_char(c))) break;
      i = j;
      ++digits;
    }
    if (digits > 0) {
      tail.remove_prefix(i);
      if (starts_with(tail, "个") || starts_with(tail, "家")) tail.remove_prefix(3);
      if (tail.empty()) return std::string_view::npos;  // 等5: no tail, no cut
    }
  }
  const bool generic = tail.empty() || is_generic_unit(tail, lex) ||
                       lex.words(Class::name_generic_start).starts(tail) ||
                       lex.words(Class::name_etc_tail).find(tail);
  return generic ? p : std::string_view::npos;
}

// may_hold_etc false: the list holds no 等 (MayHold::etc), nor the piece.
void drop_etc(Piece& p, const Lexicon& lex, bool may_hold_etc) {
  if (p.etc_dropped || !may_hold_etc) return;
  const std::size_t cut = etc_cut(p.text, lex);
  // What is left may end with 等 and a generic tail again: it is asked anew.
  if (cut != std::string::npos) p = p.sub(0, cut);
  else p.etc_dropped = true;
}

std::string_view without_etc(std::string_view s, const Lexicon& lex) {
  const std::size_t cut = etc_cut(s, lex);
  return cut == std::string_view::npos ? s : s.substr(0, cut);
}

// The last characters unit words end with (局 厅 委 … 府 室), for a quick no.
bool may_end_unit(std::string_view name, const Lexicon& lex) {
  if (name.empty()) return false;
  if (name.back() == ')') return true;  // 市发改委(市能源局)
  return lex.words(Class::name_suffix).ends(name) || lex.words(Class::name_whole).ends(name);
}

// Whether a unit word ends with the last character of name: may_end_unit
// without its search for the word, for a caller whose own tests decide
// (ends() looks words up by that character, so this holds wherever
// may_end_unit does).
bool may_end_unit_by_char(std::string_view name, const Lexicon& lex) {
  if (name.empty()) return false;
  if (name.back() == ')') return true;
  std::size_t end = name.size();
  const char32_t last = utf8::prev(name, end);
  return lex.words(Class::name_suffix).ends_with_char(last) || lex.words(Class::name_whole).ends_with_char(last);
}

// Splits each piece with split_one(piece, out), which appends the names it
// splits off the front to out and leaves the rest in piece. The list is
// rebuilt only once a piece splits: most lists have none that does.
template <class SplitOne>
void split_pieces(std::vector<Piece>& pieces, SplitOne split_one) {
  std::vector<Piece> out;
  bool rebuilt = false;
  for (std::size_t k = 0; k < pieces.size(); ++k) {
    split_one(pieces[k], out);
    if (!rebuilt) {
      if (out.empty()) continue;
      out.insert(out.begin(), std::make_move_iterator(pieces.begin()),
                 std::make_move_iterator(pieces.begin() + static_cast<std::ptrdiff_t>(k)));
      rebuilt = true;
    }
    out.push_back(std::move(pieces[k]));
  }
  if (rebuilt) pieces = std::move(out);
}

// Splits at 以及 / 会同 / 和 / 及 / 与 between two whole names.
void split_joiners(std::vector<Piece>& pieces, const Lexicon& lex) {
  const auto& joiners = lex.words(Class::name_joiner).all();
  // Whether some joiner stands where it could split: after a complete name,
  // which is six bytes at least (is_complete_unit), so at byte 6 or later.
  // One pass over the text, not one search per joiner.
  auto has_joiner = [&](std::string_view text) {
    return text.size() > 6 && lex.words(Class::name_joiner).occurs_in(text.substr(6));
  };
  split_pieces(pieces, [&](Piece& rest, std::vector<Piece>& out) {
    if (!has_joiner(rest.text)) return;  // most pieces: nothing to split
    bool changed = true;
    while (changed) {
      changed = false;
      for (const auto& joiner : joiners) {
        const std::string& conj = joiner.text;
        std::size_t from = 0;
        while (true) {
          const std::size_t p = rest.text.find(conj, from);
          if (p == std::string::npos || p == 0) {
            if (p == 0) {
              from = conj.size();
              continue;
            }
            break;
          }
          std::string_view left = rest.text.substr(0, p);
          std::string_view right = rest.text.substr(p + conj.size());
          // 市市场监管局会同相关单位: after a partner-joiner (names.tsv), the
          // generic partner names nobody.
          if (joiner.value == lexicon::kJoinerBeforePartner && is_complete_unit(left, lex) &&
              lex.words(Class::name_partner).find(right)) {
            rest = rest.sub(0, p);
            changed = true;
            break;
          }
          if (!right.empty() && is_complete_unit(left, lex) && is_complete_unit(without_etc(right, lex), lex)) {
            out.push_back(rest.sub(0, p));
            rest = rest.sub(p + conj.size(), rest.text.size());
            changed = true;
            break;
          }
          from = p + conj.size();
        }
        if (changed) break;
      }
    }
  });
}

// 国家税务总局长沙市税务局, 中国人民银行武汉分行: a national body's local
// branch is written as the body's name followed by the branch's.
bool is_branch_name(std::string_view national, std::string_view branch, const Lexicon& lex) {
  if (!lex.words(Class::name_branch_head).starts(national)) return false;
  const auto* tail = lex.words(Class::name_branch_tail).ends(branch);
  return tail && branch.size() > tail->text.size();
}

// The characters a place name ends with where starts_unit_head finds one.
bool ends_place_head(char32_t c) { return c == U'省' || c == U'市' || c == U'县'; }

// Two whole names run together: 广东省通信管理局广州市通信建设管理办公室.
void split_run_together(std::vector<Piece>& pieces, const Lexicon& lex) {
  const auto& suffix_words = lex.words(Class::name_suffix);
  const auto& whole_words = lex.words(Class::name_whole);
  split_pieces(pieces, [&](Piece& rest, std::vector<Piece>& out) {
    // Two names are twelve bytes at least (six each, as the cut below
    // asks). A piece where no right-hand name can start holds no two (most
    // pieces, a name each: this says no to more of them than the next
    // test); nor does one whose last character ends no unit word (the
    // right-hand name ends where the piece ends).
    if (rest.text.size() < 12 || !detail::may_start_unit_past_6(rest.text, lex) || !may_end_unit_by_char(rest.text, lex))
      return;
    bool split = true;
    while (split) {
      split = false;
      std::size_t i = 0;
      int depth = 0;
      while (i < rest.text.size()) {
        const char32_t c = utf8::next_inline(rest.text, i);
        if (c == '(') ++depth;
        if (c == ')' && depth > 0) --depth;
        // A complete name has six bytes at least (two ideographs): no cut
        // nearer either end needs testing.
        if (depth > 0 || i < 6 || i + 6 > rest.text.size()) continue;
        // c ends the left side: most characters end no unit word, and this
        // says so without may_end_unit's two lookups (U+FFFD, which an
        // invalid byte also reads as, takes the full test).
        if (c != ')' && c != 0xFFFD && !suffix_words.ends_with_char(c) && !whole_words.ends_with_char(c)) continue;
        std::string_view left = rest.text.substr(0, i);
        std::string_view right = rest.text.substr(i);
        // Cheapest tests first: the right side must start like a name, the
        // left side end like one (most cuts that pass the test of c above
        // fail here: the unit words ending in c do not end the left side).
        if (starts_unit_head(right, lex) && may_end_unit(left, lex) && utf8::length(left) >= 3 &&
            is_complete_unit(left, lex) && is_complete_unit(right, lex) && !is_branch_name(left, right, lex)) {
          out.push_back(rest.sub(0, i));
          rest = rest.sub(i, rest.text.size());
          split = true;
          break;
        }
      }
    }
  });
}

// Short pieces a label's list may hold (liberal mode): no digits or dates,
// no verbs of a time limit.
bool looks_like_name(std::string_view p, const Lexicon& lex) {
  if (p.empty() || utf8::length(p) > 14) return false;
  std::size_t i = 0;
  while (i < p.size()) {
    const char32_t c = utf8::next(p, i);
    if ((c >= '0' && c <= '9') || c == U'年' || c == U'月' || c == U'日') return false;
  }
  return !lex.words(Class::name_not).occurs_in(p);
}


}  // namespace

namespace detail {

// starts_unit_head needs a head word's first character at i, or
// ends_place_head a few characters on: one of them past byte 6. Reading
// from byte 6 finds every character that reading from 0 finds there:
// ASCII and lead bytes are never inside another character.
bool may_start_unit_past_6(std::string_view s, const Lexicon& lex) {
  const auto& heads = lex.words(Class::name_head);
  std::size_t i = 6;
  while (i < s.size()) {
    const char32_t c = utf8::next_inline(s, i);
    if (ends_place_head(c) || heads.starts_with_char(c)) return true;
  }
  return false;
}

}  // namespace detail

bool starts_unit_head(std::string_view s, const Lexicon& lex) {
  if (lex.words(Class::name_head).starts(s)) return true;
  // A place name: two or three ideographs ending in 省/市/县 then more text.
  std::size_t i = 0, n = 0;
  while (i < s.size() && n < 4) {
    const char32_t c = utf8::next(s, i);
    ++n;
    if (n >= 3 && ends_place_head(c) && i < s.size()) return true;
    if (!utf8::is_han(c)) return false;
  }
  return false;
}

bool is_generic_unit(std::string_view name, const Lexicon& lex) {
  if (lex.words(Class::name_generic).find(name)) return true;
  const auto* start = lex.words(Class::name_generic_start).starts(name);
  if (!start) return false;
  // 相关市人民政府 names city governments (a collective); 相关部门 nobody.
  const std::string_view rest = name.substr(start->text.size());
  return !(rest.size() >= 6 && is_complete_unit(rest, lex));
}

namespace {

bool complete_unit(std::string_view name, const Lexicon& lex, bool not_generic) {
  if (name.size() < 6) return false;  // two ideographs at least
  if (lex.words(Class::name_whole).find(name)) return true;
  // may_end_unit(name), keeping the suffix word it finds for the last test.
  const lexicon::WordSet::Word* suffix = nullptr;
  const bool alias = name.back() == ')';
  if (!alias) {
    suffix = lex.words(Class::name_suffix).ends(name);
    if (!suffix && !lex.words(Class::name_whole).ends(name)) return false;
  }
  if (!not_generic && is_generic_unit(name, lex)) return false;
  // The name proper: a bracket after it (市发改委(市能源局)) is an alias.
  if (alias) {
    const std::size_t p = name.find('(');
    if (p != std::string_view::npos && p > 0) name = name.substr(0, p);
  }
  if (name.size() <= 15) {  // a unit word alone (办公厅, 各部门) names nobody
    std::string_view after_each = starts_with(name, "各") ? name.substr(3) : std::string_view();
    if (is_bare_word(name, lex) || (!after_each.empty() && is_bare_word(after_each, lex))) return false;
  }
  // ends() and ends_after_head() try the same words longest first: the word
  // ends() found is the answer when something stands before it.
  if (suffix && name.size() > suffix->text.size()) return true;
  return lex.words(Class::name_suffix).ends_after_head(name) != nullptr;
}

}  // namespace

bool is_complete_unit(std::string_view name, const Lexicon& lex) { return complete_unit(name, lex, false); }

bool is_admin_levels(std::string_view inner, const Lexicon& lex) {
  if (inner.empty() || inner.size() > 30) return false;
  std::size_t start = 0;
  while (true) {
    const std::size_t sep = inner.find("、", start);
    std::string_view piece = inner.substr(start, sep == std::string_view::npos ? sep : sep - start);
    if (!is_admin_piece(piece, lex)) return false;
    if (sep == std::string_view::npos) return true;
    start = sep + 3;
  }
}

namespace {

// Which of 16 bytes a blank (utf8::is_space), even one an overlong form
// spells, may start with, a bit each: up to 0x20, C2, E0–E3, EF and F0.
// Five compares, not a table load a byte.
int blank_leads(__m128i v) {
  const __m128i upto_space = _mm_cmpeq_epi8(_mm_min_epu8(v, _mm_set1_epi8(0x20)), v);
  const __m128i from_e0 = _mm_sub_epi8(v, _mm_set1_epi8(static_cast<char>(0xE0)));
  const __m128i e0_to_e3 = _mm_cmpeq_epi8(_mm_min_epu8(from_e0, _mm_set1_epi8(3)), from_e0);
  const __m128i c2 = _mm_cmpeq_epi8(v, _mm_set1_epi8(static_cast<char>(0xC2)));
  const __m128i ef = _mm_cmpeq_epi8(v, _mm_set1_epi8(static_cast<char>(0xEF)));
  const __m128i f0 = _mm_cmpeq_epi8(v, _mm_set1_epi8(static_cast<char>(0xF0)));
  return _mm_movemask_epi8(_mm_or_si128(_mm_or_si128(upto_space, e0_to_e3), _mm_or_si128(c2, _mm_or_si128(ef, f0))));
}

}  // namespace

namespace detail {

// Sixteen bytes at a time: a name is some 15 bytes, and the last block of
// a longer one is read overlapping the one before; a shorter one is read
// from a block padded with 'A' (no blank starts with it).
bool may_hold_blank(std::string_view s) {
  const char* p = s.data();
  const std::size_t n = s.size();
  if (n < 16) {
    alignas(16) char block[16];
    std::memset(block, 'A', sizeof block);
    if (n > 0) std::memcpy(block, p, n);
    return blank_leads(_mm_load_si128(reinterpret_cast<const __m128i*>(block))) != 0;
  }
  for (std::size_t i = 0;; i += 16) {
    const std::size_t at = std::min(i, n - 16);
    if (blank_leads(_mm_loadu_si128(reinterpret_cast<const __m128i*>(p + at)))) return true;
    if (at == n - 16) return false;
  }
}

}  // namespace detail

std::string clean_name(std::string_view name) {
  // Most names hold no blank: a name without a byte a blank starts with is
  // copied as it is.
  if (detail::may_hold_blank(name)) return utf8::squash(name);
  return std::string(name);
}

namespace {

// Where split_unit_list found a name: folded offsets from the start of the
// list, of what was written for it and of a shared suffix it takes from
// the last name (蔡甸区、…新洲区人民政府), and the role marked after it.
struct NameAt {
  std::uint32_t begin = 0, own_end = 0;
  std::uint32_t suffix_begin = 0, suffix_end = 0;
  bool has_suffix = false;
  std::optional<UnitRole> marked;
};

// The part of folded range r of t (r.end within t) its names are read
// from, in r: without a generic list after 等. False when a strict list
// ends with no unit name, a quick no for the many bracket contents and
// sentence heads that are none.
bool read_as_list(std::string_view t, Range& r, ListMode mode, const Lexicon& lex) {
  // 等 and a generic tail after it go, also a tail that is a list itself:
  // 区投资促进局等各产业、招商主管部门 -> 区投资促进局.
  const std::size_t etc_in_list = rfind_etc(t.substr(r.begin, r.end - r.begin), lex);
  {
    const std::string_view list = t.substr(r.begin, r.end - r.begin);
    const std::size_t etc = etc_in_list;
    if (etc != std::string_view::npos && etc > 0 && list.find('(', etc) == std::string_view::npos) {
      const std::string_view tail = utf8::trim(list.substr(etc + 3));
      const std::size_t last_sep = std::min(tail.rfind("、") == std::string_view::npos ? tail.size() : tail.rfind("、") + 3,
                                            tail.size());
      const std::string_view last = tail.substr(last_sep == tail.size() ? 0 : last_sep);
      const bool opens_generic = starts_with(tail, "各") || lex.words(Class::name_generic_start).starts(tail);
      if (tail.find("、") != std::string_view::npos && opens_generic && lex.words(Class::name_generic).ends(last))
        r.end = r.begin + etc;
    }
  }
  // A strict list ends with a unit name (before any 等…): a quick no for the
  // many bracket contents and sentence heads that are none.
  if (mode == ListMode::strict) {
    std::string_view tail = utf8::trim_right(t.substr(r.begin, r.end - r.begin));
    // tail is a part of the list above: without a 等 there, none here.
    const std::size_t etc = etc_in_list == std::string_view::npos ? etc_in_list : rfind_etc(tail, lex);
    if (etc != std::string_view::npos && tail.size() - etc <= 30) tail = tail.substr(0, etc);
    while (!tail.empty() && (tail.back() == ';' || tail.back() == ',')) tail.remove_suffix(1);
    while (ends_with(tail, "。") || ends_with(tail, "、")) tail.remove_suffix(3);
    tail = utf8::trim_right(tail);
    if (tail.empty() || !(may_end_unit(tail, lex) || lex.words(Class::name_collective).ends(tail) ||
                          lex.words(Class::name_place_end).ends(tail)))
      return false;
  }
  return true;
}

// 各县(市、区), 各镇(街道): a collective of a level (各县, 各镇) with a
// bracket of levels after it, or one that closes with its last level
// (各区(市)县 reads 各区县).
static bool is_leveled_collective(std::string_view p, const Lexicon& lex) {
  if (!starts_with(p, "各")) return false;
  const std::size_t open = p.find('(');
  if (open == std::string_view::npos) return false;
  const std::size_t close = p.find(')', open);
  if (close == std::string_view::npos || p.find('(', close) != std::string_view::npos) return false;
  const std::string_view inner = p.substr(open + 1, close - open - 1);
  if (!is_admin_levels(inner, lex) && !lex.words(Class::name_place_end).find(inner)) return false;
  std::string without(p.substr(0, open));
  without += p.substr(close + 1);
  return lex.words(Class::name_collective).find(without) != nullptr;
}

// A piece that may stand in a list anchored by a complete name: short, no
// date, and a name of its own kind: led like a unit (市总工会), a collective
// (各园区), or a place (双流区, 成都东部新区).
static bool may_stand_in_unit_list(std::string_view p, const Lexicon& lex) {
  if (!looks_like_name(p, lex)) return false;
  return starts_with(p, "各") || starts_unit_head(p, lex) || lex.words(Class::name_place_end).ends(p) != nullptr;
}

// The names of the list in folded range r of t, as read_as_list left it,
// appended to out; in strict mode none when the list is no list.
void find_names(std::string_view t, Range r, ListMode mode, const Lexicon& lex, std::vector<NameAt>& out) {
  const std::size_t first = out.size();
  Store store;
  // split_unit_list calls nothing that splits a list: the thread's vector
  // is this call's alone.
  static thread_local std::vector<Piece> pieces;
  const ScratchTrim trim_pieces(pieces);
  pieces.clear();
  MayHold may;
  may.never = lex.words(Class::name_never).may_start_with(U'、');
  may.joiner = lex.words(Class::name_joiner).may_start_with(U'、');
  tokenize(t, r, store, pieces, lex, may);
  // Line breaks inside a name: join unless both sides are whole names. The
  // pieces kept move to the front (no second vector).
  {
    std::size_t kept = 0;
    for (std::size_t k = 0; k < pieces.size(); ++k) {
      Piece& p = pieces[k];
      if (p.after_newline && kept > 0 &&
          !(is_complete(pieces[kept - 1], lex) && is_complete_unit(without_etc(p.text, lex), lex)) &&
          !is_admin_piece(pieces[kept - 1].text, lex)) {
        pieces[kept - 1].append(p, store);
      } else {
        if (kept != k) pieces[kept] = std::move(p);
        ++kept;
      }
    }
    pieces.resize(kept);
  }
  const auto& openers = lex.words(Class::name_opener);
  for (auto& p : pieces) {
    // Most pieces start with no opener: starts() says so in one lookup, not
    // one compare per opener (the first opener in file order that leaves a
    // complete name is still the one taken).
    if (openers.starts(p.text)) {
      for (const auto& opener : openers.all()) {
        const std::string& lead = opener.text;
        if (starts_with(p.text, lead) && p.text.size() > lead.size() &&
            is_complete_unit(p.text.substr(lead.size()), lex)) {
          p = p.sub(lead.size(), p.text.size());
          break;
        }
      }
    }
    drop_etc(p, lex, may.etc);
  }
  pieces.erase(std::remove_if(pieces.begin(), pieces.end(), [](const Piece& p) { return p.text.empty(); }),
               pieces.end());
  if (may.joiner) split_joiners(pieces, lex);
  split_run_together(pieces, lex);

  // Collectives: 各市、州、县人民政府 stays one name. The names move to the
  // front of pieces (no second vector).
  {
    std::size_t kept = 0;
    for (std::size_t k = 0; k < pieces.size(); ++k) {
      if (is_admin_piece(pieces[k].text, lex)) {
        std::size_t j = k + 1;
        while (j < pieces.size() && is_admin_piece(pieces[j].text, lex)) ++j;
        if (j < pieces.size() && (is_complete(pieces[j], lex) || mode == ListMode::liberal)) {
          Piece name = std::move(pieces[k]);
          for (std::size_t m = k + 1; m <= j; ++m) name.append(pieces[m], store, "、");
          pieces[kept++] = std::move(name);
          k = j;
          continue;
        }
      }
      if (kept != k) pieces[kept] = std::move(pieces[k]);
      ++kept;
    }
    pieces.resize(kept);
  }
  std::vector<Piece>& joined = pieces;

  // Shared suffix: 蔡甸区、黄陂区、新洲区人民政府.
  for (std::size_t k = 0; k < joined.size(); ++k) {
    if (!is_bare_place(joined[k], lex)) continue;
    std::size_t j = k;
    while (j < joined.size() && is_bare_place(joined[j], lex)) ++j;
    if (j < joined.size()) {
      const std::string_view suffix = place_suffix(joined[j].text, lex);
      if (!suffix.empty()) {
        const std::size_t from = joined[j].text.size() - suffix.size();
        const Piece donor = joined[j].sub(from, joined[j].text.size());
        for (std::size_t m = k; m < j; ++m) {
          joined[m].own = joined[m].text.size();
          joined[m].append(donor, store);
        }
      }
    }
    k = j;
  }

  const std::size_t list_begin = r.begin;
  const auto at = [&](std::size_t folded) { return static_cast<std::uint32_t>(folded - list_begin); };
  bool anchored = false;       // a strict list holds a complete name
  std::size_t unanchored = 0;  // pieces that stand only beside one
  for (auto& p : joined) {
    drop_etc(p, lex, may.etc);
    if (p.text.empty()) continue;
    // A role written after the name: 市发改委(牵头).
    std::optional<UnitRole> marked;
    if (const auto* mark = lex.words(Class::role_mark).ends(p.text);
        mark && p.text.size() > mark->text.size() && mark->value != lexicon::kNoRole) {
      marked = static_cast<UnitRole>(mark->value);
      p = p.sub(0, p.text.size() - mark->text.size());
    }
    // A collective in a role slot is reported like any unit (各地区, 各部门),
    // a bracket of levels included (各县(市、区), 各镇(街道)).
    const bool collective = lex.words(Class::name_collective).find(p.text) != nullptr || is_leveled_collective(p.text, lex);
    if (!collective && is_generic_unit(p.text, lex)) continue;
    // A place alone stands for its government where it stands alone in a
    // role slot (交由达茂旗牵头).
    const bool place = joined.size() == 1 && is_bare_place(p, lex) && utf8::length(p.text) >= 3;
    // A colon is never part of a name (督办单位:县商务局 is a label and a
    // name), nor a modal word (以下均需地方人民政府 is a sentence); the
    // scan for them is the costliest test, so it comes last.
    // Past the test above, is_generic_unit(p.text) is false where
    // is_complete is asked (a collective asks nothing more).
    const bool complete = !collective && is_complete(p, lex, true);
    const bool keep = (collective || complete || place ||
                       (mode == ListMode::liberal && looks_like_name(p.text, lex))) &&
                      p.text.find(':') == std::string_view::npos &&
                      !(may.never && lex.words(Class::name_never).occurs_in(p.text));
    if (!keep) {
      // In a strict list anchored by a complete name, a piece that reads
      // like a name of its own kind stands too (市交通运输局、双流区, 市商务局、
      // 各园区): the list is one of units. Without an anchor, no list.
      if (mode == ListMode::strict &&
          !(may_stand_in_unit_list(p.text, lex) && p.text.find(':') == std::string_view::npos &&
            !(may.never && lex.words(Class::name_never).occurs_in(p.text)))) {
        out.resize(first);
        return;
      }
      if (mode == ListMode::strict) ++unanchored;
      else continue;
    } else if (mode == ListMode::strict && !anchored) {
      anchored = complete;  // (a place is never complete)
    }
    NameAt n;
    n.begin = at(p.start(0));
    n.own_end = at(p.own_end());
    const std::size_t own = std::min(p.own, p.text.size());
    if (own < p.text.size()) {
      n.has_suffix = true;
      n.suffix_begin = at(p.start(own));
      n.suffix_end = at(p.end(p.text.size()));
    }
    n.marked = marked;
    out.push_back(n);
  }
  if (unanchored > 0 && !anchored) out.resize(first);
}

// What find_names found in a list, by the list's folded text: lists repeat
// (a table's column names the same units row after row, a document the same
// departments clause after clause: half the lists split are repeats, in
// documents the bench never saw too), and a list's names depend on its
// text alone. Only for the built-in lexicon, which lives as long as the
// program (another may go, and a new one take its address). Each thread
// keeps its own, in one arena (no block per list); emptied once it holds
// about kMaxBytes (+0.4 MB at most on the bench).
class SplitMemo {
 public:
  static SplitMemo& of_thread() {
    thread_local SplitMemo m;
    return m;
  }
  // The names of `list` in `mode`, read(out) the first time. The span
  // lasts until the next call.
  template <class Read>
  std::span<const NameAt> names(std::string_view list, ListMode mode, Read read) {
    const int k = mode == ListMode::strict ? 0 : 1;
    if (auto f = maps_[k]->find(list); f != maps_[k]->end()) return {names_.data() + f->second.first, f->second.count};
    if (held_ > kMaxBytes) clear();
    char* key = static_cast<char*>(arena_.allocate(list.empty() ? 1 : list.size(), 1));
    if (!list.empty()) std::memcpy(key, list.data(), list.size());
    const auto first = static_cast<std::uint32_t>(names_.size());
    read(names_);
    const auto count = static_cast<std::uint32_t>(names_.size() - first);
    maps_[k]->emplace(std::string_view(key, list.size()), Entry{first, count});
    held_ += list.size() + kPerList + count * sizeof(NameAt);
    return {names_.data() + first, count};
  }

  // A longer list is read anew each time: long lists are seldom met again
  // (a long list of departments is in an order of its own), and kept they
  // would crowd out the short ones.
  static constexpr std::size_t kLongest = 64;

 private:
  struct Entry {
    std::uint32_t first, count;  // in names_
  };
  // A list's hash, eight bytes at a time and inline (std::hash reads them
  // out of line).
  struct Hash {
    std::size_t operator()(std::string_view s) const {
      constexpr std::uint64_t kMul = 0x9E3779B97F4A7C15ull;
      std::uint64_t h = s.size(), w;
      std::size_t i = 0;
      for (; i + 8 <= s.size(); i += 8) {
        std::memcpy(&w, s.data() + i, 8);
        h = (h ^ w) * kMul;
        h ^= h >> 32;
      }
      if (i < s.size()) {
        w = 0;
        std::memcpy(&w, s.data() + i, s.size() - i);
        h = (h ^ w) * kMul;
        h ^= h >> 32;
      }
      return h;
    }
  };
  using Map = std::pmr::unordered_map<std::string_view, Entry, Hash>;
  static constexpr std::size_t kMaxBytes = 512 * 1024;
  static constexpr std::size_t kPerList = 64;  // a node and its bucket, about

  SplitMemo() { make_maps(); }
  void make_maps() {
    for (auto& m : maps_) m.emplace(&arena_);
  }
  void clear() {
    for (auto& m : maps_) m.reset();  // before the arena their blocks are in
    arena_.release();
    names_.clear();
    held_ = 0;
    make_maps();
  }

  std::pmr::monotonic_buffer_resource arena_;
  std::optional<Map> maps_[2];  // strict, liberal
  std::vector<NameAt> names_;   // every list's, one after another
  std::size_t held_ = 0;
};

}  // namespace

std::vector<ListedName> split_unit_list(const Written& w, Range r, ListMode mode, const Lexicon& lex) {
  const std::string_view t = w.folded.text();
  r.end = std::min(r.end, t.size());
  if (r.empty()) return {};
  // The list's text decides its names where no character crosses its end
  // (one that does is read whole, with the bytes after the list).
  const bool ends_at_character = r.end == t.size() || (static_cast<unsigned char>(t[r.end]) & 0xC0) != 0x80;
  auto read = [&](std::vector<NameAt>& into) {
    Range list = r;
    if (read_as_list(t, list, mode, lex)) find_names(t, list, mode, lex, into);
  };
  static thread_local std::vector<NameAt> found_here;
  std::span<const NameAt> found;
  if (ends_at_character && r.end - r.begin <= SplitMemo::kLongest && &lex == &Lexicon::builtin()) {
    found = SplitMemo::of_thread().names(t.substr(r.begin, r.end - r.begin), mode, read);
  } else {
    found_here.clear();
    read(found_here);
    found = found_here;
  }
  if (found.empty()) return {};
  std::vector<ListedName> out;
  out.reserve(found.size());
  for (const NameAt& f : found) {
    ListedName n;
    const std::size_t b = w.folded.to_original(r.begin + f.begin);
    const std::size_t e = std::max(b, w.folded.to_original(r.begin + f.own_end, true));
    n.name = clean_name(w.original.substr(b, e - b));
    if (f.has_suffix) {  // the shared suffix, as written where it stands
      const std::size_t sb = w.folded.to_original(r.begin + f.suffix_begin);
      const std::size_t se = std::max(sb, w.folded.to_original(r.begin + f.suffix_end, true));
      n.name += clean_name(w.original.substr(sb, se - sb));
    }
    n.at = {static_cast<std::uint32_t>(b), static_cast<std::uint32_t>(e)};
    n.marked = f.marked;
    out.push_back(std::move(n));
  }
  return out;
}

std::vector<ListedName> split_unit_list(const ClauseText& ct, Range r, ListMode mode) {
  return split_unit_list(Written{ct.original(), ct.folded_view()}, r, mode, ct.lexicon());
}

std::vector<std::string> split_unit_list(std::string_view text, ListMode mode, const Lexicon& lex) {
  const text::Folded folded(text);
  std::vector<std::string> out;
  for (auto& n : split_unit_list(Written{text, folded}, Range{0, folded.text().size()}, mode, lex))
    out.push_back(std::move(n.name));
  return out;
}

}  // namespace policy::extract

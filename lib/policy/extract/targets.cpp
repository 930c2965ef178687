#include "policy/extract/targets.h"

#if defined(__SSE2__)
#include <emmintrin.h>
#endif

#include <algorithm>
#include <cmath>
#include <cstdint>
#include <cstring>
#include <optional>
#include <string>

#include "policy/core/strings.h"
#include "policy/text/numeral.h"
#include "policy/text/utf8.h"

namespace policy::extract {

namespace target_scan {

// One backward pass over the bytes: rfind per stop called memcmp at every
// position of the window.
std::size_t after_last_stop(std::string_view s) {
  for (std::size_t k = s.size(); k > 0; --k) {
    const char c = s[k - 1];
    if (c == ';' || c == ':') return k;
    if (c == '\x82' && k >= 3 && s[k - 2] == '\x80' && s[k - 3] == '\xE3') return k;  // 。
  }
  return 0;
}

// Looks for a word's last byte (memchr): in CJK text a continuation byte,
// which a few characters in a hundred share, where a lead byte starts
// every third byte. A match starts a character, as reading one character
// at a time finds it: a word's first byte is no continuation byte, and
// only continuation bytes lie inside a character (invalid bytes are read
// one at a time).
std::size_t find_word(std::string_view s, std::string_view w, std::size_t from) {
  if (w.empty()) return from <= s.size() ? from : std::string_view::npos;
  if (from > s.size() || s.size() - from < w.size()) return std::string_view::npos;
  const char* const data = s.data();
  for (std::size_t p = from + w.size() - 1; p < s.size();) {
    const void* hit = std::memchr(data + p, w.back(), s.size() - p);
    if (!hit) break;
    const std::size_t last = static_cast<std::size_t>(static_cast<const char*>(hit) - data);
    const std::size_t at = last + 1 - w.size();
    if (std::memcmp(data + at, w.data(), w.size()) == 0) return at;
    p = last + 1;
  }
  return std::string_view::npos;
}

// The characters read back lie in the 4 * kQuoteReach bytes before p
// (a character is at most 4 bytes, an invalid byte one): two byte searches
// there rule out most numbers without decoding a character.
bool quote_may_open(std::string_view t, std::size_t p) {
  constexpr std::size_t bytes = 4 * kQuoteReach;
  const std::string_view near = t.substr(p > bytes ? p - bytes : 0, std::min(p, bytes));
#if defined(__SSE2__)
  // The whole reach in two blocks of sixteen (the calls to memchr cost more
  // than the bytes): " anywhere, or “'s last byte 9C after E2 80.
  static_assert(bytes == 32);
  if (near.size() == bytes) {
    const char* const d = near.data();
    const __m128i lo = _mm_loadu_si128(reinterpret_cast<const __m128i*>(d));
    const __m128i hi = _mm_loadu_si128(reinterpret_cast<const __m128i*>(d + 16));
    const __m128i quote = _mm_set1_epi8('"'), last = _mm_set1_epi8('\x9C');
    auto mask = [](__m128i a, __m128i b) {
      return static_cast<std::uint32_t>(_mm_movemask_epi8(_mm_cmpeq_epi8(a, b)));
    };
    if (mask(lo, quote) | mask(hi, quote)) return true;
    for (std::uint32_t m = (mask(lo, last) | mask(hi, last) << 16) & ~3u; m; m &= m - 1) {
      const int k = __builtin_ctz(m);
      if (d[k - 2] == '\xE2' && d[k - 1] == '\x80') return true;
    }
    return false;
  }
#endif
  return near.find('"') != std::string_view::npos || has_char3(near, "“");
}

// Whether a word of `cls` occurs in t[b, e) on its own, not inside a longer
// noun (针对 in 有针对性地, 由 in 自由贸易, 从 in 从业人员). As read at each
// character, the word at a place is the longest one there that ends by e.
// (The classes asked about hold a word or two: each is looked for by
// find_word, where trying every character of the phrase decoded it twice.)
bool occurs_free(const ClauseText& ct, std::size_t b, std::size_t e, lexicon::Class cls) {
  const std::string_view t = ct.folded();
  const std::string_view upto = t.substr(0, e);
  const lexicon::WordSet& words = ct.lexicon().words(cls);
  const auto nouns = ct.hits(lexicon::Class::noun);
  for (const lexicon::WordSet::Word& word : words.all())
    for (std::size_t k = find_word(upto, word.text, b); k != std::string_view::npos;
         k = find_word(upto, word.text, k + 1)) {
      const lexicon::WordSet::Word* w = words.starts(upto.substr(k));
      if (!w) continue;
      const std::size_t we = k + w->text.size();
      bool inside = false;
      for (const Hit& n : nouns)
        inside |= n.begin <= k && we <= n.end && n.end - n.begin > we - k;
      if (!inside) return true;
    }
  return false;
}

// WordSet::occurs_in for a class of a word or two: each word looked for
// with find_word, where occurs_in tried every character.
bool written_in(std::string_view s, const lexicon::WordSet& words) {
  for (const lexicon::WordSet::Word& w : words.all())
    if (find_word(s, w.text, 0) != std::string_view::npos) return true;
  return false;
}

// A run of one three-byte character, a Chinese digit: its value without
// parse_chinese_integer, which decoded the run again into a buffer.
std::optional<int> one_digit_value(std::string_view run) {
  if (run.size() != 3) return std::nullopt;
  std::size_t k = 0;
  const int d = text::chinese_digit(utf8::next(run, k));
  if (d < 0 || k != 3) return std::nullopt;
  return d;
}

char32_t char_read_at(std::string_view t, std::size_t i) {
  if (i >= t.size()) return 0;
  return utf8::next_inline(t, i);
}

const lexicon::WordSet::Word* starts_with_char(const lexicon::WordSet& words, std::string_view t, std::size_t i,
                                               char32_t c) {
  return words.may_start_with(c) ? words.starts(t.substr(i)) : nullptr;
}

}  // namespace target_scan

namespace {

using target_scan::after_last_stop;
using target_scan::find_word;
using target_scan::kQuoteReach;
using target_scan::occurs_free;
using target_scan::one_digit_value;
using target_scan::char_read_at;
using target_scan::starts_with_char;
using target_scan::quote_may_open;
using target_scan::written_in;

using lexicon::Class;
using lexicon::Lexicon;
using lexicon::MeasureKind;
using lexicon::WordSet;

bool is_ascii_digit(char32_t c) { return c >= '0' && c <= '9'; }
bool is_ascii_letter(char32_t c) { return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z'); }
// (Every Chinese numeral is a CJK character, 〇 U+3007 the first: the
// punctuation and digits read next to numbers need no lookup.)
bool is_cn_numeral(char32_t c) {
  return c >= U'〇' && text::is_chinese_numeral_char(c) && c != U'幺' && c != U'萬' && c != U'億';
}
bool is_numeral(char32_t c) { return is_ascii_digit(c) || is_cn_numeral(c); }

// Documents typeset for the web put blanks between a number and its words
// (达 5000 万元以上): they separate nothing.
std::size_t skip_blanks(std::string_view t, std::size_t i) {
  while (i < t.size() && t[i] == ' ') ++i;
  return i;
}
std::string_view trim_blanks(std::string_view s) {
  while (!s.empty() && s.back() == ' ') s.remove_suffix(1);
  return s;
}

// Whether the word w is written at t[i]. Called with a literal, the compare
// is inlined (t.compare and starts_with called memcmp).
[[gnu::always_inline]] inline bool written_at(std::string_view t, std::size_t i, std::string_view w) {
  return i <= t.size() && t.size() - i >= w.size() && std::memcmp(t.data() + i, w.data(), w.size()) == 0;
}

char32_t char_at(std::string_view t, std::size_t i) {
  return i < t.size() ? utf8::next(t, i) : 0;
}
char32_t char_before(std::string_view t, std::size_t i) {
  return i > 0 ? utf8::prev(t, i) : 0;
}

bool ends_phrase(char32_t c) {
  return c == ',' || c == ';' || c == ':' || c == U'。' || c == '!' || c == '?' || c == '\n';
}

// A phrase: the stretch between two commas (or stronger stops) around p;
// a bracket inside it is part of it (到苏木乡镇（街道）、百兆…), a bracket
// around it bounds it. Looked for within a few hundred bytes.
constexpr std::size_t kPhraseReach = 600;
using target_scan::phrase_begin;
}  // namespace

namespace target_scan {

namespace {
// The bytes where a phrase may stop: the ASCII stops and brackets, and one
// byte of 。 (E3 80 82): the walk back meets its last, the walk forward its
// first. Both walks test these bytes alone; the lambdas decide.
bool stop_candidate(char c, char stop_mark_byte) {
  return c == '(' || c == ')' || c == ',' || c == ';' || c == ':' || c == '!' || c == '?' || c == '\n' ||
         c == stop_mark_byte;
}
#if defined(__SSE2__)
// stop_candidate for the sixteen bytes at `at`, as a bit mask.
std::uint32_t stop_candidates(const char* at, char stop_mark_byte) {
  const __m128i v = _mm_loadu_si128(reinterpret_cast<const __m128i*>(at));
  __m128i any = _mm_cmpeq_epi8(v, _mm_set1_epi8(stop_mark_byte));
  for (char c : {'(', ')', ',', ';', ':', '!', '?', '\n'}) any = _mm_or_si128(any, _mm_cmpeq_epi8(v, _mm_set1_epi8(c)));
  return static_cast<std::uint32_t>(_mm_movemask_epi8(any));
}
#endif
}  // namespace

std::size_t plain_phrase_begin(std::string_view t, std::size_t p) {
  const std::size_t floor = p > kPhraseReach ? p - kPhraseReach : 0;
  int depth = 0;
  while (p > floor) {
    std::size_t q = p;
    const char32_t c = utf8::prev(t, q);
    if (c == ')') ++depth;
    else if (c == '(' && depth-- == 0) return p;
    else if (depth == 0 && ends_phrase(c)) return p;
    p = q;
  }
  return p;
}
// The walk read sixteen bytes at a time. Its stops and brackets are ASCII,
// which it reads wherever they stand (no character it decodes holds an
// ASCII byte), and 。 is the one character it decodes from E3 80 82 ending
// where it stands; it stands at the end of each, before it passes below the
// floor. Where no stop lies above the floor, the walk says where it ends.
std::size_t phrase_begin(std::string_view t, std::size_t p) {
  const std::size_t floor = p > kPhraseReach ? p - kPhraseReach : 0;
  int depth = 0;
  // Whether the phrase begins at e, after the byte t[e - 1] (a candidate).
  auto begins_at = [&](std::size_t e) {
    const char c = t[e - 1];
    if (c == ')') {
      ++depth;
      return false;
    }
    if (c == '(') return depth-- == 0;
    if (c == '\x82') return depth == 0 && e >= 3 && t[e - 3] == '\xE3' && t[e - 2] == '\x80';
    return depth == 0;
  };
  std::size_t k = p;  // [k, p) read
#if defined(__SSE2__)
  for (; k >= floor + 16; k -= 16) {
    for (std::uint32_t mask = stop_candidates(t.data() + k - 16, '\x82'); mask;) {
      const int bit = 31 - __builtin_clz(mask);
      mask &= ~(1u << bit);
      if (begins_at(k - 16 + static_cast<std::size_t>(bit) + 1)) return k - 16 + static_cast<std::size_t>(bit) + 1;
    }
  }
#endif
  for (; k > floor; --k) {
    if (stop_candidate(t[k - 1], '\x82') && begins_at(k)) return k;
  }
  return plain_phrase_begin(t, p);
}

std::size_t plain_phrase_end(std::string_view t, std::size_t p) {
  const std::size_t ceiling = std::min(t.size(), p + kPhraseReach);
  int depth = 0;
  while (p < ceiling) {
    std::size_t q = p;
    const char32_t c = utf8::next(t, q);
    if (c == '(') ++depth;
    else if (c == ')' && depth-- == 0) return p;
    else if (depth == 0 && ends_phrase(c)) return p;
    p = q;
  }
  return p;
}

// phrase_begin's blocks read forward: the walk stands at the start of each
// ASCII stop and of each E3 80 82 (。) below the ceiling.
std::size_t phrase_end(std::string_view t, std::size_t p) {
  const std::size_t ceiling = std::min(t.size(), p + kPhraseReach);
  int depth = 0;
  // Whether the phrase ends at b, a candidate byte.
  auto ends_at = [&](std::size_t b) {
    const char c = t[b];
    if (c == '(') {
      ++depth;
      return false;
    }
    if (c == ')') return depth-- == 0;
    if (c == '\xE3') return depth == 0 && b + 3 <= t.size() && t[b + 1] == '\x80' && t[b + 2] == '\x82';
    return depth == 0;
  };
  std::size_t k = p;  // [p, k) read
#if defined(__SSE2__)
  for (; k + 16 <= ceiling; k += 16) {
    for (std::uint32_t mask = stop_candidates(t.data() + k, '\xE3'); mask; mask &= mask - 1) {
      const std::size_t b = k + static_cast<std::size_t>(__builtin_ctz(mask));
      if (ends_at(b)) return b;
    }
  }
#endif
  for (; k < ceiling; ++k) {
    if (stop_candidate(t[k], '\xE3') && ends_at(k)) return k;
  }
  return plain_phrase_end(t, p);
}

}  // namespace target_scan

namespace {

using target_scan::phrase_end;

// A word of `set` that ends s, unless it is the tail of a longer noun
// (期限 holds 限, which there compares nothing).
const WordSet::Word* word_ending(std::string_view s, Class set, const Lexicon& lex) {
  const auto* w = lex.words(set).ends(s);
  if (!w) return nullptr;
  const auto* noun = lex.words(Class::noun).ends(s);
  return noun && noun->text.size() > w->text.size() ? nullptr : w;
}


// Whether a word of `cls`, a class the clause's pass finds, lies wholly in
// t[b, e): WordSet::occurs_in on that stretch, read from the hits instead of
// trying every character.
bool hit_within(const ClauseText& ct, Class cls, std::size_t b, std::size_t e) {
  const auto hits = ct.hits(cls);
  auto it = std::lower_bound(hits.begin(), hits.end(), b, [](const Hit& h, std::size_t p) { return h.begin < p; });
  for (; it != hits.end() && it->begin < e; ++it)
    if (it->end <= e) return true;
  return false;
}

// The comparison word before a number: right before it (达20家, 不少于20个),
// or, for the words that may stand apart, before a short phrase that leads
// to it (最多支持3个, 力争每年新增200家, 不超过项目投资额30%), or before a
// preposition that opens the phrase leading to it (最高可按票房的1%).
// A comparison word that may stand apart, ending before a short phrase
// (at most `longest` ideographs, no 的) that ends s.
std::optional<TargetOp> op_before_phrase(std::string_view s, const Lexicon& lex, int longest = 6) {
  std::size_t i = s.size();
  for (int n = 0; n < longest && i > 0; ++n) {
    std::size_t j = i;
    const char32_t c = utf8::prev(s, j);
    if (!utf8::is_han(c) || c == U'的') break;
    i = j;
    if (const auto* w = word_ending(s.substr(0, i), Class::op_before, lex)) return static_cast<TargetOp>(w->value);
  }
  return std::nullopt;
}

std::optional<TargetOp> op_before(std::string_view before, const Lexicon& lex, bool percent) {
  before = trim_blanks(before);
  // 不超过总投资的30%: a percentage of something, written with 的, is bound
  // by a word before that something as by one before the number.
  if (percent && ends_with(before, "的"))
    // (A whole is a noun phrase, longer than a verb's: 企业上年度研发投入.)
    if (const auto op = op_before_phrase(before.substr(0, before.size() - 3), lex, 16)) return op;
  const auto* adjacent = word_ending(before, Class::op_adjacent, lex);
  const auto* apart = word_ending(before, Class::op_before, lex);
  if (adjacent && (!apart || adjacent->text.size() > apart->text.size())) return static_cast<TargetOp>(adjacent->value);
  if (apart) return static_cast<TargetOp>(apart->value);
  if (const auto op = op_before_phrase(before, lex)) return op;
  // 最高可按固定资产投资额的10%: the word, then a preposition, then no other number.
  const std::string_view phrase = before.substr(phrase_begin(before, before.size()));
  for (std::size_t k = phrase.size(); k > 0;) {
    utf8::prev(phrase, k);
    const char32_t c = char_at(phrase, k);
    if (is_numeral(c)) return std::nullopt;
    const auto* w = lex.words(Class::op_before).starts(phrase.substr(k));
    if (w && lex.words(Class::preposition).starts(phrase.substr(skip_blanks(phrase, k + w->text.size()))))
      return static_cast<TargetOp>(w->value);
  }
  return std::nullopt;
}

// A verb at s[i] that is no part of a noun (覆盖率, 服务行业, 达标): its length.
std::size_t verb_at(std::string_view s, std::size_t i, const Lexicon& lex) {
  const auto* v = lex.words(Class::verb).starts(s.substr(i));
  if (!v) return 0;
  const std::size_t end = i + v->text.size();
  if (lex.words(Class::noun_tail).starts(s.substr(end))) return 0;
  if (const auto* n = lex.words(Class::noun).starts(s.substr(i)); n && n->text.size() > v->text.size()) return 0;
  return v->text.size();
}

// verb_at(s, i) where s is the folded text up to `limit` and s[i] is at p,
// the verb taken from the clause's hits (longest first at one begin).
std::size_t verb_hit_at(const ClauseText& ct, std::span<const Hit>::iterator it, std::span<const Hit>::iterator end,
                        std::size_t limit) {
  const std::string_view t = ct.folded();
  const Lexicon& lex = ct.lexicon();
  const std::size_t p = it->begin;
  for (; it != end && it->begin == p; ++it)
    if (it->end <= limit) break;
  if (it == end || it->begin != p) return 0;
  const std::size_t len = it->end - it->begin;
  if (lex.words(Class::noun_tail).starts(t.substr(p + len, limit - p - len))) return 0;
  if (const auto* n = lex.words(Class::noun).starts(t.substr(p, limit - p)); n && n->text.size() > len) return 0;
  return len;
}

// The first verb hit at or after folded offset p.
std::span<const Hit>::iterator verb_hits_from(std::span<const Hit> verbs, std::size_t p) {
  return std::lower_bound(verbs.begin(), verbs.end(), p, [](const Hit& h, std::size_t q) { return h.begin < q; });
}

// The noun phrase the number counts: written before it (省级地方标准1200项),
// after the last verb; or, when a verb stands right before the number, behind
// the unit (推动200家中小企业开展…) up to the next verb.
std::optional<std::string> subject_near(const ClauseText& ct, std::string_view before, std::string_view after) {
  const Lexicon& lex = ct.lexicon();
  const char* const t = ct.folded().data();
  const auto verbs = ct.hits(Class::verb);
  std::size_t i = before.size(), n = 0;
  while (i > 0 && n < 32) {
    std::size_t j = i;
    const char32_t c = utf8::prev(before, j);
    if (!utf8::is_han(c) && c != '(' && c != ')' && c != U'“' && c != U'”') break;
    i = j;
    ++n;
  }
  std::string_view run = before.substr(i);
  // A label at the front is no part of it: (四)年营业收入 -> 年营业收入.
  if (starts_with(run, "(")) {
    const std::size_t close = run.find(')');
    if (close != std::string_view::npos) run = run.substr(close + 1);
  }
  // Words between the subject and the number: 各, 达, 至, 达到, 一般不超过.
  while (const auto* w = lex.words(Class::between).ends(run)) {
    if (run.size() == w->text.size()) {
      run = {};
      break;
    }
    run.remove_suffix(w->text.size());
  }
  // After the last verb, and after the last 的 (研究成果的比率 -> 比率). A noun
  // and a verb right before the number (标准化培训不少于2次, 人才培育10000人)
  // name what is counted when nothing else does; a verb alone does not.
  // (verb_at at each character of the run, read from the verb hits: no
  // verb begins where there is none.)
  std::string_view ends_in_verb;
  {
    const std::size_t run_end = static_cast<std::size_t>(run.data() - t) + run.size();
    for (auto it = verb_hits_from(verbs, static_cast<std::size_t>(run.data() - t));
         it != verbs.end() && it->begin < run_end;) {
      const std::size_t run_begin = static_cast<std::size_t>(run.data() - t);
      if (const std::size_t len = verb_hit_at(ct, it, verbs.end(), run_end)) {
        const std::size_t k = it->begin - run_begin;
        if (k + len == run.size() && utf8::length(run.substr(0, k)) >= 2) ends_in_verb = run;
        run = run.substr(k + len);
        it = verb_hits_from(verbs, it->begin + len);
        continue;
      }
      const std::size_t p = it->begin;
      while (it != verbs.end() && it->begin == p) ++it;
    }
  }
  if (const std::size_t de = run.rfind("的"); de != std::string_view::npos) run = run.substr(de + 3);
  // 按照实际投入的30%, 对年营业收入首次突破10亿元的: a preposition opens no
  // noun, unless it begins one (对外贸易).
  if (const auto* p = lex.words(Class::preposition).starts(run);
      p && !lex.words(Class::noun).starts(run) && utf8::length(run) >= utf8::length(p->text) + 2)
    run.remove_prefix(p->text.size());
  // 培育“天府名品”200个: a name wholly in quotes, without them; 培育“品字标”企业
  // keeps them. A quote cut from its pair goes.
  while (starts_with(run, "”")) run.remove_prefix(3);
  while (ends_with(run, "“")) run.remove_suffix(3);
  if (starts_with(run, "“") && ends_with(run, "”") && run.size() > 6 &&
      run.substr(3, run.size() - 6).find("“") == std::string_view::npos)
    run = run.substr(3, run.size() - 6);
  if (utf8::length(run) >= 2) return std::string(run);
  // The noun follows the unit.
  std::size_t k = 0;
  n = 0;
  while (k < after.size() && n < 24) {
    if (n > 0 && verb_at(after, k, lex)) break;
    std::size_t j = k;
    const char32_t c = utf8::next(after, j);
    if (!utf8::is_han(c) || c == U'的') break;
    k = j;
    ++n;
  }
  if (n >= 2) return std::string(after.substr(0, k));
  if (utf8::length(ends_in_verb) >= 2) return std::string(ends_in_verb);
  return std::nullopt;
}

// ---------------------------------------------------------------------------
// Reading a quantity: numeral, multiplier, unit, bound and comparison word.

struct Numeral {
  double value = 0;
  bool chinese = false;
  bool fraction = false;  // 三分之一, 一半, 百分之三十: a percentage
  std::size_t end = 0;    // folded offset after it
};

// The value of one run of digits or Chinese numerals. A run of multipliers
// alone (万人, 千方百计) counts nothing, except as the denominator of a
// fraction (百分之三十); 十 may stand alone.
std::optional<double> run_value(std::string_view digits, bool arabic, bool multiplier_alone) {
  if (arabic) return text::parse_decimal(digits);
  if (const auto d = one_digit_value(digits)) return static_cast<double>(*d);  // 一, 三: most runs
  bool has_digit = digits == "十" || multiplier_alone;
  for (std::size_t k = 0; k < digits.size() && !has_digit;) has_digit = text::chinese_digit(utf8::next(digits, k)) >= 0;
  if (!has_digit) return std::nullopt;
  auto v = text::parse_chinese_integer(digits);
  if (!v) return std::nullopt;
  return static_cast<double>(*v);
}

std::optional<Numeral> read_numeral(std::string_view t, const std::vector<NumberRun>& runs, std::size_t k) {
  const NumberRun& r = runs[k];
  const std::string_view digits = t.substr(r.begin, r.end - r.begin);
  // X分之Y is Y/X, a percentage (三分之一 -> 33.33).
  if (k + 1 < runs.size() && written_at(t, r.end, "分之") && runs[k + 1].begin == r.end + 6) {
    const auto den = run_value(digits, r.arabic, true);
    const auto num = run_value(t.substr(runs[k + 1].begin, runs[k + 1].end - runs[k + 1].begin), runs[k + 1].arabic, false);
    if (den && num && *den > 0) return Numeral{*num / *den * 100, !r.arabic, true, runs[k + 1].end};
  }
  // 一半 is half (not 一半年, which is no word, nor 一年半, which is read as 一年).
  if (!r.arabic && digits == "一" && written_at(t, r.end, "半")) {
    const char32_t next = char_at(t, r.end + 3);
    if (next != U'年' && next != U'月' && next != U'天' && next != U'日' && next != U'小' && next != U'个')
      return Numeral{50, true, true, r.end + 3};
  }
  const auto v = run_value(digits, r.arabic, false);
  if (!v) return std::nullopt;
  // 九成, 八成以上: tenths, a percentage — not 成 that starts a word
  // (三成员, 一成不变).
  if (*v >= 1 && *v <= 10 && written_at(t, r.end, "成")) {
    const char32_t next = char_at(t, r.end + 3);
    static constexpr std::u32string_view kWordAfter = U"员本果为立熟效交都长功绩就年型品套片批分不";
    if (next == 0 || kWordAfter.find(next) == std::u32string_view::npos) return Numeral{*v * 10, !r.arabic, true, r.end + 3};
  }
  return Numeral{*v, !r.arabic, false, r.end};
}

struct Quantity {
  std::size_t begin = 0;     // the numeral (folded)
  std::size_t unit_end = 0;  // after the multiplier, unit and the unit's tail
  std::size_t bound_end = 0; // after an explicit bound (含) (or unit_end)
  std::size_t end = 0;       // after the comparison word written after it (or unit_end)
  double value = 0;
  double factor = 1;
  bool chinese = false;
  std::string_view unit;  // a lexicon word, or "%": no copy for each number read
  MeasureKind kind = MeasureKind::count;
  bool measured = false;     // a unit or a multiplier was written
  const WordSet::Word* bound = nullptr;
  const WordSet::Word* after = nullptr;
  const WordSet::Word* inside = nullptr;  // 余, 多
};

std::optional<Quantity> read_quantity(const ClauseText& ct, std::size_t k) {
  const std::string_view t = ct.folded();
  const Lexicon& lex = ct.lexicon();
  const auto numeral = read_numeral(t, ct.numbers(), k);
  if (!numeral) return std::nullopt;
  // Up to eight classes are asked at two or three places: each place's
  // character is read once, and a class that starts no word with it is
  // passed by (where each starts() read the character again).
  std::size_t read_at = std::string_view::npos;
  char32_t read = 0;
  auto word_at = [&](Class cls, std::size_t i) {
    if (i != read_at) {
      read_at = i;
      read = char_read_at(t, i);
    }
    return starts_with_char(lex.words(cls), t, i, read);
  };
  Quantity q;
  q.begin = ct.numbers()[k].begin;
  q.value = numeral->value;
  q.chinese = numeral->chinese;
  std::size_t u = numeral->end;
  if (numeral->fraction) {
    q.unit = "%";
    q.kind = MeasureKind::percent;
    q.measured = true;
  } else {
    // Multiplier (2万项, 1.5亿元; 千 of 千瓦 is the unit's), 余/多, unit.
    // Multipliers stack, each larger than the one before: 1.2万亿元 is
    // 1.2 × 10⁴ × 10⁸, 3千万元 3 × 10³ × 10⁴.
    std::size_t i = skip_blanks(t, u);
    if (!q.chinese && !(written_at(t, i, "千") && word_at(Class::measure, i))) {
      auto multiplier_at = [&](std::size_t at) {
        return written_at(t, at, "万") ? 1e4 : written_at(t, at, "亿") ? 1e8 : written_at(t, at, "千") ? 1e3 : 1.0;
      };
      double last = 1;  // the multiplier read before
      for (double m = multiplier_at(i); m > last; m = multiplier_at(i)) {
        q.factor *= m;
        last = m;
        u = i += 3;
      }
    }
    i = skip_blanks(t, u);
    if ((q.inside = word_at(Class::op_inside, i))) u = i + q.inside->text.size();
    i = skip_blanks(t, u);
    const auto* measure = word_at(Class::measure, i);
    if (measure && word_at(Class::measure_not, i)) measure = nullptr;
    if (measure) {
      q.unit = measure->text;
      q.kind = static_cast<MeasureKind>(measure->value);
      u = i + measure->text.size();
      if (const auto* tail = word_at(Class::measure_tail, u)) u += tail->text.size();
    }
    q.measured = measure || q.factor != 1;
  }
  // 5G, 十四五: the number must not run into letters.
  // (char_at(t, u) reads what char_read_at does.)
  if (u != read_at) {
    read_at = u;
    read = char_read_at(t, u);
  }
  if (is_ascii_letter(read)) return std::nullopt;
  q.unit_end = q.bound_end = q.end = u;
  // 10000人（不含）以下: an explicit bound, then the comparison word.
  std::size_t i = skip_blanks(t, u);
  if ((q.bound = word_at(Class::op_bound, i))) q.bound_end = i + q.bound->text.size();
  i = skip_blanks(t, q.bound ? q.bound_end : u);
  q.after = word_at(Class::op_after, i);
  // A word that begins a noun is none: 20家内资企业. (Asked only after a word.)
  if (const auto* noun = q.after ? word_at(Class::noun, i) : nullptr;
      noun && noun->text.size() > q.after->text.size())
    q.after = nullptr;
  if (q.after) q.end = i + q.after->text.size();
  return q;
}

// The op the words written after a quantity give it.
std::optional<TargetOp> op_after(const Quantity& q) {
  if (q.after) {
    auto op = static_cast<TargetOp>(q.after->value);
    if (q.bound && static_cast<TargetOp>(q.bound->value) == TargetOp::gt) {
      if (op == TargetOp::ge) op = TargetOp::gt;
      if (op == TargetOp::le) op = TargetOp::lt;
    }
    return op;
  }
  if (q.inside) return static_cast<TargetOp>(q.inside->value);
  return std::nullopt;
}

// A range's end without a comparison word: the low end ge (gt when its
// bound excludes it), the high end le (lt).
TargetOp range_op(const Quantity& q, bool low) {
  const bool strict = q.bound && static_cast<TargetOp>(q.bound->value) == TargetOp::gt;
  if (low) return strict ? TargetOp::gt : TargetOp::ge;
  return strict ? TargetOp::lt : TargetOp::le;
}

// A range separator at t[i] (1-2个, 10%—15%, 5000人（含）—10000人): its length.
// (Most numbers are followed by no separator: the first byte says so before
// a compare.)
std::size_t range_separator(std::string_view t, std::size_t i) {
  if (i >= t.size()) return 0;
  for (std::string_view s : {"——", "—", "-", "–", "~", "〜", "至", "到"})
    if (t[i] == s[0] && t.compare(i, s.size(), s) == 0) return s.size();
  return 0;
}

// ---------------------------------------------------------------------------
// What a number is, besides a target.

// A number that is part of something else: a code (GB2760, O2O), a decimal
// or a date (2023.12), an ordinal (第8、11、12条), a title (《…2025…》), or a
// slogan in quotes that holds it (“两个维护”, “最多跑一次”). All but the
// quotes are read from where the number begins: part_of_something_else_at
// is asked before the quantity is read, quoted_with after.
bool part_of_something_else_at(const ClauseText& ct, std::size_t begin) {
  const std::string_view t = ct.folded();
  const char32_t prev = char_before(t, begin);
  if (is_ascii_letter(prev) || prev == '.' || prev == '-' || prev == '/' || prev == '+') return true;
  for (const Hit& h : ct.hits(Class::slogan))
    if (h.begin <= begin && begin < h.end) return true;
  std::size_t k = begin;
  while (k > 0) {
    std::size_t j = k;
    const char32_t p = utf8::prev(t, j);
    if (p == U'第') return true;
    if (!(is_ascii_digit(p) || p == U'、' || p == ',' || p == U'和' || p == U'至' || p == U'到' || p == U'及' ||
          is_cn_numeral(p)))
      break;
    k = j;
  }
  return ct.in_title(begin);
}

// A quoted phrase of a few characters that holds the quantity t[begin, end).
bool quoted_with(const ClauseText& ct, std::size_t begin, std::size_t end) {
  const std::string_view t = ct.folded();
  if (!quote_may_open(t, begin)) return false;
  std::size_t open = begin, n = 0;
  bool opened = false;
  while (open > 0 && n < kQuoteReach) {
    const char32_t c = utf8::prev(t, open);
    if (c == U'“' || c == '"') {
      opened = true;
      break;
    }
    if (c == U'”' || ends_phrase(c)) break;
    ++n;
  }
  if (!opened) return false;
  std::size_t close = end;
  for (std::size_t m = 0; close < t.size() && n + m < 10; ++m) {
    const char32_t c = utf8::next(t, close);
    if (c == U'”' || c == '"') return true;
    if (c == U'“' || ends_phrase(c)) break;
  }
  return false;
}

// An assessment's score weight: a bracket that holds nothing but the number
// and 分 or % (（2分）, 日常监测（60%）).
bool is_weight(const ClauseText& ct, const Quantity& q) {
  if (q.kind != MeasureKind::score && q.kind != MeasureKind::percent) return false;
  const Bracket* b = ct.bracket_at(q.begin);
  if (!b) return false;
  const Range inner = b->inner();
  const std::string_view t = ct.folded();
  return skip_blanks(t, inner.begin) == q.begin && trim_blanks(ct.folded(Range{q.end, inner.end})).empty();
}

// The phrase around a quantity (or a range, first to last): what
// starts_a_change and describes read, found once for both.
Range phrase_of(std::string_view t, const Quantity& first, const Quantity& last) {
  return {phrase_begin(t, first.begin), phrase_end(t, last.end)};
}

// From … to another number (从22个工作日压减至15个, 由60%提至90%): the
// first number is where the change starts. `phrase` is phrase_of(first, last).
bool starts_a_change(const ClauseText& ct, const Quantity& first, const Quantity& last, Range phrase) {
  const std::string_view t = ct.folded();
  const std::size_t pb = phrase.begin, pe = phrase.end;
  if (!occurs_free(ct, pb, first.begin, Class::change_from)) return false;
  for (std::size_t k = last.end; k < pe;) {
    if (const auto* w = ct.lexicon().words(Class::change_to).starts(t.substr(k, pe - k))) {
      for (std::size_t m = k + w->text.size(); m < pe;)
        if (is_numeral(utf8::next(t, m))) return true;
      return false;
    }
    utf8::next(t, k);
  }
  return false;
}

// Numbers that describe the document or the state a task starts from,
// whatever their unit: ……等5项标准 (a count of the items just listed), 7个
// 方面, 有效期3年 (the validity), 3岁以下婴幼儿 (the population), 针对……
// 的2034种 (the scope), 在现有62项的基础上, 每引进1名 (a rate's
// denominator).
bool describes(const ClauseText& ct, const Quantity& first, const Quantity& last, Range phrase) {
  const std::string_view t = ct.folded();
  const Lexicon& lex = ct.lexicon();
  const std::string_view before = trim_blanks(t.substr(0, first.begin));
  const std::size_t after = skip_blanks(t, last.end);
  const std::string_view rest = t.substr(after);
  if (word_ending(before, Class::describes_before, lex)) return true;
  if (lex.words(Class::text_part).starts(rest)) return true;
  // 三年行动方案, 五年规划, 为期三年的: a period that names a plan or the span
  // of the work itself, not a quantity to reach.
  if (last.kind == MeasureKind::time &&
      (lex.words(Class::plan_name).starts(rest) || word_ending(before, Class::span_before, lex)))
    return true;
  // 有效期3年。 — but 最长有效期5年的居留许可 is the term of a permit.
  {
    std::string_view b = before;
    if (ends_with(b, "为")) b = trim_blanks(b.substr(0, b.size() - 3));
    const char32_t next = char_at(t, after);
    if (lex.words(Class::target_validity).ends(b) && (next == 0 || ends_phrase(next) || next == ')')) return true;
  }
  // An age or a duration right before a noun of people (no 的 between).
  if (last.kind == MeasureKind::age || last.kind == MeasureKind::time) {
    std::size_t k = after, n = 0;
    while (k < t.size() && n < 10) {
      if (lex.words(Class::population).starts(t.substr(k))) return true;
      const char32_t c = utf8::next(t, k);
      if (!utf8::is_han(c) || c == U'的') break;
      ++n;
    }
  }
  const std::size_t pb = phrase.begin, pe = phrase.end;
  if (occurs_free(ct, pb, first.begin, Class::scope)) return true;
  if (written_in(t.substr(last.end, pe - last.end), lex.words(Class::change_base))) return true;
  // 每引进1名博士后，给予…: what a rate is counted per; 每年新增200家 and
  // 每集奖励10万元 (每 before a noun) count.
  std::size_t k = before.size();
  for (int n = 0; n < 4 && k > 0; ++n) {
    utf8::prev(before, k);
    if (const auto* per = lex.words(Class::per).starts(before.substr(k))) {
      // 每新增1000万元, 每超1亿元: a verb or a comparison word between.
      const std::size_t v = k + per->text.size();
      std::size_t len = verb_at(before, v, lex);
      for (Class c : {Class::op_before, Class::op_adjacent})
        if (const auto* w = lex.words(c).starts(before.substr(v)); !len && w) len = w->text.size();
      return len && v + len == before.size();
    }
  }
  return false;
}

// ---------------------------------------------------------------------------
// Lists.

// A found number with what the list rules need to know about it.
struct Found {
  TargetMention mention;
  std::size_t end = 0;        // folded, after its unit and comparison word
  bool own_op = false;        // a comparison word of its own
  bool own_unit = false;      // a unit of its own (a bare member of a list takes the list's)
  bool range = false;         // one end of a range: its op is its own
  bool listed = false;        // written right after the member before it and a separator
  bool opens_segment = false; // written right after 、/和/及 (a list's separator)
  double factor = 1;          // its multiplier, for the bare members before it
};

constexpr std::string_view kSeparators[] = {"、", "以及", "和", "及", "或", "与"};

// Whether s is a list separator, with blanks around it.
bool is_separator(std::string_view s) {
  s = trim_blanks(s.substr(skip_blanks(s, 0)));
  for (std::string_view sep : kSeparators)
    if (s == sep) return true;
  return false;
}

// The list separator that ends `between` (、, 和, 及, 或, 与), if `between`
// holds nothing but the words of the member before it.
bool list_separated(std::string_view between) {
  between = trim_blanks(between);
  std::size_t cut = std::string_view::npos;
  for (std::string_view s : kSeparators)
    if (ends_with(between, s)) {
      cut = between.size() - s.size();
      break;
    }
  if (cut == std::string_view::npos) return false;
  for (std::size_t k = 0; k < cut;) {
    const char32_t c = utf8::next(between, k);
    if (ends_phrase(c) || is_numeral(c)) return false;
  }
  return true;
}

// The op a list's opening word gives every number in it: 至少2个地市、10个
// 县区; 达到万兆到旗县区、千兆到苏木乡镇、20兆进牧户. The word stands in the
// list's first member, right before its number.
std::optional<TargetOp> list_opener(std::string_view t, std::size_t begin, const Lexicon& lex) {
  const std::size_t pb = phrase_begin(t, begin);
  const std::string_view phrase = t.substr(pb, begin - pb);
  const std::size_t first_sep = phrase.find("、");
  if (first_sep == std::string_view::npos) return std::nullopt;
  const std::string_view first = phrase.substr(0, first_sep);
  std::optional<TargetOp> op;
  for (std::size_t k = 0; k < first.size();) {
    for (Class c : {Class::op_before, Class::op_adjacent}) {
      const auto* w = lex.words(c).starts(first.substr(k));
      if (w && is_numeral(char_at(first, skip_blanks(first, k + w->text.size())))) op = static_cast<TargetOp>(w->value);
    }
    utf8::next(first, k);
  }
  return op;
}

// A list of numbers (分别给予100万元、200万元、300万元奖励) is read as one
// phrase: the words around it were written once, for all of them. Where the
// members that carry an op, a kind or a subject agree, the others take it; a
// member without a unit, or with the first part of the last one's
// (15个、7个工作日以内), takes the last member's.
void share_within_list(std::vector<Found>::iterator first, std::vector<Found>::iterator last) {
  if (last - first < 2) return;
  std::optional<TargetOp> op;
  std::optional<TargetKind> kind;
  bool ops_agree = true, kinds_agree = true;
  for (auto it = first; it != last; ++it) {
    const Target& t = it->mention.target;
    if (it->own_op && !it->range) {
      if (op && *op != t.op) ops_agree = false;
      op = t.op;
    }
    if (t.kind != TargetKind::target) {
      if (kind && *kind != t.kind) kinds_agree = false;
      kind = t.kind;
    }
  }
  const Found& tail = *(last - 1);
  const std::optional<std::string> subject = first->mention.target.subject;
  for (auto it = first; it != last; ++it) {
    Target& t = it->mention.target;
    if (op && ops_agree && !it->own_op && !it->range) t.op = *op;
    if (kind && kinds_agree) t.kind = *kind;
    if (!t.subject && subject) t.subject = subject;
    if (!it->own_unit && tail.own_unit) {
      t.value *= tail.factor;
      t.unit = tail.mention.target.unit;
      it->own_unit = true;
    } else if (t.unit.size() < tail.mention.target.unit.size() && starts_with(tail.mention.target.unit, t.unit) &&
               !t.unit.empty()) {
      t.unit = tail.mention.target.unit;
    }
  }
}

}  // namespace

// Whether a score after `before` is one an assessment gives or takes.
bool scored_before(std::string_view before) {
  for (std::string_view w : {"得", "扣", "加", "减", "计", "记", "扣除", "最高得"})
    if (ends_with(before, w)) return true;
  return false;
}

// Whether a number of 日 after `before` is a day of a date: after 月, or
// after a day and a range word (15日至20日).
bool is_day_of_date(std::string_view before) {
  if (ends_with(before, "月")) return true;
  for (std::string_view to : {"至", "到", "—", "-", "~"})
    if (ends_with(before, to)) return ends_with(trim_blanks(before.substr(0, before.size() - to.size())), "日");
  return false;
}

std::vector<TargetMention> find_targets(const ClauseText& ct) {
  const std::string& t = ct.folded();
  const Lexicon& lex = ct.lexicon();
  const auto& runs = ct.numbers();
  std::vector<Found> found;
  std::size_t resume = 0;  // numbers inside a quantity just read are part of it
  // 从22个工作日压减至15个: the 15 counts what the starting point counts.
  std::string_view change_unit;
  std::size_t change_until = 0;

  // Makes a target of a quantity whose op is known.
  auto emit = [&](const Quantity& q, TargetOp op, bool own_op, bool range) {
    Found f;
    Target& tg = f.mention.target;
    tg.value = q.value * q.factor;
    tg.unit = q.unit;
    if (q.begin < change_until && !q.unit.empty() && q.unit.size() < change_unit.size() &&
        starts_with(change_unit, q.unit))
      tg.unit = change_unit;
    tg.op = op;
    const std::string_view before = trim_blanks(std::string_view(t).substr(0, q.begin));
    const std::string_view after = std::string_view(t).substr(q.end);
    // 给予…万元奖励 is an award; …以上的 (a condition) a threshold.
    std::string_view window = before.substr(before.size() > 36 ? before.size() - 36 : 0);
    window = window.substr(after_last_stop(window));  // only this sentence counts
    const std::size_t window_begin = static_cast<std::size_t>(window.data() - t.data());
    const std::size_t window_end = window_begin + window.size();
    // A number followed by 的 is a condition even when an award was named
    // before it in the sentence (…给予30万元奖励，营业收入在1亿元以上的…).
    // …万元奖励; …万元的资助 and …元的标准给予补贴 where the award word ends
    // the phrase or leads to another (not …以上的给予40万元: a condition,
    // then its award).
    bool awarded = lex.words(Class::award_after).starts(after);
    // …万元的一次性奖励: words that qualify the award may stand between; a
    // verb that gives (…以上的给予奖励) makes what went before a condition.
    std::string_view after_de = starts_with(after, "的") ? after.substr(3) : std::string_view();
    while (const auto* qualifier = lex.words(Class::award_qualifier).starts(after_de))
      after_de.remove_prefix(qualifier->text.size());
    const auto* w = lex.words(Class::award_giver).starts(after_de) ? nullptr : lex.words(Class::award_after).starts(after_de);
    if (w) {
      const std::string_view rest = after_de.substr(w->text.size());
      const char32_t next = char_at(rest, 0);
      awarded = next == 0 || ends_phrase(next) || next == ')' || lex.words(Class::award_after).starts(rest) ||
                lex.words(Class::award_before).starts(rest);
    }
    if (awarded) tg.kind = TargetKind::award;
    else if (starts_with(after, "的")) tg.kind = TargetKind::threshold;
    else if (hit_within(ct, Class::award_before, window_begin, window_end)) tg.kind = TargetKind::award;
    else if (hit_within(ct, Class::threshold_before, window_begin, window_end)) tg.kind = TargetKind::threshold;
    // 申报条件：年营业收入超过1亿元, 申报企业须满足：…: a label of conditions
    // before the colon the sentence restarts at.
    else if (window_begin > 0 && t[window_begin - 1] == ':' &&
             hit_within(ct, Class::threshold_before, window_begin - 1 > 36 ? window_begin - 1 - 36 : 0, window_begin - 1))
      tg.kind = TargetKind::threshold;
    // 给予补助，单个企业每年最高不超过200万元: a cap in a sentence that grants
    // an award caps that award, however far back the award was named.
    else if (op == TargetOp::le && lex.words(Class::award_cap).occurs_in(window) &&
             lex.words(Class::award_before).occurs_in(before.substr(after_last_stop(before))))
      tg.kind = TargetKind::award;
    tg.subject = subject_near(ct, before, after);
    const Span at = ct.original_span(q.begin, q.end);
    tg.text = std::string(ct.original().substr(at.begin, at.end - at.begin));
    tg.at = at;
    f.mention.folded = q.begin;
    f.end = q.end;
    f.own_op = own_op;
    f.own_unit = q.measured;
    f.range = range;
    f.factor = q.factor;
    found.push_back(std::move(f));
  };

  for (std::size_t k = 0; k < runs.size(); ++k) {
    if (runs[k].begin < resume) continue;
    if (part_of_something_else_at(ct, runs[k].begin)) continue;
    auto q = read_quantity(ct, k);
    if (!q) continue;
    if (quoted_with(ct, q->begin, q->unit_end)) continue;

    // A range: 1-2个, 10%—15%, 5000人（含）—10000人（不含）.
    std::optional<Quantity> high;
    if (!q->after && !q->inside) {
      const std::size_t s = skip_blanks(t, q->bound_end);
      const std::size_t len = range_separator(t, s);
      const std::size_t h = skip_blanks(t, s + len);
      std::size_t kk = k + 1;
      while (kk < runs.size() && runs[kk].begin < h) ++kk;
      if (len && kk < runs.size() && runs[kk].begin == h) {
        high = read_quantity(ct, kk);
        if (high && !(high->measured && (q->unit.empty() || q->unit == high->unit))) high.reset();
      }
    }
    if (high) {
      // 1-2万元: the low end takes the unit, and the multiplier, written once after the high one.
      if (q->unit.empty()) {
        q->unit = high->unit;
        q->kind = high->kind;
        if (q->factor == 1) q->factor = high->factor;
        q->measured = true;
      }
      resume = high->end;
      const bool date = (q->unit == "年" && high->value >= 1000) ||
                        (q->unit == "日" && is_day_of_date(trim_blanks(std::string_view(t).substr(0, q->begin))));
      if (date) continue;
      const Range phrase = phrase_of(t, *q, *high);
      if (starts_a_change(ct, *q, *high, phrase) || describes(ct, *q, *high, phrase)) continue;
      if (q->kind == MeasureKind::score && (q->chinese || high->chinese)) continue;
      q->end = q->bound_end;
      const auto after = op_after(*high);
      if (!after) high->end = high->bound_end;
      emit(*q, range_op(*q, true), true, true);
      emit(*high, after ? *after : range_op(*high, false), true, true);
      // The words after the range are written once for both ends.
      found[found.size() - 2].mention.target.kind = found.back().mention.target.kind;
      continue;
    }
    resume = q->end;

    // A number without a unit: a member of a list whose unit comes later
    // (5000、10000人: only a separator between them), or nothing.
    if (!q->measured) {
      if (k + 1 < runs.size() && is_separator(ct.folded(Range{q->unit_end, runs[k + 1].begin})))
        emit(*q, TargetOp::eq, false, false);
      continue;
    }
    if (q->kind == MeasureKind::money && q->chinese && q->value < 10) continue;  // 二元结构, 多元
    if (q->kind == MeasureKind::score && q->chinese) continue;                   // 十分重要
    // 得10分, 扣1分, 加5分: an assessment's score weights (SPEC §2), no target.
    if (q->kind == MeasureKind::score && scored_before(trim_blanks(std::string_view(t).substr(0, q->begin)))) continue;
    if (q->unit == "年" && (q->value >= 1000 || (q->chinese && runs[k].end - runs[k].begin == 12))) continue;  // 2025年
    // 6月30日, 每月5日前, 3月15日至20日: a day after its month, or after
    // another day and 至, is a date, not a number of days.
    if (q->unit == "日" && is_day_of_date(trim_blanks(std::string_view(t).substr(0, q->begin)))) continue;
    // 自发布之日起30日后施行: a delay before a start, no target.
    if (q->unit == "日" && written_at(t, q->unit_end, "后")) continue;
    if (q->chinese && q->value == 0) continue;  // 零部件, 零距离: a word
    if (is_weight(ct, *q)) continue;
    const Range phrase = phrase_of(t, *q, *q);
    if (starts_a_change(ct, *q, *q, phrase)) {
      change_unit = q->unit;
      change_until = phrase.end;
      continue;
    }
    if (describes(ct, *q, *q, phrase)) continue;

    std::optional<TargetOp> op = op_after(*q);
    if (!op) op = op_before(std::string_view(t).substr(0, q->begin), lex, q->unit == "%");
    // Small counts in Chinese numerals without a comparison word name things
    // (一批, 三张清单, 两个确立, 分两个阶段, 三种类型, 四类); the counts a
    // task commits to are written in digits. 只能申报一项 is a limit.
    if (q->chinese && !op &&
        (q->value == 1 || (q->value < 10 && (q->kind == MeasureKind::count || q->kind == MeasureKind::times))))
      continue;
    // 十九届五中全会: sessions counted in Chinese numerals number a meeting.
    if (q->chinese && !op && q->kind == MeasureKind::session) continue;
    emit(*q, op.value_or(TargetOp::eq), op.has_value(), false);
  }

  // Lists: members written one after another with 、/和/及 between them.
  for (std::size_t g = 0; g < found.size(); ++g) {
    const std::size_t b = found[g].mention.folded;
    const std::string_view before = trim_blanks(std::string_view(t).substr(0, b));
    for (std::string_view sep : kSeparators) found[g].opens_segment |= ends_with(before, sep);
    if (g == 0) continue;
    const std::size_t s = found[g - 1].end;
    found[g].listed = found[g].opens_segment && b > s && list_separated(std::string_view(t).substr(s, b - s));
  }
  // A list's opening word governs the members that have none of their own.
  for (Found& f : found)
    if (!f.own_op && !f.range && f.opens_segment)
      if (auto op = list_opener(t, f.mention.folded, lex)) {
        f.mention.target.op = *op;
        f.own_op = true;
      }
  for (std::size_t g = 0; g < found.size();) {
    std::size_t e = g + 1;
    while (e < found.size() && found[e].listed && found[e].range == found[g].range) ++e;
    share_within_list(found.begin() + static_cast<std::ptrdiff_t>(g), found.begin() + static_cast<std::ptrdiff_t>(e));
    g = e;
  }

  std::vector<TargetMention> out;
  for (Found& f : found) {
    // A list member that never found a unit, or a year it turned out to be.
    if (!f.own_unit) continue;
    if (f.mention.target.unit == "年" && f.mention.target.value >= 1000) continue;
    out.push_back(std::move(f.mention));
  }
  return out;
}

}  // namespace policy::extract

// The clause scan reads most characters on short paths of its own (plain
// runs, folds to one ASCII character, digits, numerals, sentence ends). Each
// check here reads the same text the plain way — Folded for the folded view,
// char_kind and the matcher's own scan for the rest, one character at a time
// — and asks for the same answer.
#include <catch2/catch.hpp>

#include <algorithm>
#include <random>
#include <string>
#include <tuple>
#include <vector>

#include "policy/extract/clause_text.h"
#include "policy/lexicon/lexicon.h"
#include "policy/text/phrase_matcher.h"
#include "policy/text/char_kind.h"
#include "policy/text/fold.h"
#include "policy/text/utf8.h"

using namespace policy;
using namespace policy::extract;
using lexicon::Class;
using lexicon::Lexicon;

namespace {

struct Reading {
  std::string folded;
  std::vector<std::size_t> to_original, to_original_end;
  // By class, then by begin, the longer first at one begin.
  std::vector<std::tuple<int, std::uint32_t, std::int64_t, int>> hits;
  std::vector<std::tuple<std::uint32_t, std::uint32_t, bool>> numbers;
  std::vector<std::tuple<std::uint32_t, std::uint32_t, bool>> brackets;
  std::vector<std::pair<std::size_t, std::size_t>> sentences;
  std::vector<bool> in_title;
  bool operator==(const Reading&) const = default;
};

Reading read_by_clause_text(const std::string& original, const Lexicon& lex) {
  const ClauseText ct(original, lex);
  Reading r;
  r.folded = ct.folded();
  for (std::size_t k = 0; k <= r.folded.size(); ++k) {
    r.to_original.push_back(ct.to_original(k));
    r.to_original_end.push_back(ct.to_original(k, true));
    r.in_title.push_back(ct.in_title(k));
  }
  for (std::size_t c = 0; c < lexicon::kClassCount; ++c)
    for (const Hit& h : ct.hits(static_cast<Class>(c)))
      r.hits.emplace_back(static_cast<int>(h.cls), h.begin, -std::int64_t{h.end}, h.value);
  for (const NumberRun& n : ct.numbers()) r.numbers.emplace_back(n.begin, n.end, n.arabic);
  for (const Bracket& b : ct.brackets()) r.brackets.emplace_back(b.begin, b.end, b.closed);
  for (const Range& s : ct.sentences()) r.sentences.emplace_back(s.begin, s.end);
  return r;
}

// The rules as ClauseText's header states them, one character at a time.
Reading read_plainly(const std::string& original, const Lexicon& lex) {
  const text::Folded f(original);
  Reading r;
  r.folded = f.text();
  const std::string& t = r.folded;
  for (std::size_t k = 0; k <= t.size(); ++k) {
    r.to_original.push_back(f.to_original(k));
    r.to_original_end.push_back(f.to_original(k, true));
  }
  lex.matcher().scan(t, [&](std::size_t b, std::size_t e, std::uint32_t id) {
    for (const lexicon::Entry& en : lex.entries(id))
      r.hits.emplace_back(static_cast<int>(en.cls), static_cast<std::uint32_t>(b), -static_cast<std::int64_t>(e), en.value);
  });
  std::sort(r.hits.begin(), r.hits.end());
  using K = text::CharKind;
  struct Char {
    std::size_t begin, end;
    K kind;
  };
  std::vector<Char> cs;
  for (std::size_t i = 0; i < t.size();) {
    const std::size_t b = i;
    const char32_t c = utf8::next(t, i);
    cs.push_back({b, i, c < 0x10000 ? text::char_kind(c) : K::plain});
  }
  // Numbers: a run of one kind; digits take one point when a digit follows it.
  for (std::size_t k = 0; k < cs.size();) {
    const K kind = cs[k].kind;
    if (kind != K::digit && kind != K::cn_numeral) {
      ++k;
      continue;
    }
    const std::size_t first = k;
    while (k < cs.size() && cs[k].kind == kind) ++k;
    if (kind == K::digit && k + 1 < cs.size() && cs[k].kind == K::dot && cs[k + 1].kind == K::digit) {
      k += 1;
      while (k < cs.size() && cs[k].kind == kind) ++k;
    }
    r.numbers.emplace_back(cs[first].begin, k < cs.size() ? cs[k].begin : t.size(), kind == K::digit);
  }
  // Brackets: top-level pairs; one never closed runs to its line's end, and
  // pairing starts again after that line.
  for (std::size_t k = 0; k < cs.size();) {
    if (cs[k].kind != K::open) {
      ++k;
      continue;
    }
    int depth = 0;
    std::size_t m = k;
    for (; m < cs.size(); ++m) {
      if (cs[m].kind == K::open) ++depth;
      else if (cs[m].kind == K::close && --depth == 0) break;
    }
    if (m < cs.size()) {
      r.brackets.emplace_back(cs[k].begin, cs[m].end, true);
      k = m + 1;
    } else {
      std::size_t line_end = t.find('\n', cs[k].begin);
      if (line_end == std::string::npos) line_end = t.size();
      r.brackets.emplace_back(cs[k].begin, line_end, false);
      while (k < cs.size() && cs[k].begin < line_end) ++k;
    }
  }
  // Sentences: cut after a sentence end outside brackets; blank ones go; one
  // that opens with '(' joins one before it that ends in 。;!?.
  std::vector<std::pair<std::size_t, std::size_t>> cut;
  int depth = 0;
  std::size_t from = 0;
  for (const Char& c : cs) {
    if (c.kind == K::open) ++depth;
    if (c.kind == K::close && depth > 0) --depth;
    if (c.kind == K::sentence_end && depth == 0) {
      cut.emplace_back(from, c.end);
      from = c.end;
    }
  }
  if (from < t.size()) cut.emplace_back(from, t.size());
  for (const auto& [b, e] : cut) {
    const std::string_view s = utf8::trim(std::string_view(t).substr(b, e - b));
    if (s.empty()) continue;
    if (s.front() == '(' && !r.sentences.empty()) {
      const auto& [pb, pe] = r.sentences.back();
      const std::string_view before = utf8::trim(std::string_view(t).substr(pb, pe - pb));
      if (before.ends_with("。") || before.ends_with(";") || before.ends_with("!") || before.ends_with("?")) {
        r.sentences.back().second = e;
        continue;
      }
    }
    r.sentences.emplace_back(b, e);
  }
  // Titles: from the last 《 to the 》 after it.
  std::vector<std::pair<std::size_t, std::size_t>> titles;
  std::size_t open = std::string::npos;
  for (const Char& c : cs) {
    if (c.kind == K::title_open) open = c.begin;
    if (c.kind == K::title_close) {
      if (open != std::string::npos) titles.emplace_back(open, c.end);
      open = std::string::npos;
    }
  }
  for (std::size_t k = 0; k <= t.size(); ++k) {
    bool in = false;
    for (const auto& [b, e] : titles)
      if (b <= k) in = k > b && k < e;
    r.in_title.push_back(in);
  }
  return r;
}

bool has_slip(const Reading& r) {
  for (const auto& h : r.hits)
    if (std::get<0>(h) == static_cast<int>(Class::slip)) return true;
  return false;
}

// Texts of random pieces: what the short paths read, what they leave to the
// general way, and what sits on the border of both (the last three bytes).
// (Overlong and surrogate sequences read as their code point, as
// utf8::next reads them; not an overlong '(', which pair_brackets does not
// take for one.)
void check_against_plain_reading(std::uint32_t seed, int rounds) {
  const std::vector<std::string> pieces = {
      "推进", "建设", "企业", "牵头单位", "负责", "配合", "以上", "不低于", "完成时限", "万元", "底前", "省",
      // words of one class inside others (达 in 达到, 时限 in 完成时限要求): their order by end is
      // not the order hits() gives
      "达到", "牵头负责", "完成时限要求", "长期推进", "有效期为",
      "2025", "1.5", "3.", "..", "0", "二十", "两万", "一", "〇", "十", "亿", "年", "月",
      "（", "）", "(", ")", "，", "：", "；", "！", "？", "、", "。", "《", "》", "〔", "〕", "“", "”", "…",
      "\xE3\x80\x80", "１", "２", "．", "﹒", "①", "㈠", "％", "Ａ", "ｂ", "·", "×", "°",
      "abc", "X", " ", "\t", "\n", "\r\n", ";", "!", "?", ".", "%",
      "𠀀", "\xE0\xA0\x80", "\xED\x9F\xBF", "\xE0\x82\xA9", "\xE0\x80\xB1", "\xED\xA0\x80", "\xEF\xBF\xBF", "\xE5\x80", "\xFF", "\xE4", "\xEF\xBC", "\xC2",
      "豈", "\xEF\xA4\x80", "ﬁ", "㎡", "⑴", "Ⅲ"};
  std::mt19937 rng(seed);
  const Lexicon& lex = Lexicon::builtin();
  for (int round = 0; round < rounds; ++round) {
    std::string text;
    const int count = static_cast<int>(rng() % 32);
    for (int k = 0; k < count; ++k) text += pieces[rng() % pieces.size()];
    INFO("text: " << text);
    const Reading plain = read_plainly(text, lex);
    if (has_slip(plain)) continue;  // (read as the word meant: another test's subject)
    CHECK(read_by_clause_text(text, lex) == plain);
  }
}

}  // namespace

TEST_CASE("clause scan: reading most characters on short paths gives what reading each in turn gives") {
  check_against_plain_reading(20261201, 6000);
}

TEST_CASE("clause scan: long clauses read on short paths give what reading each in turn gives") {
  // Runs long enough that the loops read many characters before a break.
  const Lexicon& lex = Lexicon::builtin();
  std::mt19937 rng(7);
  const std::vector<std::string> words = {"推进建设", "企业", "牵头单位：", "市商务局", "，", "、", "。", "\n",
                                          "2025年", "二〇二五年", "第一", "（二）", "《条例》", "１２．５％", "\xE3\x80\x80",
                                          "达到", "完成时限要求"};
  for (int round = 0; round < 300; ++round) {
    std::string text;
    const int count = 20 + static_cast<int>(rng() % 200);
    for (int k = 0; k < count; ++k) text += words[rng() % words.size()];
    INFO("text: " << text);
    CHECK(read_by_clause_text(text, lex) == read_plainly(text, lex));
  }
}

TEST_CASE("phrase matcher: the raw table is the packed one, held where a three-byte read must not take a code point as it stands") {
  const text::PhraseMatcher& m = Lexicon::builtin().matcher();
  REQUIRE(m.dense());
  const auto view = m.dense_view();
  const std::uint64_t* folds = text::folding_bits();
  using V = text::PhraseMatcher::DenseView;
  for (char32_t c = 0; c < 0x80; ++c) CHECK(view.raw[V::kAsciiAt + c] == view.packed_of(c));
  for (char32_t c = 0; c < 0x10000; ++c) {
    const bool held = c < 0x800 || (c >= 0xD800 && c <= 0xDFFF) || ((folds[c >> 6] >> (c & 63)) & 1);
    INFO("U+" << std::hex << static_cast<std::uint32_t>(c));
    if (held) REQUIRE(V::tag_of(view.raw[c]) == V::kHeld);
    else REQUIRE(view.raw[c] == view.packed_of(c));
  }
}

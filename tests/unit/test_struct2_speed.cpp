// The shortcuts reading a document takes for speed answer as the plain rules
// do: label numerals valued without a string, headings cut at 60 characters
// without counting short ones, and the "mostly UTF-8" judgement that asks
// about two-byte sequences itself.
#include <catch2/catch.hpp>

#include <random>
#include <string>
#include <vector>

#include "policy/structure/label.h"
#include "policy/text/decode.h"
#include "policy/text/fold.h"
#include "policy/text/numeral.h"
#include "policy/text/utf8.h"

using namespace policy;
using namespace policy::structure;

namespace {

// The 13 characters a Chinese label numeral is written with.
const char32_t kLabelNumerals[] = {U'一', U'二', U'三', U'四', U'五', U'六', U'七',
                                   U'八', U'九', U'十', U'百', U'零', U'〇'};

// heading_after's cut as written before: count up to 60 characters.
std::string_view first_60(std::string_view rest) {
  std::size_t i = 0, n = 0;
  while (i < rest.size() && n < 60) {
    utf8::next(rest, i);
    ++n;
  }
  return rest.substr(0, i);
}

// decode's judgement as first written: every high byte asked about.
bool mostly_utf8_plain(std::string_view s) {
  std::size_t multibyte = 0, stray = 0;
  const std::size_t n = s.size();
  std::size_t i = 0;
  while (i < n) {
    if (static_cast<unsigned char>(s[i]) < 0x80) {
      ++i;
      continue;
    }
    if (const std::size_t len = utf8::valid_sequence_length(s, i)) {
      ++multibyte;
      i += len;
    } else {
      ++stray;
      ++i;
      const std::size_t most = multibyte + (n - i) / 2;
      if (most < 8 || most < 4 * stray) return false;
    }
  }
  return multibyte >= 8 && multibyte >= 4 * stray;
}

}  // namespace

TEST_CASE("labels: a Chinese numeral of up to five characters has the value parse_chinese_integer gives it") {
  // Every string of one to five label numerals, as a cn label (、 after it).
  std::vector<std::size_t> digits;
  std::size_t checked = 0;
  for (std::size_t len = 1; len <= 5; ++len) {
    digits.assign(len, 0);
    while (true) {
      std::string num;
      bool has_mult = false;
      for (std::size_t d : digits) {
        utf8::append(num, kLabelNumerals[d]);
        has_mult |= kLabelNumerals[d] == U'十' || kLabelNumerals[d] == U'百';
      }
      // The plain rule: one digit, or numerals with 十/百, read by
      // parse_chinese_integer, 0..999 (0 is no 一、 label, but a bracketed
      // one or an article).
      long want = -1;
      if (has_mult || len == 1) {
        const auto v = text::parse_chinese_integer(num);
        if (v && *v >= 0 && *v <= 999) want = static_cast<long>(*v);
      }
      const auto l = recognize_label(num + "、加强领导");
      INFO(num);
      if (want <= 0) {
        CHECK(!l);
      } else {
        REQUIRE(l);
        CHECK(l->kind == LabelKind::cn);
        CHECK(l->number == want);
        CHECK(l->text == num);
      }
      // The same inside brackets, and after 第 … 条.
      const auto p = recognize_label("（" + num + "）推进");
      const auto a = recognize_label("第" + num + "条 为了");
      if (want < 0) {
        CHECK(!p);
        CHECK(!a);
      } else {
        REQUIRE(p);
        CHECK(p->kind == LabelKind::paren_cn);
        CHECK(p->number == want);
        REQUIRE(a);
        CHECK(a->kind == LabelKind::article);
        CHECK(a->number == want);
      }
      ++checked;
      std::size_t k = 0;
      while (k < len && ++digits[k] == std::size(kLabelNumerals)) digits[k++] = 0;
      if (k == len) break;
    }
  }
  CHECK(checked == 13 + 169 + 2197 + 28561 + 371293);
}

TEST_CASE("labels: a character under a lead inert_leads names folds to itself, as the label reader assumes") {
  const std::uint16_t inert = text::inert_leads();
  CHECK((inert >> 4) & 1);  // E4: the first ideographs
  CHECK(!((inert >> 15) & 1));  // EF: full-width forms fold
  std::size_t checked = 0;
  for (char32_t c = 0x800; c < 0x10000; ++c) {
    if (c >= 0xD800 && c <= 0xDFFF) continue;
    if (!((inert >> (c >> 12)) & 1)) continue;
    INFO(static_cast<unsigned>(c));
    REQUIRE(text::fold_single(c) == c);
    ++checked;
  }
  CHECK(checked > 20000);
  // And labels written with folding characters are still read.
  CHECK(recognize_label("（十二）推进")->number == 12);
  CHECK(recognize_label("１２．推进")->number == 12);
}

TEST_CASE("header: the fold of a text is the folds of its characters put together, as key_before builds it") {
  std::mt19937 rng(7);
  const char32_t pieces[] = {U'文', U'号', U'：', U':', U'（', U'）', U'１', U'Ａ', U'a', U'　', U' ', U'\t',
                             U'㈠', U'①', U'ﾃ', U'ｶ', U'ﬁ', U'㎡', U'…', U'—', U'【', U'】', U'·', U'é'};
  for (int round = 0; round < 20000; ++round) {
    std::string s, joined;
    const std::size_t n = rng() % 12;
    for (std::size_t k = 0; k < n; ++k) {
      std::string ch;
      utf8::append(ch, pieces[rng() % std::size(pieces)]);
      s += ch;
      std::size_t at = 0;
      std::string folded;
      if (!text::fold_code_point(utf8::next(ch, at), folded)) folded = ch;
      joined += folded;
    }
    INFO(s);
    CHECK(text::fold(s) == joined);
  }
}

TEST_CASE("labels: a heading is cut after 60 characters, however many bytes they take") {
  std::mt19937 rng(20261201);
  const char32_t pieces[] = {U'a', U'1', U' ', U'中', U'国', U'，', U'é', U'𠀀', U'　', U'\t', U'；'};
  const char* labels[] = {"一、", "（二）", "3.", "第四条 ", "第一章 ", "附件1 "};
  for (int round = 0; round < 20000; ++round) {
    std::string line = labels[rng() % std::size(labels)];
    const std::size_t chars = rng() % 90;
    for (std::size_t k = 0; k < chars; ++k) utf8::append(line, pieces[rng() % std::size(pieces)]);
    if (rng() % 8 == 0) line.push_back(static_cast<char>(0x80 + rng() % 0x40));  // a stray byte
    const auto l = recognize_label(line);
    if (!l) continue;
    // heading_after ends by cutting its text to 60 characters and trimming:
    // apply the plain cut to what it gives, which must change nothing, and
    // to the text before the cut.
    const std::string h = heading_after(line, *l);
    INFO(line);
    CHECK(std::string(utf8::trim(first_60(h))) == h);
    CHECK(utf8::length(h) <= 60);
  }
}

TEST_CASE("labels: a heading of 60 bytes or fewer is kept whole, and a longer one cut as counting does") {
  // Texts right at the edge: 58..62 bytes and 19..21 three-byte characters.
  for (std::size_t ascii = 50; ascii <= 70; ++ascii) {
    for (std::size_t cjk = 0; cjk <= 25; ++cjk) {
      std::string body;
      for (std::size_t k = 0; k < cjk; ++k) body += "标";
      body += std::string(ascii, 'x');
      const std::string line = "一、" + body;
      const auto l = recognize_label(line);
      REQUIRE(l);
      INFO(line);
      CHECK(heading_after(line, *l) == std::string(utf8::trim(first_60(body))));
    }
  }
}

TEST_CASE("decode: bytes that are not UTF-8 are judged mostly UTF-8 as asking about every high byte judged them") {
  std::mt19937 rng(42);
  // Pieces: ASCII, well-formed two-, three- and four-byte characters, GBK
  // pairs (many of which read as two-byte UTF-8), lone high bytes.
  const std::vector<std::string> pieces = {"a",        " ",        "1",    "\n",       "\xC3\xA9", "\xD0\xB0",
                                           "\xE4\xB8\xAD", "\xE3\x80\x82", "\xF0\x9F\x98\x80", "\xD6\xD0",
                                           "\xB9\xFA",  "\xC4\xDA",  "\xC2\xA1", "\xDF\xBF", "\x80",     "\xC1",
                                           "\xF5",      "\xFF",      "\xE0\x80", "\xED\xA0\x80", "\xC2",
                                           "\xF4\x90\x80\x80"};
  std::size_t judged = 0, mostly = 0;
  for (int round = 0; round < 20000; ++round) {
    std::string s;
    const std::size_t count = 1 + rng() % 120;
    // Weighted towards one kind so that both answers come up.
    const bool gbk = rng() % 2;
    for (std::size_t k = 0; k < count; ++k) {
      std::size_t pick = rng() % pieces.size();
      if (gbk && rng() % 2) pick = 9 + rng() % 4;
      if (!gbk && rng() % 4) pick = rng() % 9;
      s += pieces[pick];
    }
    if (s.empty() || utf8::first_invalid(s) == std::string_view::npos) continue;
    if (static_cast<unsigned char>(s[0]) >= 0xEF) continue;  // no BOM paths
    const bool want = mostly_utf8_plain(s);
    auto r = text::decode(s);
    INFO(s);
    // Mostly UTF-8: the answer is exactly "invalid UTF-8" at the first bad byte.
    const bool got = !r && r.error().message == "invalid UTF-8";
    CHECK(got == want);
    if (want) CHECK(r.error().position == utf8::first_invalid(s));
    ++judged;
    mostly += want;
  }
  CHECK(judged > 10000);
  CHECK(mostly > 1000);
  CHECK(judged - mostly > 1000);
}

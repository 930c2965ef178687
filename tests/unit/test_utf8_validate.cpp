// utf8::first_invalid against a plain reading of the Unicode table of
// well-formed byte sequences (Table 3-7): its word-at-a-time fast paths for
// ASCII and for three-byte characters must stop at exactly the same byte.
// Likewise utf8::length against a count one byte at a time.
#include <catch2/catch.hpp>

#include <cstdint>
#include <random>
#include <string>
#include <vector>

#include "policy/text/utf8.h"

using namespace policy;

namespace {

// Offset of the first byte that starts no well-formed sequence, one byte at a time.
std::size_t reference_first_invalid(std::string_view s) {
  auto in = [](unsigned char b, unsigned lo, unsigned hi) { return b >= lo && b <= hi; };
  std::size_t i = 0;
  while (i < s.size()) {
    const auto b = static_cast<unsigned char>(s[i]);
    auto at = [&](std::size_t k) -> unsigned char {
      return i + k < s.size() ? static_cast<unsigned char>(s[i + k]) : 0;
    };
    std::size_t len = 0;
    if (b <= 0x7F) len = 1;
    else if (in(b, 0xC2, 0xDF) && in(at(1), 0x80, 0xBF)) len = 2;
    else if (b == 0xE0 && in(at(1), 0xA0, 0xBF) && in(at(2), 0x80, 0xBF)) len = 3;
    else if ((in(b, 0xE1, 0xEC) || in(b, 0xEE, 0xEF)) && in(at(1), 0x80, 0xBF) && in(at(2), 0x80, 0xBF)) len = 3;
    else if (b == 0xED && in(at(1), 0x80, 0x9F) && in(at(2), 0x80, 0xBF)) len = 3;
    else if (b == 0xF0 && in(at(1), 0x90, 0xBF) && in(at(2), 0x80, 0xBF) && in(at(3), 0x80, 0xBF)) len = 4;
    else if (in(b, 0xF1, 0xF3) && in(at(1), 0x80, 0xBF) && in(at(2), 0x80, 0xBF) && in(at(3), 0x80, 0xBF)) len = 4;
    else if (b == 0xF4 && in(at(1), 0x80, 0x8F) && in(at(2), 0x80, 0xBF) && in(at(3), 0x80, 0xBF)) len = 4;
    if (len == 0 || i + len > s.size()) return i;
    i += len;
  }
  return std::string_view::npos;
}

std::string repeat(std::string_view unit, std::size_t n) {
  std::string s;
  for (std::size_t k = 0; k < n; ++k) s += unit;
  return s;
}

// Byte sequences that are not UTF-8, each with the rule it breaks.
const std::vector<std::pair<std::string, const char*>> kBad = {
    {"\x80", "a continuation byte with no lead"},
    {"\xBF", "a continuation byte with no lead"},
    {"\xC0\x80", "overlong two-byte form"},
    {"\xC1\xBF", "overlong two-byte form"},
    {"\xE0\x80\x80", "overlong three-byte form"},
    {"\xE0\x9F\xBF", "overlong three-byte form"},
    {"\xED\xA0\x80", "surrogate"},
    {"\xED\xBF\xBF", "surrogate"},
    {"\xF0\x80\x80\x80", "overlong four-byte form"},
    {"\xF0\x8F\xBF\xBF", "overlong four-byte form"},
    {"\xF4\x90\x80\x80", "above U+10FFFF"},
    {"\xF5\x80\x80\x80", "lead byte above F4"},
    {"\xFF", "lead byte above F4"},
    {"\xE6\x41\x80", "three-byte lead without continuation"},
    {"\xE6\x80\x41", "three-byte sequence cut by ASCII"},
    {"\xE6\xA0\xE6\xA0\x87", "three-byte sequence cut by a lead"},
    {"\xC3", "two-byte sequence truncated at the end"},
    {"\xE6\xA0", "three-byte sequence truncated at the end"},
    {"\xF0\x9F\x98", "four-byte sequence truncated at the end"},
};

}  // namespace

TEST_CASE("first_invalid: valid text of every kind, any length, is valid") {
  for (std::string_view unit : {"a", "标", "é", "😀", "\xE0\xA0\x80", "\xED\x9F\xBF", "\xEF\xBF\xBF"}) {
    for (std::size_t n = 0; n < 40; ++n) {
      CAPTURE(unit, n);
      CHECK(utf8::first_invalid(repeat(unit, n)) == std::string_view::npos);
    }
  }
}

TEST_CASE("first_invalid: a bad sequence right after a run of ASCII, at every offset mod 8 and 16") {
  for (const auto& [bad, rule] : kBad) {
    for (std::size_t run = 0; run < 140; ++run) {
      const std::string s = repeat("a", run) + bad + repeat("b", 20);
      CAPTURE(rule, run);
      CHECK(utf8::first_invalid(s) == run);
    }
  }
}

TEST_CASE("first_invalid: a bad sequence right after a run of three-byte characters, at every offset") {
  for (const auto& [bad, rule] : kBad) {
    for (std::string_view cjk : {"标", "，", "\xEE\x80\x80"}) {
      for (std::size_t run = 0; run < 50; ++run) {
        const std::string s = repeat(cjk, run) + bad + repeat("准", 8);
        CAPTURE(rule, cjk, run);
        CHECK(utf8::first_invalid(s) == run * 3);
      }
    }
  }
}

TEST_CASE("first_invalid: E0 and ED leads inside a run of three-byte characters are checked") {
  // The fast path takes E1..EC and EE..EF whole; E0 and ED lead only when
  // their second byte allows (no overlong, no surrogate).
  for (std::size_t run = 0; run < 24; ++run) {
    const std::string before = repeat("标", run);
    CHECK(utf8::first_invalid(before + "\xE0\xA0\x80" + repeat("准", 8)) == std::string_view::npos);
    CHECK(utf8::first_invalid(before + "\xED\x9F\xBF" + repeat("准", 8)) == std::string_view::npos);
    CHECK(utf8::first_invalid(before + "\xE0\x9F\xBF" + repeat("准", 8)) == run * 3);
    CHECK(utf8::first_invalid(before + "\xED\xA0\x80" + repeat("准", 8)) == run * 3);
  }
}

TEST_CASE("first_invalid: any one byte changed in a run of three-byte characters") {
  const std::string base = repeat("标", 9) + "a" + repeat("，", 17);
  for (std::size_t at = 0; at < base.size(); ++at) {
    for (unsigned v : {0x00u, 0x41u, 0x7Fu, 0x80u, 0xBFu, 0xC2u, 0xE0u, 0xEDu, 0xEFu, 0xF0u, 0xFFu}) {
      std::string s = base;
      s[at] = static_cast<char>(v);
      CAPTURE(at, v);
      CHECK(utf8::first_invalid(s) == reference_first_invalid(s));
    }
  }
}

TEST_CASE("first_invalid: random mixes of ASCII, two-, three- and four-byte characters and bad bytes") {
  const std::vector<std::string> pieces = {"a", "\n", "7", "é", "标", "，", "\xE0\xA0\x80", "\xED\x9F\xBF",
                                           "😀", "\xF4\x8F\xBF\xBF"};
  std::mt19937 rng(20240611);
  for (int round = 0; round < 3000; ++round) {
    std::string s;
    const int n = static_cast<int>(rng() % 60);
    for (int k = 0; k < n; ++k) s += pieces[rng() % pieces.size()];
    if (rng() % 2 && !s.empty()) s[rng() % s.size()] = static_cast<char>(rng() % 256);
    if (rng() % 4 == 0 && !s.empty()) s.resize(rng() % s.size());
    CAPTURE(s);
    CHECK(utf8::first_invalid(s) == reference_first_invalid(s));
  }
}

TEST_CASE("length: every byte but a continuation byte counts, in and after the eight-byte words") {
  std::mt19937 rng(7);
  for (int round = 0; round < 500; ++round) {
    std::string s(rng() % 40, '\0');
    for (char& c : s) c = static_cast<char>(rng() % 256);
    std::size_t want = 0;
    for (unsigned char c : s) want += (c & 0xC0) != 0x80;
    CAPTURE(s);
    CHECK(utf8::length(s) == want);
  }
}

TEST_CASE("first_invalid: the 64-byte steps agree with the reference on 100,000 random strings") {
  // Long enough for several 16-byte parts of 64-byte steps, with
  // characters across their boundaries at every offset; bad bytes of every kind: truncated and
  // overlong sequences, surrogates, C0/C1, E0/ED leads, four-byte leads,
  // stray continuations, a lead before ASCII.
  const std::vector<std::string> pieces = {"a",  "\n", "7",  "é",  "·",  "标", "，", "。", "\xEF\xBF\xBF",
                                           "\xE0\xA0\x80", "\xED\x9F\xBF", "😀", "\xF4\x8F\xBF\xBF"};
  const std::vector<std::string> bad = {"\x80", "\xBF", "\xC0\x80", "\xC1\xBF", "\xE0\x9F\xBF", "\xED\xA0\x80",
                                        "\xF0\x8F\xBF\xBF", "\xF4\x90\x80\x80", "\xF5\x80\x80\x80", "\xFF",
                                        "\xE6\x80", "\xC3", "\xF0\x9F\x98", "\xE6\x41", "\xC3\xC3"};
  std::mt19937 rng(20261130);
  for (int round = 0; round < 100000; ++round) {
    std::string s;
    const int n = static_cast<int>(rng() % (round % 4 == 0 ? 200 : 50));
    const int chinese = static_cast<int>(rng() % 4);  // how much of the text is 标 and ，
    for (int k = 0; k < n; ++k) {
      if (static_cast<int>(rng() % 4) < chinese) s += (rng() % 8 ? "标" : "，");
      else s += pieces[rng() % pieces.size()];
    }
    switch (rng() % 5) {
      case 0:
        break;
      case 1:
      case 4:
        if (!s.empty()) s.insert(rng() % s.size(), bad[rng() % bad.size()]);
        break;
      case 2:
        if (!s.empty()) s[rng() % s.size()] = static_cast<char>(rng() % 256);
        break;
      default:
        if (!s.empty()) s.resize(rng() % s.size());
    }
    CAPTURE(s);
    REQUIRE(utf8::first_invalid(s) == reference_first_invalid(s));
  }
}

// What utf8.h promises for next(): a lead byte C2..F4 followed by all its
// continuation bytes decodes to the value they spell (overlong three- and
// four-byte forms and surrogates too: a reading by code points then tells
// apart what the bytes tell apart); any other byte reads as U+FFFD and moves
// on one byte. Checked on every two- and three-byte sequence and on
// four-byte ones around every bound, at the end of the text and before more
// text; prev() is made from next().
TEST_CASE("utf8::next: a complete sequence reads as the value it spells, any other byte as U+FFFD") {
  auto expect = [](std::string_view s) -> std::pair<char32_t, std::size_t> {
    const auto b = static_cast<unsigned char>(s[0]);
    if (b < 0x80) return {b, 1};
    const std::size_t len = b < 0xE0 ? 2 : b < 0xF0 ? 3 : 4;
    if (b < 0xC2 || b > 0xF4 || s.size() < len) return {0xFFFD, 1};
    char32_t c = b & (0x7F >> len);
    for (std::size_t k = 1; k < len; ++k) {
      const auto cont = static_cast<unsigned char>(s[k]);
      if ((cont & 0xC0) != 0x80) return {0xFFFD, 1};
      c = (c << 6) | (cont & 0x3F);
    }
    return {c, len};
  };
  std::size_t checked = 0;
  auto check = [&](const std::string& seq) {
    for (const std::string& s : {seq, seq + "标"}) {
      const auto [code, len] = expect(s);
      std::size_t i = 0;
      CAPTURE(s);
      REQUIRE(utf8::next(s, i) == code);
      REQUIRE(i == len);
      if (len == seq.size()) {  // and read backwards from its end
        std::size_t j = seq.size();
        REQUIRE(utf8::prev(seq, j) == code);
        REQUIRE(j == 0);
      }
      ++checked;
    }
  };
  for (unsigned a = 0x80; a <= 0xFF; ++a)
    for (unsigned b = 0; b <= 0xFF; ++b) {
      check({static_cast<char>(a), static_cast<char>(b)});
      if (a >= 0xE0 && a <= 0xEF)
        for (unsigned c = 0x70; c <= 0xCF; ++c) check({static_cast<char>(a), static_cast<char>(b), static_cast<char>(c)});
    }
  const unsigned edges[] = {0x00, 0x41, 0x7F, 0x80, 0x8F, 0x90, 0x9F, 0xA0, 0xBF, 0xC0, 0xE6, 0xFF};
  for (unsigned a = 0xF0; a <= 0xFF; ++a)
    for (unsigned b : edges)
      for (unsigned c : edges)
        for (unsigned d : edges)
          check({static_cast<char>(a), static_cast<char>(b), static_cast<char>(c), static_cast<char>(d)});
  REQUIRE(checked == 2 * (128 * 256 + 16 * 256 * 96 + 16 * 12 * 12 * 12));  // each alone and before 标
}

// The quick forms in the number grammar (targets.cpp), each held to the plain
// reading it replaced, on many random texts built from the characters that
// reading turns on.
#include <catch2/catch.hpp>

#include <random>
#include <string>
#include <string_view>
#include <vector>

#include "policy/extract/targets.h"
#include "policy/text/numeral.h"
#include "policy/text/utf8.h"

using namespace policy;
using namespace policy::extract;

namespace {

// A random text of n pieces drawn from `pieces`.
std::string random_text(std::mt19937& rng, const std::vector<std::string_view>& pieces, std::size_t n) {
  std::uniform_int_distribution<std::size_t> pick(0, pieces.size() - 1);
  std::string s;
  for (std::size_t k = 0; k < n; ++k) s += pieces[pick(rng)];
  return s;
}

}  // namespace

TEST_CASE("target window: the sentence starts after its last stop (。, semicolon or colon), as rfind of each found it") {
  auto plain = [](std::string_view window) {
    for (std::string_view stop : {"。", ";", ":"}) {
      const std::size_t cut = window.rfind(stop);
      if (cut != std::string_view::npos) window = window.substr(cut + stop.size());
    }
    return window;
  };
  // 。 is E3 80 82: 〃 (E3 80 83) shares its first two bytes, and loose
  // bytes make halves of it.
  const std::vector<std::string_view> pieces = {"。", ";", ":", "给予", "〃", "ー", "\x80\x82", "\xE3\x80", "a", " ", "1"};
  std::mt19937 rng(20261201);
  for (int round = 0; round < 20000; ++round) {
    const std::string text = random_text(rng, pieces, rng() % 14);
    // The window may start inside a character, as the last 36 bytes do.
    const std::string_view window = std::string_view(text).substr(text.empty() ? 0 : rng() % text.size());
    INFO(text);
    CHECK(window.substr(target_scan::after_last_stop(window)) == plain(window));
  }
}

namespace {

// Pieces for the word searches: the words of the small classes, nouns that
// hold them, characters that share their bytes (从 E4 BB 8E, 仏 E4 BB 8F), a
// character cut short and loose continuation bytes.
const std::vector<std::string_view> kWordPieces = {
    "从", "由", "针对", "至", "到", "基础上", "从业", "自由", "由于", "针对性", "有针对性地", "仏", "甲",
    "基础", "上", "在", "，", "、", "20", "a", " ", "\xE4\xBB", "\x8E", "\xBB\x8E", "。"};

const lexicon::Lexicon& lex() { return lexicon::Lexicon::builtin(); }

}  // namespace

TEST_CASE("target word search: find_word finds what reading each character from `from` finds") {
  auto plain = [](std::string_view s, std::string_view w, std::size_t from) {
    for (std::size_t k = from; k < s.size();) {
      if (s.compare(k, w.size(), w) == 0) return k;
      utf8::next(s, k);
    }
    return std::string_view::npos;
  };
  std::mt19937 rng(7);
  for (int round = 0; round < 20000; ++round) {
    const std::string text = random_text(rng, kWordPieces, rng() % 12);
    const std::string_view w = kWordPieces[rng() % 9];  // one of the words
    const std::size_t from = rng() % (text.size() + 1);
    INFO(text << " / " << w << " from " << from);
    CHECK(target_scan::find_word(text, w, from) == plain(text, w, from));
  }
}

TEST_CASE("target word search: occurs_free agrees with trying the class at every character of the stretch") {
  using lexicon::Class;
  // The reading it replaced: the longest word at each character that ends
  // by e, unless a longer noun holds it.
  auto plain = [](const ClauseText& ct, std::size_t b, std::size_t e, Class cls) {
    const std::string_view t = ct.folded();
    for (std::size_t k = b; k < e;) {
      if (const auto* w = ct.lexicon().words(cls).starts(t.substr(k, e - k))) {
        const std::size_t we = k + w->text.size();
        bool inside = false;
        for (const Hit& n : ct.hits(Class::noun)) inside |= n.begin <= k && we <= n.end && n.end - n.begin > we - k;
        if (!inside) return true;
      }
      utf8::next(t, k);
    }
    return false;
  };
  std::mt19937 rng(11);
  int found = 0;
  for (int round = 0; round < 20000; ++round) {
    const std::string text = random_text(rng, kWordPieces, rng() % 10);
    const ClauseText ct(text, lex());
    const std::size_t n = ct.folded().size();
    std::size_t b = rng() % (n + 1), e = rng() % (n + 1);
    if (b > e) std::swap(b, e);
    for (Class cls : {Class::change_from, Class::scope, Class::change_to, Class::change_base}) {
      INFO(ct.folded() << " [" << b << ", " << e << ") class " << static_cast<int>(cls));
      const bool expected = plain(ct, b, e, cls);
      CHECK(target_scan::occurs_free(ct, b, e, cls) == expected);
      found += expected;
    }
  }
  CHECK(found > 1000);  // the texts hold free words often enough to test both answers
}

TEST_CASE("target word search: written_in agrees with WordSet::occurs_in") {
  using lexicon::Class;
  std::mt19937 rng(13);
  int found = 0;
  for (int round = 0; round < 20000; ++round) {
    const std::string text = random_text(rng, kWordPieces, rng() % 10);
    const std::string_view s = std::string_view(text).substr(rng() % (text.size() + 1));
    for (Class cls : {Class::change_base, Class::change_from, Class::scope, Class::noun, Class::population}) {
      INFO(text << " class " << static_cast<int>(cls));
      const bool expected = lex().words(cls).occurs_in(s);
      CHECK(target_scan::written_in(s, lex().words(cls)) == expected);
      found += expected;
    }
  }
  CHECK(found > 1000);
}

TEST_CASE("target quotes: quote_may_open is true wherever an opening quote is among the characters read back") {
  // Four-byte characters (most of the pieces) make the reach longest in
  // bytes; loose bytes make quotes of their own.
  const std::vector<std::string_view> pieces = {"“", "\"", "”", "甲", "a", "😀", "𠀀", "😀", "𠀀", "😀",
                                                "\xE2\x80", "\x9C", "，", "1"};
  auto plain = [](std::string_view t, std::size_t p) {
    for (std::size_t n = 0; p > 0 && n < target_scan::kQuoteReach; ++n) {
      const char32_t c = utf8::prev(t, p);
      if (c == U'“' || c == '"') return true;
    }
    return false;
  };
  std::mt19937 rng(17);
  int open = 0, ruled_out = 0;
  for (int round = 0; round < 20000; ++round) {
    const std::string text = random_text(rng, pieces, rng() % 16);
    const std::size_t p = rng() % (text.size() + 1);
    INFO(text << " at " << p);
    const bool may = target_scan::quote_may_open(text, p);
    if (plain(text, p)) {
      CHECK(may);
      ++open;
    }
    ruled_out += !may;
  }
  CHECK(open > 1000);
  CHECK(ruled_out > 1000);  // and it does rule some out
}

TEST_CASE("target numerals: no code point before 〇 is a Chinese numeral, as the number grammar's quick no assumes") {
  int below = 0;
  for (char32_t c = 0; c < U'〇'; ++c) below += text::is_chinese_numeral_char(c);
  CHECK(below == 0);
  CHECK(text::is_chinese_numeral_char(U'〇'));
}

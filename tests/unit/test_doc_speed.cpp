// The document passes' fast paths, each checked against the plain way it
// replaces on many random inputs: they must agree on every one.
#include <catch2/catch.hpp>

#include <re2/re2.h>

#include <random>
#include <string>
#include <vector>

#include "policy/extract/doc_fields.h"
#include "policy/extract/doc_numbers.h"
#include "policy/text/document.h"

using namespace policy;
using namespace policy::extract;

namespace {

// Pieces the document-number forms are made of, and what breaks them: the
// brackets, blanks RE2's \s knows (and two it does not), 第号令, digit runs
// of every length that matters, and plain ideographs and ASCII.
std::string random_pieces(std::mt19937& rng, std::size_t most) {
  static const std::vector<std::string> pieces = {
      "〔", "[", "【", "(", "〖", "〕", "]", "】", ")", "〗", " ", "\t", "\n", "\f", "\r", "\v", "第", "号", "令",
      "19", "20", "2021", "1999", "2100", "1", "12", "123", "123456", "1234567", "0", "国", "办", "发", "a", "（"};
  std::uniform_int_distribution<std::size_t> count(0, most), pick(0, pieces.size() - 1);
  std::string s;
  for (std::size_t n = count(rng); n > 0; --n) s += pieces[pick(rng)];
  return s;
}

// One of `choices`, the first (the well-formed one) half the time.
std::string one_of(std::mt19937& rng, const std::vector<std::string>& choices) {
  if (rng() % 2) return choices.front();
  return choices[rng() % choices.size()];
}

// A number in either form, each part well formed or not, amid random pieces.
std::string random_text(std::mt19937& rng) {
  const std::vector<std::string> blanks = {"", " ", "\t", "\n ", "\f", "\r\n", "\v", "　"};
  const std::vector<std::string> serials = {"12", "1", "123456", "1234567", "", "a"};
  const std::vector<std::string> hao = {"号", "", "號", "令"};
  const std::vector<std::string> di = {"第", "", "第第"};
  std::string s = random_pieces(rng, 3);
  for (int forms = 1 + static_cast<int>(rng() % 2); forms > 0; --forms) {
    if (rng() % 2) {
      s += one_of(rng, {"〔", "[", "【", "(", "〖", "（", "<", ""}) + one_of(rng, blanks) +
           one_of(rng, {"2021", "1999", "2100", "1899", "202", "20211", "２０２１"}) + one_of(rng, blanks) +
           one_of(rng, {"〕", "]", "】", ")", "〗", "》", ""});
    } else {
      s += one_of(rng, {"令", "今", ""}) + one_of(rng, blanks);
      if (rng() % 2) s += one_of(rng, {"(", "（", "["});
    }
    s += one_of(rng, blanks) + one_of(rng, di) + one_of(rng, blanks) + one_of(rng, serials) + one_of(rng, blanks) +
         one_of(rng, hao) + one_of(rng, blanks) + one_of(rng, {")", "", "〕"}) + random_pieces(rng, 3);
  }
  return s;
}

std::vector<std::size_t> char_starts(const std::string& s) {
  std::vector<std::size_t> out;
  for (std::size_t i = 0; i < s.size(); ++i)
    if ((static_cast<unsigned char>(s[i]) & 0xC0) != 0x80) out.push_back(i);
  return out;
}

std::string piece_of(const std::string& s, Range r) { return s.substr(r.begin, r.end - r.begin); }

}  // namespace

TEST_CASE("document number forms read by hand agree with their RE2 grammar") {
  const RE2 numbered(R"([〔\[【(〖]\s*((?:19|20)\d{2})\s*[〕\]】)〗]\s*第?\s*(\d{1,6})\s*号)");
  const RE2 order(R"(令\s*(?:\(\s*第\s*(\d{1,6})\s*号\s*\)|第\s*(\d{1,6})\s*号))");
  REQUIRE(numbered.ok());
  REQUIRE(order.ok());
  std::mt19937 rng(20261201);
  std::size_t numbered_found = 0, order_found = 0;
  for (int round = 0; round < 20000; ++round) {
    const std::string s = random_text(rng);
    const re2::StringPiece input(s);
    for (std::size_t at : char_starts(s)) {
      // The bracket form, anchored, with the text cut at several lengths
      // (inside a character too).
      for (std::size_t room : {std::size_t{3}, std::size_t{11}, std::size_t{20}, std::size_t{64}}) {
        const std::size_t limit = std::min(s.size(), at + room);
        re2::StringPiece m[3];
        const bool want = numbered.Match(input, at, limit, RE2::ANCHOR_START, m, 3);
        const auto got = numbered_at(s, at, at + room);
        INFO("text: " << s << " at " << at << " room " << room);
        REQUIRE(got.has_value() == want);
        if (!want) continue;
        ++numbered_found;
        CHECK(got->begin == at);
        CHECK(got->end == at + m[0].size());
        CHECK(piece_of(s, got->year) == std::string(m[1].data(), m[1].size()));
        CHECK(piece_of(s, got->serial) == std::string(m[2].data(), m[2].size()));
      }
      // The order form, searched for from here on.
      re2::StringPiece m[3];
      const bool want = order.Match(input, at, s.size(), RE2::UNANCHORED, m, 3);
      const auto got = next_order(s, at);
      INFO("text: " << s << " from " << at);
      REQUIRE(got.has_value() == want);
      if (!want) continue;
      ++order_found;
      const re2::StringPiece& serial = m[1].empty() ? m[2] : m[1];
      CHECK(got->begin == static_cast<std::size_t>(m[0].data() - s.data()));
      CHECK(got->end == got->begin + m[0].size());
      CHECK(piece_of(s, got->serial) == std::string(serial.data(), serial.size()));
    }
  }
  // The random texts must hold the forms often enough to test them.
  CHECK(numbered_found > 500);
  CHECK(order_found > 500);
}

TEST_CASE("the signing date line is the last date-only line, found by its 日 from the end") {
  // Lines that are dates alone, dates in a sentence, 日 or 年 alone, and
  // other characters whose UTF-8 ends in the byte 日 ends in (A5: 亥 is E4 BA A5).
  const std::vector<std::string> lines = {
      "2021年3月5日", "　２０２１年３月５日　", "(二〇二一年三月五日)", "二〇二一年三月五日印发", "日", "年",
      "2021年3月", "亥", "本办法自2021年3月5日起施行。", "", " ", "某某市人民政府", "5日", "2021-03-05"};
  std::mt19937 rng(7);
  std::uniform_int_distribution<std::size_t> count(1, 12), pick(0, lines.size() - 1);
  std::size_t found = 0;
  for (int round = 0; round < 5000; ++round) {
    std::string text;
    const std::size_t n = count(rng);
    for (std::size_t k = 0; k < n; ++k) text += lines[pick(rng)] + (k + 1 < n || rng() % 2 ? "\n" : "");
    const text::Document doc("t.txt", "utf-8", text);
    for (std::size_t first = 0; first <= doc.line_count() + 1; ++first)
      for (std::size_t last = 0; last <= doc.line_count(); ++last) {
        std::size_t plain = 0;
        for (std::size_t k = last; k >= first && k >= 1; --k)
          if (is_date_only(doc.line(k))) {
            plain = k;
            break;
          }
        INFO("text: " << text << " lines " << first << ".." << last);
        REQUIRE(last_date_line(doc, first, last) == plain);
        found += plain != 0;
      }
  }
  CHECK(found > 1000);
}

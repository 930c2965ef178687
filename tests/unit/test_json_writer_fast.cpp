// JsonWriter's copying of strings (sixteen bytes stored then tested, the
// rest as two words that overlap), its digits and its "key":[a,b] pairs,
// against the plain ways: an escaper one byte at a time, std::to_chars, and
// key() + an array of two values. And the clause JSON's spans, counted in
// characters from checkpoints, against utf8::length of the text before.
#include <catch2/catch.hpp>

#include <charconv>
#include <cstdint>
#include <limits>
#include <random>
#include <string>

#include <nlohmann/json.hpp>

#include "helpers.h"
#include "policy/core/record.h"
#include "policy/print/document_json.h"
#include "policy/print/json_writer.h"
#include "policy/text/utf8.h"

using namespace policy;
using namespace policy::print;

namespace {

std::string digits(std::int64_t v) {
  char buf[32];
  return std::string(buf, std::to_chars(buf, buf + sizeof buf, v).ptr);
}

}  // namespace

TEST_CASE("JsonWriter escapes strings as the byte-by-byte escaper does, on 100,000 random strings") {
  // Pieces: ASCII, CJK, U+2028 (E2 80 A8: not escaped in JSON), DEL, high
  // bytes, and every byte that needs an escape; lengths across the
  // sixteen-byte steps and the 8- and 4-byte tails.
  const std::string pieces[] = {"a", "Z", " ", "标", "，", "\xE2\x80\xA8", "\x7F", "\x80", "\xFF", "😀",
                                "\"", "\\", "\n", "\r", "\t", "\b", "\f", std::string(1, '\0'), "\x01", "\x1F"};
  std::mt19937 rng(2028);
  for (int round = 0; round < 100000; ++round) {
    std::string s;
    const int n = static_cast<int>(rng() % (round % 8 == 0 ? 120 : 30));
    const int escapes = static_cast<int>(rng() % 4);  // 0: none, else about one in 4, 8, 12
    for (int k = 0; k < n; ++k) {
      const bool esc = escapes && rng() % (4 * escapes) == 0;
      s += esc ? pieces[10 + rng() % 10] : pieces[rng() % 10];
    }
    std::string out = "[";
    {
      JsonWriter w(out);
      w.value(s);
      w.value(s);  // after a comma
      w.key(s);    // an escaped key, then its colon
      w.value(1);
    }
    const std::string e = testing::json_escaped_byte_by_byte(s);
    CAPTURE(s);
    REQUIRE(out == "[" + e + "," + e + "," + e + ":1");
  }
}

TEST_CASE("JsonWriter writes integers as std::to_chars does") {
  std::vector<std::int64_t> values = {0,    1,     9,     10,     11,     99,     100,    101,   999, 1000,
                                      9999, 10000, 65535, 99999,  100000, 123456, -1,     -9,    -10, -99,
                                      -100, -101,  -999,  -1000,  std::numeric_limits<std::int64_t>::max(),
                                      std::numeric_limits<std::int64_t>::min(), std::numeric_limits<std::int64_t>::min() + 1};
  std::int64_t p = 1;
  for (int k = 0; k < 18; ++k, p *= 10) {
    for (std::int64_t d : {-1, 0, 1}) {
      values.push_back(p + d);
      values.push_back(-(p + d));
    }
  }
  std::mt19937_64 rng(10);
  for (int k = 0; k < 100000; ++k) {
    const std::int64_t v = static_cast<std::int64_t>(rng() >> (rng() % 64));
    values.push_back(k % 2 ? v : -v);
  }
  for (const std::int64_t v : values) {
    std::string out;
    {
      JsonWriter w(out);
      w.begin_array();
      w.value(v);
      w.value(v);
      w.end_array();
    }
    CAPTURE(v);
    REQUIRE(out == "[" + digits(v) + "," + digits(v) + "]");
  }
}

TEST_CASE("JsonWriter's pair writes what key() and an array of the two numbers write") {
  std::mt19937_64 rng(3);
  for (int k = 0; k < 20000; ++k) {
    const std::uint64_t a = rng() >> (rng() % 64), b = k % 3 ? rng() % 1000 : rng() >> (rng() % 64);
    const bool first = k % 2;
    std::string fast, plain;
    {
      JsonWriter w(fast);
      w.begin_object();
      if (!first) {
        w.key("x");
        w.value(1);
      }
      w.pair("sentence", a, b);
      w.pair("at", b, a);
      w.end_object();
    }
    {
      JsonWriter w(plain);
      w.begin_object();
      if (!first) {
        w.key("x");
        w.value(1);
      }
      for (const auto& [key, x, y] : {std::tuple{"sentence", a, b}, std::tuple{"at", b, a}}) {
        w.key(std::string_view(key));
        w.begin_array();
        w.value(static_cast<std::int64_t>(x));
        w.value(static_cast<std::int64_t>(y));
        w.end_array();
      }
      w.end_object();
    }
    CAPTURE(a, b);
    // value(int64) writes numbers above INT64_MAX as negative: compare those as plain text only when they fit.
    if (a <= static_cast<std::uint64_t>(std::numeric_limits<std::int64_t>::max()) &&
        b <= static_cast<std::uint64_t>(std::numeric_limits<std::int64_t>::max()))
      REQUIRE(fast == plain);
  }
}

TEST_CASE("clause JSON spans count characters as utf8::length of the text before them does") {
  // Texts of 1- to 4-byte characters (and some bytes that are no valid
  // UTF-8) from empty to a few hundred bytes; spans anywhere, inside
  // characters, at and past the end.
  const std::string pieces[] = {"a", "1", "é", "标", "，", "😀", "\n", "\x80", "\xE6"};
  std::mt19937 rng(32);
  for (int round = 0; round < 3000; ++round) {
    std::string text;
    const int n = static_cast<int>(rng() % (round % 5 == 0 ? 400 : 60));
    for (int k = 0; k < n; ++k) text += pieces[rng() % 9];
    Clause c;
    c.text = text;
    auto offset = [&]() -> std::uint32_t {
      return static_cast<std::uint32_t>(rng() % (text.size() + 40));
    };
    const int units = static_cast<int>(rng() % 5), targets = static_cast<int>(rng() % 3),
              deadlines = static_cast<int>(rng() % 3);
    for (int k = 0; k < units; ++k) {
      Unit u;
      u.name = "u";
      u.at = {offset(), offset()};
      u.sentence = {offset(), offset()};
      c.units.push_back(u);
    }
    for (int k = 0; k < targets; ++k) {
      Target t;
      t.at = {offset(), offset()};
      t.sentence = {offset(), offset()};
      c.targets.push_back(t);
    }
    for (int k = 0; k < deadlines; ++k) {
      Deadline d;
      d.at = {offset(), offset()};
      d.sentence = {offset(), offset()};
      c.deadlines.push_back(d);
    }
    std::string out;
    append_clause_json(out, c, "");
    // The text may not be valid UTF-8: find the arrays by hand, in order.
    auto want = [&](std::uint32_t b) { return utf8::length(std::string_view(text).substr(0, std::min<std::size_t>(b, text.size()))); };
    std::vector<std::uint32_t> spans;
    for (const auto& u : c.units) spans.insert(spans.end(), {u.at.begin, u.at.end, u.sentence.begin, u.sentence.end});
    for (const auto& t : c.targets) spans.insert(spans.end(), {t.at.begin, t.at.end, t.sentence.begin, t.sentence.end});
    for (const auto& d : c.deadlines) spans.insert(spans.end(), {d.at.begin, d.at.end, d.sentence.begin, d.sentence.end});
    std::size_t from = out.find("\"units\":");
    REQUIRE(from != std::string::npos);
    for (std::size_t k = 0; k < spans.size(); k += 2) {
      const std::string key = k % 4 == 0 ? "\"at\":[" : "\"sentence\":[";
      const std::size_t at = out.find(key, from);
      REQUIRE(at != std::string::npos);
      const std::string expect = key + std::to_string(want(spans[k])) + "," + std::to_string(want(spans[k + 1])) + "]";
      CAPTURE(round, k);
      REQUIRE(out.compare(at, expect.size(), expect) == 0);
      from = at + expect.size();
    }
  }
}

TEST_CASE("JsonWriter's plain writes the SPEC's enum words as value() does") {
  // Every word the clause JSON writes through plain(): none needs escaping.
  std::vector<std::string_view> words;
  for (int k = 0; k < 6; ++k) words.push_back(to_string(static_cast<ClauseKind>(k)));
  for (int k = 0; k < 3; ++k) words.push_back(to_string(static_cast<DocNumberRole>(k)));
  for (int k = 0; k < 3; ++k) words.push_back(to_string(static_cast<UnitRole>(k)));
  for (int k = 0; k < 5; ++k) words.push_back(to_string(static_cast<TargetOp>(k)));
  for (int k = 0; k < 3; ++k) words.push_back(to_string(static_cast<TargetKind>(k)));
  // And plain ASCII of every length around the two-word copy.
  std::vector<std::string> more;
  for (std::size_t n = 0; n < 40; ++n) more.push_back(std::string(n, static_cast<char>('a' + n % 26)));
  for (const std::string& m : more) words.push_back(m);
  for (std::string_view word : words) {
    std::string fast, plain;
    {
      JsonWriter w(fast);
      w.begin_array();
      w.plain(word);
      w.plain(word);
      w.end_array();
    }
    {
      JsonWriter w(plain);
      w.begin_array();
      w.value(word);
      w.value(word);
      w.end_array();
    }
    CAPTURE(word);
    CHECK(fast == plain);
  }
}

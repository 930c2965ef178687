// The JSON output's fast paths against the plain rules: strings copied and
// tested 64 bytes at a time against an escaper one byte at a time, at every
// length and escape position around the steps; a clause's span offsets,
// counted in one masked 32-byte window, against utf8::length of the text
// before them, at every offset of texts around the window's size; the enum
// words copied from padded entries, read back by a JSON parser.
#include <catch2/catch.hpp>

#include <cstdint>
#include <random>
#include <string>
#include <vector>

#include <nlohmann/json.hpp>

#include "helpers.h"
#include "policy/core/record.h"
#include "policy/print/document_json.h"
#include "policy/print/json_writer.h"
#include "policy/text/utf8.h"

using namespace policy;
using namespace policy::print;

TEST_CASE("json: escaping by runs writes what escaping each byte wrote, every byte at every position") {
  // Every byte value placed at every position of clean texts of 0 to 200
  // bytes (ASCII and CJK, so the steps of 64, 32 and 16 and the tails all
  // see it), and texts with two such bytes.
  std::mt19937 rng(64);
  const std::string clean[] = {"a", "标", "，", "~", "\x7F", "\xE2\x80\xA8", "Z", " "};
  for (std::size_t n = 0; n <= 200; ++n) {
    std::string base;
    while (base.size() < n) base += clean[rng() % 8];
    base.resize(n);  // may cut a character: bytes, not characters, are tested
    std::vector<std::string> texts = {base};
    for (std::size_t at = 0; at < n; ++at) {
      std::string s = base;
      s[at] = static_cast<char>((at * 7 + n) % 256);  // every byte value over the positions
      texts.push_back(s);
      s[(at * 13 + 5) % n] = static_cast<char>(rng() % 0x23);  // a second one, mostly needing escapes
      texts.push_back(s);
      std::string t = base;
      for (unsigned char c : {0x00, 0x1F, 0x20, 0x21, 0x22, 0x23, 0x5B, 0x5C, 0x5D, 0x7F, 0x80, 0xA2, 0xDC, 0xFF}) {
        t[at] = static_cast<char>(c);
        texts.push_back(t);
      }
    }
    for (const std::string& s : texts) {
      std::string out;
      {
        JsonWriter w(out);
        w.begin_array();
        w.value(s);
        w.value(s);
        w.end_array();
      }
      const std::string e = testing::json_escaped_byte_by_byte(s);
      CAPTURE(s);
      REQUIRE(out == "[" + e + "," + e + "]");
    }
  }
}

TEST_CASE("clause JSON: a span offset in characters is utf8::length of the text before it, at every offset") {
  // Texts of 0 to 120 bytes of 1- to 4-byte characters and stray
  // continuation bytes; a unit at every byte offset and one past the end.
  const std::string pieces[] = {"a", "é", "标", "😀", "\x80", "\n", "，"};
  std::mt19937 rng(33);
  for (int round = 0; round < 600; ++round) {
    const std::size_t n = round % 121;
    std::string text;
    while (text.size() < n) text += pieces[rng() % 7];
    text.resize(n);
    Clause c;
    c.text = text;
    for (std::uint32_t b = 0; b <= n + 1; ++b) {
      Unit u;
      u.name = "u";
      u.at = {b, b};
      u.sentence = {0, b};
      c.units.push_back(u);
    }
    std::string out;
    append_clause_json(out, c, "");
    std::size_t from = out.find("\"units\":");
    REQUIRE(from != std::string::npos);
    for (std::uint32_t b = 0; b <= n + 1; ++b) {
      const std::size_t k = utf8::length(std::string_view(text).substr(0, std::min<std::size_t>(b, n)));
      const std::string expect = "\"at\":[" + std::to_string(k) + "," + std::to_string(k) + "],\"sentence\":[0," +
                                 std::to_string(k) + "]";
      const std::size_t at = out.find("\"at\":[", from);
      REQUIRE(at != std::string::npos);
      CAPTURE(round, b);
      REQUIRE(out.compare(at, expect.size(), expect) == 0);
      from = at + expect.size();
    }
  }
}

TEST_CASE("clause JSON: every enum word, copied from its quoted padded entry, reads back as to_string gives it") {
  // Each ClauseKind, DocNumberRole, UnitRole, TargetOp and TargetKind, in
  // clauses whose neighbours differ, read back by a JSON parser.
  for (int k = 0; k < 6; ++k) {
    Clause c;
    c.text = "甲";
    c.kind = static_cast<ClauseKind>(k);
    for (int r = 0; r < 3; ++r) {
      DocNumber d;
      d.role = static_cast<DocNumberRole>((r + k) % 3);
      c.doc_numbers.push_back(d);
      Unit u;
      u.name = "u";
      u.role = static_cast<UnitRole>((r + k) % 3);
      c.units.push_back(u);
    }
    for (int o = 0; o < 5; ++o) {
      Target t;
      t.op = static_cast<TargetOp>((o + k) % 5);
      t.kind = static_cast<TargetKind>((o + k) % 3);
      c.targets.push_back(t);
    }
    std::string out;
    append_clause_json(out, c, k % 2 ? "f.txt" : "");
    const auto j = nlohmann::json::parse(out);
    CAPTURE(out);
    CHECK(j["kind"] == to_string(c.kind));
    for (std::size_t r = 0; r < 3; ++r) {
      CHECK(j["doc_numbers"][r]["role"] == to_string(c.doc_numbers[r].role));
      CHECK(j["units"][r]["role"] == to_string(c.units[r].role));
    }
    for (std::size_t o = 0; o < 5; ++o) {
      CHECK(j["targets"][o]["op"] == to_string(c.targets[o].op));
      CHECK(j["targets"][o]["kind"] == to_string(c.targets[o].kind));
    }
  }
}

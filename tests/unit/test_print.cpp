// Printers: CSV quoting and formula neutralisation, TSV escaping, JSON
// escaping, terminal widths, and output files written whole or not at all.
#include <catch2/catch.hpp>
#include <unicode/uchar.h>

#include <nlohmann/json.hpp>

#include <filesystem>
#include <fstream>
#include <stdexcept>

#include <fmt/format.h>

#include "helpers.h"
#include "policy/print/document_json.h"
#include "policy/print/json_writer.h"
#include "policy/print/output.h"
#include "policy/print/sink.h"
#include "policy/text/utf8.h"

using namespace policy;
using namespace policy::print;

namespace {

using testing::temp_path;

std::string render(Format f, const std::vector<std::vector<std::string>>& rows,
                   SinkOptions opt = {}) {
  std::string path = temp_path(std::string("render.") + to_string(f));
  auto out = Output::open(path);
  REQUIRE(out);
  auto sink = make_sink(f, *out.value(), opt);
  sink->begin_table("t", {{"name", "名称"}, {"note", "说明"}});
  for (const auto& r : rows) sink->row(r);
  sink->end_table();
  REQUIRE(sink->finish());
  REQUIRE(out.value()->commit());
  return testing::read_file(path);
}

// A string literal escaped one byte at a time, as the SPEC's JSON reads: the
// reference the writer's word-at-a-time scanning is checked against.
std::string escaped_one_by_one(std::string_view s) {
  std::string out = "\"";
  for (unsigned char c : s) {
    if (c == '"' || c == '\\') out += {'\\', static_cast<char>(c)};
    else if (c == '\n') out += "\\n";
    else if (c == '\r') out += "\\r";
    else if (c == '\t') out += "\\t";
    else if (c == '\b') out += "\\b";
    else if (c == '\f') out += "\\f";
    else if (c < 0x20) out += fmt::format("\\u{:04x}", c);
    else out.push_back(static_cast<char>(c));
  }
  return out + "\"";
}

}  // namespace

TEST_CASE("csv: RFC 4180 quoting, CRLF rows, optional BOM, Chinese headers") {
  std::string csv = render(Format::csv, {{"市商务局", "a,b"}, {"say \"hi\"", "two\nlines"}});
  CHECK(csv == "name,note\r\n市商务局,\"a,b\"\r\n\"say \"\"hi\"\"\",\"two\nlines\"\r\n");
  SinkOptions opt;
  opt.bom = true;
  opt.chinese_headers = true;
  std::string bom = render(Format::csv, {{"x", "y"}}, opt);
  CHECK(bom == "\xEF\xBB\xBF名称,说明\r\nx,y\r\n");
}

TEST_CASE("csv: formula-like cells are neutralised, ordinary text is not") {
  CHECK(neutralize_formula("=SUM(A1)") == "'=SUM(A1)");
  CHECK(neutralize_formula("+86 27") == "'+86 27");
  CHECK(neutralize_formula("@cmd") == "'@cmd");
  CHECK(neutralize_formula("-1+2") == "'-1+2");
  CHECK(neutralize_formula("-") == "-");
  CHECK(neutralize_formula("-12.5") == "-12.5");
  CHECK(neutralize_formula("市商务局") == "市商务局");
  std::string csv = render(Format::csv, {{"=1+1", "-"}});
  CHECK(csv == "name,note\r\n'=1+1,-\r\n");
}

TEST_CASE("tsv: tabs, newlines and backslashes are escaped") {
  std::string tsv = render(Format::tsv, {{"a\tb", "c\nd\\e"}});
  CHECK(tsv == "name\tnote\na\\tb\tc\\nd\\\\e\n");
}

TEST_CASE("jsonl: one object per row with English keys") {
  std::string jl = render(Format::jsonl, {{"市商务局", "引号\"与\\"}});
  auto j = nlohmann::json::parse(jl);
  CHECK(j["name"] == "市商务局");
  CHECK(j["note"] == "引号\"与\\");
}

TEST_CASE("text: CJK characters count two columns, columns line up") {
  CHECK(display_width("abc") == 3);
  CHECK(display_width("市商务局") == 8);
  CHECK(display_width("（一）") == 6);
  std::string t = render(Format::text, {{"市商务局", "x"}, {"ab", "y"}});
  CHECK(t == "t\n名称      说明\n市商务局  x\nab        y\n");
}

TEST_CASE("display_width: each character's remembered width is what ICU's properties say, asked again and again") {
  // Every code point of the BMP (not the surrogates) and a few above it,
  // each asked twice (the second answer comes from what was remembered)
  // and inside a string of its neighbours.
  auto expected = [](char32_t c) -> std::size_t {
    if (c < 0x20) return 0;
    if (c < 0x7F) return 1;
    if (u_getCombiningClass(static_cast<UChar32>(c)) != 0 || c == 0x200B || c == 0xFEFF) return 0;
    const int ea = u_getIntPropertyValue(static_cast<UChar32>(c), UCHAR_EAST_ASIAN_WIDTH);
    return (ea == U_EA_WIDE || ea == U_EA_FULLWIDTH) ? 2 : 1;
  };
  std::string all;
  std::size_t all_width = 0;
  std::size_t wide = 0;
  for (char32_t c = 0x20; c < 0x10000; ++c) {
    if (c >= 0xD800 && c <= 0xDFFF) continue;
    std::string one;
    policy::utf8::append(one, c);
    INFO("U+" << std::hex << static_cast<unsigned>(c));
    CHECK(display_width(one) == expected(c));
    CHECK(display_width(one) == expected(c));
    all += one;
    all_width += expected(c);
    wide += expected(c) == 2;
  }
  CHECK(display_width(all) == all_width);
  CHECK(wide > 20000);  // the ideographs, the full-width forms…
  for (char32_t c : {U'\U00020000', U'\U0001F600', U'\U0001D400'}) {
    std::string one;
    policy::utf8::append(one, c);
    CHECK(display_width(one) == expected(c));
  }
}

TEST_CASE("JSON strings escape controls and stay valid UTF-8") {
  const std::string raw = std::string("a\"b\\c\n\t") + '\x01' + "标准";
  std::string s;
  append_json_string(s, raw);
  CHECK(s == "\"a\\\"b\\\\c\\n\\t\\u0001标准\"");
  CHECK(nlohmann::json::parse(s) == raw);
}

TEST_CASE("JSON strings: a byte to escape is found at every place in and after the eight-byte words") {
  for (std::size_t n = 1; n < 40; ++n) {
    for (std::size_t at = 0; at < n; ++at) {
      for (char bad : {'"', '\\', '\n', '\t', '\x01', '\x1f'}) {
        std::string raw(n, 'a');
        if (n > 3) raw.replace(0, 3, "标");  // bytes >= 0x80 need no escape
        raw[at] = bad;
        std::string s;
        append_json_string(s, raw);
        CAPTURE(n, at, static_cast<int>(bad));
        CHECK(s == escaped_one_by_one(raw));
      }
    }
  }
}

TEST_CASE("JSON strings: escaping at every place of the sixteen-byte blocks, among multi-byte characters") {
  // Fillers of 1-, 2-, 3- and 4-byte characters, and bytes next to the
  // escaped ones in value (0x1f/0x20, 0x7f, 0x80, 0xe0, 0xff) that need none.
  const std::string fillers[] = {"a", "é", "标", "😀", " ", "\x7f", "\x80", "\xe0", "\xff"};
  for (const std::string& filler : fillers) {
    std::string base;
    while (base.size() < 70) base += filler;
    for (std::size_t n : {std::size_t{0}, std::size_t{1}, std::size_t{15}, std::size_t{16}, std::size_t{17},
                          std::size_t{31}, std::size_t{32}, std::size_t{33}, std::size_t{47}, std::size_t{70}}) {
      const std::string clean = base.substr(0, n);
      std::string s;
      append_json_string(s, clean);
      CHECK(s == escaped_one_by_one(clean));
      for (std::size_t at = 0; at < n; ++at) {
        for (char bad : {'"', '\\', '\n', '\r', '\t', '\b', '\f', '\x00', '\x01', '\x1f'}) {
          std::string raw = clean;
          raw[at] = bad;
          std::string out;
          append_json_string(out, raw);
          CAPTURE(filler, n, at, static_cast<int>(bad));
          CHECK(out == escaped_one_by_one(raw));
          // Two of them, the second in a later block.
          if (at + 17 < n) {
            raw[at + 17] = bad;
            out.clear();
            append_json_string(out, raw);
            CHECK(out == escaped_one_by_one(raw));
          }
        }
      }
    }
  }
  // A long text full of escapes: the room grows as escapes widen it.
  std::string many;
  for (int k = 0; k < 5000; ++k) many += k % 3 ? "\x01" : "标\"";
  std::string out = "x";
  append_json_string(out, many);
  CHECK(out == "x" + escaped_one_by_one(many));
}

TEST_CASE("JsonWriter: the text is whole after flush(), and writing goes on after changes to it") {
  std::string out = "前";
  JsonWriter w(out);
  w.begin_array();
  w.value("甲");
  w.flush();
  CHECK(out == "前[\"甲\"");
  out += "|";
  const std::size_t before = out.size();
  w.value(std::int64_t{-9223372036854775807 - 1});
  CHECK(w.size() == before + 21);  // what is written, not the room after it
  w.flush();
  CHECK(out == "前[\"甲\"|,-9223372036854775808");
  out.clear();
  // Past the room made at first: thousands of tokens, long strings between.
  for (int k = 0; k < 3000; ++k) {
    w.value(k);
    w.value(std::string(k % 200, 'z'));
    w.key(std::string("k\"") + std::to_string(k));
    w.null();
    w.key("aliases");  // a key from the program: N + 3 bytes with its comma
    w.begin_array();
    w.end_array();
  }
  w.end_array();
  w.flush();
  std::string want = ",";
  for (int k = 0; k < 3000; ++k) {
    if (k) want += ",";
    want += std::to_string(k) + ",\"" + std::string(k % 200, 'z') + "\",\"k\\\"" + std::to_string(k) + "\":null";
    want += ",\"aliases\":[]";
  }
  CHECK(out == want + "]");
  {
    std::string scoped;
    {
      JsonWriter v(scoped);
      v.value(true);
    }  // gone: flushed
    CHECK(scoped == "true");
  }
}

TEST_CASE("JsonWriter: a writer left by an exception appends nothing, one that ends normally appends all") {
  std::string out = "[";
  try {
    JsonWriter w(out);
    w.begin_object();
    w.key("a");
    w.value(1);
    throw std::runtime_error("stop");  // as std::bad_alloc from a later write would
  } catch (const std::runtime_error&) {
  }
  CHECK(out == "[");
  {
    JsonWriter w(out);
    w.value(2);
  }
  CHECK(out == "[2");
}

TEST_CASE("JsonWriter: commas between members and items, none after a key or an opening bracket") {
  std::string out;
  JsonWriter w(out);
  w.begin_object();
  w.key("file");
  w.value("a.txt");
  w.key("lines");
  w.begin_array();
  w.value(1);
  w.begin_array();
  w.end_array();
  w.begin_object();
  w.key(std::string("列\"名"));
  w.null();
  w.end_object();
  w.value(-2.5);
  w.end_array();
  w.key("n");
  w.value(std::size_t{12345678901});
  w.end_object();
  w.flush();
  CHECK(out == "{\"file\":\"a.txt\",\"lines\":[1,[],{\"列\\\"名\":null},-2.5],\"n\":12345678901}");
}

TEST_CASE("document JSON has every key, nulls and empty lists included") {
  DocumentRecord r;
  r.file = "a.txt";
  r.encoding = "UTF-8";
  Clause c;
  c.id = "一";
  c.label = "一";
  c.kind = ClauseKind::heading;
  c.text = "一、总体要求";
  r.clauses.push_back(c);
  std::string line;
  append_document_json(line, r);
  REQUIRE(line.back() == '\n');
  auto j = nlohmann::json::parse(line);
  for (const char* k : {"file", "encoding", "title", "date", "doc_number", "issuers",
                        "addressees", "clauses"})
    CHECK(j.contains(k));
  CHECK(j["title"].is_null());
  CHECK(j["doc_number"].is_null());
  auto jc = j["clauses"][0];
  for (const char* k : {"id", "level", "label", "heading", "kind", "text", "line_start",
                        "line_end", "fields", "issuers", "doc_numbers", "units", "targets",
                        "deadlines"})
    CHECK(jc.contains(k));
  CHECK(jc["kind"] == "heading");
}

TEST_CASE("output files are replaced only on commit") {
  std::string path = temp_path("atomic.txt");
  {
    std::ofstream(path) << "old";
  }
  {
    auto out = Output::open(path);
    REQUIRE(out);
    out.value()->write("new, but never committed");
    out.value()->flush();
  }  // destroyed without commit: the old file stays
  CHECK(testing::read_file(path) == "old");
  {
    auto out = Output::open(path);
    REQUIRE(out);
    out.value()->write("new");
    REQUIRE(out.value()->commit());
  }
  CHECK(testing::read_file(path) == "new");
  // No temporary files are left beside it.
  int others = 0;
  for (auto& e : std::filesystem::directory_iterator(std::filesystem::path(path).parent_path()))
    if (e.path().filename().string().rfind(".atomic.txt", 0) == 0) ++others;
  CHECK(others == 0);
  CHECK_FALSE(Output::open(std::filesystem::temp_directory_path().string()));
}

TEST_CASE("every enum word reads back as the value it was written from") {
  for (auto k : {ClauseKind::preamble, ClauseKind::heading, ClauseKind::item, ClauseKind::table_row,
                 ClauseKind::box, ClauseKind::attachment})
    CHECK(parse_clause_kind(to_string(k)) == k);
  for (auto r : {DocNumberRole::self, DocNumberRole::cited, DocNumberRole::listed})
    CHECK(parse_doc_number_role(to_string(r)) == r);
  for (auto r : {UnitRole::lead, UnitRole::responsible, UnitRole::cooperate}) {
    CHECK(parse_unit_role(to_string(r)) == r);
    CHECK(parse_unit_role(to_chinese(r)) == r);
  }
  for (auto o : {TargetOp::eq, TargetOp::ge, TargetOp::gt, TargetOp::le, TargetOp::lt})
    CHECK(parse_target_op(to_string(o)) == o);
  for (auto k : {TargetKind::target, TargetKind::threshold, TargetKind::award})
    CHECK(parse_target_kind(to_string(k)) == k);
  CHECK_FALSE(parse_unit_role("leader").has_value());
  CHECK_FALSE(parse_target_op("").has_value());
}

TEST_CASE("clause JSON: spans are character offsets, over ASCII, CJK and four-byte characters, clause after clause") {
  // A byte offset as characters, counted one byte at a time: bytes that do
  // not continue a character (offsets past the text count up to its end).
  auto chars = [](std::string_view text, std::uint32_t byte) {
    std::int64_t n = 0;
    for (std::size_t i = 0; i < std::min<std::size_t>(byte, text.size()); ++i)
      n += (static_cast<unsigned char>(text[i]) & 0xC0) != 0x80;
    return n;
  };
  const std::string text = "ab标准😀c\n定𠀀x";  // 1, 1, 3, 3, 4, 1, 1, 3, 4, 1 bytes
  const std::vector<std::uint32_t> starts = {0, 1, 2, 5, 8, 12, 13, 14, 17, 21, 22, 40};
  for (std::size_t round = 0; round < 3; ++round) {
    Clause c;
    c.id = "1";
    c.kind = ClauseKind::item;
    c.text = text;
    // Items in no order, sharing offsets, a different number each round
    // (the buffers a clause's offsets are counted in are reused).
    for (std::size_t k = round; k < starts.size(); ++k) {
      Unit u;
      u.name = "u";
      u.at = {starts[k], starts[(k * 7 + round) % starts.size()]};
      u.sentence = {starts[starts.size() - 1 - k], starts[k]};
      c.units.push_back(u);
    }
    Deadline d;
    d.text = "d";
    d.at = {starts[round + 3], 22};
    d.sentence = {0, 99};
    c.deadlines.push_back(d);
    std::string line;
    append_clause_json(line, c, "");
    const auto j = nlohmann::json::parse(line);
    REQUIRE(j["units"].size() == c.units.size());
    for (std::size_t k = 0; k < c.units.size(); ++k) {
      CAPTURE(round, k);
      CHECK(j["units"][k]["at"][0] == chars(text, c.units[k].at.begin));
      CHECK(j["units"][k]["at"][1] == chars(text, c.units[k].at.end));
      CHECK(j["units"][k]["sentence"][0] == chars(text, c.units[k].sentence.begin));
      CHECK(j["units"][k]["sentence"][1] == chars(text, c.units[k].sentence.end));
    }
    CHECK(j["deadlines"][0]["at"][1] == 10);
    CHECK(j["deadlines"][0]["sentence"] == nlohmann::json::array({0, 10}));
  }
}

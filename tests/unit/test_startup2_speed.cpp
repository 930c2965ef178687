// The fast ways the gazetteer and the lexicon are built at start-up, each
// against the plain rule it replaced, on many generated inputs.
#include <catch2/catch.hpp>

#include <cstdint>
#include <fmt/format.h>
#include <string>
#include <utility>
#include <vector>

#include "policy/gazetteer/gazetteer.h"
#include "policy/lexicon/lexicon.h"

using namespace policy;

namespace {

// A small deterministic generator (the same inputs every run).
struct Draw {
  std::uint32_t seed;
  std::uint32_t next(std::uint32_t n) {
    seed = seed * 1103515245u + 12345u;
    return (seed >> 8) % n;
  }
  // A word of one to four characters from a few, so that words repeat,
  // share first and last characters, and nest.
  std::string word() {
    static const char* const chars[] = {"市", "局", "牵", "头", "a", "b", "不", "超过", "\U00020000"};
    std::string w;
    for (std::uint32_t k = 0, n = 1 + next(4); k < n; ++k) w += chars[next(9)];
    return w;
  }
};

}  // namespace

TEST_CASE("word set: merging repeats when indexed keeps each word at its first row with its last row's value") {
  Draw d{20261201};
  for (int round = 0; round < 300; ++round) {
    lexicon::WordSet set;
    // The plain rule: a row for a word already there replaces its value.
    std::vector<std::pair<std::string, std::uint8_t>> plain;
    const std::uint32_t rows = d.next(40);
    for (std::uint32_t r = 0; r < rows; ++r) {
      std::string w = d.word();
      const auto value = static_cast<std::uint8_t>(d.next(7));
      set.add(w, value);
      bool found = false;
      for (auto& [text, v] : plain)
        if (text == w) {
          v = value;
          found = true;
        }
      if (!found) plain.emplace_back(std::move(w), value);
    }
    set.index();
    REQUIRE(set.all().size() == plain.size());
    for (std::size_t k = 0; k < plain.size(); ++k) {
      CHECK(set.all()[k].text == plain[k].first);
      CHECK(set.all()[k].value == plain[k].second);
    }
    // find(): the word equal to the text, for words and non-words alike.
    for (int q = 0; q < 40; ++q) {
      const std::string s = d.word();
      const lexicon::WordSet::Word* want = nullptr;
      for (const auto& w : set.all())
        if (w.text == s) want = &w;
      CHECK(set.find(s) == want);
    }
    for (const auto& w : set.all()) CHECK(set.find(w.text) == &w);
  }
}

TEST_CASE("gazetteer: a code names the one division of that code, and a name every division of that name in row order") {
  using gazetteer::Gazetteer;
  const std::string regions = "abbr\tname\tlevel\tparent\n";
  const std::string codes = "code\tbody\n";
  const std::string units = "level\tregion\tcanonical\taliases\n";
  // Names drawn from a few, so that one name stands for up to a dozen
  // divisions (past the three a name keeps in place).
  static const char* const county_names[] = {"鼓楼区", "朝阳区", "江岸区", "新城区", "城关镇区"};
  Draw d{7};
  for (int round = 0; round < 40; ++round) {
    struct Row {
      std::string code, name, level, parent;
    };
    std::vector<Row> rows;
    std::string divisions = "code\tname\tlevel\tparent\n";
    const std::uint32_t provinces = 1 + d.next(4);
    for (std::uint32_t p = 0; p < provinces; ++p) {
      const std::string pcode = fmt::format("{:02}0000", 11 + p);
      rows.push_back({pcode, fmt::format("省{}", p), "province", ""});
      const std::uint32_t cities = d.next(4);
      for (std::uint32_t c = 0; c < cities; ++c) {
        const std::string ccode = fmt::format("{:02}{:02}00", 11 + p, 1 + c);
        rows.push_back({ccode, d.next(3) == 0 ? "新城区" : fmt::format("市{}{}", p, c), "city", pcode});
        for (std::uint32_t k = 0, n = d.next(6); k < n; ++k)
          rows.push_back({fmt::format("{:02}{:02}{:02}", 11 + p, 1 + c, 1 + k), county_names[d.next(5)], "county",
                          ccode});
      }
    }
    // Codes in any order: the table is filled as rows come.
    for (std::size_t k = rows.size(); k > 1; --k) std::swap(rows[k - 1], rows[d.next(static_cast<std::uint32_t>(k))]);
    for (const Row& r : rows) divisions += r.code + "\t" + r.name + "\t" + r.level + "\t" + r.parent + "\n";
    auto parsed = Gazetteer::parse(regions, codes, units, divisions);
    REQUIRE(parsed);
    const Gazetteer& g = parsed.value();
    for (const Row& r : rows) {
      const auto found = g.division_by_code(r.code);
      REQUIRE(found);
      CHECK(found->name == r.name);
      CHECK(found->level == r.level);
      std::vector<std::string> want, got;
      for (const Row& o : rows)
        if (o.name == r.name) want.push_back(o.code);
      for (const auto& region : g.divisions_named(r.name)) got.push_back(region.code);
      CHECK(got == want);
      CHECK(g.context_of(*found).province == g.context_of(*g.division_by_code(r.code)).province);
    }
    for (const char* absent : {"", "99", "990000", "1100", "11000", "110000 "}) {
      bool listed = false;
      for (const Row& r : rows) listed = listed || r.code == absent;
      CHECK(g.division_by_code(absent).has_value() == listed);
    }
    // A code listed again is the error of the row that repeats it.
    const std::size_t again = d.next(static_cast<std::uint32_t>(rows.size()));
    auto twice = Gazetteer::parse(regions, codes, units,
                                  divisions + rows[again].code + "\t重复区\tcounty\t" + rows[0].code + "\n");
    REQUIRE_FALSE(twice);
    CHECK(twice.error().describe() ==
          fmt::format("divisions.tsv: line {}: code {} listed twice", rows.size() + 2, rows[again].code));
  }
}

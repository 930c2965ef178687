// The document-level passes' fast paths, each held to the plain way it
// replaces over many generated inputs.
#include <catch2/catch.hpp>

#include <algorithm>
#include <cstdint>
#include <cstdio>
#include <random>
#include <map>
#include <set>
#include <string>
#include <tuple>
#include <vector>

#include "helpers.h"
#include "policy/gazetteer/name_pairs.h"
#include "policy/structure/clause.h"
#include "policy/structure/table.h"
#include "policy/text/phrase_matcher.h"

namespace {
namespace text = policy::text;
namespace gazetteer = policy::gazetteer;

// Pieces texts and names are made of: ideographs that division names share
// (so names overlap, nest and share first pairs), ASCII, a four-byte
// character, and bytes that are not UTF-8 (cut short, a surrogate, an
// overlong form, a stray continuation byte).
const std::vector<std::string> kValid = {"武", "汉", "市", "湖", "北", "省", "广", "州", "黄", "埔", "区",
                                         "朝", "阳", "县", "新", "东", "a", "1", " ", "\xF0\xA0\x80\x80"};
const std::vector<std::string> kInvalid = {"\xFF", "\xE4\xB8", "\xED\xA0\x80", "\xE0\x80\x80", "\x80", "\xEF\xBF\xBD"};

std::string make(std::mt19937& rng, std::size_t max_pieces, bool invalid) {
  std::string s;
  const std::size_t n = rng() % (max_pieces + 1);
  for (std::size_t k = 0; k < n; ++k) {
    if (invalid && rng() % 8 == 0) s += kInvalid[rng() % kInvalid.size()];
    else s += kValid[rng() % kValid.size()];
  }
  return s;
}

using Hit = std::tuple<std::uint32_t, std::uint32_t, std::uint32_t>;

using testing::hex;
std::string hex_names(const std::vector<std::string>& names) {
  std::string out;
  for (const auto& n : names) out += hex(n) + " ";
  return out;
}

}  // namespace

TEST_CASE("name pairs: every occurrence a phrase matcher reports, and no other") {
  std::mt19937 rng(20261130);
  for (int trial = 0; trial < 400; ++trial) {
    const bool invalid_names = trial % 4 == 3;  // names that are not UTF-8 now and then
    std::vector<std::string> names;
    std::set<std::string> seen;
    const std::size_t count = 1 + rng() % 40;
    for (std::size_t k = 0; k < count; ++k) {
      std::string name = make(rng, 5, invalid_names);
      if (!name.empty() && seen.insert(name).second) names.push_back(std::move(name));
    }
    text::PhraseMatcher matcher;
    gazetteer::NamePairs pairs;
    std::set<std::uint32_t> two_or_more;  // the ids NamePairs takes
    for (const std::string& name : names) {
      const std::uint32_t id = matcher.add(name);
      if (pairs.add(name, id)) two_or_more.insert(id);
    }
    matcher.build();
    pairs.build();
    for (int t = 0; t < 30; ++t) {
      std::string text = make(rng, 40, true);
      // Names themselves in the text, so that most texts hold some.
      for (int k = 0; k < 3 && !names.empty(); ++k)
        text.insert(rng() % (text.size() + 1) / 1, names[rng() % names.size()]);
      std::vector<Hit> want, got;
      matcher.scan(text, [&](std::size_t b, std::size_t e, std::uint32_t id) {
        // Offsets as the gazetteer keeps them, in 32 bits (a name that is
        // not UTF-8 can "begin" before the text).
        if (two_or_more.count(id)) want.emplace_back(std::uint32_t(b), std::uint32_t(e), id);
      });
      std::size_t last_begin = 0, last_end = SIZE_MAX;  // (before the first hit)
      bool ordered = true;  // by begin, the longest first at a place
      pairs.scan(text, [&](std::size_t b, std::size_t e, std::uint32_t id) {
        got.emplace_back(std::uint32_t(b), std::uint32_t(e), id);
        ordered = ordered && (b > last_begin || (b == last_begin && e < last_end) || got.size() == 1);
        last_begin = b;
        last_end = e;
      });
      std::sort(want.begin(), want.end());
      std::sort(got.begin(), got.end());
      INFO("trial " << trial << " text " << t << ": " << hex(text) << " names " << hex_names(names));
      REQUIRE(got == want);
      if (!invalid_names) REQUIRE(ordered);
    }
  }
}

TEST_CASE("name pairs: a one-character name is not taken, a two-character one is") {
  gazetteer::NamePairs pairs;
  CHECK_FALSE(pairs.add("", 0));
  CHECK_FALSE(pairs.add("市", 1));
  CHECK(pairs.add("武汉", 2));
  CHECK(pairs.add("武汉市", 3));
  pairs.build();
  std::vector<Hit> got;
  pairs.scan("在武汉市，武汉", [&](std::size_t b, std::size_t e, std::uint32_t id) { got.emplace_back(std::uint32_t(b), std::uint32_t(e), id); });
  CHECK(got == std::vector<Hit>{{3, 12, 3}, {3, 9, 2}, {15, 21, 2}});
}

TEST_CASE("tables: a document without a TAB holds none (the search skips it)") {
  // Documents of table-like lines: Word cell lines, row lines, group
  // headings, blank lines. With their TABs some hold tables; with each TAB
  // made another blank (or nothing), none does and no line is visited.
  const std::vector<std::string> lines = {"\t序号", "\t重点任务", "\t牵头单位", "\t1", "\t制定标准体系", "\t省市场监管局",
                                          "序号\t重点任务\t牵头单位", "1\t制定标准\t省大数据局", "2\t建设平台\t市商务局",
                                          "一、数字政府", "", "　", "\t\t2", "平台", "各市人民政府："};
  const std::vector<std::string> blanks = {" ", "　", "    ", "", "\xC2\xA0"};
  std::mt19937 rng(7);
  std::size_t with_tables = 0;
  for (int trial = 0; trial < 300; ++trial) {
    std::string text;
    const std::size_t n = 2 + rng() % 30;
    for (std::size_t k = 0; k < n; ++k) text += lines[rng() % lines.size()] + "\n";
    {
      policy::TextStore joined;
      if (!policy::structure::find_tables(testing::doc(text), joined).empty()) ++with_tables;
    }
    std::string untabbed;
    for (char c : text) {
      if (c == '\t') untabbed += blanks[rng() % blanks.size()];
      else untabbed += c;
    }
    policy::TextStore joined;
    std::size_t visited = 99;
    INFO(untabbed);
    CHECK(policy::structure::find_tables(testing::doc(untabbed), joined, &visited).empty());
    CHECK(visited == 0);
  }
  CHECK(with_tables > 30);  // the documents are table-like: with TABs, many hold one
}

TEST_CASE("clause ids: unique, each the first #k free after the id it repeats") {
  // Documents whose labels repeat (the same rung again, a ladder restarted,
  // a label written twice), so that ids collide and #k suffixes are given;
  // replayed here with an ordinary set.
  const std::vector<std::string> lines = {"一、总体要求", "二、重点任务", "（一）加强领导", "（二）强化保障", "1.建立机制",
                                          "2.完善制度", "1.建立机制", "第一条　为了规范", "第一条　重复", "附件1",
                                          "附件", "专栏1　重点工程", "正文一段。", "", "一、总体要求"};
  std::mt19937 rng(11);
  std::size_t suffixed = 0;
  for (int trial = 0; trial < 300; ++trial) {
    std::string text;
    const std::size_t n = 1 + rng() % 60;
    for (std::size_t k = 0; k < n; ++k) text += lines[rng() % lines.size()] + "\n";
    const auto d = testing::doc(text);
    const auto s = policy::structure::analyze(d);
    std::set<std::string> used;
    std::map<std::string, int> next_suffix;
    for (const auto& c : s.clauses) {
      // The id before any #k of its own: its parent's id, then its own part.
      std::string base = c.id;
      const std::size_t hash = base.rfind('#');
      if (hash != std::string::npos && hash + 1 < base.size() &&
          base.find_first_not_of("0123456789", hash + 1) == std::string::npos)
        base.resize(hash);
      std::string want = base;
      if (!used.insert(base).second) {
        int& k = next_suffix.try_emplace(base, 2).first->second;
        do want = base + "#" + std::to_string(k++);
        while (used.count(want));
        used.insert(want);
        ++suffixed;
      }
      INFO(text);
      REQUIRE(c.id == want);
    }
  }
  CHECK(suffixed > 100);  // ids did collide
}

TEST_CASE("clause lines: the lines of each clause's first and last byte, as Document::line_of has them") {
  // Labels, prose, blank lines, TAB tables and a header, so clauses start
  // mid-line (a chapter's article), span many lines or none.
  const std::vector<std::string> lines = {"一、总体要求", "（一）加强领导。", "正文一段。", "", "   ", "第一章　总则　　第一条　为了规范",
                                          "序号\t任务\t单位", "1\t制定标准\t市商务局", "2\t建设平台\t市大数据局", "\t序号",
                                          "附件1", "1.建立机制", "专栏1　重点工程", "标题：某某"};
  std::mt19937 rng(5);
  for (int trial = 0; trial < 300; ++trial) {
    std::string text;
    const std::size_t n = 1 + rng() % 50;
    for (std::size_t k = 0; k < n; ++k) text += lines[rng() % lines.size()] + (rng() % 5 ? "\n" : "\r\n");
    if (rng() % 2) text.pop_back();  // without a final line end too
    const auto d = testing::doc(text);
    const auto s = policy::structure::analyze(d);
    INFO(text);
    for (const auto& c : s.clauses) {
      REQUIRE(c.line_start == d.line_of(c.begin));
      REQUIRE(c.line_end == d.line_of(c.end > c.begin ? c.end - 1 : c.begin));
    }
  }
}

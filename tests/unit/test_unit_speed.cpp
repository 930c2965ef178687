// The shortcuts the unit finder takes for speed answer as the plain
// reading does: working vectors kept from one clause to the next, and the
// per-clause record of the (unit, role) pairs already reported.
#include <catch2/catch.hpp>

#include <map>
#include <random>
#include <set>
#include <thread>
#include <tuple>

#include "helpers.h"
#include "policy/core/scratch.h"
#include "policy/extract/extract.h"
#include "policy/extract/unit_names.h"
#include "policy/extract/units.h"

using namespace policy;
using namespace policy::extract;

namespace {

const lexicon::Lexicon& lex() { return lexicon::Lexicon::builtin(); }

using Mentions = std::vector<std::tuple<std::string, UnitRole, std::uint32_t, std::uint32_t, std::size_t, std::size_t>>;

Mentions mentions(const std::string& text, bool duty_section) {
  const ClauseText ct(text, lex());
  Mentions out;
  for (const auto& m : find_units(ct, Range{0, ct.folded().size()}, duty_section))
    out.emplace_back(m.name, m.role, m.at.begin, m.at.end, m.order, m.where);
  return out;
}

}  // namespace

TEST_CASE("units: a clause's mentions are the same whatever clauses the thread read before it") {
  // find_units keeps its role hits, labels, bracket segments and bare names
  // in vectors of the thread: clauses with labels, brackets (dated, glued,
  // bare), role phrases, marks and duty lines, read in one order on one
  // thread and in the other order on another, some alone on a new thread.
  const std::vector<std::string> parts = {
      "市发改委", "省科技厅", "市财政局", "蔡甸区", "新洲区人民政府", "各市、州、县人民政府", "市场监管总局",
      "牵头单位：", "责任单位：", "配合单位：", "牵头", "配合", "负责", "按职责分工负责", "（牵头）", "（",
      "）", "（2024.6", "2023年12月", "、", "，", "；", "。", "\n", " ", "：", "主要负责", "加强标准建设",
      "由", "等有关单位", "和", "（市能源局）"};
  std::mt19937 rng(31);
  struct Case {
    std::string text;
    bool duty_section;
  };
  std::vector<Case> cases;
  for (int n = 0; n < 1500; ++n) {
    std::string s;
    const int len = static_cast<int>(rng() % 12);
    for (int k = 0; k < len; ++k) s += parts[rng() % parts.size()];
    cases.push_back({s, rng() % 4 == 0});
  }
  auto read_all = [&](bool reversed) {
    std::vector<Mentions> out(cases.size());
    for (std::size_t k = 0; k < cases.size(); ++k) {
      const std::size_t i = reversed ? cases.size() - 1 - k : k;
      out[i] = mentions(cases[i].text, cases[i].duty_section);
    }
    return out;
  };
  std::vector<Mentions> forward, backward;
  std::thread a([&] { forward = read_all(false); });
  std::thread b([&] { backward = read_all(true); });
  a.join();
  b.join();
  int with_units = 0;
  for (std::size_t i = 0; i < cases.size(); ++i) {
    INFO(cases[i].text);
    REQUIRE(forward[i] == backward[i]);
    // A name read twice (its mark and its list) is one mention: no two
    // share a place and role, whichever way the repeats were dropped.
    std::set<std::tuple<std::uint32_t, std::uint32_t, UnitRole>> places;
    for (const auto& m : forward[i]) REQUIRE(places.insert({std::get<2>(m), std::get<3>(m), std::get<1>(m)}).second);
    with_units += forward[i].size() > 1;
    if (i % 50 == 0) {  // alone on a thread of its own
      Mentions alone;
      std::thread([&] { alone = mentions(cases[i].text, cases[i].duty_section); }).join();
      REQUIRE(alone == forward[i]);
    }
  }
  CHECK(with_units > 150);  // clauses that name several units are among them
}

TEST_CASE("extract: a clause reports a unit once per role, whatever its other mentions") {
  // The pairs reported are kept sorted in a vector reused from clause to
  // clause: a name repeated in one role is one unit, in another role a
  // second, a name with an alias the same unit as without, and the next
  // clause starts afresh.
  const auto r = extract::analyze(testing::doc(
      "一、加强标准建设。（市统计局牵头，市统计局、市民政局配合）\n"
      "二、推动落实。（责任单位：市统计局、市统计局（市普查中心）、市民政局、市民政局）\n"
      "三、完善制度。（市统计局牵头，市民政局配合）\n"));
  std::map<std::string, std::vector<std::pair<std::string, UnitRole>>> by_clause;
  for (const Clause& c : r.clauses)
    for (const Unit& u : c.units) by_clause[c.id].emplace_back(u.name, u.role);
  using P = std::vector<std::pair<std::string, UnitRole>>;
  CHECK(by_clause["一"] == P{{"市统计局", UnitRole::lead}, {"市统计局", UnitRole::cooperate},
                            {"市民政局", UnitRole::cooperate}});
  CHECK(by_clause["二"] == P{{"市统计局", UnitRole::responsible}, {"市民政局", UnitRole::responsible}});
  CHECK(by_clause["三"] == P{{"市统计局", UnitRole::lead}, {"市民政局", UnitRole::cooperate}});
}

TEST_CASE("extract: no clause reports one name key in one role twice, in random documents") {
  // The plain rule, checked with a std::set on what the record holds: the
  // key is the canonical name where data/ knows one, else the name without
  // its alias in brackets.
  const std::vector<std::string> names = {"市市场监督管理局", "市市场监管局", "市统计局", "市发改委", "市发改委（市能源局）",
                                          "省经信厅", "市商务局", "市财政局", "工业和信息化部", "各区人民政府"};
  const std::vector<std::string> roles = {"牵头", "配合", "按职责分工负责"};
  const std::vector<std::string> numerals = {"一", "二", "三", "四", "五", "六"};
  std::mt19937 rng(37);
  auto list = [&] {
    std::string s;
    const int n = 1 + static_cast<int>(rng() % 5);
    for (int k = 0; k < n; ++k) s += (k ? "、" : "") + names[rng() % names.size()];
    return s;
  };
  int units = 0;
  for (int round = 0; round < 30; ++round) {
    std::string text;
    for (const auto& numeral : numerals) {
      text += numeral + "、加强标准建设。（" + list() + roles[rng() % roles.size()] + "，" + list() +
              roles[rng() % roles.size()] + "）";
      if (rng() % 2) text += "推动落实。（责任单位：" + list() + "）";
      text += "\n";
    }
    const auto r = extract::analyze(testing::doc(text));
    for (const Clause& c : r.clauses) {
      std::set<std::pair<std::string, UnitRole>> seen;
      for (const Unit& u : c.units) {
        std::string key = u.canonical ? *u.canonical : u.name;
        if (!u.canonical)
          for (const char* open : {"（", "("})
            if (const auto p = key.find(open); p != std::string::npos && p > 0) key.resize(p);
        INFO(c.text);
        INFO(key);
        CHECK(seen.insert({key, u.role}).second);
        ++units;
      }
    }
  }
  CHECK(units > 300);
}

TEST_CASE("unit names: nothing under six bytes is a complete name, so no joiner before byte 6 splits a list") {
  // The joiner search starts at byte 6 of a piece, and a piece under twelve
  // bytes is not tried for two names run together: both rest on this. The
  // lexicon's own words (whole names, unit words, places…) and every short
  // string built from them and from other characters are asked.
  std::vector<std::string> parts = {"市", "局", "a", "b", "(", ")", "、", "\xE5", "\x80", "和"};
  for (auto c : {lexicon::Class::name_whole, lexicon::Class::name_suffix, lexicon::Class::name_collective,
                 lexicon::Class::name_place_end, lexicon::Class::name_head, lexicon::Class::name_joiner})
    for (const auto& w : lex().words(c).all()) parts.push_back(w.text);
  std::mt19937 rng(41);
  int short_texts = 0;
  for (int n = 0; n < 20000; ++n) {
    std::string s;
    const int len = 1 + static_cast<int>(rng() % 3);
    for (int k = 0; k < len; ++k) s += parts[rng() % parts.size()];
    if (s.size() >= 6) continue;
    ++short_texts;
    INFO(s);
    REQUIRE_FALSE(is_complete_unit(s, lex()));
  }
  CHECK(short_texts > 1000);
  // And the splits that rest on it: a joiner right after a short head
  // leaves the piece whole, one after a complete name splits it.
  CHECK(split_unit_list("局和市发改委", ListMode::liberal, lex()).size() <= 1);
  CHECK(split_unit_list("市局和市发改委", ListMode::liberal, lex()) == std::vector<std::string>{"市局", "市发改委"});
  CHECK(split_unit_list("市财政局和市发改委", ListMode::liberal, lex()) ==
        std::vector<std::string>{"市财政局", "市发改委"});
  CHECK(split_unit_list("市财政局市发改委", ListMode::liberal, lex()) == std::vector<std::string>{"市财政局", "市发改委"});
}

TEST_CASE("scratch: a thread's working vector past the bound gives its block back, a small one keeps it") {
  std::vector<std::uint32_t> small, large;
  {
    const ScratchTrim trim(small, large);
    small.resize(100);
    large.resize(kScratchKeepBytes / sizeof(std::uint32_t) + 1);
  }
  CHECK(small.capacity() >= 100);  // kept for the next call
  CHECK(large.capacity() == 0);    // given back
  // A clause of megabytes, then a short one: the units read are the same as
  // on a fresh thread, and the thread holds no block of the long one.
  std::string long_clause;
  for (int k = 0; k < 20000; ++k) long_clause += "（牵头单位：市商务局；责任单位：市财政局）推进。";
  const std::string short_clause = "（牵头单位：市发改委，配合单位：市教育局）";
  auto names = [](const std::string& text) {
    const ClauseText ct(text, lexicon::Lexicon::builtin());
    std::vector<std::string> out;
    for (const auto& m : find_units(ct)) out.push_back(m.name);
    return out;
  };
  std::vector<std::string> after_long, fresh;
  std::thread([&] {
    CHECK(names(long_clause).size() == 40000);
    after_long = names(short_clause);
  }).join();
  std::thread([&] { fresh = names(short_clause); }).join();
  CHECK(after_long == fresh);
  CHECK(fresh == std::vector<std::string>{"市发改委", "市教育局"});
}

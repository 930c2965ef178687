// The document fields' fast paths, each held to the plain reading it
// replaces over many generated inputs. Division names are found in a text
// by NamePairs, which keys a pair of characters by their bytes and reads
// runs of three-byte characters sixteen at a time: held to a phrase
// matcher's reading of the same names, one code point at a time. The
// signing date line is found by its 日 from the end: held to reading every
// line. A clause's empty containers are written as one literal: held to
// the clause built key by key in a JSON library.
#include <catch2/catch.hpp>

#include <algorithm>
#include <cstdint>
#include <cstdio>
#include <random>
#include <set>
#include <string>
#include <tuple>
#include <vector>

#include <nlohmann/json.hpp>

#include "helpers.h"
#include "policy/core/record.h"
#include "policy/extract/doc_fields.h"
#include "policy/print/document_json.h"
#include "policy/gazetteer/name_pairs.h"
#include "policy/text/document.h"
#include "policy/text/phrase_matcher.h"
#include "policy/text/utf8.h"

namespace {
namespace text = policy::text;
namespace gazetteer = policy::gazetteer;

using Hit = std::tuple<std::uint32_t, std::uint32_t, std::uint32_t>;

// Characters names are made of: ideographs (under leads E4-E9) and
// punctuation under EF, shared so that names nest and share first pairs;
// ASCII; two- and four-byte characters; a character under lead E1.
const std::vector<std::string> kNamePieces = {"武", "汉", "市", "湖", "北", "省", "广", "州", "区", "县", "，",
                                              "a", "1", "é", "\xF0\xA0\x80\x80", "\xE1\x80\x80", "\xEF\xBF\xBD"};
// And in texts besides: forms that read as one of those characters though
// their bytes differ (an overlong 武 in four bytes, an overlong 'a' under
// E0), bytes that are not UTF-8 (read as U+FFFD, one byte each), a
// surrogate (ED), a line break.
const std::vector<std::string> kOddPieces = {"\xF0\x86\xAD\xA6", "\xE0\x81\xA1", "\xFF",  "\x80", "\xE4\xB8",
                                             "\xED\xA0\x80",     "\xE0\xA4\x80", "\n",   "\xC0\x80", "\xF4\x8F\xBF\xBF"};

using testing::hex;

// Mostly ideographs, in runs long enough for the sixteen-at-a-time reading,
// broken now and then by anything else.
std::string make_text(std::mt19937& rng, const std::vector<std::string>& names, std::size_t pieces, unsigned odd_in) {
  std::string s;
  for (std::size_t k = 0; k < pieces; ++k) {
    const unsigned r = rng() % 100;
    if (r < odd_in) s += kOddPieces[rng() % kOddPieces.size()];
    else if (r < 20 && !names.empty()) s += names[rng() % names.size()];
    else s += kNamePieces[rng() % 11];  // three-byte characters
  }
  return s;
}

// The same names in a PhraseMatcher (reads code points: the oracle) and in
// NamePairs (keys pairs of characters by their bytes); the matcher's hits
// are kept only for the names NamePairs took.
struct BothFinders {
  text::PhraseMatcher matcher;
  gazetteer::NamePairs pairs;
  std::set<std::uint32_t> taken;

  explicit BothFinders(const std::vector<std::string>& names) {
    for (const std::string& name : names) {
      const std::uint32_t id = matcher.add(name);
      if (pairs.add(name, id)) taken.insert(id);
    }
    matcher.build();
    pairs.build();
  }

  std::vector<Hit> by_matcher(std::string_view t) const {
    std::vector<Hit> out;
    matcher.scan(t, [&](std::size_t b, std::size_t e, std::uint32_t id) {
      if (taken.count(id)) out.emplace_back(std::uint32_t(b), std::uint32_t(e), id);
    });
    std::sort(out.begin(), out.end());
    return out;
  }

  std::vector<Hit> by_pairs(std::string_view t) const {
    std::vector<Hit> out;
    pairs.scan(t, [&](std::size_t b, std::size_t e, std::uint32_t id) { out.emplace_back(std::uint32_t(b), std::uint32_t(e), id); });
    std::sort(out.begin(), out.end());
    return out;
  }
};

}  // namespace

TEST_CASE("name pairs: a pair keyed by its bytes finds what reading its code points finds") {
  std::mt19937 rng(20261201);
  for (int trial = 0; trial < 300; ++trial) {
    std::vector<std::string> names;
    std::set<std::string> seen;
    const std::size_t count = 1 + rng() % 30;
    for (std::size_t k = 0; k < count; ++k) {
      std::string name;
      const std::size_t len = 2 + rng() % 4;
      // Mostly ideographs; now and then any piece.
      for (std::size_t c = 0; c < len; ++c)
        name += kNamePieces[rng() % 4 == 0 ? rng() % kNamePieces.size() : rng() % 11];
      if (seen.insert(name).second) names.push_back(std::move(name));
    }
    const BothFinders both(names);
    for (int t = 0; t < 20; ++t) {
      // Every length around the 64 bytes the run reading needs, and long ones.
      const std::size_t pieces = t < 10 ? 15 + rng() % 15 : rng() % 300;
      const std::string s = make_text(rng, names, pieces, t % 3 == 0 ? 0 : 2 + t % 7);
      // And the same text cut at every byte near where runs begin and end.
      for (std::size_t cut : {s.size(), s.size() / 2, std::size_t(63), std::size_t(64), std::size_t(65)}) {
        const std::string_view v = std::string_view(s).substr(0, std::min(cut, s.size()));
        INFO("trial " << trial << " text " << t << " cut " << cut << ": " << hex(v));
        REQUIRE(both.by_pairs(v) == both.by_matcher(v));
      }
    }
  }
}

TEST_CASE("name pairs: a run of three-byte characters broken at any byte reads as a matcher reads it") {
  // A long run of one name over and over, with one piece put in at every
  // byte offset of the first 100: the run ends there, wherever that falls
  // within the sixteen characters read at a time.
  const std::vector<std::string> names = {"武汉市", "汉市", "市武", "武汉", "湖北省武汉市", "a武", "武\xEF\xBF\xBD"};
  const BothFinders both(names);
  std::string run;
  for (int k = 0; k < 40; ++k) run += k % 7 == 3 ? "湖北省" : "武汉市";
  for (const std::string& odd : kOddPieces)
    for (std::size_t at = 0; at <= 100; ++at) {
      std::string s = run;
      s.insert(at, odd);
      INFO("piece " << hex(odd) << " at " << at);
      REQUIRE(both.by_pairs(s) == both.by_matcher(s));
    }
  // Nothing but a run, of every length from empty to 70 characters.
  for (std::size_t len = 0; len <= 70 * 3; len += 3) {
    const std::string_view v = std::string_view(run).substr(0, len);
    REQUIRE(both.by_pairs(v) == both.by_matcher(v));
  }
}

TEST_CASE("the signing date line: a byte A5 not ending 日 is looked past, its line found by its 日") {
  // Lines whose 日 comes before or after other characters ending in A5
  // (亥 E4 BA A5), pieces of 日's three bytes alone or split over two lines,
  // and carriage returns.
  const std::vector<std::string> lines = {
      "2021年3月5日",  "亥2021年3月5日", "2021年3月5日亥", "(2021年3月5日)亥亥", "亥", "\xA5", "\x97\xA5", "\xE6\x97",
      "\xE6",        "日\xA5",         "\xA5日",        "二〇二一年三月五日",    "日",  "",    "2021年3月5日\r", "亥亥亥亥"};
  std::mt19937 rng(20261201);
  std::size_t found = 0;
  for (int round = 0; round < 3000; ++round) {
    std::string text;
    const std::size_t n = 1 + rng() % 10;
    for (std::size_t k = 0; k < n; ++k) text += lines[rng() % lines.size()] + (k + 1 < n || rng() % 2 ? "\n" : "");
    const text::Document doc("t.txt", "utf-8", text);
    for (std::size_t first = 0; first <= doc.line_count() + 1; ++first)
      for (std::size_t last = 0; last <= doc.line_count() + 1; ++last) {
        std::size_t plain = 0;
        if (last <= doc.line_count())
          for (std::size_t k = last; k >= first && k >= 1; --k)
            if (policy::extract::is_date_only(doc.line(k))) {
              plain = k;
              break;
            }
        INFO("text: " << hex(text) << " lines " << first << ".." << last);
        REQUIRE(policy::extract::last_date_line(doc, first, last) == plain);
        found += plain != 0;
      }
  }
  CHECK(found > 1000);
}

TEST_CASE("clause JSON: empty containers and keys with their brackets written at once read as the clause written key by key") {
  // Clauses with every subset of fields, issuers, doc numbers, units,
  // targets and deadlines empty (one or two of each, units with aliases and
  // without), each compared with the same clause built
  // key by key in the SPEC's order (texts with nothing to escape, so that
  // the library writes the same bytes).
  using policy::Clause;
  using Json = nlohmann::ordered_json;
  std::mt19937 rng(20261201);
  const std::string text = "第一条 各区人民政府负责，2025年底前完成。abc";
  const std::string canonical = "武汉市人民政府";
  const std::vector<std::string> aliases = {"市政府", "武汉市政府"};
  auto chars = [&](std::uint32_t b) { return policy::utf8::length(std::string_view(text).substr(0, b)); };
  for (int trial = 0; trial < 2000; ++trial) {
    const unsigned has = trial < 64 ? static_cast<unsigned>(trial) : static_cast<unsigned>(rng() % 64);
    Clause c;
    c.id = "1/" + std::to_string(trial);
    c.level = trial % 4;
    c.label = "（一）";
    c.heading = trial % 2 ? "总则" : "";
    c.kind = static_cast<policy::ClauseKind>(trial % 6);
    c.text = text;
    c.line_start = static_cast<std::size_t>(trial);
    c.line_end = static_cast<std::size_t>(trial + 3);
    Json want;
    want["id"] = c.id;
    want["level"] = c.level;
    want["label"] = c.label;
    want["heading"] = c.heading;
    want["kind"] = policy::to_string(c.kind);
    want["text"] = text;
    want["line_start"] = c.line_start;
    want["line_end"] = c.line_end;
    want["fields"] = Json::object();
    if (has & 1) {
      c.fields = {{"序号", "1"}, {"单位", "市发改委"}};
      for (const auto& [k, v] : c.fields) want["fields"][std::string(k)] = std::string(v);
    }
    want["issuers"] = Json::array();
    if (has & 2) {
      c.issuers = {"市发改委", "市财政局"};
      for (const auto& i : c.issuers) want["issuers"].push_back(i);
    }
    want["doc_numbers"] = Json::array();
    if (has & 4) {
      policy::DocNumber d;
      d.text = d.normalized = "鄂政发〔2021〕5号";
      d.code = "鄂政发";
      d.year = trial % 3 ? std::optional<int>(2021) : std::nullopt;
      d.serial = 5;
      d.line = 7;
      c.doc_numbers = {d, d};
      for (const auto& x : c.doc_numbers)
        want["doc_numbers"].push_back(Json{{"text", x.text}, {"normalized", x.normalized}, {"code", x.code},
                                           {"year", x.year ? Json(*x.year) : Json(nullptr)}, {"serial", x.serial},
                                           {"role", policy::to_string(x.role)}, {"line", x.line}});
    }
    want["units"] = Json::array();
    if (has & 8) {
      policy::Unit u;
      u.name = "各区人民政府";
      u.role = static_cast<policy::UnitRole>(trial % 3);
      if (trial % 2) u.canonical = &canonical;
      // No aliases now and then; one unit or two.
      if (trial % 3 != 1) u.aliases = aliases;
      u.at = {10, 28};
      u.sentence = {0, 60};
      c.units.assign(1 + trial % 2, u);
      for (std::size_t k = 0; k < c.units.size(); ++k)
        want["units"].push_back(Json{{"name", u.name},
                                     {"role", policy::to_string(u.role)},
                                     {"canonical", u.canonical ? Json(*u.canonical) : Json(nullptr)},
                                     {"aliases", u.aliases.empty() ? Json::array() : Json(aliases)},
                                     {"at", {chars(10), chars(28)}},
                                     {"sentence", {chars(0), chars(60)}}});
    }
    want["targets"] = Json::array();
    if (has & 16) {
      policy::Target t;
      t.text = "100项";
      t.value = 100;
      t.unit = "项";
      t.subject = "项目";
      t.year = 2025;
      t.at = {3, 6};
      t.sentence = {0, 9};
      c.targets.assign(1 + trial % 2, t);
      for (std::size_t k = 0; k < c.targets.size(); ++k)
        want["targets"].push_back(Json{{"text", t.text},
                                       {"value", 100},
                                       {"unit", t.unit},
                                       {"op", policy::to_string(t.op)},
                                       {"kind", policy::to_string(t.kind)},
                                       {"subject", *t.subject},
                                       {"year", 2025},
                                       {"at", {chars(3), chars(6)}},
                                       {"sentence", {chars(0), chars(9)}}});
    }
    want["deadlines"] = Json::array();
    if (has & 32) {
      policy::Deadline d;
      d.text = "2025年底前";
      d.date = "2025";
      d.at = {37, 50};
      d.sentence = {28, 59};
      c.deadlines.assign(1 + trial % 2, d);
      for (std::size_t k = 0; k < c.deadlines.size(); ++k)
        want["deadlines"].push_back(Json{{"text", d.text},
                                         {"date", d.date},
                                         {"at", {chars(37), chars(50)}},
                                         {"sentence", {chars(28), chars(59)}}});
    }
    std::string out;
    policy::print::append_clause_json(out, c, "");
    INFO("containers " << has << ": " << out);
    REQUIRE(out == want.dump() + "\n");
  }
}

// The vocabulary in data/lexicon and the one-pass reading of a clause: the
// matcher finds every phrase, the loader checks every row, every example a
// row carries gives what the row says, and spans point where items stand.
#include <catch2/catch.hpp>

#include <algorithm>
#include <filesystem>
#include <optional>
#include <fstream>
#include <map>
#include <random>
#include <set>
#include <thread>
#include <tuple>

#include "helpers.h"
#include "policy/extract/clause_text.h"
#include "policy/extract/extract.h"
#include "policy/extract/targets.h"
#include "policy/extract/unit_names.h"
#include "policy/extract/units.h"
#include "policy/lexicon/lexicon.h"
#include "policy/text/char_kind.h"
#include "policy/text/phrase_matcher.h"
#include "policy/text/utf8.h"

using namespace policy;
using namespace policy::extract;
using lexicon::Class;
using lexicon::Lexicon;

TEST_CASE("the phrase matcher reports every occurrence, overlapping ones too") {
  text::PhraseMatcher m;
  const auto lead = m.add("牵头"), label = m.add("牵头单位"), unit = m.add("单位"), again = m.add("牵头");
  CHECK(again == lead);
  m.build();
  std::vector<std::tuple<std::size_t, std::size_t, std::uint32_t>> hits;
  m.scan("（牵头单位：市商务局牵头）", [&](std::size_t b, std::size_t e, std::uint32_t id) { hits.emplace_back(b, e, id); });
  // (3, 9) 牵头, then at 单位's end both 牵头单位 and 单位 (longest first), then 牵头 again.
  REQUIRE(hits.size() == 4);
  CHECK(hits[0] == std::make_tuple(3u, 9u, lead));
  CHECK(hits[1] == std::make_tuple(3u, 15u, label));
  CHECK(hits[2] == std::make_tuple(9u, 15u, unit));
  CHECK(std::get<2>(hits[3]) == lead);
}

TEST_CASE("the phrase matcher follows failure links across a partial match") {
  text::PhraseMatcher m;
  const auto a = m.add("按职责分工负责"), b = m.add("分工落实");
  m.build();
  std::vector<std::uint32_t> ids;
  m.scan("按职责分工落实", [&](std::size_t, std::size_t, std::uint32_t id) { ids.push_back(id); });
  CHECK(ids == std::vector<std::uint32_t>{b});
  ids.clear();
  m.scan("x按职责分工负责y", [&](std::size_t, std::size_t, std::uint32_t id) { ids.push_back(id); });
  CHECK(ids == std::vector<std::uint32_t>{a});
}

TEST_CASE("the phrase matcher finds exactly what a search for each phrase finds") {
  // Phrases and texts drawn from a few characters (one of them outside the
  // BMP, one never in a phrase), so that they overlap, nest and fail often.
  const std::vector<std::string> alphabet = {"牵", "头", "单", "位", "a", "\U00020000", "。"};
  std::uint32_t seed = 12345;
  auto draw = [&](std::size_t n) {
    std::string s;
    for (std::size_t k = 0; k < n; ++k) {
      seed = seed * 1103515245 + 12345;
      s += alphabet[(seed >> 16) % (alphabet.size() - 1)];  // 。 only in texts
    }
    return s;
  };
  // Both kinds of step: the table of every transition, and the trie's edges
  // with failure links (a dense limit of 0); scan() and step by step.
  for (const bool dense : {true, false})
    for (int round = 0; round < 20; ++round) {
      text::PhraseMatcher m;
      std::vector<std::string> phrases;
      for (int k = 0; k < 12; ++k) {
        std::string p = draw(1 + (seed >> 20) % 4);
        if (m.add(p) == phrases.size()) phrases.push_back(p);
      }
      m.build(dense ? text::PhraseMatcher::kDenseLimit : 0);
      REQUIRE(m.dense() == dense);
      for (int t = 0; t < 10; ++t) {
        std::string text = draw(30);
        text.insert(text.size() / 2, "。");
        std::set<std::tuple<std::size_t, std::size_t, std::uint32_t>> found, stepped, expected;
        m.scan(text, [&](std::size_t b, std::size_t e, std::uint32_t id) { found.insert({b, e, id}); });
        text::PhraseMatcher::State s = m.start();
        for (std::size_t i = 0; i < text.size();) {
          s = m.step(s, utf8::next(text, i));
          if (m.matching(s))
            for (std::uint32_t id : m.matches(s)) stepped.insert({i - m.phrase_bytes(id), i, id});
          else CHECK(m.matches(s).empty());
        }
        for (std::uint32_t id = 0; id < phrases.size(); ++id)
          for (std::size_t at = text.find(phrases[id]); at != std::string::npos; at = text.find(phrases[id], at + 1))
            if ((static_cast<unsigned char>(text[at]) & 0xC0) != 0x80) expected.insert({at, at + phrases[id].size(), id});
        INFO((dense ? "dense" : "sparse") << ", round " << round << ": " << text);
        CHECK(found == expected);
        CHECK(stepped == expected);
      }
    }
}

TEST_CASE("the phrase matcher gives a phrase added again its first id, invalid UTF-8 phrases told apart by their bytes") {
  // Ids as a map from the phrase's bytes gives them: the same bytes, the same
  // id; other bytes, a new id, even where two decode alike (\xFF, \xFE and a
  // real U+FFFD all read as U+FFFD), and before and after such a phrase.
  const std::vector<std::string> pool = {"牵头", "牵头单位", "单位", "a", "\U00020000头", "\xFF", "\xFE",
                                         "\xEF\xBF\xBD", "牵\xFF", "牵\xEF\xBF\xBD", "\xC0\x80", "b"};
  for (int round = 0; round < 40; ++round) {
    std::uint32_t seed = 77 + round;
    text::PhraseMatcher m;
    std::map<std::string, std::uint32_t> model;
    // Early rounds add only valid phrases for a while before any invalid one.
    for (int k = 0; k < 30; ++k) {
      seed = seed * 1103515245 + 12345;
      const std::size_t limit = k < round / 2 ? 5 : pool.size();
      const std::string& p = pool[(seed >> 16) % limit];
      const auto [it, fresh] = model.emplace(p, static_cast<std::uint32_t>(model.size()));
      INFO("round " << round << ", phrase " << k);
      CHECK(m.add(p) == it->second);
    }
    CHECK(m.phrase_count() == model.size());
    for (const auto& [p, id] : model) CHECK(m.phrase_bytes(id) == p.size());
    m.build();
    // A node shared by phrases that decode alike reports the last one added.
    if (model.count("牵头")) {
      std::vector<std::uint32_t> ids;
      m.scan("x牵头y", [&](std::size_t, std::size_t, std::uint32_t id) { ids.push_back(id); });
      CHECK(ids == std::vector<std::uint32_t>{model.at("牵头")});
    }
  }
  // Phrases that decode alike share a node: it reports the last one added.
  text::PhraseMatcher m;
  const auto first = m.add("牵头"), invalid = m.add("\xFF"), replacement = m.add("\xEF\xBF\xBD");
  CHECK(m.add("牵头") == first);
  CHECK(m.add("\xFF") == invalid);
  CHECK(invalid != replacement);
  m.build();
  std::vector<std::uint32_t> ids;
  m.scan("x\xEF\xBF\xBD牵头", [&](std::size_t, std::size_t, std::uint32_t id) { ids.push_back(id); });
  CHECK(ids == std::vector<std::uint32_t>{replacement, first});
}

TEST_CASE("the phrase matcher keeps a tag beside each symbol, past 4094 distinct characters too") {
  // 5,000 two-character phrases over 5,001 distinct ideographs: symbols past
  // what 12 bits hold are kept aside and must match all the same.
  text::PhraseMatcher m;
  auto ideograph = [](char32_t k) {
    std::string s;
    utf8::append(s, 0x4E00 + k);
    return s;
  };
  std::vector<std::uint32_t> id_of;
  for (char32_t k = 0; k < 5000; ++k) id_of.push_back(m.add(ideograph(k) + ideograph(k + 1)));
  m.set_tag(0x4E00, 3);
  m.set_tag(0x4E00 + 4999, 15);
  m.set_tag(U'(', 5);
  m.build();
  CHECK(m.look_up(0x4E00).tag == 3);
  CHECK(m.look_up(0x4E00).symbol != 0);
  CHECK(m.look_up(0x4E00 + 4999).tag == 15);
  CHECK(m.look_up(0x4E00 + 4999).symbol > 4094);
  CHECK(m.look_up(U'(').tag == 5);
  CHECK(m.look_up(U'(').symbol == 0);
  CHECK(m.look_up(U'x').tag == 0);
  CHECK_THROWS(m.set_tag(U'x', 16));
  for (char32_t k : {char32_t{0}, char32_t{4093}, char32_t{4094}, char32_t{4095}, char32_t{4999}}) {
    const std::string phrase = ideograph(k) + ideograph(k + 1);
    std::vector<std::uint32_t> ids;
    m.scan("x" + phrase + "y", [&](std::size_t, std::size_t, std::uint32_t id) { ids.push_back(id); });
    INFO("phrase " << static_cast<unsigned>(k));
    CHECK(ids == std::vector<std::uint32_t>{id_of[k]});
  }
}

TEST_CASE("the lexicon's matcher tags every BMP code point with its char_kind") {
  const text::PhraseMatcher& m = Lexicon::builtin().matcher();
  std::size_t tagged = 0;
  for (char32_t c = 0; c < 0x10000; ++c) {
    INFO("U+" << std::hex << static_cast<unsigned>(c));
    const auto kind = static_cast<std::uint8_t>(text::char_kind(c));
    CHECK(m.look_up(c).tag == kind);
    tagged += kind != 0;
  }
  CHECK(tagged > 20);  // digits, brackets, sentence ends, the numerals
  CHECK(m.dense());    // a few hundred characters: each step one lookup
}

TEST_CASE("the clause text: a point joins a number only when a digit follows, and only once") {
  auto numbers = [](const std::string& text) {
    const ClauseText ct(text, Lexicon::builtin());
    std::vector<std::string> out;
    for (const auto& n : ct.numbers()) out.emplace_back(ct.original_text(n.begin, n.end));
    return out;
  };
  using V = std::vector<std::string>;
  CHECK(numbers("增长1.5倍") == V{"1.5"});
  CHECK(numbers("１．５％") == V{"１．５"});
  CHECK(numbers("第3.条") == V{"3"});
  CHECK(numbers("版本1.5.3发布") == V{"1.5", "3"});
  CHECK(numbers("共1..5项") == V{"1", "5"});
  CHECK(numbers("达到3.") == V{"3"});
  CHECK(numbers(".5和0.") == V{"5", "0"});
  CHECK(numbers("二〇二五年1.①") == V{"二〇二五", "1.①"});
}

TEST_CASE("every example in roles.tsv and operators.tsv gives what its row says") {
  const Lexicon& lex = Lexicon::builtin();
  REQUIRE(lex.examples().size() > 80);
  for (const auto& ex : lex.examples()) {
    INFO(ex.where << ": " << ex.phrase << " in " << ex.text);
    const ClauseText ct(ex.text, lex);
    if (ex.cls == Class::op_before || ex.cls == Class::op_adjacent || ex.cls == Class::op_after ||
        ex.cls == Class::op_inside || ex.cls == Class::op_bound) {
      bool found = false;
      for (const auto& t : find_targets(ct)) found |= static_cast<std::uint8_t>(t.target.op) == ex.value;
      CHECK(found);
    } else {
      bool found = false;
      for (const auto& u : find_units(ct)) found |= static_cast<std::uint8_t>(u.role) == ex.value;
      CHECK(found);
    }
  }
}

namespace {
std::string write_table(const std::string& dir, const std::string& name, const std::string& text) {
  std::filesystem::create_directories(dir);
  const std::string path = dir + "/" + name;
  std::ofstream(path, std::ios::binary) << text;
  return path;
}
}  // namespace

TEST_CASE("a user's data folder adds a role phrase and an operator") {
  const std::string dir = testing::temp_path("lexicon-overlay");
  std::filesystem::remove_all(dir);
  write_table(dir, "roles.tsv", "phrase\trole\tform\texample\n# a county's own wording\n督办单位\tlead\tlabel\t（督办单位：县商务局）\n");
  write_table(dir, "operators.tsv", "phrase\top\tposition\texample\n封顶\tle\tbefore\t奖励封顶50万元\n");
  auto lex = Lexicon::with_overlay(dir);
  REQUIRE(lex);
  const std::string text = "推进园区建设。（督办单位：县商务局）奖励封顶50万元。";
  const ClauseText ct(text, lex.value());
  auto units = find_units(ct);
  REQUIRE(units.size() == 1);
  CHECK(units[0].name == "县商务局");
  CHECK(units[0].role == UnitRole::lead);
  auto targets = find_targets(ct);
  REQUIRE(targets.size() == 1);
  CHECK(targets[0].target.op == TargetOp::le);
  // Without the folder, neither word means anything.
  const ClauseText plain(text, Lexicon::builtin());
  CHECK(find_units(plain).empty());
  CHECK(find_targets(plain)[0].target.op == TargetOp::eq);
}

TEST_CASE("names: after a partner-joiner a generic partner names nobody, and a user can add one") {
  // 会同 is a partner-joiner in data/lexicon/names.tsv, not in code.
  using V = std::vector<std::string>;
  CHECK(split_unit_list("市市场监管局会同相关单位", ListMode::strict, Lexicon::builtin()) == V{"市市场监管局"});
  // 和 is a plain joiner: the partner stays in the name.
  CHECK(split_unit_list("市市场监管局和相关单位", ListMode::strict, Lexicon::builtin()) == V{"市市场监管局和相关单位"});
  // A user's row makes 协同 one too (a joiner as well, so that it splits
  // two whole names).
  const std::string dir = testing::temp_path("lexicon-partner");
  std::filesystem::remove_all(dir);
  write_table(dir, "names.tsv", "word\tkind\n协同\tpartner-joiner\n");
  auto lex = Lexicon::with_overlay(dir);
  REQUIRE(lex);
  CHECK(split_unit_list("市市场监管局协同相关单位", ListMode::strict, lex.value()) == V{"市市场监管局"});
  CHECK(split_unit_list("市市场监管局协同市商务局", ListMode::strict, lex.value()) == V{"市市场监管局", "市商务局"});
  CHECK(split_unit_list("市市场监管局协同相关单位", ListMode::strict, Lexicon::builtin()) == V{"市市场监管局协同相关单位"});
}

TEST_CASE("a bad row in a user's table is an error naming the file and line") {
  const std::string dir = testing::temp_path("lexicon-bad");
  std::filesystem::remove_all(dir);
  const std::string path =
      write_table(dir, "roles.tsv", "phrase\trole\tform\texample\n督办单位\tleader\tlabel\t\n");
  auto lex = Lexicon::with_overlay(dir);
  REQUIRE_FALSE(lex);
  CHECK(lex.error().describe() == path + ": line 2: role 'leader': expected lead, responsible, cooperate or none");
  write_table(dir, "roles.tsv", "phrase\trole\tform\texample\n督办单位\tlead\n");
  auto short_row = Lexicon::with_overlay(dir);
  REQUIRE_FALSE(short_row);
  CHECK(short_row.error().describe().find(path + ": line 2: 2 cells, expected 4") == 0);
  CHECK_FALSE(Lexicon::with_overlay(testing::temp_path("no-such-folder")));
}

TEST_CASE("the clause text: folded view, hits, numbers, brackets and sentences") {
  const std::string text = "到2025年，培育企业二十家。（牵头单位：市商务局；完成时限：2025年4月）\n其余工作";
  const ClauseText ct(text, Lexicon::builtin());
  CHECK(ct.folded().find("(牵头单位:市商务局;") != std::string::npos);
  REQUIRE(ct.hits(Class::role_label).size() == 1);
  const Hit& label = ct.hits(Class::role_label)[0];
  CHECK(ct.original_text(label.begin, label.end) == "牵头单位");
  CHECK(ct.hits(Class::deadline_slot).size() == 2);  // 完成时限, and 时限 inside it
  CHECK(ct.hits(Class::deadline_to).size() == 1);
  std::vector<std::string> numbers;
  for (const auto& n : ct.numbers()) numbers.emplace_back(ct.original_text(n.begin, n.end));
  CHECK(numbers == std::vector<std::string>{"2025", "二十", "2025", "4"});
  REQUIRE(ct.brackets().size() == 1);
  // The bracket joins the sentence it follows; the line break ends it.
  REQUIRE(ct.sentences().size() == 2);
  const Range first = ct.sentences()[0];
  CHECK(ct.original_text(first.begin, first.end) ==
        "到2025年，培育企业二十家。（牵头单位：市商务局；完成时限：2025年4月）\n");
}

TEST_CASE("the clause text: a clause read after others on the same thread reads as one read first") {
  // Each ClauseText leaves its storage to the next; nothing of an earlier
  // clause may show through. Every clause is compared with a reading on a
  // fresh thread, where nothing was left behind.
  const std::vector<std::string> clauses = {
      "到2025年，培育企业二十家。（牵头单位：市商务局；完成时限：2025年4月）\n其余工作《标准化法》（试行）",
      "短",
      "",
      "（市场监管总局、国家邮政局按职责分工负-责）1.5万元",
      std::string(70000, 'a') + "（牵头单位：市商务局）",  // past what is kept for the next clause
      "市发改委：１．完成率达到95%；二是加强管理。",
  };
  struct Read {
    std::string folded;
    std::vector<std::tuple<std::uint32_t, std::uint32_t, int, int>> hits;
    std::vector<std::pair<std::uint32_t, std::uint32_t>> numbers, brackets;
    std::vector<std::pair<std::size_t, std::size_t>> sentences;
    std::vector<std::size_t> to_original;
    bool operator==(const Read&) const = default;
  };
  auto read = [](const std::string& text) {
    const ClauseText ct(text, Lexicon::builtin());
    Read r;
    r.folded = ct.folded();
    for (std::size_t c = 0; c < lexicon::kClassCount; ++c)
      for (const Hit& h : ct.hits(static_cast<Class>(c))) r.hits.emplace_back(h.begin, h.end, static_cast<int>(h.cls), h.value);
    for (const auto& n : ct.numbers()) r.numbers.emplace_back(n.begin, n.end);
    for (const auto& b : ct.brackets()) r.brackets.emplace_back(b.begin, b.end);
    for (const auto& s : ct.sentences()) r.sentences.emplace_back(s.begin, s.end);
    for (std::size_t k = 0; k <= r.folded.size(); ++k) r.to_original.push_back(ct.to_original(k));
    return r;
  };
  for (int pass = 0; pass < 2; ++pass)
    for (const std::string& text : clauses) {
      Read alone;
      std::thread fresh([&] { alone = read(text); });
      fresh.join();
      INFO("pass " << pass << ", clause of " << text.size() << " bytes");
      CHECK(read(text) == alone);
    }
  // Lifetimes that overlap (a clause text made while another is alive, as
  // find_doc_numbers does): neither sees the other's storage.
  const ClauseText outer(clauses[0], Lexicon::builtin());
  const std::string outer_folded = outer.folded();
  const std::size_t outer_hits = outer.hits(Class::role_label).size(), outer_numbers = outer.numbers().size();
  for (const std::string& text : clauses) {
    Read alone;
    std::thread fresh([&] { alone = read(text); });
    fresh.join();
    CHECK(read(text) == alone);
  }
  CHECK(outer.folded() == outer_folded);
  CHECK(outer.hits(Class::role_label).size() == outer_hits);
  CHECK(outer.numbers().size() == outer_numbers);
}

namespace {

// The scan steps through runs of plain characters on a short path of its
// own (one for a dense matcher, one for the trie). Checked against two
// plain readings of the folded text: the matcher's own scan for hits, and
// number runs read by char_kind.
void check_plain_runs_against_plain_reading(const Lexicon& lex, std::vector<std::string> pieces) {
  for (std::string p : {"推进", "建设", "企业", "牵头单位", "负责", "配合", "以上", "不低于", "完成时限", "万元", "%", "底前",
                        "2025", "1.5", "3.", "..", "二十", "两万", "〇", "（", "）", "，", "：", "１", "．", "①", "㈠",
                        "abc", " ", "\n", "。", "《", "》", "𠀀", "\xE0\xA0\x80", "\xED\x9F\xBF", "\xE5\x80", "\xFF",
                        "负-责", "\xE4"})
    pieces.push_back(p);
  auto kind = [](char32_t c) { return c < 0x10000 ? text::char_kind(c) : text::CharKind::plain; };
  std::mt19937 rng(20261130);
  for (int round = 0; round < 3000; ++round) {
    std::string text;
    const int count = static_cast<int>(rng() % 24);
    for (int k = 0; k < count; ++k) text += pieces[rng() % pieces.size()];
    const ClauseText ct(text, lex);
    const std::string& t = ct.folded();
    INFO("text: " << text);

    std::multiset<std::tuple<std::uint32_t, std::uint32_t, int, int>> want_hits, got_hits;
    lex.matcher().scan(t, [&](std::size_t b, std::size_t e, std::uint32_t id) {
      for (const lexicon::Entry& en : lex.entries(id))
        want_hits.emplace(static_cast<std::uint32_t>(b), static_cast<std::uint32_t>(e), static_cast<int>(en.cls), en.value);
    });
    for (std::size_t c = 0; c < lexicon::kClassCount; ++c)
      for (const Hit& h : ct.hits(static_cast<Class>(c))) got_hits.emplace(h.begin, h.end, static_cast<int>(h.cls), h.value);
    CHECK(got_hits == want_hits);

    // Number runs: digits (with one point when a digit follows it), or Chinese numerals.
    std::vector<std::tuple<std::uint32_t, std::uint32_t, bool>> want_numbers, got_numbers;
    auto kind_at = [&](std::size_t i) {
      if (i >= t.size()) return text::CharKind::sentence_end;  // (no number kind)
      return kind(utf8::next(t, i));
    };
    for (std::size_t i = 0; i < t.size();) {
      const std::size_t start = i;
      const auto k = kind(utf8::next(t, i));
      if (k != text::CharKind::digit && k != text::CharKind::cn_numeral) continue;
      auto skip_kind = [&](std::size_t& j, text::CharKind of) {
        while (j < t.size() && kind_at(j) == of) utf8::next(t, j);
      };
      skip_kind(i, k);
      if (k == text::CharKind::digit && kind_at(i) == text::CharKind::dot) {
        std::size_t after = i;
        utf8::next(t, after);
        if (kind_at(after) == text::CharKind::digit) {
          i = after;
          skip_kind(i, k);
        }
      }
      want_numbers.emplace_back(start, i, k == text::CharKind::digit);
    }
    for (const NumberRun& n : ct.numbers()) got_numbers.emplace_back(n.begin, n.end, n.arabic);
    CHECK(got_numbers == want_numbers);
  }
}

}  // namespace

TEST_CASE("the clause text: runs of plain characters find the same hits and numbers as a plain reading") {
  REQUIRE(Lexicon::builtin().matcher().dense());
  check_plain_runs_against_plain_reading(Lexicon::builtin(), {});
}

TEST_CASE("the clause text: with a lexicon too large for a dense table, plain runs read the same") {
  // A user's data may hold so many words that the matcher keeps its trie:
  // 1,200 one-character block phrases (CJK ideographs from 丁) make
  // nodes × characters pass the dense limit.
  const std::string dir = testing::temp_path("sparse-lexicon");
  std::filesystem::create_directories(dir);
  std::string rows = "phrase\trole\tform\texample\n";
  std::vector<std::string> added;
  for (char32_t c = 0x4E01; c < 0x4E01 + 1200; ++c) {
    std::string w;
    utf8::append(w, c);
    rows += w + "\tnone\tblock\t\n";
    if (c % 97 == 0) added.push_back(w);
  }
  {
    std::ofstream f(dir + "/roles.tsv", std::ios::binary);
    f << rows;
  }
  auto lex = Lexicon::with_overlay(dir);
  REQUIRE(lex.ok());
  REQUIRE_FALSE(lex.value().matcher().dense());
  check_plain_runs_against_plain_reading(lex.value(), added);
}

TEST_CASE("an OCR slip is read as the word meant — spans still point at what is written") {
  const std::string text = "（市场监管总局、国家邮政局按职责分工负-责）";
  const ClauseText ct(text, Lexicon::builtin());
  auto units = find_units(ct);
  REQUIRE(units.size() == 2);
  CHECK(units[1].name == "国家邮政局");
  CHECK(text.substr(units[1].at.begin, units[1].at.end - units[1].at.begin) == "国家邮政局");
}

TEST_CASE("records carry spans: units, targets and deadlines point into their clause's text") {
  auto r = extract::analyze(testing::doc(
      "一、任务\n（一）培育企业200家以上。市商务局、市财政局按职责分工负责。（完成时限：2025年底）\n"));
  const Clause* c = nullptr;
  for (const Clause& k : r.clauses)
    if (k.id == "一/（一）") c = &k;
  REQUIRE(c);
  auto at = [&](const Span& s) { return c->text.substr(s.begin, s.end - s.begin); };
  REQUIRE(c->units.size() == 2);
  CHECK(at(c->units[0].at) == "市商务局");
  CHECK(at(c->units[1].at) == "市财政局");
  // The sentence that only says who brings along the task before it.
  CHECK(at(c->units[0].sentence) == "（一）培育企业200家以上。市商务局、市财政局按职责分工负责。（完成时限：2025年底）");
  REQUIRE(c->targets.size() == 1);
  CHECK(at(c->targets[0].at) == "200家以上");
  CHECK(c->targets[0].year == 2025);
  REQUIRE(c->deadlines.size() == 1);
  CHECK(at(c->deadlines[0].at) == "完成时限：2025年底");
}

TEST_CASE("a word set: occurs_in is starts at every character, ends_with_char a quick no before ends") {
  lexicon::WordSet set;
  for (const char* w : {"和", "以及", "会同", "a", "ab", "\xF0\xA0\x80\x80甲", "局", "监管局", "é"}) set.add(w, 0);
  set.index();
  // Texts made of the words, parts of them, other characters and bytes
  // that are no UTF-8 (a lead byte alone, a continuation byte alone).
  const std::vector<std::string> parts = {"和", "以", "及", "会", "同", "a", "b", "\xF0\xA0\x80\x80", "甲", "局",
                                          "监管", "市", "é", "\xE5", "\x92", "\xFF", " "};
  std::mt19937 rng(11);
  int found = 0;
  for (int n = 0; n < 20000; ++n) {
    std::string s;
    const int len = static_cast<int>(rng() % 8);
    for (int k = 0; k < len; ++k) s += parts[rng() % parts.size()];
    bool expected = false;  // as occurs_in was first written
    for (std::size_t i = 0; i < s.size() && !expected; utf8::next(s, i))
      expected = set.starts(std::string_view(s).substr(i)) != nullptr;
    found += expected;
    INFO(s);
    REQUIRE(set.occurs_in(s) == expected);
    if (set.ends(s)) {
      std::size_t e = s.size();
      REQUIRE(set.ends_with_char(utf8::prev(s, e)));
    }
  }
  CHECK(found > 1000);
  CHECK(found < 19000);
  for (const auto& w : set.all()) {
    std::size_t e = w.text.size();
    CHECK(set.ends_with_char(utf8::prev(w.text, e)));
  }
  CHECK_FALSE(set.ends_with_char(U'市'));
  CHECK_FALSE(set.ends_with_char(U'以'));
  CHECK_FALSE(set.ends_with_char(U'监'));
}

namespace {

// What a word set's queries mean, by plain comparisons over every word in
// its order (longest first, the earlier row first at one length).
struct PlainWords {
  std::vector<lexicon::WordSet::Word> words;
  explicit PlainWords(const lexicon::WordSet& set) : words(set.all()) {
    std::stable_sort(words.begin(), words.end(),
                     [](const auto& a, const auto& b) { return a.text.size() > b.text.size(); });
  }
  std::optional<std::string> find(std::string_view s) const {
    for (const auto& w : words)
      if (s == w.text) return w.text;
    return std::nullopt;
  }
  std::optional<std::string> starts(std::string_view s) const {
    for (const auto& w : words)
      if (s.substr(0, w.text.size()) == w.text) return w.text;
    return std::nullopt;
  }
  std::optional<std::string> ends(std::string_view s) const {
    for (const auto& w : words)
      if (s.size() >= w.text.size() && s.substr(s.size() - w.text.size()) == w.text) return w.text;
    return std::nullopt;
  }
  bool occurs_in(std::string_view s) const {
    for (const auto& w : words)
      if (s.find(w.text) != std::string_view::npos) return true;
    return false;
  }
};

std::optional<std::string> text_of(const lexicon::WordSet::Word* w) {
  return w ? std::optional<std::string>(w->text) : std::nullopt;
}

}  // namespace

TEST_CASE("a word set: the inline quick no and the one-byte checks before a compare answer as plain comparisons do") {
  // A hand-made set with one-, two-, three- (leads E0 and ED too) and
  // four-byte characters, and the builtin name classes.
  lexicon::WordSet hand;
  for (const char* w : {"和", "以及", "a", "ab", "\xF0\xA0\x80\x80甲", "局", "监管局", "é", "\xE0\xA4\x85", "\xED\x9F\xBF",
                        "(牵头)", ")", "乙\xC3\xA9"})
    hand.add(w, 0);
  hand.index();
  std::vector<const lexicon::WordSet*> sets = {&hand};
  for (Class c : {Class::name_suffix, Class::name_whole, Class::name_generic, Class::name_generic_start,
                  Class::name_collective, Class::name_never, Class::name_joiner, Class::name_not, Class::role_mark,
                  Class::name_place_end, Class::name_head})
    sets.push_back(&Lexicon::builtin().words(c));
  std::mt19937 rng(17);
  for (const lexicon::WordSet* set : sets) {
    const PlainWords plain(*set);
    // Texts of the words, pieces of their bytes, other characters, and
    // bytes that are no UTF-8 (a lead alone, a continuation alone, a
    // three-byte lead before ASCII that reads like some word's key).
    std::vector<std::string> parts = {"市", "省", "、", "(", ")", " ", "\xE5", "\x92", "\xFF", "\xE5\x41\x42",
                                      "\xED\xA0\x80", "\xE0\x80\x80", "\xC0\xAF", "\xF0\xA0\x80", "a", "b", "和"};
    for (const auto& w : set->all()) {
      parts.push_back(w.text);
      parts.push_back(w.text.substr(0, w.text.size() - 1));
      parts.push_back(w.text.substr(1));
    }
    int hits = 0;
    for (int n = 0; n < 6000; ++n) {
      std::string s;
      const int len = static_cast<int>(rng() % 5);
      for (int k = 0; k < len; ++k) s += parts[rng() % parts.size()];
      INFO(s);
      REQUIRE(text_of(set->find(s)) == plain.find(s));
      REQUIRE(text_of(set->starts(s)) == plain.starts(s));
      REQUIRE(text_of(set->ends(s)) == plain.ends(s));
      const bool occurs = plain.occurs_in(s);
      REQUIRE(set->occurs_in(s) == occurs);
      hits += occurs;
    }
    CHECK(hits > 600);  // the texts hold words often enough to test both answers
    CHECK(hits < 5900);
  }
}

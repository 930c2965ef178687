// The quick noes split_unit_list takes for speed say no only where the
// plain rule finds nothing.
#include <catch2/catch.hpp>

#include <random>
#include <string>
#include <vector>

#include "policy/extract/unit_names.h"
#include "policy/text/utf8.h"

using namespace policy;
using namespace policy::extract;

namespace {

const lexicon::Lexicon& lex() { return lexicon::Lexicon::builtin(); }

// Texts made of name parts, place ends, head words, ASCII and stray bytes.
std::vector<std::string> generated_texts(std::uint32_t seed, int count) {
  static const std::vector<std::string> parts = {
      "省", "市", "县", "区", "国家", "中共", "全国", "自治区", "国务院", "中央", "广州", "黄陂", "东湖高新",
      "通信管理局", "发改委", "财政局", "人民政府", "办公室", "委员会", "和", "、", "(", ")", "a", "1", " ",
      "等", "相关部门", "\xE5", "\x80", "\xE5\xB8", "\xF0\x9F\x98\x80", "工业", "信息化部", "镇", "旗"};
  std::mt19937 rng(seed);
  std::vector<std::string> out;
  for (int n = 0; n < count; ++n) {
    std::string s;
    const int len = static_cast<int>(rng() % 10);
    for (int k = 0; k < len; ++k) s += parts[rng() % parts.size()];
    out.push_back(s);
  }
  return out;
}

}  // namespace

TEST_CASE("units: a piece said to start no name past byte 6 starts none at any character there") {
  int starts = 0;
  for (const std::string& s : generated_texts(7, 20000)) {
    bool some = false;
    std::size_t i = 0;
    while (i < s.size()) {
      utf8::next(s, i);
      if (i >= 6 && i < s.size() && starts_unit_head(std::string_view(s).substr(i), lex())) some = true;
    }
    starts += some;
    INFO(s);
    if (some) CHECK(detail::may_start_unit_past_6(s, lex()));
  }
  CHECK(starts > 1000);  // the texts hold many such starts
}

TEST_CASE("units: no name kept holds a never-in-name word, however the list writes it") {
  // split_unit_list asks a piece about name_never words only when the
  // list's characters may start one: the words written whole, across a
  // blank or a line break, next to stray bytes, in strict and liberal lists.
  const std::vector<std::string> parts = {"市发改委", "市财政局", "需要", "必 须", "应\n当", "均需", "不再", "、",
                                          "\n", " ", "\xE5", "\x9C", "人民政府", "各区", "市", "均", "需"};
  std::mt19937 rng(11);
  const auto& never = lex().words(lexicon::Class::name_never);
  int kept = 0, asked = 0;
  for (int n = 0; n < 20000; ++n) {
    std::string s;
    const int len = 1 + static_cast<int>(rng() % 8);
    for (int k = 0; k < len; ++k) s += parts[rng() % parts.size()];
    const bool has_never = never.occurs_in(utf8::squash(s));
    asked += has_never;
    for (const ListMode mode : {ListMode::strict, ListMode::liberal})
      for (const std::string& name : split_unit_list(s, mode, lex())) {
        INFO(s << " -> " << name);
        CHECK_FALSE(never.occurs_in(utf8::squash(name)));
        ++kept;
      }
  }
  CHECK(asked > 1000);
  CHECK(kept > 1000);
}

TEST_CASE("units: two whole names joined by a joiner are two names, however the list writes it") {
  // split_unit_list splits at joiners only when the list's characters may
  // start one.
  const std::vector<std::string> names = {"市发改委", "市财政局", "省科技厅", "市场监管总局", "各地方人民政府"};
  const std::vector<std::string> joiners = {"和", "与", "及", "以及", "以 及", "\n和"};
  std::mt19937 rng(13);
  for (int n = 0; n < 2000; ++n) {
    const std::string a = names[rng() % names.size()], b = names[rng() % names.size()];
    const std::string text = a + joiners[rng() % joiners.size()] + b;
    INFO(text);
    CHECK(split_unit_list(text, ListMode::strict, lex()) == std::vector<std::string>{a, b});
  }
}

TEST_CASE("units: a trailing 等 and its generic tail go from a list, however the list writes them") {
  // split_unit_list looks for 等 in a piece, and in a strict list's tail,
  // only when the list holds one.
  const std::vector<std::string> names = {"市发改委", "市财政局", "省科技厅", "市场监管总局"};
  const std::vector<std::string> tails = {"等相关部门", "等有关单位", "等 部门", "等5部门", "等\n单位", "等十一个部门", "等", "等。"};
  std::mt19937 rng(17);
  for (int n = 0; n < 2000; ++n) {
    std::vector<std::string> want;
    std::string text;
    const int count = 1 + static_cast<int>(rng() % 3);
    for (int k = 0; k < count; ++k) {
      want.push_back(names[rng() % names.size()]);
      text += (k ? "、" : "") + want.back();
    }
    text += tails[rng() % tails.size()];
    INFO(text);
    CHECK(split_unit_list(text, ListMode::strict, lex()) == want);
    CHECK(split_unit_list(text, ListMode::liberal, lex()) == want);
  }
}

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

// The quick forms of round four in document numbers, deadlines and targets,
// each held to the plain reading it replaced on many random texts built from
// the characters that reading turns on (and loose bytes, blanks, nothing).
#include <catch2/catch.hpp>

#include <fmt/format.h>

#include <cstdint>
#include <limits>
#include <random>
#include <string>
#include <string_view>
#include <vector>

#include "policy/extract/clause_text.h"
#include "policy/extract/doc_numbers.h"
#include "policy/lexicon/lexicon.h"

using namespace policy;
using namespace policy::extract;

namespace {

const lexicon::Lexicon& lex() { return lexicon::Lexicon::builtin(); }

// A random text of up to n pieces drawn from `pieces`.
std::string random_text(std::mt19937& rng, const std::vector<std::string_view>& pieces, std::size_t n) {
  std::string s;
  const std::size_t count = n ? rng() % (n + 1) : 0;
  for (std::size_t k = 0; k < count; ++k) s += pieces[rng() % pieces.size()];
  return s;
}

}  // namespace

TEST_CASE("doc numbers: a clause without digits then 号 holds neither form, as the search for 号 said") {
  // 号 is E5 8F B7: its halves and a loose B7 make bytes that are none;
  // blanks of every kind RE2's \s knows, and ones it does not (U+3000).
  const std::vector<std::string_view> pieces = {
      "〔", "〕", "[", "]", "【", "】", "(", ")", "（", "）", "〖", "〗", "2021", "19", "20", "51", "1234567", "1.5", ".",
      "号", "令", "第", "国办发", "人民政府", " ", "\t", "\n", "\r", "\f", "\xE3\x80\x80", "２０２２", "１",
      "\xE5\x8F", "\xB7", "\xE5", "a", "、",
      // whole parts of the forms, so that the texts hold some
      "〔2021〕", "[2024]", "(2022)", "51号", "令第", "令(第", "19号)", "第 7 号", "2021〕"};
  std::mt19937 rng(4001);
  int holding = 0, ruled_out = 0;
  for (int round = 0; round < 30000; ++round) {
    const std::string text = random_text(rng, pieces, 14);
    const ClauseText ct(text, lex());
    const std::string_view t = ct.folded();
    bool form = next_order(t, 0).has_value();
    for (std::size_t p = 0; p < t.size() && !form; ++p) form = numbered_at(t, p, t.size()).has_value();
    INFO(text);
    if (form) {
      CHECK(doc_number_scan::digits_then_hao(ct));
      ++holding;
    }
    ruled_out += !doc_number_scan::digits_then_hao(ct) && t.find("号") != std::string_view::npos;
  }
  CHECK(holding > 1000);    // the texts hold numbers often enough
  CHECK(ruled_out > 1000);  // and 号 without one often enough
}

TEST_CASE("doc numbers: the normalized number is what fmt::format wrote") {
  std::mt19937 rng(4002);
  const std::vector<std::string_view> codes = {"", "国办发", "鄂政发", "a", "\xE5", "上海市人民政府令"};
  const std::vector<std::int64_t> edges = {0, 1, 9, 10, 99, 100, 999999, 1000000, -1,
                                           std::numeric_limits<std::int64_t>::max(),
                                           std::numeric_limits<std::int64_t>::min()};
  for (int round = 0; round < 20000; ++round) {
    const std::string_view code = codes[rng() % codes.size()];
    const std::int64_t serial = round < 2000 ? edges[rng() % edges.size()]
                                             : static_cast<std::int64_t>(rng()) * (rng() % 3 ? 1 : 1000003);
    const int year = round % 7 == 0 ? static_cast<int>(rng()) : 1900 + static_cast<int>(rng() % 300);
    INFO(code << " " << year << " " << serial);
    CHECK(doc_number_scan::normalized(code, year, serial) == fmt::format("{}〔{}〕{}号", code, year, serial));
    CHECK(doc_number_scan::normalized(code, std::nullopt, serial) == fmt::format("{}第{}号", code, serial));
  }
}

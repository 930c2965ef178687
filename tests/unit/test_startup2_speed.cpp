// The fast ways the gazetteer and the lexicon are built at start-up, each
// against the plain rule it replaced, on many generated inputs.
#include <catch2/catch.hpp>

#include <cstdint>
#include <string>
#include <utility>
#include <vector>

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

// The quick forms in the number grammar (targets.cpp), each held to the plain
// reading it replaced, on many random texts built from the characters that
// reading turns on.
#include <catch2/catch.hpp>

#include <random>
#include <string>
#include <string_view>
#include <vector>

#include "policy/extract/targets.h"

using namespace policy;
using namespace policy::extract;

namespace {

// A random text of n pieces drawn from `pieces`.
std::string random_text(std::mt19937& rng, const std::vector<std::string_view>& pieces, std::size_t n) {
  std::uniform_int_distribution<std::size_t> pick(0, pieces.size() - 1);
  std::string s;
  for (std::size_t k = 0; k < n; ++k) s += pieces[pick(rng)];
  return s;
}

}  // namespace

TEST_CASE("target window: the sentence starts after the last 。, ; or :, as rfind of each found it") {
  auto plain = [](std::string_view window) {
    for (std::string_view stop : {"。", ";", ":"}) {
      const std::size_t cut = window.rfind(stop);
      if (cut != std::string_view::npos) window = window.substr(cut + stop.size());
    }
    return window;
  };
  // 。 is E3 80 82: 〃 (E3 80 83) shares its first two bytes, and loose
  // bytes make halves of it.
  const std::vector<std::string_view> pieces = {"。", ";", ":", "给予", "〃", "ー", "\x80\x82", "\xE3\x80", "a", " ", "1"};
  std::mt19937 rng(20261201);
  for (int round = 0; round < 20000; ++round) {
    const std::string text = random_text(rng, pieces, rng() % 14);
    // The window may start inside a character, as the last 36 bytes do.
    const std::string_view window = std::string_view(text).substr(text.empty() ? 0 : rng() % text.size());
    INFO(text);
    CHECK(window.substr(target_scan::after_last_stop(window)) == plain(window));
  }
}

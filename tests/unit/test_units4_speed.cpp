// The shortcuts split_unit_list takes for speed give the names the plain
// reading gives.
#include <catch2/catch.hpp>

#include <filesystem>
#include <random>
#include <string>
#include <vector>

#include "policy/extract/unit_names.h"
#include "policy/text/fold.h"

using namespace policy;
using namespace policy::extract;

namespace {

const lexicon::Lexicon& builtin() { return lexicon::Lexicon::builtin(); }

// The built-in tables in an object of their own: split_unit_list keeps no
// answers for it (it is not the built-in lexicon), so it reads every list.
const lexicon::Lexicon& unmemoized() {
  static const lexicon::Lexicon lex = [] {
    const auto dir = std::filesystem::temp_directory_path() / "policy-units4-empty-overlay";
    std::filesystem::create_directories(dir);
    return lexicon::Lexicon::with_overlay(dir.string()).value();
  }();
  return lex;
}

// List texts as written: names, full-width and half-width brackets and
// colons (one folded text, two written ones), separators, blanks, line
// breaks, 等 tails, role marks, stray bytes and cut characters.
std::string random_list(std::mt19937& rng) {
  static const std::vector<std::string> parts = {
      "市发改委", "市财政局", "省科技厅", "市场监管总局", "各地方人民政府", "蔡甸区", "黄陂区", "新洲区人民政府",
      "广东省通信管理局", "广州市通信建设管理办公室", "各市", "州", "县人民政府", "(牵头)", "（牵头）", "(市能源局)",
      "（市能源局）", "、", "，", ",", "；", "。", "\n", " ", "　", "和", "及", "会同", "相关单位", "等", "等相关部门",
      "等5部门", "需要", "：", ":", "\xE5", "\x80", "\xE5\xB8", "\xEF\xBF\xBD", "2024年", "各区", "市", "局", "委"};
  std::string s;
  const int len = static_cast<int>(rng() % 12);
  for (int k = 0; k < len; ++k) s += parts[rng() % parts.size()];
  return s;
}

void check_same(const std::vector<ListedName>& got, const std::vector<ListedName>& want, const std::string& text) {
  INFO(text);
  REQUIRE(got.size() == want.size());
  for (std::size_t k = 0; k < got.size(); ++k) {
    CHECK(got[k].name == want[k].name);
    CHECK(got[k].at.begin == want[k].at.begin);
    CHECK(got[k].at.end == want[k].at.end);
    CHECK(got[k].marked == want[k].marked);
  }
}

}  // namespace

TEST_CASE("units: a list's names depend on its folded text alone, kept or read anew") {
  // split_unit_list keeps what it found in a list by the list's folded
  // text, for the built-in lexicon: the same text at another place, written
  // otherwise (（ for (), in either mode, after the answers were emptied
  // (more lists than it keeps), and ending inside a character, gives what
  // reading it anew gives.
  std::mt19937 rng(23);
  std::vector<std::string> seen;
  int names = 0;
  for (int n = 0; n < 30000; ++n) {
    // A list met before (most of the time), or a new one.
    std::string list = !seen.empty() && rng() % 3 ? seen[rng() % seen.size()] : random_list(rng);
    if (rng() % 50 == 0)  // a very long one
      for (int k = 0; k < 30; ++k) list += "、" + random_list(rng);
    if (seen.size() < 400) seen.push_back(list);
    const std::string before = rng() % 2 ? random_list(rng) : "", after = rng() % 2 ? random_list(rng) : "";
    const std::string original = before + list + after;
    const text::Folded folded(original);
    const std::size_t size = folded.text().size();
    // The list's range: where it was written, or anywhere (a range may cut
    // a character at either end, be empty, or run past the text).
    Range r{folded.to_folded(before.size()), folded.to_folded(before.size() + list.size())};
    if (rng() % 4 == 0) {
      const std::size_t a = rng() % (size + 1), b = rng() % (size + 3);
      r = {std::min(a, b), std::max(a, b)};
    }
    const Written w{original, folded};
    for (const ListMode mode : {ListMode::strict, ListMode::liberal}) {
      const auto want = split_unit_list(w, r, mode, unmemoized());
      check_same(split_unit_list(w, r, mode, builtin()), want, original);
      names += static_cast<int>(want.size());
    }
  }
  CHECK(names > 10000);
}

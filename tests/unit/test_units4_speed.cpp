// The shortcuts split_unit_list takes for speed give the names the plain
// reading gives.
#include <catch2/catch.hpp>

#include <filesystem>
#include <random>
#include <string>
#include <vector>

#include "policy/extract/unit_names.h"
#include "policy/text/fold.h"
#include "policy/text/utf8.h"

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

TEST_CASE("units: a name said to hold no blank's lead byte holds none, at any length") {
  // clean_name copies a name as it is unless may_hold_blank says a byte
  // may start a blank; it reads sixteen bytes at a time.
  const auto blank_lead = [](unsigned char b) {
    return b <= 0x20 || b == 0xC2 || (b >= 0xE0 && b <= 0xE3) || b == 0xEF || b == 0xF0;
  };
  std::mt19937 rng(29);
  // Bytes of names (CJK leads and continuations), ASCII, and every byte.
  const std::vector<unsigned char> usual = {0xE5, 0xB8, 0x82, 0xE5, 0x8F, 0x91, 0xE6, 0x94, 0xB9, 'a', '1', '(', ')'};
  int with_blank = 0;
  for (int n = 0; n < 200000; ++n) {
    const std::size_t len = rng() % 70;
    std::string s;
    for (std::size_t k = 0; k < len; ++k) s += static_cast<char>(usual[rng() % usual.size()]);
    // One byte of any value anywhere (often none): every boundary of the
    // sixteen-byte blocks is tried.
    if (len > 0 && rng() % 2) s[rng() % len] = static_cast<char>(rng() % 256);
    bool plain = false;
    for (const char ch : s) plain |= blank_lead(static_cast<unsigned char>(ch));
    with_blank += plain;
    INFO(n);
    REQUIRE(detail::may_hold_blank(s) == plain);
    // A name cut from a longer text: the bytes after it are not read.
    const std::string padded = s + " ";
    REQUIRE(detail::may_hold_blank(std::string_view(padded).substr(0, s.size())) == plain);
  }
  CHECK(with_blank > 10000);
  for (unsigned b = 0; b < 256; ++b)
    for (std::size_t at : {0u, 5u, 15u, 16u, 17u, 31u, 32u}) {
      std::string s(at + 1 + (b % 20), 'x');
      s[at] = static_cast<char>(b);
      CHECK(detail::may_hold_blank(s) == blank_lead(static_cast<unsigned char>(b)));
    }
}

TEST_CASE("units: a character the list reader takes as an ideograph is read as one and splits nothing") {
  // tokenize (and find_units, splitting a bracket into segments) reads a
  // character under ideograph_at without asking whether it is a bracket, a
  // separator, a line break or a blank, nor whether it is U+FFFD (a stray
  // byte's reading).
  const std::vector<std::string> parts = {"市", "发", "改", "委", "等", "和", "、", "。", "，", "(", ")", "\n", " ",
                                          "\xE3\x80\x80", "\xEF\xBF\xBD", "\xE4\xB8\x80", "\xE9\xBF\xBF", "\xE0\xA0\x80",
                                          "\xED\x9F\xBF", "\xE5", "\x80", "\xE5\xB8", "\xF0\x9F\x98\x80", "a", "\xC2\xA0"};
  std::mt19937 rng(31);
  int taken = 0, refused = 0;
  for (int n = 0; n < 20000; ++n) {
    std::string s;
    const int len = static_cast<int>(rng() % 12);
    for (int k = 0; k < len; ++k) s += parts[rng() % parts.size()];
    // Every byte offset, not only character starts; and the text cut short.
    for (const std::string_view t : {std::string_view(s), std::string_view(s).substr(0, s.size() / 2)}) {
      for (std::size_t i = 0; i < t.size(); ++i) {
        std::size_t j = i;
        const char32_t c = utf8::next_inline(t, j);
        if (!detail::ideograph_at(t, i)) {
          // Every CJK ideograph read whole is taken.
          if (j == i + 3 && c >= 0x4000 && c <= 0x9FFF) FAIL("an ideograph refused at " << i << " of " << s);
          ++refused;
          continue;
        }
        ++taken;
        INFO(s << " at " << i);
        REQUIRE(j == i + 3);
        std::size_t k = i;
        REQUIRE(utf8::next(t, k) == c);
        REQUIRE(k == j);
        REQUIRE(c >= 0x4000);
        REQUIRE(c <= 0x9FFF);
        CHECK_FALSE(utf8::is_space(c));
        CHECK(c != '(');
        CHECK(c != ')');
        CHECK(c != '\n');
        CHECK(c != U'、');
        CHECK(c != U'。');
        CHECK(c != U',');
        CHECK(c != U';');
      }
    }
  }
  CHECK(taken > 10000);
  CHECK(refused > 10000);
}

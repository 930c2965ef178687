// The text stage: UTF-8 helpers, numerals, decoding, line handling, folding.
#include <catch2/catch.hpp>
#include <unicode/normalizer2.h>
#include <unicode/ucnv.h>
#include <unicode/unistr.h>

#include <cerrno>
#include <cstdlib>
#include <cstring>
#include <random>

#include "helpers.h"
#include "policy/core/strings.h"
#include "policy/text/decode.h"
#include "policy/text/document.h"
#include "policy/text/fold.h"
#include "policy/text/numeral.h"
#include "policy/text/read.h"
#include "policy/text/utf8.h"

using namespace policy;
using namespace policy::text;

namespace {

std::string utf16le(const std::u16string& s, bool bom) {
  std::string out;
  if (bom) out += "\xFF\xFE";
  for (char16_t c : s) {
    out.push_back(static_cast<char>(c & 0xFF));
    out.push_back(static_cast<char>(c >> 8));
  }
  return out;
}

std::string utf16be(const std::u16string& s, bool bom) {
  std::string out;
  if (bom) out += "\xFE\xFF";
  for (char16_t c : s) {
    out.push_back(static_cast<char>(c >> 8));
    out.push_back(static_cast<char>(c & 0xFF));
  }
  return out;
}

// A paragraph long enough for every detector, in the register of the corpus.
const char* kParagraph =
    "一、总体要求\n（一）指导思想。以习近平新时代中国特色社会主义思想为指导，"
    "深入贯彻落实《国家标准化发展纲要》，到2025年制定地方标准1200项以上。\n"
    "（牵头单位：省市场监管局；责任单位：省发改委、省科技厅）\n";

}  // namespace

TEST_CASE("Chinese numerals are read with multipliers, 两 and financial forms") {
  CHECK(parse_chinese_integer("二十一") == 21);
  CHECK(parse_chinese_integer("十二") == 12);
  CHECK(parse_chinese_integer("两万") == 20000);
  CHECK(parse_chinese_integer("一千二百") == 1200);
  CHECK(parse_chinese_integer("三十五万七千") == 357000);
  CHECK(parse_chinese_integer("一亿五千万") == 150000000);
  CHECK(parse_chinese_integer("壹仟贰佰") == 1200);
  CHECK(parse_chinese_integer("一万零五") == 10005);
  CHECK(parse_chinese_integer("二〇二五") == 2025);
  CHECK_FALSE(parse_chinese_integer("十分").has_value());
  CHECK_FALSE(parse_chinese_integer("").has_value());
  CHECK(parse_digits("２０２５") == 2025);
  CHECK_FALSE(parse_digits("20a").has_value());
}

TEST_CASE("parse_decimal reads digits to the same double as strtod") {
  CHECK(parse_decimal("1200") == 1200.0);
  CHECK(parse_decimal("1.5") == 1.5);
  CHECK(parse_decimal("0.1") == 0.1);
  CHECK(parse_decimal("007") == 7.0);
  std::mt19937 rng(11);
  for (int n = 0; n < 200000; ++n) {
    // 1 to 24 digits, a point somewhere inside half the time: the fast
    // path (up to 15 digits) and the fallback both.
    const int len = 1 + static_cast<int>(rng() % 24);
    std::string s;
    for (int k = 0; k < len; ++k) s.push_back(static_cast<char>('0' + rng() % 10));
    if (len >= 2 && rng() % 2) s.insert(1 + rng() % (len - 1), 1, '.');
    const double want = std::strtod(s.c_str(), nullptr);
    INFO(s);
    REQUIRE(parse_decimal(s) == want);
  }
}

namespace {

// parse_chinese_integer as it was, decoding into a vector: the one that
// reads into a fixed buffer must agree with it everywhere.
std::optional<std::int64_t> parse_chinese_integer_reference(std::string_view s) {
  std::vector<char32_t> cs;
  std::size_t i = 0;
  while (i < s.size()) cs.push_back(utf8::next(s, i));
  if (cs.empty() || cs.size() > 24) return std::nullopt;
  bool has_multiplier = false;
  for (char32_t c : cs) {
    if (!is_chinese_numeral_char(c)) return std::nullopt;
    if (chinese_multiplier(c)) has_multiplier = true;
  }
  if (!has_multiplier) {
    if (cs.size() > 18) return std::nullopt;
    std::int64_t v = 0;
    for (char32_t c : cs) v = v * 10 + chinese_digit(c);
    return v;
  }
  std::int64_t total = 0, section = 0, digit = -1;
  for (char32_t c : cs) {
    int d = chinese_digit(c);
    if (d >= 0) {
      digit = d;
      continue;
    }
    std::int64_t m = chinese_multiplier(c);
    if (m >= 10000) {
      section += (digit >= 0 ? digit : 0);
      if (section == 0 && total == 0) section = 1;
      if (m == 100000000) {
        if (total + section > 1000000000) return std::nullopt;
        total = (total + section) * m;
      } else {
        total += section * m;
      }
      section = 0;
    } else {
      section += (digit >= 0 ? digit : 1) * m;
    }
    digit = -1;
  }
  if (digit >= 0) section += digit;
  return total + section;
}

}  // namespace

TEST_CASE("parse_chinese_integer without a heap buffer agrees with the vector one") {
  const std::vector<std::string> chars = {"一", "二", "两", "三", "九", "零", "〇", "十", "百", "千",
                                          "万", "亿", "壹", "拾", "萬", "億", "分", "a"};
  std::mt19937 rng(7);
  for (int n = 0; n < 100000; ++n) {
    // Up to 30 characters: past the 24 the parser reads.
    const int len = static_cast<int>(rng() % 31);
    std::string s;
    for (int k = 0; k < len; ++k) s += chars[rng() % (k % 5 == 4 ? chars.size() : chars.size() - 2)];
    INFO(s);
    REQUIRE(parse_chinese_integer(s) == parse_chinese_integer_reference(s));
  }
  CHECK_FALSE(parse_chinese_integer("一二三四五六七八九一二三四五六七八九一二三四五六七").has_value());  // 25
  CHECK(parse_chinese_integer("一二三四五六七八九一二三四五六七八九") == 123456789123456789);  // 18
}

TEST_CASE("UTF-8 helpers trim every kind of blank and validate strictly") {
  CHECK(utf8::trim("\t　 标准 \u3000\n") == "标准");
  CHECK(utf8::squash("a b\t\n　c") == "abc");
  CHECK(utf8::first_invalid("标准") == std::string_view::npos);
  CHECK(utf8::first_invalid("ab\xC0\x80") == 2);      // overlong
  CHECK(utf8::first_invalid("ab\xED\xA0\x80") == 2);  // surrogate
  CHECK(utf8::first_invalid("ab\xE6\xA0") == 2);      // truncated
  CHECK(utf8::length("标准a") == 3);
}

TEST_CASE("utf8 fast paths: squash and trim_right read runs and three-byte blanks") {
  CHECK(utf8::squash("市商务局") == "市商务局");            // no blank: the text as it is
  CHECK(utf8::squash(" 市商务局") == "市商务局");           // a blank first
  CHECK(utf8::squash("市商务局\u3000") == "市商务局");       // an ideographic space last
  CHECK(utf8::squash("市 商\u00A0务\u2003局") == "市商务局");  // NBSP and an em space inside
  CHECK(utf8::trim_right("标准。\u3000\u3000") == "标准。");  // U+3000 is three bytes
  CHECK(utf8::trim_right("标准\u2003 \t") == "标准");
  CHECK(utf8::trim_right("\u3000") == "");
  CHECK(utf8::trim_right("标准\xE3") == "标准\xE3");       // a cut sequence is no blank
  CHECK(utf8::is_space(U'\u3000'));
  CHECK(utf8::is_space(U'\uFEFF'));
  CHECK_FALSE(utf8::is_space(U'标'));
  CHECK_FALSE(utf8::is_space(U'\u3001'));                  // 、
}

TEST_CASE("utf8 trim: the first-byte and last-character shortcuts agree with reading blank by blank") {
  // Every kind of blank, characters sharing first bytes with blanks (。 and
  // U+3000 both start E3 80; ， starts EF like U+FEFF), ideographs, ASCII and
  // bytes that are not UTF-8, drawn at random.
  const std::vector<std::string> pieces = {" ", "\t", "\n", "\u3000", "\u00A0", "\u2003", "\uFEFF", "\u1680", "。",
                                           "，", "标", "a", "\xE3", "\x80", "\xE5\xB8", "\u3001", "\U00020000"};
  auto reference_left = [](std::string_view s) {
    std::size_t i = 0;
    while (i < s.size()) {
      std::size_t j = i;
      if (!utf8::is_space(utf8::next(s, j))) break;
      i = j;
    }
    return s.substr(i);
  };
  auto reference_right = [](std::string_view s) {
    std::size_t i = s.size();
    while (i > 0) {
      std::size_t j = i;
      if (!utf8::is_space(utf8::prev(s, j))) break;
      i = j;
    }
    return s.substr(0, i);
  };
  std::uint32_t seed = 99;
  for (int round = 0; round < 5000; ++round) {
    std::string s;
    for (int k = 0; k < round % 7; ++k) {
      seed = seed * 1103515245 + 12345;
      s += pieces[(seed >> 16) % pieces.size()];
    }
    INFO("round " << round);
    CHECK(utf8::trim_left(s) == reference_left(s));
    CHECK(utf8::trim_right(s) == reference_right(s));
  }
}

TEST_CASE("utf8 next_inline: decodes and advances exactly as next, on random bytes") {
  // Bytes drawn mostly from lead and continuation ranges, so that overlong
  // forms (E0 80..9F), surrogates (ED A0..BF), cut sequences and stray
  // continuation bytes all occur, next to well-formed CJK and ASCII.
  const unsigned char choices[] = {0x41, 0x0A, 0x80, 0x9F, 0xA0, 0xBF, 0xC2, 0xDF, 0xE0, 0xE1, 0xE4,
                                   0xE9, 0xEC, 0xED, 0xEE, 0xEF, 0xF0, 0xF4, 0xF5, 0xFF, 0x8F, 0xB8};
  std::uint32_t seed = 5;
  for (int round = 0; round < 20000; ++round) {
    std::string s;
    for (int k = 0; k < 1 + round % 9; ++k) {
      seed = seed * 1103515245 + 12345;
      s += static_cast<char>(choices[(seed >> 16) % sizeof choices]);
    }
    INFO("round " << round << " bytes " << utf8::escape_invalid(s));
    std::size_t i = 0, j = 0;
    while (i < s.size()) {
      const char32_t a = utf8::next(s, i);
      const char32_t b = utf8::next_inline(s, j);
      REQUIRE(a == b);
      REQUIRE(i == j);
    }
  }
}

TEST_CASE("utf8 same_but_blanks: equal exactly when the squashed texts are equal") {
  const std::vector<std::string> texts = {"", " ", "\u3000", "文件名称", "文件 名称", "文件名称\n", " 文\u3000件名称 ",
                                          "文件名", "文件名称称", "文件名称a", "a文件名称", "文件\t名\u00A0称"};
  for (const auto& a : texts)
    for (const auto& b : texts) {
      INFO(a << " | " << b);
      CHECK(utf8::same_but_blanks(a, b) == (utf8::squash(a) == utf8::squash(b)));
    }
}

TEST_CASE("append_bare_folded gives squash(fold(s)) while it fits, and stops past its limit") {
  const std::vector<std::string> pieces = {"（", "）", "(", "发文字号", "：", ":", " ", "\t", "\u3000", "\u00A0", "１",
                                           "㈠", "文号", "a", "\xE5\x80", "\xFF", "\U00020000", "。", "\n"};
  std::mt19937 rng(77);
  for (int round = 0; round < 5000; ++round) {
    std::string s;
    const int count = static_cast<int>(rng() % 10);
    for (int k = 0; k < count; ++k) s += pieces[rng() % pieces.size()];
    const std::string want = utf8::squash(text::fold(s));
    const std::size_t limit = rng() % 20;
    std::string got = "x";  // appended to, not replaced
    const bool fits = text::append_bare_folded(s, got, limit);
    INFO("s: " << s << ", limit " << limit);
    CHECK(fits == (want.size() + 1 <= limit));
    if (fits) CHECK(got == "x" + want);
    else CHECK(got.size() > limit);
  }
  // A line of megabytes is read no further than the limit (a document saved as one line).
  const std::string line(8 << 20, 'a');
  std::string out;
  CHECK_FALSE(text::append_bare_folded(line, out, 13));
  CHECK(out.size() == 14);
}

TEST_CASE("find_bytes finds what string_view::find finds, at every start") {
  const std::string_view hay = "由市教育局申报，市教育局、市财政局配合。";
  for (std::string_view needle : {"市教育局", "市财政局配合。", "。", "市民政局", "", "由市教育局申报，市教育局、市财政局配合。x"})
    for (std::size_t pos = 0; pos <= hay.size() + 1; ++pos) {
      INFO(needle << " from " << pos);
      CHECK(policy::find_bytes(hay, needle, pos) == hay.find(needle, pos));
    }
}

TEST_CASE("has_char3 says what find() says for a CJK character, in every stretch of a text") {
  // 号 is E5 8F B7; the text holds its lead byte in other characters (年 is
  // E5 B9 B4) and 号 at its very start and end. Every stretch, cut inside
  // characters too.
  const std::string_view text = "号年度国办发〔2021〕51号令第732号";
  for (std::string_view c : {"号", "令", "年", "〔", "市"})
    for (std::size_t b = 0; b <= text.size(); ++b)
      for (std::size_t e = b; e <= text.size(); ++e) {
        const std::string_view s = text.substr(b, e - b);
        INFO(c << " in [" << b << ", " << e << ")");
        CHECK(policy::has_char3(s, c) == (s.find(c) != std::string_view::npos));
      }
}

TEST_CASE("decode: UTF-8 with and without BOM") {
  auto plain = decode(kParagraph);
  REQUIRE(plain);
  CHECK(plain.value().encoding == "UTF-8");
  CHECK(plain.value().text == kParagraph);

  auto bom = decode(std::string("\xEF\xBB\xBF") + kParagraph);
  REQUIRE(bom);
  CHECK(bom.value().encoding == "UTF-8-BOM");
  CHECK(bom.value().text == kParagraph);
}

TEST_CASE("decode: UTF-16 LE and BE, with BOM and without") {
  const std::u16string text = u"一、总体要求\n到2025年，制定地方标准1200项以上。\n";
  const std::string want = "一、总体要求\n到2025年，制定地方标准1200项以上。\n";
  for (bool bom : {true, false}) {
    auto le = decode(utf16le(text, bom));
    REQUIRE(le);
    CHECK(le.value().encoding == "UTF-16LE");
    CHECK(le.value().text == want);
    auto be = decode(utf16be(text, bom));
    REQUIRE(be);
    CHECK(be.value().encoding == "UTF-16BE");
    CHECK(be.value().text == want);
  }
}

TEST_CASE("decode: GB18030 is detected, GBK can be forced") {
  // Encode the paragraph to GB18030 with ICU through a round trip.
  auto encoded = [](const std::string& utf8) {
    UErrorCode st = U_ZERO_ERROR;
    std::string out(utf8.size() * 2 + 16, '\0');
    int32_t n = ucnv_convert("GB18030", "UTF-8", out.data(), static_cast<int32_t>(out.size()),
                             utf8.data(), static_cast<int32_t>(utf8.size()), &st);
    out.resize(n);
    return out;
  };
  std::string bytes = encoded(kParagraph);
  REQUIRE(bytes != kParagraph);
  auto d = decode(bytes);
  REQUIRE(d);
  CHECK(d.value().encoding == "GB18030");
  CHECK(d.value().text == kParagraph);
  auto forced = decode(bytes, "GBK");
  REQUIRE(forced);
  CHECK(forced.value().encoding == "GBK");
  CHECK(forced.value().text == kParagraph);
}

TEST_CASE("decode: bad bytes give the byte offset, binary is refused") {
  std::string doc = std::string(kParagraph) + "\xFF\xFE\xFD" + kParagraph;
  auto bad = decode(doc);
  REQUIRE_FALSE(bad);
  CHECK(bad.error().where == Error::Where::byte);
  CHECK(bad.error().position == std::string(kParagraph).size());
  CHECK(bad.error().message.find("UTF-8") != std::string::npos);

  std::string elf("\x7F" "ELF\x02\x01\x01\0\0\0\0\0\0\0\0\0\x03\0\x3E\0", 20);
  auto bin = decode(elf);
  REQUIRE_FALSE(bin);
  CHECK(bin.error().position == 7);  // the first NUL
  CHECK(bin.error().message.find("binary") != std::string::npos);

  auto forced = decode("abc\xFF", "UTF-8");
  REQUIRE_FALSE(forced);
  CHECK(forced.error().position == 3);

  auto unknown = decode("abc", "NO-SUCH-ENCODING");
  REQUIRE_FALSE(unknown);
}

TEST_CASE("decode: an empty file is an empty UTF-8 document") {
  auto d = decode("");
  REQUIRE(d);
  CHECK(d.value().text.empty());
}

TEST_CASE("Document: CRLF, LF, lone CR all end one line — lines are 1-based") {
  Document d("t", "UTF-8", "一\r\n二\n三\r四\r\n\r\n五");
  REQUIRE(d.line_count() == 6);
  CHECK(d.line(1) == "一");
  CHECK(d.line(2) == "二");
  CHECK(d.line(3) == "三");
  CHECK(d.line(4) == "四");
  CHECK(d.line(5).empty());
  CHECK(d.line(6) == "五");
  CHECK(d.text() == "一\n二\n三\n四\n\n五");
  CHECK(d.line_of(0) == 1);
  CHECK(d.line_of(d.line_begin(3)) == 3);
  CHECK(d.line_of(d.text().size()) == 6);
  Document trailing("t", "UTF-8", "a\nb\n");
  CHECK(trailing.line_count() == 2);
}

TEST_CASE("Folded view: full-width forms fold to ASCII and map back") {
  const std::string original = "（一）到２０２５年达到９５％以上：〔2021〕";
  Folded f(original);
  CHECK(f.text() == "(一)到2025年达到95%以上:〔2021〕");
  std::size_t folded_pos = f.text().find("2025");
  std::size_t orig_pos = f.to_original(folded_pos);
  CHECK(original.substr(orig_pos, 3) == "２");
  CHECK(f.to_folded(orig_pos) == folded_pos);
  CHECK(fold("﹒　１．") == ". 1.");
}

TEST_CASE("Folded view: ideographs are passed over whole, what folds between them is found") {
  // E4–E9 lead bytes (the CJK ideographs) never fold; the full-width forms,
  // 〇 and U+3000 (lead E3, EF) around and between them do.
  const std::string original = "市商务局（牵头）　二〇二五年达到１０％";
  Folded f(original);
  CHECK(f.text() == "市商务局(牵头) 二〇二五年达到10%");
  CHECK(fold(original) == f.text());
  const std::size_t pct = f.text().find('%');
  CHECK(original.substr(f.to_original(pct), 3) == "％");
  CHECK(fold("标准化工作") == "标准化工作");
  CHECK(fold("") == "");
}

TEST_CASE("the fold table agrees with ICU NFKC on every BMP code point") {
  // Each code point folded on its own, as ICU's NFKC normalizes it alone
  // (U+3000 to a plain space); fold, Folded, fold_single and folding_bits all
  // say the same, the quick skip of whole lead bytes included.
  UErrorCode st = U_ZERO_ERROR;
  const icu::Normalizer2* nfkc = icu::Normalizer2::getNFKCInstance(st);
  REQUIRE(U_SUCCESS(st));
  const std::uint64_t* bits = folding_bits();
  std::size_t folding = 0;
  for (char32_t c = 0; c < 0x10000; ++c) {
    if (c >= 0xD800 && c <= 0xDFFF) continue;
    std::string written;
    utf8::append(written, c);
    icu::UnicodeString in(static_cast<UChar32>(c)), out;
    st = U_ZERO_ERROR;
    nfkc->normalize(in, out, st);
    REQUIRE(U_SUCCESS(st));
    std::string expected;
    if (c == 0x3000) expected = " ";
    else if (c < 0x80 || out == in) expected = written;
    else out.toUTF8String(expected);
    const bool folds = expected != written;
    folding += folds;
    INFO("U+" << std::hex << static_cast<unsigned>(c));
    std::string by_code_point;
    CHECK(fold_code_point(c, by_code_point) == folds);
    CHECK(by_code_point == (folds ? expected : ""));
    CHECK(static_cast<bool>((bits[c >> 6] >> (c & 63)) & 1) == folds);
    CHECK(fold("a" + written + "市") == "a" + expected + "市");
    CHECK(Folded(written + "z").text() == expected + "z");
    std::size_t i = 0;
    const char32_t first = utf8::next(expected, i);
    CHECK(fold_single(c) == (i == expected.size() ? first : c));
  }
  CHECK(folding > 2000);  // full-width forms, circled numbers, compatibility ideographs…
}

TEST_CASE("Folded view: a reader that folds as it goes builds the same view, and reads the folded text's code points at their offsets") {
  // Full-width forms, expansions (㈠ -> "(一)"), U+3000, ideographs, a
  // character above the BMP and bytes that are not UTF-8, in random order.
  const std::vector<std::string> pieces = {"市", "（", "）", "１", "．", "㈠", "\u3000", "a", "5", "\U00020000",
                                           "\xFF", "\xE5\xB8", "％", "①", "\n", "。"};
  const std::uint64_t* folds = folding_bits();
  std::uint32_t seed = 7;
  for (int round = 0; round < 200; ++round) {
    std::string original;
    for (int k = 0; k < 1 + round % 23; ++k) {
      seed = seed * 1103515245 + 12345;
      original += pieces[(seed >> 16) % pieces.size()];
    }
    INFO("round " << round);
    // The loop ClauseText runs: each character either folds to itself or is
    // handed to fold() and read back from the folded text.
    std::string read;
    std::size_t expected_begin = 0;
    bool contiguous = true;
    auto on_char = [&](char32_t c, std::size_t begin, std::size_t end) {
      contiguous &= begin == expected_begin && end > begin;
      expected_begin = end;
      utf8::append(read, c);
    };
    Folded reading;
    Folded::Builder b(reading, original);
    for (std::size_t i = 0; i < original.size();) {
      const std::size_t start = i;
      const char32_t c = utf8::next(original, i);
      if (c < 0x10000 && ((folds[c >> 6] >> (c & 63)) & 1)) {
        for (std::size_t k = b.fold(c, start, i); k < b.text().size();) {
          const std::size_t at = k;
          const char32_t f = utf8::next(b.text(), k);
          on_char(f, at, k);
        }
      } else {
        on_char(c, b.folded(start), b.folded(i));
      }
    }
    b.finish();
    const Folded plain(original);
    CHECK(reading.text() == plain.text());
    CHECK(contiguous);
    CHECK(expected_begin == plain.text().size());
    // Code points as decoded from the folded text (an invalid byte reads as U+FFFD).
    std::string decoded;
    for (std::size_t i = 0; i < plain.text().size();) utf8::append(decoded, utf8::next(plain.text(), i));
    CHECK(read == decoded);
    for (std::size_t off = 0; off <= plain.text().size(); ++off) {
      CHECK(reading.to_original(off) == plain.to_original(off));
      CHECK(reading.to_original(off, true) == plain.to_original(off, true));
    }
    for (std::size_t off = 0; off <= original.size(); ++off) CHECK(reading.to_folded(off) == plain.to_folded(off));
  }
}

// ---------------------------------------------------------------- issue 14

TEST_CASE("read: a read error in the middle of JSON Lines is an error, not the end") {
  // Two lines, then the disk fails (EIO): the reader must say so at line 3.
  std::string data = "{\"id\":1}\n{\"id\":2}\n{\"id\":3";
  std::size_t served = 0;
  LineReader reader(
      [&](char* buf, std::size_t n) -> long {
        if (served >= 18) {
          errno = EIO;
          return -1;
        }
        std::size_t k = std::min<std::size_t>(n, 18 - served);
        std::memcpy(buf, data.data() + served, k);
        served += k;
        return static_cast<long>(k);
      },
      1 << 20);
  std::string line;
  REQUIRE(reader.next(line) == LineReader::Status::line);
  CHECK(line == "{\"id\":1}");
  REQUIRE(reader.next(line) == LineReader::Status::line);
  REQUIRE(reader.next(line) == LineReader::Status::failed);
  CHECK(reader.error().describe() == "line 3: read error: Input/output error; the rest is not read");
  CHECK(reader.next(line) == LineReader::Status::end);
}

TEST_CASE("read: a line past the limit is skipped, the next one read") {
  std::string data = "short\n" + std::string(100, 'x') + "\nnext\n";
  std::size_t pos = 0;
  LineReader reader(
      [&](char* buf, std::size_t n) -> long {
        std::size_t k = std::min<std::size_t>({n, 7, data.size() - pos});  // small reads
        std::memcpy(buf, data.data() + pos, k);
        pos += k;
        return static_cast<long>(k);
      },
      50);
  std::string line;
  REQUIRE(reader.next(line) == LineReader::Status::line);
  REQUIRE(reader.next(line) == LineReader::Status::too_long);
  CHECK(reader.error().describe() == "line 2: a line of 100 bytes, longer than --max-size (50 bytes): skipped");
  REQUIRE(reader.next(line) == LineReader::Status::line);
  CHECK(line == "next");
  CHECK(reader.line_number() == 3);
  CHECK(reader.next(line) == LineReader::Status::end);
}

TEST_CASE("read: sizes for --max-size") {
  CHECK(parse_size("512M") == (512ull << 20));
  CHECK(parse_size("2GiB") == (2ull << 30));
  CHECK(parse_size("100000") == 100000u);
  CHECK(parse_size("1k") == 1024u);
  CHECK_FALSE(parse_size("0"));
  CHECK_FALSE(parse_size("12X"));
  CHECK_FALSE(parse_size("-1"));
  CHECK_FALSE(parse_size("99999999999999999999"));
  CHECK(describe_size(512ull << 20) == "512 MiB");
  CHECK(describe_size(1536) == "1.5 KiB");
}

TEST_CASE("utf8: names not in UTF-8 and control characters made visible") {
  // 政策 in GBK: D5 FE B2 DF.
  CHECK(utf8::escape_invalid("docs/\xD5\xFE\xB2\xDF.txt") == "docs/\\xd5\\xfe\\xb2\\xdf.txt");
  CHECK(utf8::escape_invalid("文件/a.txt") == "文件/a.txt");
  // 文件 in GBK is CE C4 BC FE: C4 BC alone would pass as UTF-8 (ļ).
  CHECK(utf8::escape_invalid("\xCE\xC4\xBC\xFE") == "\\xce\\xc4\\xbc\\xfe");
  CHECK(utf8::visible("a\x1b[2Jb") == "a\\x1b[2Jb");
  CHECK(utf8::visible("a\nb") == "a\\nb");
  CHECK(utf8::visible("a\nb", true) == "a\nb");
  CHECK(utf8::visible("\xC2\x9B" "31m") == "\\u009b31m");
  CHECK(utf8::visible("\xE2\x80\xAE") == "\\u202e");
  CHECK(utf8::visible("标准\xFF") == "标准\\xff");
  CHECK(utf8::visible("标准") == "标准");
}

TEST_CASE("decode: the real place of a break") {
  // BOM-less UTF-16 with an odd length: the last byte, not "byte 0: binary".
  std::string le = utf16le(u"一、总体要求\n（一）到2025年，制定地方标准1200项以上。\n", false) + "x";
  auto d = decode(le);
  REQUIRE_FALSE(d);
  CHECK(d.error().position == le.size() - 1);
  CHECK(d.error().message.find("odd number of bytes") != std::string::npos);
  CHECK(encoding_known("GB18030"));
  CHECK_FALSE(encoding_known("NO-SUCH"));
}

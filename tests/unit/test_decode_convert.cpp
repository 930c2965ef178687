// decode's own readers of GB18030 and UTF-16 against ICU's converters, the
// way convert_to_utf8 used them before (the oracle below): the same text,
// and for bytes the encoding does not allow the same error at the same
// byte. And decode()'s choice between UTF-8, GB18030 and an error against
// the steps it took before (plausibility counted on the converted text,
// the UTF-8 shape counted over all the bytes).
#include <catch2/catch.hpp>

#include <unicode/ucnv.h>
#include <unicode/ucsdet.h>
#include <unicode/ustring.h>

#include <memory>
#include <random>
#include <string>
#include <vector>

#include <fmt/format.h>

#include "helpers.h"
#include "policy/text/decode.h"
#include "policy/text/utf8.h"

using namespace policy;
using namespace policy::text;

namespace {

// convert_to_utf8 as it was: ICU's converter stopping at the first bad
// sequence, ICU's UTF-16 to UTF-8.
Result<std::string> icu_convert(std::string_view bytes, const char* encoding) {
  UErrorCode status = U_ZERO_ERROR;
  UConverter* conv = ucnv_open(encoding, &status);
  if (U_FAILURE(status)) return Error::plain(fmt::format("unknown encoding '{}'", encoding));
  std::unique_ptr<UConverter, void (*)(UConverter*)> closer(conv, ucnv_close);
  ucnv_setToUCallBack(conv, UCNV_TO_U_CALLBACK_STOP, nullptr, nullptr, nullptr, &status);
  std::vector<UChar> units(bytes.size() * 2 + 16);
  UChar* target = units.data();
  const char* src = bytes.data();
  status = U_ZERO_ERROR;
  ucnv_toUnicode(conv, &target, units.data() + units.size(), &src, bytes.data() + bytes.size(), nullptr, true,
                 &status);
  if (U_FAILURE(status)) {
    char bad[32];
    int8_t bad_len = sizeof bad;
    UErrorCode st2 = U_ZERO_ERROR;
    ucnv_getInvalidChars(conv, bad, &bad_len, &st2);
    std::size_t offset = static_cast<std::size_t>(src - bytes.data());
    if (U_SUCCESS(st2) && static_cast<std::size_t>(bad_len) <= offset) offset -= bad_len;
    return Error::at_byte(fmt::format("bytes not valid in {}", encoding), offset);
  }
  const auto n = static_cast<int32_t>(target - units.data());
  std::string out(static_cast<std::size_t>(n) * 3 + 4, '\0');
  int32_t len = 0;
  UErrorCode st3 = U_ZERO_ERROR;
  u_strToUTF8(out.data(), static_cast<int32_t>(out.size()), &len, units.data(), n, &st3);
  if (U_FAILURE(st3)) return Error::at_byte(fmt::format("bytes not valid in {}", encoding), bytes.size());
  out.resize(static_cast<std::size_t>(len));
  return out;
}

// Both say the same: the same text, or the same message at the same byte.
void check_same(const Result<std::string>& got, const Result<std::string>& want) {
  REQUIRE(static_cast<bool>(got) == static_cast<bool>(want));
  if (want) {
    CHECK(got.value() == want.value());
  } else {
    CHECK(got.error().message == want.error().message);
    CHECK(got.error().position == want.error().position);
    CHECK(got.error().where == want.error().where);
  }
}

using testing::hex;

// UTF-8 to GB18030 through ICU.
std::string to_gb18030(std::string_view utf8) {
  UErrorCode st = U_ZERO_ERROR;
  std::string out(utf8.size() * 2 + 16, '\0');
  int32_t n = ucnv_convert("GB18030", "UTF-8", out.data(), static_cast<int32_t>(out.size()), utf8.data(),
                           static_cast<int32_t>(utf8.size()), &st);
  out.resize(static_cast<std::size_t>(n));
  return out;
}

// Random GB18030-ish bytes: mostly ASCII and two-byte characters, some
// four-byte ones (assigned or not), some bytes that start nothing, leads
// with bad trails, and the four-byte BOM; sometimes cut short at the end.
std::string random_gb(std::mt19937& rng) {
  std::string s;
  auto pick = [&](unsigned lo, unsigned hi) { return static_cast<char>(std::uniform_int_distribution<unsigned>(lo, hi)(rng)); };
  const int tokens = std::uniform_int_distribution<int>(0, 40)(rng);
  const int bad_rate = std::uniform_int_distribution<int>(0, 3)(rng) == 0 ? 0 : 30;
  for (int t = 0; t < tokens; ++t) {
    const int kind = std::uniform_int_distribution<int>(0, 99)(rng);
    if (kind < 30) {
      s += pick(0x20, 0x7E);
    } else if (kind < 33) {
      s += "\r\n\t"[kind - 30];
    } else if (kind < 75) {
      s += pick(0x81, 0xFE);
      char trail = pick(0x40, 0xFE);
      s += trail;
    } else if (kind < 82) {
      s += pick(0x81, 0xFE);
      s += pick(0x30, 0x39);
      s += pick(0x81, 0xFE);
      s += pick(0x30, 0x39);
    } else if (kind < 85) {
      s += "\x84\x31\x95\x33";  // U+FEFF
    } else if (kind < 88) {
      s += to_gb18030("😀");
    } else if (kind < 88 + bad_rate / 10) {
      s += "\x80\xFF"[kind % 2];
    } else if (kind < 88 + bad_rate / 5) {
      s += pick(0x81, 0xFE);
      s += pick(0x00, 0x3F);
    } else {
      s += to_gb18030("标准");
    }
  }
  if (!s.empty() && std::uniform_int_distribution<int>(0, 9)(rng) == 0) s.pop_back();
  return s;
}

std::string utf16_bytes(const std::vector<char16_t>& units, bool big_endian) {
  std::string s;
  for (char16_t u : units) {
    const char a = static_cast<char>(u & 0xFF), b = static_cast<char>(u >> 8);
    if (big_endian) s += b, s += a;
    else s += a, s += b;
  }
  return s;
}

}  // namespace

TEST_CASE("GB18030 reading agrees with ICU on every two-byte pair, alone, in text and cut at the end") {
  for (unsigned lead = 0x80; lead <= 0xFF; ++lead) {
    for (unsigned trail = 0; trail <= 0xFF; ++trail) {
      const std::string pair{static_cast<char>(lead), static_cast<char>(trail)};
      for (const std::string& s : {pair, "ab" + pair + "\xB1\xEA" + "cd", "\xD7\xBC" + pair + pair}) {
        INFO(hex(s));
        check_same(convert_to_utf8(s, "GB18030"), icu_convert(s, "GB18030"));
      }
    }
    const std::string cut = "\xB1\xEA" + std::string(1, static_cast<char>(lead));
    INFO(hex(cut));
    check_same(convert_to_utf8(cut, "GB18030"), icu_convert(cut, "GB18030"));
  }
}

TEST_CASE("GB18030 reading agrees with ICU on random text with four-byte characters and bad bytes") {
  std::mt19937 rng(20261130);
  for (int k = 0; k < 20000; ++k) {
    const std::string s = random_gb(rng);
    INFO(hex(s));
    check_same(convert_to_utf8(s, "GB18030"), icu_convert(s, "GB18030"));
    check_same(convert_to_utf8(s, "gb18030"), icu_convert(s, "gb18030"));
  }
}

TEST_CASE("GB18030 reading agrees with ICU on four-byte sequences across their whole range") {
  std::mt19937 rng(7);
  for (int k = 0; k < 20000; ++k) {
    std::string s = "\xB1\xEA";
    for (int b = 0; b < 4; ++b) {
      const bool digit = b % 2 == 1;
      s += static_cast<char>(std::uniform_int_distribution<unsigned>(digit ? 0x30 : 0x81, digit ? 0x39 : 0xFE)(rng));
    }
    s += "a";
    INFO(hex(s));
    check_same(convert_to_utf8(s, "GB18030"), icu_convert(s, "GB18030"));
  }
}

TEST_CASE("UTF-16 reading agrees with ICU on random units with lone surrogates, NULs, BOMs and odd lengths") {
  std::mt19937 rng(16);
  for (int k = 0; k < 30000; ++k) {
    std::vector<char16_t> units;
    const int n = std::uniform_int_distribution<int>(0, 30)(rng);
    const bool clean = k % 2 == 0;
    for (int i = 0; i < n; ++i) {
      const int kind = std::uniform_int_distribution<int>(0, 99)(rng);
      if (kind < 30) units.push_back(static_cast<char16_t>(std::uniform_int_distribution<int>(0, 0x7F)(rng)));
      else if (kind < 40) units.push_back(static_cast<char16_t>(std::uniform_int_distribution<int>(0x80, 0x7FF)(rng)));
      else if (kind < 80) units.push_back(static_cast<char16_t>(std::uniform_int_distribution<int>(0x800, 0xD7FF)(rng)));
      else if (kind < 88) units.push_back(static_cast<char16_t>(std::uniform_int_distribution<int>(0xE000, 0xFFFF)(rng)));
      else if (kind < 92) units.push_back(0xFEFF);
      else if (kind < 97 || clean) {
        units.push_back(static_cast<char16_t>(std::uniform_int_distribution<int>(0xD800, 0xDBFF)(rng)));
        units.push_back(static_cast<char16_t>(std::uniform_int_distribution<int>(0xDC00, 0xDFFF)(rng)));
      } else {
        units.push_back(static_cast<char16_t>(std::uniform_int_distribution<int>(0xD800, 0xDFFF)(rng)));
      }
    }
    for (bool be : {false, true}) {
      std::string s = utf16_bytes(units, be);
      if (!clean && k % 3 == 0) s += 'x';  // an odd last byte
      INFO(hex(s));
      check_same(convert_to_utf8(s, be ? "UTF-16BE" : "UTF-16LE"), icu_convert(s, be ? "UTF-16BE" : "UTF-16LE"));
      check_same(convert_to_utf8(s, be ? "utf-16be" : "utf-16le"), icu_convert(s, be ? "utf-16be" : "utf-16le"));
      const std::string bom = (be ? std::string("\xFE\xFF") : std::string("\xFF\xFE")) + s;
      check_same(convert_to_utf8(bom, "UTF-16"), icu_convert(bom, "UTF-16"));
      check_same(convert_to_utf8(s, "UTF-16"), icu_convert(s, "UTF-16"));
    }
  }
}

namespace {

// decode()'s steps for bytes with no BOM and no NUL, as they were.
double reference_plausibility(std::string_view t) {
  std::size_t good = 0, total = 0, i = 0;
  while (i < t.size() && total < 200000) {
    char32_t c = utf8::next(t, i);
    ++total;
    if ((c >= 0x20 && c < 0x7F) || c == '\n' || c == '\r' || c == '\t' || utf8::is_han(c) ||
        (c >= 0x3000 && c <= 0x303F) || (c >= 0xFF00 && c <= 0xFFEF) || (c >= 0x2010 && c <= 0x2027) ||
        (c >= 0x2460 && c <= 0x24FF) || c == 0xFEFF || (c >= 0x2160 && c <= 0x217F) ||
        (c >= 0xFE30 && c <= 0xFE6F) || c == 0xB7 || c == 0xD7)
      ++good;
  }
  return total ? static_cast<double>(good) / static_cast<double>(total) : 1.0;
}

Result<Decoded> reference_decode(const std::string& bytes) {
  const std::size_t bad = utf8::first_invalid(bytes);
  if (bad == std::string::npos) return Decoded{bytes, "UTF-8"};
  std::size_t multibyte = 0, stray = 0, i = 0;
  while (i < bytes.size()) {
    if (static_cast<unsigned char>(bytes[i]) < 0x80) {
      ++i;
    } else if (const std::size_t len = utf8::valid_sequence_length(bytes, i)) {
      ++multibyte;
      i += len;
    } else {
      ++stray;
      ++i;
    }
  }
  if (multibyte >= 8 && multibyte >= 4 * stray) return Error::at_byte("invalid UTF-8", bad);
  auto finish = [](std::string text, std::string enc) -> Result<Decoded> {
    if (text.rfind("\xEF\xBB\xBF", 0) == 0) text.erase(0, 3);
    return Decoded{std::move(text), std::move(enc)};
  };
  auto gb = icu_convert(bytes, "GB18030");
  if (gb && reference_plausibility(gb.value()) > 0.9) return finish(gb.value(), "GB18030");
  if (bytes.size() >= 200) {
    UErrorCode status = U_ZERO_ERROR;
    UCharsetDetector* det = ucsdet_open(&status);
    ucsdet_setText(det, bytes.data(), static_cast<int32_t>(bytes.size()), &status);
    const UCharsetMatch* match = ucsdet_detect(det, &status);
    if (U_SUCCESS(status) && match) {
      int32_t confidence = ucsdet_getConfidence(match, &status);
      const char* name = ucsdet_getName(match, &status);
      if (U_SUCCESS(status) && confidence >= 60 && name) {
        auto r = icu_convert(bytes, name);
        if (r && reference_plausibility(r.value()) > 0.9) {
          std::string n = name;
          ucsdet_close(det);
          return finish(r.value(), n);
        }
      }
    }
    ucsdet_close(det);
  }
  if (!gb) {
    if (bad >= gb.error().position)
      return Error::at_byte(
          "invalid UTF-8 (the bytes before it are UTF-8; mixed encodings? name one with --encoding)", bad);
    return Error::at_byte("not UTF-8 and not GB18030; name the encoding with --encoding", gb.error().position);
  }
  return Error::at_byte("binary data or an unknown encoding; name it with --encoding", bad);
}

// decode() gives what the old steps gave: the same encoding and text, or the
// same error at the same place.
void check_decodes_as_reference(const std::string& s) {
  auto got = decode(s);
  auto want = reference_decode(s);
  REQUIRE(static_cast<bool>(got) == static_cast<bool>(want));
  if (want) {
    CHECK(got.value().encoding == want.value().encoding);
    CHECK(got.value().text == want.value().text);
  } else {
    CHECK(got.error().message == want.error().message);
    CHECK(got.error().position == want.error().position);
  }
}

}  // namespace

TEST_CASE("decode chooses UTF-8, GB18030 or an error as its earlier steps did, on mixed and damaged text") {
  // UTF-8 and GB18030 stretches, GB18030 with mojibake-like pairs, stray
  // high bytes: around every threshold (8 sequences, 4 to a stray byte,
  // plausibility 0.9).
  std::mt19937 rng(42);
  const std::vector<std::string> utf8_bits = {"标准", "，", "a", "2025年", "é", "😀", "\n", "一、", "（三）"};
  for (int k = 0; k < 6000; ++k) {
    std::string s;
    const int parts = std::uniform_int_distribution<int>(1, 30)(rng);
    const int mode = k % 4;  // 0 mostly UTF-8, 1 mostly GB, 2 GB junk, 3 mixed
    for (int p = 0; p < parts; ++p) {
      const int r = std::uniform_int_distribution<int>(0, 99)(rng);
      const std::string& u = utf8_bits[static_cast<std::size_t>(r) % utf8_bits.size()];
      if (mode == 0) s += r < 95 ? u : std::string(1, static_cast<char>(0x80 + r));
      else if (mode == 1) s += r < 90 ? to_gb18030(u) : u;
      else if (mode == 2) s += r < 60 ? to_gb18030(u) : random_gb(rng).substr(0, 6);
      else s += r < 50 ? u : to_gb18030(u);
    }
    if (s.find('\0') != std::string::npos || s.rfind("\xEF\xBB\xBF", 0) == 0 || s.rfind("\xFF\xFE", 0) == 0 ||
        s.rfind("\xFE\xFF", 0) == 0)
      continue;
    INFO(hex(s));
    check_decodes_as_reference(s);
  }
}

TEST_CASE("decode counts GB18030's plausibility over the first 200,000 characters only, as before") {
  // Greek letters (GB2312 A6A1..) are not plausible in a policy text.
  const std::string han = to_gb18030("标准化"), greek = to_gb18030("Α");
  for (const std::size_t plausible_first : {std::size_t{199990}, std::size_t{200000}, std::size_t{200010}}) {
    // Plausible up to about the limit, then 30% Greek: read only over the limit, still GB18030.
    std::string a;
    for (std::size_t k = 0; k < plausible_first / 3; ++k) a += han;
    for (std::size_t k = 0; k < 90000; ++k) a += greek;
    // 15% Greek first, then a long plausible stretch: implausible as read.
    std::string b;
    for (std::size_t k = 0; k < 30000; ++k) b += greek;
    for (std::size_t k = 0; k < plausible_first / 3; ++k) b += han + "a";
    for (const std::string* s : {&a, &b}) {
      check_decodes_as_reference(*s);
    }
  }
}

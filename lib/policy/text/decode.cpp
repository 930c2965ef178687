#include "policy/text/decode.h"

#include <unicode/ucnv.h>
#include <unicode/ucsdet.h>
#include <unicode/ustring.h>

#include <strings.h>

#include <algorithm>
#include <cstdint>
#include <cstring>
#include <memory>
#include <optional>
#include <utility>
#include <vector>

#include <fmt/format.h>

#include "policy/core/strings.h"
#include "policy/text/utf8.h"

namespace policy::text {

namespace {

struct ConverterCloser {
  void operator()(UConverter* c) const { ucnv_close(c); }
};
struct DetectorCloser {
  void operator()(UCharsetDetector* d) const { ucsdet_close(d); }
};


// Whether a policy document plausibly holds this code point: ideographs, CJK
// and full-width punctuation, ASCII text. Mojibake holds few.
inline bool plausible(char32_t c) {
  return (c >= 0x20 && c < 0x7F) || c == '\n' || c == '\r' || c == '\t' || utf8::is_han(c) ||
         (c >= 0x3000 && c <= 0x303F) || (c >= 0xFF00 && c <= 0xFFEF) || (c >= 0x2010 && c <= 0x2027) ||
         (c >= 0x2460 && c <= 0x24FF) || c == 0xFEFF || (c >= 0x2160 && c <= 0x217F) ||
         (c >= 0xFE30 && c <= 0xFE6F) || c == 0xB7 || c == 0xD7;
}

// Plausible code points among the first kPlausibilityLimit of a text.
constexpr std::size_t kPlausibilityLimit = 200000;
struct Plausibility {
  std::size_t good = 0, total = 0;
  double score() const { return total ? static_cast<double>(good) / static_cast<double>(total) : 1.0; }
};

Plausibility plausibility_of(std::string_view utf8_text) {
  Plausibility p;
  std::size_t i = 0;
  while (i < utf8_text.size() && p.total < kPlausibilityLimit) {
    ++p.total;
    p.good += plausible(utf8::next(utf8_text, i));
  }
  return p;
}

// Share of code points a policy document plausibly holds. Mojibake scores low.
double plausibility(std::string_view utf8_text) { return plausibility_of(utf8_text).score(); }

// Whether the bytes (not valid UTF-8) are mostly well-formed UTF-8 with a
// damaged stretch rather than some other encoding: at least 8 well-formed
// multi-byte sequences, and at least 4 for each stray high byte. Stops as
// soon as the answer is known: the rest of the bytes can add at most one
// sequence for every two of them, so once even that cannot reach 4 a stray
// byte (or 8), the answer is no (GB18030 text gets there within its first
// quarter or so, rather than being walked to its end).
bool mostly_utf8(std::string_view s) {
  std::size_t multibyte = 0, stray = 0;
  const std::size_t n = s.size();
  std::size_t i = 0;
  while (i < n) {
    if (static_cast<unsigned char>(s[i]) < 0x80) {
      ++i;
      continue;
    }
    // One well-formed sequence at i, or a stray byte. No sequence starts
    // with 80..C1 or F5..FF, and C2..DF with a continuation is one (GBK's
    // lead bytes are mostly these): only the longer ones are asked about.
    const unsigned b = static_cast<unsigned char>(s[i]);
    std::size_t len = 0;
    if (b >= 0xC2 && b <= 0xF4) {
      if (b >= 0xE0) len = utf8::valid_sequence_length(s, i);
      else if (i + 1 < n && (static_cast<unsigned char>(s[i + 1]) & 0xC0) == 0x80) len = 2;
    }
    if (len) {
      ++multibyte;
      i += len;
    } else {
      ++stray;
      ++i;
      const std::size_t most = multibyte + (n - i) / 2;
      if (most < 8 || most < 4 * stray) return false;
    }
  }
  return multibyte >= 8 && multibyte >= 4 * stray;
}

Result<Decoded> finish(std::string text, std::string encoding) {
  // U+FEFF at the start is a BOM the converter kept.
  if (starts_with(text, "\xEF\xBB\xBF")) text.erase(0, 3);
  return Decoded{std::move(text), std::move(encoding)};
}

// UTF-16 without a BOM shows as NUL bytes: ASCII characters (digits, line
// ends) carry a zero high byte. Both byte orders are tried; the one that reads
// as plausible text wins. When the winner breaks off (an odd number of bytes,
// a lone surrogate) the error names that place rather than the first NUL.
struct Utf16Guess {
  std::optional<Decoded> text;
  std::optional<Error> error;
};

Utf16Guess utf16_without_bom(std::string_view bytes) {
  Utf16Guess best;
  if (bytes.size() < 4) return best;
  const bool odd = bytes.size() % 2 != 0;
  const std::string_view even = bytes.substr(0, bytes.size() - (odd ? 1 : 0));
  double best_score = 0.9;
  for (const char* name : {"UTF-16LE", "UTF-16BE"}) {
    auto r = convert_to_utf8(even, name);
    std::optional<Error> broken;
    if (!r) {
      // Readable up to the break? Then the break is the news.
      const std::size_t at = r.error().position & ~std::size_t{1};
      if (at < 4) continue;
      broken = Error::at_byte(fmt::format("invalid {} (a text without BOM breaks off here)", name), at);
      r = convert_to_utf8(even.substr(0, at), name);
      if (!r) continue;
    }
    if (r.value().find('\0') != std::string::npos) continue;
    double score = plausibility(r.value());
    if (score <= best_score) continue;
    best_score = score;
    best = {};
    if (broken) {
      best.error = std::move(broken);
    } else if (odd) {
      best.error = Error::at_byte(
          fmt::format("{} text (no BOM) with an odd number of bytes: the last character is cut", name),
          bytes.size() - 1);
    } else {
      best.text = Decoded{std::move(r).value(), name};
    }
  }
  return best;
}

}  // namespace

bool encoding_known(std::string_view name) {
  if (name.empty() || name.find('\0') != std::string_view::npos) return false;
  UErrorCode status = U_ZERO_ERROR;
  std::unique_ptr<UConverter, ConverterCloser> conv(ucnv_open(std::string(name).c_str(), &status));
  return U_SUCCESS(status);
}

namespace {

// What convert_to_utf8 does, all through ICU: every encoding but the ones
// read below, and those too when they meet bytes only ICU should judge.
Result<std::string> convert_with_icu(std::string_view bytes, const char* encoding) {
  UErrorCode status = U_ZERO_ERROR;
  std::unique_ptr<UConverter, ConverterCloser> conv(ucnv_open(encoding, &status));
  if (U_FAILURE(status)) return Error::plain(fmt::format("unknown encoding '{}'", encoding));
  ucnv_setToUCallBack(conv.get(), UCNV_TO_U_CALLBACK_STOP, nullptr, nullptr, nullptr, &status);

  std::string out;
  out.reserve(bytes.size() + bytes.size() / 2);
  std::vector<UChar> buf(1 << 15);
  const char* src = bytes.data();
  const char* const src_begin = bytes.data();
  const char* const src_end = bytes.data() + bytes.size();
  bool flushed = false;
  while (!flushed) {
    UChar* target = buf.data();
    status = U_ZERO_ERROR;
    ucnv_toUnicode(conv.get(), &target, buf.data() + buf.size(), &src, src_end, nullptr, true,
                   &status);
    if (status == U_BUFFER_OVERFLOW_ERROR) {
      status = U_ZERO_ERROR;
    } else if (U_FAILURE(status)) {
      char bad[32];
      int8_t bad_len = sizeof bad;
      UErrorCode st2 = U_ZERO_ERROR;
      ucnv_getInvalidChars(conv.get(), bad, &bad_len, &st2);
      std::size_t offset = static_cast<std::size_t>(src - src_begin);
      if (U_SUCCESS(st2) && static_cast<std::size_t>(bad_len) <= offset) offset -= bad_len;
      return Error::at_byte(fmt::format("bytes not valid in {}", encoding), offset);
    } else {
      flushed = true;
    }
    // UTF-16 units to UTF-8: straight into the room reserved when it holds
    // the most they can take (3 bytes a unit), else measured first.
    const auto units = static_cast<int32_t>(target - buf.data());
    const std::size_t old = out.size();
    int32_t need = 0;
    UErrorCode st3 = U_ZERO_ERROR;
    if (out.capacity() - old >= 3 * static_cast<std::size_t>(units)) {
      need = 3 * units;
    } else {
      u_strToUTF8(nullptr, 0, &need, buf.data(), units, &st3);
      st3 = U_ZERO_ERROR;
    }
    out.resize(old + static_cast<std::size_t>(need));
    u_strToUTF8(out.data() + old, need, &need, buf.data(), units, &st3);
    out.resize(old + static_cast<std::size_t>(need));
    if (U_FAILURE(st3) && st3 != U_STRING_NOT_TERMINATED_WARNING) {
      // A lone surrogate split across buffers is not expected from ICU.
      return Error::at_byte(fmt::format("bytes not valid in {}", encoding),
                            static_cast<std::size_t>(src - src_begin));
    }
  }
  return out;
}

// Writes code point c (a valid one) as UTF-8 at o; returns the end.
inline char* put_utf8(char* o, char32_t c) {
  if (c < 0x80) {
    *o++ = static_cast<char>(c);
  } else if (c < 0x800) {
    *o++ = static_cast<char>(0xC0 | (c >> 6));
    *o++ = static_cast<char>(0x80 | (c & 0x3F));
  } else if (c < 0x10000) {
    *o++ = static_cast<char>(0xE0 | (c >> 12));
    *o++ = static_cast<char>(0x80 | ((c >> 6) & 0x3F));
    *o++ = static_cast<char>(0x80 | (c & 0x3F));
  } else {
    *o++ = static_cast<char>(0xF0 | (c >> 18));
    *o++ = static_cast<char>(0x80 | ((c >> 12) & 0x3F));
    *o++ = static_cast<char>(0x80 | ((c >> 6) & 0x3F));
    *o++ = static_cast<char>(0x80 | (c & 0x3F));
  }
  return o;
}

inline bool same_name(const char* a, const char* b) { return strcasecmp(a, b) == 0; }

// UTF-16 (without BOM) to UTF-8, as ICU reads it when the text is
// well-formed; nullopt when it is not (a lone surrogate, an odd last byte):
// ICU then says where.
std::optional<std::string> utf16_to_utf8(std::string_view bytes, bool big_endian) {
  const auto* p = reinterpret_cast<const unsigned char*>(bytes.data());
  const std::size_t n = bytes.size();
  if (n % 2 != 0) return std::nullopt;
  // Three bytes a unit at most (a surrogate pair: four for two units), and
  // one to spare: a three-byte character is stored four bytes at a time.
  std::string out(n + n / 2 + 1, '\0');
  char* const begin = out.data();
  char* o = begin;
  const unsigned hi = big_endian ? 0 : 1;
  const unsigned lo = 1 - hi;
  std::size_t i = 0;
  while (i < n) {
    const char32_t u = (char32_t(p[i + hi]) << 8) | p[i + lo];
    i += 2;
    if (u < 0x80) {
      *o++ = static_cast<char>(u);
    } else if (u >= 0x800 && (u < 0xD800 || u > 0xDFFF)) {
      // What put_utf8 writes, in one store (the first byte lowest).
      static_assert(__BYTE_ORDER__ == __ORDER_LITTLE_ENDIAN__, "the first byte is stored lowest");
      const std::uint32_t w = (0xE0u | (u >> 12)) | ((0x80u | ((u >> 6) & 0x3F)) << 8) | ((0x80u | (u & 0x3F)) << 16);
      std::memcpy(o, &w, 4);
      o += 3;
    } else if (u < 0xD800 || u > 0xDFFF) {
      o = put_utf8(o, u);
    } else {
      if (u > 0xDBFF || i == n) return std::nullopt;
      const char32_t u2 = (char32_t(p[i + hi]) << 8) | p[i + lo];
      if (u2 < 0xDC00 || u2 > 0xDFFF) return std::nullopt;
      i += 2;
      o = put_utf8(o, 0x10000 + ((u - 0xD800) << 10) + (u2 - 0xDC00));
    }
  }
  out.resize(static_cast<std::size_t>(o - begin));
  return out;
}

inline bool plausible_ascii(unsigned b) { return (b >= 0x20 && b < 0x7F) || b == '\n' || b == '\r' || b == '\t'; }

// GB18030's two-byte characters (lead 81–FE, trail 40–7E or 80–FE), read
// once through ICU: for each pair its UTF-8 (two or three bytes, the first
// in the lowest byte: stored with memcpy, the first byte first on a
// little-endian machine), the length in bits 24–25 and whether it is
// plausible() in bit 31; 0 for a pair ICU does not read as one character of
// the BMP (and for trail 7F).
class Gb18030Pairs {
 public:
  static const Gb18030Pairs& get() {
    static const Gb18030Pairs pairs;
    return pairs;
  }
  // The entry for lead (0x80 or above) and trail, or 0 when they are no
  // pair the table has.
  std::uint32_t at(unsigned lead, unsigned trail) const { return entries_[index(lead, trail)]; }

 private:
  static constexpr unsigned kLeads = 0xFE - 0x81 + 1, kTrails = 0xFE - 0x40 + 1;
  static constexpr std::size_t kPairs = kLeads * kTrails;  // pair k: lead 81 + k / kTrails, trail 40 + k % kTrails
  Gb18030Pairs() : entries_(128 * 256, 0) {
    static_assert(__BYTE_ORDER__ == __ORDER_LITTLE_ENDIAN__, "entries hold UTF-8 bytes first byte lowest");
    if (!read_all_at_once()) read_one_by_one();
  }

  // Indexed by the two bytes as they come: no range test when reading.
  static std::size_t index(unsigned lead, unsigned trail) { return ((lead - 0x80) << 8) | trail; }

  void set(unsigned lead, unsigned trail, char32_t c) {
    if (trail == 0x7F || c < 0x80 || (c >= 0xD800 && c <= 0xDFFF) || c > 0xFFFF) return;
    char bytes[4] = {};
    const auto len = static_cast<std::uint32_t>(put_utf8(bytes, c) - bytes);
    std::uint32_t e;
    std::memcpy(&e, bytes, 4);
    e |= len << 24;
    if (plausible(c)) e |= 0x80000000u;
    entries_[index(lead, trail)] = e;
  }

  // The pairs in one text, read in one go: ICU reads each as one character
  // (GB18030 maps them all: no error, one unit a pair), so the k-th unit is
  // the k-th pair's. False when ICU says otherwise.
  bool read_all_at_once() {
    // Written in place: a push_back a byte cost more than the rest but ICU.
    std::string src(kPairs * 2, '\0');
    char* w = src.data();
    for (unsigned lead = 0x81; lead <= 0xFE; ++lead)
      for (unsigned trail = 0x40; trail <= 0xFE; ++trail)
        if (trail != 0x7F) {
          *w++ = static_cast<char>(lead);
          *w++ = static_cast<char>(trail);
        }
    src.resize(static_cast<std::size_t>(w - src.data()));  // trail 7F is no pair
    UErrorCode status = U_ZERO_ERROR;
    std::unique_ptr<UConverter, ConverterCloser> conv(ucnv_open("GB18030", &status));
    if (U_FAILURE(status)) return false;
    ucnv_setToUCallBack(conv.get(), UCNV_TO_U_CALLBACK_STOP, nullptr, nullptr, nullptr, &status);
    std::vector<UChar> units(src.size() / 2 + 16);
    UChar* target = units.data();
    const char* source = src.data();
    ucnv_toUnicode(conv.get(), &target, units.data() + units.size(), &source, src.data() + src.size(), nullptr,
                   true, &status);
    if (U_FAILURE(status) || static_cast<std::size_t>(target - units.data()) != src.size() / 2) return false;
    const UChar* u = units.data();
    for (unsigned lead = 0x81; lead <= 0xFE; ++lead)
      for (unsigned trail = 0x40; trail <= 0xFE; ++trail)
        if (trail != 0x7F) set(lead, trail, *u++);
    return true;
  }

  // Each pair followed by a space, ICU skipping what it refuses: the
  // offsets say which pair each unit comes from; a pair that gives other
  // than one unit, or has its trail read again, stays out of the table.
  void read_one_by_one() {
    std::fill(entries_.begin(), entries_.end(), 0);
    std::string src;
    src.reserve(kPairs * 3);
    for (unsigned lead = 0x81; lead <= 0xFE; ++lead)
      for (unsigned trail = 0x40; trail <= 0xFE; ++trail) {
        src.push_back(static_cast<char>(lead));
        src.push_back(static_cast<char>(trail == 0x7F ? 0x40 : trail));  // 7F: filler, not kept
        src.push_back(' ');
      }
    UErrorCode status = U_ZERO_ERROR;
    std::unique_ptr<UConverter, ConverterCloser> conv(ucnv_open("GB18030", &status));
    if (U_FAILURE(status)) return;
    ucnv_setToUCallBack(conv.get(), UCNV_TO_U_CALLBACK_SKIP, nullptr, nullptr, nullptr, &status);
    std::vector<UChar> units(src.size() + 16);
    std::vector<int32_t> offsets(units.size());
    UChar* target = units.data();
    const char* source = src.data();
    ucnv_toUnicode(conv.get(), &target, units.data() + units.size(), &source, src.data() + src.size(),
                   offsets.data(), true, &status);
    if (U_FAILURE(status)) return;
    std::vector<std::uint8_t> count(kPairs, 0);
    std::vector<char32_t> unit(kPairs, 0);
    std::vector<bool> broken(kPairs, false);
    const std::size_t made = static_cast<std::size_t>(target - units.data());
    for (std::size_t k = 0; k < made; ++k) {
      if (offsets[k] < 0) return;
      const std::size_t at = static_cast<std::size_t>(offsets[k]) / 3;
      const std::size_t phase = static_cast<std::size_t>(offsets[k]) % 3;
      if (at >= kPairs) return;
      if (phase == 0) {
        if (count[at] < 2) ++count[at];
        unit[at] = units[k];
      } else if (phase == 1) {
        broken[at] = true;
      }
    }
    for (std::size_t k = 0; k < kPairs; ++k)
      if (!broken[k] && count[k] == 1)
        set(0x81 + static_cast<unsigned>(k / kTrails), 0x40 + static_cast<unsigned>(k % kTrails), unit[k]);
  }

  std::vector<std::uint32_t> entries_;  // [index(lead, trail)]
};

// ASCII and two-byte characters from i up to `end` (at most n - 1: a lead
// byte's trail is there to read), stopping early at any other byte. With
// kCount the plausibility is counted: at most end - i characters start
// there, which the caller keeps within the limit.
template <bool kCount>
inline void gb18030_run(const Gb18030Pairs& pairs, const unsigned char* p, std::size_t& i, std::size_t end,
                        char*& o, Plausibility& pl) {
  std::size_t at = i, good = 0, total = 0;
  char* w = o;
  while (at < end) {
    const unsigned b = p[at];
    if (b < 0x80) {
      *w++ = static_cast<char>(b);
      ++at;
      if (kCount) good += plausible_ascii(b);
    } else {
      const std::uint32_t e = pairs.at(b, p[at + 1]);
      if (!e) break;
      std::memcpy(w, &e, 4);
      w += (e >> 24) & 3;
      at += 2;
      if (kCount) good += e >> 31;
    }
    if (kCount) ++total;
  }
  i = at;
  o = w;
  pl.good += good;
  pl.total += total;
}


// GB18030 to UTF-8: the text and the error ICU's converter gives, faster.
// ASCII and the two-byte characters through the table, four-byte ones
// through ICU one at a time; anything else (a byte no character starts
// with, a pair the table lacks, a character cut short at the end) hands the
// whole text to ICU, which says where it breaks. When `score` is given, the
// plausibility of the text is counted on the way.
Result<std::string> gb18030_to_utf8(std::string_view bytes, const char* encoding, Plausibility* score) {
  auto with_icu = [&]() -> Result<std::string> {
    auto r = convert_with_icu(bytes, encoding);
    if (r && score) *score = plausibility_of(r.value());
    return r;
  };
  const Gb18030Pairs& pairs = Gb18030Pairs::get();
  const auto* p = reinterpret_cast<const unsigned char*>(bytes.data());
  const std::size_t n = bytes.size();
  // Three bytes for two at most, four for four; the table's entries are
  // stored four bytes at a time.
  std::string out(n + n / 2 + 8, '\0');
  char* const begin = out.data();
  char* o = begin;
  std::unique_ptr<UConverter, ConverterCloser> conv;  // for four-byte characters
  Plausibility pl;
  std::size_t i = 0;
  while (i < n) {
    // The common characters in bulk, counted while the count is open.
    if (n > 1) {
      if (pl.total < kPlausibilityLimit)
        gb18030_run<true>(pairs, p, i, std::min(n - 1, i + (kPlausibilityLimit - pl.total)), o, pl);
      else
        gb18030_run<false>(pairs, p, i, n - 1, o, pl);
    }
    if (i >= n) break;
    // Then one character: the last byte, where a counted stretch ended, or
    // what the table does not have.
    const unsigned b = p[i];
    bool good;
    if (b < 0x80) {
      *o++ = static_cast<char>(b);
      ++i;
      good = plausible_ascii(b);
    } else if (const std::uint32_t e = i + 1 < n ? pairs.at(b, p[i + 1]) : 0) {
      std::memcpy(o, &e, 4);
      o += (e >> 24) & 3;
      i += 2;
      good = e >> 31;
    } else if (i + 3 < n && b >= 0x81 && b <= 0xFE && p[i + 1] >= 0x30 && p[i + 1] <= 0x39 && p[i + 2] >= 0x81 &&
               p[i + 2] <= 0xFE && p[i + 3] >= 0x30 && p[i + 3] <= 0x39) {
      UErrorCode status = U_ZERO_ERROR;
      if (!conv) {
        conv.reset(ucnv_open("GB18030", &status));
        ucnv_setToUCallBack(conv.get(), UCNV_TO_U_CALLBACK_STOP, nullptr, nullptr, nullptr, &status);
        if (U_FAILURE(status)) return with_icu();
      }
      UChar units[8];
      UChar* target = units;
      const char* source = bytes.data() + i;
      ucnv_toUnicode(conv.get(), &target, units + 8, &source, source + 4, nullptr, true, &status);
      const auto made = target - units;
      char32_t c;
      if (U_FAILURE(status) || source != bytes.data() + i + 4) return with_icu();
      if (made == 1 && (units[0] < 0xD800 || units[0] > 0xDFFF))
        c = units[0];
      else if (made == 2 && units[0] >= 0xD800 && units[0] <= 0xDBFF && units[1] >= 0xDC00 && units[1] <= 0xDFFF)
        c = 0x10000 + ((char32_t(units[0]) - 0xD800) << 10) + (char32_t(units[1]) - 0xDC00);
      else
        return with_icu();
      o = put_utf8(o, c);
      i += 4;
      good = plausible(c);
    } else {
      return with_icu();
    }
    if (pl.total < kPlausibilityLimit) {
      ++pl.total;
      pl.good += good;
    }
  }
  out.resize(static_cast<std::size_t>(o - begin));
  if (score) *score = pl;
  return out;
}

}  // namespace

Result<std::string> convert_to_utf8(std::string_view bytes, const char* encoding) {
  if (same_name(encoding, "GB18030")) return gb18030_to_utf8(bytes, encoding, nullptr);
  const bool le = same_name(encoding, "UTF-16LE"), be = same_name(encoding, "UTF-16BE");
  if (le || be) {
    if (auto r = utf16_to_utf8(bytes, be)) return std::move(*r);
  } else if (same_name(encoding, "UTF-16") && bytes.size() >= 2 &&
             (starts_with(bytes, "\xFF\xFE") || starts_with(bytes, "\xFE\xFF"))) {
    // The converter reads the BOM for the byte order and drops it.
    if (auto r = utf16_to_utf8(bytes.substr(2), bytes[0] == '\xFE')) return std::move(*r);
  }
  return convert_with_icu(bytes, encoding);
}

Result<Decoded> decode(std::string input, std::string_view forced_encoding) {
  // Read through a view; the text that is valid UTF-8 as it stands (the usual
  // case) is `input` itself, moved rather than copied.
  const std::string_view bytes = input;
  if (!forced_encoding.empty()) {
    std::string name(forced_encoding);
    std::string upper = name;
    std::transform(upper.begin(), upper.end(), upper.begin(), ::toupper);
    if (upper == "UTF-8" || upper == "UTF8") {
      const std::size_t bom = starts_with(bytes, "\xEF\xBB\xBF") ? 3 : 0;
      std::size_t bad = utf8::first_invalid(bytes.substr(bom));
      if (bad != std::string_view::npos) return Error::at_byte("invalid UTF-8", bad + bom);
      input.erase(0, bom);
      return finish(std::move(input), "UTF-8");
    }
    auto r = convert_to_utf8(bytes, name.c_str());
    if (!r) return r.error();
    return finish(std::move(r).value(), upper);
  }

  if (starts_with(bytes, "\xEF\xBB\xBF")) {
    std::size_t bad = utf8::first_invalid(bytes.substr(3));
    if (bad != std::string_view::npos) return Error::at_byte("invalid UTF-8", bad + 3);
    input.erase(0, 3);
    return Decoded{std::move(input), "UTF-8-BOM"};
  }
  if (starts_with(bytes, std::string_view("\xFF\xFE\0\0", 4))) {
    auto r = convert_to_utf8(bytes, "UTF-32");
    if (!r) return r.error();
    return finish(std::move(r).value(), "UTF-32LE");
  }
  if (starts_with(bytes, "\xFF\xFE") || starts_with(bytes, "\xFE\xFF")) {
    // The "UTF-16" converter reads the BOM and drops it.
    const char* name = bytes[0] == '\xFF' ? "UTF-16LE" : "UTF-16BE";
    auto r = convert_to_utf8(bytes, "UTF-16");
    if (!r) return r.error();
    return finish(std::move(r).value(), name);
  }
  if (bytes.empty()) return Decoded{std::string(), "UTF-8"};

  const std::size_t nul = bytes.find('\0');
  if (nul != std::string_view::npos) {
    Utf16Guess utf16 = utf16_without_bom(bytes);
    if (utf16.text) return finish(std::move(utf16.text->text), std::move(utf16.text->encoding));
    if (utf16.error) return *utf16.error;
    return Error::at_byte("binary data (NUL byte), not a text document", nul);
  }

  const std::size_t bad = utf8::first_invalid(bytes);
  if (bad == std::string_view::npos) return Decoded{std::move(input), "UTF-8"};

  // Mostly well-formed UTF-8 with a damaged stretch: say where, rather than
  // reading the whole file as some other encoding.
  if (mostly_utf8(bytes)) return Error::at_byte("invalid UTF-8", bad);

  Plausibility gb_score;
  auto gb = gb18030_to_utf8(bytes, "GB18030", &gb_score);
  if (gb && gb_score.score() > 0.9) return finish(std::move(gb).value(), "GB18030");

  // Last resort: ICU's detector, trusted only on enough text and when sure.
  if (bytes.size() >= 200) {
    UErrorCode status = U_ZERO_ERROR;
    std::unique_ptr<UCharsetDetector, DetectorCloser> det(ucsdet_open(&status));
    ucsdet_setText(det.get(), bytes.data(), static_cast<int32_t>(bytes.size()), &status);
    const UCharsetMatch* match = ucsdet_detect(det.get(), &status);
    if (U_SUCCESS(status) && match) {
      int32_t confidence = ucsdet_getConfidence(match, &status);
      const char* name = ucsdet_getName(match, &status);
      if (U_SUCCESS(status) && confidence >= 60 && name) {
        auto r = convert_to_utf8(bytes, name);
        if (r && plausibility(r.value()) > 0.9) return finish(std::move(r).value(), name);
      }
    }
  }
  if (!gb) {
    // Name the place where the reading that went further broke: UTF-8 text
    // with a GBK tail breaks as UTF-8 at the tail, not as GB18030 at byte 2.
    if (bad >= gb.error().position)
      return Error::at_byte(
          "invalid UTF-8 (the bytes before it are UTF-8; mixed encodings? name one with "
          "--encoding)",
          bad);
    return Error::at_byte("not UTF-8 and not GB18030; name the encoding with --encoding",
                          gb.error().position);
  }
  return Error::at_byte("binary data or an unknown encoding; name it with --encoding", bad);
}

}  // namespace policy::text

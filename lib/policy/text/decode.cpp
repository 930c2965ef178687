#include "policy/text/decode.h"

#include <unicode/ucnv.h>
#include <unicode/ucsdet.h>
#include <unicode/ustring.h>

#include <algorithm>
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


// Share of code points a policy document plausibly holds: ideographs, CJK and
// full-width punctuation, ASCII text. Mojibake scores low.
double plausibility(std::string_view utf8_text) {
  std::size_t good = 0, total = 0, i = 0;
  while (i < utf8_text.size() && total < 200000) {
    char32_t c = utf8::next(utf8_text, i);
    ++total;
    if ((c >= 0x20 && c < 0x7F) || c == '\n' || c == '\r' || c == '\t' || utf8::is_han(c) ||
        (c >= 0x3000 && c <= 0x303F) || (c >= 0xFF00 && c <= 0xFFEF) ||
        (c >= 0x2010 && c <= 0x2027) || (c >= 0x2460 && c <= 0x24FF) || c == 0xFEFF ||
        (c >= 0x2160 && c <= 0x217F) || (c >= 0xFE30 && c <= 0xFE6F) || c == 0xB7 || c == 0xD7)
      ++good;
  }
  return total ? static_cast<double>(good) / static_cast<double>(total) : 1.0;
}

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
    // One well-formed sequence at i, or a stray byte.
    if (const std::size_t len = utf8::valid_sequence_length(s, i)) {
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

Result<std::string> convert_to_utf8(std::string_view bytes, const char* encoding) {
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

  auto gb = convert_to_utf8(bytes, "GB18030");
  if (gb && plausibility(gb.value()) > 0.9) return finish(std::move(gb).value(), "GB18030");

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

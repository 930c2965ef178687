// Bytes to UTF-8 text, with the encoding detected (or forced).
//
//   Result<Decoded> d = decode(bytes);          // detect
//   Result<Decoded> g = decode(bytes, "GBK");   // force, as --encoding does
//   d.value().text      -> UTF-8 without BOM
//   d.value().encoding  -> "UTF-8", "UTF-8-BOM", "UTF-16LE", "GB18030", ...
//
// Detection order: BOM; strict UTF-8; UTF-16 without BOM (NUL-byte pattern);
// strict GB18030; ICU's detector when it is confident. Bytes that fit none
// give an Error naming the byte offset where decoding broke.
#pragma once

#include <string>
#include <string_view>

#include "policy/core/result.h"

namespace policy::text {

struct Decoded {
  std::string text;      // UTF-8, BOM removed, line ends untouched
  std::string encoding;  // canonical name of what was read
};

// Takes the bytes: text that is valid UTF-8 as it stands becomes the result
// without a copy.
Result<Decoded> decode(std::string bytes, std::string_view forced_encoding = {});

// Whether ICU has a converter of this name (what --encoding accepts).
bool encoding_known(std::string_view name);

// Converts with the named ICU converter, stopping at the first byte sequence
// the encoding does not allow. Exposed for tests and for --encoding.
Result<std::string> convert_to_utf8(std::string_view bytes, const char* encoding);

}  // namespace policy::text

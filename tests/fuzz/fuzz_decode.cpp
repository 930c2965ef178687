// The decoder: any bytes either decode to valid UTF-8 or give an error whose
// byte offset lies inside the input.
#include "fuzz_common.h"
#include "policy/text/decode.h"

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  std::string_view bytes(reinterpret_cast<const char*>(data), size);
  auto d = policy::text::decode(bytes);
  if (d) {
    fuzz::require(fuzz::valid_utf8(d.value().text), "decoded text is valid UTF-8");
    policy::text::Document doc("f", d.value().encoding, d.value().text);
    fuzz::require(doc.line_count() >= 1, "a document has a line");
    fuzz::require(doc.text().find('\r') == std::string::npos, "no CR survives line-end folding");
  } else if (d.error().where == policy::Error::Where::byte) {
    fuzz::require(d.error().position <= size, "error offset inside the input");
  }
  return 0;
}

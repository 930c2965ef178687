// The decoder: any bytes either decode to valid UTF-8 or give an error whose
// byte offset lies inside the input. Also the renderings of untrusted names
// and text: escape_invalid gives valid UTF-8, visible no control byte.
#include "fuzz_common.h"
#include "policy/text/decode.h"

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  std::string_view bytes(reinterpret_cast<const char*>(data), size);
  fuzz::require(fuzz::valid_utf8(policy::utf8::escape_invalid(bytes)), "escaped names are UTF-8");
  std::string shown = policy::utf8::visible(bytes);
  fuzz::require(fuzz::valid_utf8(shown), "visible text is UTF-8");
  for (char c : shown)
    fuzz::require(static_cast<unsigned char>(c) >= 0x20 && c != 0x7F, "no control byte is shown");
  auto d = policy::text::decode(std::string(bytes));
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

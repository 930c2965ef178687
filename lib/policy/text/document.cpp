#include "policy/text/document.h"

#include <algorithm>

#include "policy/text/decode.h"

namespace policy::text {

Document::Document(std::string name, std::string encoding, std::string_view src)
    : name_(std::move(name)), encoding_(std::move(encoding)) {
  text_.reserve(src.size());
  line_starts_.push_back(0);
  std::size_t i = 0;
  const std::size_t n = src.size();
  while (i < n) {
    // Copy the run up to the next line end in one go.
    std::size_t j = i;
    while (j < n && src[j] != '\n' && src[j] != '\r') ++j;
    text_.append(src.substr(i, j - i));
    if (j >= n) break;
    text_.push_back('\n');
    i = j + ((src[j] == '\r' && j + 1 < n && src[j + 1] == '\n') ? 2 : 1);
    line_starts_.push_back(static_cast<std::uint32_t>(text_.size()));
  }
  // A final line end does not open an empty last line.
  if (line_starts_.size() > 1 && line_starts_.back() == text_.size()) line_starts_.pop_back();
}

std::string_view Document::line(std::size_t n) const {
  std::size_t b = line_begin(n);
  return std::string_view(text_).substr(b, line_end(n) - b);
}

std::size_t Document::line_end(std::size_t n) const {
  if (n < line_starts_.size()) return line_starts_[n] - 1;
  return text_.size();
}

std::size_t Document::line_of(std::size_t offset) const {
  auto it = std::upper_bound(line_starts_.begin(), line_starts_.end(), offset);
  return static_cast<std::size_t>(it - line_starts_.begin());
}

Result<Document> load_document(std::string name, std::string_view bytes,
                               std::string_view forced_encoding) {
  auto decoded = decode(bytes, forced_encoding);
  if (!decoded) return decoded.error();
  return Document(std::move(name), std::move(decoded.value().encoding), decoded.value().text);
}

}  // namespace policy::text

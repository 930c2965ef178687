#include "policy/text/document.h"

#include <algorithm>
#include <cstring>

#include "policy/text/decode.h"

namespace policy::text {

Document Document::adopt(std::string name, std::string encoding, std::string&& text) {
  if (text.find('\r') != std::string::npos)
    return Document(std::move(name), std::move(encoding), std::string_view(text));
  // LF only (the usual case): keep the string, find the line starts with memchr.
  Document d;
  d.name_ = std::move(name);
  d.encoding_ = std::move(encoding);
  d.text_ = std::make_shared<const std::string>(std::move(text));
  d.index_lines();
  return d;
}

const std::shared_ptr<const std::string>& Document::empty_text() {
  static const std::shared_ptr<const std::string> empty = std::make_shared<const std::string>();
  return empty;
}

void Document::index_lines() {
  const std::string& text = *text_;
  // Room for lines of 64 bytes on average (policy text runs longer): the
  // starts seldom move to a larger vector while they are found.
  line_starts_.reserve(text.size() / 64 + 16);
  line_starts_.assign(1, 0);
  const char* base = text.data();
  const char* p = base;
  const char* end = base + text.size();
  while ((p = static_cast<const char*>(std::memchr(p, '\n', static_cast<std::size_t>(end - p))))) {
    ++p;
    line_starts_.push_back(static_cast<std::uint32_t>(p - base));
  }
  if (line_starts_.size() > 1 && line_starts_.back() == text.size()) line_starts_.pop_back();
}

Document::Document(std::string name, std::string encoding, std::string_view src)
    : name_(std::move(name)), encoding_(std::move(encoding)) {
  const std::size_t n = src.size();
  if (src.find('\r') == std::string_view::npos) {
    text_ = std::make_shared<const std::string>(src);
    index_lines();
    return;
  }
  line_starts_.push_back(0);
  std::string text;
  text.reserve(src.size());
  std::size_t i = 0;
  while (i < n) {
    // Copy the run up to the next line end in one go.
    std::size_t j = i;
    while (j < n && src[j] != '\n' && src[j] != '\r') ++j;
    text.append(src.substr(i, j - i));
    if (j >= n) break;
    text.push_back('\n');
    i = j + ((src[j] == '\r' && j + 1 < n && src[j + 1] == '\n') ? 2 : 1);
    line_starts_.push_back(static_cast<std::uint32_t>(text.size()));
  }
  // A final line end does not open an empty last line.
  if (line_starts_.size() > 1 && line_starts_.back() == text.size()) line_starts_.pop_back();
  text_ = std::make_shared<const std::string>(std::move(text));
}

std::size_t Document::line_of(std::size_t offset) const {
  auto it = std::upper_bound(line_starts_.begin(), line_starts_.end(), offset);
  return static_cast<std::size_t>(it - line_starts_.begin());
}

Result<Document> load_document(std::string name, std::string bytes,
                               std::string_view forced_encoding) {
  auto decoded = decode(std::move(bytes), forced_encoding);
  if (!decoded) return decoded.error();
  return Document::adopt(std::move(name), std::move(decoded.value().encoding),
                         std::move(decoded.value().text));
}

}  // namespace policy::text

// A decoded document: UTF-8 text with line ends normalized to '\n', and the
// byte offset where each line starts. Lines are 1-based, as the SPEC counts.
//
//   Result<Document> d = load_document("a.txt", bytes);   // detect encoding
//   d.value().line_count();        d.value().line(3);     // text of line 3
//   d.value().line_of(offset);     // which line a byte offset falls on
#pragma once

#include <cstddef>
#include <cstdint>
#include <memory>
#include <string>
#include <string_view>
#include <vector>

#include "policy/core/result.h"

namespace policy::text {

class Document {
 public:
  Document() = default;
  // Takes UTF-8 text; CRLF, lone CR and LF all become one '\n'.
  Document(std::string name, std::string encoding, std::string_view utf8_text);
  // The same, taking over the string (no copy when it has no CR).
  static Document adopt(std::string name, std::string encoding, std::string&& utf8_text);

  const std::string& name() const { return name_; }
  const std::string& encoding() const { return encoding_; }
  const std::string& text() const { return *text_; }
  // The text, for a record whose clause texts are views into it: it stays
  // alive as long as the record does, whatever becomes of the Document.
  const std::shared_ptr<const std::string>& shared_text() const { return text_; }

  std::size_t line_count() const { return line_starts_.size(); }
  // Text of 1-based line n, without its '\n'. Inline: the splitter and the
  // table finder ask for every line, some more than once.
  std::string_view line(std::size_t n) const {
    const std::size_t b = line_begin(n);
    return std::string_view(text_->data() + b, line_end(n) - b);
  }
  std::size_t line_begin(std::size_t n) const { return line_starts_[n - 1]; }
  // Offset of the '\n' (or text end).
  std::size_t line_end(std::size_t n) const {
    return n < line_starts_.size() ? line_starts_[n] - 1 : text_->size();
  }
  // 1-based line holding byte offset `offset` (an offset at the text end
  // belongs to the last line).
  std::size_t line_of(std::size_t offset) const;

 private:
  static const std::shared_ptr<const std::string>& empty_text();
  void index_lines();  // line_starts_ from text_ (LF line ends only)

  std::string name_;
  std::string encoding_;
  // Never changed once set; null only in a moved-from Document.
  std::shared_ptr<const std::string> text_ = empty_text();
  std::vector<std::uint32_t> line_starts_;
};

// Decodes bytes (see decode.h) and builds the Document, taking the bytes
// (valid UTF-8 with LF line ends becomes the text without a copy). An empty
// forced_encoding means detect.
Result<Document> load_document(std::string name, std::string bytes,
                               std::string_view forced_encoding = {});

}  // namespace policy::text

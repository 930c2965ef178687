// A small streaming JSON writer that appends to a string. Output is compact,
// UTF-8 (non-ASCII written as is), keys in the order written.
//
//   std::string out;
//   JsonWriter w(out);
//   w.begin_object();
//   w.key("file"); w.value("a.txt");
//   w.key("lines"); w.begin_array(); w.value(1); w.value(2); w.end_array();
//   w.end_object();                    // {"file":"a.txt","lines":[1,2]}
#pragma once

#include <cstddef>
#include <cstdint>
#include <cstring>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace policy::print {

// Appends s as a JSON string literal (quotes included).
void append_json_string(std::string& out, std::string_view s);

class JsonWriter {
 public:
  explicit JsonWriter(std::string& out) : out_(out) {}

  void begin_object() { open('{'); }
  void end_object() { close('}'); }
  void begin_array() { open('['); }
  void end_array() { close(']'); }
  // A key spelled in the program (the SPEC's ASCII names): written as it is,
  // with nothing to escape.
  template <std::size_t N>
  void key(const char (&k)[N]) {
    char quoted[N + 2];  // "k":
    quoted[0] = '"';
    std::memcpy(quoted + 1, k, N - 1);
    quoted[N] = '"';
    quoted[N + 1] = ':';
    separate();
    out_.append(quoted, N + 2);
    comma_ = false;
  }
  // Any other key (a table's column name), escaped.
  void key(std::string_view k);

  void value(std::string_view s);
  void value(const char* s) { value(std::string_view(s)); }
  void value(const std::string& s) { value(std::string_view(s)); }
  void value(std::int64_t v);
  void value(int v) { value(static_cast<std::int64_t>(v)); }
  void value(std::size_t v) { value(static_cast<std::int64_t>(v)); }
  void value(double v);
  void value(bool v);
  void null();
  // Writes already-formed JSON text.
  void raw(std::string_view json);

  template <class T>
  void value(const std::optional<T>& v) {
    if (v) value(*v);
    else null();
  }
  void value(const std::vector<std::string>& list) {
    begin_array();
    for (const auto& s : list) value(s);
    end_array();
  }

 private:
  // A comma goes before anything that follows a value (or a closed
  // container) in the same container; not after '{', '[' or a key.
  void separate() {
    if (comma_) out_.push_back(',');
  }
  void open(char bracket) {
    separate();
    out_.push_back(bracket);
    comma_ = false;
  }
  void close(char bracket) {
    out_.push_back(bracket);
    comma_ = true;
  }
  std::string& out_;
  bool comma_ = false;
};

}  // namespace policy::print

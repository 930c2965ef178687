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

#include <cstdint>
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

  void begin_object();
  void end_object();
  void begin_array();
  void end_array();
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
  void comma();
  std::string& out_;
  std::vector<bool> first_{true};  // one entry per open container
  bool after_key_ = false;
};

}  // namespace policy::print

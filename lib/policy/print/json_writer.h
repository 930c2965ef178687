// A small streaming JSON writer that appends to a string. Output is compact,
// UTF-8 (non-ASCII written as is), keys in the order written.
//
//   std::string out;
//   {
//     JsonWriter w(out);
//     w.begin_object();
//     w.key("file"); w.value("a.txt");
//     w.key("lines"); w.begin_array(); w.value(1); w.value(2); w.end_array();
//     w.end_object();
//   }                                  // {"file":"a.txt","lines":[1,2]}
//
// The writer gathers its text in a buffer of its own, written through a
// pointer, and appends it to `out` a few KiB at a time, not a token at a
// time through std::string's append (a call, a capacity check and often a
// memcpy each): so `out` holds what was written only once the writer is gone
// or after flush().
#pragma once

#include <cstddef>
#include <cstdint>
#include <cstring>
#include <exception>
#include <memory>
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
  // Unwinding from an error (std::bad_alloc while writing), the text is
  // abandoned: appending it then could throw again and end the program.
  ~JsonWriter() {
    if (std::uncaught_exceptions() == 0) flush();
  }
  JsonWriter(const JsonWriter&) = delete;
  JsonWriter& operator=(const JsonWriter&) = delete;

  // Appends what is written so far to `out`, which may then be read or
  // changed; writing may go on afterwards.
  void flush() {
    if (at_ != buf_.get()) out_.append(buf_.get(), static_cast<std::size_t>(at_ - buf_.get()));
    at_ = buf_.get();
  }
  // The length `out` has after a flush().
  std::size_t size() const { return out_.size() + static_cast<std::size_t>(at_ - buf_.get()); }

  void begin_object() { open('{'); }
  void end_object() { close('}'); }
  void begin_array() { open('['); }
  void end_array() { close(']'); }
  // A key spelled in the program (the SPEC's ASCII names): written as it is,
  // with nothing to escape.
  template <std::size_t N>
  void key(const char (&k)[N]) {
    char* p = room(N + 3);  // ,"k": (N counts the NUL)
    if (comma_) *p++ = ',';
    *p++ = '"';
    std::memcpy(p, k, N - 1);
    p += N - 1;
    *p++ = '"';
    *p++ = ':';
    at_ = p;
    comma_ = false;
  }
  // Any other key (a table's column name), escaped.
  void key(std::string_view k) {
    string(k);
    *at_++ = ':';  // string() leaves room for one more byte
    comma_ = false;
  }

  void value(std::string_view s) {
    string(s);
    comma_ = true;
  }
  void value(const char* s) { value(std::string_view(s)); }
  void value(const std::string& s) { value(std::string_view(s)); }
  void value(std::int64_t v) {
    // 20 characters hold any int64.
    char* p = room(21);
    if (comma_) *p++ = ',';
    std::uint64_t u = static_cast<std::uint64_t>(v);
    if (v < 0) {
      *p++ = '-';
      u = ~u + 1;
    }
    at_ = put_decimal(p, u);
    comma_ = true;
  }
  // "key":[a, b] (a key spelled in the program), as key(k) and an array of
  // the two numbers would write it.
  template <std::size_t N>
  void pair(const char (&k)[N], std::uint64_t a, std::uint64_t b) {
    // ,"k":[ and ], and two numbers of 20 digits at most.
    char* p = room(N + 48);
    if (comma_) *p++ = ',';
    *p++ = '"';
    std::memcpy(p, k, N - 1);
    p += N - 1;
    std::memcpy(p, "\":[", 3);
    p = put_decimal(p + 3, a);
    *p++ = ',';
    p = put_decimal(p, b);
    *p++ = ']';
    at_ = p;
    comma_ = true;
  }
  // A string the program knows needs no escaping (the SPEC's words for its
  // enums): written as it is, between quotes.
  void plain(std::string_view s);
  void value(int v) { value(static_cast<std::int64_t>(v)); }
  void value(std::size_t v) { value(static_cast<std::int64_t>(v)); }
  void value(double v);
  void value(bool v) { word(v ? std::string_view("true") : std::string_view("false")); }
  void null() { word("null"); }
  // Writes already-formed JSON text.
  void raw(std::string_view json) { word(json); }
  // Already-formed JSON text spelled in the program (keys and empty
  // containers, written as they always are), after a comma when one is due:
  // one write, its length known here.
  template <std::size_t N>
  void literal(const char (&json)[N]) {
    char* p = room(N);  // a comma and N - 1 bytes
    if (comma_) *p++ = ',';
    std::memcpy(p, json, N - 1);
    at_ = p + N - 1;
    comma_ = true;
  }
  // The same for text that leaves a value to follow: one ending in a key's
  // colon or an opening bracket ({"name": for begin_object() and key("name")).
  template <std::size_t N>
  void opening(const char (&json)[N]) {
    literal(json);
    comma_ = false;
  }
  // Already-formed JSON text of n <= 32 bytes at the start of a padded
  // buffer: copied whole (two 16-byte words, no call), the rest written over
  // next.
  using Padded = char[32];
  void raw_padded(const Padded& text, std::size_t n) {
    char* p = room(sizeof(Padded) + 1);
    if (comma_) *p++ = ',';
    std::memcpy(p, text, sizeof(Padded));
    at_ = p + n;
    comma_ = true;
  }

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
  // Where the next n bytes go: at_, with at least n bytes of room after it.
  char* room(std::size_t n) {
    if (static_cast<std::size_t>(end_ - at_) < n) grow(n);
    return at_;
  }
  void grow(std::size_t n);
  static constexpr char kDigitPairs[] =
      "00010203040506070809101112131415161718192021222324252627282930313233343536373839"
      "40414243444546474849505152535455565758596061626364656667686970717273747576777879"
      "8081828384858687888990919293949596979899";
  // Writes u in decimal at p (20 bytes at most); returns the end. Below
  // 10,000 (a clause's offsets and lines, mostly) inline, as one or two
  // pairs divided in 32 bits; larger numbers by a call.
  static char* put_decimal(char* p, std::uint64_t u) {
    if (u < 100) {
      if (u < 10) {
        *p = static_cast<char>('0' + u);
        return p + 1;
      }
      std::memcpy(p, kDigitPairs + 2 * u, 2);
      return p + 2;
    }
    if (u >= 10000) return put_decimal_long(p, u);
    const auto v = static_cast<std::uint32_t>(u);
    const std::uint32_t hi = v / 100, lo = v - hi * 100;
    if (hi < 10) {
      *p = static_cast<char>('0' + hi);
      std::memcpy(p + 1, kDigitPairs + 2 * lo, 2);
      return p + 3;
    }
    std::memcpy(p, kDigitPairs + 2 * hi, 2);
    std::memcpy(p + 2, kDigitPairs + 2 * lo, 2);
    return p + 4;
  }
  // put_decimal() for u >= 100.
  static char* put_decimal_long(char* p, std::uint64_t u);
  // s as a string literal, after a comma when one is due; leaves room for
  // one more byte (a key's colon).
  void string(std::string_view s);
  // The rest of string() from its first byte that needs escaping, src[0],
  // with p where it goes: out of string()'s way, as most strings have none.
  void string_escaped(char* p, const char* src, std::size_t n);
  // string() once room for s is made.
  void string_grown(std::string_view s);
  // A value written as it is.
  void word(std::string_view w) {
    char* p = room(w.size() + 1);
    if (comma_) *p++ = ',';
    std::memcpy(p, w.data(), w.size());
    at_ = p + w.size();
    comma_ = true;
  }
  // A comma goes before anything that follows a value (or a closed
  // container) in the same container; not after '{', '[' or a key.
  void open(char bracket) {
    char* p = room(2);
    if (comma_) *p++ = ',';
    *p++ = bracket;
    at_ = p;
    comma_ = false;
  }
  void close(char bracket) {
    *room(1) = bracket;
    ++at_;
    comma_ = true;
  }
  std::string& out_;
  // The text not yet in out_: from buf_ to at_; the room left ends at end_.
  // Made on the first write (a writer that writes nothing allocates nothing).
  std::unique_ptr<char[]> buf_;
  char* at_ = nullptr;
  char* end_ = nullptr;
  bool comma_ = false;
};

}  // namespace policy::print

#include "policy/print/document_json.h"

#include "policy/print/json_writer.h"

#include <algorithm>
#include <array>
#include <cstdint>
#include <cstring>
#include <string_view>

#if defined(__SSE2__)
#include <emmintrin.h>
#endif


namespace policy::print {

namespace {

// The word to_string gives an enum value (0 to N - 1), looked up once.
template <class E, std::size_t N>
std::string_view word(E e) {
  static const std::array<std::string_view, N> words = [] {
    std::array<std::string_view, N> a;
    for (std::size_t k = 0; k < N; ++k) a[k] = to_string(static_cast<E>(k));
    return a;
  }();
  const auto k = static_cast<std::size_t>(e);
  return k < N ? words[k] : std::string_view(to_string(e));
}

// The SPEC's words for the enums: ASCII, spelled in the program, nothing to
// escape. Each is kept quoted in a padded entry, written as one fixed-size
// copy (a word too long for its entry goes through plain()).
template <class E, std::size_t N>
void write_word(JsonWriter& w, E e) {
  struct Entry {
    JsonWriter::Padded text{};
    std::size_t size = 0;
  };
  static const std::array<Entry, N> quoted = [] {
    std::array<Entry, N> a;
    for (std::size_t k = 0; k < N; ++k) {
      const std::string_view s = word<E, N>(static_cast<E>(k));
      if (s.size() + 2 > sizeof(JsonWriter::Padded)) continue;  // size 0: plain()
      a[k].text[0] = '"';
      std::memcpy(a[k].text + 1, s.data(), s.size());
      a[k].text[s.size() + 1] = '"';
      a[k].size = s.size() + 2;
    }
    return a;
  }();
  const auto k = static_cast<std::size_t>(e);
  if (k < N && quoted[k].size) w.raw_padded(quoted[k].text, quoted[k].size);
  else w.plain(word<E, N>(e));
}

void write_doc_number(JsonWriter& w, const DocNumber& d) {
  w.begin_object();
  w.key("text");
  w.value(d.text);
  w.key("normalized");
  w.value(d.normalized);
  w.key("code");
  w.value(d.code);
  w.key("year");
  w.value(d.year);
  w.key("serial");
  w.value(d.serial);
  w.key("role");
  write_word<DocNumberRole, 3>(w, d.role);
  w.key("line");
  w.value(d.line);
  w.end_object();
}

inline std::uint64_t load64(const char* p) {
  std::uint64_t w;
  std::memcpy(&w, p, 8);
  return w;
}

// Continuation bytes (10xxxxxx) among the eight of w: a continuation's bit 7
// survives `w & ~(w << 1)`; the multiplication adds the eight 0/1 bytes up
// into the top byte.
inline std::size_t continuations(std::uint64_t w) {
  const std::uint64_t cont = w & ~(w << 1) & 0x8080808080808080ULL;
  return static_cast<std::size_t>(((cont >> 7) * 0x0101010101010101ULL) >> 56);
}

// Character offsets (characters are counted as the bytes that are no
// continuation byte, as utf8::length counts) of the byte offsets a clause's
// items need: the characters before every 32nd byte, up to the furthest
// offset asked for, counted in one pass; an offset then counts the fewer
// than 32 bytes after its checkpoint. The checkpoints live in a per-thread
// buffer reused from clause to clause (one SpanChars is alive at a time on a
// thread).
class SpanChars {
 public:
  explicit SpanChars(const Clause& c) : text_(c.text), before_(buffer()) {
    std::uint32_t far = 0;
    auto reach = [&](const Span& s) { far = std::max({far, s.begin, s.end}); };
    for (const auto& u : c.units) reach(u.at), reach(u.sentence);
    for (const auto& t : c.targets) reach(t.at), reach(t.sentence);
    for (const auto& d : c.deadlines) reach(d.at), reach(d.sentence);
    const std::size_t until = std::min<std::size_t>(far, text_.size());
    const std::size_t blocks = until / kStep;
    before_.resize(blocks + 1);
    const char* p = text_.data();
    std::size_t n = 0;
    before_[0] = 0;
    for (std::size_t k = 0; k < blocks; ++k, p += kStep) {
#if defined(__SSE2__)
      // A continuation is below 0xC0 as a signed byte is below -64.
      const __m128i limit = _mm_set1_epi8(-64), one = _mm_set1_epi8(1);
      const __m128i a = _mm_and_si128(_mm_cmplt_epi8(_mm_loadu_si128(reinterpret_cast<const __m128i*>(p)), limit), one);
      const __m128i b =
          _mm_and_si128(_mm_cmplt_epi8(_mm_loadu_si128(reinterpret_cast<const __m128i*>(p + 16)), limit), one);
      const __m128i sums = _mm_sad_epu8(_mm_add_epi8(a, b), _mm_setzero_si128());
      n += kStep - static_cast<std::size_t>(_mm_cvtsi128_si32(sums)) -
           static_cast<std::size_t>(_mm_cvtsi128_si32(_mm_srli_si128(sums, 8)));
#else
      n += kStep - continuations(load64(p)) - continuations(load64(p + 8)) - continuations(load64(p + 16)) -
           continuations(load64(p + 24));
#endif
      before_[k + 1] = static_cast<std::uint32_t>(n);
    }
  }
  SpanChars(const SpanChars&) = delete;
  SpanChars& operator=(const SpanChars&) = delete;
  // Characters before byte offset `byte` (one past the text counts to its end).
  std::size_t chars(std::uint32_t byte) const {
    const std::size_t b = std::min<std::size_t>(byte, text_.size());
    const std::size_t k = b / kStep;
    std::size_t i = k * kStep;
    std::size_t n = before_[k] + (b - i);
    const char* p = text_.data();
#if defined(__SSE2__)
    // The r < 32 bytes after the checkpoint, counted in one 32-byte window
    // that holds them and lies inside the text: the one ending at b, or for
    // b < 32 the one starting at the text; a mask keeps the r bytes.
    if (const std::size_t r = b - i; r && text_.size() >= kStep) {
      const char* q = b >= kStep ? p + b - kStep : p;
      const char* keep = b >= kStep ? kKeep + r : kKeep + kStep - r + kStep;
      const __m128i limit = _mm_set1_epi8(-64);
      const __m128i a = _mm_and_si128(_mm_cmplt_epi8(_mm_loadu_si128(reinterpret_cast<const __m128i*>(q)), limit),
                                      _mm_loadu_si128(reinterpret_cast<const __m128i*>(keep)));
      const __m128i c =
          _mm_and_si128(_mm_cmplt_epi8(_mm_loadu_si128(reinterpret_cast<const __m128i*>(q + 16)), limit),
                        _mm_loadu_si128(reinterpret_cast<const __m128i*>(keep + 16)));
      const __m128i sums = _mm_sad_epu8(_mm_add_epi8(a, c), _mm_setzero_si128());
      return n - static_cast<std::size_t>(_mm_cvtsi128_si32(sums)) -
             static_cast<std::size_t>(_mm_cvtsi128_si32(_mm_srli_si128(sums, 8)));
    }
#endif
    for (; i + 8 <= b; i += 8) n -= continuations(load64(p + i));
    if (i < b && b >= 8) {
      // The last bytes: the word ending at b, without those counted already.
      n -= continuations(load64(p + b - 8) >> (8 * (8 - (b - i))));
      return n;
    }
    for (; i < b; ++i) n -= (static_cast<unsigned char>(p[i]) & 0xC0) == 0x80;
    return n;
  }

 private:
  static constexpr std::size_t kStep = 32;
#if defined(__SSE2__)
  // 32 zeros, 32 ones, 32 zeros: from kKeep + r, 32 bytes whose last r are
  // ones; from kKeep + 64 - r, 32 whose first r are.
  static constexpr char kKeep[96] = {
      0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0,
      1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1};
#endif
  static std::vector<std::uint32_t>& buffer() {
    thread_local std::vector<std::uint32_t> b;
    return b;
  }
  std::string_view text_;
  std::vector<std::uint32_t>& before_;  // characters before byte k * kStep
};

// A span as characters of the clause text: "at": [start, end].
template <std::size_t N>
[[gnu::always_inline]] inline void write_span(JsonWriter& w, const char (&key)[N], const Span& s, const SpanChars& chars) {
  w.pair(key, chars.chars(s.begin), chars.chars(s.end));
}

void write_clause(JsonWriter& w, const Clause& c, const std::string* file) {
  w.begin_object();
  if (file) {
    w.key("file");
    w.value(*file);
  }
  w.key("id");
  w.value(c.id);
  w.key("level");
  w.value(c.level);
  w.key("label");
  w.value(c.label);
  w.key("heading");
  w.value(c.heading);
  w.key("kind");
  write_word<ClauseKind, 6>(w, c.kind);
  w.key("text");
  w.value(c.text);
  w.key("line_start");
  w.value(c.line_start);
  w.key("line_end");
  w.value(c.line_end);
  // Most clauses have none of these, nor units, targets or deadlines: their
  // empty containers are written at once.
  if (c.fields.empty() && c.issuers.empty() && c.doc_numbers.empty()) {
    w.literal("\"fields\":{},\"issuers\":[],\"doc_numbers\":[]");
  } else {
    w.key("fields");
    w.begin_object();
    for (const auto& [k, v] : c.fields) {
      w.key(k);
      w.value(v);
    }
    w.end_object();
    w.key("issuers");
    w.value(c.issuers);
    w.key("doc_numbers");
    w.begin_array();
    for (const auto& d : c.doc_numbers) write_doc_number(w, d);
    w.end_array();
  }
  if (c.units.empty() && c.targets.empty() && c.deadlines.empty()) {
    w.literal("\"units\":[],\"targets\":[],\"deadlines\":[]");
    w.end_object();
    return;
  }
  const SpanChars chars(c);
  // Keys with the bracket before or after them written as one.
  w.opening("\"units\":[");
  for (const auto& u : c.units) {
    w.opening("{\"name\":");
    w.value(u.name);
    w.key("role");
    write_word<UnitRole, 3>(w, u.role);
    w.key("canonical");
    if (u.canonical) w.value(*u.canonical);
    else w.null();
    if (u.aliases.empty()) {
      w.literal("\"aliases\":[]");
    } else {
      w.opening("\"aliases\":[");
      for (const std::string& a : u.aliases) w.value(a);
      w.end_array();
    }
    write_span(w, "at", u.at, chars);
    write_span(w, "sentence", u.sentence, chars);
    w.end_object();
  }
  w.end_array();
  w.opening("\"targets\":[");
  for (const auto& t : c.targets) {
    w.opening("{\"text\":");
    w.value(t.text);
    w.key("value");
    w.value(t.value);
    w.key("unit");
    w.value(t.unit);
    w.key("op");
    write_word<TargetOp, 5>(w, t.op);
    w.key("kind");
    write_word<TargetKind, 3>(w, t.kind);
    w.key("subject");
    w.value(t.subject);
    w.key("year");
    w.value(t.year);
    write_span(w, "at", t.at, chars);
    write_span(w, "sentence", t.sentence, chars);
    w.end_object();
  }
  w.end_array();
  w.opening("\"deadlines\":[");
  for (const auto& d : c.deadlines) {
    w.opening("{\"text\":");
    w.value(d.text);
    w.key("date");
    w.value(d.date);
    write_span(w, "at", d.at, chars);
    write_span(w, "sentence", d.sentence, chars);
    w.end_object();
  }
  w.end_array();
  w.end_object();
}

// About the length of the record's JSON, a little over it for most
// documents (measured on the benchmark corpus): the line is written into one
// allocation rather than grown by doubling.
std::size_t json_size_estimate(const DocumentRecord& r) {
  std::size_t n = 512;
  for (const auto& c : r.clauses) {
    n += 220 + c.text.size() + c.heading.size() +
         180 * (c.units.size() + c.targets.size() + c.deadlines.size() + c.doc_numbers.size());
    for (const auto& [k, v] : c.fields) n += k.size() + v.size();
  }
  return n;
}

}  // namespace

void append_document_json(std::string& out, const DocumentRecord& r,
                          const std::function<void(std::string&)>& drain) {
  constexpr std::size_t kDrainAt = std::size_t{1} << 20;
  // Drained output is never held whole: no need to make room for it all.
  if (!drain) out.reserve(out.size() + json_size_estimate(r));
  JsonWriter w(out);
  w.begin_object();
  w.key("file");
  w.value(r.file);
  w.key("encoding");
  w.value(r.encoding);
  w.key("title");
  w.value(r.title);
  w.key("date");
  w.value(r.date);
  w.key("doc_number");
  if (r.doc_number) write_doc_number(w, *r.doc_number);
  else w.null();
  w.key("issuers");
  w.value(r.issuers);
  w.key("addressees");
  w.value(r.addressees);
  w.key("attachments");
  w.value(r.attachments);
  w.key("validity");
  w.begin_object();
  w.key("from");
  w.value(r.validity.from);
  w.key("until");
  w.value(r.validity.until);
  w.key("status");
  w.value(r.validity.status);
  w.key("text");
  w.value(r.validity.text);
  w.end_object();
  w.key("clauses");
  w.begin_array();
  for (const auto& c : r.clauses) {
    write_clause(w, c, nullptr);
    if (drain && w.size() >= kDrainAt) {
      w.flush();
      drain(out);
      out.clear();
    }
  }
  w.end_array();
  w.end_object();
  w.flush();
  out.push_back('\n');
}

void append_clause_json(std::string& out, const Clause& clause, const std::string& file) {
  JsonWriter w(out);
  write_clause(w, clause, file.empty() ? nullptr : &file);
  w.flush();
  out.push_back('\n');
}

}  // namespace policy::print

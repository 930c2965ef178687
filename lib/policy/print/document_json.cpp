#include "policy/print/document_json.h"

#include "policy/print/json_writer.h"
#include <algorithm>
#include <initializer_list>

#include "policy/text/utf8.h"

namespace policy::print {

namespace {

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
  w.value(to_string(d.role));
  w.key("line");
  w.value(d.line);
  w.end_object();
}

// Character offsets of the byte offsets a clause's items need, counted in
// one pass over the clause text. The offsets live in per-thread buffers
// reused from clause to clause: most clauses with items would otherwise
// allocate twice (one SpanChars is alive at a time on a thread).
class SpanChars {
 public:
  explicit SpanChars(const Clause& c) : bytes_(buffers().bytes), chars_(buffers().chars) {
    bytes_.clear();
    chars_.clear();
    for (const auto& u : c.units) add({u.at, u.sentence});
    for (const auto& t : c.targets) add({t.at, t.sentence});
    for (const auto& d : c.deadlines) add({d.at, d.sentence});
    if (bytes_.empty()) return;
    std::sort(bytes_.begin(), bytes_.end());
    bytes_.erase(std::unique(bytes_.begin(), bytes_.end()), bytes_.end());
    const std::string_view text = c.text;
    std::size_t b = 0, n = 0;
    for (const std::uint32_t want : bytes_) {
      const std::size_t until = std::max(b, std::min<std::size_t>(want, text.size()));
      n += utf8::length(text.substr(b, until - b));
      b = until;
      chars_.push_back(static_cast<std::uint32_t>(n));
    }
  }
  SpanChars(const SpanChars&) = delete;
  SpanChars& operator=(const SpanChars&) = delete;
  std::size_t chars(std::uint32_t byte) const {
    return chars_[static_cast<std::size_t>(std::lower_bound(bytes_.begin(), bytes_.end(), byte) - bytes_.begin())];
  }

 private:
  struct Buffers {
    std::vector<std::uint32_t> bytes, chars;
  };
  static Buffers& buffers() {
    thread_local Buffers b;
    return b;
  }
  void add(std::initializer_list<Span> spans) {
    for (const Span& s : spans) {
      bytes_.push_back(s.begin);
      bytes_.push_back(s.end);
    }
  }
  std::vector<std::uint32_t>& bytes_;
  std::vector<std::uint32_t>& chars_;
};

// A span as characters of the clause text: "at": [start, end].
template <std::size_t N>
void write_span(JsonWriter& w, const char (&key)[N], const Span& s, const SpanChars& chars) {
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
  w.value(to_string(c.kind));
  w.key("text");
  w.value(c.text);
  w.key("line_start");
  w.value(c.line_start);
  w.key("line_end");
  w.value(c.line_end);
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
  const SpanChars chars(c);
  w.key("units");
  w.begin_array();
  for (const auto& u : c.units) {
    w.begin_object();
    w.key("name");
    w.value(u.name);
    w.key("role");
    w.value(to_string(u.role));
    w.key("canonical");
    if (u.canonical) w.value(*u.canonical);
    else w.null();
    w.key("aliases");
    w.begin_array();
    for (const std::string& a : u.aliases) w.value(a);
    w.end_array();
    write_span(w, "at", u.at, chars);
    write_span(w, "sentence", u.sentence, chars);
    w.end_object();
  }
  w.end_array();
  w.key("targets");
  w.begin_array();
  for (const auto& t : c.targets) {
    w.begin_object();
    w.key("text");
    w.value(t.text);
    w.key("value");
    w.value(t.value);
    w.key("unit");
    w.value(t.unit);
    w.key("op");
    w.value(to_string(t.op));
    w.key("kind");
    w.value(to_string(t.kind));
    w.key("subject");
    w.value(t.subject);
    w.key("year");
    w.value(t.year);
    write_span(w, "at", t.at, chars);
    write_span(w, "sentence", t.sentence, chars);
    w.end_object();
  }
  w.end_array();
  w.key("deadlines");
  w.begin_array();
  for (const auto& d : c.deadlines) {
    w.begin_object();
    w.key("text");
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

#include "policy/structure/label.h"

#include <algorithm>
#include <cstdint>
#include <vector>

#include "policy/text/fold.h"
#include "policy/text/numeral.h"
#include "policy/text/utf8.h"

namespace policy::structure {

namespace {

// One code point of the line: folded value, and where it sits in the original.
struct Cp {
  char32_t c;
  std::size_t off;   // original byte offset
  std::size_t next;  // original offset just past it
};

// The code points of a line from `from` on (at most max_cps), folded where
// NFKC maps one to one (（→(, １→1, ．→., ：→:, U+3000→' '), decoded as they
// are asked for: most lines are told apart from a label by their first two
// or three, and each costs a decode and a fold. has(k) and [k] see what a
// scan of the whole line up to max_cps would. The buffer is reused per
// thread: recognizing a label allocates nothing.
class Cps {
 public:
  Cps(std::string_view line, std::size_t from, std::size_t max_cps, std::vector<Cp>& buffer)
      : line_(line), at_(from), max_(max_cps), cps_(buffer) {
    cps_.clear();
  }
  // Whether there is a code point k. Inline when k is decoded already (the
  // usual case: every cps[k] asks again), else decoded up to k.
  bool has(std::size_t k) const { return k < cps_.size() || decode_to(k); }
  const Cp& operator[](std::size_t k) const {
    if (k >= cps_.size()) decode_to(k);
    return cps_[k];
  }
  // The last code point of all (none when the scan holds none).
  const Cp* last() const {
    has(max_);
    return cps_.empty() ? nullptr : &cps_.back();
  }

 private:
  // Decodes a few past k: the next questions are about the code points
  // right after it, and a call for each cost more than decoding them.
  // (Decoding ahead shows nowhere: has(k) and [k] answer as before.)
  [[gnu::noinline]] bool decode_to(std::size_t k) const {
    // ASCII folds to itself, and so does every character of a three-byte
    // lead no character of which folds (E4-E9: the ideographs).
    static const std::uint16_t inert = text::inert_leads();
    const std::size_t want = std::min(k + 4, max_);
    while (cps_.size() < want && at_ < line_.size()) {
      const std::size_t start = at_;
      const char32_t c = utf8::next(line_, at_);
      const bool same = c < 0x80 || (c >= 0x800 && c < 0x10000 && ((inert >> (c >> 12)) & 1));
      cps_.push_back(Cp{same ? c : text::fold_single(c), start, at_});
    }
    return k < cps_.size();
  }

  std::string_view line_;
  mutable std::size_t at_;
  std::size_t max_;
  std::vector<Cp>& cps_;
};

bool is_blank(char32_t c) { return utf8::is_space(c); }
bool is_digit(char32_t c) { return c >= '0' && c <= '9'; }
// Numeral characters a label uses (not 两 or the financial forms).
bool is_label_cn(char32_t c) {
  switch (c) {
    case U'一': case U'二': case U'三': case U'四': case U'五': case U'六': case U'七':
    case U'八': case U'九': case U'十': case U'百': case U'零': case U'〇':
      return true;
    default:
      return false;
  }
}

std::string slice(std::string_view line, const Cps& cps, std::size_t a,
                  std::size_t b) {
  if (a >= b) return {};
  return std::string(line.substr(cps[a].off, cps[b - 1].next - cps[a].off));
}

// Reads a run of label numerals at cps[k]; returns its end index (k if none)
// and the value. Chinese numerals without 十/百 must be one character, so
// "一一" or "二〇" are no labels.
// Inline, as skip_blanks and body_offset below: each label calls them a few
// times, and the calls cost more than their work.
[[gnu::always_inline]] inline std::size_t read_number(const Cps& cps, std::size_t k, bool allow_cn,
                        bool allow_digits, long& value, bool& was_cn,
                        std::string_view line) {
  std::size_t j = k;
  if (allow_digits) {
    while (cps.has(j) && is_digit(cps[j].c) && j - k < 3) ++j;
    if (j > k && !(cps.has(j) && is_digit(cps[j].c))) {
      long v = 0;
      for (std::size_t t = k; t < j; ++t) v = v * 10 + static_cast<long>(cps[t].c - '0');
      value = v;
      was_cn = false;
      return j;
    }
    j = k;
  }
  if (allow_cn) {
    while (cps.has(j) && is_label_cn(cps[j].c) && j - k < 5) ++j;
    if (j == k) return k;
    bool has_mult = false;
    for (std::size_t t = k; t < j; ++t) has_mult |= (cps[t].c == U'十' || cps[t].c == U'百');
    if (!has_mult && j - k > 1) return k;
    // What text::parse_chinese_integer reads in these numerals (digits, 十
    // and 百 only: no 万 group), from the code points at hand rather than
    // from a string made of them.
    long v = 0, digit = -1;
    for (std::size_t t = k; t < j; ++t) {
      const int d = text::chinese_digit(cps[t].c);
      if (d >= 0) {
        digit = d;
        continue;
      }
      v += (digit >= 0 ? digit : 1) * static_cast<long>(text::chinese_multiplier(cps[t].c));
      digit = -1;
    }
    if (digit >= 0) v += digit;
    if (v > 999) return k;
    value = v;
    was_cn = true;
    (void)line;
    return j;
  }
  return k;
}

[[gnu::always_inline]] inline std::size_t skip_blanks(const Cps& cps, std::size_t k) {
  while (cps.has(k) && is_blank(cps[k].c)) ++k;
  return k;
}

[[gnu::always_inline]] inline std::size_t body_offset(std::string_view line, const Cps& cps, std::size_t k) {
  if (cps.has(k)) return cps[k].off;
  const Cp* last = cps.last();  // there is no k: all are scanned
  return last ? std::min(line.size(), last->next) : 0;
}

std::optional<Label> recognize_at(std::string_view line, const Cps& cps,
                                  std::size_t k0, bool after_note);

// 第X章 / 第X节 / 第X条
std::optional<Label> chapter_like(std::string_view line, const Cps& cps,
                                  std::size_t k0) {
  long value = 0;
  bool cn = false;
  std::size_t j = read_number(cps, k0 + 1, true, true, value, cn, line);
  if (j == k0 + 1 || !cps.has(j)) return std::nullopt;
  LabelKind kind;
  switch (cps[j].c) {
    case U'章': kind = LabelKind::chapter; break;
    case U'节': kind = LabelKind::section; break;
    case U'条': kind = LabelKind::article; break;
    default: return std::nullopt;
  }
  Label l;
  l.kind = kind;
  l.number = value;
  l.begin = cps[k0].off;
  l.end = cps[j].next;
  l.text = slice(line, cps, k0, j + 1);
  // Blanks, and stray '?' an encoding accident left for a full-width space.
  std::size_t k = j + 1;
  while (cps.has(k) && (is_blank(cps[k].c) || cps[k].c == '?' || cps[k].c == U'？')) ++k;
  l.body = body_offset(line, cps, k);
  return l;
}

std::optional<Label> recognize_at(std::string_view line, const Cps& cps,
                                  std::size_t k0, bool after_note) {
  if (!cps.has(k0)) return std::nullopt;
  const char32_t first = cps[k0].c;
  Label l;
  l.begin = cps[k0].off;

  if (!after_note) {
    // ① … ⑳ (the original character, before folding to a digit)
    std::size_t probe = cps[k0].off;
    char32_t orig = utf8::next(line, probe);
    if (orig >= 0x2460 && orig <= 0x2473) {
      l.kind = LabelKind::circled;
      l.number = static_cast<long>(orig - 0x245F);
      l.end = cps[k0].next;
      l.text = std::string(line.substr(cps[k0].off, cps[k0].next - cps[k0].off));
      l.body = body_offset(line, cps, skip_blanks(cps, k0 + 1));
      return l;
    }
    if (first == U'注' && cps.has(k0 + 1) && cps[k0 + 1].c == ':') {
      std::size_t k = skip_blanks(cps, k0 + 2);
      return recognize_at(line, cps, k, true);
    }
    if (first == U'第') return chapter_like(line, cps, k0);
    if (first == U'专' && cps.has(k0 + 1) && cps[k0 + 1].c == U'栏') {
      long value = 0;
      bool cn = false;
      std::size_t k = skip_blanks(cps, k0 + 2);
      std::size_t j = read_number(cps, k, true, true, value, cn, line);
      if (j == k) return std::nullopt;
      l.kind = LabelKind::box;
      l.number = value;
      l.end = cps[j - 1].next;
      l.text = "专栏" + slice(line, cps, k, j);
      l.body = body_offset(line, cps, skip_blanks(cps, j));
      return l;
    }
    if (first == U'附' && cps.has(k0 + 1) && cps[k0 + 1].c == U'件') {
      std::size_t k = skip_blanks(cps, k0 + 2);
      long value = 0;
      bool cn = false;
      std::size_t j = read_number(cps, k, true, true, value, cn, line);
      // Only "附件", "附件2", "附件2：…", "附件 标题": not 附件所列….
      std::size_t after = j;
      bool ok = !cps.has(after) || cps[after].c == ':' || is_blank(cps[after].c) ||
                (j == k && k > k0 + 2);  // blanks after a bare 附件
      if (!ok) return std::nullopt;
      l.kind = LabelKind::attachment;
      l.number = j > k ? value : 0;
      l.end = j > k ? cps[j - 1].next : cps[k0 + 1].next;
      l.text = "附件" + (j > k ? slice(line, cps, k, j) : std::string());
      std::size_t b = after;
      while (cps.has(b) && (cps[b].c == ':' || is_blank(cps[b].c))) ++b;
      l.body = body_offset(line, cps, b);
      return l;
    }
  }

  if (first == '(') {
    long value = 0;
    bool cn = false;
    std::size_t j = read_number(cps, k0 + 1, true, true, value, cn, line);
    if (j == k0 + 1 || !cps.has(j) || cps[j].c != ')') return std::nullopt;
    l.kind = cn ? LabelKind::paren_cn : LabelKind::paren_arabic;
    l.number = value;
    l.end = cps[j].next;
    l.text = slice(line, cps, k0, j + 1);
    l.body = body_offset(line, cps, skip_blanks(cps, j + 1));
    return l;
  }

  long value = 0;
  bool cn = false;
  std::size_t j = read_number(cps, k0, true, true, value, cn, line);
  if (j == k0 || !cps.has(j)) return std::nullopt;
  const char32_t punct = cps[j].c;
  if (punct != U'、' && punct != '.') return std::nullopt;
  std::size_t k = j + 1;
  if (cps.has(k)) {
    const char32_t after = cps[k].c;
    if (is_digit(after)) return std::nullopt;  // 1.5万, 2023.12
    if (after == '%') return std::nullopt;
    // 一、二、三产业: an enumeration of numerals, not a label.
    if (cn && is_label_cn(after) && cps.has(k + 1) && cps[k + 1].c == U'、')
      return std::nullopt;
  }
  if (value == 0) return std::nullopt;
  l.kind = cn ? LabelKind::cn : LabelKind::arabic;
  l.number = value;
  l.end = cps[j - 1].next;
  l.text = slice(line, cps, k0, j);
  l.body = body_offset(line, cps, skip_blanks(cps, k));
  return l;
}

bool may_start_label(char32_t c) {
  if (c < 0x80) return c == '(' || (c >= '0' && c <= '9');
  if (c >= 0x2460 && c <= 0x2473) return true;
  switch (c) {
    case U'（': case U'第': case U'专': case U'附': case U'注':
      return true;
    default:
      return is_label_cn(c) || (c >= 0xFF10 && c <= 0xFF19) || c == 0xFF08;
  }
}

}  // namespace

const char* to_string(LabelKind kind) {
  switch (kind) {
    case LabelKind::cn: return "cn";
    case LabelKind::paren_cn: return "paren_cn";
    case LabelKind::arabic: return "arabic";
    case LabelKind::paren_arabic: return "paren_arabic";
    case LabelKind::circled: return "circled";
    case LabelKind::chapter: return "chapter";
    case LabelKind::section: return "section";
    case LabelKind::article: return "article";
    case LabelKind::box: return "box";
    case LabelKind::attachment: return "attachment";
  }
  return "?";
}

namespace {

// The label at byte i of the line (its first non-blank): apart, so that the
// lines that start with no label's character (most) are answered without
// setting up the code point buffer.
[[gnu::noinline]] std::optional<Label> recognize_from(std::string_view line, std::size_t i) {
  thread_local std::vector<Cp> buffer;
  const Cps cps(line, i, 24, buffer);
  return recognize_at(line, cps, 0, false);
}

}  // namespace

std::optional<Label> recognize_label(std::string_view line) {
  const auto* p = reinterpret_cast<const unsigned char*>(line.data());
  std::size_t i = 0;
  while (i < line.size()) {
    // The usual indentation (spaces, TABs, U+3000) read as bytes.
    if (p[i] == ' ' || p[i] == '\t') {
      ++i;
      continue;
    }
    if (p[i] == 0xE3 && i + 3 <= line.size() && p[i + 1] == 0x80 && p[i + 2] == 0x80) {
      i += 3;
      continue;
    }
    std::size_t j = i;
    char32_t c = utf8::next(line, j);
    if (!utf8::is_space(c)) {
      if (!may_start_label(c)) return std::nullopt;
      break;
    }
    i = j;
  }
  if (i >= line.size()) return std::nullopt;
  return recognize_from(line, i);
}

std::string heading_after(std::string_view line, const Label& label) {
  std::string_view rest = label.body <= line.size() ? line.substr(label.body) : std::string_view();
  rest = utf8::trim(rest);
  if (label.kind == LabelKind::article && rest.substr(0, 3) == "【") {
    std::size_t close = rest.find("】");
    if (close != std::string_view::npos) return std::string(utf8::trim(rest.substr(3, close - 3)));
  }
  if (label.kind == LabelKind::chapter || label.kind == LabelKind::section) {
    std::size_t next = next_label_on_line(line, label);
    if (next != std::string_view::npos && next > label.body)
      rest = utf8::trim(line.substr(label.body, next - label.body));
  }
  std::size_t stop = rest.find("。");
  if (stop != std::string_view::npos) rest = rest.substr(0, stop);
  // Closing punctuation of a list item is not part of its heading.
  for (std::string_view tail : {"；", ";", "，", ",", "：", ":"}) {
    if (rest.size() >= tail.size() && rest.substr(rest.size() - tail.size()) == tail) {
      rest.remove_suffix(tail.size());
      break;
    }
  }
  // At most 60 characters: a heading, not a paragraph. No more bytes than
  // that hold no more characters: all of it.
  std::size_t i = rest.size() <= 60 ? rest.size() : 0, n = 0;
  while (i < rest.size() && n < 60) {
    utf8::next(rest, i);
    ++n;
  }
  // rest starts trimmed (every path above trims it): only its end may need it.
  return std::string(utf8::trim_right(rest.substr(0, i)));
}

std::size_t next_label_on_line(std::string_view line, const Label& label) {
  if (label.kind != LabelKind::chapter && label.kind != LabelKind::section)
    return std::string_view::npos;
  thread_local std::vector<Cp> buffer;
  const Cps cps(line, label.end, 400, buffer);
  for (std::size_t k = 1; cps.has(k); ++k) {
    if (cps[k].c != U'第' || !is_blank(cps[k - 1].c)) continue;
    auto l = chapter_like(line, cps, k);
    if (!l) continue;
    // A chapter may carry its first section or article; a section its article.
    bool deeper = label.kind == LabelKind::chapter
                      ? (l->kind == LabelKind::section || l->kind == LabelKind::article)
                      : l->kind == LabelKind::article;
    if (deeper) return l->begin;
  }
  return std::string_view::npos;
}

}  // namespace policy::structure

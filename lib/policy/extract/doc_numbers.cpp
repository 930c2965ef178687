#include "policy/extract/doc_numbers.h"

#include <algorithm>
#include <charconv>
#include <span>

#include "policy/core/strings.h"
#include "policy/extract/unit_names.h"
#include "policy/text/numeral.h"
#include "policy/text/utf8.h"

namespace policy::extract {

namespace {

// Matched from the bracket (or 令) on; the code before it is read backwards
// by hand, which keeps the scan fast on long texts.

// RE2's \s: [\t\n\f\r ].
std::size_t skip_blanks(std::string_view t, std::size_t p, std::size_t limit) {
  while (p < limit && (t[p] == ' ' || t[p] == '\t' || t[p] == '\n' || t[p] == '\f' || t[p] == '\r')) ++p;
  return p;
}

// The length of `w` when it stands at p and ends by `limit`, else 0.
// (Byte by byte: the words are a character or two, and compare() called memcmp.)
std::size_t word_at(std::string_view t, std::size_t p, std::size_t limit, std::string_view w) {
  if (w.size() > limit - std::min(p, limit)) return 0;
  for (std::size_t k = 0; k < w.size(); ++k)
    if (t[p + k] != w[k]) return 0;
  return w.size();
}
std::size_t word_at(std::string_view t, std::size_t p, std::size_t limit, std::span<const std::string_view> words) {
  for (std::string_view w : words)
    if (const std::size_t n = word_at(t, p, limit, w)) return n;
  return 0;
}

bool is_digit(char c) { return c >= '0' && c <= '9'; }

// \s*第?\s*(\d{1,6})\s*号 from p: the serial's range and the end, else npos.
std::size_t serial_at(std::string_view t, std::size_t p, std::size_t limit, Range& serial) {
  p = skip_blanks(t, p, limit);
  p += word_at(t, p, limit, "第");
  p = skip_blanks(t, p, limit);
  std::size_t q = p;
  while (q < limit && is_digit(t[q])) ++q;
  // Seven digits or more: no shorter run is followed by 号 either.
  if (q == p || q - p > 6) return std::string_view::npos;
  serial = {p, q};
  q = skip_blanks(t, q, limit);
  const std::size_t hao = word_at(t, q, limit, "号");
  return hao ? q + hao : std::string_view::npos;
}
// On the folded text: ［］→[], （）→().
constexpr std::string_view kOpenBrackets[] = {"〔", "[", "【", "(", "〖"};
constexpr std::string_view kCloseBrackets[] = {"〕", "]", "】", ")", "〗"};

// The run of ideographs that ends at `end` (at most `max` of them), skipping
// blanks right before `end`.
std::string_view han_run_before(std::string_view t, std::size_t end, std::size_t max) {
  // 浙政办发\n〔2020〕47号: a number may wrap between its code and its year.
  while (end > 0 && (t[end - 1] == ' ' || t[end - 1] == '\t' || t[end - 1] == '\n' || t[end - 1] == '\r')) --end;
  std::size_t b = end, n = 0;
  while (b > 0 && n < max) {
    std::size_t j = b;
    if (!utf8::is_han(utf8::prev(t, j))) break;
    b = j;
    ++n;
  }
  return t.substr(b, end - b);
}

// What follows the last word that is no part of a code (印发, 根据, 的…).
std::size_t after_lead_words(std::string_view run, const lexicon::Lexicon& lex) {
  std::size_t cut = 0;
  for (const auto& w : lex.words(lexicon::Class::code_lead).all()) {
    const std::size_t p = run.rfind(w.text);
    if (p != std::string_view::npos && p + w.text.size() > cut && p + w.text.size() < run.size())
      cut = p + w.text.size();
  }
  return cut;
}

// 0 and every place a lead word ends before the run's end, in order.
std::vector<std::size_t> lead_word_ends(std::string_view run, const lexicon::Lexicon& lex) {
  std::vector<std::size_t> ends{0};
  for (const auto& w : lex.words(lexicon::Class::code_lead).all())
    for (std::size_t p = run.find(w.text); p != std::string_view::npos; p = run.find(w.text, p + 1))
      if (p + w.text.size() < run.size()) ends.push_back(p + w.text.size());
  std::sort(ends.begin(), ends.end());
  return ends;
}

std::string agency_code(std::string_view run, const gazetteer::Gazetteer& g, const lexicon::Lexicon& lex) {
  // The longest tail the gazetteer knows (国市监综发 over 市监综发), which is
  // the shortest code that stands complete after the words before it. The
  // starts of the two characters before the tail are kept as it moves on.
  std::size_t before[2] = {std::string_view::npos, std::string_view::npos};  // one back, two back
  for (std::size_t at = 0; at < run.size();) {
    std::string_view tail = run.substr(at);
    if (g.body_for_code(tail)) {
      // 鄂财建: a region abbreviation right before a known central code (财建)
      // makes a provincial code the tables do not list; keep it whole.
      for (std::size_t b : before)
        if (b != std::string_view::npos && g.region_of_abbr(run.substr(b, at - b))) return std::string(run.substr(b));
      return std::string(tail);
    }
    before[1] = before[0];
    before[0] = at;
    utf8::next(run, at);
  }
  // Unknown code: what follows the last lead word, unless a lead word's
  // characters stand inside the code (京经信发: 经): a code that opens with
  // a region's abbreviation right after a lead word, or at the start, is
  // whole from there.
  std::size_t from = after_lead_words(run, lex);
  for (std::size_t at : lead_word_ends(run, lex))
    if (at < from && g.region_of_code(run.substr(at))) {
      from = at;
      break;
    }
  // 市政府办公室宜府办发: an issuer's whole name written right before its code
  // is no part of it (the longest such name; the code keeps two characters).
  for (std::size_t at = run.size(); at > from;) {
    utf8::prev(run, at);
    if (at <= from || utf8::length(run.substr(at)) < 2) continue;
    if (utf8::length(run.substr(from, at - from)) >= 3 && is_complete_unit(run.substr(from, at - from), lex)) {
      from = at;
      break;
    }
  }
  std::string_view code = run.substr(from);
  // Codes are short; keep the last eight characters of a long run.
  std::size_t cut = code.size();
  for (int n = 0; n < 8 && cut > 0; ++n) utf8::prev(code, cut);
  return std::string(code.substr(cut));
}

std::string order_code(std::string_view run, const lexicon::Lexicon& lex) {
  return std::string(run.substr(after_lead_words(run, lex)));
}

// An order is numbered by a body: the run before 令 must name one.
bool names_a_body(std::string_view code, const lexicon::Lexicon& lex) {
  return lex.words(lexicon::Class::order_body).occurs_in(code);
}

}  // namespace

namespace doc_number_scan {

// A serial is \d{1,6} followed by blanks and 号: its digits end a run (the
// character after them is a blank or 号, neither a digit nor a point), so
// the runs' ends are the only places to look.
bool digits_then_hao(const ClauseText& ct) {
  const std::string_view t = ct.folded();
  for (const NumberRun& n : ct.numbers()) {
    if (!n.arabic) continue;
    const std::size_t q = skip_blanks(t, n.end, t.size());
    if (t.size() - q >= 3 && t[q] == '\xE5' && t[q + 1] == '\x8F' && t[q + 2] == '\xB7') return true;  // 号
  }
  return false;
}

// Appended by hand: fmt::format parsed its format string for each number.
std::string normalized(std::string_view code, std::optional<int> year, std::int64_t serial) {
  char digits[24];
  std::string out(code);
  if (year) {
    out += "〔";
    out.append(digits, std::to_chars(digits, digits + sizeof digits, *year).ptr);
    out += "〕";
  } else {
    out += "第";
  }
  out.append(digits, std::to_chars(digits, digits + sizeof digits, serial).ptr);
  out += "号";
  return out;
}

}  // namespace doc_number_scan

std::optional<NumberForm> numbered_at(std::string_view t, std::size_t open, std::size_t limit) {
  limit = std::min(limit, t.size());
  std::size_t p = open;
  const std::size_t bracket = word_at(t, p, limit, kOpenBrackets);
  if (!bracket) return std::nullopt;
  p = skip_blanks(t, p + bracket, limit);
  // (?:19|20)\d{2}, then blanks and the closing bracket (a fifth digit is none).
  if (p + 4 > limit || !((t[p] == '1' && t[p + 1] == '9') || (t[p] == '2' && t[p + 1] == '0')) ||
      !is_digit(t[p + 2]) || !is_digit(t[p + 3]))
    return std::nullopt;
  NumberForm f;
  f.begin = open;
  f.year = {p, p + 4};
  p = skip_blanks(t, p + 4, limit);
  const std::size_t close = word_at(t, p, limit, kCloseBrackets);
  if (!close) return std::nullopt;
  f.end = serial_at(t, p + close, limit, f.serial);
  if (f.end == std::string_view::npos) return std::nullopt;
  return f;
}

std::optional<NumberForm> next_order(std::string_view t, std::size_t from) {
  const std::size_t limit = t.size();
  for (std::size_t at = t.find("令", from); at != std::string_view::npos; at = t.find("令", at + 3)) {
    NumberForm f;
    f.begin = at;
    std::size_t p = skip_blanks(t, at + 3, limit);
    if (p < limit && t[p] == '(') {
      // 令（第19号） keeps its brackets; in （国务院令第732号） the ） closes
      // another pair and is no part of the number.
      p = skip_blanks(t, p + 1, limit);
      const std::size_t di = word_at(t, p, limit, "第");
      if (!di) continue;
      std::size_t e = serial_at(t, p, limit, f.serial);
      if (e == std::string_view::npos) continue;
      e = skip_blanks(t, e, limit);
      if (e >= limit || t[e] != ')') continue;
      f.end = e + 1;
      return f;
    }
    if (!word_at(t, p, limit, "第")) continue;
    f.end = serial_at(t, p, limit, f.serial);
    if (f.end != std::string_view::npos) return f;
  }
  return std::nullopt;
}

std::vector<DocNumberMention> find_doc_numbers(std::string_view original, const gazetteer::Gazetteer& g,
                                               const lexicon::Lexicon& lex) {
  // Quick reject before folding: every number ends in 号.
  if (!has_char3(original, "号")) return {};
  return find_doc_numbers(ClauseText(original, lex), g);
}

std::vector<DocNumberMention> find_doc_numbers(const ClauseText& ct, const gazetteer::Gazetteer& g) {
  std::vector<DocNumberMention> out;
  const std::string& t = ct.folded();
  if (!doc_number_scan::digits_then_hao(ct)) return out;
  const lexicon::Lexicon& lex = ct.lexicon();
  auto digits = [&](Range r) { return *text::parse_digits(std::string_view(t).substr(r.begin, r.end - r.begin)); };

  // 〔2021〕51号: matched at the bracket before each year the clause's pass found.
  for (const NumberRun& n : ct.numbers()) {
    if (!n.arabic || n.end - n.begin != 4) continue;
    std::size_t b = n.begin;
    while (b > 0 && (t[b - 1] == ' ' || t[b - 1] == '\t' || t[b - 1] == '\n')) --b;
    if (b == 0) continue;
    std::size_t open = b;
    utf8::prev(t, open);
    // A number is short: it ends within 64 bytes of its bracket.
    const auto m = numbered_at(t, open, open + 64);
    if (!m) continue;
    b = open;
    const std::size_t e = m->end;
    std::string_view run = han_run_before(t, b, 16);
    std::string code = agency_code(run, g, lex);
    if (code.empty()) continue;
    std::size_t code_begin = static_cast<std::size_t>(run.data() - t.data()) + (run.size() - code.size());
    DocNumber d;
    d.code = code;
    d.year = static_cast<int>(digits(m->year));
    d.serial = digits(m->serial);
    d.normalized = doc_number_scan::normalized(d.code, d.year, d.serial);
    std::size_t ob = ct.to_original(code_begin), oe = ct.to_original(e, true);
    d.text = std::string(ct.original().substr(ob, oe - ob));
    out.push_back({std::move(d), ob, oe});
  }

  std::size_t pos = 0;
  const bool orders = has_char3(t, "令");
  while (orders && pos < t.size()) {
    const auto m = next_order(t, pos);
    if (!m) break;
    const std::size_t b = m->begin, e = m->end;
    pos = e;
    std::string_view run = han_run_before(t, b + 3, 24);  // the run ends with 令
    // 2019年8月1日省人民政府令: the date's last character is no part of the code.
    if (const std::size_t at = static_cast<std::size_t>(run.data() - t.data());
        at > 0 && is_digit(t[at - 1]) && (starts_with(run, "日") || starts_with(run, "年") || starts_with(run, "月")))
      run.remove_prefix(3);
    std::string code = order_code(run, lex);
    if (!names_a_body(code, lex)) continue;
    std::size_t code_begin = static_cast<std::size_t>(run.data() - t.data()) + (run.size() - code.size());
    DocNumber d;
    d.code = code;
    d.serial = digits(m->serial);
    d.normalized = doc_number_scan::normalized(d.code, std::nullopt, d.serial);
    std::size_t ob = ct.to_original(code_begin), oe = ct.to_original(e, true);
    d.text = std::string(utf8::trim(ct.original().substr(ob, oe - ob)));
    out.push_back({std::move(d), ob, oe});
  }
  std::sort(out.begin(), out.end(),
            [](const DocNumberMention& a, const DocNumberMention& b) { return a.begin < b.begin; });
  return out;
}

}  // namespace policy::extract

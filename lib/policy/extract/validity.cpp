#include "policy/extract/validity.h"

#include <algorithm>

#include <fmt/format.h>

#include "policy/core/strings.h"
#include "policy/text/fold.h"
#include "policy/text/numeral.h"
#include "policy/text/utf8.h"

namespace policy::extract {

namespace {

using lexicon::Class;
using lexicon::Lexicon;
using Kind = ValidityStatement::Kind;

bool is_digit(char c) { return c >= '0' && c <= '9'; }

// A date starting at folded offset p: (end, YYYY[-MM[-DD]]). Forms:
// 2025年12月31日, 2025年12月底, 2021年, 二〇二一年, 2025-09-12, 2025.9.12.
std::optional<std::pair<std::size_t, std::string>> date_at(std::string_view t, std::size_t p) {
  std::size_t i = p;
  while (i < t.size() && t[i] == ' ') ++i;
  // The year: four ASCII digits, or four Chinese digits.
  int year = 0;
  std::size_t y = i;
  if (y + 4 <= t.size() && is_digit(t[y]) && is_digit(t[y + 1]) && is_digit(t[y + 2]) && is_digit(t[y + 3]) &&
      (y + 4 == t.size() || !is_digit(t[y + 4]))) {
    year = static_cast<int>(*text::parse_digits(t.substr(y, 4)));
    i = y + 4;
  } else {
    std::size_t k = y;
    int n = 0;
    while (k < t.size() && n < 4) {
      std::size_t j = k;
      const int d = text::chinese_digit(utf8::next(t, j));
      if (d < 0) break;
      year = year * 10 + d;
      k = j;
      ++n;
    }
    if (n != 4) return std::nullopt;
    i = k;
  }
  if (year < 1949 || year > 2100) return std::nullopt;
  auto number = [&](std::size_t& at) -> int {
    std::size_t k = at;
    while (k < t.size() && t[k] == ' ') ++k;
    std::size_t e = k;
    while (e < t.size() && is_digit(t[e]) && e - k < 2) ++e;
    if (e > k) {
      const int v = static_cast<int>(*text::parse_digits(t.substr(k, e - k)));
      at = e;
      return v;
    }
    // Chinese: up to three numeral characters (十二, 三十一).
    std::size_t j = k, last = k;
    for (int n = 0; n < 3 && j < t.size(); ++n) {
      std::size_t q = j;
      const char32_t c = utf8::next(t, q);
      if (text::chinese_digit(c) < 0 && c != U'十') break;
      j = q;
      last = j;
    }
    if (last == k) return 0;
    auto v = text::parse_chinese_integer(t.substr(k, last - k));
    if (!v) return 0;
    at = last;
    return static_cast<int>(*v);
  };
  int month = 0, day = 0;
  if (starts_with(t.substr(i), "年")) {
    i += 3;
    std::size_t m = i;
    if (const int v = number(m); v >= 1 && v <= 12 && starts_with(t.substr(m), "月")) {
      month = v;
      i = m + 3;
      std::size_t d = i;
      if (const int w = number(d); w >= 1 && w <= 31 && starts_with(t.substr(d), "日")) {
        day = w;
        i = d + 3;
      }
    }
  } else if (i < t.size() && (t[i] == '-' || t[i] == '.' || t[i] == '/')) {
    const char sep = t[i];
    std::size_t m = i + 1;
    const int v = number(m);
    if (v < 1 || v > 12) return std::nullopt;
    month = v;
    i = m;
    if (i < t.size() && t[i] == sep) {
      std::size_t d = i + 1;
      if (const int w = number(d); w >= 1 && w <= 31) {
        day = w;
        i = d;
      }
    }
  } else {
    return std::nullopt;
  }
  if (!day && (starts_with(t.substr(i), "底") || starts_with(t.substr(i), "末"))) {
    if (!month) month = 12;
    i += 3;
  }
  if (!month) return std::make_pair(i, fmt::format("{:04d}", year));
  if (!day) return std::make_pair(i, fmt::format("{:04d}-{:02d}", year, month));
  return std::make_pair(i, fmt::format("{:04d}-{:02d}-{:02d}", year, month, day));
}

// The start of a date that ends right before folded offset e (a date read
// backwards: 自2025年1月1日起 -> where 2025 starts), or npos.
std::size_t date_ending_at(std::string_view t, std::size_t from, std::size_t e) {
  for (std::size_t b = from; b < e; ++b) {
    if (!is_digit(t[b]) && static_cast<unsigned char>(t[b]) < 0x80) continue;
    auto d = date_at(t, b);
    if (d && d->first == e) return b;
  }
  return std::string_view::npos;
}

// A number of years: 3年, 三年, 两年.
std::optional<int> years_at(std::string_view t, std::size_t& i) {
  while (i < t.size() && t[i] == ' ') ++i;
  std::size_t e = i;
  while (e < t.size() && is_digit(t[e])) ++e;
  std::optional<std::int64_t> v;
  if (e > i) {
    v = text::parse_digits(t.substr(i, e - i));
  } else {
    std::size_t j = i;
    while (j < t.size()) {
      std::size_t q = j;
      if (!text::is_chinese_numeral_char(utf8::next(t, q))) break;
      j = q;
    }
    if (j > i) v = text::parse_chinese_integer(t.substr(i, j - i));
    e = j;
  }
  if (!v || *v < 1 || *v > 100 || !starts_with(t.substr(e), "年")) return std::nullopt;
  i = e + 3;
  return static_cast<int>(*v);
}

// A statement about the document itself is followed by the end of its
// phrase, not by a noun it qualifies (有效期5年的许可) or 内 (有效期内).
bool phrase_ends(std::string_view t, std::size_t i) {
  if (starts_with(t.substr(i), "止")) i += 3;
  while (i < t.size() && t[i] == ' ') ++i;
  if (i >= t.size()) return true;
  const char c = t[i];
  return c == ',' || c == ';' || c == '.' || c == '\n' || c == ')' || starts_with(t.substr(i), "。") ||
         starts_with(t.substr(i), "、");
}

}  // namespace

std::optional<std::string> parse_validity_date(std::string_view text) {
  const std::string f = text::fold(text);
  for (std::size_t i = 0; i < f.size(); ++i)
    if (is_digit(f[i]) || static_cast<unsigned char>(f[i]) >= 0x80)
      if (auto d = date_at(f, i)) return d->second;
  return std::nullopt;
}

std::vector<ValidityStatement> find_validity(const ClauseText& ct) {
  std::vector<ValidityStatement> out;
  const std::string_view t = ct.folded();
  const Lexicon& lex = ct.lexicon();
  auto add = [&](Kind kind, std::size_t where, std::string date, std::string date2 = {}, int years = 0) {
    const auto& ss = ct.sentences();
    ValidityStatement s{kind, std::move(date), std::move(date2), years, false, {}};
    if (!ss.empty()) {
      const Range r = ss[ct.sentence_index(where)];
      const std::string_view body = utf8::trim(ct.folded(r));
      s.about_document = starts_with(body, "本");
      s.sentence = utf8::single_line(ct.original_text(r.begin, r.end), 200);
    }
    out.push_back(std::move(s));
  };
  // 自2025年1月1日起施行, 自印发之日起施行, 自2021年开始执行, 2020年1月1日起施行.
  for (const Hit& h : ct.hits(Class::validity_start_verb)) {
    std::size_t b = h.begin;
    while (b > 0 && t[b - 1] == ' ') --b;
    bool started = false;
    for (std::string_view w : {"起", "开始"})
      if (b >= w.size() && t.compare(b - w.size(), w.size(), w) == 0) {
        b -= w.size();
        started = true;
        break;
      }
    if (!started) continue;
    while (b > 0 && t[b - 1] == ' ') --b;
    if (b >= 6 && t.compare(b - 6, 6, "之日") == 0) {  // 自印发之日起
      const std::size_t e = b - 6;
      bool signing = false;
      for (const auto& w : lex.words(Class::validity_start_event).all())
        if (e >= w.text.size() && t.compare(e - w.text.size(), w.text.size(), w.text) == 0) signing = true;
      if (signing) add(Kind::from_signing, h.begin, {});
      continue;
    }
    const std::size_t floor = b > 48 ? b - 48 : 0;
    const std::size_t d = date_ending_at(t, floor, b);
    if (d == std::string_view::npos) continue;
    add(Kind::from_date, h.begin, date_at(t, d)->second);
    // 自2025年1月1日起执行，至2025年12月31日止 / …起施行至2029年12月31日: the end
    // written after the start.
    std::size_t i = h.end;
    while (i < t.size() && (t[i] == ' ' || t[i] == ',')) ++i;
    for (std::string_view to : {"至", "到"})
      if (starts_with(t.substr(i), to)) {
        if (auto e = date_at(t, i + to.size()); e && phrase_ends(t, e->first)) add(Kind::until_date, h.begin, e->second);
        break;
      }
  }
  // 有效期至2027年12月31日, 政策执行期限至2025年12月底.
  std::size_t until_end = 0;
  for (const Hit& h : ct.hits(Class::validity_until)) {
    auto d = date_at(t, h.end);
    if (!d || !phrase_ends(t, d->first)) continue;
    add(Kind::until_date, h.begin, d->second);
    until_end = std::max<std::size_t>(until_end, h.end);
  }
  // 有效期3年, 有效期为两年.
  for (const Hit& h : ct.hits(Class::validity_term)) {
    if (h.begin < until_end) continue;  // 有效期 of 有效期至
    std::size_t i = h.end;
    auto years = years_at(t, i);
    if (!years || !phrase_ends(t, i)) continue;
    add(Kind::term_years, h.begin, {}, {}, *years);
  }
  // 执行期自2024年1月1日至2025年12月31日, 实施期为2024年至2026年.
  for (const Hit& h : ct.hits(Class::validity_period)) {
    std::size_t i = h.end;
    for (std::string_view w : {"自", "为", "从"})
      if (starts_with(t.substr(i), w)) i += w.size();
    auto a = date_at(t, i);
    if (!a) continue;
    std::size_t j = a->first;
    while (j < t.size() && t[j] == ' ') ++j;
    if (starts_with(t.substr(j), "起")) j += 3;  // 有效期自2025年1月1日起至…止
    while (j < t.size() && t[j] == ' ') ++j;
    bool to = false;
    for (std::string_view w : {"至", "到", "-", "—", "~"})
      if (starts_with(t.substr(j), w)) {
        j += w.size();
        to = true;
        break;
      }
    auto b = to ? date_at(t, j) : std::nullopt;
    if (!b) continue;
    add(Kind::period, h.begin, a->second, b->second);
  }
  return out;
}

namespace {

// YYYY[-MM[-DD]] + N years.
std::string plus_years(const std::string& date, int years) {
  const int y = std::stoi(date.substr(0, 4)) + years;
  return fmt::format("{:04d}", y) + date.substr(4);
}

}  // namespace

Validity assemble_validity(const std::vector<ValidityStatement>& statements,
                           const std::optional<std::string>& document_date, const structure::Header& header,
                           const lexicon::Lexicon& lex) {
  Validity v;
  using lexicon::HeaderField;
  // Statements about the document itself (本办法…) before the others.
  std::vector<const ValidityStatement*> ordered;
  for (const auto& s : statements)
    if (s.about_document) ordered.push_back(&s);
  for (const auto& s : statements)
    if (!s.about_document) ordered.push_back(&s);

  std::vector<std::string> texts;
  auto note = [&](const ValidityStatement& s) {
    if (!s.sentence.empty() && std::find(texts.begin(), texts.end(), s.sentence) == texts.end())
      texts.push_back(s.sentence);
  };
  std::optional<int> term;
  for (const ValidityStatement* s : ordered) {
    switch (s->kind) {
      case Kind::from_date:
        if (!v.from) {
          v.from = s->date;
          note(*s);
        }
        break;
      case Kind::from_signing:
        if (!v.from) {
          if (document_date) v.from = document_date;
          else if (const auto* h = header.find(HeaderField::validity_from)) v.from = parse_validity_date(h->value);
          if (v.from) note(*s);
        }
        break;
      case Kind::period:
        if (!v.from) v.from = s->date;
        if (!v.until) {
          v.until = s->date2;
          note(*s);
        }
        break;
      case Kind::until_date:
        if (!v.until) {
          v.until = s->date;
          note(*s);
        }
        break;
      case Kind::term_years:
        if (!term) {
          term = s->years;
          note(*s);
        }
        break;
    }
  }
  // The header fills what the body does not say.
  if (!v.from)
    if (const auto* h = header.find(HeaderField::validity_from)) v.from = parse_validity_date(h->value);
  if (!v.until && term && v.from) v.until = plus_years(*v.from, *term);
  if (!v.until)
    if (const auto* h = header.find(HeaderField::validity_until)) v.until = parse_validity_date(h->value);
  if (const auto* h = header.find(HeaderField::status)) {
    const std::string f = text::fold(h->value);
    if (lex.words(Class::validity_expired).find(f)) v.status = "expired";
    else if (lex.words(Class::validity_in_force).find(f)) v.status = "in force";
  }
  if (!texts.empty()) v.text = join(texts, " ");
  return v;
}

}  // namespace policy::extract

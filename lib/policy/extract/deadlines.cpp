#include "policy/extract/deadlines.h"

#include <re2/re2.h>

#if defined(__SSE2__)
#include <emmintrin.h>
#endif

#include <algorithm>
#include <map>

#include <fmt/format.h>

#include "policy/core/strings.h"
#include "policy/text/numeral.h"
#include "policy/text/utf8.h"

namespace policy::extract {

// The date grammar, on the folded text (ASCII digits, ':' and '(' ')'). Every
// pattern is matched anchored where the clause's pass found a candidate (a
// year, a slot word, a 到), never scanned over the whole text.
// A date: year, optional month (and its 上旬/中旬/下旬: the month is the
// date), day, 底/末 (2025年年底 too), 前 (read by deadline_scan::match_date).
const char* const deadline_scan::kDatePattern =
    R"(((?:\d{4}|[〇零一二三四五六七八九]{4}))\s*年\s*(?:(\d{1,2}|[一二三四五六七八九十]{1,3})\s*月(?:份)?(?:\s*[上中下]旬)?)?\s*(?:(\d{1,2})\s*日)?\s*((?:年\s*)?(?:底|末))?\s*(?:以?前|之前)?)";

namespace {

using lexicon::Class;

// The end of a quarter or a half: 2024年第三季度前, 2024年上半年.
const char* const kPart =
    R"(((?:\d{4}|[〇零一二三四五六七八九]{4}))\s*年\s*(?:第?\s*([一二三四1-4])\s*季度|([上下])半年)\s*(?:末|底)?\s*(以?前|之前)?)";

struct Patterns {
  RE2 date{deadline_scan::kDatePattern};
  RE2 part{kPart};
  RE2 dotted{R"((\d{4})\s*[.\-/]\s*(\d{1,2})(?:\s*[.\-/]\s*(\d{1,2}))?)"};
  RE2 month{R"((\d{1,2})\s*月(?:份)?(?:\s*[上中下]旬)?\s*(底|末)?\s*(?:以?前)?)"};
  RE2 month_before{R"((\d{1,2})\s*月(?:\s*[上中下]旬)?(?:\s*(\d{1,2})\s*日)?\s*(?:底|末)?\s*(?:以?前|之前))"};
  RE2 year_end{R"(\s*(?:以?前)?)"};           // after 年底 / 年末 in a slot
  RE2 year_end_before{R"(\s*(?:以?前|之前))"};  // after 年底 / 年末 in prose
  RE2 spaces{R"(\s*)"};
  RE2 month_day{R"((\d{1,2})\s*月\s*(\d{1,2})\s*日)"};
  RE2 listed_quarter{R"(第?\s*([一二三四1-4])\s*季度\s*(?:末|底)?\s*(?:以?前)?)"};  // after 、 in a list
  RE2 term{R"(\s*["“]?\s*十([一二三四五])五\s*["”]?\s*(?:规划)?\s*(?:期末|末))"};  // after 到
};

const Patterns& patterns() {
  static const Patterns p;
  return p;
}

int read_number(std::string_view s) {
  if (auto v = text::parse_digits(s)) return static_cast<int>(*v);
  if (auto v = text::parse_chinese_integer(s)) return static_cast<int>(*v);
  return 0;
}

std::string make_date(int year, int month, int day) { return deadline_scan::make_date(year, month, day); }

bool plausible_year(int y) { return y >= 1949 && y <= 2100; }

std::string_view piece(const re2::StringPiece& p) { return {p.data(), p.size()}; }

class Finder {
 public:
  // `plain` reads every segment of a bracket in full, without the quick
  // no's: the reading the tests hold the quick one to.
  Finder(const ClauseText& ct, std::optional<int> context_year, bool plain = false)
      : ct_(ct), t_(ct.folded()), context_year_(context_year), plain_(plain) {}

  std::vector<DeadlineMention> run() {
    const Patterns& P = P_;
    // Years: the starts of the number runs that may be one (first: the
    // slots' dates look their matches up by them).
    for (const NumberRun& n : ct_.numbers())
      if (n.end - n.begin == (n.arabic ? 4u : 12u)) years_.push_back(n.begin);
    slots();
    bracket_slots();
    // 2024年第三季度前 / 到2024年上半年: the end of the quarter or half.
    for (std::size_t y : years_) {
      re2::StringPiece g[5];
      if (!year_then_nian(y) || !match(P.part, y, g, 5)) continue;
      const std::size_t to = to_before(y);
      if (to == std::string::npos && g[4].empty()) continue;  // neither 到 nor 前: a span
      take(to == std::string::npos ? y : to, end_of(g[0]), part_end(g + 1));
    }
    // 到“十三五”期末
    for (const Hit& h : ct_.hits(Class::deadline_to)) {
      re2::StringPiece g[2];
      if (!match(P.term, h.end, g, 2)) continue;
      const int k = 10 + (g[1] == "一" ? 1 : g[1] == "二" ? 2 : g[1] == "三" ? 3 : g[1] == "四" ? 4 : 5);
      take(h.begin, end_of(g[0]), fmt::format("{:04d}", 2010 + 5 * (k - 11)));
    }
    // 到2025年 / 到2020年底
    for (const Hit& h : ct_.hits(Class::deadline_to)) {
      const std::size_t y = skip_spaces(h.end);
      if (!is_year_start(y) || !year_then_nian(y)) continue;
      re2::StringPiece g[5];
      if (match(P.date, y, g, 5)) take(h.begin, end_of(g[0]), date_from(g));
    }
    // 2025年前 / 2022年10月底前: a date needs 前 here to be a deadline.
    for (std::size_t y : years_) {
      re2::StringPiece g[5];
      if (!year_then_nian(y) || !match(P.date, y, g, 5)) continue;
      if (piece(g[0]).find("前") == std::string_view::npos) continue;
      // 2024年前三季度 is a span of time, not a deadline.
      if (ct_.lexicon().words(Class::deadline_span).starts(t_.substr(end_of(g[0])))) continue;
      take(y, end_of(g[0]), date_from(g));
    }
    // 年底前 / 6月底前 without a year: the year comes from the context.
    if (context_year_) {
      for (const Hit& h : ct_.hits(Class::deadline_year_end)) {
        re2::StringPiece g[1];
        // 每年底前 / 每月底前 recur: no one date.
        if (!match(P.year_end_before, h.end, g, 1) || recurring_before(h.begin)) continue;
        take(h.begin, end_of(g[0]), make_date(*context_year_, 12, 0));
      }
    }
    // 10月31日前 / 12月底前 without a year: the year of the date read before
    // it in the clause (…2025年7月底前完成方案，12月底前完成验收), else the
    // context's.
    for (const NumberRun& n : ct_.numbers()) {
      if (!n.arabic || n.end - n.begin > 2) continue;
      re2::StringPiece g[3];
      if (!match(P.month_before, n.begin, g, 3)) continue;
      if (preceded_by_year(n.begin) || recurring_before(n.begin)) continue;
      const std::optional<int> year = year_read_before(n.begin);
      if (!year) continue;
      take(n.begin, end_of(g[0]), make_date(*year, read_number(piece(g[1])), g[2].empty() ? 0 : read_number(piece(g[2]))));
    }
    // 申请期限至2025年12月底, 申报时间：2024年12月24日～2025年1月14日17:00: an
    // application window is one deadline, its end.
    for (const Hit& h : ct_.hits(Class::deadline_window)) {
      std::size_t p = skip_blanks(h.end);
      // (受理时间：即日起至2025年6月30日: from today, to its end.)
      for (std::string_view w : {":", "为", "即日起", "自即日起", "至", "自", "从"})
        if (t_.compare(p, w.size(), w) == 0) p = skip_blanks(p + w.size());
      auto first = date_at(p);
      if (!first) continue;
      std::size_t e = first->first;
      std::string date = first->second;
      read_window_end(e, date);
      take(h.begin, e, date);
    }
    // 10月底完善平台功能 / 2022年10月底完成: a month's end that opens a
    // sentence or phrase is the time limit of what follows.
    for (const NumberRun& n : ct_.numbers()) {
      if (!n.arabic || n.end - n.begin > 4) continue;
      std::size_t start = n.begin;
      re2::StringPiece g[5];
      std::string date;
      std::size_t end = 0;
      if (n.end - n.begin == 4) {
        if (!year_then_nian(n.begin) || !match(P.date, n.begin, g, 5) || g[2].empty() || g[4].empty()) continue;
        date = date_from(g);
        end = end_of(g[0]);
      } else {
        if (!context_year_ || preceded_by_year(n.begin) || !match(P.month, n.begin, g, 3) || g[2].empty()) continue;
        const int m = read_number(piece(g[1]));
        if (m < 1 || m > 12) continue;
        date = make_date(*context_year_, m, 0);
        end = end_of(g[0]);
      }
      if (!opens_phrase(start) || !leads_a_verb(end)) continue;
      take(start, end, date);
    }
    std::sort(found_.begin(), found_.end(), [](const Found& a, const Found& b) { return a.begin < b.begin; });
    std::vector<DeadlineMention> out;
    for (const Found& f : found_) out.push_back(mention(f.begin, f.end, f.date));
    return out;
  }

  // A date starting at folded offset p, in a deadline slot: (end, date).
  std::optional<std::pair<std::size_t, std::string>> date_at(std::size_t p, bool in_bracket = false) const {
    const Patterns& P = P_;
    if (p >= t_.size()) return std::nullopt;
    re2::StringPiece g[5];
    if (is_year_start(p)) {
      const bool nian = year_then_nian(p);
      if (nian && match(P.part, p, g, 5)) {
        std::string d = part_end(g + 1);
        if (!d.empty()) return std::make_pair(end_of(g[0]), d);
      }
      if (nian && match(P.date, p, g, 5)) {
        // In a bracket a bare year is an edition or a period (2016年修订), not a
        // deadline; a month, 底 or 前 makes it one.
        const bool dated = !in_bracket || !g[2].empty() || !g[4].empty() ||
                           piece(g[0]).find("前") != std::string_view::npos;
        std::string d = dated ? date_from(g) : std::string();
        if (!d.empty()) return std::make_pair(end_of(g[0]), d);
      }
      if (match(P.dotted, p, g, 4)) {
        const int y = read_number(piece(g[1])), m = read_number(piece(g[2]));
        const int d = g[3].empty() ? 0 : read_number(piece(g[3]));
        if (plausible_year(y) && m >= 1 && m <= 12) return std::make_pair(end_of(g[0]), make_date(y, m, d));
      }
    }
    if (context_year_ && p < t_.size() && t_[p] >= '0' && t_[p] <= '9' && match(P.month, p, g, 3)) {
      const int m = read_number(piece(g[1]));
      if (m >= 1 && m <= 12) return std::make_pair(end_of(g[0]), make_date(*context_year_, m, 0));
    }
    const auto& lex = ct_.lexicon();
    if (context_year_) {
      if (const auto* w = lex.words(Class::deadline_year_end).starts(t_.substr(p))) {
        match(P.year_end, p + w->text.size(), g, 1);
        return std::make_pair(end_of(g[0]), make_date(*context_year_, 12, 0));
      }
    }
    if (!in_bracket)
      if (const auto* w = lex.words(Class::deadline_ongoing).starts(t_.substr(p)))
        return std::make_pair(p + w->text.size(), std::string("ongoing"));
    return std::nullopt;
  }

  DeadlineMention mention(std::size_t b, std::size_t e, const std::string& date) const {
    const std::string_view whole = ct_.original_text(b, e);
    const std::string_view trimmed = utf8::trim(whole);
    const std::size_t ob = ct_.to_original(b) + static_cast<std::size_t>(trimmed.data() - whole.data());
    Deadline d;
    d.text = std::string(trimmed);
    d.date = date;
    d.at = {static_cast<std::uint32_t>(ob), static_cast<std::uint32_t>(ob + trimmed.size())};
    return {std::move(d), b};
  }

  std::size_t skip_spaces(std::size_t p) const {
    while (p < t_.size() && (t_[p] == ' ' || t_[p] == '\t' || t_[p] == '\n')) ++p;
    return p;
  }

 private:
  // The year of the last date found before folded offset p, else the context's.
  std::optional<int> year_read_before(std::size_t p) const {
    for (auto it = found_.rbegin(); it != found_.rend(); ++it)
      if (it->end <= p && it->date.size() >= 4 && it->date != "ongoing") return read_number(std::string_view(it->date).substr(0, 4));
    return context_year_;
  }
  struct Found {
    std::size_t begin, end;  // folded offsets
    std::string date;
  };
  // kDate's groups as offsets into the text (null ones as kNull).
  struct DateMatch {
    static constexpr std::uint32_t kNull = 0xFFFFFFFF;
    enum : std::uint8_t { unread, matched, failed } state = unread;
    std::uint32_t begin[5], size[5];
    void keep(std::string_view t, bool ok, const re2::StringPiece* g) {
      state = ok ? matched : failed;
      for (int k = 0; k < 5; ++k) {
        begin[k] = g[k].data() ? static_cast<std::uint32_t>(g[k].data() - t.data()) : kNull;
        size[k] = static_cast<std::uint32_t>(g[k].size());
      }
    }
    re2::StringPiece group(std::string_view t, int k) const {
      return begin[k] == kNull ? re2::StringPiece() : re2::StringPiece(t.data() + begin[k], size[k]);
    }
  };

  // Anchored at `at`, over the next 96 bytes only: every date form is
  // shorter, and RE2 clears work space in proportion to what it is given.
  // RE2 is asked only where the pattern's fixed part is there (most numbers
  // are no date), and kDate once per place (three rules read each year).
  bool match(const RE2& re, std::size_t at, re2::StringPiece* g, int n) const {
    if (at > t_.size() || !may_match(re, at)) return false;
    DateMatch* m = &re == &P_.date && n == 5 ? date_slot(at) : nullptr;
    if (m && m->state != DateMatch::unread) {
      for (int k = 0; k < 5; ++k) g[k] = m->group(t_, k);
      return m->state == DateMatch::matched;
    }
    const std::size_t limit = std::min(t_.size(), at + 96);
    bool ok;
    if (&re == &P_.date && n == 5 && !plain_) {
      // kDate read by hand (RE2 took some 3,000 instructions a call).
      deadline_scan::DateGroups d;
      ok = deadline_scan::match_date(t_, at, limit, d);
      for (int k = 0; k < 5; ++k)
        g[k] = ok && d.begin[k] != deadline_scan::kNoGroup ? re2::StringPiece(t_.data() + d.begin[k], d.end[k] - d.begin[k])
                                                          : re2::StringPiece();
    } else {
      ok = re.Match(re2::StringPiece(t_), at, limit, RE2::ANCHOR_START, g, n);
    }
    if (m) m->keep(t_, ok, g);
    return ok;
  }
  // The slot that keeps kDate's match at a year's start (one per year, so a
  // clause with thousands of years looks up in log time); null elsewhere.
  DateMatch* date_slot(std::size_t at) const {
    const auto it = std::lower_bound(years_.begin(), years_.end(), at);
    if (it == years_.end() || *it != at) return nullptr;
    if (dates_.empty()) dates_.resize(years_.size());
    return &dates_[static_cast<std::size_t>(it - years_.begin())];
  }

  // What a match of `re` at `at` needs: false only where RE2 would fail.
  bool may_match(const RE2& re, std::size_t at) const {
    const Patterns& P = P_;
    if (&re == &P.month || &re == &P.month_before || &re == &P.month_day) {
      // (\d{1,2})\s*月: one or two digits, blanks, 月.
      std::size_t q = at;
      while (q < t_.size() && q - at < 3 && is_digit(t_[q])) ++q;
      return q > at && q - at <= 2 && char3_at(skip_re_spaces(q), "月");
    }
    if (&re == &P.part) {
      // …年\s*(?:第?\s*([一二三四1-4])…|([上下])半年): what follows 年.
      const std::size_t q = after_nian(at);
      if (q == std::string::npos || q >= t_.size()) return false;
      if (t_[q] >= '1' && t_[q] <= '4') return true;
      for (const char* w : {"第", "一", "二", "三", "四", "上", "下"})
        if (char3_at(q, w)) return true;
      return false;
    }
    if (&re == &P.dotted) {
      // (\d{4})\s*[.\-/]
      if (at + 4 > t_.size()) return false;
      for (std::size_t k = at; k < at + 4; ++k)
        if (!is_digit(t_[k])) return false;
      const std::size_t q = skip_re_spaces(at + 4);
      return q < t_.size() && (t_[q] == '.' || t_[q] == '-' || t_[q] == '/');
    }
    if (&re == &P.term) {
      // \s*["“]?\s*十
      std::size_t q = skip_re_spaces(at);
      if (q < t_.size() && t_[q] == '"') ++q;
      else if (char3_at(q, "“")) q += 3;
      return char3_at(skip_re_spaces(q), "十");
    }
    if (&re == &P.year_end_before) {
      // \s*(?:以?前|之前)
      const std::size_t q = skip_re_spaces(at);
      for (std::string_view w : {"前", "以前", "之前"})
        if (t_.compare(q, w.size(), w) == 0) return true;
      return false;
    }
    return true;
  }

  static bool is_digit(char c) { return c >= '0' && c <= '9'; }
  // t_.compare(q, 3, c) == 0 for a three-byte character c, q <= t_.size(),
  // without the call to memcmp.
  bool char3_at(std::size_t q, const char* c) const {
    return q + 3 <= t_.size() && t_[q] == c[0] && t_[q + 1] == c[1] && t_[q + 2] == c[2];
  }
  // RE2's \s: [\t\n\f\r ].
  std::size_t skip_re_spaces(std::size_t p) const {
    while (p < t_.size() && (t_[p] == ' ' || t_[p] == '\t' || t_[p] == '\n' || t_[p] == '\r' || t_[p] == '\f')) ++p;
    return p;
  }
  // After the 年 that follows four digits (or four Chinese numerals) at p,
  // and the blanks after it; npos without one.
  std::size_t after_nian(std::size_t p) const {
    if (!year_then_nian(p)) return std::string::npos;
    const std::size_t q = skip_re_spaces(p < t_.size() && is_digit(t_[p]) ? p + 4 : p + 12);
    return skip_re_spaces(q + 3);
  }
  std::size_t end_of(const re2::StringPiece& m) const {
    return static_cast<std::size_t>(m.data() - t_.data()) + m.size();
  }
  // The year a date ("2024-03-31", "2024") names; none for "ongoing".
  static std::optional<int> year_of(std::string_view date) {
    if (date.size() < 4 || !std::all_of(date.begin(), date.begin() + 4, [](char c) { return c >= '0' && c <= '9'; }))
      return std::nullopt;
    return (date[0] - '0') * 1000 + (date[1] - '0') * 100 + (date[2] - '0') * 10 + (date[3] - '0');
  }
  // Whether four digits (2025, 二〇二五) stand at p: a date there has a year of its own.
  bool year_written_at(std::size_t p) const {
    for (int k = 0; k < 4; ++k) {
      if (p >= t_.size()) return false;
      const char32_t c = utf8::next(t_, p);
      if (!(c >= '0' && c <= '9') && text::chinese_digit(c) < 0) return false;
    }
    return true;
  }
  bool is_year_start(std::size_t p) const {
    if (p >= t_.size()) return false;
    const unsigned char c = static_cast<unsigned char>(t_[p]);
    if (c >= '0' && c <= '9') return true;
    std::size_t i = p;
    return c >= 0x80 && text::chinese_digit(utf8::next(t_, i)) >= 0;
  }

  // Whether [b, e) overlaps a range already taken (ranges do not overlap
  // each other, so the neighbours in `taken_` tell).
  bool taken(std::size_t b, std::size_t e) const {
    auto it = taken_.upper_bound(b);
    if (it != taken_.end() && it->first < e) return true;
    if (it != taken_.begin() && std::prev(it)->second > b) return true;
    return false;
  }
  void take(std::size_t b, std::size_t e, std::string date) {
    if (date.empty() || taken(b, e)) return;
    taken_.emplace(b, e);
    found_.push_back({b, e, std::move(date)});
  }

  // A to-word (到, 不晚于) right before the year at y, blanks between: its start.
  std::size_t to_before(std::size_t y) const {
    // The hits are sorted by begin; the one that may end right before y
    // starts at most a few bytes earlier.
    const auto hits = ct_.hits(Class::deadline_to);
    auto it = std::lower_bound(hits.begin(), hits.end(), y, [](const Hit& h, std::size_t p) { return h.begin < p; });
    while (it != hits.begin()) {
      --it;
      if (it->end <= y && skip_spaces(it->end) == y) return it->begin;
      if (y - it->begin > 64) break;
    }
    return std::string::npos;
  }

  // Whether four digits (or four Chinese numerals) at p are followed by 年,
  // blanks between: kDate and kPart need it, and this costs less than asking RE2.
  bool year_then_nian(std::size_t p) const {
    std::size_t q = p < t_.size() && t_[p] >= '0' && t_[p] <= '9' ? p + 4 : p + 12;
    while (q < t_.size() && (t_[q] == ' ' || t_[q] == '\t' || t_[q] == '\n' || t_[q] == '\r' || t_[q] == '\f')) ++q;
    return char3_at(q, "年");
  }

  // 。 (E3 80 82) at k; the caller has seen its first byte.
  bool is_full_stop(std::size_t k) const { return k + 3 <= t_.size() && t_[k + 1] == '\x80' && t_[k + 2] == '\x82'; }

  // The first , ; or 。 in [from, end), else end: one byte at a time.
  std::size_t plain_next_separator(std::size_t from, std::size_t end) const {
    for (std::size_t k = from; k < end; ++k)
      if (t_[k] == ',' || t_[k] == ';' || (t_[k] == '\xE3' && is_full_stop(k))) return k;
    return end;
  }

  static bool is_clock(char c) { return (c >= '0' && c <= '9') || c == ':'; }

  // At the start of the text, a sentence or a phrase (after 。;,), and not
  // after 截至 (the day a count is taken).
  bool opens_phrase(std::size_t p) const {
    std::size_t b = p;
    while (b > 0 && (t_[b - 1] == ' ' || t_[b - 1] == '\t' || t_[b - 1] == '\n')) --b;
    if (b == 0) return true;
    const char c = t_[b - 1];
    if (c == ',' || c == ';' || c == '(' || c == ':') return true;
    return b >= 3 && (t_.compare(b - 3, 3, "。") == 0 || t_.compare(b - 3, 3, "、") == 0);
  }

  // What follows says what is to be done: a word, not 的, 以来, 以后, 前 (read
  // by the other forms) or a number.
  bool leads_a_verb(std::size_t e) const {
    const std::string_view rest = t_.substr(e);
    if (rest.empty() || rest[0] == ',' || rest[0] == ';') return false;
    for (std::string_view no : {"的", "以来", "以后", "之后", "后", "前", "以前", "之前", "起", "止", "为止", "左右", "时", "间"})
      if (starts_with(rest, no)) return false;
    std::size_t i = 0;
    return utf8::is_han(utf8::next(rest, i));
  }

  bool recurring_before(std::size_t p) const {
    for (const auto& w : ct_.lexicon().words(Class::deadline_recurring).all())
      if (p >= w.text.size() && t_.compare(p - w.text.size(), w.text.size(), w.text) == 0) return true;
    return false;
  }

  bool preceded_by_year(std::size_t i) const {
    std::size_t j = i;
    while (j > 0 && t_[j - 1] == ' ') --j;
    return j >= 3 && t_.compare(j - 3, 3, "年") == 0;
  }

  std::string date_from(const re2::StringPiece* g) const {
    const int year = read_number(piece(g[1]));
    if (!plausible_year(year)) return {};
    int month = g[2].empty() ? 0 : read_number(piece(g[2]));
    const int day = g[3].empty() ? 0 : read_number(piece(g[3]));
    if (month == 0 && !g[4].empty()) month = 12;  // 2025年底
    return make_date(year, month, day);
  }

  // The last month of a quarter or half: g[0] the year, g[1] the quarter, g[2] 上/下.
  static std::string part_end(const re2::StringPiece* g) {
    const int year = read_number(piece(g[0]));
    if (!plausible_year(year)) return {};
    const int month = !g[1].empty() ? 3 * read_number(piece(g[1])) : (g[2] == "上" ? 6 : 12);
    return make_date(year, month, 0);
  }

  // A date after a slot label: 完成时限：2025年4月 / 进度安排：2022年 / 时限：持续推进.
  void slots() {
    std::size_t done = 0;  // 时限 inside 完成时限 is the same label
    for (const Hit& h : ct_.hits(Class::deadline_slot)) {
      if (h.begin < done) continue;
      std::size_t q = h.end;
      while (q < t_.size() && t_[q] == ' ') ++q;
      if (q >= t_.size() || t_[q] != ':') continue;
      done = q + 1;
      if (auto d = date_at(skip_blanks(q + 1))) {
        take(h.begin, d->first, d->second);
        take_listed_after(d->first, d->second, t_.size());
      }
    }
  }

  std::size_t skip_blanks(std::size_t p) const {
    while (p < t_.size() && t_[p] == ' ') ++p;
    return p;
  }

  // 2025年6月、12月 and 2025年第一季度、第三季度 in a slot: each listed date
  // is an item of its own, in the year of the one before it.
  void take_listed_after(std::size_t end, const std::string& date, std::size_t limit) {
    const Patterns& P = P_;
    const int year = date.size() >= 4 ? read_number(date.substr(0, 4)) : 0;
    if (!plausible_year(year)) return;
    while (true) {
      std::size_t p = skip_blanks(end);
      if (p >= limit || !char3_at(p, "、")) return;
      p = skip_blanks(p + 3);
      re2::StringPiece g[3];
      if (p < limit && is_year_start(p)) {  // 2025年上半年、2026年上半年
        if (const auto d = date_at(p, /*in_bracket=*/true); d && d->first <= limit) {
          take(p, d->first, d->second);
          end = d->first;
          continue;
        }
      }
      if (p < limit && match(P.month, p, g, 3)) {
        const int month = read_number(piece(g[1]));
        if (month < 1 || month > 12) return;
        end = end_of(g[0]);
        take(p, end, make_date(year, month, 0));
        continue;
      }
      if (p < limit && match(P.listed_quarter, p, g, 2)) {
        end = end_of(g[0]);
        take(p, end, make_date(year, 3 * read_number(piece(g[1])), 0));
        continue;
      }
      return;
    }
  }

  // A window's end after its start's date (end, date): …至3月31日, …—4月15日,
  // …~2025年1月14日. An end without a year takes the start's; after a start
  // without one (持续推进至3月31日), the context's; with neither, the window
  // keeps its start. Returns whether an end was read.
  bool read_window_end(std::size_t& end, std::string& date) const {
    std::size_t q = end;
    while (q < t_.size() && (t_[q] == ' ' || is_clock(t_[q]))) ++q;
    for (std::string_view w : {"~", "至", "到", "-", "—"}) {
      if (t_.compare(q, w.size(), w) != 0) continue;
      const std::size_t at = skip_blanks(q + w.size());
      const std::optional<int> start_year = year_of(date);
      const std::optional<int> year = start_year ? start_year : context_year_;
      re2::StringPiece g[4];
      if (year_written_at(at)) {
        if (auto last = date_at(at)) {
          end = last->first;
          date = last->second;
          return true;
        }
      } else if (match(P_.month_day, at, g, 4)) {
        if (year) {
          end = end_of(g[0]);
          date = make_date(*year, read_number(piece(g[1])), read_number(piece(g[2])));
          return true;
        }
      } else if (year && match(P_.month, at, g, 3)) {
        const int m = read_number(piece(g[1]));
        if (m >= 1 && m <= 12) {
          end = end_of(g[0]);
          date = make_date(*year, m, 0);
          return true;
        }
      } else if (!start_year) {
        if (auto last = date_at(at)) {  // 年底 in the context's year
          end = last->first;
          date = last->second;
          return true;
        }
      }
      return false;
    }
    return false;
  }

  // （1980年1月1日以后出生）, （2024年1月1日起）: a date a span starts from,
  // no time limit.
  bool starts_a_span(std::size_t date_end) const {
    const std::string_view rest = t_.substr(skip_blanks(date_end));
    for (std::string_view w : {"以后", "之后", "后", "以来", "起", "出生"})
      if (starts_with(rest, w)) return true;
    return false;
  }

  // （2025年4月8日） alone on its line, under a title or a signature: the
  // document's own date (SPEC §2), no deadline.
  bool dates_the_document(const Bracket& b, std::size_t date_end, const std::string& date) const {
    if (date.size() != 10 || skip_blanks(date_end) != b.inner().end) return false;
    for (std::size_t p = b.begin; p > 0 && t_[p - 1] != '\n';)
      if (t_[--p] != ' ' && t_[p] != '\t' && t_[p] != '\r') return false;
    for (std::size_t p = b.end; p < t_.size() && t_[p] != '\n'; ++p)
      if (t_[p] != ' ' && t_[p] != '\t' && t_[p] != '\r') return false;
    return true;
  }

  // Inside brackets, each segment is a slot: (2024.6市生态环境局…),
  // (…负责，持续推进), (…。持续实施), (5月底取得阶段性成效并持续推进).
  void bracket_slots() {
    const auto& lex = ct_.lexicon();
    const auto& ongoing = lex.words(Class::deadline_ongoing);
    const auto& year_end = lex.words(Class::deadline_year_end);
    // A segment closes with 持续推进 only where the clause's pass found one.
    const bool may_close_ongoing = plain_ || !ct_.hits(Class::deadline_ongoing).empty();
    for (const Bracket& b : ct_.brackets()) {
      const Range inner = b.inner();
      std::size_t seg = inner.begin;
      while (seg <= inner.end) {
        const std::size_t next = plain_ ? plain_next_separator(seg, inner.end)
                                        : deadline_scan::next_separator(t_, seg, inner.end);
        const std::size_t lead = skip_blanks(seg);
        // In a bracket date_at finds a date only at a year's start (a
        // digit, or a Chinese one), or 年底 with a context year: most
        // segments open with neither.
        const bool may_date =
            plain_ || is_year_start(lead) || (context_year_ && year_end.starts(t_.substr(std::min(lead, t_.size()))));
        if (lead < next && may_date)
          if (auto d = date_at(lead, /*in_bracket=*/true);
              d && !dates_the_document(b, d->first, d->second) && !starts_a_span(d->first)) {
            // （2025年4月1日—4月15日）: a phase's window is one deadline, its end.
            std::size_t end = d->first;
            std::string date = d->second;
            read_window_end(end, date);
            take(lead, end, date);
            take_listed_after(end, date, next);
          }
        // 持续推进 closing a segment.
        if (may_close_ongoing) {
          const std::string_view s = utf8::trim_right(t_.substr(seg, next - seg));
          if (const auto* w = ongoing.ends(s)) {
            const std::size_t e = seg + s.size();
            take(e - w->text.size(), e, "ongoing");
          }
        }
        if (next >= inner.end) break;
        seg = next + (t_[next] == ',' || t_[next] == ';' ? 1 : 3);
      }
    }
  }

  const ClauseText& ct_;
  std::string_view t_;
  std::optional<int> context_year_;
  bool plain_;
  // Looked up once: patterns() is a guarded static, asked some 75,000 times a run.
  const Patterns& P_ = patterns();
  std::vector<std::size_t> years_;
  std::vector<Found> found_;
  mutable std::vector<DateMatch> dates_;  // per years_ entry, made at the first look-up
  std::map<std::size_t, std::size_t> taken_;  // begin -> end
};

}  // namespace

std::vector<DeadlineMention> find_deadlines(const ClauseText& ct, std::optional<int> context_year) {
  return Finder(ct, context_year).run();
}

namespace deadline_scan {

namespace {

// RE2's \s: [\t\n\f\r ].
std::size_t skip_re_blanks(std::string_view t, std::size_t p, std::size_t limit) {
  while (p < limit && (t[p] == ' ' || t[p] == '\t' || t[p] == '\n' || t[p] == '\f' || t[p] == '\r')) ++p;
  return p;
}
// (Byte by byte: the words are a character or two, and compare() called memcmp.)
bool written(std::string_view t, std::size_t p, std::size_t limit, std::string_view w) {
  if (p > limit || limit - p < w.size()) return false;
  for (std::size_t k = 0; k < w.size(); ++k)
    if (t[p + k] != w[k]) return false;
  return true;
}
bool is_digit_at(std::string_view t, std::size_t p, std::size_t limit) {
  return p < limit && t[p] >= '0' && t[p] <= '9';
}
// The three-byte character at p, if it is one of `set` (each three bytes).
bool one_of_at(std::string_view t, std::size_t p, std::size_t limit, std::string_view set) {
  if (p > limit || limit - p < 3) return false;
  for (std::size_t k = 0; k < set.size(); k += 3)
    if (t[p] == set[k] && t[p + 1] == set[k + 1] && t[p + 2] == set[k + 2]) return true;
  return false;
}

}  // namespace

// Everything after 年 is optional, so the match never fails past it and
// each part is taken wherever it can be, its repeat greedy: a run of digits
// (or numerals) is a month or a day only when the whole run is short enough
// and 月 (日) follows it, blanks between.
bool match_date(std::string_view t, std::size_t at, std::size_t limit, DateGroups& out) {
  for (int k = 0; k < 5; ++k) out.begin[k] = out.end[k] = kNoGroup;
  std::size_t p = at;
  // ((?:\d{4}|[〇零一二三四五六七八九]{4}))
  constexpr std::string_view year_numerals = "〇零一二三四五六七八九";
  if (is_digit_at(t, p, limit) && is_digit_at(t, p + 1, limit) && is_digit_at(t, p + 2, limit) &&
      is_digit_at(t, p + 3, limit)) {
    p += 4;
  } else {
    for (int n = 0; n < 4; ++n, p += 3)
      if (!one_of_at(t, p, limit, year_numerals)) return false;
  }
  out.begin[1] = at;
  out.end[1] = p;
  // \s*年
  p = skip_re_blanks(t, p, limit);
  if (!written(t, p, limit, "年")) return false;
  p = skip_re_blanks(t, p + 3, limit);
  // (?:(\d{1,2}|[一二三四五六七八九十]{1,3})\s*月(?:份)?)?
  {
    std::size_t e = p;
    if (is_digit_at(t, e, limit)) {
      while (is_digit_at(t, e, limit)) ++e;
      if (e - p > 2) e = p;
    } else {
      int n = 0;
      while (one_of_at(t, e, limit, "一二三四五六七八九十")) e += 3, ++n;
      if (n > 3) e = p;
    }
    const std::size_t m = skip_re_blanks(t, e, limit);
    if (e > p && written(t, m, limit, "月")) {
      out.begin[2] = p;
      out.end[2] = e;
      p = m + 3;
      if (written(t, p, limit, "份")) p += 3;
      // (?:\s*[上中下]旬)?
      const std::size_t x = skip_re_blanks(t, p, limit);
      if (one_of_at(t, x, limit, "上中下") && written(t, x + 3, limit, "旬")) p = x + 6;
    }
  }
  // \s*(?:(\d{1,2})\s*日)?
  p = skip_re_blanks(t, p, limit);
  {
    std::size_t e = p;
    while (is_digit_at(t, e, limit)) ++e;
    const std::size_t d = skip_re_blanks(t, e, limit);
    if (e > p && e - p <= 2 && written(t, d, limit, "日")) {
      out.begin[3] = p;
      out.end[3] = e;
      p = d + 3;
    }
  }
  // \s*((?:年\s*)?(?:底|末))?
  p = skip_re_blanks(t, p, limit);
  {
    const std::size_t end_at = written(t, p, limit, "年") ? skip_re_blanks(t, p + 3, limit) : p;
    if (written(t, end_at, limit, "底") || written(t, end_at, limit, "末")) {
      out.begin[4] = p;
      out.end[4] = end_at + 3;
      p = end_at + 3;
    }
  }
  // \s*(?:以?前|之前)?
  p = skip_re_blanks(t, p, limit);
  if (written(t, p, limit, "以前") || written(t, p, limit, "之前")) p += 6;
  else if (written(t, p, limit, "前")) p += 3;
  out.begin[0] = at;
  out.end[0] = p;
  return true;
}

// Written by hand for the years of four digits (fmt::format parsed its
// format string for each date, some 1,000 instructions).
std::string make_date(int year, int month, int day) {
  if (year < 0 || year > 9999) return plain_make_date(year, month, day);
  char out[10] = {static_cast<char>('0' + year / 1000), static_cast<char>('0' + year / 100 % 10),
                  static_cast<char>('0' + year / 10 % 10), static_cast<char>('0' + year % 10)};
  std::size_t n = 4;
  auto two_digits = [&](int v) {
    out[n++] = '-';
    out[n++] = static_cast<char>('0' + v / 10);
    out[n++] = static_cast<char>('0' + v % 10);
  };
  if (month >= 1 && month <= 12) {
    two_digits(month);
    if (day >= 1 && day <= 31) two_digits(day);
  }
  return std::string(out, n);
}

std::string plain_make_date(int year, int month, int day) {
  if (month < 1 || month > 12) return fmt::format("{:04d}", year);
  if (day < 1 || day > 31) return fmt::format("{:04d}-{:02d}", year, month);
  return fmt::format("{:04d}-{:02d}-{:02d}", year, month, day);
}

std::vector<DeadlineMention> find_deadlines_plainly(const ClauseText& ct, std::optional<int> context_year) {
  return Finder(ct, context_year, /*plain=*/true).run();
}

// Sixteen bytes at a time: most of a bracket is ideographs, and each byte
// read on its own cost a few compares.
std::size_t next_separator(std::string_view t, std::size_t from, std::size_t end) {
  auto full_stop_at = [&](std::size_t k) { return k + 3 <= t.size() && t[k + 1] == '\x80' && t[k + 2] == '\x82'; };
  std::size_t k = from;
#if defined(__SSE2__)
  const __m128i comma = _mm_set1_epi8(','), semicolon = _mm_set1_epi8(';'), lead = _mm_set1_epi8('\xE3');
  // Bit j: a , ; or E3 at t[at + j].
  auto candidates = [&](std::size_t at) {
    const __m128i v = _mm_loadu_si128(reinterpret_cast<const __m128i*>(t.data() + at));
    return static_cast<unsigned>(_mm_movemask_epi8(
        _mm_or_si128(_mm_or_si128(_mm_cmpeq_epi8(v, comma), _mm_cmpeq_epi8(v, semicolon)), _mm_cmpeq_epi8(v, lead))));
  };
  auto first_separator = [&](std::size_t at, unsigned mask) {
    for (; mask; mask &= mask - 1) {
      const std::size_t j = at + static_cast<std::size_t>(__builtin_ctz(mask));
      if (t[j] != '\xE3' || full_stop_at(j)) return j;
    }
    return std::string_view::npos;
  };
  for (; k + 16 <= end; k += 16)
    if (const std::size_t j = first_separator(k, candidates(k)); j != std::string_view::npos) return j;
  // The last few bytes in one more block where the text goes on that far,
  // the bits past `end` masked off.
  if (k < end && t.size() - k >= 16) {
    const std::size_t j = first_separator(k, candidates(k) & ((1u << (end - k)) - 1));
    return j != std::string_view::npos ? j : end;
  }
#endif
  for (; k < end; ++k)
    if (t[k] == ',' || t[k] == ';' || (t[k] == '\xE3' && full_stop_at(k))) return k;
  return end;
}

}  // namespace deadline_scan

std::vector<DeadlineMention> find_deadlines_in_slot(const ClauseText& ct, Range cell,
                                                    std::optional<int> context_year) {
  Finder f(ct, context_year);
  const std::size_t p = f.skip_spaces(cell.begin);
  if (p >= cell.end) return {};
  auto d = f.date_at(p);
  if (!d || d->first > cell.end) return {};
  return {f.mention(p, d->first, d->second)};
}

}  // namespace policy::extract

#include "policy/extract/deadlines.h"

#include <re2/re2.h>

#include <algorithm>
#include <map>

#include <fmt/format.h>

#include "policy/core/strings.h"
#include "policy/text/fold.h"
#include "policy/text/numeral.h"
#include "policy/text/utf8.h"

namespace policy::extract {

namespace {

// All patterns run on the folded text (ASCII digits, ':' and '(' ')').
// A date after a slot label or 到: year, optional month, day, 底/末, 前.
const char* const kDate =
    R"(((?:\d{4}|[〇零一二三四五六七八九]{4}))\s*年\s*(?:(\d{1,2}|[一二三四五六七八九十]{1,3})\s*月(?:份)?)?\s*(?:(\d{1,2})\s*日)?\s*(底|末)?\s*(?:以?前|之前)?)";

const char* const kPart =
    R"(((?:\d{4}|[〇零一二三四五六七八九]{4}))\s*年\s*(?:第?\s*([一二三四1-4])\s*季度|([上下])半年)\s*(?:末|底)?\s*(以?前|之前)?)";

struct Patterns {
  RE2 slot{std::string(
      R"((?:完成时限|完成时间|完成期限|时间节点|进度安排|时间安排|时限要求|完成时限要求|时限)\s*[:：]\s*)")};
  // The slot_ patterns are matched anchored at a position (RE2::ANCHOR_START),
  // so they carry no ^ (which would only match at the start of the text).
  RE2 slot_date{kDate};
  RE2 slot_dotted{R"((\d{4})\s*[.\-/]\s*(\d{1,2})(?:\s*[.\-/]\s*(\d{1,2}))?)"};
  RE2 slot_month{R"((\d{1,2})\s*月(?:份)?\s*(底|末)?\s*(?:以?前)?)"};
  RE2 slot_year_end{R"((年底|年末)\s*(?:以?前)?)"};
  RE2 slot_ongoing{R"((持续推进|持续实施|长期坚持|长期推进|常态化推进|持续开展|长期))"};
  RE2 to{std::string(R"((?:到|至迟于|不晚于)\s*)") + kDate};
  RE2 term{R"(到\s*["“]?\s*十([一二三四五])五\s*["”]?\s*(?:规划)?\s*(?:期末|末))"};
  RE2 before{std::string(kDate)};
  RE2 month_before{R"((\d{1,2})\s*月\s*(底|末)?\s*(?:以?前|之前))"};
  RE2 year_end_before{R"((年底|年末)\s*(?:以?前|之前))"};
  RE2 dotted{R"((\d{4})\s*[.．]\s*(\d{1,2}))"};
  // 2024年第三季度前 / 到2024年上半年 / 完成时限：2024年三季度末: the end of
  // the quarter or half. 2024年前三季度 is a span, not a deadline (no match).
  RE2 slot_quarter{std::string(kPart)};
  RE2 quarter{std::string(R"((到|至迟于|不晚于)?\s*)") + kPart};
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

std::string make_date(int year, int month, int day) {
  if (month < 1 || month > 12) return fmt::format("{:04d}", year);
  if (day < 1 || day > 31) return fmt::format("{:04d}-{:02d}", year, month);
  return fmt::format("{:04d}-{:02d}-{:02d}", year, month, day);
}

bool plausible_year(int y) { return y >= 1949 && y <= 2100; }

struct Found {
  std::size_t begin, end;  // folded offsets
  std::string date;
};

class Finder {
 public:
  Finder(std::string_view original, const text::Folded& folded, std::optional<int> context_year)
      : folded_(folded), original_(original), context_year_(context_year) {}

  std::vector<DeadlineMention> run() {
    const Patterns& P = patterns();
    const std::string& t = folded_.text();
    auto has = [&](std::string_view w) { return t.find(w) != std::string::npos; };
    if (has(":")) slots();
    if (has("(")) bracket_slots();
    // Before 到2024年 and 2024年…前 read the year alone.
    if (has("年") && (has("季度") || has("半年")))
      scan(P.quarter, [&](const re2::StringPiece* g) -> std::string {
        if (g[1].empty() && g[5].empty()) return {};  // neither 到 nor 前: a span
        return part_end(g + 2);
      });
    // 到“十三五”期末
    if (has("五")) scan(P.term, [&](const re2::StringPiece* g) {
      int k = 10 + (g[1] == "一" ? 1 : g[1] == "二" ? 2 : g[1] == "三" ? 3 : g[1] == "四" ? 4 : 5);
      return fmt::format("{:04d}", 2010 + 5 * (k - 11));
    });
    // 到2025年 / 到2020年底
    if (has("年") && (has("到") || has("不晚于") || has("至迟于")))
      scan(P.to, [&](const re2::StringPiece* g) { return date_from(g); });
    // 2025年前 / 2022年10月底前: a date needs 前 here to be a deadline.
    if (has("年") && has("前")) scan(P.before, [&](const re2::StringPiece* g) -> std::string {
      std::string_view all(g[0].data(), g[0].size());
      if (all.find("前") == std::string_view::npos) return {};
      // 2024年前三季度 is a span of time, not a deadline.
      std::size_t after = static_cast<std::size_t>(g[0].data() + g[0].size() - t.data());
      for (std::string_view w : {"三季度", "两季度", "二季度", "一季度", "半年", "几", "两个", "三个"})
        if (std::string_view(t).substr(after, w.size()) == w) return {};
      return date_from(g);
    });
    // 年底前 / 6月底前 without a year: the year comes from the context.
    if (context_year_ && has("前")) {
      // 每年底前 / 每月底前 recur: no one date.
      scan(P.year_end_before, [&](const re2::StringPiece* g) -> std::string {
        if (preceded_by(g[0].data(), "每")) return {};
        return make_date(*context_year_, 12, 0);
      });
      scan(P.month_before, [&](const re2::StringPiece* g) -> std::string {
        if (preceded_by_year(g[0].data()) || preceded_by(g[0].data(), "每")) return {};
        return make_date(*context_year_, read_number({g[1].data(), g[1].size()}), 0);
      });
    }
    std::sort(found_.begin(), found_.end(), [](const Found& a, const Found& b) { return a.begin < b.begin; });
    std::vector<DeadlineMention> out;
    for (const Found& f : found_) {
      std::size_t ob = folded_.to_original(f.begin), oe = folded_.to_original(f.end, true);
      std::string text(utf8::trim(original_.substr(ob, oe - ob)));
      out.push_back({Deadline{std::move(text), f.date}, ob});
    }
    return out;
  }

 private:
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

  bool preceded_by(const char* p, std::string_view word) const {
    std::string_view t = folded_.text();
    std::size_t i = static_cast<std::size_t>(p - t.data());
    return i >= word.size() && t.substr(i - word.size(), word.size()) == word;
  }

  bool preceded_by_year(const char* p) const {
    std::string_view t = folded_.text();
    std::size_t i = static_cast<std::size_t>(p - t.data());
    std::size_t j = i;
    while (j > 0 && (t[j - 1] == ' ')) --j;
    return j >= 3 && t.substr(j - 3, 3) == "年";
  }

  std::string date_from(const re2::StringPiece* g) const {
    int year = read_number({g[1].data(), g[1].size()});
    if (!plausible_year(year)) return {};
    int month = g[2].empty() ? 0 : read_number({g[2].data(), g[2].size()});
    int day = g[3].empty() ? 0 : read_number({g[3].data(), g[3].size()});
    bool end_of = !g[4].empty();
    if (month == 0 && end_of) month = 12;  // 2025年底
    return make_date(year, month, day);
  }

  // The last month of a quarter or half: g[0] the year, g[1] the quarter, g[2] 上/下.
  static std::string part_end(const re2::StringPiece* g) {
    int year = read_number({g[0].data(), g[0].size()});
    if (!plausible_year(year)) return {};
    int month = 0;
    if (!g[1].empty()) month = 3 * read_number({g[1].data(), g[1].size()});
    else month = g[2] == "上" ? 6 : 12;
    return make_date(year, month, 0);
  }

  template <class Fn>
  void scan(const RE2& re, Fn fn) {
    const std::string& t = folded_.text();
    re2::StringPiece input(t);
    re2::StringPiece g[8];
    int n = std::min(re.NumberOfCapturingGroups() + 1, 8);
    std::size_t pos = 0;
    while (pos <= t.size() &&
           re.Match(input, pos, t.size(), RE2::UNANCHORED, g, n)) {
      std::size_t b = static_cast<std::size_t>(g[0].data() - t.data());
      std::size_t e = b + g[0].size();
      take(b, e, fn(g));
      pos = e > b ? e : b + 1;
    }
  }

  // A date after a slot label: 完成时限：2025年4月 / 进度安排：2022年 / 时限：持续推进.
  void slots() {
    const Patterns& P = patterns();
    const std::string& t = folded_.text();
    re2::StringPiece input(t);
    re2::StringPiece m;
    std::size_t pos = 0;
    while (pos < t.size() && P.slot.Match(input, pos, t.size(), RE2::UNANCHORED, &m, 1)) {
      std::size_t b = static_cast<std::size_t>(m.data() - t.data());
      std::size_t e = b + m.size();
      pos = e;
      if (auto d = date_at(e)) take(b, d->first, d->second);
    }
  }

  // Inside brackets, each segment is a slot: (2024.6市生态环境局…),
  // (…负责，持续推进), (…。持续实施), (5月底取得阶段性成效并持续推进).
  void bracket_slots() {
    const std::string& t = folded_.text();
    std::size_t i = 0;
    while ((i = t.find('(', i)) != std::string::npos) {
      std::size_t close = t.find(')', i);
      if (close == std::string::npos) break;
      std::size_t seg = i + 1;
      const std::string_view inner = std::string_view(t).substr(0, close);  // searches stop at ')'
      while (seg <= close) {
        std::size_t next = close;
        for (std::string_view sep : {",", ";", "。"}) {
          std::size_t p = inner.find(sep, seg);
          if (p != std::string::npos && p < next) next = p;
        }
        std::string_view s = std::string_view(t).substr(seg, next - seg);
        std::size_t lead = seg;
        while (lead < next && t[lead] == ' ') ++lead;
        if (auto d = date_at(lead, /*in_bracket=*/true)) take(lead, d->first, d->second);
        // 持续推进 closing a segment.
        for (std::string_view w : {"持续推进", "持续实施", "长期坚持", "常态化推进", "长期推进"}) {
          std::string_view trimmed = utf8::trim_right(s);
          if (trimmed.size() >= w.size() && trimmed.substr(trimmed.size() - w.size()) == w) {
            std::size_t b = seg + (trimmed.size() - w.size());
            take(b, b + w.size(), "ongoing");
          }
        }
        if (next >= close) break;
        seg = next + (t[next] == ',' || t[next] == ';' ? 1 : 3);
      }
      i = close + 1;
    }
  }

  // A date starting at folded offset p: returns (end, date).
  std::optional<std::pair<std::size_t, std::string>> date_at(std::size_t p, bool in_bracket = false) {
    const Patterns& P = patterns();
    const std::string& t = folded_.text();
    // Every form starts with a digit, a numeral year, 年 or an open-ended
    // word (持续推进, 长期, 常态化): a cheap test before the patterns.
    if (p >= t.size()) return std::nullopt;
    {
      std::size_t k = p;
      const char32_t c = utf8::next(t, k);
      if (!((c >= '0' && c <= '9') || c == U'年' || c == U'持' || c == U'长' || c == U'常' ||
            text::chinese_digit(c) >= 0))
        return std::nullopt;
    }
    re2::StringPiece input(t);
    re2::StringPiece g[5];
    auto end_of = [&](const re2::StringPiece& m) {
      return static_cast<std::size_t>(m.data() - t.data()) + m.size();
    };
    if (P.slot_quarter.Match(input, p, t.size(), RE2::ANCHOR_START, g, 5)) {
      std::string d = part_end(g + 1);
      if (!d.empty()) return std::make_pair(end_of(g[0]), d);
    }
    if (P.slot_date.Match(input, p, t.size(), RE2::ANCHOR_START, g, 5)) {
      // In a bracket a bare year is an edition or a period (2016年修订), not a
      // deadline; a month, 底 or 前 makes it one.
      bool dated = !in_bracket || !g[2].empty() || !g[4].empty() ||
                   std::string_view(g[0].data(), g[0].size()).find("前") != std::string_view::npos;
      std::string d = dated ? date_from(g) : std::string();
      if (!d.empty()) return std::make_pair(end_of(g[0]), d);
    }
    if (P.slot_dotted.Match(input, p, t.size(), RE2::ANCHOR_START, g, 4)) {
      int y = read_number({g[1].data(), g[1].size()});
      int m = read_number({g[2].data(), g[2].size()});
      int d = g[3].empty() ? 0 : read_number({g[3].data(), g[3].size()});
      if (plausible_year(y) && m >= 1 && m <= 12) return std::make_pair(end_of(g[0]), make_date(y, m, d));
    }
    if (context_year_ && P.slot_month.Match(input, p, t.size(), RE2::ANCHOR_START, g, 3)) {
      int m = read_number({g[1].data(), g[1].size()});
      if (m >= 1 && m <= 12) return std::make_pair(end_of(g[0]), make_date(*context_year_, m, 0));
    }
    if (context_year_ && P.slot_year_end.Match(input, p, t.size(), RE2::ANCHOR_START, g, 2))
      return std::make_pair(end_of(g[0]), make_date(*context_year_, 12, 0));
    if (!in_bracket && P.slot_ongoing.Match(input, p, t.size(), RE2::ANCHOR_START, g, 2))
      return std::make_pair(end_of(g[0]), std::string("ongoing"));
    return std::nullopt;
  }

  const text::Folded& folded_;
  std::string_view original_;
  std::optional<int> context_year_;
  std::vector<Found> found_;
  std::map<std::size_t, std::size_t> taken_;  // begin -> end
};

}  // namespace

std::vector<DeadlineMention> find_deadlines(std::string_view text, std::optional<int> context_year) {
  text::Folded folded(text);
  return find_deadlines(text, folded, context_year);
}

std::vector<DeadlineMention> find_deadlines(std::string_view text, const text::Folded& folded,
                                            std::optional<int> context_year) {
  // Every form needs a digit, a numeral year, 年, 期末 or a slot word.
  const std::string& t = folded.text();
  if (!contains_any_byte(t, "0123456789") && t.find("年") == std::string::npos &&
      t.find("持续") == std::string::npos && t.find("长期") == std::string::npos &&
      t.find("常态化") == std::string::npos && t.find("月") == std::string::npos &&
      t.find("末") == std::string::npos)
    return {};
  return Finder(text, folded, context_year).run();
}

bool is_deadline_column(std::string_view column) {
  for (std::string_view issued : {"发文", "印发", "发布", "成文", "出台"})
    if (column.find(issued) != std::string_view::npos) return false;
  for (std::string_view w : {"时限", "期限", "时间", "进度安排", "时间节点"})
    if (column.find(w) != std::string_view::npos) return true;
  return false;
}

std::vector<DeadlineMention> find_deadlines_in_slot(std::string_view cell,
                                                    std::optional<int> context_year) {
  // Read as the slot it is: behind a slot label, which is then cut off.
  constexpr std::string_view kLabel = "完成时限：";
  std::string slot(kLabel);
  slot += cell;
  auto found = find_deadlines(slot, context_year);
  for (auto& m : found) {
    if (m.position < kLabel.size()) {
      std::string& t = m.deadline.text;
      if (t.compare(0, kLabel.size(), kLabel) == 0) t.erase(0, kLabel.size());
      m.position = 0;
    } else {
      m.position -= kLabel.size();
    }
  }
  return found;
}

std::optional<int> year_of(const std::string& date) {
  if (date.size() < 4) return std::nullopt;
  auto v = text::parse_digits(std::string_view(date).substr(0, 4));
  if (!v) return std::nullopt;
  return static_cast<int>(*v);
}

}  // namespace policy::extract

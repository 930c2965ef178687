#include "policy/extract/targets.h"

#include <cmath>
#include <optional>
#include <string>

#include "policy/core/strings.h"
#include "policy/text/numeral.h"
#include "policy/text/utf8.h"

namespace policy::extract {

namespace {

using lexicon::Class;
using lexicon::Lexicon;
using lexicon::MeasureKind;

bool is_ascii_digit(char32_t c) { return c >= '0' && c <= '9'; }
bool is_ascii_letter(char32_t c) { return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z'); }
bool is_cn_numeral(char32_t c) {
  return text::is_chinese_numeral_char(c) && c != U'幺' && c != U'萬' && c != U'億';
}

// Award words before the number in its sentence, or right after it.
bool near_award(std::string_view before, std::string_view after, const Lexicon& lex) {
  return lex.words(Class::award_before).occurs_in(before) || lex.words(Class::award_after).starts(after);
}

// The comparison word before a number: right before it (达20家, 不少于20个),
// or, for the words that may stand apart, before a short phrase that leads
// to it (最多支持3个, 力争每年新增200家, 不超过项目投资额30%).
std::optional<TargetOp> op_before(std::string_view before, const Lexicon& lex) {
  while (!before.empty() && before.back() == ' ') before.remove_suffix(1);
  const auto* adjacent = lex.words(Class::op_adjacent).ends(before);
  const auto* apart = lex.words(Class::op_before).ends(before);
  if (adjacent && (!apart || adjacent->text.size() > apart->text.size())) return static_cast<TargetOp>(adjacent->value);
  if (apart) return static_cast<TargetOp>(apart->value);
  std::size_t i = before.size();
  for (int n = 0; n < 6 && i > 0; ++n) {
    std::size_t j = i;
    const char32_t c = utf8::prev(before, j);
    if (!utf8::is_han(c) || c == U'的') return std::nullopt;
    i = j;
    if (const auto* w = lex.words(Class::op_before).ends(before.substr(0, i))) return static_cast<TargetOp>(w->value);
  }
  return std::nullopt;
}

// A verb at s[i] that is no part of a noun (覆盖率, 服务行业, 达标): its length.
std::size_t verb_at(std::string_view s, std::size_t i, const Lexicon& lex) {
  const auto* v = lex.words(Class::verb).starts(s.substr(i));
  if (!v) return 0;
  const std::size_t end = i + v->text.size();
  if (lex.words(Class::noun_tail).starts(s.substr(end))) return 0;
  if (const auto* n = lex.words(Class::noun).starts(s.substr(i)); n && n->text.size() > v->text.size()) return 0;
  return v->text.size();
}

// The noun phrase the number counts: written before it (省级地方标准1200项),
// after the last verb; or, when a verb stands right before the number, behind
// the unit (推动200家中小企业开展…) up to the next verb.
std::optional<std::string> subject_near(std::string_view before, std::string_view after, const Lexicon& lex) {
  std::size_t i = before.size(), n = 0;
  while (i > 0 && n < 32) {
    std::size_t j = i;
    const char32_t c = utf8::prev(before, j);
    if (!utf8::is_han(c) && c != '(' && c != ')' && c != U'“' && c != U'”') break;
    i = j;
    ++n;
  }
  std::string_view run = before.substr(i);
  // A label at the front is no part of it: (四)年营业收入 -> 年营业收入.
  if (starts_with(run, "(")) {
    const std::size_t close = run.find(')');
    if (close != std::string_view::npos) run = run.substr(close + 1);
  }
  // Words between the subject and the number: 各, 达, 至, 达到, 一般不超过.
  while (const auto* w = lex.words(Class::between).ends(run)) {
    if (run.size() == w->text.size()) {
      run = {};
      break;
    }
    run.remove_suffix(w->text.size());
  }
  // After the last verb, and after the last 的 (研究成果的比率 -> 比率). A noun
  // and a verb right before the number (标准化培训不少于2次, 人才培育10000人)
  // name what is counted when nothing else does; a verb alone does not.
  std::string_view ends_in_verb;
  for (std::size_t k = 0; k < run.size();) {
    if (const std::size_t len = verb_at(run, k, lex)) {
      if (k + len == run.size() && utf8::length(run.substr(0, k)) >= 2) ends_in_verb = run;
      run = run.substr(k + len);
      k = 0;
      continue;
    }
    utf8::next(run, k);
  }
  if (const std::size_t de = run.rfind("的"); de != std::string_view::npos) run = run.substr(de + 3);
  // 按照实际投入的30%, 对年营业收入首次突破10亿元的: a preposition opens no
  // noun, unless it begins one (对外贸易).
  if (const auto* p = lex.words(Class::preposition).starts(run);
      p && !lex.words(Class::noun).starts(run) && utf8::length(run) >= utf8::length(p->text) + 2)
    run.remove_prefix(p->text.size());
  // 培育“天府名品”200个: a name wholly in quotes, without them; 培育“品字标”企业
  // keeps them. A quote cut from its pair goes.
  while (starts_with(run, "”")) run.remove_prefix(3);
  while (ends_with(run, "“")) run.remove_suffix(3);
  if (starts_with(run, "“") && ends_with(run, "”") && run.size() > 6 &&
      run.substr(3, run.size() - 6).find("“") == std::string_view::npos)
    run = run.substr(3, run.size() - 6);
  if (utf8::length(run) >= 2) return std::string(run);
  // The noun follows the unit.
  std::size_t k = 0;
  n = 0;
  while (k < after.size() && n < 24) {
    if (n > 0 && verb_at(after, k, lex)) break;
    std::size_t j = k;
    const char32_t c = utf8::next(after, j);
    if (!utf8::is_han(c) || c == U'的') break;
    k = j;
    ++n;
  }
  if (n >= 2) return std::string(after.substr(0, k));
  if (utf8::length(ends_in_verb) >= 2) return std::string(ends_in_verb);
  return std::nullopt;
}

// A list of numbers (分别给予100万元、200万元、300万元奖励) is read as one
// phrase: the words around it were written once, for all of them. Where the
// members that carry an op, a kind or a subject agree, the others take it.
void share_within_list(std::vector<TargetMention>::iterator first, std::vector<TargetMention>::iterator last) {
  if (last - first < 2) return;
  std::optional<TargetOp> op;
  std::optional<TargetKind> kind;
  bool ops_agree = true, kinds_agree = true;
  for (auto it = first; it != last; ++it) {
    const Target& t = it->target;
    if (t.op != TargetOp::eq) {
      if (op && *op != t.op) ops_agree = false;
      op = t.op;
    }
    if (t.kind != TargetKind::target) {
      if (kind && *kind != t.kind) kinds_agree = false;
      kind = t.kind;
    }
  }
  const std::optional<std::string> subject = first->target.subject;
  for (auto it = first; it != last; ++it) {
    Target& t = it->target;
    if (op && ops_agree) t.op = *op;
    if (kind && kinds_agree) t.kind = *kind;
    if (!t.subject && subject) t.subject = subject;
  }
}

}  // namespace

std::vector<TargetMention> find_targets(const ClauseText& ct) {
  const std::string& t = ct.folded();
  const Lexicon& lex = ct.lexicon();
  std::vector<TargetMention> out;
  std::vector<std::size_t> group_starts;  // where each run of listed numbers begins in `out`
  std::size_t previous_end = 0;
  std::size_t resume = 0;  // numbers inside a target just read are part of it
  for (const NumberRun& run : ct.numbers()) {
    const std::size_t start = run.begin;
    if (start < resume) continue;
    std::size_t end = run.end;
    double value = 0;
    const bool chinese = !run.arabic;
    if (run.arabic) {
      value = std::strtod(t.substr(start, end - start).c_str(), nullptr);
    } else {
      const std::string_view digits = std::string_view(t).substr(start, end - start);
      // A run of multipliers alone (万人, 千方百计) counts nothing; 十 may stand alone.
      bool has_digit = digits == "十";
      for (std::size_t k = 0; k < digits.size() && !has_digit;) has_digit = text::chinese_digit(utf8::next(digits, k)) >= 0;
      auto v = has_digit ? text::parse_chinese_integer(digits) : std::nullopt;
      if (!v) continue;
      value = static_cast<double>(*v);
    }

    // What stands before: a letter (GB2760, O2O), 第 (an ordinal), a digit
    // run of an enumeration started by 第 (第8、11、12条).
    std::size_t back = start;
    const char32_t prev = back > 0 ? utf8::prev(t, back) : 0;
    if (is_ascii_letter(prev) || prev == '.' || prev == '-' || prev == '/' || prev == '+') continue;
    // “两个维护”, “三个一百”: a slogan in quotes that opens with its number.
    if (prev == U'“' || prev == '"') {
      const std::size_t close = t.find(prev == U'“' ? "”" : "\"", end);
      if (close != std::string::npos && utf8::length(std::string_view(t).substr(end, close - end)) <= 6) continue;
    }
    {
      std::size_t k = start;
      bool ordinal = false;
      while (k > 0) {
        std::size_t j = k;
        const char32_t p = utf8::prev(t, j);
        if (p == U'第') {
          ordinal = true;
          break;
        }
        if (!(is_ascii_digit(p) || p == U'、' || p == ',' || p == U'和' || p == U'至' || p == U'到' ||
              p == U'及' || is_cn_numeral(p)))
          break;
        k = j;
      }
      if (ordinal || ct.in_title(start)) continue;
    }

    // Multiplier and unit: 2万项, 1.5亿元; 千 of 千瓦 is the unit's.
    std::size_t u = end;
    double factor = 1;
    std::string_view rest = std::string_view(t).substr(u);
    if (!chinese && !(starts_with(rest, "千") && lex.words(Class::measure).starts(rest))) {
      if (starts_with(rest, "万")) factor = 1e4;
      else if (starts_with(rest, "亿")) factor = 1e8;
      else if (starts_with(rest, "千")) factor = 1e3;
      if (factor != 1) u += 3;
    }
    rest = std::string_view(t).substr(u);
    // 二十余项, 100多家: approximate, still the number written.
    if (starts_with(rest, "余") || starts_with(rest, "多")) u += 3;
    rest = std::string_view(t).substr(u);
    const auto* measure = lex.words(Class::measure).starts(rest);
    if (measure && lex.words(Class::measure_not).starts(rest)) measure = nullptr;
    const std::string_view unit = measure ? std::string_view(measure->text) : std::string_view();
    const auto kind = measure ? static_cast<MeasureKind>(measure->value) : MeasureKind::count;
    if (!measure && factor == 1) continue;                                  // a bare number: no commitment
    if (measure && kind == MeasureKind::money && chinese && value < 10) continue;  // 二元结构, 多元
    if (measure && kind == MeasureKind::score && chinese) continue;         // 十分重要
    if (unit == "年" && (value >= 1000 || (chinese && end - start == 12))) continue;  // 2025年: a date
    if (chinese && value == 1) continue;                                     // 一批, 一次, 一套: no target
    // 5G, 十四五: the unit must not run into letters.
    std::size_t after_unit = u + unit.size();
    if (after_unit < t.size()) {
      std::size_t k = after_unit;
      if (is_ascii_letter(utf8::next(t, k))) continue;
    }
    std::string_view tail = std::string_view(t).substr(after_unit);

    Target tg;
    tg.value = value * factor;
    tg.unit = std::string(unit);
    tg.op = TargetOp::eq;
    bool op_after = false;
    // 10000人（不含）以下: an explicit bound before the after word decides.
    const auto* bound = lex.words(Class::op_bound).starts(tail);
    if (bound) tail.remove_prefix(bound->text.size());
    if (const auto* w = lex.words(Class::op_after).starts(tail)) {
      tg.op = static_cast<TargetOp>(w->value);
      after_unit += (bound ? bound->text.size() : 0) + w->text.size();
      op_after = true;
      const bool strict = bound && static_cast<TargetOp>(bound->value) == TargetOp::gt;
      if (strict && tg.op == TargetOp::ge) tg.op = TargetOp::gt;
      if (strict && tg.op == TargetOp::le) tg.op = TargetOp::lt;
    }
    const std::string_view before = std::string_view(t).substr(0, start);
    if (!op_after)
      if (auto op = op_before(before, lex)) tg.op = *op;
    // 给予…万元奖励 is an award; …以上的 (a condition) a threshold.
    std::string_view window = before.substr(before.size() > 36 ? before.size() - 36 : 0);
    // Only this sentence counts.
    for (std::string_view stop : {"。", ";", ":"}) {
      const std::size_t cut = window.rfind(stop);
      if (cut != std::string_view::npos) window = window.substr(cut + stop.size());
    }
    const std::string_view after = std::string_view(t).substr(after_unit);
    if (near_award(window, after, lex)) {
      tg.kind = TargetKind::award;
      if (ends_with(before, "最高") || ends_with(before, "最多")) tg.op = TargetOp::le;
    } else if (starts_with(after, "的") ||
               (lex.words(Class::threshold_before).occurs_in(window) && after.find("的") < 12)) {
      tg.kind = TargetKind::threshold;
    }
    tg.subject = subject_near(before, after, lex);
    const Span at = ct.original_span(start, after_unit);
    tg.text = std::string(ct.original().substr(at.begin, at.end - at.begin));
    tg.at = at;
    // 突破10亿元、50亿元、100亿元的: numbers listed with 、 are one phrase.
    const bool listed = !out.empty() && std::string_view(t).substr(previous_end, start - previous_end) == "、";
    if (!listed) group_starts.push_back(out.size());
    out.push_back({std::move(tg), start});
    previous_end = after_unit;
    resume = after_unit;
  }
  group_starts.push_back(out.size());
  for (std::size_t g = 0; g + 1 < group_starts.size(); ++g)
    share_within_list(out.begin() + static_cast<std::ptrdiff_t>(group_starts[g]),
                      out.begin() + static_cast<std::ptrdiff_t>(group_starts[g + 1]));
  return out;
}

}  // namespace policy::extract

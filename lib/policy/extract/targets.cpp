#include "policy/extract/targets.h"

#include <array>
#include <cmath>
#include <optional>
#include <string>

#include "policy/core/strings.h"
#include "policy/text/fold.h"
#include "policy/text/numeral.h"
#include "policy/text/utf8.h"

namespace policy::extract {

namespace {


// Counted units, longest first where one starts another.
constexpr std::array<std::string_view, 52> kUnits = {
    "个百分点", "百分点", "个工作日", "工作日", "个月", "平方公里", "平方米", "立方米", "千瓦时",
    "千瓦",     "兆瓦",   "公里",     "千米",   "公顷", "人次",     "家次",   "项次",   "元",
    "%",        "‰",      "项",       "个",     "家",   "人",       "名",     "条",     "次",
    "所",       "座",     "亩",       "吨",     "户",   "件",       "套",     "台",     "辆",
    "艘",       "架",     "天",       "小时",   "分钟", "倍",       "岁",     "张",     "种",
    "类",       "场",     "支",       "床",     "篇",   "处",       "分"};

struct OpWord {
  std::string_view text;
  TargetOp op;
};

// Written after the number and its unit.
constexpr std::array<OpWord, 6> kAfter = {{{"以上", TargetOp::ge},
                                           {"以下", TargetOp::le},
                                           {"以内", TargetOp::le},
                                           {"之内", TargetOp::le},
                                           {"左右", TargetOp::eq},
                                           {"内", TargetOp::le}}};

// Written right before the number (longest first).
constexpr std::array<OpWord, 24> kBefore = {{
    {"不少于", TargetOp::ge}, {"不低于", TargetOp::ge}, {"不超过", TargetOp::le},
    {"不高于", TargetOp::le}, {"不多于", TargetOp::le}, {"控制在", TargetOp::le},
    {"至少", TargetOp::ge},   {"达到", TargetOp::ge},   {"力争", TargetOp::ge},
    {"超过", TargetOp::gt},   {"高于", TargetOp::gt},   {"突破", TargetOp::gt},
    {"多于", TargetOp::gt},   {"低于", TargetOp::lt},   {"少于", TargetOp::lt},
    {"不足", TargetOp::lt},   {"最高", TargetOp::le},   {"最多", TargetOp::le},
    {"最长", TargetOp::le},   {"上限", TargetOp::le},   {"达", TargetOp::ge},
    {"满", TargetOp::ge},     {"超", TargetOp::gt},     {"逾", TargetOp::gt},
}};

bool is_ascii_digit(char32_t c) { return c >= '0' && c <= '9'; }
bool is_ascii_letter(char32_t c) { return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z'); }
bool is_cn_numeral(char32_t c) {
  return text::is_chinese_numeral_char(c) && c != U'幺' && c != U'萬' && c != U'億';
}

// Words before a number that make it an award or mark a condition.
bool near_award(std::string_view before, std::string_view after) {
  for (std::string_view w : {"给予", "奖励", "补助", "补贴", "资助", "扶持", "一次性"})
    if (before.find(w) != std::string_view::npos) return true;
  for (std::string_view w : {"奖励", "补助", "补贴", "资助", "的奖励", "的补助", "支持", "给予"})
    if (starts_with(after, w)) return true;
  return false;
}

// Verbs that open a commitment; the subject is the noun after the last one.
constexpr std::string_view kVerbs[] = {
    "制修订", "制(修)订", "制（修）订", "制定", "发布", "培育", "组建", "创建", "建成", "建设", "推动",
    "打造", "新增", "参与", "主导", "研制", "完成", "实现", "引导", "支持", "争创", "培训", "开展",
    "缩短", "提高", "提升", "降低", "减少", "增加", "新建", "改造", "认定", "评选", "扶持", "奖励",
    "给予", "形成", "达到", "达", "力争", "至少", "不少于", "超过", "突破", "控制在", "保持", "新发布",
    "完善", "吸引", "引进", "承担", "服务", "带动", "覆盖", "培养", "举办", "召开", "落实", "推广", "申报", "争取"};

bool is_verb_at(std::string_view s, std::size_t i, std::size_t* len) {
  for (std::string_view v : kVerbs)
    if (s.substr(i, v.size()) == v) {
      *len = v.size();
      return true;
    }
  return false;
}

// The noun phrase the number counts: written before it (省级地方标准1200项),
// after the last verb; or, when a verb stands right before the number, behind
// the unit (推动200家中小企业开展…) up to the next verb.
std::optional<std::string> subject_near(std::string_view before, std::string_view after) {
  std::size_t i = before.size(), n = 0;
  while (i > 0 && n < 32) {
    std::size_t j = i;
    char32_t c = utf8::prev(before, j);
    if (!utf8::is_han(c) && c != U'（' && c != U'）' && c != '(' && c != ')' && c != U'“' &&
        c != U'”')
      break;
    i = j;
    ++n;
  }
  std::string_view run = before.substr(i);
  // A label at the front is no part of it: (四)年营业收入 -> 年营业收入.
  for (std::string_view open : {"(", "（"}) {
    if (run.substr(0, open.size()) != open) continue;
    std::size_t close = std::min(run.find(")"), run.find("）"));
    if (close != std::string_view::npos) run = run.substr(close + (run[close] == ')' ? 1 : 3));
  }
  // Words between the subject and the number: 各, 达, 至, 达到, 一般不超过.
  for (bool cut = true; cut;) {
    cut = false;
    for (std::string_view w : {"一般不超过", "不少于", "不低于", "不超过", "不高于", "不多于", "控制在",
                               "稳定在", "保持在", "达到", "力争", "至少", "超过", "突破", "最高",
                               "最多", "最长", "不足", "低于", "少于", "高于", "一般", "首次", "各",
                               "达", "至", "到", "为", "的", "超", "约", "近", "逾"}) {
      if (ends_with(run, w) && run.size() > w.size()) {
        run.remove_suffix(w.size());
        cut = true;
        break;
      }
      if (run == w) {
        run = {};
        break;
      }
    }
  }
  // After the last verb, and after the last 的 (研究成果的比率 -> 比率). A verb
  // inside a noun is none: 覆盖率, 增加值, 服务业, 达标率.
  auto inside_noun = [&](std::size_t begin, std::size_t end) {
    for (std::string_view tail : {"率", "值", "量", "额", "业"})
      if (run.substr(end, tail.size()) == tail) return true;
    // 政务服务事项, 服务行业, 服务质量: 服务 as a noun; 服务企业200家 is a verb.
    if (run.substr(begin, end - begin) == "服务")
      for (std::string_view noun : {"行业", "事项", "质量", "体系", "水平", "能力", "机构", "平台", "贸易"})
        if (run.substr(end, noun.size()) == noun) return true;
    return run.substr(begin, end - begin) == "达" && run.substr(end, 3) == "标";
  };
  // A noun and a verb right before the number (标准化培训不少于2次, 人才培育
  // 10000人) name what is counted when nothing else does; a verb alone does not.
  std::string_view ends_in_verb;
  for (std::size_t k = 0, len = 0; k < run.size();) {
    if (is_verb_at(run, k, &len) && !inside_noun(k, k + len)) {
      if (k + len == run.size() && utf8::length(run.substr(0, k)) >= 2) ends_in_verb = run;
      run = run.substr(k + len);
      k = 0;
      continue;
    }
    utf8::next(run, k);
  }
  if (std::size_t de = run.rfind("的"); de != std::string_view::npos) run = run.substr(de + 3);
  // 按照实际投入的30%: a preposition opens no noun.
  for (std::string_view prep : {"按照", "依照", "根据"})
    if (starts_with(run, prep) && utf8::length(run) >= 4) run.remove_prefix(prep.size());
  // 对年营业收入首次突破10亿元的: 对 is a preposition, unless it opens a noun (对外贸易).
  if (starts_with(run, "对") && utf8::length(run) >= 3) {
    std::size_t k = 3;
    const char32_t next = utf8::next(run, k);
    if (next != U'外' && next != U'口' && next != U'标' && next != U'接' && next != U'象') run.remove_prefix(3);
  }
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
    std::size_t len = 0;
    if (n > 0 && is_verb_at(after, k, &len)) break;
    std::size_t j = k;
    char32_t c = utf8::next(after, j);
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

// Inside 《…》 numbers are part of a title.
std::vector<std::pair<std::size_t, std::size_t>> title_spans(std::string_view t) {
  std::vector<std::pair<std::size_t, std::size_t>> out;
  std::size_t p = 0;
  while ((p = t.find("《", p)) != std::string_view::npos) {
    std::size_t e = t.find("》", p);
    if (e == std::string_view::npos) break;
    out.emplace_back(p, e);
    p = e;
  }
  return out;
}

}  // namespace

std::vector<TargetMention> find_targets(std::string_view original) {
  text::Folded folded(original);
  return find_targets(original, folded);
}

std::vector<TargetMention> find_targets(std::string_view original, const text::Folded& folded) {
  const std::string& t = folded.text();
  std::vector<TargetMention> out;
  auto titles = title_spans(t);
  auto in_title = [&](std::size_t p) {
    for (auto& [b, e] : titles)
      if (p > b && p < e) return true;
    return false;
  };

  std::vector<std::size_t> group_starts;  // where each run of listed numbers begins in `out`
  std::size_t previous_end = 0;
  std::size_t i = 0;
  while (i < t.size()) {
    std::size_t start = i;
    char32_t c = utf8::next(t, i);
    const bool arabic = is_ascii_digit(c);
    if (!arabic && !is_cn_numeral(c)) continue;
    // The number: digits with a decimal part, or a run of Chinese numerals.
    std::size_t end = start;
    double value = 0;
    bool chinese = false;
    if (arabic) {
      std::size_t j = start;
      while (j < t.size() && is_ascii_digit(static_cast<unsigned char>(t[j]))) ++j;
      if (j + 1 < t.size() && t[j] == '.' && is_ascii_digit(static_cast<unsigned char>(t[j + 1]))) {
        ++j;
        while (j < t.size() && is_ascii_digit(static_cast<unsigned char>(t[j]))) ++j;
      }
      value = std::strtod(std::string(t.substr(start, j - start)).c_str(), nullptr);
      end = j;
    } else {
      std::size_t j = start;
      while (j < t.size()) {
        std::size_t k = j;
        char32_t d = utf8::next(t, k);
        if (!is_cn_numeral(d)) break;
        j = k;
      }
      std::string_view run = std::string_view(t).substr(start, j - start);
      // A run of multipliers alone (万人, 千方百计) counts nothing; 十 may stand alone.
      bool has_digit = run == "十";
      for (std::size_t k = 0; k < run.size() && !has_digit;) has_digit = text::chinese_digit(utf8::next(run, k)) >= 0;
      auto v = has_digit ? text::parse_chinese_integer(run) : std::nullopt;
      if (!v) {
        i = j;
        continue;
      }
      value = static_cast<double>(*v);
      chinese = true;
      end = j;
    }
    i = end;

    // What stands before: 第 (an ordinal), a letter (GB2760, O2O), a digit run
    // of an enumeration started by 第 (第8、11、12条).
    std::size_t back = start;
    char32_t prev = back > 0 ? utf8::prev(t, back) : 0;
    if (is_ascii_letter(prev) || prev == '.' || prev == '-' || prev == '/' || prev == '+') continue;
    // “两个维护”, “三个一百”: a slogan in quotes that opens with its number.
    if (prev == U'“' || prev == U'"') {
      std::size_t close = t.find(prev == U'“' ? "”" : "\"", end);
      if (close != std::string::npos && utf8::length(std::string_view(t).substr(end, close - end)) <= 6) continue;
    }
    {
      std::size_t k = start;
      bool ordinal = false;
      while (k > 0) {
        std::size_t j = k;
        char32_t p = utf8::prev(t, j);
        if (p == U'第') {
          ordinal = true;
          break;
        }
        if (!(is_ascii_digit(p) || p == U'、' || p == ',' || p == U'和' || p == U'至' || p == U'到' ||
              p == U'及' || is_cn_numeral(p)))
          break;
        k = j;
      }
      if (ordinal || in_title(start)) continue;
    }

    // Multiplier and unit.
    std::size_t u = end;
    double factor = 1;
    std::string_view rest = std::string_view(t).substr(u);
    if (!chinese) {
      if (starts_with(rest, "万") && !starts_with(rest, "万千瓦时")) {
        factor = 1e4;
        u += 3;
      } else if (starts_with(rest, "亿")) {
        factor = 1e8;
        u += 3;
      } else if (starts_with(rest, "千") && !starts_with(rest, "千瓦") && !starts_with(rest, "千米")) {
        factor = 1e3;
        u += 3;
      }
    }
    rest = std::string_view(t).substr(u);
    // 二十余项, 100多家: approximate, still the number written.
    for (std::string_view w : {"余", "多"}) {
      if (starts_with(rest, w)) {
        u += w.size();
        break;
      }
    }
    rest = std::string_view(t).substr(u);
    std::string_view unit;
    for (std::string_view cand : kUnits) {
      if (starts_with(rest, cand)) {
        unit = cand;
        break;
      }
    }
    if (unit.empty() && factor == 1) continue;  // a bare number: no commitment
    if (unit == "元" && chinese && value < 10) continue;  // 二元结构, 多元
    // 满意度90分 is a score; 十分重要, 三分之一 are not.
    if (unit == "分" && (chinese || starts_with(std::string_view(t).substr(u), "分之"))) continue;
    if (chinese && value == 1) continue;                 // 一批, 一次, 一套: no target
    // 5G, 十四五: the unit must not run into letters.
    std::size_t after_unit = u + unit.size();
    if (after_unit < t.size()) {
      std::size_t k = after_unit;
      char32_t next = utf8::next(t, k);
      if (is_ascii_letter(next)) continue;
      if (unit == "次" && (next == U'性' || next == U'会')) continue;  // 一次性, 次会议
    }
    std::string_view tail = std::string_view(t).substr(after_unit);

    Target tg;
    tg.value = value * factor;
    tg.unit = std::string(unit);
    tg.op = TargetOp::eq;
    bool op_after = false;
    for (const OpWord& w : kAfter) {
      if (starts_with(tail, w.text)) {
        tg.op = w.op;
        after_unit += w.text.size();
        op_after = true;
        break;
      }
    }
    std::string_view before = std::string_view(t).substr(0, start);
    if (!op_after) {
      std::string_view near = before;
      while (!near.empty() && near.back() == ' ') near.remove_suffix(1);
      for (const OpWord& w : kBefore) {
        if (ends_with(near, w.text)) {
          tg.op = w.op;
          break;
        }
      }
    }
    // 给予…万元奖励 is an award; …以上的 (a condition) a threshold.
    std::string_view window = before.substr(before.size() > 36 ? before.size() - 36 : 0);
    // Only this sentence counts. (find_last_of would take 。's bytes one by
    // one and cut at the lead byte of every CJK character in that block.)
    for (std::string_view stop : {"。", ";", ":"}) {
      std::size_t cut = window.rfind(stop);
      if (cut != std::string_view::npos) window = window.substr(cut + stop.size());
    }
    std::string_view after = std::string_view(t).substr(after_unit);
    if (near_award(window, after)) {
      tg.kind = TargetKind::award;
      if (ends_with(before, "最高") || ends_with(before, "最多")) tg.op = TargetOp::le;
    } else if (starts_with(after, "的") ||
               (window.find("凡") != std::string_view::npos && after.find("的") < 12)) {
      tg.kind = TargetKind::threshold;
    }
    tg.subject = subject_near(before, after);
    std::size_t ob = folded.to_original(start), oe = folded.to_original(after_unit, true);
    tg.text = std::string(original.substr(ob, oe - ob));
    // 突破10亿元、50亿元、100亿元的: numbers listed with 、 are one phrase.
    const bool listed = !out.empty() && std::string_view(t).substr(previous_end, start - previous_end) == "、";
    if (!listed) group_starts.push_back(out.size());
    out.push_back({std::move(tg), ob});
    previous_end = after_unit;
    i = after_unit;
  }
  group_starts.push_back(out.size());
  for (std::size_t g = 0; g + 1 < group_starts.size(); ++g)
    share_within_list(out.begin() + static_cast<std::ptrdiff_t>(group_starts[g]),
                      out.begin() + static_cast<std::ptrdiff_t>(group_starts[g + 1]));
  return out;
}

}  // namespace policy::extract

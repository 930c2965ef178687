#include "policy/extract/unit_names.h"

#include <algorithm>
#include <array>

#include "policy/core/strings.h"
#include "policy/text/utf8.h"

namespace policy::extract {

namespace {


// Words a unit name ends with. Longer words first where one ends another.
constexpr std::array<std::string_view, 44> kUnitWords = {
    "人民政府", "管理委员会", "领导小组", "委员会", "管委会", "办公厅", "办公室", "工作组",
    "政府",     "小组",       "总局",     "处室",   "科室",   "中心",   "集团",   "公司",
    "银行",     "人大",       "政协",     "海关",   "单位",   "部门",   "机关",   "机构",
    "党组",     "党委",       "局",       "厅",     "委",     "部",     "办",     "院",
    "署",       "处",         "司",       "室",     "社",     "馆",     "队",     "联",
    "协",       "会",         "站",       "所"};

// A unit word standing alone names nobody (办公厅 on its own line is the end
// of a name broken over two lines).
constexpr std::array<std::string_view, 24> kBareWords = {
    "人民政府", "政府",   "办公厅", "办公室", "秘书局", "秘书处", "委员会", "管委会",
    "部门",     "单位",   "机构",   "机关",   "处室",   "科室",   "领导小组", "小组",
    "工作组",   "总局",   "中心",   "党组",   "党委",   "分局",   "支队",   "大队"};

// Names that assign nobody.
constexpr std::array<std::string_view, 22> kGenericNames = {
    "负责单位", "责任单位", "牵头单位", "配合单位", "成员单位", "各成员单位", "相关单位", "有关单位",
    "主管部门", "行业主管部门", "各部门", "各单位", "各地", "各级", "部门", "单位", "相关部门",
    "有关部门", "其他部门", "各级各部门", "各地各部门", "直属单位"};
constexpr std::array<std::string_view, 12> kGenericStarts = {
    "相关", "有关", "其他", "其它", "上述", "以上", "本单位", "该", "负责", "牵头", "配合", "主要"};

// Parts of a collective: 各市、州、县人民政府 lists administrative levels.
constexpr std::array<std::string_view, 16> kAdminWords = {
    "市", "州", "县", "区", "省", "自治区", "直辖市", "直管市", "林区", "自治州", "自治县",
    "盟", "旗", "地", "乡", "镇"};

bool is_admin_piece(std::string_view p) {
  if (starts_with(p, "各")) p.remove_prefix(3);
  if (p.empty()) return false;
  for (auto w : kAdminWords)
    if (p == w) return true;
  return false;
}

// A place without a unit word: 蔡甸区, 东湖高新区, 武汉新港.
bool is_bare_place(std::string_view p) {
  if (p.empty() || is_complete_unit(p)) return false;
  for (std::string_view end : {"区", "县", "市", "州", "旗", "镇", "乡", "港", "街道"})
    if (ends_with(p, end) && p.size() > end.size()) return true;
  return false;
}

// The unit word part of a place-led name: 新洲区人民政府 -> 人民政府,
// 临空港开发区管委会 -> 管委会. Empty when the name does not start with a place.
std::string_view place_suffix(std::string_view name) {
  std::size_t best = 0, i = 0;
  while (i < name.size()) {
    char32_t c = utf8::next(name, i);
    if (c != U'区' && c != U'县' && c != U'市' && c != U'州' && c != U'旗' && c != U'镇' &&
        c != U'乡' && c != U'港' && c != U'道')
      continue;
    std::string_view head = name.substr(0, i);
    if (i < name.size() && is_bare_place(head)) {
      std::string_view rest = name.substr(i);
      if (is_complete_unit(rest) || std::find(kBareWords.begin(), kBareWords.end(), rest) != kBareWords.end())
        best = i;
    }
  }
  return best ? name.substr(best) : std::string_view();
}

}  // namespace

bool starts_unit_head(std::string_view s) {
  switch (s.empty() ? 0 : [&] { std::size_t i = 0; return utf8::next(s, i); }()) {
    case U'省': case U'市': case U'区': case U'县':
      return true;
    case U'国': case U'中': case U'全': case U'自':
      for (std::string_view w : {"国家", "国务院", "中共", "中央", "全国", "自治区"})
        if (starts_with(s, w)) return true;
      break;
    default:
      break;
  }
  // A place name: two or three ideographs ending in 省/市/县 then more text.
  std::size_t i = 0, n = 0;
  while (i < s.size() && n < 4) {
    char32_t c = utf8::next(s, i);
    ++n;
    if (n >= 3 && (c == U'省' || c == U'市' || c == U'县') && i < s.size()) return true;
    if (!utf8::is_han(c)) return false;
  }
  return false;
}

namespace {

// Splits s at top level (outside parentheses) wherever `is_sep` says so.
struct Piece {
  std::string text;
  bool after_newline = false;  // the boundary before this piece was a line break
};

std::vector<Piece> tokenize(std::string_view s) {
  std::vector<Piece> out(1);
  int depth = 0;
  std::size_t i = 0;
  while (i < s.size()) {
    std::size_t start = i;
    char32_t c = utf8::next(s, i);
    std::string_view ch = s.substr(start, i - start);
    if (c == '(' || c == U'（') ++depth;
    if ((c == ')' || c == U'）') && depth > 0) --depth;
    if (depth == 0) {
      bool punct = c == U'、' || c == ',' || c == U'，' || c == ';' || c == U'；' || c == U'。';
      if (punct) {
        // A punctuation mark is a hard boundary, even next to a line break.
        if (out.back().text.empty()) out.back().after_newline = false;
        else out.push_back(Piece{});
        continue;
      }
      if (c == '\n') {
        if (!out.back().text.empty()) out.push_back(Piece{{}, true});
        continue;
      }
    }
    if (utf8::is_space(c)) continue;
    out.back().text.append(ch);
  }
  std::vector<Piece> kept;
  for (auto& p : out)
    if (!p.text.empty()) kept.push_back(std::move(p));
  if (!kept.empty()) kept.front().after_newline = false;
  return kept;
}

// Drops a trailing 等 and a generic tail after it: 等相关部门, 等有关部门.
std::string drop_etc(std::string s) {
  std::size_t p = s.rfind("等");
  if (p == std::string::npos) return s;
  std::string_view tail = std::string_view(s).substr(p + 3);
  bool generic = tail.empty() || is_generic_unit(tail) ||
                 std::find(kGenericStarts.begin(), kGenericStarts.end(), tail.substr(0, 6)) !=
                     kGenericStarts.end();
  for (std::string_view w : {"部门", "单位", "行业主管部门", "相关行业主管部门", "有关部门", "相关部门",
                             "部门（单位）", "部门(单位)", "单位（部门）", "单位(部门)", "有关单位", "相关单位"})
    generic |= tail == w;
  if (generic && p > 0) s.resize(p);
  return s;
}

bool is_generic_partner(std::string_view s) {
  for (std::string_view who : {"相关", "有关"})
    for (std::string_view what : {"单位", "部门", "部门（单位）", "部门和单位", "方面"})
      if (s == std::string(who) + std::string(what)) return true;
  return false;
}

// Splits at 和 / 及 / 以及 / 与 / 会同 between two whole names.
void split_conjunctions(std::vector<std::string>& pieces) {
  std::vector<std::string> out;
  for (const auto& piece : pieces) {
    std::string rest = piece;
    bool changed = true;
    while (changed) {
      changed = false;
      for (std::string_view conj : {"以及", "会同", "和", "及", "与"}) {
        std::size_t from = 0;
        while (true) {
          std::size_t p = rest.find(conj, from);
          if (p == std::string::npos) break;
          std::string left = rest.substr(0, p), right = rest.substr(p + conj.size());
          // 市市场监管局会同相关单位: the generic partner names nobody.
          if (conj == "会同" && is_complete_unit(left) && is_generic_partner(right)) {
            rest = left;
            changed = true;
            break;
          }
          if (is_complete_unit(left) && is_complete_unit(drop_etc(right))) {
            out.push_back(left);
            rest = right;
            changed = true;
            break;
          }
          from = p + conj.size();
        }
        if (changed) break;
      }
    }
    out.push_back(rest);
  }
  pieces = std::move(out);
}

// 国家税务总局长沙市税务局, 中国人民银行武汉分行: a national body's local
// branch is written as the body's name followed by the branch's.
bool is_branch_name(std::string_view national, std::string_view branch) {
  if (!starts_with(national, "国家") && !starts_with(national, "中国")) return false;
  for (std::string_view tail : {"税务局", "分行", "支行", "调查队", "监管局", "监管分局", "分局"})
    if (branch.size() > tail.size() && branch.substr(branch.size() - tail.size()) == tail) return true;
  return false;
}

// Two whole names run together: 广东省通信管理局广州市通信建设管理办公室.
void split_run_together(std::vector<std::string>& pieces) {
  std::vector<std::string> out;
  for (const auto& piece : pieces) {
    std::string rest = piece;
    bool split = true;
    while (split) {
      split = false;
      std::size_t i = 0;
      int depth = 0;
      while (i < rest.size()) {
        char32_t c = utf8::next(rest, i);
        if (c == '(' || c == U'（') ++depth;
        if ((c == ')' || c == U'）') && depth > 0) --depth;
        if (depth > 0 || i >= rest.size()) continue;
        std::string_view left = std::string_view(rest).substr(0, i);
        std::string_view right = std::string_view(rest).substr(i);
        // Cheapest test first: the right side must start like a name.
        if (starts_unit_head(right) && utf8::length(left) >= 3 && is_complete_unit(left) &&
            is_complete_unit(right) && !is_branch_name(left, right)) {
          out.emplace_back(left);
          rest = std::string(right);
          split = true;
          break;
        }
      }
    }
    out.push_back(rest);
  }
  pieces = std::move(out);
}

bool looks_like_name(std::string_view p) {
  if (p.empty() || utf8::length(p) > 14) return false;
  std::size_t i = 0;
  while (i < p.size()) {
    char32_t c = utf8::next(p, i);
    if ((c >= '0' && c <= '9') || c == U'年' || c == U'月' || c == U'日') return false;
  }
  for (std::string_view w : {"持续", "推进", "实施", "完成", "落实", "负责"})
    if (p.find(w) != std::string_view::npos) return false;
  return true;
}

}  // namespace

namespace {

char32_t first_char(std::string_view s) {
  std::size_t i = 0;
  return s.empty() ? 0 : utf8::next(s, i);
}

char32_t last_char(std::string_view s) {
  std::size_t i = s.size();
  return s.empty() ? 0 : utf8::prev(s, i);
}

// Word lists keyed by a character (first or last), so a test compares only
// the few words that can match: these run on every candidate name.
struct WordIndex {
  std::vector<std::pair<char32_t, std::string_view>> entries;  // sorted by key
  template <class Words>
  WordIndex(const Words& words, bool by_last) {
    for (std::string_view w : words) entries.emplace_back(by_last ? last_char(w) : first_char(w), w);
    std::stable_sort(entries.begin(), entries.end(),
                     [](const auto& a, const auto& b) { return a.first < b.first; });
  }
  template <class Fn>
  bool any(char32_t key, Fn fn) const {
    auto it = std::lower_bound(entries.begin(), entries.end(), key,
                               [](const auto& e, char32_t k) { return e.first < k; });
    for (; it != entries.end() && it->first == key; ++it)
      if (fn(it->second)) return true;
    return false;
  }
};

const WordIndex& unit_words_by_last() {
  static const WordIndex index(kUnitWords, true);
  return index;
}
const WordIndex& generic_by_first() {
  static const WordIndex index(kGenericNames, false);
  return index;
}
const WordIndex& generic_starts_by_first() {
  static const WordIndex index(kGenericStarts, false);
  return index;
}

}  // namespace

bool is_generic_unit(std::string_view name) {
  const char32_t c = first_char(name);
  if (generic_by_first().any(c, [&](std::string_view g) { return name == g; })) return true;
  return generic_starts_by_first().any(c, [&](std::string_view g) { return starts_with(name, g); });
}

// The last characters unit words end with (局 厅 委 … 府 室), for a quick no.
bool may_end_unit(std::string_view name) {
  const char32_t last = last_char(name);
  if (last == U'央' || last == U'）' || last == ')') return true;  // 中共中央, 市发改委（市能源局）
  return unit_words_by_last().any(last, [](std::string_view) { return true; });
}

bool is_complete_unit(std::string_view name) {
  if (name.size() < 6 || !may_end_unit(name)) return false;  // two ideographs at least
  if (is_generic_unit(name)) return false;
  // Whole names that end in no unit word.
  if (name == "中共中央" || name == "党中央") return true;
  // The name proper: a parenthesis after it (市发改委（市能源局）) is an alias.
  if (const char32_t last = last_char(name); last == U'）' || last == ')') {
    for (std::string_view open : {"（", "("}) {
      std::size_t p = name.find(open);
      if (p != std::string_view::npos && p > 0) name = name.substr(0, p);
    }
  }
  if (name.size() <= 15) {  // a unit word alone (办公厅, 各部门) names nobody
    std::string_view after_each = name.substr(0, 3) == "各" ? name.substr(3) : std::string_view();
    for (auto w : kBareWords)
      if (name == w || after_each == w) return false;
  }
  return unit_words_by_last().any(last_char(name), [&](std::string_view w) {
    return ends_with(name, w) && name.size() > w.size();
  });
}

std::string clean_name(std::string_view name) { return utf8::squash(name); }

bool is_admin_levels(std::string_view inner) {
  if (inner.empty() || inner.size() > 30) return false;
  std::size_t start = 0;
  while (true) {
    std::size_t sep = inner.find("、", start);
    std::string_view piece = inner.substr(start, sep == std::string_view::npos ? sep : sep - start);
    if (!is_admin_piece(piece)) return false;
    if (sep == std::string_view::npos) return true;
    start = sep + 3;
  }
}

std::vector<std::string> split_unit_list(std::string_view list, ListMode mode) {
  // A strict list ends with a unit name (before any 等…): a quick no for the
  // many bracket contents and sentence heads that are none.
  if (mode == ListMode::strict) {
    std::string_view tail = utf8::trim_right(list);
    std::size_t etc = tail.rfind("等");
    if (etc != std::string_view::npos && tail.size() - etc <= 30) tail = tail.substr(0, etc);
    while (!tail.empty() && (tail.back() == ';' || tail.back() == ',')) tail.remove_suffix(1);
    for (std::string_view p : {"。", "；", "，", "、"})
      while (tail.size() >= 3 && tail.substr(tail.size() - 3) == p) tail.remove_suffix(3);
    tail = utf8::trim_right(tail);
    if (tail.empty() || !may_end_unit(tail)) return {};
  }
  std::vector<Piece> raw = tokenize(list);
  // Line breaks inside a name: join unless both sides are whole names.
  std::vector<std::string> pieces;
  for (auto& p : raw) {
    if (p.after_newline && !pieces.empty() &&
        !(is_complete_unit(pieces.back()) && is_complete_unit(drop_etc(p.text))) &&
        !is_admin_piece(pieces.back())) {
      pieces.back() += p.text;
    } else {
      pieces.push_back(p.text);
    }
  }
  for (auto& p : pieces) {
    for (std::string_view lead : {"由", "请", "会同", "以及", "和", "及", "并"}) {
      if (starts_with(p, lead) && p.size() > lead.size() && is_complete_unit(p.substr(lead.size()))) {
        p.erase(0, lead.size());
        break;
      }
    }
    p = drop_etc(p);
  }
  split_conjunctions(pieces);
  split_run_together(pieces);

  // Collectives: 各市、州、县人民政府 stays one name.
  std::vector<std::string> joined;
  for (std::size_t k = 0; k < pieces.size(); ++k) {
    if (is_admin_piece(pieces[k])) {
      std::string name = pieces[k];
      std::size_t j = k + 1;
      while (j < pieces.size() && is_admin_piece(pieces[j])) name += "、" + pieces[j++];
      if (j < pieces.size() && (is_complete_unit(pieces[j]) || mode == ListMode::liberal)) {
        name += "、" + pieces[j];
        joined.push_back(name);
        k = j;
        continue;
      }
    }
    joined.push_back(pieces[k]);
  }

  // Shared suffix: 蔡甸区、黄陂区、新洲区人民政府.
  for (std::size_t k = 0; k < joined.size(); ++k) {
    if (!is_bare_place(joined[k])) continue;
    std::size_t j = k;
    while (j < joined.size() && is_bare_place(joined[j])) ++j;
    if (j < joined.size()) {
      std::string_view suffix = place_suffix(joined[j]);
      if (!suffix.empty())
        for (std::size_t t = k; t < j; ++t) joined[t] += std::string(suffix);
    }
    k = j;
  }

  std::vector<std::string> out;
  for (auto& p : joined) {
    p = drop_etc(p);
    if (p.empty() || is_generic_unit(p)) continue;
    if (is_complete_unit(p)) {
      out.push_back(clean_name(p));
    } else if (mode == ListMode::liberal && looks_like_name(p)) {
      out.push_back(clean_name(p));
    } else if (mode == ListMode::strict) {
      return {};
    }
  }
  return out;
}

}  // namespace policy::extract

#include "policy/extract/units.h"

#include <algorithm>
#include <array>
#include <utility>

#include "policy/core/strings.h"
#include "policy/extract/unit_names.h"
#include "policy/text/utf8.h"

namespace policy::extract {

namespace {


struct RoleWord {
  std::string_view text;
  UnitRole role;
};

// Labels that introduce a list: 牵头单位：… (longest first).
constexpr std::array<RoleWord, 16> kLabels = {{
    {"牵头责任单位", UnitRole::lead},      {"牵头责任部门", UnitRole::lead},
    {"牵头单位", UnitRole::lead},          {"牵头部门", UnitRole::lead},
    {"主责单位", UnitRole::responsible},   {"主责部门", UnitRole::responsible},
    {"责任单位", UnitRole::responsible},   {"责任部门", UnitRole::responsible},
    {"主办单位", UnitRole::responsible},   {"承办单位", UnitRole::responsible},
    {"配合单位", UnitRole::cooperate},     {"配合部门", UnitRole::cooperate},
    {"协办单位", UnitRole::cooperate},     {"协同单位", UnitRole::cooperate},
    {"参与单位", UnitRole::cooperate},     {"协作单位", UnitRole::cooperate},
}};

// Role phrases that close a list: …按职责分工负责 (longest first).
constexpr std::array<RoleWord, 19> kRoleSuffixes = {{
    {"按照职责分工负责", UnitRole::responsible}, {"按职责分工负责", UnitRole::responsible},
    {"按照职责分工落实", UnitRole::responsible}, {"按职责分工落实", UnitRole::responsible},
    {"分工落实", UnitRole::responsible},
    {"按照职责负责", UnitRole::responsible},     {"按职责负责", UnitRole::responsible},
    {"按照职责落实", UnitRole::responsible},     {"按职责落实", UnitRole::responsible},
    {"分工负责", UnitRole::responsible},         {"共同负责", UnitRole::responsible},
    {"分工职责", UnitRole::responsible},         {"负责", UnitRole::responsible},
    {"共同牵头", UnitRole::lead},                {"牵头", UnitRole::lead},
    {"协同配合", UnitRole::cooperate},           {"积极配合", UnitRole::cooperate},
    {"密切配合", UnitRole::cooperate},           {"配合", UnitRole::cooperate},
}};

bool is_open(char32_t c) { return c == '(' || c == U'（'; }
bool is_close(char32_t c) { return c == ')' || c == U'）'; }

// OCR-style slips that hide a role word: 率头 for 牵头, 负-责 for 负责.
std::string normalize_roles(std::string_view in) {
  std::string out(in);
  for (std::size_t p = 0; (p = out.find("率头", p)) != std::string::npos; p += 6)
    out.replace(p, 6, "牵头");
  for (std::string_view slip : {"负-责", "负－责", "负—责", "负 责", "负　责"}) {
    for (std::size_t p = 0; (p = out.find(slip, p)) != std::string::npos;)
      out.replace(p, slip.size(), "负责");
  }
  return out;
}

struct Span {
  std::size_t begin, end;  // [begin, end)
  bool closed = true;      // ends with its closing bracket
  // Bytes of the closing bracket at the end (0 when unclosed).
  std::size_t close_len(std::string_view t) const {
    if (!closed || end == begin) return 0;
    return t[end - 1] == ')' ? 1 : 3;
  }
};

// Top-level bracket spans, (…) and （…） mixed; a list inside brackets may
// wrap over lines, and a bracket never closed runs to the end of its line
// (scanning then goes on after that line). One pass: linear in the text.
std::vector<Span> bracket_spans(std::string_view t) {
  std::vector<Span> out;
  std::size_t i = 0;
  while (i < t.size()) {
    int depth = 0;
    std::size_t open = 0;
    while (i < t.size()) {
      std::size_t start = i;
      char32_t c = utf8::next(t, i);
      if (is_open(c)) {
        if (depth++ == 0) open = start;
      } else if (is_close(c) && depth > 0) {
        if (--depth == 0) out.push_back({open, i});
      }
    }
    if (depth == 0) break;
    // No span closed after `open` (depth never came back to 0): cut it at
    // its line and go on after that line.
    std::size_t line_end = t.find('\n', open);
    if (line_end == std::string_view::npos) line_end = t.size();
    out.push_back({open, line_end, false});
    i = line_end;
  }
  return out;
}

// Spans are sorted by begin and do not overlap: binary searches.
const Span* enclosing(const std::vector<Span>& spans, std::size_t pos) {
  auto it = std::upper_bound(spans.begin(), spans.end(), pos,
                             [](std::size_t p, const Span& s) { return p < s.begin; });
  if (it == spans.begin()) return nullptr;
  --it;
  return pos > it->begin && pos < it->end ? &*it : nullptr;
}

bool inside(const std::vector<Span>& spans, std::size_t pos) {
  auto it = std::upper_bound(spans.begin(), spans.end(), pos,
                             [](std::size_t p, const Span& s) { return p < s.begin; });
  if (it == spans.begin()) return false;
  --it;
  return pos >= it->begin && pos < it->end;
}

void add(std::vector<UnitMention>& out, const std::vector<std::string>& names, UnitRole role,
         std::size_t pos) {
  for (std::size_t k = 0; k < names.size(); ++k) {
    std::string name = names[k];
    const UnitRole r = marked_role(name).value_or(role);
    out.push_back({std::move(name), r, pos + k});
  }
}

// A date at the start of a bracket segment: 2024.6, 2023年12月, 2022年底前.
std::size_t date_prefix(std::string_view s) {
  std::size_t i = 0, digits = 0;
  while (i < s.size() && digits < 4) {
    std::size_t j = i;
    char32_t c = utf8::next(s, j);
    if (!((c >= '0' && c <= '9') || (c >= 0xFF10 && c <= 0xFF19))) break;
    i = j;
    ++digits;
  }
  if (digits != 4) return 0;
  std::size_t j = i;
  char32_t sep = i < s.size() ? utf8::next(s, j) : 0;
  if (sep != '.' && sep != U'．' && sep != U'年' && sep != '-' && sep != '/') return 0;
  i = j;
  std::size_t month_digits = 0;
  while (i < s.size()) {
    std::size_t k = i;
    char32_t c = utf8::next(s, k);
    if (!((c >= '0' && c <= '9') || (c >= 0xFF10 && c <= 0xFF19))) break;
    i = k;
    ++month_digits;
  }
  if (month_digits == 0 && sep != U'年') return 0;
  for (std::string_view tail : {"月底前", "月底", "月前", "月", "底前", "年底前", "年底", "前", "底"}) {
    if (starts_with(s.substr(i), tail)) {
      i += tail.size();
      break;
    }
  }
  return i;
}

// Whether the blanks ending at `at` follow a list separator (、).
bool after_separator(std::string_view t, std::size_t floor, std::size_t at) {
  while (at > floor) {
    std::size_t q = at;
    char32_t p = utf8::prev(t, q);
    if (!utf8::is_space(p)) return p == U'、';
    at = q;
  }
  return false;
}

// The unit list standing right before `end` in prose: back to the previous
// punctuation, after a 由; leading words that are no unit are dropped.
std::vector<std::string> list_before(std::string_view t, std::size_t floor, std::size_t end) {
  std::size_t b = end;
  // A list of names is never longer than a few hundred characters; the
  // bound keeps a long text without punctuation linear.
  floor = std::max(floor, end > 1200 ? end - 1200 : 0);
  while (b > floor) {
    std::size_t j = b;
    char32_t c = utf8::prev(t, j);
    if (j < floor) break;
    // 各县（市、区）人民政府: a bracket of administrative levels is part of the name.
    if (is_close(c)) {
      std::size_t open = t.rfind(c == ')' ? "(" : "（", j);
      if (open != std::string_view::npos && open >= floor && open > 0) {
        const std::size_t inner = open + (c == ')' ? 1 : 3);
        if (is_admin_levels(t.substr(inner, j - inner))) {
          b = open;
          continue;
        }
      }
    }
    if (c == U'。' || c == U'，' || c == ',' || c == U'；' || c == ';' || c == U'：' || c == ':' ||
        c == U'！' || c == U'？' || c == '\n' || is_open(c) || is_close(c) || c == U'【' ||
        c == U'】' || c == U'〔' || c == U'〕' || c == '[' || c == ']' || c == U'“' || c == U'”')
      break;
    // A blank ends the run too (第二条　市…负责), unless it follows a list
    // separator (市商务局、 市发改委).
    if (utf8::is_space(c) && !after_separator(t, floor, j)) break;
    b = j;
  }
  std::string_view cand = t.substr(b, end - b);
  std::size_t you = cand.rfind("由");
  if (you != std::string_view::npos) cand = cand.substr(you + 3);
  // Try the whole run, then shorter tails that start like a unit name
  // (…工作市商务局牵头 -> 市商务局), never a bare noun (…推动行业协会配合).
  auto names = split_unit_list(cand, ListMode::strict);
  if (!names.empty()) return names;
  std::size_t i = 0;
  while (i < cand.size()) {
    utf8::next(cand, i);
    std::string_view tail = cand.substr(i);
    if (tail.empty() || !(starts_unit_head(tail) || starts_with(tail, "各"))) continue;
    names = split_unit_list(tail, ListMode::strict);
    if (!names.empty()) return names;
  }
  return {};
}

}  // namespace

std::optional<UnitRole> marked_role(std::string& name) {
  for (auto [open, close] : {std::pair<std::string_view, std::string_view>{"（", "）"}, {"(", ")"}}) {
    if (name.size() <= open.size() + close.size() ||
        name.compare(name.size() - close.size(), close.size(), close) != 0)
      continue;
    const std::size_t p = name.rfind(open);
    if (p == std::string::npos || p == 0) continue;
    const std::string_view inner =
        std::string_view(name).substr(p + open.size(), name.size() - close.size() - p - open.size());
    std::optional<UnitRole> role;
    if (inner == "牵头" || inner == "牵头单位" || inner == "主责" || inner == "总牵头") role = UnitRole::lead;
    else if (inner == "负责" || inner == "责任单位") role = UnitRole::responsible;
    else if (inner == "配合" || inner == "协办" || inner == "配合单位") role = UnitRole::cooperate;
    if (role) name.resize(p);
    return role;
  }
  return std::nullopt;
}

std::optional<UnitRole> column_role(std::string_view column) {
  if (column.find("牵头") != std::string_view::npos) return UnitRole::lead;
  for (std::string_view w : {"配合", "协办", "协同", "参与单位"})
    if (column.find(w) != std::string_view::npos) return UnitRole::cooperate;
  for (std::string_view w : {"责任单位", "责任部门", "主管部门", "主责", "承办单位", "实施单位",
                             "负责单位", "责任主体"})
    if (column.find(w) != std::string_view::npos) return UnitRole::responsible;
  return std::nullopt;
}

std::vector<std::string> units_in_cell(std::string_view cell) {
  std::string_view c = utf8::trim(cell);
  if (c.empty() || c == "-" || c == "—" || c == "无" || c == "/" || c == "／") return {};
  return split_unit_list(normalize_roles(c), ListMode::liberal);
}

namespace {

// Where a label word or a prose role word starts. One pass over the text
// finds them all: every such word starts with one of a few characters.
struct Trigger {
  std::size_t pos;
  const RoleWord* label;  // a label word (…单位), or
  std::string_view word;  // a prose role word (牵头 负责 配合 …)
};

bool starts_trigger(char32_t c) {
  // A BMP table: this runs on every character of every clause.
  static const std::vector<bool> table = [] {
    std::vector<bool> t(0x10000, false);
    for (char32_t k : {U'牵', U'责', U'主', U'承', U'配', U'协', U'参', U'负', U'按', U'分'}) t[k] = true;
    return t;
  }();
  return c < 0x10000 && table[c];
}

std::vector<Trigger> triggers(const std::string& t) {
  static constexpr std::string_view kProse[] = {"牵头", "负责", "配合", "按职责落实", "分工职责",
                                                "分工落实"};
  std::vector<Trigger> out;
  std::size_t i = 0;
  while (i < t.size()) {
    std::size_t p = i;
    char32_t c = utf8::next(t, i);
    if (!starts_trigger(c)) continue;
    bool label = false;
    for (const RoleWord& w : kLabels) {  // longest first: 牵头责任单位 before 牵头单位
      if (t.compare(p, w.text.size(), w.text) == 0) {
        out.push_back({p, &w, {}});
        label = true;
        break;
      }
    }
    if (label) continue;
    for (std::string_view w : kProse)
      if (t.compare(p, w.size(), w) == 0) out.push_back({p, nullptr, w});
  }
  return out;
}

}  // namespace

std::vector<UnitMention> find_units(std::string_view original) {
  // Nothing to find without a role word, a bracket or a colon (duty lists).
  const std::string t = normalize_roles(original);
  std::vector<Trigger> found = triggers(t);
  if (found.empty() && !contains_any_byte(t, "(:") &&
      t.find("（") == std::string::npos && t.find("：") == std::string::npos)
    return {};
  std::vector<UnitMention> out;
  std::vector<Span> brackets = bracket_spans(t);
  std::vector<Span> consumed;

  // 1. Labelled lists: 牵头单位：…；责任单位：…
  struct LabelHit {
    std::size_t begin, list_begin;
    UnitRole role;
  };
  std::vector<LabelHit> labels;
  std::size_t covered = 0;  // a label word inside a longer one (责任单位 in 牵头责任单位) is no label
  for (const Trigger& tr : found) {
    if (!tr.label || tr.pos < covered) continue;
    std::size_t q = tr.pos + tr.label->text.size();
    while (q < t.size() && (t[q] == ' ' || t.compare(q, 3, "　") == 0)) q += t[q] == ' ' ? 1 : 3;
    if (t.compare(q, 3, "：") == 0) q += 3;
    else if (q < t.size() && t[q] == ':') q += 1;
    else continue;
    covered = q;
    labels.push_back({tr.pos, q, tr.label->role});
  }
  std::sort(labels.begin(), labels.end(),
            [](const LabelHit& a, const LabelHit& b) { return a.begin < b.begin; });
  for (std::size_t k = 0; k < labels.size(); ++k) {
    const LabelHit& h = labels[k];
    const Span* box = enclosing(brackets, h.begin);
    std::size_t end = k + 1 < labels.size() ? labels[k + 1].begin : t.size();
    if (box) end = std::min(end, box->end - box->close_len(t));
    if (end < h.list_begin) end = h.list_begin;
    // Searches stay inside [list_begin, end): linear however many labels.
    std::string_view rest = std::string_view(t).substr(h.list_begin, end - h.list_begin);
    std::size_t stop = rest.find("。");
    if (!box) stop = std::min(stop, rest.find('\n'));
    if (stop != std::string_view::npos) end = h.list_begin + stop;
    add(out, split_unit_list(std::string_view(t).substr(h.list_begin, end - h.list_begin),
                             ListMode::liberal),
        h.role, h.begin);
    consumed.push_back({h.begin, end});
  }

  // 2. Brackets: role phrases per segment, or a bare list of units.
  for (const Span& s : brackets) {
    auto first_after = std::upper_bound(labels.begin(), labels.end(), s.begin,
                                        [](std::size_t p, const LabelHit& h) { return p < h.begin; });
    if (first_after != labels.end() && first_after->begin < s.end) continue;  // a labelled bracket
    std::size_t open_len = t[s.begin] == '(' ? 1 : 3;
    std::size_t close_len = s.close_len(t);
    if (s.end - s.begin < open_len + close_len) continue;
    std::string_view content =
        std::string_view(t).substr(s.begin + open_len, s.end - s.begin - open_len - close_len);
    // Segments at the bracket's top level.
    std::vector<std::string_view> segments;
    {
      int depth = 0;
      std::size_t i = 0, start = 0;
      while (i < content.size()) {
        std::size_t at = i;
        char32_t c = utf8::next(content, i);
        if (is_open(c)) ++depth;
        else if (is_close(c) && depth > 0) --depth;
        else if (depth == 0 && (c == ',' || c == U'，' || c == ';' || c == U'；' || c == U'。')) {
          segments.push_back(content.substr(start, at - start));
          start = i;
        }
      }
      segments.push_back(content.substr(start));
    }
    std::vector<std::string> bare;
    bool dated = false;
    for (std::size_t k = 0; k < segments.size(); ++k) {
      std::string_view seg = utf8::trim(segments[k]);
      if (k == 0) {
        std::size_t d = date_prefix(seg);
        if (d) {
          dated = true;
          seg = utf8::trim(seg.substr(d));
        }
      }
      bool phrased = false;
      for (const RoleWord& w : kRoleSuffixes) {
        if (!ends_with(seg, w.text)) continue;
        auto names = split_unit_list(seg.substr(0, seg.size() - w.text.size()), ListMode::strict);
        add(out, names, w.role, s.begin + k);
        phrased = true;
        break;
      }
      if (phrased) continue;
      auto names = split_unit_list(seg, ListMode::strict);
      bare.insert(bare.end(), names.begin(), names.end());
    }
    if (!bare.empty()) {
      // 市发改委（市能源局）: a bracket glued to a name is part of that name.
      std::size_t before = s.begin;
      char32_t prev = before > 0 ? utf8::prev(t, before) : 0;
      bool glued = utf8::is_han(prev) && bare.size() == 1 && segments.size() == 1 && !dated;
      if (!glued) {
        for (std::size_t k = 0; k < bare.size(); ++k) {
          UnitRole role = dated && k == 0 ? UnitRole::lead : UnitRole::responsible;
          add(out, {bare[k]}, role, s.begin + k);
        }
      }
    }
  }

  // 3. Role phrases in prose: …牵头, …负责, …配合, …按职责(分工)落实.
  auto blocked = [&](std::size_t pos) { return inside(brackets, pos) || inside(consumed, pos); };
  for (const Trigger& tr : found) {
    if (tr.label) continue;
    const std::string_view word = tr.word;
    const std::size_t p = tr.pos;
    {
      if (blocked(p)) continue;
      std::string_view after = std::string_view(t).substr(p + word.size());
      bool skip = false;
      // 负责同志, 负责人; 由市市场监管局负责解释 closes nearly every document
      // and is no task.
      for (std::string_view no : {"同志", "人", "单位", "部门", "制", "的", "任", "责任单位",
                                  "责任部门", "作用", "解释"})
        skip |= starts_with(after, no);
      if (skip) continue;
      // Extend the phrase backwards over its modifiers.
      std::size_t start = p;
      for (std::string_view mod : {"按照各自职责", "依照各自职责", "根据各自职责", "按各自职责",
                                   "按照职责分工", "按职责分工", "按照职责", "按职责", "共同", "分工",
                                   "协同", "积极", "密切", "具体"}) {
        if (start >= mod.size() && t.compare(start - mod.size(), mod.size(), mod) == 0) {
          start -= mod.size();
          break;
        }
      }
      // Where the sentence (or the line) began.
      std::size_t floor = 0;
      auto names = list_before(t, floor, start);
      if (names.empty()) continue;
      UnitRole role = word == "牵头" ? UnitRole::lead
                      : word == "配合" ? UnitRole::cooperate
                                       : UnitRole::responsible;
      add(out, names, role, start);
    }
  }

  // 4. Duty lists: a line that starts with units and a colon.
  std::size_t line_start = 0;
  while (line_start < t.size()) {
    std::size_t line_end = t.find('\n', line_start);
    if (line_end == std::string::npos) line_end = t.size();
    std::string_view line = std::string_view(t).substr(line_start, line_end - line_start);
    std::string_view body = utf8::trim_left(line);
    std::size_t offset = line_start + (body.data() - line.data());
    std::string_view head = body.substr(0, 124);  // a list of names before the colon is short
    std::size_t colon = std::min(head.find("："), head.find(':'));
    if (colon != std::string_view::npos && colon > 0 && colon <= 120 && !blocked(offset) &&
        !utf8::trim(body.substr(colon + (body[colon] == ':' ? 1 : 3))).empty()) {
      auto names = split_unit_list(body.substr(0, colon), ListMode::strict);
      add(out, names, UnitRole::responsible, offset);
    }
    line_start = line_end + 1;
  }

  std::stable_sort(out.begin(), out.end(),
                   [](const UnitMention& a, const UnitMention& b) { return a.position < b.position; });
  return out;
}

}  // namespace policy::extract

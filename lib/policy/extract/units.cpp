#include "policy/extract/units.h"

#include <algorithm>
#include <numeric>
#include <tuple>

#include "policy/core/scratch.h"
#include "policy/core/strings.h"
#include "policy/extract/unit_names.h"
#include "policy/structure/label.h"
#include "policy/text/utf8.h"

namespace policy::extract {

using lexicon::Class;

namespace {

bool is_role(const Hit& h) { return h.value != lexicon::kNoRole; }

void add_one(std::vector<UnitMention>& out, ListedName&& n, UnitRole role, std::size_t order, const ClauseText& ct) {
  const std::size_t where = ct.to_folded(n.at.begin);
  out.push_back({std::move(n.name), n.marked.value_or(role), n.at, order, where});
}

void add(std::vector<UnitMention>& out, std::vector<ListedName> names, UnitRole role, std::size_t order,
         const ClauseText& ct) {
  // Room for the whole list at once, growing as push_back would.
  if (out.capacity() - out.size() < names.size()) out.reserve(std::max(out.size() + names.size(), 2 * out.size()));
  for (auto& n : names) add_one(out, std::move(n), role, order, ct);
}

bool is_digit(char c) { return c >= '0' && c <= '9'; }

// A date at the start of a bracket segment: 2024.6, 2023年12月, 2022年底前.
std::size_t date_prefix(std::string_view s) {
  std::size_t i = 0;
  while (i < s.size() && i < 4 && is_digit(s[i])) ++i;
  if (i != 4) return 0;
  std::size_t j = i;
  const char32_t sep = i < s.size() ? utf8::next(s, j) : 0;
  if (sep != '.' && sep != U'年' && sep != '-' && sep != '/') return 0;
  i = j;
  std::size_t month_digits = 0;
  while (i < s.size() && is_digit(s[i])) {
    ++i;
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
    const char32_t p = utf8::prev(t, q);
    if (!utf8::is_space(p)) return p == U'、';
    at = q;
  }
  return false;
}

bool ends_a_run(char32_t c) {
  switch (c) {
    case U'。': case ',': case ';': case ':': case '!': case '?': case '\n': case '(': case ')':
    case U'【': case U'】': case U'〔': case U'〕': case '[': case ']': case U'“': case U'”':
      return true;
    default:
      return false;
  }
}

// The unit list standing right before `end` in prose: back to the previous
// punctuation, after a 由; leading words that are no unit are dropped. A
// bracket of administrative levels (各县(市、区)人民政府) or a role mark
// (市发改委(牵头)) is part of the list.
std::vector<ListedName> list_before(const ClauseText& ct, std::size_t floor, std::size_t end) {
  const std::string_view t = ct.folded();
  const Lexicon& lex = ct.lexicon();
  std::size_t b = end;
  // A list of names is never longer than a few hundred characters; the
  // bound keeps a long text without punctuation linear.
  floor = std::max(floor, end > 1200 ? end - 1200 : 0);
  while (b > floor) {
    std::size_t j = b;
    const char32_t c = utf8::prev(t, j);
    if (j < floor) break;
    if (c == ')') {
      const std::size_t open = t.rfind('(', j);
      if (open != std::string_view::npos && open >= floor && open > 0) {
        const std::string_view bracket = t.substr(open, j + 1 - open);
        if (is_admin_levels(bracket.substr(1, bracket.size() - 2), lex) || lex.words(Class::role_mark).find(bracket)) {
          b = open;
          continue;
        }
      }
    }
    if (ends_a_run(c)) break;
    // A blank ends the run too (第二条 市…负责), unless it follows a list
    // separator (市商务局、 市发改委).
    if (utf8::is_space(c) && !after_separator(t, floor, j)) break;
    b = j;
  }
  Range cand{b, end};
  const std::size_t you = t.substr(b, end - b).rfind("由");
  if (you != std::string_view::npos) cand.begin = b + you + 3;
  // Try the whole run, then shorter tails that start like a unit name
  // (…工作市商务局牵头 -> 市商务局), never a bare noun (…推动行业协会配合).
  auto names = split_unit_list(ct, cand, ListMode::strict);
  if (!names.empty()) return names;
  std::size_t i = cand.begin;
  while (i < cand.end) {
    utf8::next(t, i);
    std::string_view tail = t.substr(i, cand.end - i);
    if (tail.empty() || !(starts_unit_head(tail, lex) || starts_with(tail, "各"))) continue;
    names = split_unit_list(ct, Range{i, cand.end}, ListMode::strict);
    if (!names.empty()) return names;
  }
  return {};
}

// The segments of r at its own bracket level, split on , ; and 。.
void top_level_segments(std::string_view t, Range r, std::vector<Range>& out) {
  out.clear();
  int depth = 0;
  std::size_t i = r.begin, start = r.begin;
  while (i < r.end) {
    // An ideograph (most of a list) is no bracket or separator.
    if (detail::ideograph_at(t, i)) {
      i += 3;
      continue;
    }
    const std::size_t at = i;
    const char32_t c = utf8::next(t, i);
    if (c == '(') ++depth;
    else if (c == ')' && depth > 0) --depth;
    else if (depth == 0 && (c == ',' || c == ';' || c == U'。')) {
      out.push_back({start, at});
      start = i;
    }
  }
  out.push_back({start, r.end});
}

// The role word a list segment ends with (市税务局按职责分工负责, 市财政局配合),
// the longer of a suffix and a closing word; null when none gives a role.
const lexicon::WordSet::Word* segment_role(std::string_view body, const Lexicon& lex) {
  const auto* suffix = lex.words(Class::role_suffix).ends(body);
  const auto* closing = lex.words(Class::role_bracket).ends(body);
  if (!suffix || (closing && closing->text.size() > suffix->text.size())) suffix = closing;
  return suffix && suffix->value != lexicon::kNoRole ? suffix : nullptr;
}

// Whether a block phrase (负责同志, 企业牵头的) covers the role word at h.
bool blocked_by_phrase(const ClauseText& ct, const Hit& h) {
  // Block phrases are short: one that covers h starts at most 64 bytes before it.
  const auto blocks = ct.hits(Class::role_block);
  auto it = std::lower_bound(blocks.begin(), blocks.end(), h.begin > 64 ? h.begin - 64 : 0,
                             [](const Hit& b, std::size_t p) { return b.begin < p; });
  for (; it != blocks.end() && it->begin < h.end; ++it)
    if (it->end > h.begin) return true;
  return false;
}

bool ends_sentence(std::string_view t, std::size_t q) {
  return q >= t.size() || t[q] == ';' || t[q] == '\n' || t[q] == '!' || t.compare(q, 3, "。") == 0;
}

// Whether a role word ending at `end` closes a statement that only says
// who: the sentence ends there, or what follows up to its end (after a
// comma) is another list with its role word.
bool closes_role_statement(const ClauseText& ct, Range r, std::size_t end) {
  const std::string_view t = std::string_view(ct.folded()).substr(0, r.end);
  std::size_t q = end;
  while (q < t.size() && (t[q] == ' ' || t[q] == '\t')) ++q;
  if (ends_sentence(t, q)) return true;
  if (t[q] != ',') return false;
  std::size_t e = q + 1;
  while (e < t.size() && !ends_sentence(t, e) && t[e] != ',') utf8::next(t, e);
  const std::string_view next = utf8::trim(t.substr(q + 1, e - q - 1));
  const Lexicon& lex = ct.lexicon();
  const auto* w = lex.words(Class::role_suffix).ends(next);
  const auto* b = lex.words(Class::role_bracket).ends(next);
  if (!w || (b && b->text.size() > w->text.size())) w = b;
  if (!w || w->value == lexicon::kNoRole) return false;
  const std::size_t begin = static_cast<std::size_t>(next.data() - ct.folded().data());
  return !split_unit_list(ct, Range{begin, begin + next.size() - w->text.size()}, ListMode::strict).empty();
}

// Whether only blanks or the clause's label stand between the start of the
// sentence holding folded offset p and p.
bool opens_sentence(const ClauseText& ct, std::size_t p) {
  const auto& ss = ct.sentences();
  const std::size_t begin = ss.empty() ? 0 : ss[ct.sentence_index(p)].begin;
  std::string_view before = utf8::trim(std::string_view(ct.folded()).substr(begin, p - begin));
  if (before.empty()) return true;
  const auto label = structure::recognize_label(before);
  return label && utf8::trim(before.substr(label->body)).empty();
}

struct Taken {
  std::vector<Range> spans;  // sorted by begin, not overlapping
  bool holds(std::size_t p) const {
    auto it = std::upper_bound(spans.begin(), spans.end(), p,
                               [](std::size_t v, const Range& r) { return v < r.begin; });
    if (it == spans.begin()) return false;
    --it;
    return p >= it->begin && p < it->end;
  }
};

bool inside_bracket(const ClauseText& ct, std::size_t p) {
  const auto& bs = ct.brackets();
  auto it = std::upper_bound(bs.begin(), bs.end(), p, [](std::size_t v, const Bracket& b) { return v < b.begin; });
  if (it == bs.begin()) return false;
  --it;
  return p >= it->begin && p < it->end;
}

}  // namespace

std::optional<UnitRole> column_role(std::string_view column, const lexicon::Lexicon& lex) {
  using lexicon::ColumnKind;
  if (lex.column_has(column, ColumnKind::lead)) return UnitRole::lead;
  if (lex.column_has(column, ColumnKind::cooperate)) return UnitRole::cooperate;
  if (lex.column_has(column, ColumnKind::responsible)) return UnitRole::responsible;
  return std::nullopt;
}

std::vector<UnitMention> units_in_cell(const ClauseText& ct, Range cell, UnitRole role) {
  std::string_view c = utf8::trim(ct.folded(cell));
  if (c.empty() || c == "-" || c == "—" || c == "无" || c == "/") return {};
  std::vector<UnitMention> out;
  add(out, split_unit_list(ct, cell, ListMode::liberal), role, cell.begin, ct);
  // Role words inside the cell give their own roles (省商务厅牵头，南昌海关配合;
  // 牵头单位：…；责任单位：…): what they assign replaces the column's reading of
  // the same text; a name they leave keeps the column's role.
  const auto worded_in_cell = [&](Class cls) {
    const auto hits = ct.hits(cls);
    return std::any_of(hits.begin(), hits.end(), [&](const Hit& h) {
      return h.begin >= cell.begin && h.end <= cell.end && is_role(h);
    });
  };
  if (worded_in_cell(Class::role_label) || worded_in_cell(Class::role_suffix) || worded_in_cell(Class::role_bracket)) {
    std::vector<UnitMention> worded = find_units(ct, cell);
    if (!worded.empty()) {
      for (UnitMention& m : out) {
        const bool covered = std::any_of(worded.begin(), worded.end(), [&](const UnitMention& w) {
          return w.at.begin < m.at.end && m.at.begin < w.at.end;
        });
        if (!covered) worded.push_back(std::move(m));
      }
      std::stable_sort(worded.begin(), worded.end(),
                       [](const UnitMention& a, const UnitMention& b) { return a.at.begin < b.at.begin; });
      out = std::move(worded);
    }
  }
  for (std::size_t k = 0; k < out.size(); ++k) out[k].order = cell.begin + k;
  return out;
}

std::vector<UnitMention> find_units(const ClauseText& ct, Range r, bool duty_section) {
  const std::string_view t = ct.folded();
  const Lexicon& lex = ct.lexicon();
  r.end = std::min(r.end, t.size());
  auto in_range = [&](const Hit& h) { return h.begin >= r.begin && h.end <= r.end && is_role(h); };
  // The working vectors are the thread's, their blocks kept from one call
  // to the next: find_units runs for every clause and cell, and calls
  // nothing that runs it again.
  static thread_local std::vector<Hit> label_hits, prose;
  const ScratchTrim trim_hits(label_hits, prose);
  auto within = [&](std::span<const Hit> hits, std::vector<Hit>& v) {
    v.clear();
    for (const Hit& h : hits)
      if (in_range(h)) v.push_back(h);
  };
  within(ct.hits(Class::role_label), label_hits);
  // 负责 where it closes a sentence that only says who (市人社局、市教育局负
  // 责。), as in the task's bracket it stands for.
  // A comma may stand between such statements: 省市场监管局负责，各市（州）人
  // 民政府按职责分工落实。
  // (The role-word hits are read where they are kept, not copied first.)
  within(ct.hits(Class::role_suffix), prose);
  for (const Hit& h : ct.hits(Class::role_bracket))
    if (in_range(h) && closes_role_statement(ct, r, h.end)) prose.push_back(h);
  const std::string_view text = t.substr(r.begin, r.end - r.begin);
  // Nothing to find without a role word, a bracket or a colon (duty lists).
  // Two memchr scans, not a test of every byte: most clauses hold neither.
  auto bracket_or_colon = [&] {
    return text.find('(') != std::string_view::npos || text.find(':') != std::string_view::npos;
  };
  if (label_hits.empty() && prose.empty() && !bracket_or_colon() &&
      !(duty_section && !ct.hits(Class::role_duty).empty()))
    return {};

  std::vector<UnitMention> out;
  Taken consumed;

  static thread_local std::vector<Range> segments;
  static thread_local std::vector<ListedName> bare;
  const ScratchTrim trim_segments(segments, bare);

  // 1. Labelled lists: 牵头单位：…；责任单位：…
  struct LabelAt {
    std::size_t begin, list_begin;
    UnitRole role;
  };
  static thread_local std::vector<LabelAt> labels;
  const ScratchTrim trim_labels(labels);
  labels.clear();
  std::size_t covered = 0;  // 责任单位 inside 牵头责任单位 is no label of its own
  for (const Hit& h : label_hits) {
    if (h.begin < covered) continue;
    std::size_t q = h.end;
    while (q < r.end && t[q] == ' ') ++q;
    if (q >= r.end || t[q] != ':') continue;
    covered = q + 1;
    labels.push_back({h.begin, q + 1, static_cast<UnitRole>(h.value)});
  }
  for (std::size_t k = 0; k < labels.size(); ++k) {
    const LabelAt& h = labels[k];
    const Bracket* box = ct.bracket_at(h.begin);
    std::size_t end = k + 1 < labels.size() ? labels[k + 1].begin : r.end;
    if (box) end = std::min<std::size_t>(end, box->inner().end);
    if (end < h.list_begin) end = h.list_begin;
    std::string_view rest = t.substr(h.list_begin, end - h.list_begin);
    std::size_t stop = rest.find("。");
    if (!box) stop = std::min(stop, rest.find('\n'));
    if (stop != std::string_view::npos) end = h.list_begin + stop;
    // A segment that ends with its own role word takes that role (责任单位：
    // 市商务局，各区县政府按职责分工负责), as each list of a bracket does.
    top_level_segments(t, Range{h.list_begin, end}, segments);
    const bool own_roles = segments.size() > 1 && std::any_of(segments.begin(), segments.end(), [&](Range g) {
      return segment_role(utf8::trim(t.substr(g.begin, g.end - g.begin)), lex) != nullptr;
    });
    if (!own_roles) {
      add(out, split_unit_list(ct, Range{h.list_begin, end}, ListMode::liberal), h.role, h.begin, ct);
    } else {
      for (const Range g : segments) {
        const std::string_view body = utf8::trim(t.substr(g.begin, g.end - g.begin));
        const std::size_t from = static_cast<std::size_t>(body.data() - t.data());
        if (const auto* role = segment_role(body, lex))
          add(out, split_unit_list(ct, Range{from, from + body.size() - role->text.size()}, ListMode::strict),
              static_cast<UnitRole>(role->value), h.begin, ct);
        else
          add(out, split_unit_list(ct, Range{from, from + body.size()}, ListMode::liberal), h.role, h.begin, ct);
      }
    }
    consumed.spans.push_back({h.begin, end});
  }

  // 2. Brackets: role phrases per segment, or a bare list of units.
  for (const Bracket& s : ct.brackets()) {
    if (s.begin < r.begin || s.end > r.end) continue;
    auto first_after = std::upper_bound(labels.begin(), labels.end(), std::size_t{s.begin},
                                        [](std::size_t p, const LabelAt& h) { return p < h.begin; });
    if (first_after != labels.end() && first_after->begin < s.end) continue;  // a labelled bracket
    const Range inner = s.inner();
    if (inner.empty()) continue;
    top_level_segments(t, inner, segments);
    bare.clear();
    bool dated = false;
    for (std::size_t k = 0; k < segments.size(); ++k) {
      Range seg = segments[k];
      std::string_view body = utf8::trim(t.substr(seg.begin, seg.end - seg.begin));
      seg = {static_cast<std::size_t>(body.data() - t.data()), static_cast<std::size_t>(body.data() - t.data()) + body.size()};
      if (k == 0) {
        if (const std::size_t d = date_prefix(body)) {
          dated = true;
          body = utf8::trim_left(body.substr(d));
          seg.begin = static_cast<std::size_t>(body.data() - t.data());
        }
      }
      if (const auto* suffix = segment_role(body, lex)) {
        add(out, split_unit_list(ct, Range{seg.begin, seg.end - suffix->text.size()}, ListMode::strict),
            static_cast<UnitRole>(suffix->value), s.begin + k, ct);
        continue;
      }
      auto names = split_unit_list(ct, seg, ListMode::strict);
      for (auto& n : names) bare.push_back(std::move(n));
    }
    if (bare.empty()) continue;
    // 市发改委（市能源局）: a bracket glued to a name is part of that name.
    std::size_t before = s.begin;
    const char32_t prev = before > 0 ? utf8::prev(t, before) : 0;
    const bool glued = utf8::is_han(prev) && bare.size() == 1 && segments.size() == 1 && !dated;
    if (glued) continue;
    for (std::size_t k = 0; k < bare.size(); ++k) {
      const UnitRole role = dated && k == 0 ? UnitRole::lead : UnitRole::responsible;
      add_one(out, std::move(bare[k]), role, s.begin + k, ct);
    }
  }
  // A role mark standing alone after a name: 市发改委（牵头）.
  for (const Hit& h : ct.hits(Class::role_mark)) {
    if (!in_range(h) || consumed.holds(h.begin) || h.begin == 0) continue;
    auto names = list_before(ct, r.begin, h.begin);
    if (names.empty()) continue;
    add_one(out, std::move(names.back()), static_cast<UnitRole>(h.value), h.begin, ct);
  }

  // 3. Role phrases in prose: …牵头, …按职责分工负责, …配合, …负责。
  std::sort(consumed.spans.begin(), consumed.spans.end(), [](const Range& a, const Range& b) { return a.begin < b.begin; });
  std::sort(prose.begin(), prose.end(), [](const Hit& a, const Hit& b) {
    return a.begin != b.begin ? a.begin < b.begin : a.end > b.end;
  });
  std::size_t done = 0;  // a role word inside a longer one is read with it
  for (const Hit& h : prose) {
    if (h.begin < done) continue;
    done = h.end;
    if (inside_bracket(ct, h.begin) || consumed.holds(h.begin) || blocked_by_phrase(ct, h)) continue;
    auto names = list_before(ct, r.begin, h.begin);
    // 负责 alone assigns only where the list opens its sentence (市人社局、市
    // 教育局负责。), not in 终评由省评审委负责。
    if (h.cls == Class::role_bracket && !names.empty() && !opens_sentence(ct, ct.to_folded(names.front().at.begin)))
      continue;
    add(out, std::move(names), static_cast<UnitRole>(h.value), h.begin, ct);
  }

  // 4. Duty lists: a line that starts with units and a colon (a range
  // without a colon, most, is not read line by line).
  std::size_t line_start = text.find(':') == std::string_view::npos ? r.end : r.begin;
  while (line_start < r.end) {
    std::size_t line_end = t.find('\n', line_start);
    if (line_end == std::string::npos || line_end > r.end) line_end = r.end;
    const std::string_view line = t.substr(line_start, line_end - line_start);
    const std::string_view body = utf8::trim_left(line);
    const std::size_t offset = line_start + static_cast<std::size_t>(body.data() - line.data());
    const std::size_t colon = body.substr(0, 124).find(':');
    if (colon != std::string_view::npos && colon > 0 && colon <= 120 && !inside_bracket(ct, offset) &&
        !consumed.holds(offset) && !utf8::trim(body.substr(colon + 1)).empty()) {
      add(out, split_unit_list(ct, Range{offset, offset + colon}, ListMode::strict), UnitRole::responsible,
          offset, ct);
    }
    line_start = line_end + 1;
  }

  // 5. In a section on the division of duties: 市财政局负责…, 市统计局主要负责…
  // opening a line, without a colon.
  if (duty_section) {
    for (const Hit& h : ct.hits(Class::role_duty)) {
      if (!in_range(h)) continue;
      std::size_t line_start = h.begin;
      while (line_start > r.begin && t[line_start - 1] != '\n') --line_start;
      std::string_view head = t.substr(line_start, h.begin - line_start);
      const std::size_t lead = head.size() - utf8::trim_left(head).size();
      // A label may open the line: （一）市财政局负责…
      std::size_t from = line_start + lead;
      if (auto l = structure::recognize_label(t.substr(from, h.begin - from))) from += l->body;
      if (from >= h.begin || inside_bracket(ct, from) || consumed.holds(from)) continue;
      add(out, split_unit_list(ct, Range{from, h.begin}, ListMode::strict), UnitRole::responsible, from, ct);
    }
  }

  // Most clauses find their mentions in order already: a stable sort of a
  // sorted list changes nothing, and costs a buffer.
  const auto by_order = [](const UnitMention& a, const UnitMention& b) { return a.order < b.order; };
  if (!std::is_sorted(out.begin(), out.end(), by_order)) std::stable_sort(out.begin(), out.end(), by_order);
  // A name read twice (its mark, and the list it stands in) is one mention,
  // the first. Mentions sorted by place find the repeats without a set node
  // per mention; a stable sort keeps the first of equals first.
  if (out.size() < 2) return out;
  const auto place = [&](std::size_t k) { return std::tuple(out[k].at.begin, out[k].at.end, out[k].role); };
  // Most are in place order too: a repeat then follows the mention it
  // repeats, and the list is kept in one pass without an index.
  bool in_place_order = true;
  for (std::size_t k = 1; k < out.size() && in_place_order; ++k) in_place_order = !(place(k) < place(k - 1));
  if (in_place_order) {
    std::size_t kept = 1;
    for (std::size_t k = 1; k < out.size(); ++k)
      if (place(k) != place(kept - 1)) {
        if (kept != k) out[kept] = std::move(out[k]);
        ++kept;
      }
    out.resize(kept);
    return out;
  }
  std::vector<std::size_t> by_place(out.size());
  std::iota(by_place.begin(), by_place.end(), std::size_t{0});
  const auto before = [&](std::size_t a, std::size_t b) { return place(a) < place(b); };
  if (!std::is_sorted(by_place.begin(), by_place.end(), before)) std::stable_sort(by_place.begin(), by_place.end(), before);
  std::vector<bool> repeat(out.size());
  for (std::size_t k = 1; k < by_place.size(); ++k)
    if (place(by_place[k]) == place(by_place[k - 1])) repeat[by_place[k]] = true;
  std::size_t kept = 0;
  for (std::size_t k = 0; k < out.size(); ++k)
    if (!repeat[k]) {
      if (kept != k) out[kept] = std::move(out[k]);
      ++kept;
    }
  out.resize(kept);
  return out;
}

}  // namespace policy::extract

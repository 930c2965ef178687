#include "policy/extract/extract.h"

#include <algorithm>
#include <set>

#include "policy/core/strings.h"
#include "policy/extract/deadlines.h"
#include "policy/extract/doc_fields.h"
#include "policy/extract/doc_numbers.h"
#include "policy/extract/targets.h"
#include "policy/extract/unit_names.h"
#include "policy/extract/units.h"
#include "policy/gazetteer/gazetteer.h"
#include "policy/structure/clause.h"
#include "policy/text/fold.h"
#include "policy/text/utf8.h"

namespace policy::extract {

namespace {

// The year a title is about: 关于2024年工作的通知, 2024年标准化工作要点. A plan
// period (2023—2025年) names no one year.
std::optional<int> title_year(std::string_view title) {
  const std::string t = text::fold(title);
  for (std::size_t p = t.find("年"); p != std::string::npos; p = t.find("年", p + 3)) {
    if (p < 4) continue;
    std::size_t b = p - 4;
    bool digits = true;
    for (std::size_t k = b; k < p; ++k) digits &= t[k] >= '0' && t[k] <= '9';
    if (!digits || (b > 0 && t[b - 1] >= '0' && t[b - 1] <= '9')) continue;
    const std::string_view before = std::string_view(t).substr(0, b);
    const std::string_view after = std::string_view(t).substr(p + 3);
    const bool range = ends_with(before, "-") || ends_with(before, "—") || ends_with(before, "至") ||
                       ends_with(before, "~") || ends_with(before, "～");
    if (range || starts_with(after, "-") || starts_with(after, "—")) continue;
    const int year = std::stoi(t.substr(b, 4));
    if (year >= 1949 && year <= 2100) return year;
  }
  return std::nullopt;
}

bool contains(std::string_view s, std::string_view w) { return s.find(w) != std::string_view::npos; }

bool is_number_column(std::string_view col) {
  return contains(col, "文号") || contains(col, "发文字号") || contains(col, "文件编号");
}
bool is_issuer_column(std::string_view col) {
  return contains(col, "发文单位") || contains(col, "发文机关") || contains(col, "印发单位") ||
         contains(col, "发布单位") || contains(col, "发布机关") || contains(col, "制定单位");
}

// The key two mentions of one department share: its canonical name when
// data/ knows it, else the name without an alias in brackets.
std::string unit_key(const std::string& name, const gazetteer::Gazetteer& g,
                     const gazetteer::Context& ctx) {
  if (auto u = g.lookup_unit(name, ctx)) return u->canonical;
  std::string s = name;
  for (std::string_view open : {"（", "("}) {
    std::size_t p = s.find(open);
    if (p != std::string::npos && p > 0) s.resize(p);
  }
  return s;
}

void add_units(Clause& c, const std::vector<UnitMention>& mentions, const gazetteer::Gazetteer& g,
               const gazetteer::Context& ctx, std::set<std::pair<std::string, int>>& seen) {
  for (const UnitMention& m : mentions) {
    auto info = g.lookup_unit(m.name, ctx);
    std::string key = info ? info->canonical : unit_key(m.name, g, ctx);
    if (!seen.insert({key, static_cast<int>(m.role)}).second) continue;
    Unit u;
    u.name = m.name;
    u.role = m.role;
    if (info) {
      u.canonical = info->canonical;
      for (const auto& a : info->aliases)
        if (a != m.name) u.aliases.push_back(a);
    }
    c.units.push_back(std::move(u));
  }
}

std::vector<UnitMention> as_mentions(const std::vector<std::string>& names, UnitRole role) {
  std::vector<UnitMention> out;
  for (std::size_t k = 0; k < names.size(); ++k) {
    std::string name = names[k];
    const UnitRole r = marked_role(name).value_or(role);
    out.push_back({std::move(name), r, k});
  }
  return out;
}

// The issuers a summary-table row names; 同上 repeats the row above.
std::vector<std::string> row_issuers(const Clause& c, const std::vector<std::string>& previous) {
  for (const auto& [col, cell] : c.fields) {
    if (!is_issuer_column(col)) continue;
    std::string_view v = utf8::trim(cell);
    if (v == "同上" || v == "同上。") return previous;
    return split_bodies(cell);
  }
  return {};
}

// A number standing alone on its line at the top of the document.
bool alone_on_line(const text::Document& doc, std::size_t begin, std::size_t end) {
  std::size_t line = doc.line_of(begin);
  std::size_t lb = doc.line_begin(line), le = doc.line_end(doc.line_of(end > begin ? end - 1 : end));
  std::string rest(std::string_view(doc.text()).substr(lb, begin - lb));
  rest += std::string_view(doc.text()).substr(end, le > end ? le - end : 0);
  std::string_view r = utf8::trim(rest);
  return r.empty() || r == "发文字号：" || r == "文号：";
}

}  // namespace

DocumentRecord analyze(const text::Document& doc, const Options& options) {
  DocumentRecord r;
  r.file = doc.name();
  r.encoding = doc.encoding();
  structure::Structure s = structure::analyze(doc);
  r.clauses = std::move(s.clauses);
  if (!options.items) return r;
  const gazetteer::Gazetteer& g = gazetteer::Gazetteer::builtin();
  const std::string_view all(doc.text());

  // 1. Document numbers first: the document's own number tells its region.
  // The document's own number sits at the top (the preamble or an
  // attachment's head); the other clauses are read once, further down.
  std::string self_code;
  for (const Clause& c : r.clauses) {
    if (c.kind != ClauseKind::preamble && c.kind != ClauseKind::attachment) continue;
    for (const auto& m : find_doc_numbers(c.text, g))
      if (alone_on_line(doc, c.begin + m.begin, c.begin + m.end)) {
        self_code = m.number.code;
        r.doc_number = m.number;
        r.doc_number->role = DocNumberRole::self;
        r.doc_number->line = doc.line_of(c.begin + m.begin);
        break;
      }
    if (!self_code.empty()) break;
  }
  DocFields f = find_doc_fields(doc, r.clauses, s.tables, g, self_code);
  r.title = f.title;
  r.date = f.date;
  r.addressees = f.addressees;
  r.issuers = f.issuers;
  r.attachments = f.attachments;
  const gazetteer::Context& ctx = f.region;

  // The year 年底前 means when no year is written: the signing date's, else
  // one in the title (2022年工作要点).
  std::optional<int> doc_year;
  if (r.date) doc_year = year_of(*r.date);
  if (!doc_year && r.title) doc_year = title_year(*r.title);

  std::vector<std::optional<int>> last_year(r.clauses.size());  // latest deadline year per clause
  std::vector<std::string> previous_issuers;
  for (std::size_t i = 0; i < r.clauses.size(); ++i) {
    Clause& c = r.clauses[i];
    const bool row = c.kind == ClauseKind::table_row;
    if (options.only && !options.only(c)) {
      // Not wanted: still the deadline years its children may inherit.
      if (c.kind == ClauseKind::heading)
        for (const auto& d : find_deadlines(c.text, doc_year))
          if (auto y = year_of(d.deadline.date)) last_year[i] = y;
      if (row) previous_issuers = c.issuers = row_issuers(c, previous_issuers);
      continue;
    }
    const text::Folded folded(c.text);  // shared by the extractors of this clause

    // Document numbers and their roles.
    std::set<std::string> listed;
    if (row)
      for (const auto& [col, cell] : c.fields)
        if (is_number_column(col))
          for (const auto& m : find_doc_numbers(cell, g)) listed.insert(m.number.normalized);
    for (auto& m : find_doc_numbers(c.text, folded, g)) {
      DocNumber d = m.number;
      d.line = doc.line_of(c.begin + m.begin);
      if (listed.erase(d.normalized)) d.role = DocNumberRole::listed;
      else if ((c.kind == ClauseKind::preamble || c.kind == ClauseKind::attachment) &&
               alone_on_line(doc, c.begin + m.begin, c.begin + m.end))
        d.role = DocNumberRole::self;
      else d.role = DocNumberRole::cited;
      if (d.role == DocNumberRole::self && !r.doc_number) r.doc_number = d;
      c.doc_numbers.push_back(std::move(d));
    }

    // Deadlines, with the year of the nearest enclosing deadline as context.
    std::optional<int> context = doc_year;
    for (int p = c.parent; p >= 0; p = r.clauses[p].parent)
      if (last_year[p]) {
        context = last_year[p];
        break;
      }
    auto deadlines = find_deadlines(c.text, folded, context);
    // A 完成时限 column is a deadline slot: 2024年6月 and 持续推进 count there.
    if (row) {
      for (const auto& [col, cell] : c.fields) {
        if (!is_deadline_column(col) || cell.empty()) continue;
        const std::size_t at = c.text.find(cell);  // where the cell stands in the row
        for (auto& m : find_deadlines_in_slot(cell, context)) {
          const std::size_t pos = at == std::string::npos ? 0 : at + m.position;
          const bool known = std::any_of(deadlines.begin(), deadlines.end(), [&](const auto& d) {
            return d.position < pos + m.deadline.text.size() &&
                   pos < d.position + d.deadline.text.size();
          });
          if (!known) deadlines.push_back({std::move(m.deadline), pos});
        }
      }
      std::stable_sort(deadlines.begin(), deadlines.end(),
                       [](const auto& a, const auto& b) { return a.position < b.position; });
    }
    for (const auto& d : deadlines) {
      c.deadlines.push_back(d.deadline);
      if (auto y = year_of(d.deadline.date)) last_year[i] = y;
    }

    // Targets: the governing year is the last deadline before the number in
    // this clause, else the first after it (a task's own time limit may
    // follow it: …（完成时限：2024年12月底前）), else the nearest ancestor's.
    std::vector<std::pair<std::size_t, int>> dated;  // (position, year), in order
    for (const auto& d : deadlines)
      if (auto y = year_of(d.deadline.date)) dated.emplace_back(d.position, *y);
    std::sort(dated.begin(), dated.end());
    std::optional<int> inherited;
    for (int p = c.parent; p >= 0 && !inherited; p = r.clauses[p].parent) inherited = last_year[p];
    for (auto& t : find_targets(c.text, folded)) {
      Target tg = t.target;
      auto after = std::lower_bound(dated.begin(), dated.end(), std::make_pair(t.position, 0));
      if (after != dated.begin()) tg.year = std::prev(after)->second;
      else if (after != dated.end()) tg.year = after->second;
      else tg.year = inherited;
      c.targets.push_back(std::move(tg));
    }

    // Units: table columns that name them, then the text of every cell (or
    // of the clause).
    std::set<std::pair<std::string, int>> seen;
    if (row) {
      c.issuers = row_issuers(c, previous_issuers);
      for (const auto& [col, cell] : c.fields) {
        if (is_issuer_column(col) || is_number_column(col)) continue;
        if (auto role = column_role(col)) {
          add_units(c, as_mentions(units_in_cell(cell), *role), g, ctx, seen);
        }
      }
      // Units written inside the cells come before the column's summary.
      std::vector<Unit> from_columns = std::move(c.units);
      c.units.clear();
      seen.clear();
      for (const auto& [col, cell] : c.fields)
        if (!is_issuer_column(col) && !is_number_column(col) && !column_role(col))
          add_units(c, find_units(cell), g, ctx, seen);
      for (auto& u : from_columns) {
        std::string key = unit_key(u.name, g, ctx);
        if (seen.insert({key, static_cast<int>(u.role)}).second) c.units.push_back(std::move(u));
      }
      previous_issuers = c.issuers;
    } else {
      add_units(c, find_units(c.text), g, ctx, seen);
    }
  }

  if (!r.doc_number && f.header_doc_number) {
    auto nums = find_doc_numbers(*f.header_doc_number, g);
    if (!nums.empty()) {
      r.doc_number = nums.front().number;
      r.doc_number->role = DocNumberRole::self;
    }
  }
  (void)all;
  return r;
}

}  // namespace policy::extract

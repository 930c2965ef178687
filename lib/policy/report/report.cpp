#include "policy/core/strings.h"
#include "policy/report/report.h"

#include <algorithm>
#include <unordered_map>

#include "policy/extract/units.h"
#include "policy/text/utf8.h"

namespace policy::report {

namespace {

bool starts_with(std::string_view s, std::string_view t) { return s.substr(0, t.size()) == t; }


// Sentences of a text: split after 。！？； and line breaks outside brackets;
// a bracket that follows a sentence end joins that sentence.
std::vector<std::string_view> sentences(std::string_view t) {
  std::vector<std::string_view> out;
  int depth = 0;
  std::size_t start = 0, i = 0;
  while (i < t.size()) {
    char32_t c = utf8::next(t, i);
    if (c == U'（' || c == '(') ++depth;
    else if ((c == U'）' || c == ')') && depth > 0) --depth;
    else if (depth == 0 && (c == U'。' || c == U'！' || c == U'？' || c == U'；' || c == ';' ||
                            c == '\n')) {
      out.push_back(t.substr(start, i - start));
      start = i;
    }
  }
  if (start < t.size()) out.push_back(t.substr(start));
  std::vector<std::string_view> merged;
  for (std::string_view s : out) {
    std::string_view trimmed = utf8::trim(s);
    if (trimmed.empty()) continue;
    bool bracket = starts_with(trimmed, "（") || starts_with(trimmed, "(");
    if (bracket && !merged.empty()) {
      // Widen the previous sentence over this one (they are adjacent in t).
      std::string_view prev = merged.back();
      merged.back() = std::string_view(prev.data(), trimmed.data() + trimmed.size() - prev.data());
    } else {
      merged.push_back(trimmed);
    }
  }
  return merged;
}

// One line, at most 300 characters: a task as a table cell shows it.
std::string tidy(std::string_view s) { return utf8::single_line(s, 300); }

// Dates as intervals, for --since / --until: 2025 covers 2025-01-01..2025-12-31.
std::string lower_bound_of(const std::string& d) {
  if (d.size() == 4) return d + "-01-01";
  if (d.size() == 7) return d + "-01";
  return d;
}
std::string upper_bound_of(const std::string& d) {
  if (d.size() == 4) return d + "-12-31";
  if (d.size() == 7) return d + "-31";
  return d;
}

bool is_dated(const Deadline& d) { return d.date != "ongoing" && d.date.size() >= 4; }

}  // namespace

std::string earliest_date(const std::vector<Deadline>& deadlines) {
  std::string best;
  for (const Deadline& d : deadlines)
    if (is_dated(d) && (best.empty() || d.date < best)) best = d.date;
  return best;
}

// A list label opening a sentence: 牵头责任部门：市市场监管局 names who, not what.
bool starts_with_role_label(std::string_view s) {
  for (std::string_view w : {"牵头", "责任单位", "责任部门", "配合单位", "配合部门", "主责", "协办"})
    if (starts_with(s, w)) return true;
  return false;
}

// Cells that say what a row is about (not who: unit columns, 序号, 文号…).
bool is_content_column(const std::string& col) {
  if (extract::column_role(col)) return false;
  for (std::string_view w : {"序号", "文号", "发文", "编号", "单位", "部门", "时限", "城市"})
    if (col.find(w) != std::string::npos) return false;
  return true;
}

namespace {

// The sentences of one clause, cut once and searched for every unit it names.
class ClauseSentences {
 public:
  explicit ClauseSentences(const Clause& clause) : clause_(clause) {
    row_ = clause.kind == ClauseKind::table_row && !clause.fields.empty();
    // A table row is looked at through its content cells; its heading is the
    // row's subject (a task, or the document a summary row describes).
    if (row_) {
      for (const auto& [col, cell] : clause.fields)
        if (is_content_column(col) && utf8::squash(cell) != utf8::squash(clause.heading))
          content_ += cell + "\n";
    }
    sentences_ = sentences(row_ ? std::string_view(content_) : std::string_view(clause.text));
    for (std::string_view s : sentences_) squashed_.push_back(utf8::squash(s));
  }

  std::string text_for(const std::string& unit_name) const {
    const std::string& heading = clause_.heading;
    // The sentence naming the unit; for a name built from a shared suffix
    // (蔡甸区人民政府 from 蔡甸区、黄陂区人民政府) the longest part written.
    std::size_t found = sentences_.size();
    std::string_view name(unit_name);
    while (found == sentences_.size() && utf8::length(name) >= 2) {
      for (std::size_t k = 0; k < sentences_.size(); ++k)
        if (squashed_[k].find(name) != std::string::npos) {
          found = k;
          break;
        }
      std::size_t cut = name.size();
      utf8::prev(name, cut);
      name = name.substr(0, cut);
    }
    if (found == sentences_.size()) {
      if (row_) return tidy(content_.empty() ? heading : content_);
      return tidy(heading.empty() ? clause_.text : heading);
    }
    std::string_view sentence = sentences_[found];
    // 牵头责任部门：市市场监管局 on a line of its own: the task is what comes before.
    if (starts_with_role_label(sentence) && found > 0) {
      std::string_view prev = sentences_[found - 1];
      sentence = std::string_view(prev.data(), sentence.data() + sentence.size() - prev.data());
    }
    std::string text = tidy(sentence);
    if (row_) return text;
    if (heading.empty() || utf8::squash(text).find(utf8::squash(heading)) != std::string::npos)
      return text;
    return tidy(heading) + "：" + text;
  }

 private:
  const Clause& clause_;
  bool row_ = false;
  std::string content_;
  std::vector<std::string_view> sentences_;
  std::vector<std::string> squashed_;
};

}  // namespace

std::string assignment_text(const Clause& clause, const std::string& unit_name) {
  return ClauseSentences(clause).text_for(unit_name);
}

std::string Department::display() const {
  std::vector<std::string> other;
  for (const auto& n : names)
    if (n != key) other.push_back(n);
  if (other.empty()) return key;
  return key + "（" + join(other, "、") + "）";
}

ReportBuilder::ReportBuilder(ReportOptions options) : options_(std::move(options)) {}

void ReportBuilder::add(const DocumentRecord& r) {
  const std::size_t doc = report_.documents.size();
  DocumentInfo info;
  info.file = r.file;
  info.title = r.title.value_or(r.file);
  info.doc_number = r.doc_number ? r.doc_number->normalized : std::string();
  info.issuers = join(r.issuers, "、");
  report_.documents.push_back(std::move(info));

  // Parents: from the record, or (records read back from JSON) from the ids.
  std::vector<int> parent(r.clauses.size(), -1);
  bool have_parents = false;
  for (const Clause& c : r.clauses) have_parents |= c.parent >= 0;
  if (have_parents) {
    for (std::size_t i = 0; i < r.clauses.size(); ++i) parent[i] = r.clauses[i].parent;
  } else {
    std::unordered_map<std::string, int> by_id;
    for (std::size_t i = 0; i < r.clauses.size(); ++i) {
      const std::string& id = r.clauses[i].id;
      std::size_t slash = id.rfind('/');
      if (slash != std::string::npos) {
        auto p = by_id.find(id.substr(0, slash));
        if (p != by_id.end()) parent[i] = p->second;
      }
      by_id.emplace(id, static_cast<int>(i));
    }
  }

  for (std::size_t i = 0; i < r.clauses.size(); ++i) {
    const Clause& c = r.clauses[i];
    if (c.units.empty()) continue;
    // Deadlines that govern the clause: its own, else the nearest ancestor's.
    const std::vector<Deadline>* governing = &c.deadlines;
    for (int p = parent[i]; governing->empty() && p >= 0; p = parent[p])
      governing = &r.clauses[p].deadlines;

    const std::size_t task = report_.tasks.size();
    Task t;
    t.document = doc;
    // A row of a summary table describes a document of its own: report the
    // task under that document (its title, listed number, issuers).
    if (c.kind == ClauseKind::table_row &&
        (!c.issuers.empty() ||
         std::any_of(c.doc_numbers.begin(), c.doc_numbers.end(),
                     [](const DocNumber& d) { return d.role == DocNumberRole::listed; }))) {
      DocumentInfo row_doc;
      row_doc.file = r.file;
      row_doc.title = c.heading;
      for (const DocNumber& d : c.doc_numbers)
        if (d.role == DocNumberRole::listed) row_doc.doc_number = d.normalized;
      row_doc.issuers = join(c.issuers, "、");
      t.document = report_.documents.size();
      report_.documents.push_back(std::move(row_doc));
    }
    t.clause = c.id;
    t.heading = c.heading;
    t.targets = c.targets;
    for (const Unit& u : c.units) t.units.emplace_back(u.name, u.role);
    report_.tasks.push_back(std::move(t));

    ClauseSentences sentences(c);
    std::unordered_map<std::string, std::uint32_t> passage_index;  // text -> passage
    for (const Unit& u : c.units) {
      if (!options_.roles.empty() &&
          std::find(options_.roles.begin(), options_.roles.end(), u.role) == options_.roles.end())
        continue;
      std::string text = sentences.text_for(u.name);
      auto [slot_p, new_passage] = passage_index.try_emplace(
          text, static_cast<std::uint32_t>(report_.tasks[task].passages.size()));
      if (new_passage) {
        Passage p;
        // The sentence's own deadlines (2024.6市生态环境局) before the clause's.
        const std::string squashed = utf8::squash(text);
        for (const Deadline& d : c.deadlines)
          if (squashed.find(utf8::squash(d.text)) != std::string::npos) p.deadlines.push_back(d);
        if (p.deadlines.empty()) p.deadlines = *governing;
        p.sort_date = earliest_date(p.deadlines);
        p.text = std::move(text);
        report_.tasks[task].passages.push_back(std::move(p));
      }
      const Passage& p = report_.tasks[task].passages[slot_p->second];
      if (!options_.since.empty() || !options_.until.empty()) {
        if (p.sort_date.empty()) continue;
        if (!options_.since.empty() && upper_bound_of(p.sort_date) < lower_bound_of(options_.since))
          continue;
        if (!options_.until.empty() && lower_bound_of(p.sort_date) > upper_bound_of(options_.until))
          continue;
      }
      Assignment a;
      a.task = static_cast<std::uint32_t>(task);
      a.passage = slot_p->second;
      a.role = u.role;
      a.name = u.name;
      const std::string key = u.canonical ? *u.canonical : u.name;
      auto [slot, added] = department_index_.try_emplace(key, report_.departments.size());
      if (added) {
        report_.departments.emplace_back();
        report_.departments.back().key = key;
      }
      Department* it = &report_.departments[slot->second];
      it->names.insert(u.name);
      for (const auto& alias : u.aliases)
        if (std::find(it->aliases.begin(), it->aliases.end(), alias) == it->aliases.end())
          it->aliases.push_back(alias);
      it->assignments.push_back(std::move(a));
    }
  }
}

bool ReportBuilder::wanted(const Department& d) const {
  if (options_.units.empty()) return true;
  for (const std::string& want : options_.units) {
    if (want == d.key || d.names.count(want)) return true;
    if (std::find(d.aliases.begin(), d.aliases.end(), want) != d.aliases.end()) return true;
  }
  return false;
}

Report ReportBuilder::finish() && {
  std::vector<Department> kept;
  for (auto& d : report_.departments) {
    if (!wanted(d) || d.assignments.empty()) continue;
    std::stable_sort(d.assignments.begin(), d.assignments.end(),
                     [&](const Assignment& a, const Assignment& b) {
                       // Dated first, earliest first; then document and clause order.
                       const std::string& da = passage_of(report_, a).sort_date;
                       const std::string& db = passage_of(report_, b).sort_date;
                       if (da.empty() != db.empty()) return db.empty();
                       if (da != db) return da < db;
                       return a.task < b.task;
                     });
    for (const Assignment& a : d.assignments) {
      switch (a.role) {
        case UnitRole::lead: ++d.lead; break;
        case UnitRole::responsible: ++d.responsible; break;
        case UnitRole::cooperate: ++d.cooperate; break;
      }
      if (passage_of(report_, a).sort_date.empty()) ++d.without_deadline;
      d.targets += report_.tasks[a.task].targets.size();
    }
    kept.push_back(std::move(d));
  }
  std::stable_sort(kept.begin(), kept.end(), [](const Department& a, const Department& b) {
    if (a.assignments.size() != b.assignments.size())
      return a.assignments.size() > b.assignments.size();
    return a.key < b.key;
  });
  report_.departments = std::move(kept);
  return std::move(report_);
}

}  // namespace policy::report

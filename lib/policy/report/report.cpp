#include "policy/core/strings.h"
#include "policy/report/report.h"
#include "policy/report/flat.h"

#include <algorithm>
#include <cstring>
#include <deque>
#include <queue>
#include <unordered_map>

#include "policy/extract/governing.h"
#include "policy/report/scratch.h"
#include "policy/text/utf8.h"

namespace policy::report {

namespace {



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

std::string assignment_text(const Clause& clause, const Unit& unit) {
  const std::string_view text(clause.text);
  const std::string& heading = clause.heading;
  if (unit.sentence.empty() || unit.sentence.end > text.size())
    return tidy(heading.empty() ? text : std::string_view(heading));
  const std::string passage =
      tidy(text.substr(unit.sentence.begin, unit.sentence.end - unit.sentence.begin));
  if (clause.kind == ClauseKind::table_row || heading.empty() ||
      utf8::squash(passage).find(utf8::squash(heading)) != std::string::npos)
    return passage;
  return tidy(heading) + "：" + passage;
}

print::Marks find_marks(std::string_view passage, std::string_view needle) {
  print::Marks marks;
  if (needle.empty()) return marks;
  for (std::size_t at = passage.find(needle); at != std::string_view::npos;
       at = passage.find(needle, at + needle.size()))
    marks.emplace_back(at, at + needle.size());
  return marks;
}

namespace {
// The clause text a span covers; empty when it is out of range.
std::string_view span_text(const Clause& c, const Span& s) {
  if (s.empty() || s.end > c.text.size()) return {};
  return std::string_view(c.text).substr(s.begin, s.end - s.begin);
}

// Sorted, overlapping or touching ranges merged: what Sink::row expects.
print::Marks merged(print::Marks m) {
  std::sort(m.begin(), m.end());
  print::Marks out;
  for (const auto& r : m) {
    if (!out.empty() && r.first <= out.back().second) out.back().second = std::max(out.back().second, r.second);
    else out.push_back(r);
  }
  return out;
}
}  // namespace

std::string deadline_cell(const std::vector<Deadline>& deadlines) {
  std::vector<std::string> parts;
  for (const Deadline& d : deadlines) {
    std::string p = d.date == "ongoing" ? d.text : d.date;
    if (std::find(parts.begin(), parts.end(), p) == parts.end()) parts.push_back(p);
  }
  return join(parts, "、");
}

std::string targets_cell(const std::vector<Target>& targets) {
  std::vector<std::string> parts;
  for (const Target& t : targets) parts.push_back(t.subject ? *t.subject + t.text : t.text);
  return join(parts, "；");
}

std::string Department::display() const {
  std::vector<std::string> other;
  for (const auto& n : names)
    if (n != key) other.push_back(n);
  if (other.empty()) return key;
  return key + "（" + join(other, "、") + "）";
}

bool wanted(const std::vector<std::string>& units, const std::string& key,
            const std::set<std::string>& names, const std::vector<std::string>& aliases) {
  if (units.empty()) return true;
  for (const std::string& want : units) {
    if (want == key || names.count(want)) return true;
    if (std::find(aliases.begin(), aliases.end(), want) != aliases.end()) return true;
  }
  return false;
}

bool describes_document(const Clause& c) {
  return c.kind == ClauseKind::table_row &&
         (!c.issuers.empty() || std::any_of(c.doc_numbers.begin(), c.doc_numbers.end(), [](const DocNumber& d) {
           return d.role == DocNumberRole::listed;
         }));
}

// 牵头 before 责任 before 配合.
int rank(UnitRole role) {
  switch (role) {
    case UnitRole::lead: return 0;
    case UnitRole::responsible: return 1;
    default: return 2;
  }
}

void walk(const DocumentRecord& r, const ReportOptions& options, const Walker& walker) {
  // A deque: shares point into it while rows of a summary table add more.
  std::deque<DocumentInfo> documents;
  DocumentInfo own;
  own.file = r.file;
  own.title = r.title.value_or(r.file);
  own.doc_number = r.doc_number ? r.doc_number->normalized : std::string();
  own.issuers = join(r.issuers, "、");
  own.validity = describe(r.validity);
  documents.push_back(std::move(own));
  if (walker.document) walker.document(documents.front(), 0);

  // Parents: from the record, or (records read back from JSON) from the ids.
  const std::vector<int> parent = extract::parents_of(r.clauses);

  std::size_t task = 0;
  for (std::size_t i = 0; i < r.clauses.size(); ++i) {
    const Clause& c = r.clauses[i];
    if (c.units.empty()) continue;

    std::size_t document = 0;
    // A row of a summary table describes a document of its own: report the
    // task under that document (its title, listed number, issuers).
    if (describes_document(c)) {
      DocumentInfo row_doc;
      row_doc.file = r.file;
      row_doc.title = c.heading;
      for (const DocNumber& d : c.doc_numbers)
        if (d.role == DocNumberRole::listed) row_doc.doc_number = d.normalized;
      row_doc.issuers = join(c.issuers, "、");
      documents.push_back(std::move(row_doc));
      document = documents.size() - 1;
      if (walker.document) walker.document(documents.back(), document);
    }
    if (walker.task) walker.task(c, document);

    std::deque<Passage> passages;
    std::unordered_map<std::string, std::size_t> passage_index;  // text -> passages
    std::vector<std::pair<const Unit*, std::size_t>> chosen;  // units to report, their passage
    for (const Unit& u : c.units) {
      if (!options.roles.empty() &&
          std::find(options.roles.begin(), options.roles.end(), u.role) == options.roles.end())
        continue;
      std::string text = assignment_text(c, u);
      auto [slot, added] = passage_index.try_emplace(text, passages.size());
      if (added) {
        Passage p;
        // The sentence's own deadlines (2024.6市生态环境局), else the clause's,
        // else the enclosing clause's: the extractor's rule.
        for (const Deadline* d : extract::governing_deadlines(r.clauses, parent, i, u.sentence))
          p.deadlines.push_back(*d);
        p.sort_date = earliest_date(p.deadlines);
        p.text = std::move(text);
        // Highlights from the records' spans: the deadline phrases and each
        // unit's name as written, where the passage holds them (a deadline
        // inherited from an enclosing clause is not in its text).
        for (const Deadline* d : extract::governing_deadlines(r.clauses, parent, i, u.sentence)) {
          // Its span is in the clause that holds it: this one or an ancestor.
          for (int j = static_cast<int>(i); j >= 0; j = parent[static_cast<std::size_t>(j)]) {
            const Clause& owner = r.clauses[static_cast<std::size_t>(j)];
            if (d < owner.deadlines.data() || d >= owner.deadlines.data() + owner.deadlines.size()) continue;
            auto m = find_marks(p.text, span_text(owner, d->at));
            p.deadline_marks.insert(p.deadline_marks.end(), m.begin(), m.end());
            break;
          }
        }
        for (std::size_t k = 0; k < c.units.size(); ++k) {
          auto m = find_marks(p.text, span_text(c, c.units[k].at));
          if (!m.empty()) p.unit_marks.emplace_back(k, std::move(m));
        }
        passages.push_back(std::move(p));
      }
      const Passage& p = passages[slot->second];
      if (!options.since.empty() || !options.until.empty()) {
        if (p.sort_date.empty()) continue;
        if (!options.since.empty() && upper_bound_of(p.sort_date) < lower_bound_of(options.since))
          continue;
        if (!options.until.empty() && lower_bound_of(p.sort_date) > upper_bound_of(options.until))
          continue;
      }
      chosen.push_back({&u, slot->second});
    }
    // One department, one passage: one row, in its strongest role (牵头责任部门
    // and a 责任 column naming the same department are one task, led).
    auto key_of = [](const Unit& u) -> const std::string& { return u.canonical ? *u.canonical : u.name; };
    for (std::size_t k = 0; k < chosen.size(); ++k) {
      const auto [u, passage] = chosen[k];
      bool outranked = false;
      for (std::size_t j = 0; j < chosen.size() && !outranked; ++j) {
        const auto [other, other_passage] = chosen[j];
        if (j == k || other_passage != passage || key_of(*other) != key_of(*u)) continue;
        outranked = rank(other->role) < rank(u->role) || (other->role == u->role && j < k);
      }
      if (!outranked && walker.share)
        walker.share(Share{&documents[document], document, &c, task, &passages[passage], passage, u});
    }
    ++task;
  }
}

namespace {

// One assignment as the report sorts it; the cells it prints are in the
// text Scratch at `offset`.
struct Entry {
  std::uint32_t department = 0;  // arrival id; its rank once finished
  std::uint32_t date = 0;        // packed sort date; kUndated sorts last
  std::uint64_t seq = 0;         // arrival order: ties keep document and clause order
  std::uint64_t offset = 0;      // the passage's cells
  std::uint32_t size = 0;
  std::uint32_t name = 0;        // the name as written, in Impl::names
  UnitRole role = UnitRole::responsible;
  std::uint32_t unit = 0;        // the unit's index in its clause: its marks
};
static_assert(sizeof(Entry) == 40 && sizeof(UnitRole) == 4);

constexpr std::uint32_t kUndated = 0xFFFFFFFF;
constexpr std::uint32_t kDropped = 0xFFFFFFFF;

bool before(const Entry& a, const Entry& b) {
  if (a.department != b.department) return a.department < b.department;
  if (a.date != b.date) return a.date < b.date;
  return a.seq < b.seq;
}

// "2025" -> 20250000, "2025-04" -> 20250400, "2025-04-30" -> 20250430: the
// order of the strings, as a number.
std::uint32_t pack_date(const std::string& d) {
  auto digits = [&](std::size_t at, std::size_t n) -> int {
    if (d.size() < at + n) return -1;
    int v = 0;
    for (std::size_t k = at; k < at + n; ++k) {
      if (d[k] < '0' || d[k] > '9') return -1;
      v = v * 10 + (d[k] - '0');
    }
    return v;
  };
  const int year = digits(0, 4);
  if (year < 0) return kUndated;
  const int month = d.size() >= 7 && d[4] == '-' ? std::max(digits(5, 2), 0) : 0;
  const int day = d.size() >= 10 && d[7] == '-' ? std::max(digits(8, 2), 0) : 0;
  return static_cast<std::uint32_t>(year * 10000 + month * 100 + day);
}

std::string_view entry_bytes(const Entry& e) {
  return {reinterpret_cast<const char*>(&e), sizeof e};
}

}  // namespace

struct Report::Impl {
  explicit Impl(const ReportOptions& o)
      : options(o), text(o.text_in_memory), entries(0), budget(std::max<std::size_t>(o.entries_in_memory, 1)) {}

  ReportOptions options;
  Scratch text;     // documents' and passages' cells
  Scratch entries;  // spilled entries: unsorted, then sorted runs
  std::size_t budget;
  std::vector<Entry> buffer;
  std::uint64_t unsorted = 0;  // entries spilled unsorted to `entries`
  std::vector<std::pair<std::uint64_t, std::uint64_t>> runs;  // offset, count

  std::vector<Department> departments;
  std::unordered_map<std::string, std::uint32_t> department_ids;
  std::vector<std::string> names;
  std::unordered_map<std::string, std::uint32_t> name_ids;
  std::size_t files = 0, listed = 0, tasks = 0, kept_tasks = 0;
  std::uint64_t documents = 0;  // global ids: files and listed rows
  std::uint64_t last_kept_task = UINT64_MAX;
  std::uint64_t next_seq = 0;

  // The record being added: where its documents' and passages' cells are.
  std::vector<std::pair<std::uint64_t, std::uint32_t>> document_cells;
  std::vector<std::pair<std::uint64_t, std::uint32_t>> passage_cells;  // of the current task

  std::pair<std::uint64_t, std::uint32_t> store(const std::string& bytes) {
    return {text.append(bytes), static_cast<std::uint32_t>(bytes.size())};
  }

  void push(const Entry& e) {
    buffer.push_back(e);
    if (buffer.size() >= budget) spill();
  }

  void spill() {
    for (const Entry& e : buffer) entries.append(entry_bytes(e));
    unsorted += buffer.size();
    buffer.clear();
  }

  void read_entries(std::uint64_t first, std::size_t count, std::vector<Entry>& out) {
    out.resize(count);
    entries.read(first * sizeof(Entry), count * sizeof(Entry), reinterpret_cast<char*>(out.data()));
  }

  TaskRow row_of(const Entry& e) {
    TaskRow row;
    std::string bytes;
    text.read(e.offset, e.size, bytes);
    Unpacker p(bytes);
    const std::uint64_t doc_at = p.number();
    const auto doc_size = static_cast<std::size_t>(p.number());
    row.clause = p.text();
    row.text = p.text();
    row.deadlines = p.text();
    row.due = p.text();
    row.targets = p.text();
    print::Marks deadline_marks, unit_marks;
    for (std::uint64_t n = p.number(); n > 0; --n) {
      const auto b = static_cast<std::size_t>(p.number());
      deadline_marks.emplace_back(b, static_cast<std::size_t>(p.number()));
    }
    for (std::uint64_t n = p.number(); n > 0; --n) {
      const std::uint64_t unit = p.number();
      const auto b = static_cast<std::size_t>(p.number());
      const auto end = static_cast<std::size_t>(p.number());
      if (unit == e.unit) unit_marks.emplace_back(b, end);
    }
    deadline_marks.insert(deadline_marks.end(), unit_marks.begin(), unit_marks.end());
    row.marks = merged(std::move(deadline_marks));
    for (std::uint64_t n = p.number(); n > 0; --n) {
      std::string name(p.text());
      row.units.emplace_back(std::move(name), static_cast<UnitRole>(p.number()));
    }
    std::string doc;
    text.read(doc_at, doc_size, doc);
    Unpacker d(doc);
    row.title = d.text();
    row.doc_number = d.text();
    row.issuers = d.text();
    row.file = d.text();
    row.name = names[e.name];
    row.role = e.role;
    return row;
  }
};

Report::Report() = default;
Report::~Report() = default;
Report::Report(Report&&) noexcept = default;
Report& Report::operator=(Report&&) noexcept = default;

const std::vector<Department>& Report::departments() const { return impl_->departments; }
std::size_t Report::file_count() const { return impl_->files; }
std::size_t Report::listed_count() const { return impl_->listed; }
std::size_t Report::kept_task_count() const { return impl_->kept_tasks; }
std::size_t Report::task_count() const { return impl_->tasks; }

void Report::for_each_task(const std::function<void(std::size_t, const TaskRow&)>& f) {
  Impl& m = *impl_;
  if (m.runs.empty()) {
    for (const Entry& e : m.buffer) f(e.department, m.row_of(e));
    return;
  }
  // Merge the sorted runs, a bounded window of each in memory.
  const std::size_t window = std::max<std::size_t>(64, m.budget / m.runs.size());
  struct Cursor {
    std::uint64_t next, end;  // entry indexes in m.entries
    std::vector<Entry> chunk;
    std::size_t at = 0;
  };
  std::vector<Cursor> cursors;
  for (const auto& [first, count] : m.runs) cursors.push_back({first, first + count, {}, 0});
  auto refill = [&](Cursor& c) {
    const auto n = static_cast<std::size_t>(std::min<std::uint64_t>(window, c.end - c.next));
    m.read_entries(c.next, n, c.chunk);
    c.next += n;
    c.at = 0;
    return n > 0;
  };
  auto later = [&](std::size_t a, std::size_t b) {
    return before(cursors[b].chunk[cursors[b].at], cursors[a].chunk[cursors[a].at]);
  };
  std::priority_queue<std::size_t, std::vector<std::size_t>, decltype(later)> heap(later);
  for (std::size_t k = 0; k < cursors.size(); ++k)
    if (refill(cursors[k])) heap.push(k);
  while (!heap.empty()) {
    const std::size_t k = heap.top();
    heap.pop();
    Cursor& c = cursors[k];
    const Entry e = c.chunk[c.at++];
    if (c.at < c.chunk.size() || refill(c)) heap.push(k);
    f(e.department, m.row_of(e));
  }
}

ReportBuilder::ReportBuilder(ReportOptions options) : options_(std::move(options)) {
  report_.impl_ = std::make_unique<Report::Impl>(options_);
}

ReportBuilder::~ReportBuilder() = default;

void ReportBuilder::add(const DocumentRecord& r) {
  Report::Impl& m = *report_.impl_;
  m.document_cells.clear();
  Packer pack;
  Walker walker;
  const std::uint64_t first_document = m.documents;
  walker.document = [&](const DocumentInfo& d, std::size_t index) {
    ++m.documents;
    ++(index == 0 ? m.files : m.listed);
    pack.clear();
    for (const std::string* s : {&d.title, &d.doc_number, &d.issuers, &d.file}) pack.put(*s);
    m.document_cells.push_back(m.store(pack.bytes()));
  };
  walker.task = [&](const Clause&, std::size_t) {
    ++m.tasks;
    m.passage_cells.clear();
  };
  walker.share = [&](const Share& s) {
    const Clause& c = *s.clause;
    if (s.passage_index >= m.passage_cells.size())
      m.passage_cells.resize(s.passage_index + 1, {0, 0});
    auto& cells = m.passage_cells[s.passage_index];
    if (cells.second == 0) {
      pack.clear();
      pack.put(m.document_cells[s.document_index].first);
      pack.put(static_cast<std::uint64_t>(m.document_cells[s.document_index].second));
      pack.put(c.id);
      pack.put(s.passage->text);
      pack.put(deadline_cell(s.passage->deadlines));
      pack.put(s.passage->sort_date);
      pack.put(targets_cell(c.targets));
      pack.put(static_cast<std::uint64_t>(s.passage->deadline_marks.size()));
      for (const auto& [b, end] : s.passage->deadline_marks) {
        pack.put(static_cast<std::uint64_t>(b));
        pack.put(static_cast<std::uint64_t>(end));
      }
      std::uint64_t unit_marks = 0;
      for (const auto& [k, marks] : s.passage->unit_marks) unit_marks += marks.size();
      pack.put(unit_marks);
      for (const auto& [k, marks] : s.passage->unit_marks)
        for (const auto& [b, end] : marks) {
          pack.put(static_cast<std::uint64_t>(k));
          pack.put(static_cast<std::uint64_t>(b));
          pack.put(static_cast<std::uint64_t>(end));
        }
      // The clause's departments, each once in its strongest role and under
      // the name that role was written with (as the rows choose them).
      std::vector<const Unit*> departments;
      for (const Unit& u : c.units) {
        auto same = std::find_if(departments.begin(), departments.end(), [&](const Unit* d) {
          return (d->canonical ? *d->canonical : d->name) == (u.canonical ? *u.canonical : u.name);
        });
        if (same == departments.end()) departments.push_back(&u);
        else if (rank(u.role) < rank((*same)->role)) *same = &u;
      }
      pack.put(static_cast<std::uint64_t>(departments.size()));
      for (const Unit* u : departments) {
        pack.put(u->name);
        pack.put(static_cast<std::uint64_t>(u->role));
      }
      cells = m.store(pack.bytes());
    }

    const Unit& u = *s.unit;
    const std::string& key = u.canonical ? *u.canonical : u.name;
    auto [dept_slot, new_department] =
        m.department_ids.try_emplace(key, static_cast<std::uint32_t>(m.departments.size()));
    if (new_department) {
      m.departments.emplace_back();
      m.departments.back().key = key;
    }
    Department& d = m.departments[dept_slot->second];
    d.names.insert(u.name);
    for (const auto& alias : u.aliases)
      if (std::find(d.aliases.begin(), d.aliases.end(), alias) == d.aliases.end())
        d.aliases.push_back(alias);
    ++d.tasks;
    switch (u.role) {
      case UnitRole::lead: ++d.lead; break;
      case UnitRole::responsible: ++d.responsible; break;
      case UnitRole::cooperate: ++d.cooperate; break;
    }
    if (s.passage->sort_date.empty()) ++d.without_deadline;
    d.targets += c.targets.size();
    const std::uint64_t task_id = m.tasks - 1, document_id = first_document + s.document_index;
    if (d.last_task != task_id) ++d.distinct_tasks, d.last_task = task_id;
    if (d.last_document != document_id) ++d.documents, d.last_document = document_id;
    if (m.last_kept_task != task_id) ++m.kept_tasks, m.last_kept_task = task_id;

    auto [name_slot, new_name] =
        m.name_ids.try_emplace(u.name, static_cast<std::uint32_t>(m.names.size()));
    if (new_name) m.names.push_back(u.name);

    Entry e;
    e.department = dept_slot->second;
    e.date = s.passage->sort_date.empty() ? kUndated : pack_date(s.passage->sort_date);
    e.seq = m.next_seq++;
    e.offset = cells.first;
    e.size = cells.second;
    e.name = name_slot->second;
    e.role = u.role;
    e.unit = static_cast<std::uint32_t>(s.unit - c.units.data());
    m.push(e);
  };
  walk(r, options_, walker);
}

Report ReportBuilder::finish() && {
  Report::Impl& m = *report_.impl_;
  // Which departments are kept, and in which order: most tasks first.
  std::vector<std::uint32_t> order;
  for (std::uint32_t id = 0; id < m.departments.size(); ++id) {
    const Department& d = m.departments[id];
    if (d.tasks > 0 && wanted(options_.units, d.key, d.names, d.aliases)) order.push_back(id);
  }
  std::stable_sort(order.begin(), order.end(), [&](std::uint32_t a, std::uint32_t b) {
    const Department& da = m.departments[a];
    const Department& db = m.departments[b];
    if (da.tasks != db.tasks) return da.tasks > db.tasks;
    return da.key < db.key;
  });
  std::vector<std::uint32_t> rank(m.departments.size(), kDropped);
  std::vector<Department> kept;
  for (std::uint32_t i = 0; i < order.size(); ++i) {
    rank[order[i]] = i;
    kept.push_back(std::move(m.departments[order[i]]));
  }
  m.departments = std::move(kept);
  m.department_ids.clear();

  // Entries sorted by (rank, date, arrival): in memory when they fit, else
  // in runs of `budget` entries on disk, merged by for_each_task.
  auto rank_and_sort = [&](std::vector<Entry>& v) {
    std::size_t out = 0;
    for (const Entry& e : v)
      if (rank[e.department] != kDropped) {
        v[out] = e;
        v[out++].department = rank[e.department];
      }
    v.resize(out);
    std::sort(v.begin(), v.end(), before);
  };
  if (m.unsorted == 0) {
    rank_and_sort(m.buffer);
    return std::move(report_);
  }
  m.spill();
  std::vector<Entry>().swap(m.buffer);
  std::vector<Entry> chunk;
  for (std::uint64_t first = 0; first < m.unsorted; first += m.budget) {
    const auto n = static_cast<std::size_t>(std::min<std::uint64_t>(m.budget, m.unsorted - first));
    m.read_entries(first, n, chunk);
    rank_and_sort(chunk);
    if (chunk.empty()) continue;
    const std::uint64_t at = m.entries.size() / sizeof(Entry);
    for (const Entry& e : chunk) m.entries.append(entry_bytes(e));
    m.runs.emplace_back(at, chunk.size());
  }
  return std::move(report_);
}

}  // namespace policy::report

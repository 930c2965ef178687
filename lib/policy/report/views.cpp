#include "policy/core/strings.h"
#include "policy/report/views.h"

#include <algorithm>
#include <map>

#include <fmt/format.h>

#include "policy/text/utf8.h"

namespace policy::report {

namespace {

using print::Column;
using T = Column::Type;

std::string others_cell(const TaskRow& row) {
  std::vector<std::string> parts;
  for (const auto& [name, role] : row.units) {
    if (name == row.name) continue;
    std::string p = fmt::format("{}({})", name, to_chinese(role));
    if (std::find(parts.begin(), parts.end(), p) == parts.end()) parts.push_back(p);
  }
  return join(parts, "、");
}

// The value of a task column by its key (see task_columns()).
std::string task_cell(std::string_view key, const Department& d, const TaskRow& t) {
  if (key == "department") return d.key;
  if (key == "name") return t.name;
  if (key == "title") return t.title;
  if (key == "doc_number") return t.doc_number;
  if (key == "issuers") return t.issuers;
  if (key == "clause") return t.clause;
  if (key == "role_zh") return to_chinese(t.role);
  if (key == "role") return to_string(t.role);
  if (key == "task") return t.text;
  if (key == "deadline") return t.deadlines;
  if (key == "due") return t.due;
  if (key == "targets") return t.targets;
  if (key == "other_units") return others_cell(t);
  if (key == "file") return t.file;
  return {};
}

print::Chart role_chart(const Report& r) {
  print::Chart c;
  c.title = "各部门任务数（按角色）";
  c.with_table = false;  // the summary above the chart holds the numbers
  c.series = {"牵头", "责任", "配合"};
  for (const Department& d : r.departments()) {
    c.categories.push_back(d.key);
    c.values.push_back({static_cast<double>(d.lead), static_cast<double>(d.responsible),
                        static_cast<double>(d.cooperate)});
  }
  return c;
}

}  // namespace

const std::vector<Column>& task_columns() {
  // max_width: what an A4 landscape page holds side by side (~140 units).
  static const std::vector<Column> cols = [] {
    std::vector<Column> c{{"department", "部门"},
                          {"name", "文中写法"},
                          {"title", "文件名称"},
                          {"doc_number", "文号"},
                          {"issuers", "发文单位"},
                          {"clause", "条款"},
                          {"role_zh", "角色"},
                          {"role", "角色代码", T::text, Column::InText::hidden},
                          {"task", "任务"},
                          {"deadline", "时限"},
                          {"due", "到期日"},
                          {"targets", "指标"},
                          {"other_units", "协同单位"},
                          {"file", "文件", T::text, Column::InText::hidden}};
    const std::pair<const char*, double> widths[] = {
        {"department", 20}, {"name", 14}, {"title", 22}, {"doc_number", 16}, {"issuers", 16}, {"clause", 9},
        {"role_zh", 6},     {"task", 46}, {"deadline", 11}, {"due", 11},       {"targets", 20}, {"other_units", 22}};
    for (Column& col : c)
      for (const auto& [key, w] : widths)
        if (col.key == key) col.max_width = w;
    return c;
  }();
  return cols;
}

std::vector<std::string> people_columns() {
  return {"title", "doc_number", "clause", "role_zh", "task", "deadline", "targets", "other_units"};
}

std::vector<std::string> machine_columns() {
  std::vector<std::string> keys;
  for (const Column& c : task_columns()) keys.push_back(c.key);
  return keys;
}

Result<std::vector<std::string>> parse_columns(std::string_view list) {
  std::vector<std::string> keys;
  while (!list.empty()) {
    const std::size_t comma = list.find(',');
    std::string key(utf8::trim(list.substr(0, comma)));
    list = comma == std::string_view::npos ? std::string_view() : list.substr(comma + 1);
    if (key.empty()) continue;
    const auto& all = task_columns();
    auto it = std::find_if(all.begin(), all.end(), [&](const Column& c) { return c.key == key || c.zh == key; });
    if (it == all.end()) {
      std::vector<std::string> known;
      for (const Column& c : all) known.push_back(c.key);
      return Error::plain(fmt::format("--columns: no column {}; the columns are {}", key, join(known, ",")));
    }
    if (std::find(keys.begin(), keys.end(), it->key) == keys.end()) keys.push_back(it->key);
  }
  if (keys.empty()) return Error::plain("--columns: name at least one column");
  return keys;
}

bool holds_sections(print::Format f) {
  return f == print::Format::text || f == print::Format::markdown || f == print::Format::xlsx ||
         f == print::Format::html;
}

void print_summary(const Report& r, print::Sink& sink) {
  Column department{"department", "部门"};
  department.link = true;  // html: the table of contents
  sink.begin_table("汇总", {department,
                           {"lead", "牵头", T::integer},
                           {"responsible", "责任", T::integer},
                           {"cooperate", "配合", T::integer},
                           {"tasks", "合计", T::integer},
                           {"without_deadline", "无时限", T::integer},
                           {"targets", "指标", T::integer},
                           {"names", "文中写法"}});
  for (const Department& d : r.departments()) {
    std::vector<std::string> names(d.names.begin(), d.names.end());
    sink.row({d.key, std::to_string(d.lead), std::to_string(d.responsible),
              std::to_string(d.cooperate), std::to_string(d.tasks),
              std::to_string(d.without_deadline), std::to_string(d.targets), join(names, "、")});
  }
  sink.end_table();
}

std::vector<std::string> headline(const Report& r, bool filtered, bool by_unit) {
  std::vector<std::string> lines;
  const std::string listed =
      r.listed_count() ? fmt::format("（另含汇总表所列 {} 份）", r.listed_count()) : std::string();
  if (by_unit) {
    // --unit: the chosen departments' own totals, not the corpus's.
    for (const Department& d : r.departments())
      lines.push_back(fmt::format("{}：{} 项任务（牵头 {}，责任 {}，配合 {}），出自 {} 份文件；共读 {} 份文件{}。",
                                  d.key, d.distinct_tasks, d.lead, d.responsible, d.cooperate, d.documents,
                                  r.file_count(), listed));
    if (lines.empty()) lines.push_back(fmt::format("所选部门在 {} 份文件{}中没有任务。", r.file_count(), listed));
    return lines;
  }
  if (filtered)
    lines.push_back(fmt::format("{} 份文件{}，{} 项任务，其中符合筛选的 {} 项，涉及 {} 个部门。", r.file_count(),
                                listed, r.task_count(), r.kept_task_count(), r.departments().size()));
  else
    lines.push_back(fmt::format("{} 份文件{}，{} 项任务，涉及 {} 个部门。", r.file_count(), listed, r.task_count(),
                                r.departments().size()));
  return lines;
}

namespace {
// A department's sheet name: its full name when short, else the shortest
// name it is written under (市市场监管局), so sheet names stay readable.
std::string short_name(const Department& d) {
  std::string best = d.key;
  if (utf8::length(best) <= 12) return best;
  for (const std::string& n : d.names)
    if (!n.empty() && utf8::length(n) < utf8::length(best)) best = n;
  return best;
}
// A document's sheet name when it has no 文号: its title without the
// wrapping most titles share (关于印发…的通知), so names differ early.
std::string short_title(std::string_view title) {
  for (std::string_view head : {"关于印发", "关于"})
    if (title.substr(0, head.size()) == head) {
      title.remove_prefix(head.size());
      break;
    }
  for (std::string_view tail : {"的通知", "的实施意见", "的意见"})
    if (title.size() > tail.size() && title.substr(title.size() - tail.size()) == tail) {
      title.remove_suffix(tail.size());
      break;
    }
  return std::string(title);
}
}  // namespace

void print_by_unit(Report& r, print::Sink& sink, bool sections, const ReportLayout& layout) {
  const auto& departments = r.departments();
  std::vector<Column> cols;
  std::size_t task_at = SIZE_MAX;
  std::vector<std::string> keys = layout.columns;
  // One flat table: the department goes first unless the columns name it.
  if (!sections && std::find(keys.begin(), keys.end(), "department") == keys.end())
    keys.insert(keys.begin(), "department");
  for (const std::string& k : keys)
    for (const Column& c : task_columns())
      if (c.key == k) {
        if (k == "task") task_at = cols.size();
        cols.push_back(c);
      }
  // The task cell carries the highlights of the unit and its deadline.
  auto emit = [&](std::size_t d, const TaskRow& t) {
    std::vector<std::string> cells;
    for (const Column& c : cols) cells.push_back(task_cell(c.key, departments[d], t));
    if (task_at == SIZE_MAX || t.marks.empty()) return sink.row(cells);
    std::vector<print::Marks> marks(cols.size());
    marks[task_at] = t.marks;
    sink.row(cells, marks);
  };
  if (!sections) {
    sink.begin_table("tasks", cols);
    r.for_each_task(emit);
    sink.end_table();
    return;
  }
  for (const std::string& line : layout.about) sink.note(line);
  print_summary(r, sink);
  if (!departments.empty()) sink.chart(role_chart(r));
  // Tasks come department by department: a table each.
  std::size_t open = departments.size();
  r.for_each_task([&](std::size_t d, const TaskRow& t) {
    if (d != open) {
      if (open != departments.size()) sink.end_table();
      sink.begin_table(departments[d].display(), cols, short_name(departments[d]), departments[d].key);
      open = d;
    }
    emit(d, t);
  });
  if (open != departments.size()) sink.end_table();
}

DocumentMatrixPrinter::DocumentMatrixPrinter(ReportOptions options, print::Sink& sink,
                                             bool sections)
    : options_(std::move(options)), sink_(sink), sections_(sections) {
  if (!sections_)
    sink_.begin_table("matrix", {{"title", "文件名称"},
                                 {"doc_number", "文号"},
                                 {"validity", "有效期"},
                                 {"clause", "条款"},
                                 {"task", "任务"},
                                 {"department", "部门"},
                                 {"role", "角色"},
                                 {"file", "文件"}});
}

void DocumentMatrixPrinter::add(const DocumentRecord& record) {
  struct Dept {
    std::set<std::string> names;
    std::vector<std::string> aliases;
  };
  struct Task {
    std::size_t document;
    std::string clause, heading;
    std::map<std::string, std::vector<std::string>> roles;  // department -> 牵头、配合
  };
  std::vector<DocumentInfo> documents;
  std::vector<Task> tasks;
  std::vector<std::vector<std::string>> keys;  // per document: departments, as they appear
  std::map<std::string, Dept> departments;     // names and aliases, over the record

  Walker walker;
  walker.document = [&](const DocumentInfo& d, std::size_t) {
    documents.push_back(d);
    keys.emplace_back();
  };
  walker.task = [&](const Clause& c, std::size_t document) {
    tasks.push_back({document, c.id, c.heading, {}});
  };
  walker.share = [&](const Share& s) {
    const Unit& u = *s.unit;
    const std::string& key = u.canonical ? *u.canonical : u.name;
    Dept& d = departments[key];
    d.names.insert(u.name);
    for (const auto& a : u.aliases)
      if (std::find(d.aliases.begin(), d.aliases.end(), a) == d.aliases.end())
        d.aliases.push_back(a);
    auto& cell = tasks.back().roles[key];
    const std::string role = to_chinese(u.role);
    if (std::find(cell.begin(), cell.end(), role) == cell.end()) cell.push_back(role);
    auto& ks = keys[s.document_index];
    if (std::find(ks.begin(), ks.end(), key) == ks.end()) ks.push_back(key);
  };
  walk(record, options_, walker);

  for (std::size_t doc = 0; doc < documents.size(); ++doc) {
    std::vector<std::string> kept;
    for (const std::string& k : keys[doc]) {
      const Dept& d = departments[k];
      if (wanted(options_.units, k, d.names, d.aliases)) kept.push_back(k);
    }
    if (kept.empty()) continue;
    const DocumentInfo& info = documents[doc];
    if (!sections_) {
      for (const Task& t : tasks) {
        if (t.document != doc) continue;
        for (const std::string& k : kept) {
          auto it = t.roles.find(k);
          if (it == t.roles.end()) continue;
          sink_.row({info.title, info.doc_number, info.validity, t.clause, t.heading, k,
                     join(it->second, "、"), info.file});
        }
      }
      continue;
    }
    std::vector<print::Column> cols{{"clause", "条款"}, {"task", "任务"}};
    for (const std::string& k : kept) cols.push_back({k, k});
    if (!info.validity.empty()) sink_.note("有效期：" + info.validity);
    sink_.begin_table(info.doc_number.empty() ? info.title : info.title + " " + info.doc_number, cols,
                      info.doc_number.empty() ? short_title(info.title) : info.doc_number, {});
    for (const Task& t : tasks) {
      if (t.document != doc) continue;
      std::vector<std::string> row{t.clause, t.heading};
      bool any = false;
      for (const std::string& k : kept) {
        auto it = t.roles.find(k);
        row.push_back(it == t.roles.end() ? std::string() : join(it->second, "、"));
        any |= it != t.roles.end();
      }
      if (any) sink_.row(row);
    }
    sink_.end_table();
  }
}

void DocumentMatrixPrinter::finish() {
  if (!sections_) sink_.end_table();
}

}  // namespace policy::report

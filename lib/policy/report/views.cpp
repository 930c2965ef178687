#include "policy/core/strings.h"
#include "policy/report/views.h"

#include <algorithm>
#include <map>

#include <fmt/format.h>

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

std::vector<Column> task_columns(bool with_department) {
  std::vector<Column> cols;
  if (with_department) cols.insert(cols.end(), {{"department", "部门"}, {"name", "文中写法"}});
  cols.insert(cols.end(), {{"title", "文件名称"},
                           {"doc_number", "文号"},
                           {"issuers", "发文单位"},
                           {"clause", "条款"},
                           {"role", "角色"},
                           {"role_code", "角色代码", T::text, Column::InText::hidden},
                           {"task", "任务"},
                           {"deadline", "时限"},
                           {"targets", "指标"},
                           {"other_units", "其他单位"},
                           {"file", "文件", T::text, Column::InText::hidden}});
  return cols;
}

std::vector<std::string> task_cells(const Department* d, const TaskRow& t) {
  std::vector<std::string> row;
  if (d) row.insert(row.end(), {d->key, t.name});
  row.insert(row.end(), {t.title, t.doc_number, t.issuers, t.clause, to_chinese(t.role),
                         to_string(t.role), t.text, t.deadlines, t.targets, others_cell(t),
                         t.file});
  return row;
}

print::Chart role_chart(const Report& r) {
  print::Chart c;
  c.title = "各部门任务数（按角色）";
  c.series = {"牵头", "责任", "配合"};
  for (const Department& d : r.departments()) {
    c.categories.push_back(d.key);
    c.values.push_back({static_cast<double>(d.lead), static_cast<double>(d.responsible),
                        static_cast<double>(d.cooperate)});
  }
  return c;
}

}  // namespace

bool holds_sections(print::Format f) {
  return f == print::Format::text || f == print::Format::markdown || f == print::Format::xlsx ||
         f == print::Format::html;
}

void print_summary(const Report& r, print::Sink& sink) {
  sink.begin_table("汇总", {{"department", "部门"},
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

void print_by_unit(Report& r, print::Sink& sink, bool sections) {
  const auto& departments = r.departments();
  if (!sections) {
    sink.begin_table("tasks", task_columns(true));
    r.for_each_task([&](std::size_t d, const TaskRow& t) { sink.row(task_cells(&departments[d], t)); });
    sink.end_table();
    return;
  }
  sink.note(fmt::format("{} 个部门，{} 份文件，{} 项任务。", departments.size(),
                        r.document_count(), r.task_count()));
  print_summary(r, sink);
  if (!departments.empty()) sink.chart(role_chart(r));
  // Tasks come department by department: a table each.
  std::size_t open = departments.size();
  r.for_each_task([&](std::size_t d, const TaskRow& t) {
    if (d != open) {
      if (open != departments.size()) sink.end_table();
      sink.begin_table(departments[d].display(), task_columns(false));
      open = d;
    }
    sink.row(task_cells(nullptr, t));
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
    sink_.begin_table(info.doc_number.empty() ? info.title : info.title + " " + info.doc_number,
                      cols);
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

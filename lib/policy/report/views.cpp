#include "policy/core/strings.h"
#include "policy/report/views.h"

#include <algorithm>
#include <map>

#include <fmt/format.h>

namespace policy::report {

namespace {

using print::Column;
using T = Column::Type;


// 2025-04, and for an open-ended one the words written (持续推进).
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

std::string others_cell(const Task& task, const std::string& self) {
  std::vector<std::string> parts;
  for (const auto& [name, role] : task.units) {
    if (name == self) continue;
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
                           {"role_code", "角色代码"},
                           {"task", "任务"},
                           {"deadline", "时限"},
                           {"targets", "指标"},
                           {"other_units", "其他单位"},
                           {"file", "文件"}});
  return cols;
}

std::vector<std::string> task_row(const Report& r, const Department* d, const Assignment& a) {
  const Task& t = r.tasks[a.task];
  const DocumentInfo& doc = r.documents[t.document];
  std::vector<std::string> row;
  if (d) row.insert(row.end(), {d->key, a.name});
  row.insert(row.end(), {doc.title, doc.doc_number, doc.issuers, t.clause, to_chinese(a.role),
                         to_string(a.role), passage_of(r, a).text,
                         deadline_cell(passage_of(r, a).deadlines),
                         targets_cell(t.targets), others_cell(t, a.name), doc.file});
  return row;
}

print::Chart role_chart(const Report& r) {
  print::Chart c;
  c.title = "各部门任务数（按角色）";
  c.series = {"牵头", "责任", "配合"};
  for (const Department& d : r.departments) {
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
  for (const Department& d : r.departments) {
    std::vector<std::string> names(d.names.begin(), d.names.end());
    sink.row({d.key, std::to_string(d.lead), std::to_string(d.responsible),
              std::to_string(d.cooperate), std::to_string(d.assignments.size()),
              std::to_string(d.without_deadline), std::to_string(d.targets), join(names, "、")});
  }
  sink.end_table();
}

void print_by_unit(const Report& r, print::Sink& sink, bool sections) {
  if (!sections) {
    sink.begin_table("tasks", task_columns(true));
    for (const Department& d : r.departments)
      for (const Assignment& a : d.assignments) sink.row(task_row(r, &d, a));
    sink.end_table();
    return;
  }
  sink.note(fmt::format("{} 个部门，{} 份文件，{} 项任务。", r.departments.size(),
                        r.documents.size(), r.tasks.size()));
  print_summary(r, sink);
  if (!r.departments.empty()) sink.chart(role_chart(r));
  for (const Department& d : r.departments) {
    sink.begin_table(d.display(), task_columns(false));
    for (const Assignment& a : d.assignments) sink.row(task_row(r, nullptr, a));
    sink.end_table();
  }
}

void print_by_document(const Report& r, print::Sink& sink, bool sections) {
  // Per document: its tasks, and for each task the role of every department.
  std::vector<std::vector<std::size_t>> tasks_of(r.documents.size());
  for (std::size_t t = 0; t < r.tasks.size(); ++t) tasks_of[r.tasks[t].document].push_back(t);
  // Role of a department in a task, from the (filtered) assignments.
  std::map<std::pair<std::size_t, std::string>, std::vector<std::string>> roles;
  std::map<std::size_t, std::vector<std::string>> departments_of;  // document -> keys in order
  for (const Department& d : r.departments) {
    for (const Assignment& a : d.assignments) {
      auto& cell = roles[{a.task, d.key}];
      std::string role = to_chinese(a.role);
      if (std::find(cell.begin(), cell.end(), role) == cell.end()) cell.push_back(role);
      auto& keys = departments_of[r.tasks[a.task].document];
      if (std::find(keys.begin(), keys.end(), d.key) == keys.end()) keys.push_back(d.key);
    }
  }
  if (!sections) {
    sink.begin_table("matrix", {{"title", "文件名称"},
                                {"doc_number", "文号"},
                                {"clause", "条款"},
                                {"task", "任务"},
                                {"department", "部门"},
                                {"role", "角色"},
                                {"file", "文件"}});
    for (std::size_t doc = 0; doc < r.documents.size(); ++doc)
      for (std::size_t t : tasks_of[doc])
        for (const std::string& key : departments_of[doc]) {
          auto it = roles.find({t, key});
          if (it == roles.end()) continue;
          sink.row({r.documents[doc].title, r.documents[doc].doc_number, r.tasks[t].clause,
                    r.tasks[t].heading, key, join(it->second, "、"), r.documents[doc].file});
        }
    sink.end_table();
    return;
  }
  for (std::size_t doc = 0; doc < r.documents.size(); ++doc) {
    const auto& keys = departments_of[doc];
    if (keys.empty()) continue;
    const DocumentInfo& info = r.documents[doc];
    std::vector<Column> cols{{"clause", "条款"}, {"task", "任务"}};
    for (const std::string& k : keys) cols.push_back({k, k});
    std::string title = info.doc_number.empty() ? info.title : info.title + " " + info.doc_number;
    sink.begin_table(title, cols);
    for (std::size_t t : tasks_of[doc]) {
      std::vector<std::string> row{r.tasks[t].clause, r.tasks[t].heading};
      bool any = false;
      for (const std::string& k : keys) {
        auto it = roles.find({t, k});
        row.push_back(it == roles.end() ? std::string() : join(it->second, "、"));
        any |= it != roles.end();
      }
      if (any) sink.row(row);
    }
    sink.end_table();
  }
}

}  // namespace policy::report

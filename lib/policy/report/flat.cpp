#include "policy/core/strings.h"
#include "policy/report/flat.h"

#include <fmt/format.h>

#include "policy/text/utf8.h"

namespace policy::report {

using print::Column;

std::vector<Column> clause_columns() {
  return {{"file", "文件", Column::Type::text, Column::InText::file_name},
          {"id", "编号"},
          {"level", "层级", Column::Type::integer},
          {"label", "序号"},
          {"heading", "标题"},
          {"kind", "类型"},
          {"line_start", "起始行", Column::Type::integer},
          {"line_end", "结束行", Column::Type::integer},
          {"text", "正文"}};
}

std::string one_line(std::string_view text, std::size_t width) {
  std::string out;
  std::size_t w = 0, i = 0;
  bool blank = false;
  while (i < text.size()) {
    std::size_t s = i;
    char32_t c = utf8::next(text, i);
    if (utf8::is_space(c)) {
      blank = !out.empty();
      continue;
    }
    std::size_t cw = print::display_width(text.substr(s, i - s));
    std::size_t need = cw + (blank ? 1 : 0);
    if (w + need > width) {
      out += "…";
      return out;
    }
    if (blank) out.push_back(' ');
    blank = false;
    out.append(text.substr(s, i - s));
    w += need;
  }
  return out;
}

std::vector<std::string> clause_row(const DocumentRecord& doc, const Clause& c, bool preview) {
  return {doc.file,
          c.id,
          std::to_string(c.level),
          c.label,
          c.heading,
          to_string(c.kind),
          std::to_string(c.line_start),
          std::to_string(c.line_end),
          preview ? one_line(c.text, 46) : std::string(c.text)};
}

}  // namespace policy::report

namespace policy::report {

namespace {


std::string opt(const std::optional<std::string>& v) { return v ? *v : std::string(); }
std::string opt(const std::optional<int>& v) { return v ? std::to_string(*v) : std::string(); }
std::string opt(const std::string* v) { return v ? *v : std::string(); }

}  // namespace

std::optional<View> parse_view(std::string_view name) {
  if (name == "documents") return View::documents;
  if (name == "doc-numbers") return View::doc_numbers;
  if (name == "units") return View::units;
  if (name == "targets") return View::targets;
  if (name == "deadlines") return View::deadlines;
  if (name == "clauses") return View::clauses;
  return std::nullopt;
}

std::string format_number(double v) {
  if (v == static_cast<double>(static_cast<long long>(v)) && v < 1e18 && v > -1e18)
    return std::to_string(static_cast<long long>(v));
  return fmt::format("{}", v);
}

std::vector<Column> view_columns(View view) {
  using T = Column::Type;
  const Column file{"file", "文件", T::text, Column::InText::file_name}, clause{"clause", "条款"}, line{"line", "行", T::integer},
      heading{"heading", "条款标题"};
  switch (view) {
    case View::documents:
      return {file,
              {"encoding", "编码"},
              {"title", "文件名称"},
              {"doc_number", "文号"},
              {"issuers", "发文单位"},
              {"addressees", "主送机关"},
              {"date", "成文日期"},
              {"attachments", "附件"},
              {"valid_from", "施行日期"},
              {"valid_until", "失效日期"},
              {"validity_status", "效力状态"},
              {"clauses", "条款数", T::integer},
              {"units", "责任单位数", T::integer},
              {"targets", "指标数", T::integer},
              {"deadlines", "时限数", T::integer}};
    case View::doc_numbers:
      return {file, clause, line,
              {"text", "原文"},
              {"normalized", "文号"},
              {"code", "机关代字"},
              {"year", "年份", T::integer},
              {"serial", "序号", T::integer},
              {"role", "类型"}};
    case View::units:
      return {file, clause, line,
              {"name", "单位"},
              {"role", "角色代码", T::text, Column::InText::hidden},
              {"role_zh", "角色"},
              {"canonical", "规范名称"},
              heading};
    case View::targets:
      return {file, clause, line,
              {"text", "原文"},
              {"value", "数值", T::number},
              {"unit", "单位"},
              {"op", "关系"},
              {"kind", "类型"},
              {"subject", "指标对象"},
              {"year", "年份", T::integer}};
    case View::deadlines:
      return {file, clause, line, {"text", "原文"}, {"date", "时限"}, heading};
    case View::clauses:
      return clause_columns();
  }
  return {};
}

std::vector<std::vector<std::string>> view_rows(View view, const DocumentRecord& doc) {
  std::vector<std::vector<std::string>> rows;
  if (view == View::documents) {
    std::size_t units = 0, targets = 0, deadlines = 0;
    for (const Clause& c : doc.clauses) {
      units += c.units.size();
      targets += c.targets.size();
      deadlines += c.deadlines.size();
    }
    rows.push_back({doc.file, doc.encoding, opt(doc.title),
                    doc.doc_number ? doc.doc_number->normalized : std::string(),
                    join(doc.issuers, "、"), join(doc.addressees, "，"), opt(doc.date),
                    join(doc.attachments, "；"), doc.validity.from.value_or(""),
                    doc.validity.until.value_or(""), status_text(doc.validity), std::to_string(doc.clauses.size()),
                    std::to_string(units), std::to_string(targets), std::to_string(deadlines)});
    return rows;
  }
  for (const Clause& c : doc.clauses) {
    const std::string line = std::to_string(c.line_start);
    switch (view) {
      case View::doc_numbers:
        for (const DocNumber& d : c.doc_numbers)
          rows.push_back({doc.file, c.id, std::to_string(d.line), d.text, d.normalized, d.code,
                          opt(d.year), std::to_string(d.serial), to_string(d.role)});
        break;
      case View::units:
        for (const Unit& u : c.units)
          rows.push_back({doc.file, c.id, line, u.name, to_string(u.role), to_chinese(u.role),
                          opt(u.canonical), c.heading});
        break;
      case View::targets:
        for (const Target& t : c.targets)
          rows.push_back({doc.file, c.id, line, t.text, format_number(t.value), t.unit,
                          to_string(t.op), to_string(t.kind), opt(t.subject), opt(t.year)});
        break;
      case View::deadlines:
        for (const Deadline& d : c.deadlines)
          rows.push_back({doc.file, c.id, line, d.text, d.date, c.heading});
        break;
      case View::clauses:
        rows.push_back(clause_row(doc, c, false));
        break;
      case View::documents:
        break;
    }
  }
  return rows;
}

}  // namespace policy::report

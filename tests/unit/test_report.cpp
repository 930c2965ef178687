// Reports: the scratch store, deadline order, and that a report spilled to
// disk in many small runs prints exactly what the in-memory report prints;
// records, made or read back, own what their clause texts point into.
#include <catch2/catch.hpp>

#include <algorithm>
#include <optional>
#include <stdexcept>
#include <string>
#include <tuple>
#include <vector>

#include "helpers.h"
#include "policy/extract/extract.h"
#include "policy/print/document_json.h"
#include "policy/report/records_json.h"
#include "policy/report/report.h"
#include "policy/report/scratch.h"
#include "policy/text/decode.h"

using namespace policy;
using namespace policy::report;

namespace {

using Printed = std::vector<std::tuple<std::string, std::string, std::string, std::string,
                                       std::string, std::string, std::string, std::string>>;

Printed print_all(Report& r) {
  Printed out;
  r.for_each_task([&](std::size_t d, const TaskRow& t) {
    std::string units;
    for (const auto& [name, role] : t.units) units += name + to_string(role) + ";";
    out.emplace_back(r.departments()[d].key, t.name + "/" + to_string(t.role),
                     t.title + "|" + t.doc_number + "|" + t.issuers + "|" + t.file, t.clause,
                     t.text, t.deadlines, t.targets, units);
  });
  return out;
}

std::vector<DocumentRecord> sample_records() {
  std::vector<DocumentRecord> out;
  for (const auto& path : testing::sample_paths()) {
    std::string bytes = testing::read_file(path);
    out.push_back(extract::analyze(text::Document(path, "UTF-8", bytes)));
  }
  return out;
}

Report build(const std::vector<DocumentRecord>& records, ReportOptions o) {
  ReportBuilder b(std::move(o));
  for (const auto& r : records) b.add(r);
  return std::move(b).finish();
}

}  // namespace

TEST_CASE("report/scratch: bytes read back the same in memory and after moving to a file") {
  Scratch s(16);
  const std::uint64_t a = s.append("市商务局");  // 12 bytes: in memory
  CHECK_FALSE(s.on_disk());
  const std::uint64_t b = s.append("武汉市市场监督管理局");  // past 16: to a file
  CHECK(s.on_disk());
  const std::uint64_t c = s.append("");
  const std::uint64_t d = s.append("配合");  // still in the write buffer
  std::string out;
  s.read(a, 12, out);
  CHECK(out == "市商务局");
  s.read(b, 30, out);
  CHECK(out == "武汉市市场监督管理局");
  s.read(c, 0, out);
  CHECK(out.empty());
  s.read(d, 6, out);
  CHECK(out == "配合");
  CHECK(s.size() == 48);
  CHECK_THROWS_AS(s.read(40, 9, out), std::logic_error);
}

TEST_CASE("report/scratch: packed fields unpack in order — truncation is caught") {
  Packer p;
  p.put(std::string_view("鄂政发〔2022〕21号"));
  p.put(std::uint64_t{0});
  p.put(std::uint64_t{1} << 40);
  p.put(std::string_view(""));
  p.put(std::uint64_t{127});
  p.put(std::uint64_t{128});
  Unpacker u(p.bytes());
  CHECK(u.text() == "鄂政发〔2022〕21号");
  CHECK(u.number() == 0);
  CHECK(u.number() == (std::uint64_t{1} << 40));
  CHECK(u.text().empty());
  CHECK(u.number() == 127);
  CHECK(u.number() == 128);
  CHECK_THROWS_AS(u.number(), std::logic_error);
  Unpacker cut(std::string_view(p.bytes()).substr(0, 5));
  CHECK_THROWS_AS(cut.text(), std::logic_error);
}

TEST_CASE("report: a department's tasks come dated first, earliest first, then in text order") {
  auto r = extract::analyze(testing::doc(
      "武汉市推进标准化工作方案\n"
      "一、重点任务\n"
      "（一）完善标准体系。（牵头单位：市商务局；完成时限：2025年12月）\n"
      "（二）推进试点示范。（牵头单位：市商务局；完成时限：2025年）\n"
      "（三）加强宣传引导。（牵头单位：市商务局）\n"
      "（四）开展业务培训。（牵头单位：市商务局；完成时限：2024年4月）\n"
      "（五）强化督促检查。（牵头单位：市商务局；配合单位：市统计局）\n"));
  Report rep = build({r}, {});
  REQUIRE(rep.departments().size() == 2);
  CHECK(rep.departments()[0].key == "武汉市商务局");
  CHECK(rep.departments()[0].tasks == 5);
  CHECK(rep.departments()[0].without_deadline == 2);
  std::vector<std::string> clauses;
  rep.for_each_task([&](std::size_t d, const TaskRow& t) {
    if (d == 0) clauses.push_back(t.clause + " " + t.deadlines);
  });
  CHECK(clauses == std::vector<std::string>{"一/（四） 2024-04", "一/（二） 2025", "一/（一） 2025-12",
                                            "一/（三） ", "一/（五） "});
}

TEST_CASE("report: spilled to disk in tiny runs, the report is the same as in memory") {
  const auto records = sample_records();
  REQUIRE(records.size() == 5);
  for (const std::vector<std::string>& units :
       {std::vector<std::string>{}, std::vector<std::string>{"市市场监管局", "省发改委"}}) {
    ReportOptions memory;
    memory.units = units;
    ReportOptions disk = memory;
    disk.entries_in_memory = 7;  // dozens of runs to merge
    disk.text_in_memory = 0;     // every cell read back from the file
    Report a = build(records, memory);
    Report b = build(records, disk);
    REQUIRE(a.departments().size() == b.departments().size());
    for (std::size_t i = 0; i < a.departments().size(); ++i) {
      const Department& x = a.departments()[i];
      const Department& y = b.departments()[i];
      CHECK(x.key == y.key);
      CHECK(x.names == y.names);
      CHECK(std::tie(x.tasks, x.lead, x.responsible, x.cooperate, x.without_deadline, x.targets) ==
            std::tie(y.tasks, y.lead, y.responsible, y.cooperate, y.without_deadline, y.targets));
    }
    const Printed pa = print_all(a);
    CHECK(pa.size() > (units.empty() ? 400u : 40u));
    CHECK(pa == print_all(b));
    CHECK(pa == print_all(b));  // a second pass merges the runs again
  }
}

TEST_CASE("report: role and date filters keep only what they name") {
  const auto records = sample_records();
  ReportOptions o;
  o.roles = {UnitRole::lead};
  o.since = "2022";
  o.until = "2023-06";
  Report rep = build(records, o);
  std::size_t rows = 0;
  rep.for_each_task([&](std::size_t, const TaskRow& t) {
    ++rows;
    CHECK(t.role == UnitRole::lead);
    REQUIRE(t.deadlines.size() >= 4);
    CHECK(t.deadlines.substr(0, 4) >= "2022");
    CHECK(t.deadlines.substr(0, 7) <= "2023-06");
  });
  CHECK(rows > 0);
}

TEST_CASE("a task's text is the sentence naming the unit, and what it names them for") {
  auto record = extract::analyze(testing::doc(
      "一、任务\n"
      "（一）提升服务质量。到2024年6月，重点服务行业顾客满意度达到80分以上。"
      "省商务厅、省文化和旅游厅按职责分工负责。\n"
      "（二）完善标准体系。推动地方标准制定（省市场监管局负责）。省财政厅做好经费保障。\n"));
  const Clause* services = nullptr;
  const Clause* standards = nullptr;
  for (const Clause& c : record.clauses) {
    if (c.id == "一/（一）") services = &c;
    if (c.id == "一/（二）") standards = &c;
  }
  REQUIRE(services);
  REQUIRE(standards);
  auto unit = [](const Clause& c, const std::string& name) -> const Unit& {
    for (const Unit& u : c.units)
      if (u.name == name) return u;
    FAIL("no unit " << name);
    return c.units.front();
  };
  // A sentence that only says who brings along the one before it.
  CHECK(assignment_text(*services, unit(*services, "省商务厅")) ==
        "提升服务质量：到2024年6月，重点服务行业顾客满意度达到80分以上。省商务厅、省文化和旅游厅按职责分工负责。");
  // A sentence that says what as well stands alone.
  CHECK(assignment_text(*standards, unit(*standards, "省市场监管局")) ==
        "完善标准体系：推动地方标准制定（省市场监管局负责）。");
}

using Rows = std::vector<std::pair<std::string, UnitRole>>;

// The (name, role) of each report row for a one-clause document.
Rows report_rows(const std::string& clause) {
  Report rep = build({extract::analyze(testing::doc("一、任务\n" + clause + "\n"))}, {});
  Rows rows;
  rep.for_each_task([&](std::size_t, const TaskRow& t) { rows.emplace_back(t.name, t.role); });
  return rows;
}

TEST_CASE("report: 牵头责任部门 gives one lead row, not a lead and a responsible row") {
  CHECK(report_rows("（一）推进标准化试点。2024年底前完成试点验收。（牵头责任部门：市市场监管局；配合部门：市财政局）") ==
        Rows{{"市市场监管局", UnitRole::lead}, {"市财政局", UnitRole::cooperate}});
}

TEST_CASE("report: a department named as lead and as responsible for one passage is one row, led") {
  CHECK(report_rows("（一）推进标准化试点。2024年底前完成试点验收。（牵头单位：市市场监管局；责任单位：市市场监管局、市财政局）") ==
        Rows{{"市市场监管局", UnitRole::lead}, {"市财政局", UnitRole::responsible}});
}

namespace {

// A document with clauses, a table whose cells wrap, and text after it.
const std::string kRecordText =
    "关于推进标准化工作的通知\n一、总体要求\n（一）到2025年，制定标准100项以上。市场监管总局负责。\n"
    "\t序号\n\t任务\n\t牵头单位\n\n\t1\n\t制定规范\n\t市商务局、\n市统计局\n\n"
    "二、保障措施\n市发改委负责。\n";

// Every clause text and field, and what units share, lies in the record's
// own store, and the texts hold the document's text.
void check_owned(const DocumentRecord& r, const std::string& text) {
  REQUIRE(r.texts);
  std::string all;
  for (const Clause& c : r.clauses) {
    INFO(c.id);
    CHECK(r.texts->holds(c.text));
    for (const auto& [column, cell] : c.fields) {
      CHECK(r.texts->holds(column));
      CHECK(r.texts->holds(cell));
    }
    for (const Unit& u : c.units) {
      if (u.canonical) CHECK(r.texts->holds(*u.canonical));
      for (const std::string& a : u.aliases) CHECK(r.texts->holds(a));
    }
    all += utf8::squash(c.text);
  }
  CHECK(all == utf8::squash(text));
  // The wrapped cell's lines, joined.
  const auto row = std::find_if(r.clauses.begin(), r.clauses.end(), [](const Clause& c) { return !c.fields.empty(); });
  REQUIRE(row != r.clauses.end());
  REQUIRE(row->field("牵头单位"));
  CHECK(*row->field("牵头单位") == "市商务局、\n市统计局");
  // A department's names as data/ knows them.
  const auto task = std::find_if(r.clauses.begin(), r.clauses.end(), [](const Clause& c) { return c.id == "一/（一）"; });
  REQUIRE(task != r.clauses.end());
  REQUIRE(task->units.size() == 1);
  REQUIRE(task->units[0].canonical);
  CHECK(*task->units[0].canonical == "国家市场监督管理总局");
  CHECK(std::find(task->units[0].aliases.begin(), task->units[0].aliases.end(), "国家市场监管总局") !=
        task->units[0].aliases.end());
}

}  // namespace

TEST_CASE("records: a record keeps its clause texts when its document is gone, moved or copied") {
  std::optional<DocumentRecord> original;
  {
    const text::Document d = testing::doc(kRecordText);
    original = extract::analyze(d);
  }
  check_owned(*original, kRecordText);
  DocumentRecord copy = *original;
  DocumentRecord moved = std::move(*original);
  original.reset();
  check_owned(copy, kRecordText);
  check_owned(moved, kRecordText);
  CHECK(copy.texts == moved.texts);  // shared, not copied again
}

TEST_CASE("records: a record read from JSON Lines owns its clause texts") {
  std::optional<DocumentRecord> r;
  {
    std::string line;
    print::append_document_json(line, extract::analyze(testing::doc(kRecordText)));
    auto read = record_from_json(line);
    REQUIRE(read);
    r = std::move(read).value();
  }  // the line it was read from is gone
  check_owned(*r, kRecordText);
  const DocumentRecord made = extract::analyze(testing::doc(kRecordText));
  REQUIRE(r->clauses.size() == made.clauses.size());
  for (std::size_t i = 0; i < made.clauses.size(); ++i) CHECK(r->clauses[i].text == made.clauses[i].text);
}

// The table parser and the clause tree, including the coverage invariant on
// every bundled sample and on generated documents.
#include <catch2/catch.hpp>

#include <random>

#include "helpers.h"
#include "policy/structure/clause.h"
#include "policy/structure/table.h"
#include "policy/text/decode.h"

using namespace policy;
using namespace policy::structure;

namespace {

std::string joined_squashed(const std::vector<Clause>& clauses) {
  std::string all;
  for (const Clause& c : clauses) all += utf8::squash(c.text);
  return all;
}

const Clause* find(const std::vector<Clause>& cs, std::string_view id) {
  for (const Clause& c : cs)
    if (c.id == id) return &c;
  return nullptr;
}

// Header, a group row, a row with a wrapped cell, a repeated header after a
// "page break", a row whose blank line went missing, and a row that lost its
// serial number cell.
const char* kTable =
    "任务清单\n"
    "\n"
    "\t序号\n\t任务内容\n\t牵头单位\n\t责任单位\n"
    "\n"
    "\t一、按照国务院要求，参与制修订国家标准\n"
    "\n"
    "\t1\n\t文化和旅游领域标准\n\t市文旅局\n\t市市场监管局\n"
    "\n"
    "\t2\n\t服务衍生制造分类标准\n\t市经信局\n\t市发改委、\n市统计局\n"
    "\n"
    "\t序号\n\t任务内容\n\t牵头单位\n\t责任单位\n"
    "\n"
    "\t二、在行业主管部门指导下，参与制修订行业标准\n"
    "\n"
    "\t3\n\t报废机动车破碎技术规范\n\t市商务局\n\t市生态环境局\n"
    "\t4\n\t废旧家电回收服务规范\n\t市供销社、市商务局\n\t-\n"
    "\n"
    "\t再生资源回收站点建设管理规范\n\t市供销社\n\t市生态环境局\n"
    "\n"
    "注：1.标准化建设整体工作由市商务局牵头。\n"
    "2.第8条任务由相关部门共同牵头。\n";

}  // namespace

TEST_CASE("tables: header, group rows, wrapped cells, repeated headers, lost blank lines") {
  auto d = testing::doc(kTable);
  TextStore joined;
  auto tables = find_tables(d, joined);
  REQUIRE(tables.size() == 1);
  const Table& t = tables[0];
  CHECK(t.columns == std::vector<std::string_view>{"序号", "任务内容", "牵头单位", "责任单位"});
  std::vector<RowKind> kinds;
  for (const Row& r : t.rows) kinds.push_back(r.kind);
  CHECK(kinds == std::vector<RowKind>{RowKind::header, RowKind::group, RowKind::data,
                                       RowKind::data, RowKind::repeated_header, RowKind::group,
                                       RowKind::data, RowKind::data, RowKind::data});
  CHECK(t.rows[3].cells[3].text == "市发改委、\n市统计局");  // wrapped cell
  CHECK(joined.holds(t.rows[3].cells[3].text));
  CHECK(t.rows[7].cells[0].text == "4");                      // no blank line before it
  CHECK(t.rows[7].cells[3].text == "-");
  // The last row had no serial number: an empty cell keeps columns aligned.
  REQUIRE(t.rows[8].cells.size() == 4);
  CHECK(t.rows[8].cells[0].text.empty());
  CHECK(t.rows[8].cells[1].text == "再生资源回收站点建设管理规范");
  CHECK(d.line(t.line_last) == "\t市生态环境局");
}

TEST_CASE("tables: a table indented one TAB deeper than the text, empty cells as TAB-only lines") {
  std::string text =
      "\t附件2    文件汇总\n"
      "\t\t序号\n\t\t文件名称\n\t\t文号\n"
      "\t\n"
      "\t\t1\n\t\t关于印发某方案的通知\n\t\t\n"   // empty 文号 cell
      "\t\n"
      "\t\t2\n\t\t关于某事项的\n\t意见\n\t\t鄂政办发〔2021〕61号\n";
  auto d = testing::doc(text);
  TextStore joined;
  auto tables = find_tables(d, joined);
  REQUIRE(tables.size() == 1);
  const Table& t = tables[0];
  REQUIRE(t.rows.size() == 3);
  REQUIRE(t.rows[1].cells.size() == 3);
  CHECK(t.rows[1].cells[2].text.empty());
  CHECK(t.rows[2].cells[1].text == "关于某事项的\n意见");
}

TEST_CASE("tables: tab-indented prose is not a table") {
  std::string text =
      "\t一、总体要求\n\n\t（一）指导思想。以习近平新时代中国特色社会主义思想为指导。\n\n"
      "\t（二）发展目标。到2025年，标准体系更加完善。\n";
  TextStore joined;
  CHECK(find_tables(testing::doc(text), joined).empty());
  std::string mixed = "标题\n\t湖北省人民政府\n\t2022年5月1日\n";
  CHECK(find_tables(testing::doc(mixed), joined).empty());
}

TEST_CASE("tables: one row a line, cells split by TABs (a Word table pasted into an editor)") {
  std::string text =
      "浙江省标准化工作任务清单\n"
      "序号\t重点任务\t牵头单位\t配合单位\t完成时间\n"
      "一、标准体系\n"
      "1\t制定数字化改革标准体系框架\t省市场监管局、省大数据局\t省委改革办，省发展改革委\t2023年6月底前\n"
      "2\t建设标准化公共服务\n"
      "平台\t省市场监管局\t\t持续推进\n"
      "\n"
      "3\t培育标准化示范项目30个以上\t省经信厅\t省财政厅\t\n"
      "4\t开展标准实施评估\t省市场监管局\t各设区市政府\t2024年\n"
      "以上任务按季度报送进展情况。\n";
  auto d = testing::doc(text);
  TextStore joined;
  auto tables = find_tables(d, joined);
  REQUIRE(tables.size() == 1);
  const Table& t = tables[0];
  CHECK(t.columns == std::vector<std::string_view>{"序号", "重点任务", "牵头单位", "配合单位", "完成时间"});
  std::vector<RowKind> kinds;
  for (const Row& r : t.rows) kinds.push_back(r.kind);
  CHECK(kinds == std::vector<RowKind>{RowKind::header, RowKind::group, RowKind::data,
                                       RowKind::data, RowKind::data, RowKind::data});
  CHECK(t.rows[1].cells[0].text == "一、标准体系");
  CHECK(t.rows[2].cells[2].text == "省市场监管局、省大数据局");
  // A wrapped cell goes on over the next line; an empty cell stays a cell.
  REQUIRE(t.rows[3].cells.size() == 5);
  CHECK(t.rows[3].cells[1].text == "建设标准化公共服务\n平台");
  CHECK(t.rows[3].cells[3].text.empty());
  CHECK(t.rows[3].cells[4].text == "持续推进");
  CHECK(t.rows[3].line_first == 5);
  CHECK(t.rows[3].line_last == 6);
  // A trailing TAB: an empty last cell, and the next line is the next row.
  CHECK(t.rows[4].cells[0].text == "3");
  CHECK(t.rows[5].cells[0].text == "4");
  CHECK(t.line_last == 9);  // the note after the table is not in it

  auto s = analyze(d);
  std::vector<std::string> ids;
  for (const Clause& c : s.clauses) ids.push_back(c.id);
  CHECK(ids == std::vector<std::string>{"0", "一", "一/1", "一/2", "一/3", "一/4"});
  CHECK(joined_squashed(s.clauses) == utf8::squash(text));
  CHECK(*find(s.clauses, "一/2")->field("牵头单位") == "省市场监管局");
}

TEST_CASE("tables: a row line with more cells than the header keeps them in its last column") {
  const auto d = testing::doc("序号\t任务\t时间\n1\t制定规范\t2024年\t（已完成）\t\t\n");
  TextStore joined;
  auto tables = find_tables(d, joined);
  REQUIRE(tables.size() == 1);
  REQUIRE(tables[0].rows.size() == 2);
  const Row& r = tables[0].rows[1];
  REQUIRE(r.cells.size() == 3);
  CHECK(r.cells[2].text == "2024年 （已完成）");
}

TEST_CASE("tables: TABs in prose or a signature line make no table") {
  TextStore joined;
  // A label and its heading split by a TAB, and prose after it.
  CHECK(find_tables(testing::doc("一、\t总体要求\n坚持系统观念。\n二、\t主要任务\n"), joined).empty());
  // A signature block: two short cells, no row of the same width after it.
  CHECK(find_tables(testing::doc("武汉市人民政府\t2023年1月5日\n（此件公开发布）\n"), joined).empty());
  // A header-like line followed by prose only.
  CHECK(find_tables(testing::doc("名称\t内容\n这是一段说明文字。\n"), joined).empty());
}

TEST_CASE("clause tree: levels follow first appearance — ids join labels") {
  std::string text =
      "关于印发某方案的通知\n"
      "一、总体要求\n"
      "（一）指导思想。坚持以人民为中心。\n"
      "1.第一项。\n"
      "2.第二项。\n"
      "（二）发展目标。\n"
      "二、主要任务\n"
      "1.直接跳到数字。\n";
  auto s = analyze(testing::doc(text));
  std::vector<std::string> ids;
  for (const Clause& c : s.clauses) ids.push_back(c.id);
  CHECK(ids == std::vector<std::string>{"0", "一", "一/（一）", "一/（一）/1", "一/（一）/2",
                                        "一/（二）", "二", "二/1"});
  CHECK(find(s.clauses, "二/1")->level == 2);  // a skipped level keeps the rank of 1.
  CHECK(find(s.clauses, "一/（一）/2")->level == 3);
  CHECK(find(s.clauses, "一")->kind == ClauseKind::heading);
  CHECK(find(s.clauses, "一/（二）")->kind == ClauseKind::item);
  CHECK(find(s.clauses, "0")->kind == ClauseKind::preamble);
  CHECK(find(s.clauses, "一/（一）")->heading == "指导思想");
  CHECK(find(s.clauses, "一/（一）")->text == "（一）指导思想。坚持以人民为中心。");
  CHECK(find(s.clauses, "一/（一）/1")->line_start == 4);
}

TEST_CASE("clause tree: a document may start at （一）") {
  auto s = analyze(testing::doc("（一）加强领导。\n1.建立机制。\n（二）强化保障。\n"));
  REQUIRE(s.clauses.size() == 3);
  CHECK(s.clauses[0].id == "（一）");
  CHECK(s.clauses[0].level == 1);
  CHECK(s.clauses[1].id == "（一）/1");
  CHECK(s.clauses[2].id == "（二）");
}

TEST_CASE("clause tree: chapters and articles, one line holding both") {
  std::string text =
      "某某管理办法\n"
      "第一章　总则　　第一条　为了规范标准化工作，制定本办法。\n"
      "第二条 本办法适用于全省。\n"
      "第二章 管理\n"
      "第三条 【强化用地保障】优先保障用地。\n";
  auto s = analyze(testing::doc(text));
  std::vector<std::string> ids;
  for (const Clause& c : s.clauses) ids.push_back(c.id);
  CHECK(ids == std::vector<std::string>{"0", "第一章", "第一章/第一条", "第一章/第二条", "第二章",
                                        "第二章/第三条"});
  CHECK(find(s.clauses, "第一章")->text == "第一章　总则");
  CHECK(find(s.clauses, "第一章")->heading == "总则");
  CHECK(find(s.clauses, "第二章/第三条")->heading == "强化用地保障");
  CHECK(find(s.clauses, "第一章/第一条")->line_start == 2);
}

TEST_CASE("clause tree: a section first seen after articles still holds the articles") {
  std::string text =
      "第一章 总则\n第一条 目的。\n第二章 标准\n第一节 地方标准\n第二条 立项。\n（一）符合需要；\n"
      "第三条 复审。\n";
  auto s = analyze(testing::doc(text));
  std::vector<std::string> ids;
  for (const Clause& c : s.clauses) ids.push_back(c.id);
  CHECK(ids == std::vector<std::string>{"第一章", "第一章/第一条", "第二章", "第二章/第一节",
                                        "第二章/第一节/第二条", "第二章/第一节/第二条/（一）",
                                        "第二章/第一节/第三条"});
  CHECK(find(s.clauses, "第二章/第一节/第二条/（一）")->heading == "符合需要");
}

TEST_CASE("clause tree: boxes sit in their section — an attachment starts a fresh ladder") {
  std::string text =
      "一、重点领域\n"
      "（一）加强重点产业领域标准化。\n"
      "专栏一 农业农村标准化重点\n"
      "现代农业\n"
      "重点制修订农田保护标准。\n"
      "专栏二 工业标准化重点\n"
      "（二）加强社会治理标准化。\n"
      "附件\n"
      "\n"
      "某某工作任务清单\n"
      "一、主要职能\n";
  auto s = analyze(testing::doc(text));
  std::vector<std::string> ids;
  for (const Clause& c : s.clauses) ids.push_back(c.id);
  CHECK(ids == std::vector<std::string>{"一", "一/（一）", "一/（一）/专栏一", "一/（一）/专栏二",
                                        "一/（二）", "附件", "附件/一"});
  CHECK(find(s.clauses, "一/（一）/专栏一")->kind == ClauseKind::box);
  CHECK(find(s.clauses, "附件")->kind == ClauseKind::attachment);
  CHECK(find(s.clauses, "附件")->heading == "某某工作任务清单");
  CHECK(find(s.clauses, "附件/一")->level == 2);
}

TEST_CASE("clause tree: table rows become clauses under their group rows") {
  auto s = analyze(testing::doc(kTable));
  const Clause* group = find(s.clauses, "一");
  REQUIRE(group);
  CHECK(group->kind == ClauseKind::heading);
  CHECK(group->heading == "按照国务院要求，参与制修订国家标准");
  const Clause* row = find(s.clauses, "一/2");
  REQUIRE(row);
  CHECK(row->kind == ClauseKind::table_row);
  CHECK(row->heading == "服务衍生制造分类标准");
  REQUIRE(row->field("责任单位"));
  CHECK(*row->field("责任单位") == "市发改委、\n市统计局");
  CHECK(find(s.clauses, "二/3") != nullptr);
  CHECK(find(s.clauses, "二/r5") != nullptr);  // the row without a serial number
  // The note after the table is outside the table's groups.
  CHECK(find(s.clauses, "1") != nullptr);
  CHECK(find(s.clauses, "2") != nullptr);
  CHECK(find(s.clauses, "1")->text == "1.标准化建设整体工作由市商务局牵头。");
  CHECK(joined_squashed(s.clauses) == utf8::squash(kTable));
}

TEST_CASE("coverage: every sample document is reproduced exactly by its clause texts") {
  for (const auto& path : testing::sample_paths()) {
    INFO(path);
    auto d = text::load_document(path, testing::read_file(path));
    REQUIRE(d);
    auto s = analyze(d.value());
    CHECK(joined_squashed(s.clauses) == utf8::squash(d.value().text()));
    // Clauses are in document order and do not overlap.
    for (std::size_t i = 1; i < s.clauses.size(); ++i)
      CHECK(s.clauses[i - 1].end <= s.clauses[i].begin);
  }
}

TEST_CASE("coverage: generated documents keep every non-blank character once") {
  // Building blocks that exercise every path of the splitter.
  const std::vector<std::string> pieces = {
      "一、总体要求", "（一）指导思想。", "(二)半角括号", "1.第一项。", "2、第二项",
      "（1）细项", "①圈号", "第一章　总则　　第一条　为了规范。", "第二条?乱码", "专栏一 重点",
      "附件2：", "附件", "注：1.说明。", "一是加强领导", "1.5万家", "2025年前完成。",
      "　　全角缩进的正文，到2025年达到95%以上。", "\t\t序号", "\t序号\n\t名称\n\t单位\n\n\t1\n\t任务\n\t市商务局\n",
      "\t\t1\n\t续行", "", "   ", "\r", "（", "第", "附件所列", "\t一、分组\n",
      "市发改委：主要负责。"};
  std::mt19937 rng(20261122);
  for (int round = 0; round < 300; ++round) {
    std::string text;
    int n = 1 + static_cast<int>(rng() % 40);
    for (int k = 0; k < n; ++k) {
      text += pieces[rng() % pieces.size()];
      switch (rng() % 4) {
        case 0: text += "\r\n"; break;
        case 1: text += "\n\n"; break;
        default: text += "\n";
      }
    }
    INFO(text);
    auto d = testing::doc(text);
    auto s = analyze(d);
    REQUIRE(joined_squashed(s.clauses) == utf8::squash(d.text()));
    for (const Clause& c : s.clauses) {
      CHECK_FALSE(c.id.empty());
      CHECK(c.line_start >= 1);
      CHECK(c.line_end >= c.line_start);
    }
  }
}

// Issue 14, finding 2: a long run of lines that each look like the start of a
// table that then fails once made the search restart one line later and scan
// to the end again (20 000 lines of a\tb\tc: 51 s). The work the search
// reports must grow linearly: twice the lines, at most about twice the visits.
TEST_CASE("tables: the search does linear work on runs of failing candidates") {
  auto visits = [](const std::string& unit, std::size_t n) {
    std::string text = "附件\n";
    for (std::size_t i = 0; i < n; ++i) text += unit;
    std::size_t visited = 0;
    TextStore joined;
    auto tables = find_tables(testing::doc(text), joined, &visited);
    CHECK(tables.empty());
    return visited;
  };
  for (const std::string& unit : {std::string("a\tb\tc\n"),             // one row a line
                                 std::string("\t序号\n\t任务\n"),       // Word cells, no blank line
                                 std::string("\t很长的单元格内容超过了表头三十个字的限制所以它不能成为表头的单元格\n\t序号\n")}) {
    std::size_t small = visits(unit, 2000), large = visits(unit, 4000);
    INFO(unit << ": " << small << " visits for 2000, " << large << " for 4000");
    CHECK(large <= 2 * small + 16);
    CHECK(large <= 4 * 4000 * 2);
  }
}

TEST_CASE("tables: a header repeated with blanks inside its cells is a repeated header, row after row") {
  // Word's form: the second header spells 序号 and 任务内容 with blanks
  // (ASCII and U+3000), which the comparison drops; a row that differs only
  // past its blanks stays data.
  std::string text =
      "任务清单\n"
      "\t序号\n\t任务内容\n\t牵头单位\n"
      "\n"
      "\t1\n\t制定标准\n\t市商务局\n"
      "\n"
      "\t序 号\n\t任务　内容\n\t 牵头单位\n"
      "\n"
      "\t2\n\t任务 内容二\n\t市供销社\n";
  TextStore joined;
  auto tables = find_tables(testing::doc(text), joined);
  REQUIRE(tables.size() == 1);
  std::vector<RowKind> kinds;
  for (const Row& r : tables[0].rows) kinds.push_back(r.kind);
  CHECK(kinds == std::vector<RowKind>{RowKind::header, RowKind::data, RowKind::repeated_header, RowKind::data});
  // One row a line: the same, and a full row that follows a one-cell line.
  std::string lines =
      "序号\t任务\t牵头单位\n"
      "1\t制定标准\t市商务局\n"
      "序 号\t任　务\t牵头单位\n"
      "一、数字政府\n"
      "2\t建设平台\t省大数据局\n";
  auto line_tables = find_tables(testing::doc(lines), joined);
  REQUIRE(line_tables.size() == 1);
  kinds.clear();
  for (const Row& r : line_tables[0].rows) kinds.push_back(r.kind);
  CHECK(kinds == std::vector<RowKind>{RowKind::header, RowKind::data, RowKind::repeated_header, RowKind::group,
                                       RowKind::data});
}

TEST_CASE("clause tree: a row's heading is its task cell without the line breaks of its wraps") {
  std::string text =
      "\t附件2    文件汇总\n"
      "\t\t序号\n\t\t文件名称\n\t\t文号\n"
      "\t\n"
      "\t\t1\n\t\t关于印发某方案的通知\n\t\t\n"
      "\t\n"
      "\t\t2\n\t\t关于某事项的\n\t意见\n\t和建议\n\t\t鄂政办发〔2021〕61号\n"
      "\t\n"
      "\t\t3\n\t\t\n\t\t鄂政办发〔2021〕62号\n";  // no name: the number heads the row
  auto s = analyze(testing::doc(text));
  std::vector<std::string> headings;
  for (const Clause& c : s.clauses)
    if (c.kind == ClauseKind::table_row) headings.push_back(c.heading);
  CHECK(headings == std::vector<std::string>{"关于印发某方案的通知", "关于某事项的意见和建议", "鄂政办发〔2021〕62号"});
}

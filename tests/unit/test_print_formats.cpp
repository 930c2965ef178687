// The xlsx and html printers. Workbooks are read back with the `unzip`
// command (scripts/setup --tests installs it): sheet names as Excel allows
// them, text cells that stay text, frozen headers and fitted columns. Pages
// are checked for escaping, their structure and the absence of any URL.
#include <catch2/catch.hpp>

#include <cstdio>
#include <cstdlib>
#include <filesystem>
#include <optional>
#include <regex>
#include <set>

#include "helpers.h"
#include "print_helpers.h"
#include "policy/print/output.h"
#include "policy/print/sink.h"
#include "policy/text/utf8.h"

using namespace policy;
using namespace policy::print;

namespace {

using testing::temp_path;

using testing::render_file;

bool have_unzip() { return std::system("unzip -v >/dev/null 2>&1") == 0; }

// One member of a zip archive, as `unzip -p` prints it ("" when missing).
std::string unzip(const std::string& archive, const std::string& member) {
  std::string cmd = "unzip -p '" + archive + "' '" + member + "' 2>/dev/null";
  FILE* p = ::popen(cmd.c_str(), "r");
  REQUIRE(p);
  std::string out;
  char buf[65536];
  std::size_t n;
  while ((n = std::fread(buf, 1, sizeof buf, p)) > 0) out.append(buf, n);
  ::pclose(p);
  return out;
}

std::string xml_unescape(std::string s) {
  for (auto [from, to] : {std::pair{"&lt;", "<"}, {"&gt;", ">"}, {"&quot;", "\""}, {"&apos;", "'"},
                          {"&amp;", "&"}}) {
    for (std::size_t at = s.find(from); at != std::string::npos; at = s.find(from, at + 1))
      s.replace(at, std::string(from).size(), to);
  }
  return s;
}

std::vector<std::string> sheet_names(const std::string& workbook_xml) {
  std::vector<std::string> names;
  static const std::regex sheet("<sheet name=\"([^\"]*)\"");
  for (std::sregex_iterator it(workbook_xml.begin(), workbook_xml.end(), sheet), end; it != end; ++it)
    names.push_back(xml_unescape((*it)[1]));
  return names;
}

// The XML of one cell (<c r="B2" ...>...</c> or <c r="B2" .../>), "" if none.
std::string cell_xml(const std::string& sheet_xml, const std::string& ref) {
  std::size_t at = sheet_xml.find("<c r=\"" + ref + "\"");
  if (at == std::string::npos) return {};
  std::size_t end = sheet_xml.find('>', at);
  if (sheet_xml[end - 1] == '/') return sheet_xml.substr(at, end + 1 - at);
  end = sheet_xml.find("</c>", at);
  return sheet_xml.substr(at, end + 4 - at);
}

// The shared string a "s" cell points to.
std::string shared_string(const std::string& sst, const std::string& cell) {
  std::smatch m;
  REQUIRE(std::regex_search(cell, m, std::regex("<v>([0-9]+)</v>")));
  int index = std::stoi(m[1]);
  std::size_t at = 0;
  for (int i = 0; i <= index; ++i) {
    at = sst.find("<si>", at);
    REQUIRE(at != std::string::npos);
    at += 4;
  }
  std::size_t t = sst.find('>', sst.find("<t", at)) + 1;
  return xml_unescape(sst.substr(t, sst.find("</t>", t) - t));
}

const std::string kLongTitle = "关于进一步加强和改进全市重点民生实事项目推进落实工作若干措施的任务分工表";

const std::vector<Column> kColumns = {{"file", "文件"},
                                      {"task", "任务"},
                                      {"count", "数量", Column::Type::integer}};

void two_tables(Sink& s) {
  s.begin_table(kLongTitle, kColumns);
  s.row({"a.txt", "=SUM(A1:A9)", "12"});
  s.row({"b.txt", "第一行\n第二行", "n/a"});
  s.row({"c.txt", "12345678901234567890", "007"});
  s.row({"d.txt", std::string(40000, 'x'), ""});
  s.end_table();
  s.begin_table(kLongTitle, kColumns);  // the same title again
  s.row({"e.txt", "市商务局", "3"});
  s.end_table();
  s.begin_table("a/b:c*?[x]\\", {{"k", ""}});
  s.row({"v"});
  s.end_table();
  s.begin_table("", {{"k", "键"}});
  s.end_table();
}

}  // namespace

TEST_CASE("print/xlsx: sheet names are valid, unique and at most 31 characters") {
  if (!have_unzip()) {
    WARN("unzip is not installed (scripts/setup --tests): xlsx not checked");
    return;
  }
  std::string path = render_file(Format::xlsx, "tables.xlsx", two_tables);
  auto names = sheet_names(unzip(path, "xl/workbook.xml"));
  REQUIRE(names.size() == 4);
  std::set<std::string> unique(names.begin(), names.end());
  CHECK(unique.size() == names.size());
  for (const auto& n : names) {
    CHECK(utf8::length(n) <= 31);
    CHECK(!n.empty());
    CHECK(n.find_first_of("[]:*?/\\") == std::string::npos);
  }
  CHECK(utf8::length(names[0]) == 31);
  CHECK(kLongTitle.rfind(names[0], 0) == 0);  // a prefix of the title
  CHECK(names[1].size() > 3);
  CHECK(names[1].substr(names[1].size() - 3) == "(2)");
  CHECK(utf8::length(names[1]) <= 31);
  CHECK(names[2] == "a_b_c___x__");
  CHECK(names[3] == "Sheet1");
}

TEST_CASE("print/xlsx: text stays text, numbers in numeric columns are numbers") {
  if (!have_unzip()) {
    WARN("unzip is not installed (scripts/setup --tests): xlsx not checked");
    return;
  }
  std::string path = render_file(Format::xlsx, "cells.xlsx", two_tables);
  std::string sst = unzip(path, "xl/sharedStrings.xml");
  std::string sheet = unzip(path, "xl/worksheets/sheet1.xml");
  REQUIRE(!sheet.empty());
  CHECK(sheet.find("<f>") == std::string::npos);  // no formulas anywhere
  // Chinese headers, bold, frozen; an autofilter over the table.
  CHECK(shared_string(sst, cell_xml(sheet, "A1")) == "文件");
  CHECK(shared_string(sst, cell_xml(sheet, "C1")) == "数量");
  CHECK(sheet.find("state=\"frozen\"") != std::string::npos);
  CHECK(std::regex_search(sheet, std::regex("<pane [^>]*ySplit=\"1\"[^>]*state=\"frozen\"")));
  CHECK(sheet.find("<autoFilter ref=\"A1:C5\"") != std::string::npos);
  // Widths fitted to content, within [6, 60] (plus Excel's padding).
  std::smatch m;
  std::string cols = sheet;
  int widths = 0;
  while (std::regex_search(cols, m, std::regex("<col [^>]*width=\"([0-9.]+)\""))) {
    double w = std::stod(m[1]);
    CHECK(w >= 6);
    CHECK(w <= 61);
    ++widths;
    cols = m.suffix();
  }
  CHECK(widths >= 3);
  // "=SUM(...)" and a long digit string are string cells.
  std::string formula = cell_xml(sheet, "B2");
  CHECK(formula.find("t=\"s\"") != std::string::npos);
  CHECK(shared_string(sst, formula) == "=SUM(A1:A9)");
  std::string digits = cell_xml(sheet, "B4");
  CHECK(digits.find("t=\"s\"") != std::string::npos);
  CHECK(shared_string(sst, digits) == "12345678901234567890");
  // Line breaks are kept (and the cell wraps: it has a style).
  std::string lines = cell_xml(sheet, "B3");
  CHECK(shared_string(sst, lines) == "第一行\n第二行");
  CHECK(lines.find(" s=\"") != std::string::npos);
  // The integer column: numbers where they parse, text where they do not.
  std::string twelve = cell_xml(sheet, "C2");
  CHECK(twelve.find("t=\"s\"") == std::string::npos);
  CHECK(twelve.find("<v>12</v>") != std::string::npos);
  CHECK(cell_xml(sheet, "C3").find("t=\"s\"") != std::string::npos);  // n/a
  CHECK(shared_string(sst, cell_xml(sheet, "C4")) == "007");          // leading zero: an id
  CHECK(cell_xml(sheet, "C5").empty());                               // empty: no cell
  // Excel's 32 767 characters a cell: cut, ending with "…".
  std::string cut = shared_string(sst, cell_xml(sheet, "B5"));
  CHECK(utf8::length(cut) == 32767);
  CHECK(cut.substr(cut.size() - 3) == "…");
}

TEST_CASE("print/xlsx: notes come first on 说明, charts are native stacked bars") {
  if (!have_unzip()) {
    WARN("unzip is not installed (scripts/setup --tests): xlsx not checked");
    return;
  }
  Chart c{"各部门任务数", {"市商务局", "市财政局"}, {"牵头", "配合"}, {{3, 1}, {0, 2}}};
  std::string path = render_file(Format::xlsx, "chart.xlsx", [&](Sink& s) {
    s.begin_table("表", {{"k", "键"}});
    s.row({"v"});
    s.end_table();
    s.note("统计口径：\n按牵头单位");
    s.chart(c);
  });
  auto names = sheet_names(unzip(path, "xl/workbook.xml"));
  REQUIRE(names.size() == 3);
  CHECK(names[0] == "说明");
  CHECK(names[1] == "表");
  CHECK(names[2] == "各部门任务数");
  std::string sst = unzip(path, "xl/sharedStrings.xml");
  CHECK(sst.find("统计口径：\n按牵头单位") != std::string::npos);
  std::string data = unzip(path, "xl/worksheets/sheet3.xml");
  CHECK(shared_string(sst, cell_xml(data, "A2")) == "市商务局");
  CHECK(shared_string(sst, cell_xml(data, "C1")) == "配合");
  CHECK(cell_xml(data, "B2").find("<v>3</v>") != std::string::npos);
  std::string chart = unzip(path, "xl/charts/chart1.xml");
  CHECK(chart.find("<c:barDir val=\"bar\"/>") != std::string::npos);
  CHECK(chart.find("<c:grouping val=\"stacked\"/>") != std::string::npos);
  CHECK(chart.find("各部门任务数'!$A$2:$A$3") != std::string::npos);
  CHECK(chart.find("各部门任务数'!$C$2:$C$3") != std::string::npos);
  // First category on top: the category axis runs top to bottom.
  CHECK(std::regex_search(chart, std::regex("<c:catAx>.*<c:orientation val=\"maxMin\"/>.*</c:catAx>")));
  CHECK(!unzip(path, "xl/drawings/drawing1.xml").empty());
}

TEST_CASE("print/xlsx: errors are reported by finish(), and leave no file behind") {
  std::string path = temp_path("failed.xlsx");
  std::filesystem::remove(path);
  // $TMPDIR names a missing directory for this test case only.
  struct TmpdirGuard {
    std::optional<std::string> saved;
    explicit TmpdirGuard(const std::string& dir) {
      if (const char* old = std::getenv("TMPDIR")) saved = old;
      ::setenv("TMPDIR", dir.c_str(), 1);
    }
    ~TmpdirGuard() {
      if (saved) ::setenv("TMPDIR", saved->c_str(), 1);
      else ::unsetenv("TMPDIR");
    }
  } guard(temp_path("no-such-dir") + "/below");
  {
    auto out = Output::open(path);
    REQUIRE(out);
    auto sink = make_sink(Format::xlsx, *out.value(), {});
    sink->begin_table("t", {{"k", "键"}});
    sink->row({"v"});
    auto done = sink->finish();
    REQUIRE_FALSE(done);
    CHECK(done.error().describe().rfind("xlsx: cannot create a temporary file in", 0) == 0);
  }  // not committed
  CHECK_FALSE(std::filesystem::exists(path));
}

TEST_CASE("print/xlsx: an empty workbook is still a workbook") {
  if (!have_unzip()) return;
  std::string path = render_file(Format::xlsx, "empty.xlsx", [](Sink&) {});
  CHECK(sheet_names(unzip(path, "xl/workbook.xml")).size() == 1);
}

TEST_CASE("print/html: one self-contained page, cells escaped, a table per table") {
  SinkOptions opt;
  opt.title = "报告 <1>";
  std::string page = testing::read_file(render_file(Format::html, "page.html", [](Sink& s) {
    s.note("注意 <b>\n第二行");
    s.begin_table("a<b & \"c\" 'd'", {{"name", "名称"}, {"n", "数量", Column::Type::integer}});
    s.row({"<script>alert(1)</script>", "12"});
    s.row({"x & y\ny", ""});
    s.end_table();
    s.begin_table("二", {{"k", ""}});
    s.row({"'q'"});
    s.end_table();
  }, opt));
  CHECK(page.rfind("<!DOCTYPE html>", 0) == 0);
  CHECK(page.find("<meta charset=\"utf-8\">") != std::string::npos);
  CHECK(page.find("<title>报告 &lt;1&gt;</title>") != std::string::npos);
  CHECK(page.find("@media print") != std::string::npos);
  CHECK(page.find("thead { display: table-header-group; }") != std::string::npos);
  CHECK(page.find("http://") == std::string::npos);
  CHECK(page.find("https://") == std::string::npos);
  CHECK(page.find("<script") == std::string::npos);
  CHECK(page.find("<p class=\"note\">注意 &lt;b&gt;<br>第二行</p>") != std::string::npos);
  CHECK(page.find("data-table=\"a&lt;b &amp; &quot;c&quot; &#39;d&#39;\"") != std::string::npos);
  CHECK(page.find("<h2>a&lt;b &amp; &quot;c&quot; &#39;d&#39;</h2>") != std::string::npos);
  CHECK(page.find("<th scope=\"col\" data-col=\"name\">名称</th>") != std::string::npos);
  CHECK(page.find("<th scope=\"col\" data-col=\"k\">k</th>") != std::string::npos);  // key fallback
  CHECK(page.find("<td data-col=\"name\">&lt;script&gt;alert(1)&lt;/script&gt;</td>") !=
        std::string::npos);
  CHECK(page.find("<td data-col=\"n\" class=\"num\">12</td>") != std::string::npos);
  CHECK(page.find("<td data-col=\"name\">x &amp; y<br>y</td>") != std::string::npos);
  CHECK(page.find("<td data-col=\"k\">&#39;q&#39;</td>") != std::string::npos);
  std::size_t tables = 0;
  for (std::size_t at = page.find("<table"); at != std::string::npos; at = page.find("<table", at + 1))
    ++tables;
  CHECK(tables == 2);
  CHECK(page.substr(page.size() - 8) == "</html>\n");
}

TEST_CASE("print/html: charts are inline SVG stacked bars with their data") {
  Chart c{"各部门任务数", {"市商务局", "市财政局 & <x>"}, {"牵头", "配合"}, {{3, 1}, {0, 2.5}}};
  std::string page = testing::read_file(
      render_file(Format::html, "chart.html", [&](Sink& s) { s.chart(c); }));
  CHECK(page.find("<title>policy-tools report</title>") != std::string::npos);
  CHECK(page.find("<figure data-chart=\"各部门任务数\">") != std::string::npos);
  CHECK(page.find("<svg class=\"chart\"") != std::string::npos);
  CHECK(page.find("<title>市商务局 牵头: 3</title>") != std::string::npos);
  CHECK(page.find("<title>市财政局 &amp; &lt;x&gt; 配合: 2.5</title>") != std::string::npos);
  CHECK(page.find(">4</text>") != std::string::npos);    // 3 + 1 at the end of the bar
  CHECK(page.find(">2.5</text>") != std::string::npos);  // 0 + 2.5
  CHECK(page.find("<td class=\"num\" data-col=\"配合\">2.5</td>") != std::string::npos);
  CHECK(page.find("http") == std::string::npos);
  // Two categories more, two bars taller.
  Chart big = c;
  big.categories.push_back("甲");
  big.categories.push_back("乙");
  big.values.push_back({1, 1});
  big.values.push_back({2, 2});
  std::string page2 = testing::read_file(
      render_file(Format::html, "chart2.html", [&](Sink& s) { s.chart(big); }));
  std::smatch a, b;
  REQUIRE(std::regex_search(page, a, std::regex("viewBox=\"0 0 [0-9]+ ([0-9]+)\"")));
  REQUIRE(std::regex_search(page2, b, std::regex("viewBox=\"0 0 [0-9]+ ([0-9]+)\"")));
  CHECK(std::stoi(b[1]) > std::stoi(a[1]));
}

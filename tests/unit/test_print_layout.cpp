// Terminal layout: wrapping, column shares, the text table fitted to a
// width with machine-only columns left out, and the document card.
#include <catch2/catch.hpp>

#include <algorithm>
#include <iterator>

#include "helpers.h"
#include "print_helpers.h"
#include "policy/print/card.h"
#include "policy/print/sink.h"
#include "policy/print/text_layout.h"

using namespace policy;
using namespace policy::print;

namespace {

std::size_t widest(const std::string& text) {
  std::size_t w = 0, start = 0;
  while (start < text.size()) {
    std::size_t nl = text.find('\n', start);
    if (nl == std::string::npos) nl = text.size();
    w = std::max(w, display_width(std::string_view(text).substr(start, nl - start)));
    start = nl + 1;
  }
  return w;
}

std::string text_table(const std::vector<Column>& columns,
                       const std::vector<std::vector<std::string>>& rows, std::size_t width) {
  SinkOptions opt;
  opt.width = width;
  return testing::read_file(testing::render_file(Format::text, "layout.txt", [&](Sink& sink) {
    sink.begin_table("", columns);
    for (const auto& r : rows) sink.row(r);
    sink.end_table();
  }, opt));
}

}  // namespace

TEST_CASE("wrap_text: CJK breaks anywhere, Latin words and numbers stay whole") {
  CHECK(wrap_text("到2025年，制定地方标准1200项以上。", 10) ==
        std::vector<std::string>{"到2025年，", "制定地方标", "准1200项以", "上。"});
  CHECK(wrap_text("the quick brown fox", 10) == std::vector<std::string>{"the quick", "brown fox"});
  // A word longer than the line is cut; line breaks in the text are kept.
  CHECK(wrap_text("abcdefghij", 4) == std::vector<std::string>{"abcd", "efgh", "ij"});
  CHECK(wrap_text("一\n二", 10) == std::vector<std::string>{"一", "二"});
  CHECK(wrap_text("", 10) == std::vector<std::string>{""});
}

TEST_CASE("wrap_text: punctuation stays with its character, colour survives a break") {
  // ， never starts a line, （ never ends one.
  for (const auto& line : wrap_text("一二三四，五六（七八）九十", 8)) {
    CHECK(line.rfind("，", 0) != 0);
    CHECK((line.size() < 3 || line.substr(line.size() - 3) != "（"));
  }
  auto lines = wrap_text("甲乙\x1b[1;31m丙丁戊己\x1b[0m庚", 6);
  REQUIRE(lines.size() == 3);
  CHECK(lines[0] == "甲乙\x1b[1;31m丙\x1b[0m");
  CHECK(lines[1] == "\x1b[1;31m丁戊己\x1b[0m");
  CHECK(lines[2] == "庚");
  CHECK(display_width(lines[1]) == 6);
}

TEST_CASE("wrap_text: a cell of megabytes wraps whole, every line in its width") {
  // A document saved as one line puts all its text in one cell (tokens are
  // read one at a time; a vector of them once took 48 bytes a character).
  std::string cell;
  for (int k = 0; k < 40000; ++k) cell += "推进标准化工作，到2025年制定地方标准1200项以上。the quick brown fox ";
  for (std::size_t width : {2, 9, 28, 80}) {
    const auto lines = wrap_text(cell, width);
    INFO("width " << width);
    std::string joined;
    bool all_fit = true;
    for (const auto& line : lines) {
      all_fit = all_fit && display_width(line) <= width;
      joined += line;
    }
    CHECK(all_fit);
    // Nothing lost but the blanks a break replaces.
    std::string bare_cell, bare_joined;
    std::copy_if(cell.begin(), cell.end(), std::back_inserter(bare_cell), [](char c) { return c != ' '; });
    std::copy_if(joined.begin(), joined.end(), std::back_inserter(bare_joined), [](char c) { return c != ' '; });
    CHECK(bare_joined == bare_cell);
  }
}

TEST_CASE("fit_columns: narrow columns keep their width, wide ones share by text") {
  // Everything fits: natural widths.
  CHECK(fit_columns({4, 10}, {4, 4}, {8, 20}, 20) == std::vector<std::size_t>{4, 10});
  // The narrow column keeps 8; the two wide ones share 68 by their bulk.
  auto w = fit_columns({8, 200, 100}, {4, 4, 4}, {40, 900, 300}, 76);
  CHECK(w[0] == 8);
  CHECK(w[0] + w[1] + w[2] == 76);
  CHECK(w[1] > w[2]);
  // No column below its minimum, even past the total.
  auto tight = fit_columns({30, 30, 30}, {8, 8, 8}, {30, 30, 30}, 12);
  CHECK(tight == std::vector<std::size_t>{8, 8, 8});
}

TEST_CASE("text: a table fits the width, drops machine-only columns, names files only") {
  using In = Column::InText;
  std::vector<Column> cols{{"file", "文件", Column::Type::text, In::file_name},
                           {"role", "角色"},
                           {"role_code", "角色代码", Column::Type::text, In::hidden},
                           {"task", "任务"}};
  std::string task = "推动标准化工作由市商务局负责，到2025年制定标准100项以上，并持续推进。";
  std::vector<std::vector<std::string>> rows;
  for (int i = 0; i < 5; ++i) rows.push_back({"/long/folder/of/documents/通知.txt", "牵头", "lead", task + task});
  for (std::size_t width : {40, 60, 80, 120}) {
    std::string t = text_table(cols, rows, width);
    INFO(t);
    CHECK(widest(t) <= width);
    CHECK(t.find("lead") == std::string::npos);
    CHECK(t.find("角色代码") == std::string::npos);
    CHECK(t.find("/long/folder") == std::string::npos);
    CHECK(t.find("通知.txt") != std::string::npos);
  }
  // Wrapping loses nothing: the lines of a one-column table put together
  // are the cell again.
  std::string one = text_table({{"task", "任务"}}, {{task}}, 20);
  std::string joined;
  for (char c : one.substr(one.find('\n') + 1))
    if (c != '\n') joined.push_back(c);
  CHECK(joined == task);
  // Without a limit, one line a row.
  std::string wide = text_table(cols, rows, 0);
  CHECK(std::count(wide.begin(), wide.end(), '\n') == 6);
}

TEST_CASE("card: the document's fields, then each clause that assigns work") {
  DocumentRecord r;
  r.file = "a.txt";
  r.encoding = "UTF-8";
  r.title = "关于推进标准化工作的通知";
  r.doc_number = DocNumber{"鄂政发〔2022〕21号", "鄂政发〔2022〕21号", "鄂政发", 2022, 21};
  r.issuers = {"省人民政府"};
  r.addressees = {"各市、州、县人民政府", "省政府各部门"};
  Clause intro;
  intro.id = "一";
  intro.heading = "总体要求";
  Clause task;
  task.id = "二/（三）";
  task.heading = "突出关键技术领域标准研制";
  const std::string keji = "湖北省科学技术厅", jiaoyu = "湖北省教育厅";  // canonical names point
  task.units = {{"省科技厅", UnitRole::lead, &keji, {}, {}, {}},
                {"省教育厅", UnitRole::responsible, &jiaoyu, {}, {}, {}},
                {"各市、州、县人民政府", UnitRole::responsible, nullptr, {}, {}, {}}};
  task.deadlines = {{"完成时限：2025年4月", "2025-04", {}, {}}, {"持续推进", "ongoing", {}, {}}};
  Target t;
  t.text = "1200项以上";
  t.subject = "地方标准";
  t.year = 2025;
  task.targets = {t};
  r.clauses = {intro, task};

  std::string card;
  append_document_card(card, r, {80, false});
  CHECK(card.rfind("关于推进标准化工作的通知\n", 0) == 0);
  CHECK(card.find("  文号      鄂政发〔2022〕21号\n") != std::string::npos);
  CHECK(card.find("  发文单位  省人民政府\n") != std::string::npos);
  CHECK(card.find("  成文日期  —\n") != std::string::npos);
  CHECK(card.find("  主送      各市、州、县人民政府；省政府各部门\n") != std::string::npos);
  // Only the clause that assigns work; the full name only where it says more.
  CHECK(card.find("总体要求") == std::string::npos);
  CHECK(card.find("  二/（三） 突出关键技术领域标准研制\n") != std::string::npos);
  CHECK(card.find("    牵头  省科技厅（湖北省科学技术厅）\n") != std::string::npos);
  CHECK(card.find("    责任  省教育厅、各市、州、县人民政府\n") != std::string::npos);
  CHECK(card.find("    时限  2025-04（完成时限：2025年4月）；持续推进\n") != std::string::npos);
  CHECK(card.find("    指标  地方标准 1200项以上（2025年）\n") != std::string::npos);
  CHECK(widest(card) <= 80);

  std::string narrow;
  append_document_card(narrow, r, {40, true});
  CHECK(widest(narrow) <= 40);
  CHECK(narrow.rfind("\x1b[1m关于推进标准化工作的通知\x1b[0m\n", 0) == 0);
}

TEST_CASE("validity: described as a person reads it") {
  Validity v;
  CHECK(describe(v).empty());
  v.status = "expired";
  CHECK(describe(v) == "已失效");
  v.from = "2024-02-08";
  CHECK(describe(v) == "自 2024-02-08（已失效）");
  v.until = "2027-02-08";
  v.status = "in force";
  CHECK(describe(v) == "2024-02-08 至 2027-02-08（现行有效）");
}

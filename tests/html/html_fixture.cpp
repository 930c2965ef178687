// Writes a report-like HTML page with the html printer, for run-html-check:
// a chart of three departments with their counts per role (牵头 / 责任 / 配合)
// and a department x document matrix. The page goes to the file named by the
// first argument; what it shows is printed on standard output as JSON, so
// the checker compares the rendered page with the data and not with a copy.
//
//   html_fixture /tmp/page.html > expected.json
#include <cstdio>
#include <string>
#include <vector>

#include "policy/print/json_writer.h"
#include "policy/print/output.h"
#include "policy/print/sink.h"

using namespace policy::print;

int main(int argc, char** argv) {
  if (argc != 2) {
    std::fprintf(stderr, "usage: html_fixture PAGE.html > expected.json\n");
    return 2;
  }
  Chart chart{"各部门任务数",
              {"市商务局", "市财政局", "市发展和改革委员会"},
              {"牵头", "责任", "配合"},
              {{5, 2, 1}, {1, 4, 7}, {2, 0, 3}}};
  const std::string matrix_title = "部门 × 文件";
  const std::vector<Column> columns = {{"department", "部门"},
                                       {"doc1", "《关于促进消费的若干措施》", Column::Type::integer},
                                       {"doc2", "《市级财政资金管理办法》", Column::Type::integer},
                                       {"doc3", "《2024年重点项目清单》", Column::Type::integer},
                                       {"total", "合计", Column::Type::integer}};
  const std::vector<std::vector<std::string>> rows = {{"市商务局", "6", "0", "2", "8"},
                                                      {"市财政局", "3", "9", "0", "12"},
                                                      {"市发展和改革委员会", "1", "1", "3", "5"}};

  auto out = Output::open(argv[1]);
  if (!out) {
    std::fprintf(stderr, "html_fixture: %s\n", out.error().describe().c_str());
    return 1;
  }
  SinkOptions options;
  options.title = "部门任务分工报告";
  auto sink = make_sink(Format::html, *out.value(), options);
  if (!sink) {
    std::fprintf(stderr, "html_fixture: no html printer\n");
    return 1;
  }
  sink->note("统计口径：按文件中的“牵头”“责任”“配合”单位计数。\n同一条款重复出现的单位只计一次。");
  sink->chart(chart);
  sink->begin_table(matrix_title, columns);
  for (const auto& r : rows) sink->row(r);
  sink->end_table();
  auto done = sink->finish();
  if (!done) {
    std::fprintf(stderr, "html_fixture: %s\n", done.error().describe().c_str());
    return 1;
  }
  if (auto ok = out.value()->commit(); !ok) {
    std::fprintf(stderr, "html_fixture: %s\n", ok.error().describe().c_str());
    return 1;
  }

  std::string json;
  JsonWriter w(json);
  w.begin_object();
  w.key("chart");
  w.begin_object();
  w.key("title");
  w.value(chart.title);
  w.key("categories");
  w.value(chart.categories);
  w.key("series");
  w.value(chart.series);
  w.key("values");
  w.begin_array();
  for (const auto& v : chart.values) {
    w.begin_array();
    for (double x : v) w.value(static_cast<std::int64_t>(x));
    w.end_array();
  }
  w.end_array();
  w.end_object();
  w.key("matrix");
  w.begin_object();
  w.key("title");
  w.value(matrix_title);
  w.key("columns");
  w.begin_array();
  for (const auto& c : columns) w.value(c.key);
  w.end_array();
  w.key("rows");
  w.begin_array();
  for (const auto& r : rows) w.value(r);
  w.end_array();
  w.end_object();
  w.end_object();
  w.flush();
  std::printf("%s\n", json.c_str());
  return 0;
}

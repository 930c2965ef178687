// What the report's outputs must hold for the programs that open them:
// calendar lines (RFC 5545) and highlights in html.
#include <catch2/catch.hpp>

#include "print_helpers.h"
#include "policy/report/ics.h"

using namespace policy;
using namespace policy::report;

TEST_CASE("ics: an event falls on the last day of the period its deadline names") {
  CHECK(last_day("2025") == "20251231");
  CHECK(last_day("2025-06") == "20250630");
  CHECK(last_day("2024-02") == "20240229");  // leap year
  CHECK(last_day("2100-02") == "21000228");  // not a leap year
  CHECK(last_day("2025-04-15") == "20250415");
  CHECK(last_day("ongoing").empty());
  CHECK(last_day("2025-13").empty());
  CHECK(last_day("2025-02-30").empty());
}

TEST_CASE("ics: TEXT escapes backslash, semicolon, comma and line breaks") {
  CHECK(ics_text("a\\b;c,d\ne\r\nf") == "a\\\\b\\;c\\,d\\ne\\nf");
  CHECK(ics_text("牵头：省商务厅") == "牵头：省商务厅");
}

TEST_CASE("ics: lines fold at 75 octets without splitting a UTF-8 character") {
  std::string value;
  for (int i = 0; i < 60; ++i) value += "标";  // 3 octets each
  const std::string folded = ics_line("SUMMARY:" + value);
  std::string joined;
  std::size_t at = 0;
  bool first = true;
  while (at < folded.size()) {
    const std::size_t end = folded.find("\r\n", at);
    REQUIRE(end != std::string::npos);
    std::string line = folded.substr(at, end - at);
    CHECK(line.size() <= 75);
    if (!first) {
      REQUIRE(line[0] == ' ');
      line.erase(0, 1);
    }
    // Each physical line starts on a character, never on a continuation byte.
    CHECK((static_cast<unsigned char>(line[0]) & 0xC0) != 0x80);
    joined += line;
    first = false;
    at = end + 2;
  }
  CHECK(joined == "SUMMARY:" + value);
  CHECK(ics_line("SHORT") == "SHORT\r\n");
}

TEST_CASE("html: marked ranges become <mark>, every piece escaped") {
  std::string path = testing::render_file(print::Format::html, "marks.html", [](print::Sink& s) {
    s.begin_table("t", {{"task", "任务"}});
    const std::string cell = "由<市商务局>负责，2025年底前完成&";
    // <市商务局> and 2025年底前.
    const std::size_t unit = cell.find("<"), unit_end = cell.find(">") + 1;
    const std::size_t date = cell.find("2025"), date_end = cell.find("完成");
    s.row({cell}, {{{unit, unit_end}, {date, date_end}}});
  });
  const std::string html = testing::read_file(path);
  CHECK(html.find("由<mark>&lt;市商务局&gt;</mark>负责，<mark>2025年底前</mark>完成&amp;") != std::string::npos);
}

TEST_CASE("html: a linked column points at the section with that anchor") {
  std::string path = testing::render_file(print::Format::html, "toc.html", [](print::Sink& s) {
    print::Column dept{"department", "部门"};
    dept.link = true;
    s.begin_table("汇总", {dept});
    s.row({"市商务局"});
    s.begin_table("武汉市商务局（市商务局）", {{"task", "任务"}}, "市商务局", "市商务局");
    s.row({"x"});
  });
  const std::string html = testing::read_file(path);
  CHECK(html.find("<a href=\"#t-市商务局\">市商务局</a>") != std::string::npos);
  CHECK(html.find("<section data-table=\"武汉市商务局（市商务局）\" id=\"t-市商务局\">") != std::string::npos);
}

// What the programs check for people: dates, unit names, files that are not
// plain text, and the progress line's text.
#include <catch2/catch.hpp>

#include "policy/cli/checks.h"
#include "policy/cli/progress.h"

using namespace policy::cli;

TEST_CASE("dates: YYYY, YYYY-MM, YYYY-MM-DD naming a real month and day") {
  for (const char* good : {"2025", "2025-01", "2025-12", "2024-02-29", "2025-04-30", "2000-02-29"})
    CHECK(is_partial_date(good));
  for (const char* bad : {"2025-13", "2025-00", "2025-02-29", "1900-02-29", "2025-04-31", "2025-1",
                          "25-01", "2025/01", "2025-01-00", "20250101", "", "abcd"})
    CHECK_FALSE(is_partial_date(bad));
}

TEST_CASE("closest names: fewest edits, and names that contain the one typed, first") {
  const std::set<std::string> known{"武汉市市场监督管理局", "市市场监管局", "市商务局",
                                    "湖北省市场监督管理局", "市发改委"};
  auto near = closest_names("武汉市市场监管理局", known, 2);
  CHECK(near == std::vector<std::string>{"武汉市市场监督管理局", "市市场监管局"});
  // A part of a name finds the names that hold it.
  CHECK(closest_names("商务", known, 1) == std::vector<std::string>{"市商务局"});
  CHECK(closest_names("x", {}, 3).empty());
}

TEST_CASE("office files are told apart from text by their bytes") {
  CHECK(office_file_kind("通知.docx", "PK\x03\x04....") == "a Word document (.docx)");
  CHECK(office_file_kind("旧.wps", std::string("\xD0\xCF\x11\xE0\xA1\xB1\x1A\xE1", 8)) ==
        "a WPS document (.wps)");
  CHECK(office_file_kind("方案.pdf", "%PDF-1.7\n") == "a PDF file");
  CHECK(office_file_kind("x.rtf", "{\\rtf1\\ansi") == "an RTF document");
  CHECK(office_file_kind("unnamed", "PK\x03\x04") == "a zip archive (a .docx, .wps or .xlsx file?)");
  // A .doc that holds plain text is read as text.
  CHECK(office_file_kind("通知.doc", "关于加强标准化工作的通知").empty());
  CHECK(office_extension("通知.DOCX") == ".docx");
  CHECK(office_extension("方案.pdf") == ".pdf");
  CHECK(office_extension("通知.txt").empty());
}

TEST_CASE("progress line: files done of total, MB/s, time left") {
  CHECK(Progress::line(250, 2000, 5'000'000, 40'000'000, 2.0) ==
        "250/2000 files, 2.5 MB/s, 0:14 left");
  // The total not counted yet: no time left.
  CHECK(Progress::line(12, std::nullopt, 3'000'000, std::nullopt, 1.5) == "12 files, 2.0 MB/s");
  CHECK(Progress::line(10, 1000, 10'000'000, 4'000'000'000, 10.0) ==
        "10/1000 files, 1.0 MB/s, 1:06:30 left");
}

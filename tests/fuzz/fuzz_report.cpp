// Reports: any document's record gives the same report whether it is held
// in memory or spilled to disk in runs of three entries, and every row's
// cells are valid UTF-8.
#include <string>
#include <vector>

#include "fuzz_common.h"
#include "policy/extract/extract.h"
#include "policy/report/report.h"

using namespace policy;

namespace {

std::vector<std::string> rows(report::Report& r) {
  std::vector<std::string> out;
  r.for_each_task([&](std::size_t d, const report::TaskRow& t) {
    std::string line = r.departments()[d].key + "\t" + t.name + "\t" + to_string(t.role);
    for (const std::string* s : {&t.title, &t.doc_number, &t.issuers, &t.clause, &t.text,
                                 &t.deadlines, &t.targets})
      line += "\t" + *s;
    for (const auto& [name, role] : t.units) line += "\t" + name + to_string(role);
    out.push_back(std::move(line));
  });
  return out;
}

report::Report build(const DocumentRecord& record, bool spill) {
  report::ReportOptions o;
  if (spill) {
    o.entries_in_memory = 3;
    o.text_in_memory = 0;
  }
  report::ReportBuilder b(o);
  b.add(record);
  b.add(record);  // twice: ties between equal tasks keep arrival order
  return std::move(b).finish();
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  auto doc = fuzz::document(data, size);
  if (!doc) return 0;
  const DocumentRecord record = extract::analyze(*doc);
  report::Report memory = build(record, false);
  report::Report disk = build(record, true);
  const auto a = rows(memory);
  fuzz::require(a == rows(disk), "spilled report equals the in-memory one");
  std::size_t tasks = 0;
  for (const auto& d : memory.departments()) tasks += d.tasks;
  fuzz::require(tasks == a.size(), "department counts add up to the rows");
  for (const auto& line : a) fuzz::require(fuzz::valid_utf8(line), "rows are valid UTF-8");
  return 0;
}

// Clause search: the clauses whose text matches, and the summary table a
// clerk compiles by hand from them (序号 / 文件名称 / 文号 / 发文单位 /
// 相关论述 / 责任单位).
//
//   auto m = Matcher::make({"标准化"}, {.fixed = true});
//   if (!m) usage_error(m.error());
//   for (const Clause* c : matching_clauses(record, m.value())) …
#pragma once

#include <memory>
#include <string>
#include <vector>

#include "policy/core/record.h"
#include "policy/core/result.h"
#include "policy/print/sink.h"

namespace re2 {
class RE2;
}

namespace policy::report {

struct MatchOptions {
  bool fixed = false;        // patterns are plain strings, not RE2 syntax
  bool ignore_case = false;  // letters match in either case
};

class Matcher {
 public:
  // Any of the patterns matches (RE2 syntax unless fixed). A pattern RE2
  // rejects is an error naming it.
  static Result<Matcher> make(const std::vector<std::string>& patterns, MatchOptions options);
  bool matches(std::string_view text) const;
  // Byte ranges [begin, end) of the matches in `text`, left to right, none
  // overlapping, none empty.
  std::vector<std::pair<std::size_t, std::size_t>> find_all(std::string_view text) const;

 private:
  std::shared_ptr<const re2::RE2> re_;
};

// The clauses of a record whose own text matches, in document order (the
// preamble too: a title may be what matched).
std::vector<const Clause*> matching_clauses(const DocumentRecord& record, const Matcher& m);

// The document line of a clause's first match (its line_start when the
// clause holds none).
std::size_t match_line(const Clause& clause, const Matcher& m);

// policy-grep's row view: (`with_document`: file, title, doc number,
// issuers,) clause, (`line`: the line of the first match,) heading, text,
// units.
std::vector<print::Column> grep_columns(bool with_document, bool with_line);
std::vector<std::string> grep_row(const DocumentRecord& record, const Clause& clause,
                                  bool with_document, std::optional<std::size_t> line);
// What heads a document's matches in text, where the rows leave out the
// document's cells: "001_….txt  省人民政府关于…的实施意见  鄂政发〔2022〕21号  省人民政府".
std::string grep_heading(const DocumentRecord& record);

// --compile: one row per document that has matching body clauses.
std::vector<print::Column> compile_columns();
// The rows for a document, numbered from `seq`: one for its own matching
// clauses (none when only the preamble matched), then one for each matching
// row of a summary table it holds, under the document that row describes
// (its title, 文号, issuers), as policy-report counts them.
std::vector<std::vector<std::string>> compile_rows(const DocumentRecord& record,
                                                   const std::vector<const Clause*>& matches, std::size_t seq);

}  // namespace policy::report

#include "policy/core/strings.h"
#include "policy/report/grep.h"
#include "policy/report/flat.h"
#include "policy/report/report.h"

#include <re2/re2.h>

#include <algorithm>

#include <fmt/format.h>

#include "policy/text/utf8.h"

namespace policy::report {

namespace {


// Units of some clauses, each department once, as written.
std::string units_of(const std::vector<const Clause*>& clauses) {
  std::vector<std::string> keys, names;
  for (const Clause* c : clauses)
    for (const Unit& u : c->units) {
      std::string key = u.canonical ? *u.canonical : u.name;
      if (std::find(keys.begin(), keys.end(), key) != keys.end()) continue;
      keys.push_back(key);
      names.push_back(u.name);
    }
  return join(names, "、");
}

// A clause's text with its line breaks kept, blank lines and indents gone.
std::string lines(std::string_view text) {
  std::string out;
  std::size_t start = 0;
  while (start <= text.size()) {
    std::size_t nl = text.find('\n', start);
    std::string_view line = utf8::trim(text.substr(start, nl == std::string_view::npos ? nl : nl - start));
    if (!line.empty()) {
      if (!out.empty()) out.push_back('\n');
      out.append(line);
    }
    if (nl == std::string_view::npos) break;
    start = nl + 1;
  }
  return out;
}

}  // namespace

Result<Matcher> Matcher::make(const std::vector<std::string>& patterns, MatchOptions options) {
  if (patterns.empty()) return Error::plain("no pattern");
  std::string combined;
  for (const auto& p : patterns) {
    std::string one = options.fixed ? RE2::QuoteMeta(p) : p;
    RE2::Options quiet;
    quiet.set_log_errors(false);  // the error is reported once, by the tool
    RE2 check(one, quiet);
    if (!check.ok()) return Error::plain(fmt::format("bad pattern '{}': {}", p, check.error()));
    if (!combined.empty()) combined += "|";
    combined += "(?:" + one + ")";
  }
  RE2::Options o;
  o.set_case_sensitive(!options.ignore_case);
  o.set_log_errors(false);
  Matcher m;
  m.re_ = std::make_shared<const RE2>(combined, o);
  if (!m.re_->ok()) return Error::plain(fmt::format("bad pattern: {}", m.re_->error()));
  return m;
}

bool Matcher::matches(std::string_view text) const {
  return RE2::PartialMatch(re2::StringPiece(text.data(), text.size()), *re_);
}

std::vector<std::pair<std::size_t, std::size_t>> Matcher::find_all(std::string_view text) const {
  std::vector<std::pair<std::size_t, std::size_t>> out;
  const re2::StringPiece all(text.data(), text.size());
  re2::StringPiece m;
  std::size_t at = 0;
  while (at <= text.size() && re_->Match(all, at, text.size(), RE2::UNANCHORED, &m, 1)) {
    const auto begin = static_cast<std::size_t>(m.data() - text.data());
    const std::size_t end = begin + m.size();
    if (end > begin) out.emplace_back(begin, end);
    if (end == text.size()) break;
    // Past an empty match by one whole character.
    at = end > begin ? end : end + utf8::sequence_length(static_cast<unsigned char>(text[end]));
  }
  return out;
}

std::size_t match_line(const Clause& c, const Matcher& m) {
  auto found = m.find_all(c.text);
  if (found.empty()) return c.line_start;
  const std::string_view before(c.text.data(), found.front().first);
  return c.line_start + static_cast<std::size_t>(std::count(before.begin(), before.end(), '\n'));
}

std::vector<const Clause*> matching_clauses(const DocumentRecord& r, const Matcher& m) {
  std::vector<const Clause*> out;
  for (const Clause& c : r.clauses)
    if (m.matches(c.text)) out.push_back(&c);
  return out;
}

std::vector<print::Column> grep_columns(bool with_document, bool with_line) {
  using In = print::Column::InText;
  std::vector<print::Column> cols;
  if (with_document)
    cols = {{"file", "文件", print::Column::Type::text, In::file_name},
            {"title", "文件名称"},
            {"doc_number", "文号"},
            {"issuers", "发文单位"}};
  cols.push_back({"clause", "条款"});
  if (with_line) cols.push_back({"line", "行", print::Column::Type::integer});
  cols.insert(cols.end(), {{"heading", "标题"}, {"text", "条款内容"}, {"units", "责任单位"}});
  return cols;
}

std::vector<std::string> grep_row(const DocumentRecord& r, const Clause& c, bool with_document,
                                  std::optional<std::size_t> line) {
  std::vector<std::string> row;
  if (with_document)
    row = {r.file, r.title.value_or(""), r.doc_number ? r.doc_number->normalized : std::string(),
           join(r.issuers, "、")};
  row.push_back(c.id);
  if (line) row.push_back(std::to_string(*line));
  row.insert(row.end(), {c.heading, utf8::single_line(c.text), units_of({&c})});
  return row;
}

std::string grep_heading(const DocumentRecord& r) {
  std::vector<std::string> parts{r.file.substr(r.file.rfind('/') + 1)};
  for (const std::string& p : {r.title.value_or(""),
                               r.doc_number ? r.doc_number->normalized : std::string(),
                               join(r.issuers, "、")})
    if (!p.empty()) parts.push_back(p);
  return join(parts, "  ");
}

std::vector<print::Column> compile_columns() {
  return {{"seq", "序号", print::Column::Type::integer},
          {"title", "文件名称"},
          {"doc_number", "文号"},
          {"issuers", "发文单位"},
          {"validity", "有效期"},
          {"excerpts", "相关论述"},
          {"units", "责任单位"},
          {"file", "文件", print::Column::Type::text, print::Column::InText::hidden}};
}

namespace {
// What a summary-table row says besides naming its document: its cells other
// than the sequence number, title, 文号 and issuers (its 相关论述).
std::string row_excerpt(const Clause& c) {
  std::vector<std::string> parts;
  for (const auto& [column, cell] : c.fields) {
    const std::string_view v = utf8::trim(cell);
    if (v.empty() || v == c.heading || std::all_of(v.begin(), v.end(), [](char ch) { return ch >= '0' && ch <= '9'; }))
      continue;
    if (std::any_of(c.doc_numbers.begin(), c.doc_numbers.end(),
                    [&](const DocNumber& d) { return v == d.text || v == d.normalized; }) ||
        v == join(c.issuers, "、") || std::find(c.issuers.begin(), c.issuers.end(), v) != c.issuers.end())
      continue;
    parts.emplace_back(v);
  }
  return parts.empty() ? lines(c.text) : join(parts, "\n");
}
}  // namespace

std::vector<std::vector<std::string>> compile_rows(const DocumentRecord& r, const std::vector<const Clause*>& matches,
                                                   std::size_t seq) {
  std::vector<std::vector<std::string>> rows;
  std::vector<const Clause*> body, listed;
  for (const Clause* c : matches)
    if (describes_document(*c)) listed.push_back(c);
    else if (c->kind != ClauseKind::preamble) body.push_back(c);
  if (!body.empty()) {
    // Each matching clause as a paragraph that starts with its label, as the
    // clerk's table quotes them.
    std::vector<std::string> excerpts;
    for (const Clause* c : body) excerpts.push_back(lines(c->text));
    rows.push_back({std::to_string(seq++), r.title.value_or(r.file),
                    r.doc_number ? r.doc_number->normalized : std::string(), join(r.issuers, "、"),
                    describe(r.validity), join(excerpts, "\n"), units_of(body), r.file});
  }
  for (const Clause* c : listed) {
    std::string number;
    for (const DocNumber& d : c->doc_numbers)
      if (d.role == DocNumberRole::listed) number = d.normalized;
    rows.push_back({std::to_string(seq++), c->heading, number, join(c->issuers, "、"), std::string(),
                    row_excerpt(*c), units_of({c}), r.file});
  }
  return rows;
}

}  // namespace policy::report

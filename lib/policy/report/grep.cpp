#include "policy/core/strings.h"
#include "policy/report/grep.h"
#include "policy/report/flat.h"

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

std::vector<const Clause*> matching_clauses(const DocumentRecord& r, const Matcher& m) {
  std::vector<const Clause*> out;
  for (const Clause& c : r.clauses)
    if (m.matches(c.text)) out.push_back(&c);
  return out;
}

std::vector<print::Column> grep_columns() {
  return {{"file", "文件"},     {"title", "文件名称"}, {"doc_number", "文号"},
          {"issuers", "发文单位"}, {"clause", "条款"},   {"heading", "标题"},
          {"text", "条款内容"},  {"units", "责任单位"}};
}

std::vector<std::string> grep_row(const DocumentRecord& r, const Clause& c) {
  return {r.file,
          r.title.value_or(""),
          r.doc_number ? r.doc_number->normalized : std::string(),
          join(r.issuers, "、"),
          c.id,
          c.heading,
          utf8::single_line(c.text),
          units_of({&c})};
}

std::vector<print::Column> compile_columns() {
  return {{"seq", "序号", print::Column::Type::integer},
          {"title", "文件名称"},
          {"doc_number", "文号"},
          {"issuers", "发文单位"},
          {"validity", "有效期"},
          {"excerpts", "相关论述"},
          {"units", "责任单位"},
          {"file", "文件"}};
}

std::optional<std::vector<std::string>> compile_row(const DocumentRecord& r,
                                                    const std::vector<const Clause*>& matches,
                                                    std::size_t seq) {
  std::vector<const Clause*> body;
  for (const Clause* c : matches)
    if (c->kind != ClauseKind::preamble) body.push_back(c);
  if (body.empty()) return std::nullopt;
  // Each matching clause as a paragraph that starts with its label, as the
  // clerk's table quotes them.
  std::vector<std::string> excerpts;
  for (const Clause* c : body) excerpts.push_back(lines(c->text));
  return std::vector<std::string>{std::to_string(seq),
                                  r.title.value_or(r.file),
                                  r.doc_number ? r.doc_number->normalized : std::string(),
                                  join(r.issuers, "、"),
                                  validity_cell(r.validity),
                                  join(excerpts, "\n"),
                                  units_of(body),
                                  r.file};
}

}  // namespace policy::report

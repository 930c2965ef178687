#include "policy/print/card.h"

#include <algorithm>

#include <fmt/format.h>

#include "policy/core/strings.h"
#include "policy/print/sink.h"
#include "policy/print/text_layout.h"
#include "policy/text/utf8.h"

namespace policy::print {

namespace {

constexpr const char* kNone = "—";

class CardWriter {
 public:
  CardWriter(std::string& out, const CardOptions& o) : out_(out), o_(o) {}

  // A line of its own, wrapped, bold when colour is on.
  void heading(std::size_t indent, const std::string& text) {
    for (const std::string& line : wrap_text(text, room(indent))) {
      out_.append(indent, ' ');
      out_ += o_.color ? fmt::format("\x1b[1m{}\x1b[0m", line) : line;
      out_.push_back('\n');
    }
  }

  // "  文号      鄂政发〔2022〕21号": the label in a column of `label_width`,
  // the value wrapped beside it.
  void field(std::size_t indent, std::size_t label_width, std::string_view label,
             const std::string& value) {
    const std::size_t at = indent + label_width + 2;
    bool first = true;
    for (const std::string& line : wrap_text(value, room(at))) {
      out_.append(indent, ' ');
      if (first) {
        out_ += label;
        out_.append(label_width + 2 - display_width(label), ' ');
      } else {
        out_.append(label_width + 2, ' ');
      }
      out_ += std::string(utf8::trim_right(line));
      out_.push_back('\n');
      first = false;
    }
  }

  void blank() { out_.push_back('\n'); }

 private:
  // Columns left for text that starts at `at`; with no limit, all.
  std::size_t room(std::size_t at) const {
    if (o_.width == 0) return std::string::npos;
    return o_.width > at + 10 ? o_.width - at : 10;
  }

  std::string& out_;
  const CardOptions& o_;
};

std::string or_none(const std::string& s) { return s.empty() ? kNone : s; }

// 省科技厅（湖北省科学技术厅）: as written, and the full name data/ gives it
// when that says more than the region put in front (省教育厅 is 湖北省教育厅).
std::string unit_text(const Unit& u) {
  if (!u.canonical || *u.canonical == u.name) return u.name;
  std::string_view bare = u.name;
  if (starts_with(bare, "省") || starts_with(bare, "市")) bare.remove_prefix(std::string_view("省").size());
  if (utf8::length(bare) >= 2 && ends_with(*u.canonical, bare)) return u.name;
  return u.name + "（" + *u.canonical + "）";
}

std::string units_with_role(const Clause& c, UnitRole role) {
  std::vector<std::string> names;
  for (const Unit& u : c.units)
    if (u.role == role) names.push_back(unit_text(u));
  return join(names, "、");
}

// 2025-04（完成时限：2025年4月）; an open-ended one as written (持续推进).
std::string deadlines_text(const Clause& c) {
  std::vector<std::string> parts;
  for (const Deadline& d : c.deadlines) {
    std::string p = d.date == "ongoing" || d.text.empty() ? (d.text.empty() ? d.date : d.text)
                                                          : d.date + "（" + d.text + "）";
    if (std::find(parts.begin(), parts.end(), p) == parts.end()) parts.push_back(p);
  }
  return join(parts, "；");
}

// 地方标准 1200项以上（2025年）
std::string targets_text(const Clause& c) {
  std::vector<std::string> parts;
  for (const Target& t : c.targets) {
    std::string p = t.subject ? *t.subject + " " + t.text : t.text;
    if (t.kind == TargetKind::threshold) p += "（门槛）";
    else if (t.kind == TargetKind::award) p += "（奖励）";
    if (t.year) p += fmt::format("（{}年）", *t.year);
    parts.push_back(std::move(p));
  }
  return join(parts, "；");
}

// A clause's line: its id and heading, or the start of its text when it
// has no heading.
std::string clause_title(const Clause& c) {
  std::string about = c.heading.empty() ? utf8::single_line(c.text, 40) : c.heading;
  return c.id + " " + about;
}

}  // namespace

void append_document_card(std::string& out, const DocumentRecord& r, const CardOptions& o) {
  CardWriter w(out, o);
  w.heading(0, r.title ? *r.title : r.file);
  std::size_t work = 0;
  for (const Clause& c : r.clauses)
    if (!c.units.empty() || !c.deadlines.empty() || !c.targets.empty()) ++work;
  constexpr std::size_t label = 8;  // 成文日期
  w.field(2, label, "文件", fmt::format("{}（{}，{} 条，{} 条有分工、时限或指标）", r.file,
                                        r.encoding, r.clauses.size(), work));
  w.field(2, label, "文号", r.doc_number ? r.doc_number->text : kNone);
  w.field(2, label, "发文单位", or_none(join(r.issuers, "、")));
  w.field(2, label, "成文日期", r.date ? *r.date : kNone);
  w.field(2, label, "主送", or_none(join(r.addressees, "；")));
  if (!r.validity.empty()) w.field(2, label, "有效期", describe(r.validity));
  if (!r.attachments.empty()) w.field(2, label, "附件", join(r.attachments, "；"));
  if (work == 0) {
    w.field(2, label, "分工", "没有找到责任单位、时限或指标");
    w.blank();
    return;
  }
  for (const Clause& c : r.clauses) {
    if (c.units.empty() && c.deadlines.empty() && c.targets.empty()) continue;
    w.blank();
    w.heading(2, clause_title(c));
    for (UnitRole role : {UnitRole::lead, UnitRole::responsible, UnitRole::cooperate}) {
      std::string names = units_with_role(c, role);
      if (!names.empty()) w.field(4, 4, to_chinese(role), names);
    }
    if (!c.deadlines.empty()) w.field(4, 4, "时限", deadlines_text(c));
    if (!c.targets.empty()) w.field(4, 4, "指标", targets_text(c));
  }
  w.blank();
}

}  // namespace policy::print

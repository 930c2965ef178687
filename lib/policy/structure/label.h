// Clause labels: the heading ladder of official documents.
//
//   recognize_label("一、总体要求")          -> cn, 1, text "一"
//   recognize_label("  （三）突出关键技术")   -> paren_cn, 3, text "（三）"
//   recognize_label("17．加强寄递物流")       -> arabic, 17, text "17"
//   recognize_label("第一条?为了规范")        -> article, 1, text "第一条"
//   recognize_label("附件2：")               -> attachment, 2, text "附件2"
//   recognize_label("注：1.标准化建设…")      -> arabic, 1 (begins after 注：)
//   recognize_label("1.5万家企业")            -> nullopt (a number, not a label)
//   recognize_label("一是加强领导")           -> nullopt
//   recognize_label("一、二、三产业融合")     -> nullopt (an enumeration)
//
// A label must start its line (after blanks); the splitter only asks here for
// line starts, and for the article that may follow a chapter on its line.
#pragma once

#include <cstddef>
#include <optional>
#include <string>
#include <string_view>

namespace policy::structure {

enum class LabelKind {
  cn,            // 一、  一．
  paren_cn,      // （一）(一)
  arabic,        // 1.  1．  1、  1﹒
  paren_arabic,  // （1）(1)
  circled,       // ①
  chapter,       // 第一章
  section,       // 第一节
  article,       // 第一条
  box,           // 专栏一
  attachment,    // 附件  附件2：
};

const char* to_string(LabelKind kind);

struct Label {
  LabelKind kind = LabelKind::cn;
  long number = 0;         // numeric value; 0 for an unnumbered 附件
  std::size_t begin = 0;   // byte offset in the line where the label starts
  std::size_t end = 0;     // end of the label as written (before 、.：)
  std::size_t body = 0;    // where the text after the label starts
  std::string text;        // the label as written, e.g. "（三）", "1", "附件2"
};

std::optional<Label> recognize_label(std::string_view line);

// The heading a label introduces: a bracketed article title (【强化用地保障】),
// else the text up to the first 。 on the line, at most ~60 characters.
std::string heading_after(std::string_view line, const Label& label);

// For a chapter or section line: where a following 第…节 / 第…条 starts
// (`第一章　总则　　第一条　为了…`), or npos.
std::size_t next_label_on_line(std::string_view line, const Label& label);

}  // namespace policy::structure

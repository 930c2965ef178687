#include "policy/report/flat.h"

#include <fmt/format.h>

#include "policy/text/utf8.h"

namespace policy::report {

using print::Column;

std::vector<Column> clause_columns() {
  return {{"file", "文件"},
          {"id", "编号"},
          {"level", "层级", Column::Type::integer},
          {"label", "序号"},
          {"heading", "标题"},
          {"kind", "类型"},
          {"line_start", "起始行", Column::Type::integer},
          {"line_end", "结束行", Column::Type::integer},
          {"text", "正文"}};
}

std::string one_line(std::string_view text, std::size_t width) {
  std::string out;
  std::size_t w = 0, i = 0;
  bool blank = false;
  while (i < text.size()) {
    std::size_t s = i;
    char32_t c = utf8::next(text, i);
    if (utf8::is_space(c)) {
      blank = !out.empty();
      continue;
    }
    std::size_t cw = print::display_width(text.substr(s, i - s));
    std::size_t need = cw + (blank ? 1 : 0);
    if (w + need > width) {
      out += "…";
      return out;
    }
    if (blank) out.push_back(' ');
    blank = false;
    out.append(text.substr(s, i - s));
    w += need;
  }
  return out;
}

std::vector<std::string> clause_row(const DocumentRecord& doc, const Clause& c, bool preview) {
  return {doc.file,
          c.id,
          std::to_string(c.level),
          c.label,
          c.heading,
          to_string(c.kind),
          std::to_string(c.line_start),
          std::to_string(c.line_end),
          preview ? one_line(c.text, 46) : c.text};
}

}  // namespace policy::report

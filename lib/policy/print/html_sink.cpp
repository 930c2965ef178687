// The html printer: one self-contained HTML5 page (inline CSS, inline SVG
// charts; nothing fetched, no script), readable on screen and on paper.
//
// The page streams: its head is written when the first thing arrives, each
// row as it comes, the closing tags by finish(). Tables and figures carry
// data-table / data-chart / data-col attributes so that tests (and scripts)
// can find cells in the rendered page.
#include <algorithm>
#include <cmath>

#include <fmt/format.h>

#include "policy/print/sink_formats.h"
#include "policy/text/utf8.h"

namespace policy::print {
namespace {

constexpr const char* kStyle = R"css(
:root { color-scheme: light; }
body { font-family: system-ui, "Noto Sans CJK SC", "Source Han Sans SC", "PingFang SC",
       "Microsoft YaHei", sans-serif; font-size: 14px; line-height: 1.5; color: #1f2328;
       background: #fff; max-width: 1200px; margin: 2rem auto; padding: 0 1rem; }
h1 { font-size: 1.5rem; margin: 0 0 1.5rem; }
h2 { font-size: 1.15rem; margin: 2rem 0 .5rem; }
.scroll { overflow-x: auto; }
table { border-collapse: collapse; margin: .5rem 0 1rem; }
th, td { border: 1px solid #d0d7de; padding: .25rem .5rem; vertical-align: top; text-align: left;
         overflow-wrap: break-word; }
td { max-width: 40em; }
th { white-space: nowrap; }
mark { background: #fff3b0; color: inherit; padding: 0 .05em; }
nav.toc a, td a { color: #0b57d0; text-decoration: none; }
nav.toc a:hover, td a:hover { text-decoration: underline; }
a.top { font-size: .8rem; font-weight: normal; margin-left: .75rem; }
thead th { background: #eef1f4; font-weight: 600; }
tbody tr:nth-child(even) { background: #f7f8fa; }
.num { text-align: right; font-variant-numeric: tabular-nums; white-space: nowrap; }
p.note { background: #fffbe6; border-left: 3px solid #d4a72c; padding: .25rem .75rem; margin: 0 0 .25rem; }
figure { margin: 1.5rem 0 2rem; }
figcaption { font-size: 1.15rem; font-weight: 600; margin-bottom: .5rem; }
svg.chart { display: block; max-width: 100%; height: auto; font-size: 12px; }
svg.chart text { fill: #1f2328; }
svg.chart .axis { stroke: #8c959f; }
@media print {
  @page { size: A4 landscape; margin: 12mm; }
  body { max-width: none; margin: 0; padding: 0; font-size: 10pt; }
  a, a:visited, td a, nav.toc a { color: inherit; text-decoration: none; }
  a.top { display: none; }
  section[id] { break-before: page; page-break-before: always; }
  mark { background: none; font-weight: 600; text-decoration: underline; }
  .scroll { overflow: visible; }
  table { page-break-inside: auto; }
  thead { display: table-header-group; }
  tr, th, td { page-break-inside: avoid; break-inside: avoid; }
  h2, figcaption { page-break-after: avoid; break-after: avoid; }
  svg.chart { page-break-inside: avoid; break-inside: avoid; }
  tbody tr:nth-child(even) { background: none; }
}
)css";

// Series colours, one a series in order (Tableau 10), repeated past ten.
constexpr const char* kPalette[] = {"#4e79a7", "#f28e2b", "#e15759", "#76b7b2", "#59a14f",
                                    "#edc948", "#b07aa1", "#ff9da7", "#9c755f", "#bab0ac"};

// Appends s escaped for HTML: & < > " ' as references, line breaks (LF, CR LF,
// CR) as <br> in content or &#10; in attribute values, other C0 controls as
// U+FFFD (they are not allowed in HTML text).
void append_escaped(std::string& out, std::string_view s, bool attribute = false) {
  for (std::size_t i = 0; i < s.size(); ++i) {
    char ch = s[i];
    switch (ch) {
      case '&': out += "&amp;"; break;
      case '<': out += "&lt;"; break;
      case '>': out += "&gt;"; break;
      case '"': out += "&quot;"; break;
      case '\'': out += "&#39;"; break;
      case '\r':
        if (i + 1 < s.size() && s[i + 1] == '\n') ++i;
        [[fallthrough]];
      case '\n': out += attribute ? "&#10;" : "<br>"; break;
      case '\t': out.push_back('\t'); break;
      default:
        if (auto u = static_cast<unsigned char>(ch); u < 0x20 || u == 0x7F) out += "\xEF\xBF\xBD";
        else out.push_back(ch);
    }
  }
}

std::string escaped(std::string_view s, bool attribute = false) {
  std::string out;
  append_escaped(out, s, attribute);
  return out;
}

bool numeric(Column::Type t) { return t != Column::Type::text; }

// A section's id from its anchor text: HTML ids may hold any character but
// whitespace; "top" is the page's own.
std::string anchor_id(std::string_view anchor) {
  std::string id = "t-";
  for (char c : anchor) id.push_back(c == ' ' || c == '\t' || c == '\n' || c == '\r' || c == '\f' ? '_' : c);
  return id;
}

// A cell with its marked byte ranges in <mark>: pieces escaped one by one,
// ranges out of order, overlapping or past the end ignored, a range that
// would cut a UTF-8 character widened to whole characters.
void append_marked(std::string& out, std::string_view s, const Marks& marks) {
  std::size_t at = 0;
  auto boundary = [&](std::size_t k) {
    while (k < s.size() && (static_cast<unsigned char>(s[k]) & 0xC0) == 0x80) ++k;
    return std::min(k, s.size());
  };
  for (auto [b, e] : marks) {
    if (b < at || e <= b || b >= s.size()) continue;
    while (b > at && (static_cast<unsigned char>(s[b]) & 0xC0) == 0x80) --b;
    e = boundary(std::min(e, s.size()));
    append_escaped(out, s.substr(at, b - at));
    out += "<mark>";
    append_escaped(out, s.substr(b, e - b));
    out += "</mark>";
    at = e;
  }
  append_escaped(out, s.substr(at));
}

// A chart value as printed: integers without ".0", others in the shortest
// form that reads back the same.
std::string chart_number(double v) {
  if (std::isfinite(v) && std::fabs(v) < 1e15 && v == std::trunc(v))
    return fmt::format("{}", static_cast<long long>(v));
  return fmt::format("{}", v);
}

// The longest prefix of s at most `width` display columns wide, with "…"
// when cut (chart labels must fit their column).
std::string clip(std::string_view s, std::size_t width) {
  if (display_width(s) <= width) return std::string(s);
  std::string out;
  std::size_t w = 0, i = 0;
  while (i < s.size()) {
    std::size_t start = i;
    utf8::next(s, i);
    std::string_view ch = s.substr(start, i - start);
    std::size_t cw = display_width(ch);
    if (w + cw + 1 > width) break;  // room for "…"
    out.append(ch);
    w += cw;
  }
  return out + "…";
}

// Pixels per display column of the chart's 12 px text (CJK: two columns).
constexpr double kColumnPx = 7;

// An inline SVG horizontal stacked bar chart: a bar per category (its label at
// the left, its total at the right end), a colour per series with a legend
// above, a <title> tooltip per segment. The height grows with the categories.
std::string svg_chart(const Chart& c) {
  auto value = [&](std::size_t i, std::size_t k) {
    double v = i < c.values.size() && k < c.values[i].size() ? c.values[i][k] : 0;
    return std::isfinite(v) ? v : 0;
  };
  std::size_t label_cols = 4;
  for (const auto& cat : c.categories) label_cols = std::max(label_cols, display_width(cat));
  label_cols = std::min<std::size_t>(label_cols, 30);
  const double label_w = label_cols * kColumnPx + 12;
  const double bar_w = 480, total_w = 64, width = label_w + bar_w + total_w;
  const double row_h = 24, bar_h = 16;

  // Legend: entries left to right, wrapping to a new line when full.
  std::string legend;
  double lx = label_w, ly = 0;
  for (std::size_t k = 0; k < c.series.size(); ++k) {
    double entry = 12 + 4 + display_width(c.series[k]) * kColumnPx + 16;
    if (lx + entry > width && lx > label_w) {
      lx = label_w;
      ly += 20;
    }
    legend += fmt::format(
        "<rect x=\"{:.1f}\" y=\"{:.1f}\" width=\"12\" height=\"12\" fill=\"{}\"></rect>"
        "<text x=\"{:.1f}\" y=\"{:.1f}\">{}</text>\n",
        lx, ly + 4, kPalette[k % std::size(kPalette)], lx + 16, ly + 14, escaped(c.series[k]));
    lx += entry;
  }
  const double top = c.series.empty() ? 4 : ly + 28;
  const double height = top + c.categories.size() * row_h + 8;

  double max_total = 0;
  for (std::size_t i = 0; i < c.categories.size(); ++i) {
    double total = 0;
    for (std::size_t k = 0; k < c.series.size(); ++k) total += std::max(0.0, value(i, k));
    max_total = std::max(max_total, total);
  }
  const double scale = max_total > 0 ? bar_w / max_total : 0;

  std::string svg = fmt::format(
      "<svg class=\"chart\" role=\"img\" aria-label=\"{}\" viewBox=\"0 0 {:.0f} {:.0f}\" "
      "width=\"{:.0f}\" height=\"{:.0f}\">\n",
      escaped(c.title, true), width, height, width, height);
  svg += legend;
  for (std::size_t i = 0; i < c.categories.size(); ++i) {
    const std::string& cat = c.categories[i];
    const double y = top + i * row_h;
    std::string label = clip(cat, label_cols);
    svg += fmt::format("<text x=\"{:.1f}\" y=\"{:.1f}\" text-anchor=\"end\">", label_w - 6, y + 13);
    if (label != cat) svg += "<title>" + escaped(cat) + "</title>";
    svg += escaped(label) + "</text>\n";
    double x = label_w, total = 0;
    for (std::size_t k = 0; k < c.series.size(); ++k) {
      double v = value(i, k);
      total += std::max(0.0, v);
      double w = std::max(0.0, v) * scale;
      svg += fmt::format(
          "<rect x=\"{:.1f}\" y=\"{:.1f}\" width=\"{:.1f}\" height=\"{:.0f}\" fill=\"{}\">"
          "<title>{} {}: {}</title></rect>\n",
          x, y, w, bar_h, kPalette[k % std::size(kPalette)], escaped(cat), escaped(c.series[k]),
          chart_number(v));
      x += w;
    }
    svg += fmt::format("<text class=\"total\" x=\"{:.1f}\" y=\"{:.1f}\">{}</text>\n", x + 4, y + 13,
                       chart_number(total));
  }
  svg += fmt::format("<line class=\"axis\" x1=\"{0:.1f}\" y1=\"{1:.1f}\" x2=\"{0:.1f}\" y2=\"{2:.1f}\"></line>\n",
                     label_w, top - 4, height - 6);
  svg += "</svg>\n";
  return svg;
}

class HtmlSink : public Sink {
 public:
  HtmlSink(Output& out, const SinkOptions& opt) : out_(out), opt_(opt) {}

  void begin_table(std::string_view title, const std::vector<Column>& columns) override {
    begin_table(title, columns, {}, {});
  }

  void begin_table(std::string_view title, const std::vector<Column>& columns, std::string_view,
                   std::string_view anchor) override {
    start();
    end_table();
    title_ = title;
    anchor_ = anchor;
    columns_ = columns;
    open_table();
  }

  void row(const std::vector<std::string>& cells) override { row(cells, {}); }

  // Marked ranges as <mark>; each piece escaped on its own.
  void row(const std::vector<std::string>& cells, const std::vector<Marks>& marks) override {
    if (!open_) {  // rows after a note: the same table goes on
      start();
      open_table();
    }
    std::string buf = "<tr>";
    for (std::size_t i = 0; i < std::max(cells.size(), columns_.size()); ++i) {
      buf += "<td";
      if (i < columns_.size()) {
        buf += " data-col=\"" + escaped(columns_[i].key, true) + "\"";
        if (numeric(columns_[i].type)) buf += " class=\"num\"";
      }
      buf += ">";
      if (i < cells.size()) {
        const bool link = i < columns_.size() && columns_[i].link && !cells[i].empty();
        if (link) buf += "<a href=\"#" + escaped(anchor_id(cells[i]), true) + "\">";
        append_marked(buf, cells[i], i < marks.size() ? marks[i] : Marks{});
        if (link) buf += "</a>";
      }
      buf += "</td>";
    }
    buf += "</tr>\n";
    out_.write(buf);
  }

  void end_table() override {
    if (!open_) return;
    out_.write("</tbody>\n</table></div>\n</section>\n");
    open_ = false;
  }

  void note(std::string_view text) override {
    start();
    end_table();
    out_.write("<p class=\"note\">" + escaped(text) + "</p>\n");
  }

  // A figure: the SVG chart, and its numbers as a table under it.
  void chart(const Chart& c) override {
    start();
    end_table();
    std::string buf = "<figure data-chart=\"" + escaped(c.title, true) + "\">\n";
    if (!c.title.empty()) buf += "<figcaption>" + escaped(c.title) + "</figcaption>\n";
    buf += svg_chart(c);
    if (!c.with_table) {
      out_.write(buf + "</figure>\n");
      return;
    }
    buf += "<div class=\"scroll\"><table class=\"chart-data\">\n<thead><tr>";
    buf += "<th scope=\"col\" data-col=\"category\">" + escaped(c.title) + "</th>";
    for (const auto& s : c.series)
      buf += "<th scope=\"col\" class=\"num\" data-col=\"" + escaped(s, true) + "\">" + escaped(s) + "</th>";
    buf += "</tr></thead>\n<tbody>\n";
    for (std::size_t i = 0; i < c.categories.size(); ++i) {
      buf += "<tr><td data-col=\"category\">" + escaped(c.categories[i]) + "</td>";
      for (std::size_t k = 0; k < c.series.size(); ++k) {
        double v = i < c.values.size() && k < c.values[i].size() ? c.values[i][k] : 0;
        buf += "<td class=\"num\" data-col=\"" + escaped(c.series[k], true) + "\">" +
               escaped(chart_number(v)) + "</td>";
      }
      buf += "</tr>\n";
    }
    buf += "</tbody>\n</table></div>\n</figure>\n";
    out_.write(buf);
  }

  Result<bool> finish() override {
    if (finished_) return true;
    start();
    end_table();
    out_.write("</main>\n</body>\n</html>\n");
    out_.flush();
    finished_ = true;
    return true;
  }

 private:
  // The page's head, once, before anything else.
  void start() {
    if (started_) return;
    started_ = true;
    const std::string& title = opt_.title.empty() ? kDefaultTitle : opt_.title;
    std::string buf = "<!DOCTYPE html>\n<html lang=\"zh-CN\">\n<head>\n<meta charset=\"utf-8\">\n";
    buf += "<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">\n";
    buf += "<title>" + escaped(title) + "</title>\n<style>" + kStyle + "</style>\n</head>\n<body>\n<main>\n";
    buf += opt_.title.empty() ? "<div id=\"top\"></div>\n" : "<h1 id=\"top\">" + escaped(opt_.title) + "</h1>\n";
    out_.write(buf);
  }

  void open_table() {
    std::string buf = "<section data-table=\"" + escaped(title_, true) + "\"";
    if (!anchor_.empty()) buf += " id=\"" + escaped(anchor_id(anchor_), true) + "\"";
    buf += ">\n";
    // A table named as the page is (policy-grep --compile) is not headed twice.
    if (!title_.empty() && title_ != opt_.title) {
      buf += "<h2>" + escaped(title_);
      // Back to the table of contents (the summary) from a linked section.
      if (!anchor_.empty()) buf += "<a class=\"top\" href=\"#top\">↑ 汇总</a>";
      buf += "</h2>\n";
    }
    buf += "<div class=\"scroll\"><table>\n";
    if (!columns_.empty()) {
      buf += "<thead><tr>";
      for (const Column& c : columns_) {
        buf += "<th scope=\"col\" data-col=\"" + escaped(c.key, true) + "\"";
        if (numeric(c.type)) buf += " class=\"num\"";
        buf += ">" + escaped(c.zh.empty() ? c.key : c.zh) + "</th>";
      }
      buf += "</tr></thead>\n";
    }
    buf += "<tbody>\n";
    out_.write(buf);
    open_ = true;
  }

  inline static const std::string kDefaultTitle = "policy-tools report";

  Output& out_;
  SinkOptions opt_;
  std::string title_;
  std::string anchor_;
  std::vector<Column> columns_;
  bool started_ = false;
  bool open_ = false;
  bool finished_ = false;
};

}  // namespace

std::unique_ptr<Sink> make_html_sink(Output& out, const SinkOptions& options) {
  return std::make_unique<HtmlSink>(out, options);
}

}  // namespace policy::print

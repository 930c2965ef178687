// The xlsx printer: a workbook with a sheet per table, written with
// libxlsxwriter.
//
// Everything is buffered until finish(): column widths need every cell of a
// table, and notes go to a sheet 说明 that must come first in the workbook
// although notes may arrive at any time (libxlsxwriter cannot reorder sheets).
// finish() builds the workbook in a temporary file (libxlsxwriter only writes
// to a file name), reads it back and hands the bytes to the Output, which does
// the atomic write for -o and also works for standard output.
//
// Cells: text is always written as a string, never as a number or a formula
// ("=SUM()" and long digit strings stay text); integer and number columns are
// written as numbers when the cell is a plain decimal Excel holds exactly.
#include <unicode/uchar.h>
#include <unistd.h>
#include <xlsxwriter.h>

#include <algorithm>
#include <cctype>
#include <cerrno>
#include <charconv>
#include <cmath>
#include <cstdlib>
#include <cstring>
#include <ctime>
#include <fstream>
#include <functional>
#include <list>
#include <set>
#include <sstream>

#include <fmt/format.h>

#include "policy/core/cleanup.h"
#include "policy/print/sink_formats.h"
#include "policy/text/utf8.h"

namespace policy::print {
namespace {

// Excel's limits: characters (UTF-16 units) in a cell and a sheet name, rows
// and columns in a sheet.
constexpr std::size_t kMaxCellUnits = 32767;
constexpr std::size_t kMaxSheetNameUnits = LXW_SHEETNAME_MAX;
constexpr std::size_t kMaxRows = LXW_ROW_MAX;
constexpr std::size_t kMaxColumns = LXW_COL_MAX;
// Column widths, in Excel's character units (CJK characters count two).
constexpr double kMinWidth = 6;
constexpr double kMaxWidth = 60;
// Printing: the height of one line of 11 pt text, in points (LibreOffice
// sets CJK lines taller than Excel: rows must hold its lines), and how many
// bars the chart of a sheet draws (the data beside it holds all categories)
// so that it fits one landscape page.
constexpr double kLinePoints = 16.5;
constexpr std::size_t kChartBars = 25;

std::size_t utf16_units(char32_t c) { return c > 0xFFFF ? 2 : 1; }

bool is_hex(char c) { return std::isxdigit(static_cast<unsigned char>(c)) != 0; }

// "_x0041_": Excel decodes this pattern in cell text as an escaped character,
// so a literal one must have its underscore escaped (_x005F_) to survive.
bool looks_like_xml_escape(std::string_view s) {
  return s.size() >= 7 && s[0] == '_' && s[1] == 'x' && is_hex(s[2]) && is_hex(s[3]) &&
         is_hex(s[4]) && is_hex(s[5]) && s[6] == '_';
}

// A cell's text as Excel should store it: CR LF and lone CR become LF (Excel's
// line break), literal _xHHHH_ patterns are protected, characters XML cannot
// hold (NUL and the other C0 controls but TAB and LF, invalid UTF-8) become
// visible escapes such as \x00 rather than cutting or breaking the sheet, and
// text beyond Excel's 32 767 characters is cut and ends with "…" (`cut` is
// then set; the full text stays in csv, tsv and jsonl).
std::string cell_text(std::string_view raw, bool* cut = nullptr) {
  std::string cleaned;
  std::string_view s = raw;
  bool needs_cleaning = utf8::first_invalid(raw) != std::string_view::npos;
  for (std::size_t k = 0; !needs_cleaning && k < raw.size(); ++k) {
    auto b = static_cast<unsigned char>(raw[k]);
    needs_cleaning = (b < 0x20 && b != '\t' && b != '\n' && b != '\r') || b == 0x7F;
  }
  if (needs_cleaning) {
    cleaned = utf8::escape_invalid(raw);
    std::string kept;
    for (char ch : cleaned) {
      auto b = static_cast<unsigned char>(ch);
      if ((b < 0x20 && b != '\t' && b != '\n' && b != '\r') || b == 0x7F)
        kept += utf8::visible(std::string_view(&ch, 1));
      else
        kept.push_back(ch);
    }
    cleaned = std::move(kept);
    s = cleaned;
  }
  std::string out;
  out.reserve(std::min(s.size(), kMaxCellUnits * 3));
  std::size_t units = 0;
  std::size_t cut_at = 0;  // out.size() at the last point where "…" still fits
  std::size_t i = 0;
  while (i < s.size()) {
    std::size_t start = i;
    char32_t c = utf8::next(s, i);
    std::string_view piece = s.substr(start, i - start);
    std::size_t n = utf16_units(c);
    if (c == '\r') {
      if (i < s.size() && s[i] == '\n') continue;  // the LF follows
      piece = "\n";
    }
    if (c == '_' && looks_like_xml_escape(s.substr(start))) {
      out += "_x005F";
      n += 6;
    }
    out.append(piece);
    units += n;
    if (units <= kMaxCellUnits - 1) cut_at = out.size();
    if (units > kMaxCellUnits) {
      out.resize(cut_at);
      out += "…";
      if (cut) *cut = true;
      return out;
    }
  }
  return out;
}

// The display width of a cell's widest line: what its column must show.
std::size_t widest_line(std::string_view s) {
  std::size_t widest = 0;
  while (true) {
    std::size_t nl = s.find('\n');
    widest = std::max(widest, display_width(s.substr(0, nl)));
    if (nl == std::string_view::npos) break;
    s.remove_prefix(nl + 1);
  }
  return widest;
}

// A numeric column's cell as a number when it is a plain decimal ("-12",
// "3.50") that Excel shows as written: at most 15 significant digits (Excel's
// precision), no leading zeros ("007" is an identifier), no exponent, inf or hex.
std::optional<double> as_number(std::string_view s) {
  std::size_t i = 0;
  if (i < s.size() && s[i] == '-') ++i;
  std::size_t int_start = i;
  while (i < s.size() && std::isdigit(static_cast<unsigned char>(s[i]))) ++i;
  std::size_t int_digits = i - int_start;
  if (int_digits == 0 || (int_digits > 1 && s[int_start] == '0')) return std::nullopt;
  std::size_t frac_digits = 0;
  if (i < s.size() && s[i] == '.') {
    ++i;
    std::size_t frac_start = i;
    while (i < s.size() && std::isdigit(static_cast<unsigned char>(s[i]))) ++i;
    frac_digits = i - frac_start;
    if (frac_digits == 0) return std::nullopt;
  }
  if (i != s.size()) return std::nullopt;
  // Significant digits: without leading zeros, nor a fraction's trailing ones.
  std::string_view int_part = s.substr(int_start, int_digits);
  std::string_view frac_part = frac_digits ? s.substr(int_start + int_digits + 1) : std::string_view();
  while (!int_part.empty() && int_part.front() == '0') int_part.remove_prefix(1);
  while (!frac_part.empty() && frac_part.back() == '0') frac_part.remove_suffix(1);
  if (int_part.empty())
    while (!frac_part.empty() && frac_part.front() == '0') frac_part.remove_prefix(1);
  if (int_part.size() + frac_part.size() > 15) return std::nullopt;
  double v = 0;
  auto [ptr, ec] = std::from_chars(s.data(), s.data() + s.size(), v);
  if (ec != std::errc() || ptr != s.data() + s.size() || !std::isfinite(v)) return std::nullopt;
  return v;
}

// A chart value as the data table shows it: integers without ".0", others in
// the shortest form that reads back the same.
std::string chart_number(double v) {
  if (std::isfinite(v) && std::fabs(v) < 1e15 && v == std::trunc(v))
    return fmt::format("{}", static_cast<long long>(v));
  return fmt::format("{}", v);
}

// Sheet names that Excel accepts: at most 31 characters, none of []:*?/\,
// no apostrophe at either end, unique ignoring case, never empty.
class SheetNames {
 public:
  std::string take(std::string_view title) {
    std::string base = clean(title);
    if (base.empty()) {
      std::string name;
      do name = fmt::format("Sheet{}", ++fallback_);
      while (used(name));
      return remember(name);
    }
    if (!used(base)) return remember(base);
    for (int k = 2;; ++k) {
      std::string suffix = fmt::format("({})", k);
      std::string name = trim_end(cut(base, kMaxSheetNameUnits - suffix.size())) + suffix;
      if (!used(name)) return remember(name);
    }
  }

 private:
  static std::string clean(std::string_view raw_title) {
    const std::string escaped = utf8::escape_invalid(raw_title);
    std::string_view title = escaped;
    std::string s;
    std::size_t i = 0;
    while (i < title.size()) {
      std::size_t start = i;
      char32_t c = utf8::next(title, i);
      if (c == '\n' || c == '\t' || c == '\r') s.push_back(' ');
      else if (c < 0x20 || c == 0x7F) continue;
      else if (c < 0x80 && std::strchr("[]:*?/\\", static_cast<char>(c))) s.push_back('_');
      else s.append(title.substr(start, i - start));
    }
    std::string_view v = utf8::trim(s);
    while (!v.empty() && v.front() == '\'') v = utf8::trim(v.substr(1));
    return trim_end(cut(v, kMaxSheetNameUnits));
  }

  // At most `units` UTF-16 units of s, whole characters only.
  static std::string cut(std::string_view s, std::size_t units) {
    std::size_t n = 0, i = 0, end = 0;
    while (i < s.size()) {
      n += utf16_units(utf8::next(s, i));
      if (n > units) break;
      end = i;
    }
    return std::string(s.substr(0, end));
  }

  // Without trailing blanks and apostrophes (a name may not end with one).
  static std::string trim_end(std::string_view s) {
    s = utf8::trim_right(s);
    while (!s.empty() && s.back() == '\'') s = utf8::trim_right(s.substr(0, s.size() - 1));
    return std::string(s);
  }

  // Case-folded, as Excel compares sheet names.
  static std::string fold(std::string_view s) {
    std::string out;
    std::size_t i = 0;
    while (i < s.size()) utf8::append(out, static_cast<char32_t>(u_foldCase(utf8::next(s, i), U_FOLD_CASE_DEFAULT)));
    return out;
  }

  bool used(const std::string& name) const {
    return used_.count(fold(name)) || fold(name) == "history";  // reserved by Excel
  }

  std::string remember(const std::string& name) {
    used_.insert(fold(name));
    return name;
  }

  std::set<std::string> used_;
  int fallback_ = 0;
};

// A file made with mkstemps and removed when this goes out of scope, so an
// error or an abandoned sink leaves nothing behind in the temp directory; a
// signal that ends the program removes it too (cleanup.h).
class TempFile {
 public:
  TempFile() = default;
  TempFile(const TempFile&) = delete;
  TempFile& operator=(const TempFile&) = delete;
  ~TempFile() { remove(); }

  void remove() {
    if (!path_.empty()) ::unlink(path_.c_str());
    cleanup::remove(slot_);
    slot_ = -1;
    path_.clear();
  }

  // Creates the file in $TMPDIR (or /tmp); false with errno set on failure.
  bool create() {
    const char* env = std::getenv("TMPDIR");
    dir_ = env && *env ? env : "/tmp";
    std::string tmpl = dir_ + "/policy-xlsx-XXXXXX.xlsx";
    int fd = cleanup::create_temp(tmpl, 5, slot_);
    if (fd < 0) return false;
    ::close(fd);
    path_ = tmpl;
    return true;
  }

  const std::string& path() const { return path_; }
  std::string& dir() { return dir_; }

 private:
  std::string path_;
  std::string dir_;
  int slot_ = -1;
};

struct Table {
  std::string title;
  std::string short_title;  // the sheet's name when set
  std::vector<Column> columns;
  std::vector<std::vector<std::string>> rows;
  std::optional<Chart> chart;  // set for chart(): the data table of a chart
};

// Builds the workbook from the buffered tables; keeps the first error.
class WorkbookWriter {
 public:
  WorkbookWriter(lxw_workbook* wb, std::function<void(const std::string&)> warn)
      : wb_(wb), warn_(std::move(warn)) {
    header_ = workbook_add_format(wb);
    format_set_bold(header_);
    format_set_text_wrap(header_);
    format_set_align(header_, LXW_ALIGN_VERTICAL_TOP);
    format_set_bottom(header_, LXW_BORDER_THIN);
    wrap_ = workbook_add_format(wb);
    format_set_text_wrap(wrap_);
    format_set_align(wrap_, LXW_ALIGN_VERTICAL_TOP);
    top_ = workbook_add_format(wb);
    format_set_align(top_, LXW_ALIGN_VERTICAL_TOP);
    title_ = workbook_add_format(wb);
    format_set_bold(title_);
    format_set_font_size(title_, 16);
  }

  const std::string& error() const { return error_; }
  bool wrote_a_sheet() const { return sheets_ > 0; }

  // After the last table: how many more cells were cut than were named.
  void finish_warnings() {
    if (cut_cells_ > kCutCellsNamed && warn_)
      warn_(fmt::format("xlsx: {} more cells cut at Excel's {} characters", cut_cells_ - kCutCellsNamed,
                        kMaxCellUnits));
  }

  // The first sheet, 说明: the title, one note a row (the report's filters,
  // inputs and counts), and the date of the run, in one wide column; what a
  // printed workbook opens with.
  void cover(const std::string& title, const std::vector<std::string>& notes, const std::string& date) {
    lxw_worksheet* ws = add_sheet("说明");
    if (!ws) return;
    std::vector<std::string> lines;
    if (!title.empty()) lines.push_back(title);
    lines.insert(lines.end(), notes.begin(), notes.end());
    if (!date.empty()) lines.push_back("生成日期：" + date);
    std::size_t width = 0;
    for (const auto& l : lines) width = std::max(width, widest_line(cell_text(l)));
    const double col = std::clamp(static_cast<double>(width) + 2, kMinWidth, 100.0);
    for (std::size_t r = 0; r < lines.size() && r + 1 < kMaxRows; ++r) {
      std::string text = cell_text(lines[r]);
      const bool is_title = r == 0 && !title.empty();
      if (!text.empty()) check(worksheet_write_string(ws, r, 0, text.c_str(), is_title ? title_ : wrap_));
      const double line = is_title ? 22 : kLinePoints;
      check(worksheet_set_row(ws, static_cast<lxw_row_t>(r), line * lines_needed(text, col), nullptr));
    }
    check(worksheet_set_column(ws, 0, 0, col, nullptr));
    page_setup(ws, lines.empty() ? 0 : lines.size() - 1, 0, false);
  }

  // A table on as many sheets as Excel's row limit needs ("title", "title(2)").
  void table(const Table& t) {
    std::size_t ncols = t.columns.size();
    if (ncols == 0)
      for (const auto& r : t.rows) ncols = std::max(ncols, r.size());
    if (ncols > kMaxColumns) {
      fail(fmt::format("table \"{}\" has {} columns; Excel allows {}", t.title, ncols, kMaxColumns));
      ncols = kMaxColumns;
    }
    const std::size_t per_sheet = kMaxRows - 1;
    std::size_t first = 0;
    do {
      std::size_t last = std::min(t.rows.size(), first + per_sheet);
      lxw_worksheet* ws = add_sheet(t.short_title.empty() ? t.title : t.short_title);
      if (!ws) return;
      write_block(ws, t, ncols, first, last);
      std::size_t last_col = ncols ? ncols - 1 : 0, last_row = last - first;
      if (first == 0 && t.chart && insert_chart(ws, *t.chart, last - first, ncols)) {
        // The chart is 720 px wide from column ncols + 1 (64 px a default
        // column) and as tall as its bars: the print area takes it in.
        last_col = ncols + 1 + 12;
        last_row = std::max(last_row, static_cast<std::size_t>(
                                          (90.0 + 24.0 * std::min(last - first, kChartBars)) / 20.0) + 1);
      }
      page_setup(ws, last_row, last_col, !t.columns.empty());
      first = last;
    } while (first < t.rows.size());
  }

 private:
  lxw_worksheet* add_sheet(std::string_view title) {
    const std::string& name = names_kept_.emplace_back(names_.take(title));
    lxw_worksheet* ws = workbook_add_worksheet(wb_, name.c_str());
    if (!ws) fail(fmt::format("cannot add a sheet named \"{}\"", name));
    else ++sheets_;
    current_name_ = &name;
    return ws;
  }

  void write_block(lxw_worksheet* ws, const Table& t, std::size_t ncols, std::size_t first,
                   std::size_t last) {
    auto type_of = [&](std::size_t c) {
      return c < t.columns.size() ? t.columns[c].type : Column::Type::text;
    };
    std::vector<std::size_t> width(ncols, 0);
    for (std::size_t c = 0; c < t.columns.size() && c < ncols; ++c) {
      const Column& col = t.columns[c];
      std::string head = cell_text(col.zh.empty() ? col.key : col.zh);
      width[c] = widest_line(head);
      if (!head.empty()) check(worksheet_write_string(ws, 0, c, head.c_str(), header_));
    }
    for (std::size_t r = first; r < last; ++r) {
      const auto& cells = t.rows[r];
      lxw_row_t row = static_cast<lxw_row_t>(r - first + 1);
      for (std::size_t c = 0; c < ncols && c < cells.size(); ++c) {
        if (cells[c].empty()) continue;
        lxw_col_t col = static_cast<lxw_col_t>(c);
        Column::Type type = type_of(c);
        if (type != Column::Type::text) {
          if (auto v = as_number(cells[c])) {
            width[c] = std::max(width[c], cells[c].size());
            check(worksheet_write_number(ws, row, col, *v, top_));
            continue;
          }
        }
        bool cut = false;
        std::string text = cell_text(cells[c], &cut);
        if (cut) cut_cell(t, static_cast<std::size_t>(row) + 1, c, cells[c]);
        width[c] = std::max(width[c], widest_line(text));
        bool wrap = type == Column::Type::text || text.find('\n') != std::string::npos;
        check(worksheet_write_string(ws, row, col, text.c_str(), wrap ? wrap_ : top_));
      }
    }
    std::vector<double> col_width(ncols);
    for (std::size_t c = 0; c < ncols; ++c) {
      col_width[c] = fit_width(width[c]);
      if (c < t.columns.size() && t.columns[c].max_width > 0)
        col_width[c] = std::min(col_width[c], std::max(kMinWidth, t.columns[c].max_width));
      check(worksheet_set_column(ws, static_cast<lxw_col_t>(c), static_cast<lxw_col_t>(c),
                                 col_width[c], nullptr));
    }
    // Row heights: Excel and LibreOffice do not grow a row for wrapped text
    // written by a program, so the text would run under the rows below.
    // Each row is as tall as its cell with the most lines at its column width.
    set_row_height(ws, 0, t.columns.size(), col_width, [&](std::size_t c) -> std::string {
      return c < t.columns.size() ? cell_text(t.columns[c].zh.empty() ? t.columns[c].key : t.columns[c].zh)
                                  : std::string();
    });
    for (std::size_t r = first; r < last; ++r) {
      const auto& cells = t.rows[r];
      set_row_height(ws, static_cast<lxw_row_t>(r - first + 1), std::min(ncols, cells.size()), col_width,
                     [&](std::size_t c) { return cell_text(cells[c]); });
    }
    if (!t.columns.empty()) {
      worksheet_freeze_panes(ws, 1, 0);
      check(worksheet_autofilter(ws, 0, 0, static_cast<lxw_row_t>(last - first),
                                 static_cast<lxw_col_t>(ncols - 1)));
    }
  }

  template <class CellText>
  void set_row_height(lxw_worksheet* ws, lxw_row_t row, std::size_t ncols, const std::vector<double>& width,
                      CellText text_of) {
    std::size_t lines = 1;
    for (std::size_t c = 0; c < ncols; ++c) lines = std::max(lines, lines_needed(text_of(c), width[c]));
    if (lines > 1) check(worksheet_set_row(ws, row, kLinePoints * static_cast<double>(lines), nullptr));
  }

  // Lines a wrapped cell takes in a column `width` characters wide: each of
  // its lines by display width (CJK two), a character of padding left.
  static std::size_t lines_needed(std::string_view text, double width) {
    // LibreOffice fits a little more than width/2 CJK characters a line,
    // Excel about width/2: the estimate errs on Excel's side.
    const double usable = std::max(1.0, width - 1);
    std::size_t lines = 0;
    while (true) {
      std::size_t nl = text.find('\n');
      const double w = static_cast<double>(display_width(text.substr(0, nl)));
      lines += std::max<std::size_t>(1, static_cast<std::size_t>(std::ceil(w / usable)));
      if (nl == std::string_view::npos) break;
      text.remove_prefix(nl + 1);
    }
    return std::min<std::size_t>(lines, 27);  // Excel's 409 pt limit on a row
  }

  // A4 landscape, one page wide (as many tall as it takes), the header row
  // on every printed page, the sheet's name and page numbers in the margins.
  void page_setup(lxw_worksheet* ws, std::size_t last_row, std::size_t last_col, bool header_row) {
    worksheet_set_landscape(ws);
    worksheet_set_paper(ws, 9);  // A4
    worksheet_set_margins(ws, 0.4, 0.4, 0.6, 0.6);
    worksheet_fit_to_pages(ws, 1, 0);
    worksheet_set_header(ws, "&L&A");
    worksheet_set_footer(ws, "&C&P / &N");
    if (header_row) check(worksheet_repeat_rows(ws, 0, 0));
    check(worksheet_print_area(ws, 0, 0, static_cast<lxw_row_t>(last_row), static_cast<lxw_col_t>(last_col)));
  }

  // A native stacked bar chart beside the chart's data (categories in column
  // A, a series a column from B, names in row 1), first category on top.
  bool insert_chart(lxw_worksheet* ws, const Chart& c, std::size_t n, std::size_t ncols) {
    std::size_t nseries = std::min(c.series.size(), ncols - 1);
    if (n == 0 || nseries == 0) return false;
    // The first bars only (most tasks first), so the chart fits its page.
    n = std::min(n, kChartBars);
    const char* sheet = current_name_->c_str();
    lxw_chart* chart = workbook_add_chart(wb_, LXW_CHART_BAR_STACKED);
    if (!chart) return fail("cannot create a chart"), false;
    lxw_row_t last = static_cast<lxw_row_t>(n);
    for (std::size_t k = 0; k < nseries; ++k) {
      lxw_chart_series* s = chart_add_series(chart, nullptr, nullptr);
      if (!s) return fail("cannot add a chart series"), false;
      lxw_col_t col = static_cast<lxw_col_t>(k + 1);
      chart_series_set_categories(s, sheet, 1, 0, last, 0);
      chart_series_set_values(s, sheet, 1, col, last, col);
      chart_series_set_name_range(s, sheet, 0, col);
    }
    // From the header cell, so a title starting with "=" is not a formula.
    if (!c.title.empty()) chart_title_set_name_range(chart, sheet, 0, 0);
    // In a bar chart libxlsxwriter's y_axis is the (vertical) category axis:
    // reversed, the first category is on top; crossing at its maximum keeps
    // the value axis at the bottom.
    chart_axis_set_reverse(chart->y_axis);
    chart_axis_set_crossing_max(chart->y_axis);
    chart_legend_set_position(chart, LXW_CHART_LEGEND_TOP);
    lxw_chart_options opt{};
    opt.x_offset = 12;
    opt.y_offset = 4;
    opt.x_scale = 1.5;                                           // 720 px wide
    opt.y_scale = std::clamp((90.0 + 24.0 * n) / 288.0, 1.0, 40.0);  // 24 px a bar
    check(worksheet_insert_chart_opt(ws, 0, static_cast<lxw_col_t>(ncols + 1), chart, &opt));
    return true;
  }

  // Names the first cut cells (sheet, row, column) on standard error.
  void cut_cell(const Table& t, std::size_t r, std::size_t c, const std::string& text) {
    if (++cut_cells_ > kCutCellsNamed || !warn_) return;
    std::string column = c < t.columns.size() ? (t.columns[c].zh.empty() ? t.columns[c].key : t.columns[c].zh)
                                              : fmt::format("{}", c + 1);
    warn_(fmt::format("xlsx: sheet \"{}\", row {}, column \"{}\": a cell of {} characters cut at "
                      "Excel's {}; csv, tsv and jsonl hold the whole text",
                      *current_name_, r, column, utf8::length(text), kMaxCellUnits));
  }

  static double fit_width(std::size_t display) {
    return std::clamp(static_cast<double>(display) + 2, kMinWidth, kMaxWidth);
  }

  void check(lxw_error e) {
    if (e != LXW_NO_ERROR) fail(lxw_strerror(e));
  }

  void fail(std::string message) {
    if (error_.empty()) error_ = std::move(message);
  }

  static constexpr std::size_t kCutCellsNamed = 10;
  lxw_workbook* wb_;
  std::function<void(const std::string&)> warn_;
  std::size_t cut_cells_ = 0;
  lxw_format* header_;
  lxw_format* wrap_;
  lxw_format* top_;
  lxw_format* title_;
  SheetNames names_;
  std::list<std::string> names_kept_;  // alive until the workbook is closed
  const std::string* current_name_ = nullptr;
  int sheets_ = 0;
  std::string error_;
};

// The workbook's creation time: $SOURCE_DATE_EPOCH when set (the same input
// then gives the same bytes), else 0, which libxlsxwriter takes as now.
time_t creation_time() {
  const char* epoch = std::getenv("SOURCE_DATE_EPOCH");
  long long t = 0;
  if (!epoch || !*epoch) return 0;
  auto [ptr, ec] = std::from_chars(epoch, epoch + std::strlen(epoch), t);
  return ec == std::errc() && *ptr == '\0' && t > 0 ? static_cast<time_t>(t) : 0;
}

// The day of the run, for the cover: the creation time's, YYYY-MM-DD.
std::string run_date() {
  time_t t = creation_time();
  if (t == 0) t = std::time(nullptr);
  std::tm tm{};
  localtime_r(&t, &tm);
  char buf[16];
  std::strftime(buf, sizeof buf, "%Y-%m-%d", &tm);
  return buf;
}

class XlsxSink : public Sink {
 public:
  XlsxSink(Output& out, const SinkOptions& opt) : out_(out), opt_(opt) {}

  void begin_table(std::string_view title, const std::vector<Column>& columns) override {
    begin_table(title, columns, {}, {});
  }

  void begin_table(std::string_view title, const std::vector<Column>& columns, std::string_view short_title,
                   std::string_view) override {
    end_table();
    tables_.push_back({std::string(title), std::string(short_title), columns, {}, std::nullopt});
    open_ = true;
  }

  void row(const std::vector<std::string>& cells) override {
    if (!open_) begin_table("", {});
    tables_.back().rows.push_back(cells);
  }

  void end_table() override { open_ = false; }

  // Notes go to the first sheet, 说明, one a row (see the top of this file).
  void note(std::string_view text) override { notes_.emplace_back(text); }

  void chart(const Chart& c) override {
    end_table();
    Table t{c.title, {}, {{"category", c.title}}, {}, c};
    for (const auto& s : c.series) t.columns.push_back({s, s, Column::Type::number});
    for (std::size_t i = 0; i < c.categories.size(); ++i) {
      std::vector<std::string> row{c.categories[i]};
      for (std::size_t k = 0; k < c.series.size(); ++k)
        row.push_back(chart_number(i < c.values.size() && k < c.values[i].size() ? c.values[i][k] : 0));
      t.rows.push_back(std::move(row));
    }
    tables_.push_back(std::move(t));
  }

  Result<bool> finish() override {
    end_table();
    if (finished_) return true;
    finished_ = true;
    TempFile file;
    if (!file.create())
      return Error::plain(fmt::format("xlsx: cannot create a temporary file in {}: {}", file.dir(),
                                      std::strerror(errno)));
    lxw_workbook_options options{};
    options.constant_memory = LXW_FALSE;
    options.tmpdir = file.dir().data();
    options.use_zip64 = LXW_FALSE;
    lxw_workbook* wb = workbook_new_opt(file.path().c_str(), &options);
    if (!wb) return Error::plain("xlsx: cannot create a workbook");
    std::string error;
    {
      WorkbookWriter writer(wb, opt_.warn);
      lxw_doc_properties props{};
      // No control character may reach the XML of the properties.
      std::string title = utf8::visible(opt_.title);
      if (!title.empty()) props.title = title.data();
      props.created = creation_time();
      workbook_set_properties(wb, &props);
      // A titled workbook (a report) opens with its cover; others only when
      // they have notes.
      if (!notes_.empty() || !opt_.title.empty()) writer.cover(title, notes_, run_date());
      for (Table& t : tables_) {
        writer.table(t);
        t = Table{};  // the workbook holds it now
      }
      if (!writer.wrote_a_sheet()) workbook_add_worksheet(wb, nullptr);  // Excel needs one
      writer.finish_warnings();
      error = writer.error();
      // Closes (and frees) the workbook even after an error: nothing leaks.
      lxw_error closed = workbook_close(wb);
      if (error.empty() && closed != LXW_NO_ERROR) error = lxw_strerror(closed);
    }
    if (!error.empty()) return Error::plain("xlsx: " + error);
    std::ifstream in(file.path(), std::ios::binary);
    const std::string where = file.path();
    // Open, it needs no name: nothing is left in $TMPDIR if writing the
    // bytes out ends the program (| head -c 100 closes the pipe).
    file.remove();
    std::ostringstream bytes;
    if (in.is_open()) bytes << in.rdbuf();
    if (bytes.str().empty())
      return Error::plain(fmt::format("xlsx: cannot read back {}", where));
    out_.write(bytes.str());
    out_.flush();
    return true;
  }

 private:
  Output& out_;
  SinkOptions opt_;
  std::vector<Table> tables_;
  std::vector<std::string> notes_;
  bool open_ = false;
  bool finished_ = false;
};

}  // namespace

std::unique_ptr<Sink> make_xlsx_sink(Output& out, const SinkOptions& options) {
  return std::make_unique<XlsxSink>(out, options);
}

}  // namespace policy::print

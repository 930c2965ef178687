#include "policy/structure/table.h"

#include <algorithm>
#include <cstring>
#include <deque>
#include <optional>
#include <string>

#include "policy/structure/label.h"
#include "policy/text/numeral.h"
#include "policy/text/utf8.h"

namespace policy::structure {

namespace {

struct LineInfo {
  bool blank = true;       // nothing but blanks
  int tabs = 0;            // TABs among the leading blanks
  std::size_t content = 0; // byte offset in the line of the first non-blank
};

LineInfo inspect(std::string_view line) {
  LineInfo info;
  std::size_t i = 0;
  while (i < line.size()) {
    std::size_t j = i;
    char32_t c = utf8::next(line, j);
    if (!utf8::is_space(c)) {
      info.blank = false;
      break;
    }
    if (c == '\t') ++info.tabs;
    i = j;
  }
  info.content = i;
  return info;
}

// A serial number cell: 1, 12, 一, 十二, optionally with a trailing . or 、
bool is_serial(std::string_view s) {
  s = utf8::trim(s);
  if (s.empty()) return false;
  for (std::string_view tail : {".", "、", "．"})
    if (s.size() > tail.size() && s.substr(s.size() - tail.size()) == tail)
      s.remove_suffix(tail.size());
  if (utf8::length(s) > 4) return false;
  return text::parse_label_number(s).has_value();
}

bool fit_header_cell(const Cell& c) {
  return !c.text.empty() && utf8::length(c.text) <= 30 && c.text.find("。") == std::string::npos;
}

bool is_header_like(const std::vector<Cell>& cells) {
  if (cells.size() < 2) return false;
  for (const Cell& c : cells)
    if (!fit_header_cell(c)) return false;
  return true;
}

// A group heading names a part of the table; a line ending like a sentence
// is text around it.
bool ends_sentence(std::string_view s) {
  for (std::string_view end : {"。", "；", ";", "！", "？"})
    if (s.size() >= end.size() && s.substr(s.size() - end.size()) == end) return true;
  return false;
}

// s without its blanks (utf8::squash) into out, whose room is kept from call
// to call: comparing every row with the header would otherwise allocate two
// strings a row.
void squash_into(std::string& out, std::string_view s) {
  out.clear();
  std::size_t i = 0, run = 0;
  while (i < s.size()) {
    const std::size_t start = i;
    if (!utf8::is_space(utf8::next(s, i))) continue;
    out.append(s.substr(run, start - run));
    run = i;
  }
  out.append(s.substr(run));
}

bool is_serial_column(std::string_view name) {
  return name.find("序号") != std::string::npos || name.find("编号") != std::string::npos ||
         name == "序";
}

class TableFinder {
 public:
  explicit TableFinder(const text::Document& doc) : doc_(doc) {
    infos_.resize(doc.line_count() + 1);
    for (std::size_t n = 1; n <= doc.line_count(); ++n) infos_[n] = inspect(doc.line(n));
    word_fails_.assign(infos_.size(), false);
    row_fails_.assign(infos_.size(), false);
  }

  std::size_t lines_visited() const { return visited_; }
  // The texts of the cells whose lines were joined, for the tables run() found.
  std::deque<std::string>& joined() { return joined_; }

  std::vector<Table> run() {
    std::vector<Table> tables;
    int base = -1;
    for (std::size_t n = 1; n < infos_.size(); ++n)
      if (!infos_[n].blank && (base < 0 || infos_[n].tabs < base)) base = infos_[n].tabs;
    if (base < 0) return tables;
    std::size_t n = 1;
    while (n < infos_.size()) {
      std::optional<Table> t;
      if (!infos_[n].blank && infos_[n].tabs > base && !word_fails_[n]) t = try_table(n);
      if (!t && has_tab(n) && !row_fails_[n]) t = try_row_table(n);
      if (t) {
        n = t->line_last + 1;
        tables.push_back(std::move(*t));
        continue;
      }
      ++n;
    }
    return tables;
  }

 private:
  std::string_view content(std::size_t n) const {
    return utf8::trim_right(doc_.line(n).substr(infos_[n].content));
  }

  // Cell texts on a cell line: usually one; a line that holds several cells
  // separated by TABs (a lost line break) gives several. Written into a
  // buffer kept for the next line (nothing else reads it meanwhile).
  const std::vector<std::string_view>& cell_pieces(std::size_t n) {
    std::vector<std::string_view>& out = pieces_;
    out.clear();
    std::string_view rest = content(n);
    while (true) {
      std::size_t tab = rest.find('\t');
      out.emplace_back(utf8::trim(rest.substr(0, tab)));
      if (tab == std::string_view::npos) break;
      rest = utf8::trim_left(rest.substr(tab + 1));
      if (rest.empty()) break;
    }
    return out;
  }

  // A cell that wraps goes on with `more`. Its joined text is kept in
  // joined_; the cell that goes on is always the last one made, so once
  // joined its text is joined_.back() and grows in place.
  void join(Cell& cell, std::string_view sep, std::string_view more) {
    if (joined_.empty() || cell.text.data() != joined_.back().data()) {
      // Room for one more such line too: a cell that wraps once mostly
      // wraps again, and each regrowth cost an allocation and a copy.
      std::string& made = joined_.emplace_back();
      made.reserve(cell.text.size() + 2 * (sep.size() + more.size()));
      made.append(cell.text);
    }
    std::string& text = joined_.back();
    text.append(sep).append(more);
    cell.text = text;
  }

  // A failed attempt drops the texts it joined: no table points to them.
  std::optional<Table> try_table(std::size_t first) {
    const std::size_t mark = joined_.size();
    auto t = try_word_table(first);
    if (!t) joined_.resize(mark);
    return t;
  }
  std::optional<Table> try_row_table(std::size_t first) {
    const std::size_t mark = joined_.size();
    auto t = try_line_table(first);
    if (!t) joined_.resize(mark);
    return t;
  }

  std::optional<Table> try_word_table(std::size_t first) {
    const int depth = infos_[first].tabs;
    auto is_cell_line = [&](std::size_t n) { return infos_[n].tabs >= depth; };
    auto is_blank_line = [&](std::size_t n) { return infos_[n].blank && !is_cell_line(n); };

    Table table;
    Row header;
    header.kind = RowKind::header;
    header.line_first = first;
    std::size_t n = first;
    for (; n < infos_.size() && !is_blank_line(n); ++n) {
      ++visited_;
      if (is_cell_line(n)) {
        if (header.cells.size() >= 2 && is_serial(content(n))) break;  // data began
        for (const auto& piece : cell_pieces(n)) header.cells.push_back(Cell{piece, n, n});
      } else {
        if (header.cells.empty()) return std::nullopt;
        Cell& last = header.cells.back();
        join(last, "\n", content(n));
        last.line_last = n;
      }
      header.line_last = n;
    }
    if (!is_header_like(header.cells)) {
      // A start at the same depth up to the last unfit cell has that cell in
      // its header too (the header runs to the same end): it fails as well.
      std::size_t last_bad = first;
      for (const Cell& c : header.cells)
        if (!fit_header_cell(c)) last_bad = c.line_first;
      mark_word_fails(first, last_bad, depth);
      return std::nullopt;
    }
    const std::size_t ncols = header.cells.size();
    for (const Cell& c : header.cells) table.columns.push_back(c.text);
    table.line_first = first;
    table.line_last = header.line_last;
    table.rows.push_back(std::move(header));

    std::optional<Row> row;
    bool after_blank = false;
    auto close = [&]() {
      if (row && !row->cells.empty()) table.rows.push_back(std::move(*row));
      row.reset();
    };
    for (; n < infos_.size(); ++n) {
      ++visited_;
      if (is_blank_line(n)) {
        close();
        after_blank = true;
        continue;
      }
      if (is_cell_line(n)) {
        for (const auto& piece : cell_pieces(n)) {
          if (row && row->cells.size() >= ncols) close();
          if (!row) {
            row.emplace();
            row->line_first = n;
            row->cells.reserve(ncols);  // a row has as many cells as the header, one allocation
          }
          row->cells.push_back(Cell{piece, n, n});
          row->line_last = n;
        }
        table.line_last = n;
      } else if (!after_blank && row && !row->cells.empty()) {
        Cell& last = row->cells.back();
        join(last, "\n", content(n));
        last.line_last = n;
        row->line_last = n;
        table.line_last = n;
      } else {
        break;  // text after a blank line, outside any cell: the table is over
      }
      after_blank = false;
    }
    close();
    if (!classify_rows(table)) {
      // No row at all: the header ran to a blank line or the end, so a start
      // inside it at the same depth has a header that ends there too, and
      // meets the same lines after it: no row either.
      if (table.rows.size() == 1) mark_word_fails(first, table.rows.front().line_last, depth);
      return std::nullopt;
    }
    // Trailing blank lines are not part of the table.
    while (table.line_last > first && infos_[table.line_last].blank &&
           !is_cell_line(table.line_last))
      --table.line_last;
    return table;
  }

  // The cells of a row-per-line table line, split at every TAB: empty cells
  // (two TABs in a row, a leading or trailing TAB) are kept. Written into
  // `out`, a buffer the caller reuses.
  void row_cells(std::size_t n, std::vector<std::string_view>& out) const {
    std::string_view line = doc_.line(n);
    while (!line.empty() && (line.back() == '\r' || line.back() == '\n')) line.remove_suffix(1);
    out.clear();
    std::size_t start = 0;
    while (true) {
      std::size_t tab = line.find('\t', start);
      out.emplace_back(utf8::trim(line.substr(start, tab == std::string_view::npos ? tab : tab - start)));
      if (tab == std::string_view::npos) break;
      start = tab + 1;
    }
  }
  // How many cells row_cells(n) gives: one more than the line's TABs.
  std::size_t row_cell_count(std::size_t n) const {
    const std::string_view line = doc_.line(n);
    return 1 + static_cast<std::size_t>(std::count(line.begin(), line.end(), '\t'));
  }

  bool has_tab(std::size_t n) const {
    return !infos_[n].blank && doc_.line(n).find('\t') != std::string_view::npos;
  }

  // A table pasted one row a line, cells separated by TABs (what a Word
  // table becomes when pasted into a plain-text editor):
  //
  //   序号\t重点任务\t牵头单位\t完成时间
  //   1\t制定标准体系框架\t省市场监管局\t2023年6月底前
  //   一、数字政府                      (one cell: a group heading)
  //   2\t建设标准化公共服务\t省大数据局\t持续推进
  //   平台                               (a cell that wrapped: the row goes on)
  //
  // A row whose cells fall short of the header's goes on over the next line,
  // unless that line starts a new serial number. Blank lines may separate rows.
  std::optional<Table> try_line_table(std::size_t first) {
    Row header;
    header.kind = RowKind::header;
    header.line_first = header.line_last = first;
    std::vector<std::string_view>& cells = pieces_;
    row_cells(first, cells);
    for (std::string_view text : cells) header.cells.push_back(Cell{text, first, first});
    while (!header.cells.empty() && header.cells.back().text.empty()) header.cells.pop_back();
    if (!is_header_like(header.cells)) return std::nullopt;
    // 一、\t总体要求 is a heading with a TAB in it, not a header row.
    for (const Cell& c : header.cells)
      if (is_serial(c.text) || recognize_label(c.text)) return std::nullopt;
    Table table;
    for (const Cell& c : header.cells) table.columns.push_back(c.text);
    const std::size_t ncols = table.columns.size();
    const bool serial_first = is_serial_column(table.columns.front());
    table.line_first = table.line_last = first;
    table.rows.push_back(std::move(header));

    std::optional<Row> row;
    auto close = [&]() {
      if (row && !row->cells.empty()) table.rows.push_back(std::move(*row));
      row.reset();
    };
    // Whether line n, after blanks, is a full row: what makes a TAB-less
    // line before it a group heading rather than text after the table.
    auto full_row_at = [&](std::size_t n) {
      while (n < infos_.size() && infos_[n].blank) ++n;
      return n < infos_.size() && has_tab(n) && row_cell_count(n) >= ncols;
    };
    bool after_blank = false;
    for (std::size_t n = first + 1; n < infos_.size(); ++n) {
      ++visited_;
      if (infos_[n].blank) {
        after_blank = true;
        continue;
      }
      const bool open = row && row->cells.size() < ncols && !after_blank;
      if (!has_tab(n)) {
        if (open) {  // a wrapped cell goes on
          Cell& last = row->cells.back();
          join(last, "\n", content(n));
          last.line_last = row->line_last = table.line_last = n;
        } else if (utf8::length(content(n)) <= 60 && !ends_sentence(content(n)) &&
                   full_row_at(n + 1)) {
          close();
          Row group;
          group.kind = RowKind::group;
          group.line_first = group.line_last = table.line_last = n;
          group.cells.push_back(Cell{content(n), n, n});
          table.rows.push_back(std::move(group));
        } else {
          break;  // text after the table
        }
        after_blank = false;
        continue;
      }
      row_cells(n, cells);
      const bool new_serial = serial_first && is_serial(cells.front());
      std::size_t from = 0;  // the cells that start here (the first may go on a cell)
      if (open && !new_serial) {
        Cell& last = row->cells.back();
        if (!cells.front().empty()) join(last, "\n", cells.front());
        last.line_last = n;
        from = 1;
      } else {
        close();
        row.emplace();
        row->line_first = n;
        row->cells.reserve(std::max(ncols, cells.size()));  // one allocation a row
      }
      for (std::size_t k = from; k < cells.size(); ++k) row->cells.push_back(Cell{cells[k], n, n});
      row->line_last = table.line_last = n;
      if (row->cells.size() >= ncols) close();
      after_blank = false;
    }
    close();
    // Cells past the header's width: empty ones (TABs at a line's end) are
    // dropped, others join the last column, blank-separated, so no text is lost.
    for (Row& r : table.rows) {
      while (r.cells.size() > ncols && r.cells.back().text.empty()) r.cells.pop_back();
      if (r.cells.size() <= ncols) continue;
      Cell& last = r.cells[ncols - 1];
      Cell merged{std::string_view(), last.line_first, last.line_last};
      for (std::size_t k = ncols - 1; k < r.cells.size(); ++k) {
        const Cell& c = r.cells[k];
        merged.line_last = std::max(merged.line_last, c.line_last);
        if (c.text.empty()) continue;
        if (merged.text.empty()) merged.text = c.text;
        else join(merged, " ", c.text);
      }
      last = merged;
      r.cells.resize(ncols);
    }
    if (!classify_rows(table)) {
      // Only repeated headers. A start at one of them that is one line with
      // exactly the header's cells has the same columns and meets the same
      // lines after it in the same state: it fails the same way. Marking
      // them keeps a long run of such lines linear.
      for (std::size_t r = 1; r < table.rows.size(); ++r) {
        const Row& rw = table.rows[r];
        if (rw.kind != RowKind::repeated_header || rw.line_first != rw.line_last) continue;
        row_cells(rw.line_first, cells);
        while (!cells.empty() && cells.back().empty()) cells.pop_back();
        if (cells == table.columns) row_fails_[rw.line_first] = true;
      }
      return std::nullopt;
    }
    return table;
  }

  // Sets each row's kind after the header: a repeated header, a one-cell
  // group heading, or data. False when no row holds data.
  bool classify_rows(Table& table) {
    const std::size_t ncols = table.columns.size();
    bool has_data = false;
    const bool serial_first = is_serial_column(table.columns.front());
    // The header squashed once, not once a row.
    if (squashed_columns_.size() < ncols) squashed_columns_.resize(ncols);
    for (std::size_t c = 0; c < ncols; ++c) squash_into(squashed_columns_[c], table.columns[c]);
    for (std::size_t r = 1; r < table.rows.size(); ++r) {
      Row& rw = table.rows[r];
      bool same = rw.cells.size() == ncols;
      for (std::size_t c = 0; same && c < ncols; ++c) {
        squash_into(squashed_, rw.cells[c].text);
        same = squashed_ == squashed_columns_[c];
      }
      if (same) {
        rw.kind = RowKind::repeated_header;
      } else if (rw.cells.size() == 1) {
        rw.kind = RowKind::group;
      } else {
        rw.kind = RowKind::data;
        has_data = true;
        if (serial_first && rw.cells.size() < ncols && !rw.cells.front().text.empty() &&
            !is_serial(rw.cells.front().text) && rw.cells.front().text != "-") {
          Cell empty{std::string_view(), rw.line_first, rw.line_first};
          rw.cells.insert(rw.cells.begin(), empty);
        }
      }
    }
    return has_data;
  }

  void mark_word_fails(std::size_t from, std::size_t to, int depth) {
    for (std::size_t n = from; n <= to && n < infos_.size(); ++n)
      if (infos_[n].tabs == depth) word_fails_[n] = true;
  }

  const text::Document& doc_;
  std::vector<LineInfo> infos_;
  // Lines known not to start a table (of each kind): a failed attempt that
  // scanned far proves it for the starts after it, so no line is scanned
  // again and again (20 000 lines a\tb\tc once took 51 s).
  std::vector<bool> word_fails_, row_fails_;
  std::size_t visited_ = 0;
  std::deque<std::string> joined_;
  // Buffers kept from line to line and row to row, so that reading a line's
  // cells or comparing a row with the header allocates nothing.
  std::vector<std::string_view> pieces_;
  std::string squashed_;
  std::vector<std::string> squashed_columns_;
};

}  // namespace

std::vector<Table> find_tables(const text::Document& doc, TextStore& joined, std::size_t* lines_visited) {
  // Every table starts at a line with a TAB (a cell line is deeper than the
  // text around it, a row line holds one): without one, there is none, and
  // the lines need no reading (most documents have no TAB).
  const std::string& text = doc.text();
  if (std::memchr(text.data(), '\t', text.size()) == nullptr) {
    if (lines_visited) *lines_visited = 0;
    return {};
  }
  TableFinder finder(doc);
  auto tables = finder.run();
  if (lines_visited) *lines_visited = finder.lines_visited();
  if (!finder.joined().empty()) joined.keep(finder.joined());
  return tables;
}

}  // namespace policy::structure

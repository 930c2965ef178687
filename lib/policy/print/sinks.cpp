// The streaming and terminal printers: csv, tsv, jsonl, text, markdown.
#include <unicode/uchar.h>

#include <algorithm>
#include <array>
#include <atomic>
#include <cctype>
#include <cstring>
#include <numeric>

#include <fmt/format.h>

#include "policy/core/strings.h"
#include "policy/print/json_writer.h"
#include "policy/print/sink.h"
#include "policy/print/sink_formats.h"
#include "policy/print/text_layout.h"
#include "policy/text/utf8.h"

namespace policy::print {

std::optional<Format> parse_format(std::string_view name) {
  if (name == "text") return Format::text;
  if (name == "markdown" || name == "md") return Format::markdown;
  if (name == "csv") return Format::csv;
  if (name == "tsv") return Format::tsv;
  if (name == "jsonl" || name == "json") return Format::jsonl;
  if (name == "xlsx") return Format::xlsx;
  if (name == "html") return Format::html;
  return std::nullopt;
}

const char* to_string(Format f) {
  switch (f) {
    case Format::text: return "text";
    case Format::markdown: return "markdown";
    case Format::csv: return "csv";
    case Format::tsv: return "tsv";
    case Format::jsonl: return "jsonl";
    case Format::xlsx: return "xlsx";
    case Format::html: return "html";
  }
  return "text";
}

namespace {

// The file extensions -o understands, and the format each picks.
constexpr std::pair<std::string_view, Format> kExtensions[] = {
    {"csv", Format::csv},       {"tsv", Format::tsv},   {"tab", Format::tsv},
    {"jsonl", Format::jsonl},   {"json", Format::jsonl}, {"ndjson", Format::jsonl},
    {"md", Format::markdown},   {"markdown", Format::markdown},
    {"xlsx", Format::xlsx},     {"html", Format::html}, {"htm", Format::html},
    {"txt", Format::text}};

}  // namespace

std::optional<Format> format_from_path(std::string_view path) {
  std::size_t dot = path.rfind('.');
  if (dot == std::string_view::npos) return std::nullopt;
  std::string ext(path.substr(dot + 1));
  std::transform(ext.begin(), ext.end(), ext.begin(), [](unsigned char c) { return std::tolower(c); });
  for (const auto& [name, format] : kExtensions)
    if (ext == name) return format;
  return std::nullopt;
}

std::string known_extensions() {
  std::string out;
  for (const auto& [name, format] : kExtensions) out += (out.empty() ? "." : " .") + std::string(name);
  return out;
}

namespace {

// Columns a character above ASCII takes: none for a combining mark or a
// zero-width one, two for a wide or full-width one, else one.
std::size_t width_by_properties(char32_t c) {
  if (u_getCombiningClass(c) != 0 || c == 0x200B || c == 0xFEFF) return 0;
  const int ea = u_getIntPropertyValue(c, UCHAR_EAST_ASIAN_WIDTH);
  return (ea == U_EA_WIDE || ea == U_EA_FULLWIDTH) ? 2 : 1;
}

// The same, remembered per BMP code point (0: not asked yet, else width + 1):
// a report prints millions of characters of a few thousand kinds, and two
// ICU property lookups a character were a third of policy-report's time.
// Relaxed atomics: threads that race store the same value.
std::size_t bmp_width(char32_t c) {
  static std::array<std::atomic<std::uint8_t>, 0x10000> known{};
  std::atomic<std::uint8_t>& k = known[c];
  std::uint8_t v = k.load(std::memory_order_relaxed);
  if (v == 0) {
    v = static_cast<std::uint8_t>(width_by_properties(c) + 1);
    k.store(v, std::memory_order_relaxed);
  }
  return v - 1u;
}

}  // namespace

std::size_t display_width(std::string_view s) {
  std::size_t w = 0, i = 0;
  while (i < s.size()) {
    char32_t c = utf8::next(s, i);
    if (c == 0x1B && i < s.size() && s[i] == '[') {
      // An ANSI colour sequence, ESC [ … final byte: nothing on screen.
      while (++i < s.size() && !(s[i] >= 0x40 && s[i] <= 0x7E)) {
      }
      ++i;
      continue;
    }
    if (c < 0x20) continue;
    if (c < 0x7F) {
      ++w;
      continue;
    }
    w += c < 0x10000 ? bmp_width(c) : width_by_properties(c);
  }
  return w;
}

std::string neutralize_formula(std::string_view cell) {
  if (cell.empty()) return {};
  char c = cell.front();
  if (c != '=' && c != '+' && c != '-' && c != '@' && c != '\t' && c != '\r')
    return std::string(cell);
  if (cell == "-" || cell == "+") return std::string(cell);
  // A plain signed number is data, not a formula.
  if (c == '-' || c == '+') {
    std::size_t i = 1, digits = 0;
    bool dot = false;
    for (; i < cell.size(); ++i) {
      if (std::isdigit(static_cast<unsigned char>(cell[i]))) ++digits;
      else if (cell[i] == '.' && !dot) dot = true;
      else break;
    }
    if (i == cell.size() && digits > 0) return std::string(cell);
  }
  return "'" + std::string(cell);
}

void Sink::chart(const Chart& c) {
  std::vector<Column> columns{{"category", c.title}};
  for (const auto& s : c.series) columns.push_back({s, s, Column::Type::number});
  begin_table(c.title, columns);
  for (std::size_t i = 0; i < c.categories.size(); ++i) {
    std::vector<std::string> row{c.categories[i]};
    for (std::size_t k = 0; k < c.series.size(); ++k) {
      double v = i < c.values.size() && k < c.values[i].size() ? c.values[i][k] : 0;
      row.push_back(v == static_cast<long long>(v) ? std::to_string(static_cast<long long>(v))
                                                   : fmt::format("{}", v));
    }
    row.resize(columns.size());
    this->row(row);
  }
  end_table();
}

namespace {

const std::string& header_of(const Column& c, bool chinese) {
  return chinese && !c.zh.empty() ? c.zh : c.key;
}

// ---------------------------------------------------------------- csv / tsv

class DelimitedSink : public Sink {
 public:
  DelimitedSink(Output& out, const SinkOptions& opt, bool csv) : out_(out), opt_(opt), csv_(csv) {}

  void begin_table(std::string_view, const std::vector<Column>& columns) override {
    std::vector<std::string> names;
    for (const Column& c : columns) names.push_back(header_of(c, opt_.chinese_headers));
    if (started_ && names == header_) return;
    if (!started_ && csv_ && opt_.bom) out_.write("\xEF\xBB\xBF");
    if (started_) out_.write(csv_ ? "\r\n" : "\n");
    header_ = names;
    started_ = true;
    write_row(names, /*neutralize=*/false);
  }

  void row(const std::vector<std::string>& cells) override { write_row(cells, csv_); }

  Result<bool> finish() override {
    out_.flush();
    return true;
  }

 private:
  void write_row(const std::vector<std::string>& cells, bool neutralize) {
    line_.clear();
    for (std::size_t i = 0; i < cells.size(); ++i) {
      if (i) line_.push_back(csv_ ? ',' : '\t');
      if (csv_) append_csv(neutralize ? neutralize_formula(cells[i]) : cells[i]);
      else append_tsv(cells[i]);
    }
    line_ += csv_ ? "\r\n" : "\n";
    out_.write(line_);
  }

  void append_csv(const std::string& cell) {
    bool quote = contains_any_byte(cell, ",\"\r\n");
    if (!quote) {
      line_ += cell;
      return;
    }
    line_.push_back('"');
    for (char ch : cell) {
      if (ch == '"') line_.push_back('"');
      line_.push_back(ch);
    }
    line_.push_back('"');
  }

  void append_tsv(const std::string& cell) {
    for (char ch : cell) {
      switch (ch) {
        case '\t': line_ += "\\t"; break;
        case '\n': line_ += "\\n"; break;
        case '\r': line_ += "\\r"; break;
        case '\\': line_ += "\\\\"; break;
        default: line_.push_back(ch);
      }
    }
  }

  Output& out_;
  SinkOptions opt_;
  bool csv_;
  bool started_ = false;
  std::vector<std::string> header_;
  std::string line_;
};

// ---------------------------------------------------------------- jsonl

class JsonlSink : public Sink {
 public:
  explicit JsonlSink(Output& out) : out_(out) {}

  void begin_table(std::string_view, const std::vector<Column>& columns) override {
    columns_ = columns;
  }

  void row(const std::vector<std::string>& cells) override {
    line_.clear();
    JsonWriter w(line_);
    w.begin_object();
    for (std::size_t i = 0; i < columns_.size(); ++i) {
      w.key(columns_[i].key);
      const std::string& v = i < cells.size() ? cells[i] : empty_;
      if (columns_[i].type == Column::Type::text) {
        w.value(v);
      } else if (v.empty() || !looks_numeric(v)) {
        if (v.empty()) w.null();
        else w.value(v);
      } else {
        w.raw(v);
      }
    }
    w.end_object();
    w.flush();
    line_.push_back('\n');
    out_.write(line_);
  }

  Result<bool> finish() override {
    out_.flush();
    return true;
  }

 private:
  static bool looks_numeric(const std::string& v) {
    std::size_t i = (v[0] == '-') ? 1 : 0;
    bool digit = false, dot = false;
    for (; i < v.size(); ++i) {
      if (std::isdigit(static_cast<unsigned char>(v[i]))) digit = true;
      else if (v[i] == '.' && !dot) dot = true;
      else return false;
    }
    return digit && v.back() != '.';
  }

  Output& out_;
  std::vector<Column> columns_;
  std::string line_;
  const std::string empty_;
};

// ---------------------------------------------------------------- text

class TextSink : public Sink {
 public:
  TextSink(Output& out, const SinkOptions& opt) : out_(out), opt_(opt) {}

  void begin_table(std::string_view title, const std::vector<Column>& columns) override {
    flush_rows();
    columns_ = columns;
    if (!title.empty()) {
      if (tables_++) out_.write("\n");
      // A title wider than the table's room wraps like a cell.
      const std::string shown = utf8::visible(title);
      std::vector<std::string> lines{shown};
      if (opt_.width > 0 && display_width(shown) > opt_.width) lines = wrap_text(shown, opt_.width);
      for (const std::string& line : lines)
        out_.write(opt_.color ? fmt::format("\x1b[1m{}\x1b[0m\n", line) : fmt::format("{}\n", line));
    }
    header_pending_ = true;
  }

  void row(const std::vector<std::string>& cells) override {
    // A document's escape sequences must not reach the terminal: shown as \x1b.
    auto& r = rows_.emplace_back();
    for (const auto& c : cells) r.push_back(utf8::visible(c, /*keep_newlines=*/true));
    if (rows_.size() >= 1000) flush_rows();  // bounded memory: align per block
  }

  void row(const std::vector<std::string>& cells, const std::vector<Marks>& marks) override {
    if (!opt_.color) return row(cells);
    auto& r = rows_.emplace_back();
    for (std::size_t i = 0; i < cells.size(); ++i) {
      const std::string& c = cells[i];
      std::string shown;
      std::size_t at = 0;
      if (i < marks.size())
        for (const auto& [begin, end] : marks[i]) {
          if (begin < at || end > c.size() || begin >= end) continue;
          shown += utf8::visible(std::string_view(c).substr(at, begin - at), true);
          shown += "\x1b[1;31m" + utf8::visible(std::string_view(c).substr(begin, end - begin), true) + "\x1b[0m";
          at = end;
        }
      shown += utf8::visible(std::string_view(c).substr(at), true);
      r.push_back(std::move(shown));
    }
    if (rows_.size() >= 1000) flush_rows();
  }

  void end_table() override { flush_rows(); }

  void note(std::string_view text) override {
    flush_rows();
    out_.write(utf8::visible(text, /*keep_newlines=*/true));
    out_.write("\n");
  }

  Result<bool> finish() override {
    flush_rows();
    out_.flush();
    return true;
  }

 private:
  // The cell as a terminal shows it: a path column by its file name.
  static std::string shown_cell(const Column& c, const std::string& cell) {
    if (c.in_text != Column::InText::file_name) return cell;
    std::size_t slash = cell.rfind('/');
    return slash == std::string::npos ? cell : cell.substr(slash + 1);
  }

  static std::size_t widest_line(std::string_view cell) {
    std::size_t widest = 0, start = 0;
    while (true) {
      std::size_t nl = cell.find('\n', start);
      widest = std::max(widest, display_width(cell.substr(start, nl == std::string_view::npos
                                                                     ? nl : nl - start)));
      if (nl == std::string_view::npos) return widest;
      start = nl + 1;
    }
  }

  void flush_rows() {
    if (columns_.empty() || (rows_.empty() && !header_pending_)) return;
    // Machine-only columns stay out of a terminal table, and so do columns
    // empty in every row: on a narrow screen their room is better used.
    auto empty_everywhere = [&](std::size_t i) {
      if (rows_.empty()) return false;
      for (const auto& r : rows_)
        if (i < r.size() && !r[i].empty()) return false;
      return true;
    };
    std::vector<std::size_t> shown, kept;
    for (std::size_t i = 0; i < columns_.size(); ++i) {
      if (columns_[i].in_text == Column::InText::hidden) continue;
      kept.push_back(i);
      if (!empty_everywhere(i)) shown.push_back(i);
    }
    if (shown.empty()) shown = kept;
    const std::size_t n = shown.size();
    auto cells_of = [&](const std::vector<std::string>& row) {
      std::vector<std::string> cells(n);
      for (std::size_t k = 0; k < n; ++k)
        if (shown[k] < row.size()) cells[k] = shown_cell(columns_[shown[k]], row[shown[k]]);
      return cells;
    };
    std::vector<std::string> head;
    for (std::size_t i : shown) head.push_back(columns_[i].zh.empty() ? columns_[i].key : columns_[i].zh);
    std::vector<std::vector<std::string>> body;
    for (const auto& r : rows_) body.push_back(cells_of(r));

    // Each column gets a share of the width by how much text it holds (its
    // header always fits), and cells wrap within it.
    std::vector<std::size_t> natural(n), header(n), minimum(n), bulk(n);
    for (std::size_t k = 0; k < n; ++k) {
      header[k] = natural[k] = bulk[k] = widest_line(head[k]);
      for (const auto& r : body) {
        natural[k] = std::max(natural[k], widest_line(r[k]));
        bulk[k] += display_width(r[k]);
      }
      // A column of short codes (2025-04, 附件2/29) stays whole when there
      // is room; longer text may wrap down to its header's width.
      minimum[k] = natural[k] <= 12 ? natural[k] : header[k];
    }
    const std::size_t gaps = n > 0 ? 2 * (n - 1) : 0;
    const std::size_t room = opt_.width > gaps ? opt_.width - gaps : 0;
    if (std::accumulate(minimum.begin(), minimum.end(), std::size_t{0}) > room) minimum = header;
    std::vector<std::size_t> width =
        opt_.width == 0 ? natural : fit_columns(natural, minimum, bulk, room);
    std::string buf;
    auto emit = [&](const std::vector<std::string>& row, bool bold) {
      std::vector<std::vector<std::string>> cells(n);
      std::size_t height = 1;
      for (std::size_t k = 0; k < n; ++k) {
        cells[k] = wrap_text(row[k], width[k]);
        height = std::max(height, cells[k].size());
      }
      for (std::size_t line = 0; line < height; ++line) {
        std::string text;
        for (std::size_t k = 0; k < n; ++k) {
          const std::string& piece = line < cells[k].size() ? cells[k][line] : std::string();
          text += piece;
          const std::size_t used = display_width(piece);
          if (k + 1 < n) text.append(width[k] > used ? width[k] - used + 2 : 2, ' ');
        }
        std::string_view t = utf8::trim_right(text);
        if (bold && opt_.color) buf += fmt::format("\x1b[1m{}\x1b[0m\n", t);
        else {
          buf.append(t);
          buf.push_back('\n');
        }
      }
    };
    if (header_pending_) emit(head, true);
    for (const auto& r : body) emit(r, false);
    out_.write(buf);
    rows_.clear();
    header_pending_ = false;
  }

  Output& out_;
  SinkOptions opt_;
  std::vector<Column> columns_;
  std::vector<std::vector<std::string>> rows_;
  bool header_pending_ = false;
  int tables_ = 0;
};

// ---------------------------------------------------------------- markdown

class MarkdownSink : public Sink {
 public:
  MarkdownSink(Output& out) : out_(out) {}

  void begin_table(std::string_view title, const std::vector<Column>& columns) override {
    std::string buf;
    if (tables_++) buf += "\n";
    if (!title.empty()) buf += fmt::format("## {}\n\n", escape(title));
    buf += "|";
    for (const Column& c : columns) buf += " " + escape(c.zh.empty() ? c.key : c.zh) + " |";
    buf += "\n|";
    for (std::size_t i = 0; i < columns.size(); ++i) buf += " --- |";
    buf += "\n";
    out_.write(buf);
  }

  void row(const std::vector<std::string>& cells) override {
    std::string buf = "|";
    for (const auto& c : cells) buf += " " + escape(c) + " |";
    buf += "\n";
    out_.write(buf);
  }

  void note(std::string_view text) override {
    out_.write("\n");
    out_.write(utf8::visible(text, /*keep_newlines=*/true));
    out_.write("\n");
  }

  Result<bool> finish() override {
    out_.flush();
    return true;
  }

 private:
  // A cell's text as literal Markdown: every character Markdown or HTML would
  // read as syntax gets a backslash (\| stays in its cell, <b> is no tag,
  // a \ before | stays a backslash); a line break becomes <br>; control
  // characters become visible escapes.
  static std::string escape(std::string_view s) {
    std::string out;
    for (char ch : utf8::visible(s, /*keep_newlines=*/true)) {
      if (ch == '\n') out += "<br>";
      else if (std::strchr("\\|<>&*_`[]~#", ch) && ch != '\0') out.push_back('\\'), out.push_back(ch);
      else out.push_back(ch);
    }
    return out;
  }
  Output& out_;
  int tables_ = 0;
};

}  // namespace

std::unique_ptr<Sink> make_sink(Format format, Output& out, const SinkOptions& options) {
  switch (format) {
    case Format::csv: return std::make_unique<DelimitedSink>(out, options, true);
    case Format::tsv: return std::make_unique<DelimitedSink>(out, options, false);
    case Format::jsonl: return std::make_unique<JsonlSink>(out);
    case Format::text: return std::make_unique<TextSink>(out, options);
    case Format::markdown: return std::make_unique<MarkdownSink>(out);
    case Format::xlsx: return make_xlsx_sink(out, options);
    case Format::html: return make_html_sink(out, options);
  }
  return nullptr;
}

}  // namespace policy::print

// The streaming and terminal printers: csv, tsv, jsonl, text, markdown.
#include <unicode/uchar.h>

#include <algorithm>
#include <cctype>
#include <cstring>

#include <fmt/format.h>

#include "policy/core/strings.h"
#include "policy/print/json_writer.h"
#include "policy/print/sink.h"
#include "policy/print/sink_formats.h"
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

std::optional<Format> format_from_path(std::string_view path) {
  std::size_t dot = path.rfind('.');
  if (dot == std::string_view::npos) return std::nullopt;
  std::string ext(path.substr(dot + 1));
  std::transform(ext.begin(), ext.end(), ext.begin(), [](unsigned char c) { return std::tolower(c); });
  if (ext == "csv") return Format::csv;
  if (ext == "tsv" || ext == "tab") return Format::tsv;
  if (ext == "jsonl" || ext == "json" || ext == "ndjson") return Format::jsonl;
  if (ext == "md" || ext == "markdown") return Format::markdown;
  if (ext == "xlsx") return Format::xlsx;
  if (ext == "html" || ext == "htm") return Format::html;
  if (ext == "txt") return Format::text;
  return std::nullopt;
}

std::size_t display_width(std::string_view s) {
  std::size_t w = 0, i = 0;
  while (i < s.size()) {
    char32_t c = utf8::next(s, i);
    if (c < 0x20) continue;
    if (c < 0x7F) {
      ++w;
      continue;
    }
    if (u_getCombiningClass(c) != 0 || c == 0x200B || c == 0xFEFF) continue;
    int ea = u_getIntPropertyValue(c, UCHAR_EAST_ASIAN_WIDTH);
    w += (ea == U_EA_WIDE || ea == U_EA_FULLWIDTH) ? 2 : 1;
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

// Splits a cell into display lines no wider than `width`.
std::vector<std::string> wrap(std::string_view cell, std::size_t width) {
  std::vector<std::string> lines;
  std::size_t start = 0;
  while (true) {
    std::size_t nl = cell.find('\n', start);
    std::string_view part = cell.substr(start, nl == std::string_view::npos ? nl : nl - start);
    std::string cur;
    std::size_t w = 0, i = 0;
    while (i < part.size()) {
      std::size_t s = i;
      utf8::next(part, i);
      std::string_view ch = part.substr(s, i - s);
      std::size_t cw = display_width(ch);
      if (w + cw > width && !cur.empty()) {
        lines.push_back(std::move(cur));
        cur.clear();
        w = 0;
      }
      cur.append(ch);
      w += cw;
    }
    lines.push_back(std::move(cur));
    if (nl == std::string_view::npos) break;
    start = nl + 1;
  }
  return lines;
}

class TextSink : public Sink {
 public:
  TextSink(Output& out, const SinkOptions& opt) : out_(out), opt_(opt) {}

  void begin_table(std::string_view title, const std::vector<Column>& columns) override {
    flush_rows();
    columns_ = columns;
    if (!title.empty()) {
      if (tables_++) out_.write("\n");
      const std::string shown = utf8::visible(title);
      out_.write(opt_.color ? fmt::format("\x1b[1m{}\x1b[0m\n", shown) : fmt::format("{}\n", shown));
    }
    header_pending_ = true;
  }

  void row(const std::vector<std::string>& cells) override {
    // A document's escape sequences must not reach the terminal: shown as \x1b.
    auto& r = rows_.emplace_back();
    for (const auto& c : cells) r.push_back(utf8::visible(c, /*keep_newlines=*/true));
    if (rows_.size() >= 1000) flush_rows();  // bounded memory: align per block
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
  void flush_rows() {
    if (columns_.empty() || (rows_.empty() && !header_pending_)) return;
    const std::size_t n = columns_.size();
    std::vector<std::string> head;
    for (const Column& c : columns_) head.push_back(c.zh.empty() ? c.key : c.zh);
    // Wrapped lines per cell, and the width each column needs.
    std::vector<std::size_t> width(n, 0);
    auto measure = [&](const std::vector<std::string>& cells) {
      std::vector<std::vector<std::string>> wrapped(n);
      for (std::size_t i = 0; i < n; ++i) {
        wrapped[i] = wrap(i < cells.size() ? cells[i] : std::string(), opt_.wrap_width);
        for (const auto& l : wrapped[i]) width[i] = std::max(width[i], display_width(l));
      }
      return wrapped;
    };
    auto head_cells = measure(head);
    std::vector<std::vector<std::vector<std::string>>> body;
    for (const auto& r : rows_) body.push_back(measure(r));
    std::string buf;
    auto emit = [&](const std::vector<std::vector<std::string>>& cells, bool bold) {
      std::size_t height = 1;
      for (const auto& c : cells) height = std::max(height, c.size());
      for (std::size_t line = 0; line < height; ++line) {
        std::string text;
        for (std::size_t i = 0; i < n; ++i) {
          const std::string& piece = line < cells[i].size() ? cells[i][line] : std::string();
          text += piece;
          if (i + 1 < n) text.append(width[i] - display_width(piece) + 2, ' ');
        }
        std::string_view t = utf8::trim_right(text);
        if (bold && opt_.color) buf += fmt::format("\x1b[1m{}\x1b[0m\n", t);
        else {
          buf.append(t);
          buf.push_back('\n');
        }
      }
    };
    if (header_pending_) emit(head_cells, true);
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

#include "policy/core/tsv.h"

#include <algorithm>
#include <cerrno>
#include <cstring>
#include <fstream>
#include <sstream>

#include <fmt/format.h>

namespace policy::tsv {

namespace {

// Appends the pieces of s between `sep`s to out; returns how many.
std::size_t split_into(std::string_view s, char sep, std::vector<std::string_view>& out) {
  std::size_t n = 0, start = 0;
  while (true) {
    const std::size_t p = s.find(sep, start);
    out.push_back(s.substr(start, p == std::string_view::npos ? p : p - start));
    ++n;
    if (p == std::string_view::npos) return n;
    start = p + 1;
  }
}

}  // namespace

Result<Table> parse(std::string_view original, std::string_view file,
                    const std::vector<std::string>& header) {
  Table t;
  t.file = std::string(file);
  t.text.assign(original.begin(), original.end());
  const std::string_view text(t.text.data(), t.text.size());
  // Where each row's cells start in t.cells (spans are made once it stops growing).
  std::vector<std::size_t> first_cell;
  bool seen_header = false;
  std::size_t line_no = 0, start = 0;
  if (text.substr(0, 3) == "\xEF\xBB\xBF") start = 3;  // a BOM an editor added
  while (start <= text.size()) {
    const std::size_t end = text.find('\n', start);
    std::string_view line = text.substr(start, end == std::string_view::npos ? end : end - start);
    start = end == std::string_view::npos ? text.size() + 1 : end + 1;
    ++line_no;
    if (!line.empty() && line.back() == '\r') line.remove_suffix(1);
    if (line.empty() || line.front() == '#') continue;
    const std::size_t first = t.cells.size();
    const std::size_t n = split_into(line, '\t', t.cells);
    if (!seen_header) {
      const bool same = n == header.size() &&
                        std::equal(header.begin(), header.end(), t.cells.begin() + static_cast<std::ptrdiff_t>(first));
      if (!same)
        return Error::plain(fmt::format("{}: line {}: the header must be {}", file, line_no,
                                        fmt::join(header, "<TAB>")));
      t.header = header;
      t.cells.resize(first);
      seen_header = true;
      continue;
    }
    if (n != header.size())
      return Error::plain(fmt::format("{}: line {}: {} cells, expected {} ({})", file, line_no, n,
                                      header.size(), fmt::join(header, ", ")));
    t.rows.push_back({line_no, {}});
    first_cell.push_back(first);
  }
  if (!seen_header) return Error::plain(fmt::format("{}: no header line", file));
  for (std::size_t k = 0; k < t.rows.size(); ++k)
    t.rows[k].cells = std::span<const std::string_view>(t.cells.data() + first_cell[k], header.size());
  return t;
}

Result<std::string> read_file(const std::string& path) {
  std::ifstream in(path, std::ios::binary);
  if (!in) return Error::plain(fmt::format("{}: cannot open: {}", path, std::strerror(errno)));
  std::stringstream ss;
  ss << in.rdbuf();
  if (in.bad()) return Error::plain(fmt::format("{}: read error", path));
  return ss.str();
}

std::vector<std::string> split_cell(std::string_view cell, char sep) {
  std::vector<std::string> out;
  // Room for every piece at once (the gazetteer splits hundreds of cells at
  // every start; growing the vector moved and reallocated them).
  out.reserve(static_cast<std::size_t>(std::count(cell.begin(), cell.end(), sep)) + 1);
  std::size_t start = 0;
  while (start <= cell.size()) {
    std::size_t p = cell.find(sep, start);
    if (p == std::string_view::npos) p = cell.size();
    if (p > start) out.emplace_back(cell.substr(start, p - start));
    start = p + 1;
  }
  return out;
}

}  // namespace policy::tsv

#include "policy/core/tsv.h"

#include <cerrno>
#include <cstring>
#include <fstream>
#include <sstream>

#include <fmt/format.h>

namespace policy::tsv {

namespace {

std::vector<std::string> split_all(std::string_view s, char sep) {
  std::vector<std::string> out;
  std::size_t start = 0;
  while (true) {
    const std::size_t p = s.find(sep, start);
    out.emplace_back(s.substr(start, p == std::string_view::npos ? p : p - start));
    if (p == std::string_view::npos) break;
    start = p + 1;
  }
  return out;
}

}  // namespace

Result<Table> parse(std::string_view text, std::string_view file,
                    const std::vector<std::string>& header) {
  Table t;
  t.file = std::string(file);
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
    auto cells = split_all(line, '\t');
    if (!seen_header) {
      if (cells != header)
        return Error::plain(fmt::format("{}: line {}: the header must be {}", file, line_no,
                                        fmt::join(header, "<TAB>")));
      t.header = std::move(cells);
      seen_header = true;
      continue;
    }
    if (cells.size() != header.size())
      return Error::plain(fmt::format("{}: line {}: {} cells, expected {} ({})", file, line_no,
                                      cells.size(), header.size(), fmt::join(header, ", ")));
    t.rows.push_back({line_no, std::move(cells)});
  }
  if (!seen_header) return Error::plain(fmt::format("{}: no header line", file));
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
  for (auto& piece : split_all(cell, sep))
    if (!piece.empty()) out.push_back(std::move(piece));
  return out;
}

}  // namespace policy::tsv

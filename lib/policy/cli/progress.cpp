#include "policy/cli/progress.h"

#include <unistd.h>

#include <cstdlib>
#include <filesystem>
#include <iostream>

#include <fmt/format.h>

#include "policy/print/text_layout.h"

namespace policy::cli {

namespace fs = std::filesystem;

bool Progress::wanted(bool quiet) {
  if (quiet || ::isatty(STDERR_FILENO) != 1) return false;
  if (const char* ci = std::getenv("CI"); ci && *ci) return false;
  const char* term = std::getenv("TERM");
  return !(term && std::string(term) == "dumb");
}

Progress::Progress(std::string program, const std::vector<std::string>& paths, bool count_files)
    : program_(std::move(program)), start_(std::chrono::steady_clock::now()), last_draw_(start_) {
  bool from_stdin = paths.empty();
  for (const auto& p : paths) from_stdin |= p == "-";
  if (count_files && !from_stdin) counter_ = std::thread([this, paths] { count(paths); });
}

Progress::~Progress() {
  stop_ = true;
  if (counter_.joinable()) counter_.join();
  clear();
}

// The same inputs InputStream reads: named files, and *.txt below folders
// (links to folders not followed). Only an estimate for the display.
void Progress::count(std::vector<std::string> paths) {
  std::size_t files = 0, bytes = 0;
  for (const std::string& path : paths) {
    std::error_code ec;
    if (!fs::is_directory(path, ec)) {
      ++files;
      auto size = fs::file_size(path, ec);
      if (!ec) bytes += size;
      continue;
    }
    fs::recursive_directory_iterator it(path, fs::directory_options::skip_permission_denied, ec);
    for (; !ec && it != fs::recursive_directory_iterator(); it.increment(ec)) {
      if (stop_) return;
      if (it->path().extension() != ".txt" || !it->is_regular_file(ec)) continue;
      ++files;
      auto size = it->file_size(ec);
      if (!ec) bytes += size;
    }
  }
  total_files_ = files;
  total_bytes_ = bytes;
  counted_ = true;
}

std::string Progress::line(std::size_t done, std::optional<std::size_t> total_files,
                           std::size_t bytes_done, std::optional<std::size_t> total_bytes,
                           double seconds) {
  std::string out = total_files ? fmt::format("{}/{} files", done, *total_files)
                                : fmt::format("{} files", done);
  if (seconds <= 0) return out;
  const double rate = static_cast<double>(bytes_done) / seconds;  // bytes a second
  out += fmt::format(", {:.1f} MB/s", rate / 1e6);
  std::optional<double> left;
  if (total_bytes && *total_bytes >= bytes_done && rate > 0)
    left = static_cast<double>(*total_bytes - bytes_done) / rate;
  else if (total_files && *total_files >= done && done > 0)
    left = static_cast<double>(*total_files - done) * seconds / static_cast<double>(done);
  if (left) {
    const auto s = static_cast<long long>(*left + 0.5);
    out += s >= 3600 ? fmt::format(", {}:{:02}:{:02} left", s / 3600, s / 60 % 60, s % 60)
                     : fmt::format(", {}:{:02} left", s / 60, s % 60);
  }
  return out;
}

void Progress::advance(std::size_t bytes) {
  ++done_;
  bytes_done_ += bytes;
  const auto now = std::chrono::steady_clock::now();
  if (now - start_ < std::chrono::seconds(1) || now - last_draw_ < std::chrono::milliseconds(100))
    return;
  last_draw_ = now;
  const double seconds = std::chrono::duration<double>(now - start_).count();
  std::optional<std::size_t> files, total;
  if (counted_) {
    files = total_files_.load();
    total = total_bytes_.load();
  }
  std::string text = program_ + ": " + line(done_, files, bytes_done_, total, seconds);
  // One line, never wrapped: a wrapped line could not be erased with \r.
  if (std::size_t width = print::terminal_columns(STDERR_FILENO); width > 1 && text.size() >= width)
    text.resize(width - 1);
  std::cerr << "\r" << text << "\x1b[K" << std::flush;
  shown_ = true;
}

void Progress::clear() {
  if (!shown_) return;
  std::cerr << "\r\x1b[K" << std::flush;
  shown_ = false;
}

}  // namespace policy::cli

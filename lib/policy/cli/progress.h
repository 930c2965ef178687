// The progress line of a long run, on standard error:
//
//   policy-extract: 1234/2000 files, 4.2 MB/s, 0:07 left
//
// Shown only when standard error is a terminal, not under CI (the CI
// variable), not with --quiet, and only once the run has lasted a second; it
// is erased before any message and at the end, so nothing of it stays on the
// screen or reaches a pipe or a log.
#pragma once

#include <atomic>
#include <chrono>
#include <cstddef>
#include <optional>
#include <string>
#include <thread>
#include <vector>

namespace policy::cli {

class Progress {
 public:
  // Whether a run may show progress: stderr a terminal, not CI, not quiet.
  static bool wanted(bool quiet);

  // Counts the inputs behind `paths` (files, and every *.txt below folders)
  // on a thread of its own, so the totals arrive while the work starts.
  // Without paths (standard input) or for JSON Lines, no total is known.
  Progress(std::string program, const std::vector<std::string>& paths, bool count_files);
  ~Progress();
  Progress(const Progress&) = delete;
  Progress& operator=(const Progress&) = delete;

  // One input done, of `bytes` bytes; redraws at most ten times a second.
  void advance(std::size_t bytes);
  // Erases the line (before a message is printed, and at the end).
  void clear();

  // The line's text: done / total files, MB/s over `seconds`, time left
  // (from bytes when their total is known). For tests.
  static std::string line(std::size_t done, std::optional<std::size_t> total_files,
                          std::size_t bytes_done, std::optional<std::size_t> total_bytes,
                          double seconds);

 private:
  void count(std::vector<std::string> paths);

  std::string program_;
  std::chrono::steady_clock::time_point start_, last_draw_;
  std::size_t done_ = 0, bytes_done_ = 0;
  bool shown_ = false;
  std::atomic<bool> counted_{false}, stop_{false};
  std::atomic<std::size_t> total_files_{0}, total_bytes_{0};
  std::thread counter_;
};

}  // namespace policy::cli

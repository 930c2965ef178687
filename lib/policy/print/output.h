// Where printed bytes go: standard output, or a file that is written whole or
// not at all. A file is written to a temporary name beside it and renamed over
// the target only by commit(); if the program fails first, the destructor
// removes the temporary and the old file is untouched.
//
// The target decides how: a symlink is followed to its target (the temporary
// goes beside that); an existing file keeps its mode and owner (when the owner
// cannot be given to a new file, commit() copies the finished output into the
// old one instead of renaming); anything that is not a regular file (a device
// such as /dev/null, a FIFO, /dev/stdout or /dev/fd/N) is written through,
// as it comes, never replaced.
//
//   auto out = Output::open("report.csv");      // "" or "-" = standard output
//   if (!out) fail(out.error());
//   out.value()->write("a,b\r\n");
//   if (auto ok = out.value()->commit(); !ok) fail(ok.error());
#pragma once

#include <functional>
#include <memory>
#include <string>
#include <string_view>

#include "policy/core/result.h"

namespace policy::print {

class Output {
 public:
  static Result<std::unique_ptr<Output>> open(const std::string& path);
  ~Output();
  Output(const Output&) = delete;
  Output& operator=(const Output&) = delete;

  void write(std::string_view bytes);
  // Pushes buffered bytes to the file descriptor (per record when streaming).
  void flush();
  // write() and flush() in one, without first copying the bytes into the
  // buffer (a whole record's JSON).
  void write_now(std::string_view bytes);
  // Finishes: flushes; for a file, syncs and renames it into place.
  Result<bool> commit();

  bool is_terminal() const { return terminal_; }
  bool is_file() const { return !path_.empty(); }
  const std::string& path() const { return path_; }
  // The first write error, if any (disk full, closed pipe).
  const std::string& failure() const { return failure_; }
  // Called when a write finds the reading end closed (EPIPE: SIGPIPE is
  // ignored); the programs end there, as a SIGPIPE would have ended them.
  void on_closed_pipe(std::function<void()> f) { on_closed_pipe_ = std::move(f); }

 private:
  enum class Mode { stream, replace, copy_in };
  Output(int fd, std::string path, std::string temp, Mode mode);
  Result<bool> copy_into_target();
  void write_all(std::string_view bytes);
  int fd_;
  std::string path_;    // as given; empty for standard output
  std::string target_;  // the file replaced (symlinks followed)
  std::string temp_;
  Mode mode_;
  int cleanup_slot_ = -1;
  std::string buffer_;
  std::string failure_;
  std::function<void()> on_closed_pipe_;
  bool terminal_ = false;
  bool committed_ = false;
};

}  // namespace policy::print

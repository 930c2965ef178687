// Where printed bytes go: standard output, or a file that is written whole or
// not at all. A file is written to a temporary name beside it and renamed over
// the target only by commit(); if the program fails first, the destructor
// removes the temporary and the old file is untouched.
//
//   auto out = Output::open("report.csv");      // "" or "-" = standard output
//   if (!out) fail(out.error());
//   out.value()->write("a,b\r\n");
//   if (auto ok = out.value()->commit(); !ok) fail(ok.error());
#pragma once

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
  // Finishes: flushes; for a file, syncs and renames it into place.
  Result<bool> commit();

  bool is_terminal() const { return terminal_; }
  bool is_file() const { return !path_.empty(); }
  const std::string& path() const { return path_; }
  // The first write error, if any (disk full, closed pipe).
  const std::string& failure() const { return failure_; }

 private:
  Output(int fd, std::string path, std::string temp);
  int fd_;
  std::string path_;  // empty for standard output
  std::string temp_;
  std::string buffer_;
  std::string failure_;
  bool terminal_ = false;
  bool committed_ = false;
};

}  // namespace policy::print

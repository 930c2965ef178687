// Reading inputs with a size limit and every error seen. Bytes come through
// read(2), so a read error is never taken for the end of the input, and no
// input can take more memory than --max-size however it misbehaves (a device
// such as /dev/zero, a pipe that never ends, a file that grows while read).
//
//   auto bytes = read_document_file("a.txt", true, kDefaultMaxSize);
//   auto lines = LineFile::open("corpus.jsonl", kDefaultMaxSize);
//   std::string line;
//   while (lines.value()->next(line) == LineReader::Status::line) use(line);
#pragma once

#include <cstddef>
#include <cstdint>
#include <functional>
#include <memory>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "policy/core/result.h"

namespace policy::text {

// The default --max-size: larger than any real policy document by far.
constexpr std::size_t kDefaultMaxSize = std::size_t{512} << 20;

// "512 MiB", "1.5 GiB", "300 bytes".
std::string describe_size(std::uint64_t bytes);
// "512M", "1G", "64k", "1000" (K, M, G, T: powers of 1024; an optional B or
// iB after them) to bytes; nullopt when malformed or zero.
std::optional<std::uint64_t> parse_size(std::string_view s);

// Where bytes come from: the count read (0 at the end), or -1 with errno set.
using ReadFn = std::function<long(char* buf, std::size_t n)>;
ReadFn fd_reader(int fd);

// A whole document from an open descriptor, at most `limit` bytes. A regular
// file larger than that is refused from its size, before reading; a device or
// pipe that goes on past it, or a file that grows while being read, is an
// error too. Running out of memory is an error, not an exception.
Result<std::string> read_document(int fd, std::size_t limit);

// Opens `path` and reads it as read_document does. `named`: the path was given
// on the command line, so a pipe such as <(zcat a.gz) is read too; a FIFO or
// device met while walking a folder is not (it could block the walk forever).
Result<std::string> read_document_file(const std::string& path, bool named, std::size_t limit);

// Lines of at most `limit` bytes from a ReadFn.
class LineReader {
 public:
  enum class Status {
    line,      // `line` holds the next line, without its '\n'
    too_long,  // a line longer than the limit: error() says so; it was skipped
    failed,    // a read error: error() names the line; nothing more is read
    end,       // the input is over
  };
  LineReader(ReadFn read, std::size_t limit);
  Status next(std::string& line);
  // 1-based number of the line last returned (or that failed).
  std::size_t line_number() const { return line_; }
  const Error& error() const { return error_; }

 private:
  int fill();  // 1: bytes in the buffer, 0: end of input, -1: read error
  Status skip_long_line(std::string& line);
  Status read_failed();  // errno says why

  ReadFn read_;
  std::size_t limit_;
  std::vector<char> buf_;
  std::size_t pos_ = 0, len_ = 0;
  std::size_t line_ = 0;
  bool done_ = false;
  Error error_;
};

// A JSON Lines file (or "-", standard input) read line by line.
class LineFile {
 public:
  // Fails when the file cannot be opened or is a folder.
  static Result<std::unique_ptr<LineFile>> open(const std::string& path, std::size_t limit);
  ~LineFile();
  LineFile(const LineFile&) = delete;
  LineFile& operator=(const LineFile&) = delete;

  LineReader::Status next(std::string& line) { return reader_.next(line); }
  std::size_t line_number() const { return reader_.line_number(); }
  const Error& error() const { return reader_.error(); }

 private:
  LineFile(int fd, bool owned, std::size_t limit);
  int fd_;
  bool owned_;
  LineReader reader_;
};

}  // namespace policy::text

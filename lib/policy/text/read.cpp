#include "policy/text/read.h"

#include <fcntl.h>
#include <sys/stat.h>
#include <unistd.h>

#include <cerrno>
#include <cstring>
#include <memory>
#include <new>

#include <fmt/format.h>

namespace policy::text {

namespace {

constexpr std::size_t kChunk = std::size_t{1} << 16;

std::string errno_message(int e) { return std::strerror(e ? e : EIO); }

std::string limit_text(std::size_t limit) {
  return fmt::format("--max-size ({})", describe_size(limit));
}

}  // namespace

std::string describe_size(std::uint64_t bytes) {
  static const char* units[] = {"KiB", "MiB", "GiB", "TiB"};
  if (bytes < 1024) return fmt::format("{} bytes", bytes);
  double v = static_cast<double>(bytes);
  int u = -1;
  while (v >= 1024 && u < 3) {
    v /= 1024;
    ++u;
  }
  if (v == static_cast<double>(static_cast<std::uint64_t>(v)))
    return fmt::format("{} {}", static_cast<std::uint64_t>(v), units[u]);
  return fmt::format("{:.1f} {}", v, units[u]);
}

std::optional<std::uint64_t> parse_size(std::string_view s) {
  std::uint64_t n = 0;
  std::size_t i = 0;
  for (; i < s.size() && s[i] >= '0' && s[i] <= '9'; ++i) {
    if (n > (UINT64_MAX - 9) / 10) return std::nullopt;
    n = n * 10 + static_cast<std::uint64_t>(s[i] - '0');
  }
  if (i == 0) return std::nullopt;
  std::string_view unit = s.substr(i);
  int shift = 0;
  if (!unit.empty()) {
    switch (unit.front()) {
      case 'k': case 'K': shift = 10; break;
      case 'm': case 'M': shift = 20; break;
      case 'g': case 'G': shift = 30; break;
      case 't': case 'T': shift = 40; break;
      case 'b': case 'B': break;
      default: return std::nullopt;
    }
    if (shift) unit.remove_prefix(1);
    if (unit != "" && unit != "B" && unit != "iB" && unit != "b") return std::nullopt;
  }
  if (shift && n > (UINT64_MAX >> shift)) return std::nullopt;
  n <<= shift;
  if (n == 0) return std::nullopt;
  return n;
}

ReadFn fd_reader(int fd) {
  return [fd](char* buf, std::size_t n) -> long { return static_cast<long>(::read(fd, buf, n)); };
}

Result<std::string> read_document(int fd, std::size_t limit) {
  struct stat st {};
  if (::fstat(fd, &st) != 0) return Error::plain(errno_message(errno));
  if (S_ISDIR(st.st_mode)) return Error::plain("is a directory");
  const bool regular = S_ISREG(st.st_mode);
  const auto size = static_cast<std::uint64_t>(st.st_size);
  if (regular && size > limit)
    return Error::plain(fmt::format("{} is larger than {}: not read", describe_size(size),
                                    limit_text(limit)));
  std::string data;
  try {
    // A regular file's size is known (a /proc file says 0: read it as a pipe).
    if (regular && size > 0) data.reserve(static_cast<std::size_t>(size) + 1);
    // Left unzeroed: read() fills it, and zeroing 64 KiB for each document
    // cost more than copying the document's bytes out of it.
    const auto buf = std::make_unique_for_overwrite<char[]>(kChunk);
    while (true) {
      long n = ::read(fd, buf.get(), kChunk);
      if (n < 0) {
        if (errno == EINTR) continue;
        return Error::at_byte(fmt::format("read error: {}", errno_message(errno)), data.size());
      }
      if (n == 0) break;
      if (data.size() + static_cast<std::size_t>(n) > limit) {
        if (regular)
          return Error::plain(fmt::format("grew past {} while being read: not read", limit_text(limit)));
        return Error::plain(fmt::format(
            "more than {} (an endless device or pipe?): not read", limit_text(limit)));
      }
      // Grow by doubling, never past the limit.
      if (data.size() + static_cast<std::size_t>(n) > data.capacity())
        data.reserve(std::min(std::max(data.capacity() * 2, kChunk), limit));
      data.append(buf.get(), static_cast<std::size_t>(n));
    }
  } catch (const std::bad_alloc&) {
    return Error::plain(fmt::format("out of memory while reading it ({} read{})",
                                    describe_size(data.size()),
                                    regular ? fmt::format(" of {}", describe_size(size)) : ""));
  }
  if (regular && size > 0 && data.size() > size)
    return Error::plain(fmt::format("grew while being read (from {} to {} or more): not read",
                                    describe_size(size), describe_size(data.size())));
  return data;
}

Result<std::string> read_document_file(const std::string& path, bool named, std::size_t limit) {
  struct stat st {};
  if (::stat(path.c_str(), &st) != 0) return Error::plain(errno_message(errno));
  if (S_ISDIR(st.st_mode)) return Error::plain("is a directory");
  if (!named && !S_ISREG(st.st_mode)) return Error::plain("not a regular file");
  int fd = ::open(path.c_str(), O_RDONLY | O_CLOEXEC | O_NOCTTY);
  if (fd < 0) return Error::plain(errno_message(errno));
  auto r = read_document(fd, limit);
  ::close(fd);
  return r;
}

// ---------------------------------------------------------------- lines

LineReader::LineReader(ReadFn read, std::size_t limit)
    : read_(std::move(read)), limit_(limit), buf_(kChunk) {}

int LineReader::fill() {
  while (true) {
    long n = read_(buf_.data(), buf_.size());
    if (n < 0 && errno == EINTR) continue;
    if (n < 0) return -1;
    pos_ = 0;
    len_ = static_cast<std::size_t>(n);
    return n > 0 ? 1 : 0;
  }
}

LineReader::Status LineReader::read_failed() {
  done_ = true;
  error_ = Error::at_line(fmt::format("read error: {}; the rest is not read", errno_message(errno)),
                          line_);
  return Status::failed;
}

LineReader::Status LineReader::next(std::string& line) {
  line.clear();
  if (done_) return Status::end;
  ++line_;
  bool any = false;
  try {
    while (true) {
      if (pos_ == len_) {
        int got = fill();
        if (got < 0) return read_failed();
        if (got == 0) {
          done_ = true;
          if (any) return Status::line;  // a last line without '\n'
          --line_;
          return Status::end;
        }
      }
      any = true;
      const char* begin = buf_.data() + pos_;
      const std::size_t avail = len_ - pos_;
      const auto* nl = static_cast<const char*>(std::memchr(begin, '\n', avail));
      const std::size_t take = nl ? static_cast<std::size_t>(nl - begin) : avail;
      if (line.size() + take > limit_) return skip_long_line(line);
      line.append(begin, take);
      pos_ += take;
      if (nl) {
        ++pos_;
        return Status::line;
      }
    }
  } catch (const std::bad_alloc&) {
    done_ = true;
    std::string().swap(line);
    error_ = Error::at_line("out of memory reading this line; the rest is not read", line_);
    return Status::failed;
  }
}

// The line passed the limit: drop what was kept and read on to its end,
// without keeping it, however long it is. A NUL byte on the way says this is
// no JSON Lines at all (a device such as /dev/zero, a binary file): the input
// is given up there rather than read for ever.
LineReader::Status LineReader::skip_long_line(std::string& line) {
  std::uint64_t length = line.size();
  bool binary = line.find('\0') != std::string::npos;
  std::string().swap(line);
  while (!binary) {
    if (pos_ == len_) {
      int got = fill();
      if (got < 0) return read_failed();
      if (got == 0) {
        done_ = true;
        break;
      }
    }
    const char* begin = buf_.data() + pos_;
    const std::size_t avail = len_ - pos_;
    const auto* nl = static_cast<const char*>(std::memchr(begin, '\n', avail));
    const std::size_t take = nl ? static_cast<std::size_t>(nl - begin) : avail;
    binary = std::memchr(begin, '\0', take) != nullptr;
    length += take;
    pos_ += take;
    if (nl) {
      ++pos_;
      break;
    }
  }
  if (binary) {
    done_ = true;
    error_ = Error::at_line(fmt::format("longer than {} and binary (NUL bytes): the rest is not read",
                                        limit_text(limit_)),
                            line_);
    return Status::too_long;
  }
  error_ = Error::at_line(fmt::format("a line of {}, longer than {}: skipped",
                                      describe_size(length), limit_text(limit_)),
                          line_);
  return Status::too_long;
}

Result<std::unique_ptr<LineFile>> LineFile::open(const std::string& path, std::size_t limit) {
  int fd = STDIN_FILENO;
  bool owned = false;
  if (path != "-") {
    fd = ::open(path.c_str(), O_RDONLY | O_CLOEXEC | O_NOCTTY);
    if (fd < 0) return Error::plain(errno_message(errno));
    owned = true;
  }
  struct stat st {};
  if (::fstat(fd, &st) == 0 && S_ISDIR(st.st_mode)) {
    if (owned) ::close(fd);
    return Error::plain("is a directory");
  }
  return std::unique_ptr<LineFile>(new LineFile(fd, owned, limit));
}

LineFile::LineFile(int fd, bool owned, std::size_t limit)
    : fd_(fd), owned_(owned), reader_(fd_reader(fd), limit) {}

LineFile::~LineFile() {
  if (owned_) ::close(fd_);
}

}  // namespace policy::text

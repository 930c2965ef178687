#include "policy/print/output.h"

#include <fcntl.h>
#include <sys/stat.h>
#include <unistd.h>

#include <cerrno>
#include <cstdio>
#include <cstdlib>
#include <cstring>
#include <filesystem>

#include <fmt/format.h>

namespace policy::print {

namespace {
constexpr std::size_t kBufferLimit = 1 << 16;
}

Output::Output(int fd, std::string path, std::string temp)
    : fd_(fd), path_(std::move(path)), temp_(std::move(temp)) {
  terminal_ = ::isatty(fd_) == 1;
}

Result<std::unique_ptr<Output>> Output::open(const std::string& path) {
  if (path.empty() || path == "-")
    return std::unique_ptr<Output>(new Output(STDOUT_FILENO, {}, {}));
  namespace fs = std::filesystem;
  fs::path target(path);
  std::error_code ec;
  if (fs::is_directory(target, ec)) return Error::plain(fmt::format("{}: is a directory", path));
  fs::path dir = target.parent_path();
  if (dir.empty()) dir = ".";
  std::string templ = (dir / ("." + target.filename().string() + ".XXXXXX")).string();
  int fd = ::mkstemp(templ.data());
  if (fd < 0)
    return Error::plain(fmt::format("{}: cannot create a file here: {}", path, std::strerror(errno)));
  // mkstemp makes the file 0600; give it the mode a plain create would.
  mode_t mask = ::umask(0);
  ::umask(mask);
  ::fchmod(fd, 0666 & ~mask);
  return std::unique_ptr<Output>(new Output(fd, path, templ));
}

Output::~Output() {
  if (!path_.empty() && !committed_) {
    ::close(fd_);
    ::unlink(temp_.c_str());
  } else if (path_.empty()) {
    flush();
  }
}

void Output::write(std::string_view bytes) {
  buffer_.append(bytes);
  if (buffer_.size() >= kBufferLimit) flush();
}

void Output::flush() {
  std::size_t done = 0;
  while (done < buffer_.size() && failure_.empty()) {
    ssize_t n = ::write(fd_, buffer_.data() + done, buffer_.size() - done);
    if (n < 0) {
      if (errno == EINTR) continue;
      failure_ = std::strerror(errno);
      break;
    }
    done += static_cast<std::size_t>(n);
  }
  buffer_.clear();
}

Result<bool> Output::commit() {
  flush();
  if (!failure_.empty())
    return Error::plain(fmt::format("{}: write failed: {}", path_.empty() ? "<stdout>" : path_,
                                    failure_));
  if (path_.empty()) return true;
  if (::fsync(fd_) != 0 || ::close(fd_) != 0) {
    failure_ = std::strerror(errno);
    ::unlink(temp_.c_str());
    committed_ = true;
    return Error::plain(fmt::format("{}: write failed: {}", path_, failure_));
  }
  committed_ = true;
  if (std::rename(temp_.c_str(), path_.c_str()) != 0) {
    std::string why = std::strerror(errno);
    ::unlink(temp_.c_str());
    return Error::plain(fmt::format("{}: cannot replace: {}", path_, why));
  }
  return true;
}

}  // namespace policy::print

#include "policy/print/output.h"

#include <fcntl.h>
#include <sys/stat.h>
#include <unistd.h>

#include <cerrno>
#include <charconv>
#include <cstdio>
#include <cstdlib>
#include <cstring>
#include <optional>

#include <fmt/format.h>

#include "policy/core/cleanup.h"
#include "policy/core/strings.h"
#include "policy/text/utf8.h"

namespace policy::print {

namespace {

constexpr std::size_t kBufferLimit = 1 << 16;

std::string shown(const std::string& path) { return utf8::visible(path); }

// /dev/stdout, /dev/stderr, /dev/fd/N and /proc/self/fd/N name a descriptor
// this process already holds: write to it, as a shell would (reopening
// /proc/self/fd/1 would truncate a file opened with >> and lose its start).
std::optional<int> inherited_fd(std::string_view path) {
  if (path == "/dev/stdout") return STDOUT_FILENO;
  if (path == "/dev/stderr") return STDERR_FILENO;
  for (std::string_view prefix : {"/dev/fd/", "/proc/self/fd/"}) {
    if (!starts_with(path, prefix)) continue;
    std::string_view digits = path.substr(prefix.size());
    int fd = -1;
    auto [p, ec] = std::from_chars(digits.data(), digits.data() + digits.size(), fd);
    if (ec == std::errc() && p == digits.data() + digits.size() && !digits.empty()) return fd;
  }
  return std::nullopt;
}

std::string parent_of(const std::string& path) {
  std::size_t slash = path.rfind('/');
  if (slash == std::string::npos) return ".";
  if (slash == 0) return "/";
  return path.substr(0, slash);
}

// The file a path finally names, symlinks followed (a dangling link names
// the file it would create).
Result<std::string> follow_links(std::string path) {
  for (int hops = 0; hops < 40; ++hops) {
    struct stat st {};
    if (::lstat(path.c_str(), &st) != 0 || !S_ISLNK(st.st_mode)) return path;
    std::string link(PATH_MAX, '\0');
    ssize_t n = ::readlink(path.c_str(), link.data(), link.size());
    if (n < 0) return Error::plain(std::strerror(errno));
    link.resize(static_cast<std::size_t>(n));
    if (link.empty()) return Error::plain(std::strerror(ENOENT));
    path = link.front() == '/' ? link : parent_of(path) + "/" + link;
  }
  return Error::plain(std::strerror(ELOOP));
}

}  // namespace

Output::Output(int fd, std::string path, std::string temp, Mode mode)
    : fd_(fd), path_(std::move(path)), temp_(std::move(temp)), mode_(mode) {
  terminal_ = ::isatty(fd_) == 1;
}

Result<std::unique_ptr<Output>> Output::open(const std::string& path) {
  if (path.empty() || path == "-")
    return std::unique_ptr<Output>(new Output(STDOUT_FILENO, {}, {}, Mode::stream));
  if (auto fd = inherited_fd(path)) {
    int copy = ::fcntl(*fd, F_DUPFD_CLOEXEC, 3);
    if (copy < 0) return Error::plain(fmt::format("{}: {}", shown(path), std::strerror(errno)));
    return std::unique_ptr<Output>(new Output(copy, path, {}, Mode::stream));
  }
  auto followed = follow_links(path);
  if (!followed) return Error::plain(fmt::format("{}: {}", shown(path), followed.error().message));
  const std::string target = followed.value();
  struct stat st {};
  const bool exists = ::stat(target.c_str(), &st) == 0;
  if (!exists && errno != ENOENT)
    return Error::plain(fmt::format("{}: {}", shown(path), std::strerror(errno)));
  if (exists && S_ISDIR(st.st_mode)) return Error::plain(fmt::format("{}: is a directory", shown(path)));
  if (exists && !S_ISREG(st.st_mode)) {
    // A device, FIFO or socket: written through, never replaced.
    int fd = ::open(target.c_str(), O_WRONLY | O_CLOEXEC | O_NOCTTY);
    if (fd < 0) return Error::plain(fmt::format("{}: cannot open: {}", shown(path), std::strerror(errno)));
    return std::unique_ptr<Output>(new Output(fd, path, {}, Mode::stream));
  }
  // A short temporary name in the target's folder: the rename stays on one
  // file system, and a target name of 255 bytes still leaves room for it.
  std::string templ = parent_of(target) + "/.policy-XXXXXX";
  int slot = -1;
  int fd = cleanup::create_temp(templ, 0, slot);
  if (fd < 0)
    return Error::plain(fmt::format("{}: cannot create a file here: {}", shown(path), std::strerror(errno)));
  Mode mode = Mode::replace;
  if (exists) {
    // The new file takes the old one's owner and mode. When the owner cannot
    // be given (another user's file we may write), the old file is kept and
    // the finished output copied into it.
    if (::fchown(fd, st.st_uid, st.st_gid) != 0) {
      struct stat mine {};
      if (::fstat(fd, &mine) != 0 || mine.st_uid != st.st_uid || mine.st_gid != st.st_gid)
        mode = Mode::copy_in;
    }
    ::fchmod(fd, st.st_mode & 07777);
  } else {
    // mkstemp makes the file 0600; give it the mode a plain create would.
    mode_t mask = ::umask(0);
    ::umask(mask);
    ::fchmod(fd, 0666 & ~mask);
  }
  auto out = std::unique_ptr<Output>(new Output(fd, path, templ, mode));
  out->target_ = target;
  out->cleanup_slot_ = slot;
  return out;
}

Output::~Output() {
  if (mode_ == Mode::stream) {
    if (!committed_) flush();
    if (!path_.empty() && !committed_) ::close(fd_);
  } else if (!committed_) {
    ::close(fd_);
    ::unlink(temp_.c_str());
  }
  cleanup::remove(cleanup_slot_);
}

void Output::write(std::string_view bytes) {
  buffer_.append(bytes);
  if (buffer_.size() >= kBufferLimit) flush();
}

void Output::flush() {
  write_all(buffer_);
  buffer_.clear();
}

void Output::write_now(std::string_view bytes) {
  flush();
  write_all(bytes);
}

void Output::write_all(std::string_view bytes) {
  std::size_t done = 0;
  while (done < bytes.size() && failure_.empty()) {
    ssize_t n = ::write(fd_, bytes.data() + done, bytes.size() - done);
    if (n < 0) {
      if (errno == EINTR) continue;
      if (errno == EPIPE && on_closed_pipe_) on_closed_pipe_();
      failure_ = std::strerror(errno);
      break;
    }
    done += static_cast<std::size_t>(n);
  }
}

Result<bool> Output::copy_into_target() {
  int in = ::open(temp_.c_str(), O_RDONLY | O_CLOEXEC);
  int out = in < 0 ? -1 : ::open(target_.c_str(), O_WRONLY | O_TRUNC | O_CLOEXEC | O_NOCTTY);
  std::string why;
  if (in < 0 || out < 0) why = std::strerror(errno);
  char buf[1 << 16];
  while (why.empty()) {
    ssize_t n = ::read(in, buf, sizeof buf);
    if (n < 0 && errno == EINTR) continue;
    if (n < 0) why = std::strerror(errno);
    if (n <= 0) break;
    for (ssize_t done = 0; why.empty() && done < n;) {
      ssize_t w = ::write(out, buf + done, static_cast<std::size_t>(n - done));
      if (w < 0 && errno == EINTR) continue;
      if (w < 0) why = std::strerror(errno);
      else done += w;
    }
  }
  if (why.empty() && ::fsync(out) != 0) why = std::strerror(errno);
  if (out >= 0 && ::close(out) != 0 && why.empty()) why = std::strerror(errno);
  if (in >= 0) ::close(in);
  ::unlink(temp_.c_str());
  if (!why.empty()) return Error::plain(fmt::format("{}: write failed: {}", shown(path_), why));
  return true;
}

Result<bool> Output::commit() {
  flush();
  if (!failure_.empty())
    return Error::plain(fmt::format("{}: write failed: {}", path_.empty() ? "<stdout>" : shown(path_),
                                    failure_));
  if (path_.empty()) return true;
  if (mode_ == Mode::stream) {
    committed_ = true;
    if (::close(fd_) != 0 && errno != EINTR)
      return Error::plain(fmt::format("{}: write failed: {}", shown(path_), std::strerror(errno)));
    return true;
  }
  if (::fsync(fd_) != 0 || ::close(fd_) != 0) {
    failure_ = std::strerror(errno);
    ::unlink(temp_.c_str());
    committed_ = true;
    return Error::plain(fmt::format("{}: write failed: {}", shown(path_), failure_));
  }
  committed_ = true;
  if (mode_ == Mode::copy_in) return copy_into_target();
  const bool renamed = std::rename(temp_.c_str(), target_.c_str()) == 0;
  const std::string why = renamed ? std::string() : std::strerror(errno);
  if (!renamed) ::unlink(temp_.c_str());
  cleanup::remove(cleanup_slot_);
  cleanup_slot_ = -1;
  if (!renamed) return Error::plain(fmt::format("{}: cannot replace: {}", shown(path_), why));
  return true;
}

}  // namespace policy::print

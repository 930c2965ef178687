#include "policy/report/scratch.h"

#include <cerrno>
#include <cstdlib>
#include <cstring>
#include <stdexcept>

#include <fcntl.h>
#include <unistd.h>

#include <fmt/format.h>

namespace policy::report {

namespace {

constexpr std::size_t kWriteBuffer = 1 << 20;

std::string temp_dir() {
  const char* dir = std::getenv("TMPDIR");
  return dir && *dir ? dir : "/tmp";
}

[[noreturn]] void fail(const std::string& what) {
  throw std::runtime_error(
      fmt::format("scratch file in {}: {}: {}", temp_dir(), what, std::strerror(errno)));
}

}  // namespace

Scratch::Scratch(std::size_t memory_limit) : memory_limit_(memory_limit) {}

Scratch::~Scratch() {
  if (fd_ >= 0) ::close(fd_);
}

std::uint64_t Scratch::append(std::string_view bytes) {
  const std::uint64_t at = size();
  pending_.append(bytes);
  if (fd_ < 0 && pending_.size() > memory_limit_) move_to_file();
  if (fd_ >= 0 && pending_.size() >= kWriteBuffer) flush();
  return at;
}

void Scratch::move_to_file() {
  std::string path = temp_dir() + "/policy-report-XXXXXX";
  fd_ = ::mkstemp(path.data());
  if (fd_ < 0) fail("cannot create");
  ::unlink(path.c_str());  // nobody else needs the name
  flush();
  std::string().swap(pending_);  // give back what the in-memory bytes took
}

void Scratch::flush() {
  std::size_t done = 0;
  while (done < pending_.size()) {
    ssize_t n = ::write(fd_, pending_.data() + done, pending_.size() - done);
    if (n < 0 && errno == EINTR) continue;
    if (n <= 0) fail("cannot write");
    done += static_cast<std::size_t>(n);
  }
  on_file_ += pending_.size();
  pending_.clear();
}

void Scratch::read(std::uint64_t offset, std::size_t size, std::string& out) {
  out.resize(size);
  read(offset, size, out.data());
}

void Scratch::read(std::uint64_t offset, std::size_t size, char* out) {
  if (offset + size > this->size()) throw std::logic_error("Scratch::read past the end");
  if (size == 0) return;
  if (fd_ < 0) {
    std::memcpy(out, pending_.data() + offset, size);
    return;
  }
  if (offset + size > on_file_) flush();
  std::size_t done = 0;
  while (done < size) {
    ssize_t n = ::pread(fd_, out + done, size - done, static_cast<off_t>(offset + done));
    if (n < 0 && errno == EINTR) continue;
    if (n <= 0) fail("cannot read");
    done += static_cast<std::size_t>(n);
  }
}

void Packer::put(std::uint64_t n) {
  // LEB128: seven bits a byte, high bit set on all but the last.
  while (n >= 0x80) {
    bytes_.push_back(static_cast<char>((n & 0x7F) | 0x80));
    n >>= 7;
  }
  bytes_.push_back(static_cast<char>(n));
}

void Packer::put(std::string_view s) {
  put(static_cast<std::uint64_t>(s.size()));
  bytes_.append(s);
}

std::uint64_t Unpacker::number() {
  std::uint64_t n = 0;
  for (int shift = 0; at_ < bytes_.size() && shift < 64; shift += 7) {
    auto b = static_cast<unsigned char>(bytes_[at_++]);
    n |= static_cast<std::uint64_t>(b & 0x7F) << shift;
    if (!(b & 0x80)) return n;
  }
  throw std::logic_error("Unpacker: truncated number");
}

std::string_view Unpacker::text() {
  const std::uint64_t n = number();
  if (n > bytes_.size() - at_) throw std::logic_error("Unpacker: truncated text");
  std::string_view s = bytes_.substr(at_, static_cast<std::size_t>(n));
  at_ += static_cast<std::size_t>(n);
  return s;
}

}  // namespace policy::report

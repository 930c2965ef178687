// Append-only scratch space for what a report must hold until the end but
// need not hold in memory. Bytes stay in memory up to a limit; past it they
// move to a temporary file in $TMPDIR (or /tmp), unlinked as soon as it is
// made, so it is gone when the program ends however it ends.
//
//   Scratch s(16 << 20);
//   std::uint64_t at = s.append("市商务局");
//   std::string back;
//   s.read(at, 12, back);  // "市商务局"
//
// I/O failures (disk full, no TMPDIR) throw std::runtime_error: they are the
// machine's trouble, not the input's, and end the program with a message.
#pragma once

#include <cstddef>
#include <cstdint>
#include <string>
#include <string_view>

namespace policy::report {

class Scratch {
 public:
  explicit Scratch(std::size_t memory_limit);
  ~Scratch();
  Scratch(const Scratch&) = delete;
  Scratch& operator=(const Scratch&) = delete;

  // Where the bytes start.
  std::uint64_t append(std::string_view bytes);
  // Replaces out with `size` bytes from `offset` (all inside what was appended).
  void read(std::uint64_t offset, std::size_t size, std::string& out);
  // The same into `size` bytes at `out`.
  void read(std::uint64_t offset, std::size_t size, char* out);
  std::uint64_t size() const { return on_file_ + pending_.size(); }
  bool on_disk() const { return fd_ >= 0; }

 private:
  void move_to_file();
  void flush();

  std::size_t memory_limit_;
  std::string pending_;       // all bytes while in memory; then the write buffer
  int fd_ = -1;
  std::uint64_t on_file_ = 0;  // bytes written to the file
};

// Length-prefixed fields in one byte string: how a report packs a task's
// cells into Scratch and gets them back.
class Packer {
 public:
  void put(std::string_view s);
  void put(std::uint64_t n);
  const std::string& bytes() const { return bytes_; }
  void clear() { bytes_.clear(); }

 private:
  std::string bytes_;
};

class Unpacker {
 public:
  explicit Unpacker(std::string_view bytes) : bytes_(bytes) {}
  std::string_view text();
  std::uint64_t number();

 private:
  std::string_view bytes_;
  std::size_t at_ = 0;
};

}  // namespace policy::report

// A function's working vectors, kept per thread from one call to the next
// so that most calls allocate nothing. After a call on a clause of
// megabytes, though, they would hold megabytes for the rest of the run,
// and raise the peak of whatever comes next: a vector grown past
// kScratchKeepBytes gives its block back when the call ends.
//
//   static thread_local std::vector<Range> segments;
//   ScratchTrim trim(segments);  // on every way out of the function
//   segments.clear();
#pragma once

#include <cstddef>
#include <tuple>
#include <vector>

namespace policy {

inline constexpr std::size_t kScratchKeepBytes = std::size_t{1} << 16;

// Gives back the block of any vector above kScratchKeepBytes.
template <class T>
void trim_scratch(std::vector<T>& v) {
  if (v.capacity() * sizeof(T) > kScratchKeepBytes) std::vector<T>().swap(v);
}

template <class... Ts>
class ScratchTrim {
 public:
  explicit ScratchTrim(std::vector<Ts>&... vs) : vs_(vs...) {}
  ~ScratchTrim() {
    std::apply([](auto&... v) { (trim_scratch(v), ...); }, vs_);
  }
  ScratchTrim(const ScratchTrim&) = delete;
  ScratchTrim& operator=(const ScratchTrim&) = delete;

 private:
  std::tuple<std::vector<Ts>&...> vs_;
};

}  // namespace policy

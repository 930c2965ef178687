// The programs' operator new and delete, linked into each of them with
// mimalloc (POLICY_MIMALLOC): malloc and free, which are mimalloc's then, and
// std::bad_alloc when memory runs out. mimalloc's own operator new is built
// as C and aborts instead, which would end the whole run where the programs
// report the one document that did not fit and go on with the others
// (tests/hostile: "an 8 GB sparse file under ulimit -v").
#include <algorithm>
#include <cstdlib>
#include <new>

namespace {

// As the standard's operator new: the new-handler, if one is set, may free
// memory and the request is tried again.
template <class Try>
void* allocate_or_throw(Try&& attempt) {
  for (;;) {
    if (void* p = attempt()) return p;
    const std::new_handler handler = std::get_new_handler();
    if (!handler) throw std::bad_alloc();
    handler();
  }
}

void* allocate(std::size_t n) {
  return allocate_or_throw([n] { return std::malloc(n == 0 ? 1 : n); });
}

void* allocate_aligned(std::size_t n, std::align_val_t al) {
  const std::size_t align = std::max(static_cast<std::size_t>(al), sizeof(void*));
  return allocate_or_throw([n, align]() -> void* {
    void* p = nullptr;
    return posix_memalign(&p, align, n == 0 ? 1 : n) == 0 ? p : nullptr;
  });
}

}  // namespace

void* operator new(std::size_t n) { return allocate(n); }
void* operator new[](std::size_t n) { return allocate(n); }
void* operator new(std::size_t n, std::align_val_t al) { return allocate_aligned(n, al); }
void* operator new[](std::size_t n, std::align_val_t al) { return allocate_aligned(n, al); }

void* operator new(std::size_t n, const std::nothrow_t&) noexcept {
  try {
    return allocate(n);
  } catch (const std::bad_alloc&) {
    return nullptr;
  }
}
void* operator new[](std::size_t n, const std::nothrow_t& nt) noexcept { return operator new(n, nt); }
void* operator new(std::size_t n, std::align_val_t al, const std::nothrow_t&) noexcept {
  try {
    return allocate_aligned(n, al);
  } catch (const std::bad_alloc&) {
    return nullptr;
  }
}
void* operator new[](std::size_t n, std::align_val_t al, const std::nothrow_t& nt) noexcept {
  return operator new(n, al, nt);
}

void operator delete(void* p) noexcept { std::free(p); }
void operator delete[](void* p) noexcept { std::free(p); }
void operator delete(void* p, std::size_t) noexcept { std::free(p); }
void operator delete[](void* p, std::size_t) noexcept { std::free(p); }
void operator delete(void* p, const std::nothrow_t&) noexcept { std::free(p); }
void operator delete[](void* p, const std::nothrow_t&) noexcept { std::free(p); }
void operator delete(void* p, std::align_val_t) noexcept { std::free(p); }
void operator delete[](void* p, std::align_val_t) noexcept { std::free(p); }
void operator delete(void* p, std::size_t, std::align_val_t) noexcept { std::free(p); }
void operator delete[](void* p, std::size_t, std::align_val_t) noexcept { std::free(p); }
void operator delete(void* p, std::align_val_t, const std::nothrow_t&) noexcept { std::free(p); }
void operator delete[](void* p, std::align_val_t, const std::nothrow_t&) noexcept { std::free(p); }

#include "policy/core/cleanup.h"

#include <limits.h>
#include <pthread.h>
#include <signal.h>
#include <unistd.h>

#include <atomic>
#include <cerrno>
#include <cstdlib>
#include <cstring>

namespace policy::cleanup {

namespace {

// A fixed table, so the signal handler reads it without locks or allocation.
// state: 0 free, 1 being filled, 2 registered.
struct Slot {
  std::atomic<int> state{0};
  char path[PATH_MAX];
};
constexpr int kSlots = 64;
Slot slots[kSlots];

void on_signal(int sig) {
  const int saved = errno;
  unlink_all();
  // Die of the signal as if no handler had been there: it stays pending
  // (blocked while we run) and acts when the handler returns.
  ::signal(sig, SIG_DFL);
  ::raise(sig);
  errno = saved;
}

}  // namespace

int add(const std::string& path) {
  if (path.size() >= PATH_MAX) return -1;
  for (int i = 0; i < kSlots; ++i) {
    int expected = 0;
    if (!slots[i].state.compare_exchange_strong(expected, 1)) continue;
    std::memcpy(slots[i].path, path.c_str(), path.size() + 1);
    slots[i].state.store(2, std::memory_order_release);
    return i;
  }
  return -1;
}

void remove(int slot) {
  if (slot >= 0 && slot < kSlots) slots[slot].state.store(0, std::memory_order_release);
}

int create_temp(std::string& templ, int suffix_len, int& slot) {
  sigset_t block, old;
  ::sigemptyset(&block);
  for (int sig : {SIGINT, SIGTERM, SIGHUP, SIGPIPE}) ::sigaddset(&block, sig);
  ::pthread_sigmask(SIG_BLOCK, &block, &old);
  int fd = ::mkstemps(templ.data(), suffix_len);
  const int saved = errno;
  slot = fd >= 0 ? add(templ) : -1;
  ::pthread_sigmask(SIG_SETMASK, &old, nullptr);
  errno = saved;
  return fd;
}

void unlink_all() {
  for (Slot& s : slots)
    if (s.state.load(std::memory_order_acquire) == 2) ::unlink(s.path);
}

void install_signal_handlers() {
  for (int sig : {SIGINT, SIGTERM, SIGHUP, SIGPIPE}) {
    struct sigaction old {};
    if (::sigaction(sig, nullptr, &old) != 0 || old.sa_handler == SIG_IGN) continue;
    struct sigaction sa {};
    sa.sa_handler = on_signal;
    ::sigemptyset(&sa.sa_mask);
    sa.sa_flags = SA_RESTART;
    ::sigaction(sig, &sa, nullptr);
  }
}

void exit_closed_pipe() {
  unlink_all();
  ::_exit(128 + SIGPIPE);
}

}  // namespace policy::cleanup

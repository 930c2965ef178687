// Temporary files that must not outlive the program, even when a signal ends
// it: the -o file being written beside its target, the xlsx workbook being
// built in $TMPDIR. Each is registered while it exists; the signal handlers
// (installed by the programs, not by the library) remove every registered
// file and then let the signal end the program as it would have.
//
//   int slot = cleanup::add(temp_path);   // -1 when the table is full
//   ...                                    // write it, rename it
//   cleanup::remove(slot);
#pragma once

#include <string>

namespace policy::cleanup {

int add(const std::string& path);
void remove(int slot);

// mkstemps(templ, suffix_len) and add() in one step, with the handled signals
// blocked in between so that none can strike after the file exists and
// before it is registered. The descriptor, or -1 with errno set.
int create_temp(std::string& templ, int suffix_len, int& slot);

// Unlinks every registered file now. Async-signal-safe.
void unlink_all();

// SIGINT, SIGTERM, SIGHUP and SIGPIPE: unlink_all, then the signal's own
// action (the program ends with the status the signal gives). A signal the
// parent had ignored (nohup, a background job) stays ignored.
void install_signal_handlers();

// The end for a write into a closed pipe when SIGPIPE is ignored (the write
// fails with EPIPE instead of killing): unlink_all and exit at once, quietly,
// with the status a SIGPIPE death shows in a shell (141).
[[noreturn]] void exit_closed_pipe();

}  // namespace policy::cleanup

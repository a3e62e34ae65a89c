#pragma once
// What decklist-server and decklist-cli do first thing in main(): Debian's Tesseract is built
// with OpenMP, and inside our own worker pool every OpenMP thread beyond one only costs (a
// screenshot took 334 ms with OpenMP's default and 208 ms with OMP_THREAD_LIMIT=1 on 2 cores,
// docs/PERFORMANCE.md). libgomp reads its environment once, when it is loaded, before main()
// runs, so a setenv() in main() comes too late: the program starts again with it set. The
// engine library never does this itself; it only refuses a pool that would oversubscribe
// (decklist/ocr/openmp_threads.hpp).

#include <unistd.h>

#include <cerrno>
#include <cstdio>
#include <cstdlib>
#include <cstring>

namespace decklist::programs {

// When OMP_THREAD_LIMIT is not set, sets it to 1 and re-executes this program with the same
// arguments (same pid, same signal mask). Returns only when nothing needed doing, or when the
// re-exec failed (then a line on stderr says why, and a worker pool of more than one worker
// will refuse to start). An explicit OMP_THREAD_LIMIT from the environment is respected.
inline void restart_with_single_threaded_openmp(char** argv) {
    if (std::getenv("OMP_THREAD_LIMIT") != nullptr) return;
    if (::setenv("OMP_THREAD_LIMIT", "1", 0) != 0) return;
    // /proc/self/exe, not argv[0]: argv[0] may be a bare name found on PATH or a relative
    // path that no longer resolves.
    ::execv("/proc/self/exe", argv);
    std::fprintf(stderr, "%s: could not restart with OMP_THREAD_LIMIT=1 (%s)\n",
                 argv[0] ? argv[0] : "decklist", std::strerror(errno));
}

}  // namespace decklist::programs

#include "decklist/ocr/openmp_env.hpp"

#include <unistd.h>

#include <cerrno>
#include <cstdio>
#include <cstdlib>
#include <cstring>

namespace decklist {

void restart_with_single_threaded_openmp(char** argv) {
    if (std::getenv("OMP_THREAD_LIMIT") != nullptr) return;
    if (::setenv("OMP_THREAD_LIMIT", "1", 0) != 0) return;
    // /proc/self/exe, not argv[0]: argv[0] may be a bare name found on PATH or a relative
    // path that no longer resolves.
    ::execv("/proc/self/exe", argv);
    std::fprintf(stderr, "%s: could not restart with OMP_THREAD_LIMIT=1 (%s); OCR will be slower\n",
                 argv[0] ? argv[0] : "decklist", std::strerror(errno));
}

}  // namespace decklist

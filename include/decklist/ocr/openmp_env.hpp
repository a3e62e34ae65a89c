#pragma once
// Debian's Tesseract is built with OpenMP, and its LSTM asks for more threads than a
// 2-core machine has. Inside our own worker pool that only costs: a whole screenshot took
// 334 ms with OpenMP's default and 208 ms with OMP_THREAD_LIMIT=1 (docs/PERFORMANCE.md).
// libgomp reads its environment once, when it is loaded, which is before main() runs, so
// a setenv() in main() comes too late: the process has to start again with the variable set.

namespace decklist {

// When OMP_THREAD_LIMIT is not set, sets it to 1 and re-executes this program with the same
// arguments (same pid, same signal mask). Returns only when nothing needed doing, or when the
// re-exec failed (then the program runs on, just slower, and a line says why on stderr).
// An explicit OMP_THREAD_LIMIT from the environment is respected. Call first thing in main().
void restart_with_single_threaded_openmp(char** argv);

}  // namespace decklist

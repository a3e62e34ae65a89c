#pragma once
// Debian's Tesseract runs each recognition on OpenMP threads, as many as OMP_THREAD_LIMIT
// allows (every hardware thread by default). Several recognitions at once, one per pool
// worker, then run more threads than the machine has, and every screenshot gets slower.
// libgomp reads the limit when it is loaded, so only the program's start can set it (see
// src/programs/single_threaded_openmp.hpp); the library checks, and refuses.

#include <cstddef>

namespace decklist {

// The OpenMP threads one recognition may use: OMP_THREAD_LIMIT as this process has it, else
// the hardware thread count (libgomp's default).
unsigned openmp_threads_per_recognition();

// Throws Error(internal), naming OMP_THREAD_LIMIT, when `workers` recognitions at once could
// run more OpenMP threads than the machine has hardware threads. WorkerPool calls it before
// starting any thread.
void require_openmp_fits(std::size_t workers);

}  // namespace decklist

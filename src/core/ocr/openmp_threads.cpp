#include "decklist/ocr/openmp_threads.hpp"

#include <algorithm>
#include <charconv>
#include <cstdlib>
#include <string>
#include <string_view>
#include <thread>

#include "decklist/error.hpp"

namespace decklist {
namespace {

unsigned hardware_threads() {
    return std::max(1u, std::thread::hardware_concurrency());
}

}  // namespace

unsigned openmp_threads_per_recognition() {
    const char* text = std::getenv("OMP_THREAD_LIMIT");
    if (text == nullptr) return hardware_threads();
    const std::string_view value(text);
    unsigned limit = 0;
    const auto [end, ec] = std::from_chars(value.data(), value.data() + value.size(), limit);
    // libgomp ignores a value it cannot read, and so runs its default.
    if (ec != std::errc() || end != value.data() + value.size() || limit == 0)
        return hardware_threads();
    return std::min(limit, hardware_threads());
}

void require_openmp_fits(std::size_t workers) {
    const unsigned per_recognition = openmp_threads_per_recognition();
    if (workers <= 1 || per_recognition == 1) return;
    if (workers * per_recognition <= hardware_threads()) return;
    throw Error(ErrorType::internal,
                std::to_string(workers) + " OCR workers with up to " +
                    std::to_string(per_recognition) + " OpenMP threads each would oversubscribe " +
                    std::to_string(hardware_threads()) +
                    " hardware threads; start the program with OMP_THREAD_LIMIT=1",
                {{"workers", workers},
                 {"openmp_threads_per_recognition", per_recognition},
                 {"hardware_threads", hardware_threads()}});
}

}  // namespace decklist

// Image intake and page layout on arbitrary bytes: sniff, decode with the limits enforced
// from the header, then look for the page layout (no OCR, so executions stay fast). Any
// outcome other than a decklist::Error is a crash.
#include <cstddef>
#include <cstdint>
#include <cstdlib>
#include <span>

#include <opencv2/core.hpp>

#include "decklist/error.hpp"
#include "decklist/image/intake.hpp"
#include "decklist/layout/page_layout.hpp"

extern "C" int LLVMFuzzerInitialize(int*, char***) {
    cv::setNumThreads(1);  // libFuzzer runs one input at a time; thread pools only add noise
    return 0;
}

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
    const std::span<const std::uint8_t> bytes(data, size);
    (void)decklist::sniff_image(bytes);
    decklist::ImageLimits limits;
    limits.max_pixels = 4'000'000;  // a fuzzer-made header may claim anything
    cv::Mat image;
    try {
        image = decklist::decode_image(bytes, limits);
    } catch (const decklist::Error&) {
        return 0;
    }
    if (image.empty() || image.type() != CV_8UC3) std::abort();  // intake promises 8-bit BGR
    try {
        (void)decklist::find_page_layout(image);
    } catch (const decklist::Error&) {
    }
    return 0;
}

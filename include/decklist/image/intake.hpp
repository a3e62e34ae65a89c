#pragma once
// Image intake: know what the bytes are before trusting them, enforce limits from the
// header before decoding, decode to 8-bit BGR with EXIF orientation applied.

#include <cstddef>
#include <cstdint>
#include <span>
#include <string>

#include <opencv2/core.hpp>

namespace decklist {

enum class ImageFormat { jpeg, png, webp, bmp, unknown };

struct ImageLimits {
    std::size_t max_file_bytes = 10 * 1024 * 1024;
    std::size_t max_pixels = 40'000'000;
};

struct SniffResult {
    ImageFormat format = ImageFormat::unknown;
    std::string
        detected;  // what the bytes look like, for messages: "JPEG", "GIF", "PDF", "text"...
};

SniffResult sniff_image(std::span<const std::uint8_t> bytes) noexcept;

// Throws decklist::Error: validation (empty, unsupported type naming what was detected,
// truncated or corrupt), limit (file too large, too many pixels).
cv::Mat decode_image(std::span<const std::uint8_t> bytes, const ImageLimits& limits);

}  // namespace decklist

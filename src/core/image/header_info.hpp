#pragma once
// What an image header says about the picture, read without decoding a single pixel.

#include <cstdint>
#include <optional>
#include <span>

#include "decklist/image/intake.hpp"

namespace decklist::image {

struct HeaderInfo {
    std::uint64_t width = 0;
    std::uint64_t height = 0;
    // JPEG/PNG: the file ends the way a complete file does (EOI after the scan, IEND).
    bool complete = true;
};

// nullopt when the header is missing or malformed (truncated, not what the magic promised).
std::optional<HeaderInfo> read_header(std::span<const std::uint8_t> bytes, ImageFormat format);

}  // namespace decklist::image

// Dimension readers for the four accepted formats. Each reader touches only the bytes it
// has checked are there, so crafted or truncated headers cannot read out of bounds.

#include "image/header_info.hpp"

#include <algorithm>
#include <cstring>
#include <string_view>

namespace decklist::image {
namespace {

using Bytes = std::span<const std::uint8_t>;

std::uint32_t be16(Bytes b, std::size_t i) {
    return b[i] << 8 | b[i + 1];
}
std::uint32_t be32(Bytes b, std::size_t i) {
    return std::uint32_t{b[i]} << 24 | b[i + 1] << 16 | b[i + 2] << 8 | b[i + 3];
}
std::uint32_t le16(Bytes b, std::size_t i) {
    return b[i] | b[i + 1] << 8;
}
std::uint32_t le24(Bytes b, std::size_t i) {
    return b[i] | b[i + 1] << 8 | b[i + 2] << 16;
}
std::uint32_t le32(Bytes b, std::size_t i) {
    return b[i] | b[i + 1] << 8 | b[i + 2] << 16 | std::uint32_t{b[i + 3]} << 24;
}

bool contains(Bytes bytes, std::size_t from, std::string_view needle) {
    if (from >= bytes.size()) return false;
    auto it = std::search(bytes.begin() + from, bytes.end(), needle.begin(), needle.end(),
                          [](std::uint8_t a, char b) { return a == static_cast<std::uint8_t>(b); });
    return it != bytes.end();
}

bool is_sof(std::uint8_t marker) {
    return marker >= 0xC0 && marker <= 0xCF && marker != 0xC4 && marker != 0xC8 && marker != 0xCC;
}

// Walks the marker segments up to the first frame header. A JPEG is complete when an EOI
// marker follows the first scan: inside entropy-coded data 0xFF is always stuffed, so the
// only FF D9 after SOS is the real end of image.
std::optional<HeaderInfo> read_jpeg(Bytes b) {
    std::optional<HeaderInfo> info;
    std::size_t i = 2;
    while (i + 4 <= b.size()) {
        if (b[i] != 0xFF) return std::nullopt;
        std::uint8_t marker = b[i + 1];
        if (marker == 0xFF) {  // fill byte
            ++i;
            continue;
        }
        if (marker == 0x01 || (marker >= 0xD0 && marker <= 0xD7)) {  // no length
            i += 2;
            continue;
        }
        if (marker == 0xD9) break;
        const std::size_t length = be16(b, i + 2);
        if (length < 2) return std::nullopt;
        if (is_sof(marker)) {
            if (i + 9 > b.size()) return std::nullopt;
            info = HeaderInfo{be16(b, i + 7), be16(b, i + 5), false};
        }
        if (marker == 0xDA) {  // start of scan
            if (!info) return std::nullopt;
            info->complete = contains(b, i + 2 + length, "\xFF\xD9");
            return info;
        }
        i += 2 + length;
    }
    if (info) info->complete = false;
    return info;
}

std::optional<HeaderInfo> read_png(Bytes b) {
    if (b.size() < 24 || std::memcmp(b.data() + 12, "IHDR", 4) != 0) return std::nullopt;
    return HeaderInfo{be32(b, 16), be32(b, 20), contains(b, 33, "IEND")};
}

std::optional<HeaderInfo> read_webp(Bytes b) {
    if (b.size() < 30) return std::nullopt;
    const std::string_view chunk(reinterpret_cast<const char*>(b.data() + 12), 4);
    if (chunk == "VP8X") {
        return HeaderInfo{le24(b, 24) + 1ull, le24(b, 27) + 1ull, true};
    }
    if (chunk == "VP8L") {
        if (b[20] != 0x2F) return std::nullopt;
        const std::uint32_t bits = le32(b, 21);
        return HeaderInfo{(bits & 0x3FFF) + 1ull, ((bits >> 14) & 0x3FFF) + 1ull, true};
    }
    if (chunk == "VP8 ") {
        if (b[23] != 0x9D || b[24] != 0x01 || b[25] != 0x2A) return std::nullopt;
        return HeaderInfo{le16(b, 26) & 0x3FFFu, le16(b, 28) & 0x3FFFu, true};
    }
    return std::nullopt;
}

std::optional<HeaderInfo> read_bmp(Bytes b) {
    if (b.size() < 26) return std::nullopt;
    if (le32(b, 14) == 12) return HeaderInfo{le16(b, 18), le16(b, 20), true};
    const auto width = static_cast<std::int32_t>(le32(b, 18));
    const auto height = static_cast<std::int32_t>(le32(b, 22));  // negative: top-down rows
    if (width <= 0 || height == 0 || height == INT32_MIN) return std::nullopt;
    return HeaderInfo{static_cast<std::uint64_t>(width),
                      static_cast<std::uint64_t>(height < 0 ? -height : height), true};
}

}  // namespace

std::optional<HeaderInfo> read_header(std::span<const std::uint8_t> bytes, ImageFormat format) {
    switch (format) {
        case ImageFormat::jpeg:
            return read_jpeg(bytes);
        case ImageFormat::png:
            return read_png(bytes);
        case ImageFormat::webp:
            return read_webp(bytes);
        case ImageFormat::bmp:
            return read_bmp(bytes);
        case ImageFormat::unknown:
            break;
    }
    return std::nullopt;
}

}  // namespace decklist::image

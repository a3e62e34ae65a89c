// Magic-byte sniffing: name what the bytes are so a rejection can say "GIF" or "PDF"
// instead of "decode failed".

#include <algorithm>
#include <cctype>
#include <cstring>
#include <string_view>

#include "decklist/image/intake.hpp"

namespace decklist {
namespace {

using Bytes = std::span<const std::uint8_t>;

bool starts_with(Bytes bytes, std::string_view magic, std::size_t offset = 0) {
    if (bytes.size() < offset + magic.size()) return false;
    return std::memcmp(bytes.data() + offset, magic.data(), magic.size()) == 0;
}

// The first bytes of a text file, lower-cased, with a BOM and leading whitespace skipped.
std::string text_prefix(Bytes bytes, std::size_t length) {
    std::size_t i = 0;
    if (starts_with(bytes, "\xEF\xBB\xBF")) i = 3;
    while (i < bytes.size() && std::isspace(bytes[i])) ++i;
    std::string out;
    for (; i < bytes.size() && out.size() < length; ++i) {
        out.push_back(static_cast<char>(std::tolower(bytes[i])));
    }
    return out;
}

// Printable ASCII, common whitespace or UTF-8 multi-byte sequences, and no NUL.
bool looks_like_text(Bytes bytes) {
    const std::size_t n = std::min<std::size_t>(bytes.size(), 4096);
    std::size_t i = 0;
    while (i < n) {
        const std::uint8_t c = bytes[i];
        if (c == '\t' || c == '\n' || c == '\r' || c == '\f' || (c >= 0x20 && c < 0x7F)) {
            ++i;
            continue;
        }
        int continuation = (c & 0xE0) == 0xC0   ? 1
                           : (c & 0xF0) == 0xE0 ? 2
                           : (c & 0xF8) == 0xF0 ? 3
                                                : -1;
        if (continuation < 0) return false;
        for (int k = 1; k <= continuation; ++k) {
            if (i + k >= n) return true;  // cut by the sample window, not by the file
            if ((bytes[i + k] & 0xC0) != 0x80) return false;
        }
        i += continuation + 1;
    }
    return true;
}

bool is_bmp(Bytes bytes) {
    if (!starts_with(bytes, "BM") || bytes.size() < 26) return false;
    const std::uint32_t dib = bytes[14] | bytes[15] << 8 | bytes[16] << 16 | bytes[17] << 24;
    return dib == 12 || dib == 16 || dib == 40 || dib == 52 || dib == 56 || dib == 64 ||
           dib == 108 || dib == 124;
}

}  // namespace

SniffResult sniff_image(std::span<const std::uint8_t> bytes) noexcept {
    if (bytes.empty()) return {ImageFormat::unknown, "empty"};
    if (starts_with(bytes, "\xFF\xD8\xFF")) return {ImageFormat::jpeg, "JPEG"};
    if (starts_with(bytes, "\x89PNG\r\n\x1A\n")) return {ImageFormat::png, "PNG"};
    if (starts_with(bytes, "RIFF") && starts_with(bytes, "WEBP", 8)) {
        return {ImageFormat::webp, "WebP"};
    }
    if (is_bmp(bytes)) return {ImageFormat::bmp, "BMP"};

    if (starts_with(bytes, "GIF87a") || starts_with(bytes, "GIF89a")) {
        return {ImageFormat::unknown, "GIF"};
    }
    if (starts_with(bytes, "%PDF")) return {ImageFormat::unknown, "PDF"};
    if (starts_with(bytes, "PK\x03\x04") || starts_with(bytes, "PK\x05\x06")) {
        return {ImageFormat::unknown, "ZIP"};
    }
    if (starts_with(bytes, "II*\0") || starts_with(bytes, std::string_view("MM\0*", 4))) {
        return {ImageFormat::unknown, "TIFF"};
    }
    if (starts_with(bytes, "ftyp", 4)) {
        if (starts_with(bytes, "avif", 8)) return {ImageFormat::unknown, "AVIF"};
        if (starts_with(bytes, "heic", 8) || starts_with(bytes, "heix", 8) ||
            starts_with(bytes, "mif1", 8)) {
            return {ImageFormat::unknown, "HEIC"};
        }
        return {ImageFormat::unknown, "MP4/QuickTime video"};
    }
    if (starts_with(bytes, std::string_view("\0\0\1\0", 4))) return {ImageFormat::unknown, "ICO"};
    if (starts_with(bytes, "\x1F\x8B")) return {ImageFormat::unknown, "gzip"};
    if (starts_with(bytes, "RIFF")) return {ImageFormat::unknown, "RIFF (not WebP)"};

    const std::string prefix = text_prefix(bytes, 256);
    if (prefix.starts_with("<svg") ||
        (prefix.starts_with("<?xml") && prefix.find("<svg") != std::string::npos)) {
        return {ImageFormat::unknown, "SVG/XML"};
    }
    if (prefix.starts_with("<!doctype html") || prefix.starts_with("<html")) {
        return {ImageFormat::unknown, "HTML"};
    }
    if (prefix.starts_with("<?xml")) return {ImageFormat::unknown, "SVG/XML"};
    if (looks_like_text(bytes)) return {ImageFormat::unknown, "text"};
    return {ImageFormat::unknown, "unknown binary"};
}

}  // namespace decklist

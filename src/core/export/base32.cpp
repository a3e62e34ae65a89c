#include "export/base32.hpp"

namespace decklist::deck_code {
namespace {

constexpr std::string_view kAlphabet = "ABCDEFGHIJKLMNOPQRSTUVWXYZ234567";

int value_of(char c) {
    if (c >= 'a' && c <= 'z') c = static_cast<char>(c - 'a' + 'A');
    const auto pos = kAlphabet.find(c);
    return pos == std::string_view::npos ? -1 : static_cast<int>(pos);
}

}  // namespace

std::string base32_encode(const std::vector<std::uint8_t>& bytes) {
    std::string text;
    unsigned buffer = 0;
    int bits = 0;
    for (const std::uint8_t byte : bytes) {
        buffer = (buffer << 8) | byte;
        bits += 8;
        while (bits >= 5) {
            bits -= 5;
            text += kAlphabet[(buffer >> bits) & 0x1f];
        }
        buffer &= (1u << bits) - 1;  // keep only the bits not written yet
    }
    if (bits > 0) text += kAlphabet[(buffer << (5 - bits)) & 0x1f];
    return text;
}

std::size_t first_non_base32(std::string_view text) {
    for (std::size_t i = 0; i < text.size(); ++i)
        if (value_of(text[i]) < 0) return i;
    return std::string_view::npos;
}

std::optional<std::vector<std::uint8_t>> base32_decode(std::string_view text) {
    std::vector<std::uint8_t> bytes;
    bytes.reserve(text.size() * 5 / 8);
    unsigned buffer = 0;
    int bits = 0;
    for (const char c : text) {
        const int value = value_of(c);
        if (value < 0) return std::nullopt;
        buffer = (buffer << 5) | static_cast<unsigned>(value);
        bits += 5;
        if (bits >= 8) {
            bits -= 8;
            bytes.push_back(static_cast<std::uint8_t>((buffer >> bits) & 0xff));
        }
        buffer &= (1u << bits) - 1;
    }
    // An encoder pads the last character with zero bits and never writes a character that
    // holds no data bit; anything else is a damaged or hand-edited code.
    if (bits >= 5 || buffer != 0) return std::nullopt;
    return bytes;
}

}  // namespace decklist::deck_code

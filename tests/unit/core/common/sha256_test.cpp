// SHA-256 against the FIPS 180-2 / NIST examples and padding boundaries (lengths around the
// 56- and 64-byte block edges, where a second padding block is needed or not).

#include <cctype>
#include <vector>

#include <gtest/gtest.h>

#include "decklist/sha256.hpp"

namespace decklist {
namespace {

std::string hex(std::string_view text) {
    return to_hex(sha256(text));
}

TEST(Sha256, FipsExamples) {
    EXPECT_EQ(hex(""), "e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855");
    EXPECT_EQ(hex("abc"), "ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad");
    EXPECT_EQ(hex("abcdbcdecdefdefgefghfghighijhijkijkljklmklmnlmnomnopnopq"),
              "248d6a61d20638b8e5c026930c3e6039a33ce45964ff2167f6ecedd419db06c1");
    EXPECT_EQ(hex("abcdefghbcdefghicdefghijdefghijkefghijklfghijklmghijklmnhijklmnoijklmnopjklmnop"
                  "qklmnopqrlmnopqrsmnopqrstnopqrstu"),
              "cf5b16a778af8380036ce59e7b0492370b249b11e8f07a51afac45037afee9d1");
}

TEST(Sha256, OneMillionA) {
    EXPECT_EQ(hex(std::string(1000000, 'a')),
              "cdc76e5c9914fb9281a1c7e284d73e67f1809a48a497200e046d39ccc7112cd0");
}

TEST(Sha256, PaddingBoundaries) {
    const std::pair<std::size_t, const char*> cases[] = {
        {55, "9f4390f8d30c2dd92ec9f095b65e2b9ae9b0a925a5258e241c9f1e910f734318"},
        {56, "b35439a4ac6f0948b6d6f9e3c6af0f5f590ce20f1bde7090ef7970686ec6738a"},
        {63, "7d3e74a05d7db15bce4ad9ec0658ea98e3f06eeecf16b4c6fff2da457ddc2f34"},
        {64, "ffe054fe7ae0cb6dc65c3af9b61d5209f439851db43d0ba5997337df154668eb"},
        {65, "635361c48bb9eab14198e76ea8ab7f1a41685d6ad62aa9146d301d4f17eb0ae0"},
        {119, "31eba51c313a5c08226adf18d4a359cfdfd8d2e816b13f4af952f7ea6584dcfb"},
        {120, "2f3d335432c70b580af0e8e1b3674a7c020d683aa5f73aaaedfdc55af904c21c"},
        {128, "6836cf13bac400e9105071cd6af47084dfacad4e5e302c94bfed24e013afb73e"},
    };
    for (const auto& [length, expected] : cases)
        EXPECT_EQ(hex(std::string(length, 'a')), expected) << length << " bytes";
}

TEST(Sha256, BytesAndTextOfTheSameContentAgree) {
    const std::vector<std::uint8_t> bytes = {'a', 'b', 'c'};
    EXPECT_EQ(sha256_hex(bytes), hex("abc"));
}

TEST(Sha256, BinaryInputIncludingZeroBytes) {
    const std::string with_nul("a\0b", 3);
    EXPECT_NE(hex(with_nul), hex("ab"));
    EXPECT_EQ(hex(with_nul).size(), 64u);
}

TEST(Sha256, HexRoundTripsAndRejectsMalformedDigests) {
    const auto digest = sha256("abc");
    ASSERT_EQ(digest_from_hex(to_hex(digest)), digest);
    std::string upper = to_hex(digest);
    for (auto& c : upper) c = static_cast<char>(std::toupper(static_cast<unsigned char>(c)));
    EXPECT_EQ(digest_from_hex(upper), digest);
    EXPECT_FALSE(digest_from_hex(to_hex(digest).substr(1)));
    EXPECT_FALSE(digest_from_hex(to_hex(digest) + "0"));
    EXPECT_FALSE(digest_from_hex(std::string(63, '0') + "g"));
}

}  // namespace
}  // namespace decklist

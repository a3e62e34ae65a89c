// Image intake: what the bytes are, limits from the header before decoding, decoding of
// every accepted form to 8-bit BGR, and clean errors for everything else.

#include <gtest/gtest.h>

#include <filesystem>
#include <fstream>
#include <iterator>
#include <random>
#include <string>

#include <opencv2/imgcodecs.hpp>
#include <opencv2/imgproc.hpp>

#include "decklist/error.hpp"
#include "decklist/image/intake.hpp"

namespace decklist {
namespace {

using Bytes = std::vector<std::uint8_t>;
using namespace std::literals;  // "..."sv keeps embedded NUL bytes

Bytes bytes_of(std::string_view text) {
    return Bytes(text.begin(), text.end());
}

Bytes encode(const cv::Mat& image, const std::string& ext, std::vector<int> params = {}) {
    Bytes out;
    EXPECT_TRUE(cv::imencode(ext, image, out, params));
    return out;
}

cv::Mat sample_image(int width = 48, int height = 32) {
    cv::Mat image(height, width, CV_8UC3, cv::Scalar(40, 80, 200));
    cv::rectangle(image, {4, 4}, {width / 2, height / 2}, cv::Scalar(255, 255, 255), cv::FILLED);
    return image;
}

// The error decode_image throws; fails the test when it does not throw one.
Error decode_error(const Bytes& bytes, ImageLimits limits = {}) {
    try {
        decode_image(bytes, limits);
    } catch (const Error& e) {
        return e;
    }
    ADD_FAILURE() << "decode_image accepted the bytes";
    return Error(ErrorType::internal, "no error");
}

void put_be32(Bytes& b, std::size_t at, std::uint32_t v) {
    b[at] = v >> 24;
    b[at + 1] = v >> 16;
    b[at + 2] = v >> 8;
    b[at + 3] = v;
}

TEST(Sniff, NamesEveryAcceptedFormat) {
    const cv::Mat image = sample_image();
    EXPECT_EQ(sniff_image(encode(image, ".jpg")).format, ImageFormat::jpeg);
    EXPECT_EQ(sniff_image(encode(image, ".png")).format, ImageFormat::png);
    EXPECT_EQ(sniff_image(encode(image, ".webp")).format, ImageFormat::webp);
    EXPECT_EQ(sniff_image(encode(image, ".bmp")).format, ImageFormat::bmp);
}

TEST(Sniff, NamesWhatOtherBytesAre) {
    EXPECT_EQ(sniff_image(bytes_of("GIF89a\x01\x00\x01\x00"sv)).detected, "GIF");
    EXPECT_EQ(sniff_image(bytes_of("%PDF-1.7\n%\xE2\xE3")).detected, "PDF");
    EXPECT_EQ(sniff_image(bytes_of("<?xml version=\"1.0\"?>\n<svg xmlns=\"x\"/>")).detected,
              "SVG/XML");
    EXPECT_EQ(sniff_image(bytes_of("  <svg width=\"10\"></svg>")).detected, "SVG/XML");
    EXPECT_EQ(sniff_image(bytes_of("<!DOCTYPE html><html><body>hi</body></html>")).detected,
              "HTML");
    EXPECT_EQ(sniff_image(bytes_of("just some words, 中文 too\n")).detected, "text");
    EXPECT_EQ(sniff_image(bytes_of("PK\x03\x04\x14\x00"sv)).detected, "ZIP");
    EXPECT_EQ(sniff_image(Bytes{0x00, 0xFF, 0x13, 0x80, 0x02, 0x9C}).detected, "unknown binary");
    EXPECT_EQ(sniff_image(Bytes{}).detected, "empty");
}

TEST(Decode, RejectsOtherTypesNamingWhatWasDetected) {
    for (const auto& [bytes, name] :
         {std::pair{bytes_of("GIF87a\x02\x00\x02\x00\x00\x00\x00;"sv), "GIF"},
          std::pair{bytes_of("%PDF-1.4\n1 0 obj\n"), "PDF"},
          std::pair{bytes_of("<svg xmlns=\"http://www.w3.org/2000/svg\"/>"), "SVG/XML"},
          std::pair{bytes_of("<html><body>not an image</body></html>"), "HTML"},
          std::pair{bytes_of("hello"), "text"}}) {
        const Error e = decode_error(bytes);
        EXPECT_EQ(e.type(), ErrorType::validation) << name;
        EXPECT_NE(std::string(e.what()).find(name), std::string::npos) << e.what();
    }
}

TEST(Decode, EmptyInputIsAValidationError) {
    EXPECT_EQ(decode_error(Bytes{}).type(), ErrorType::validation);
}

TEST(Decode, DecodesEveryAcceptedFormatToBgr) {
    const cv::Mat image = sample_image(48, 32);
    for (const char* ext : {".jpg", ".png", ".webp", ".bmp"}) {
        const cv::Mat decoded = decode_image(encode(image, ext), {});
        EXPECT_EQ(decoded.type(), CV_8UC3) << ext;
        EXPECT_EQ(decoded.size(), image.size()) << ext;
        // The white square stays white, the ground stays orange-red (BGR 40, 80, 200).
        EXPECT_GT(decoded.at<cv::Vec3b>(8, 8)[0], 220) << ext;
        EXPECT_GT(decoded.at<cv::Vec3b>(28, 40)[2], 170) << ext;
        EXPECT_LT(decoded.at<cv::Vec3b>(28, 40)[0], 80) << ext;
    }
}

TEST(Decode, GreyAlphaAndSixteenBitPngBecomeEightBitBgr) {
    cv::Mat grey(20, 30, CV_8UC1, cv::Scalar(128));
    cv::Mat rgba(20, 30, CV_8UC4, cv::Scalar(10, 20, 30, 128));
    cv::Mat deep(20, 30, CV_16UC3, cv::Scalar(65535, 0, 32768));
    for (const cv::Mat& image : {grey, rgba, deep}) {
        const cv::Mat decoded = decode_image(encode(image, ".png"), {});
        EXPECT_EQ(decoded.type(), CV_8UC3);
        EXPECT_EQ(decoded.size(), image.size());
    }
    const cv::Mat deep_decoded = decode_image(encode(deep, ".png"), {});
    EXPECT_EQ(deep_decoded.at<cv::Vec3b>(0, 0), cv::Vec3b(255, 0, 128));
}

TEST(Decode, CmykJpegBecomesBgr) {
    const auto path =
        std::filesystem::path(DECKLIST_SOURCE_DIR) / "tests/unit/core/image/fixtures/cmyk.jpg";
    std::ifstream in(path, std::ios::binary);
    const Bytes bytes{std::istreambuf_iterator<char>(in), std::istreambuf_iterator<char>()};
    ASSERT_FALSE(bytes.empty());
    const cv::Mat decoded = decode_image(bytes, {});
    EXPECT_EQ(decoded.type(), CV_8UC3);
    EXPECT_EQ(decoded.size(), cv::Size(24, 16));
    // A red-to-blue gradient: red at the top, blue at the bottom.
    EXPECT_GT(decoded.at<cv::Vec3b>(0, 12)[2], 150);
    EXPECT_GT(decoded.at<cv::Vec3b>(15, 12)[0], 150);
}

// A JPEG with an APP1 Exif segment holding only Orientation = `orientation`.
Bytes with_exif_orientation(const Bytes& jpeg, std::uint16_t orientation) {
    const std::uint8_t tiff[] = {'M',
                                 'M',
                                 0,
                                 42,
                                 0,
                                 0,
                                 0,
                                 8,  // big-endian, IFD at 8
                                 0,
                                 1,  // one entry
                                 0x01,
                                 0x12,
                                 0,
                                 3,
                                 0,
                                 0,
                                 0,
                                 1,  // Orientation, SHORT, 1
                                 static_cast<std::uint8_t>(orientation >> 8),
                                 static_cast<std::uint8_t>(orientation),
                                 0,
                                 0,
                                 0,
                                 0,
                                 0,
                                 0};  // no next IFD
    Bytes app1 = {0xFF, 0xE1, 0, 0, 'E', 'x', 'i', 'f', 0, 0};
    app1.insert(app1.end(), std::begin(tiff), std::end(tiff));
    const std::size_t length = app1.size() - 2;
    app1[2] = length >> 8;
    app1[3] = length & 0xFF;
    Bytes out(jpeg.begin(), jpeg.begin() + 2);  // SOI
    out.insert(out.end(), app1.begin(), app1.end());
    out.insert(out.end(), jpeg.begin() + 2, jpeg.end());
    return out;
}

TEST(Decode, AppliesExifOrientation) {
    cv::Mat image(20, 40, CV_8UC3, cv::Scalar(0, 0, 0));
    image(cv::Rect(0, 0, 10, 20)).setTo(cv::Scalar(255, 255, 255));  // white left edge
    const Bytes jpeg = encode(image, ".jpg", {cv::IMWRITE_JPEG_QUALITY, 95});
    const cv::Mat upright = decode_image(with_exif_orientation(jpeg, 1), {});
    EXPECT_EQ(upright.size(), cv::Size(40, 20));
    // Orientation 6: the stored picture must be turned 90 degrees clockwise to display,
    // so the white left edge becomes the top edge.
    const cv::Mat rotated = decode_image(with_exif_orientation(jpeg, 6), {});
    ASSERT_EQ(rotated.size(), cv::Size(20, 40));
    EXPECT_GT(rotated.at<cv::Vec3b>(2, 10)[0], 200);
    EXPECT_LT(rotated.at<cv::Vec3b>(37, 10)[0], 50);
}

TEST(Decode, FileLargerThanTheLimitIsALimitError) {
    const Bytes png = encode(sample_image(), ".png");
    const Error e = decode_error(png, ImageLimits{png.size() - 1, 40'000'000});
    EXPECT_EQ(e.type(), ErrorType::limit);
}

TEST(Decode, PixelLimitIsCheckedAgainstTheRealHeader) {
    const Bytes png = encode(sample_image(48, 32), ".png");
    EXPECT_EQ(decode_error(png, ImageLimits{1 << 20, 48 * 32 - 1}).type(), ErrorType::limit);
    EXPECT_NO_THROW(decode_image(png, ImageLimits{1 << 20, 48 * 32}));
}

// Headers that declare 50000 x 50000 pixels with no pixel data behind them: only a
// header check can call these a limit error (a decoder would fail on missing data first).
TEST(Decode, HugeDeclaredSizeIsRejectedFromTheHeaderAlone) {
    Bytes png = {0x89, 'P', 'N', 'G', '\r', '\n', 0x1A, '\n', 0, 0, 0, 13, 'I', 'H', 'D', 'R', 0,
                 0,    0,   0,   0,   0,    0,    0,    8,    2, 0, 0, 0,  0,   0,   0,   0};
    put_be32(png, 16, 50000);
    put_be32(png, 20, 50000);
    EXPECT_EQ(decode_error(png).type(), ErrorType::limit);

    const Bytes jpeg = {0xFF, 0xD8, 0xFF, 0xC0, 0x00, 0x11, 0x08, 0xC3, 0x50, 0xC3, 0x50, 0x03};
    EXPECT_EQ(decode_error(jpeg).type(), ErrorType::limit);

    Bytes webp = bytes_of("RIFF\0\0\0\0WEBPVP8X\x0A\0\0\0\0\0\0\0"sv);
    for (int i = 0; i < 6; ++i) webp.push_back(0xC3);  // 24-bit width-1, height-1: 12.8M
    EXPECT_EQ(decode_error(webp).type(), ErrorType::limit);

    Bytes bmp(54, 0);
    bmp[0] = 'B';
    bmp[1] = 'M';
    bmp[14] = 40;
    bmp[18] = 0x50, bmp[19] = 0xC3;  // width 50000, little-endian
    bmp[22] = 0x50, bmp[23] = 0xC3;  // height 50000
    EXPECT_EQ(decode_error(bmp).type(), ErrorType::limit);
}

TEST(Decode, TruncatedImagesAreValidationErrors) {
    const cv::Mat image = sample_image(64, 64);
    for (const char* ext : {".jpg", ".png", ".webp", ".bmp"}) {
        Bytes bytes = encode(image, ext);
        bytes.resize(bytes.size() / 2);
        EXPECT_EQ(decode_error(bytes).type(), ErrorType::validation) << ext;
    }
    // Cut inside the header itself.
    Bytes jpeg = encode(image, ".jpg");
    jpeg.resize(20);
    EXPECT_EQ(decode_error(jpeg).type(), ErrorType::validation);
    Bytes png = encode(image, ".png");
    png.resize(12);
    EXPECT_EQ(decode_error(png).type(), ErrorType::validation);
}

TEST(Decode, CorruptPixelDataIsAValidationErrorNotACrash) {
    std::mt19937 random(7);
    Bytes png = encode(sample_image(64, 64), ".png");
    for (std::size_t i = 40; i + 12 < png.size(); ++i) png[i] = random() & 0xFF;
    EXPECT_EQ(decode_error(png).type(), ErrorType::validation);
}

TEST(Decode, RandomBytesAfterAMagicNumberNeverCrash) {
    std::mt19937 random(11);
    for (const Bytes& magic :
         {Bytes{0xFF, 0xD8, 0xFF}, Bytes{0x89, 'P', 'N', 'G', '\r', '\n', 0x1A, '\n'},
          bytes_of("RIFF\x10\0\0\0WEBPVP8 "sv), bytes_of("BM")}) {
        for (int round = 0; round < 50; ++round) {
            Bytes bytes = magic;
            const int extra = random() % 200;
            for (int i = 0; i < extra; ++i) bytes.push_back(random() & 0xFF);
            try {
                const cv::Mat m = decode_image(bytes, {});
                EXPECT_EQ(m.type(), CV_8UC3);
            } catch (const Error& e) {
                EXPECT_TRUE(e.type() == ErrorType::validation || e.type() == ErrorType::limit);
            }
        }
    }
}

}  // namespace
}  // namespace decklist

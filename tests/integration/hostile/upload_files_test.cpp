// Hostile files on POST /api/v1/process (one part "file"), each with its exact answer:
// broken and disguised files are 400 validation naming what the bytes are, oversized ones
// 413 limit before any decoding, odd but valid encodings are accepted and read.

#include "hostile_fixture.hpp"

namespace decklist::test {
namespace {

// A PNG whose IHDR declares width x height (with a correct CRC) and no pixel data at all.
std::string png_declaring(std::uint32_t width, std::uint32_t height) {
    auto be32 = [](std::uint32_t v) {
        return std::string{static_cast<char>(v >> 24), static_cast<char>(v >> 16),
                           static_cast<char>(v >> 8), static_cast<char>(v)};
    };
    auto crc32 = [](std::string_view bytes) {
        std::uint32_t crc = 0xFFFFFFFFu;
        for (unsigned char b : bytes) {
            crc ^= b;
            for (int k = 0; k < 8; ++k) crc = (crc >> 1) ^ (0xEDB88320u & (0u - (crc & 1u)));
        }
        return crc ^ 0xFFFFFFFFu;
    };
    auto chunk = [&](const std::string& type, const std::string& data) {
        return be32(static_cast<std::uint32_t>(data.size())) + type + data +
               be32(crc32(type + data));
    };
    const std::string ihdr = be32(width) + be32(height) + std::string{8, 2, 0, 0, 0};
    return std::string("\x89PNG\r\n\x1A\n", 8) + chunk("IHDR", ihdr) + chunk("IEND", "");
}

// Inserts an APP1 Exif segment holding only Orientation = `orientation` after the SOI.
std::string with_exif_orientation(const std::string& jpeg, std::uint16_t orientation) {
    const unsigned char tiff[] = {'M',
                                  'M',
                                  0,
                                  42,
                                  0,
                                  0,
                                  0,
                                  8,
                                  0,
                                  1,
                                  0x01,
                                  0x12,
                                  0,
                                  3,
                                  0,
                                  0,
                                  0,
                                  1,
                                  static_cast<unsigned char>(orientation >> 8),
                                  static_cast<unsigned char>(orientation),
                                  0,
                                  0,
                                  0,
                                  0,
                                  0,
                                  0};
    std::string app1 = std::string("\xFF\xE1\0\0Exif\0\0", 10);
    app1.append(reinterpret_cast<const char*>(tiff), sizeof tiff);
    const std::size_t length = app1.size() - 2;
    app1[2] = static_cast<char>(length >> 8);
    app1[3] = static_cast<char>(length & 0xFF);
    return jpeg.substr(0, 2) + app1 + jpeg.substr(2);
}

std::vector<std::string> read_ok(const HttpResponse& r) {
    EXPECT_EQ(r.status, 200) << r.body;
    if (r.status != 200) return {};
    const auto decklist = json::parse(r.body);
    EXPECT_EQ(schemas().explain("decklist.json", decklist), "");
    return card_names(decklist);
}

TEST_F(Hostile, ZeroByteFileIs400) {
    expect_error(post_file(named_file("empty.jpg", "")), 400, "validation", "empty");
}

TEST_F(Hostile, TruncatedJpegIs400) {
    const std::string jpeg = screenshot_bytes(0);
    expect_error(post_file(named_file("cut.jpg", jpeg.substr(0, jpeg.size() / 2))), 400,
                 "validation", "truncated");
}

TEST_F(Hostile, PngDeclaring50000x50000IsRefusedBeforeDecoding) {
    const long before = peak_rss_kib(server_pid());
    expect_error(post_file(named_file("huge.png", png_declaring(50000, 50000), "image/png")), 413,
                 "limit", "50000x50000");
    // Decoding would need 7.5 GB. The batch running beside this test loads the OCR models
    // (a few hundred MB) meanwhile, so the bound is set far above that and far below 7.5 GB.
    EXPECT_LT(peak_rss_kib(server_pid()) - before, 1024 * 1024);
}

TEST_F(Hostile, FileOneByteOverMaxFileSizeIs413) {
    std::string padded = screenshot_bytes(0);
    padded.resize(kMaxFileBytes + 1, '\0');  // bytes after the JPEG's end marker
    expect_error(post_file(named_file("big.jpg", padded)), 413, "limit");
}

TEST_F(Hostile, FileOfExactlyMaxFileSizeIsRead) {
    std::string padded = screenshot_bytes(0);
    padded.resize(kMaxFileBytes, '\0');
    EXPECT_FALSE(read_ok(post_file(named_file("exact.jpg", padded))).empty());
}

TEST_F(Hostile, NonImagesNamedJpgAre400NamingWhatTheyAre) {
    const std::vector<std::pair<std::string, std::string>> cases = {
        {"just some text\nline two\n", "text"},
        {"<!DOCTYPE html><html><body><script>alert(1)</script></body></html>", "HTML"},
        {"<svg xmlns=\"http://www.w3.org/2000/svg\" width=\"10\" height=\"10\"/>", "SVG"},
        {"<?xml version=\"1.0\"?><svg xmlns=\"http://www.w3.org/2000/svg\"/>", "SVG"},
        {"%PDF-1.7\n1 0 obj <<>> endobj\ntrailer <<>>\n%%EOF\n", "PDF"},
    };
    for (const auto& [bytes, detected] : cases)
        expect_error(post_file(named_file("photo.jpg", bytes)), 400, "validation", detected);
}

TEST_F(Hostile, GifIs400) {
    // OpenCV 4.6 cannot write GIF: a minimal GIF89a by hand (1x1, one black pixel).
    static const char kGif[] =
        "GIF89a\x01\x00\x01\x00\x80\x00\x00\x00\x00\x00\xff\xff\xff"
        ",\x00\x00\x00\x00\x01\x00\x01\x00\x00\x02\x02\x44\x01\x00;";
    const std::string gif(kGif, sizeof kGif - 1);
    expect_error(post_file(named_file("anim.jpg", gif, "image/gif")), 400, "validation", "GIF");
}

TEST_F(Hostile, PolyglotsAreJudgedByTheirFirstBytes) {
    const std::string jpeg = screenshot_bytes(1);
    // A JPEG with HTML after its end marker is a JPEG: decoders stop at EOI.
    const auto names =
        read_ok(post_file(named_file("poly.jpg", jpeg + "<html><script>alert(1)</script></html>")));
    EXPECT_FALSE(names.empty());
    // HTML or PDF with a JPEG inside is not an image.
    expect_error(post_file(named_file("poly.jpg", "<html><body>" + jpeg)), 400, "validation",
                 "HTML");
    expect_error(post_file(named_file("poly.jpg", "%PDF-1.4\n" + jpeg)), 400, "validation", "PDF");
}

// Half size keeps the PNGs under the suite's file limit; the page layout is relative to the
// width, so the same cards are read as from the 8-bit BGR original.
const cv::Mat& half_screenshot() {
    static const cv::Mat image = screenshot_image(2, 0.5);
    return image;
}

TEST_F(Hostile, AlphaAnd16BitPngsAreAcceptedAndRead) {
    const cv::Mat& bgr = half_screenshot();
    const auto reference =
        read_ok(post_file(named_file("ref.png", encode(bgr, ".png"), "image/png")));
    ASSERT_FALSE(reference.empty());
    cv::Mat bgra, deep;
    cv::cvtColor(bgr, bgra, cv::COLOR_BGR2BGRA);
    bgr.convertTo(deep, CV_16UC3, 257.0);
    EXPECT_EQ(read_ok(post_file(named_file("alpha.png", encode(bgra, ".png"), "image/png"))),
              reference)
        << "BGRA PNG";
    EXPECT_EQ(read_ok(post_file(named_file("deep.png", encode(deep, ".png"), "image/png"))),
              reference)
        << "16-bit PNG";
}

TEST_F(Hostile, GreyscaleScreenshotIsRead) {
    // A screenshot that lost its colour (a "mono" filter, a greyscale re-save): the layout
    // finds the panels by grey level and shape instead, and the same cards come out.
    // Cards are compared with their quantities, section by section.
    auto cards = [&](const std::string& name, const cv::Mat& image) {
        const HttpResponse r =
            post_file(named_file(name, encode(image, ".jpg", {cv::IMWRITE_JPEG_QUALITY, 90})));
        EXPECT_EQ(r.status, 200) << r.body;
        std::vector<std::string> out;
        if (r.status != 200) return out;
        const auto decklist = json::parse(r.body);
        EXPECT_EQ(schemas().explain("decklist.json", decklist), "");
        for (const std::string section :
             {"legend", "main_deck", "battlefields", "runes", "side_deck"}) {
            for (const auto& card : decklist[section]) {
                out.push_back(section + ":" + card["name_cn"].get<std::string>() + " x" +
                              std::to_string(card["quantity"].get<int>()));
            }
        }
        return out;
    };
    const cv::Mat& bgr = half_screenshot();
    const auto reference = cards("ref.jpg", bgr);
    ASSERT_FALSE(reference.empty());
    cv::Mat grey;
    cv::cvtColor(bgr, grey, cv::COLOR_BGR2GRAY);
    EXPECT_EQ(cards("grey.jpg", grey), reference);
}

TEST_F(Hostile, CmykJpegIsDecodedNotRefused) {
    // OpenCV cannot write CMYK; the image unit tests' 24x16 CMYK fixture is decoded and then
    // found not to be a decklist page: 422 processing, not a 400 about the file.
    const auto bytes = testing::read_bytes(std::filesystem::path(DECKLIST_SOURCE_DIR) /
                                           "tests/unit/core/image/fixtures/cmyk.jpg");
    expect_error(post_file(named_file("cmyk.jpg", std::string(bytes.begin(), bytes.end()))), 422,
                 "processing");
}

TEST_F(Hostile, ExifRotatedImageIsTurnedUprightAndRead) {
    const cv::Mat upright = screenshot_image(1, 0.5);
    const auto reference = read_ok(
        post_file(named_file("up.jpg", encode(upright, ".jpg", {cv::IMWRITE_JPEG_QUALITY, 92}))));
    ASSERT_FALSE(reference.empty());
    // Stored turned a quarter to the left, tagged Orientation 6 (display: turn right).
    cv::Mat stored;
    cv::rotate(upright, stored, cv::ROTATE_90_COUNTERCLOCKWISE);
    const std::string jpeg =
        with_exif_orientation(encode(stored, ".jpg", {cv::IMWRITE_JPEG_QUALITY, 92}), 6);
    EXPECT_EQ(read_ok(post_file(named_file("rotated.jpg", jpeg))), reference);
}

}  // namespace
}  // namespace decklist::test

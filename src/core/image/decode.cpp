// decode_image: sniff, check limits from the header, then let OpenCV decode.
// IMREAD_COLOR gives 8-bit BGR for every input (grey, alpha, 16-bit, CMYK) and applies the
// EXIF orientation in imdecode (OpenCV >= 3.4.x; checked by tests/unit/core/image).

#include <limits>

#include <opencv2/imgcodecs.hpp>

#include "decklist/error.hpp"
#include "decklist/image/intake.hpp"
#include "image/header_info.hpp"

namespace decklist {

cv::Mat decode_image(std::span<const std::uint8_t> bytes, const ImageLimits& limits) {
    if (bytes.empty()) throw Error(ErrorType::validation, "empty image: no bytes received");
    // cv::imdecode takes the buffer as one Mat row, so INT_MAX is a hard ceiling too.
    if (bytes.size() > limits.max_file_bytes ||
        bytes.size() > static_cast<std::size_t>(std::numeric_limits<int>::max())) {
        throw Error(ErrorType::limit,
                    "image is " + std::to_string(bytes.size()) + " bytes, more than the limit of " +
                        std::to_string(limits.max_file_bytes),
                    {{"bytes", bytes.size()}, {"max_file_bytes", limits.max_file_bytes}});
    }
    const SniffResult sniff = sniff_image(bytes);
    if (sniff.format == ImageFormat::unknown) {
        throw Error(
            ErrorType::validation,
            "unsupported image type: " + sniff.detected + " (accepted: JPEG, PNG, WebP, BMP)",
            {{"detected", sniff.detected}});
    }
    const auto header = image::read_header(bytes, sniff.format);
    if (!header || header->width == 0 || header->height == 0) {
        throw Error(ErrorType::validation,
                    "corrupt or truncated " + sniff.detected + ": no valid image header",
                    {{"detected", sniff.detected}});
    }
    const std::uint64_t pixels = header->width * header->height;
    if (pixels > limits.max_pixels) {
        throw Error(ErrorType::limit,
                    "image is " + std::to_string(header->width) + "x" +
                        std::to_string(header->height) + " pixels, more than the limit of " +
                        std::to_string(limits.max_pixels),
                    {{"width", header->width},
                     {"height", header->height},
                     {"max_pixels", limits.max_pixels}});
    }
    // libjpeg pads a truncated scan with grey instead of failing; catch it ourselves.
    if (!header->complete) {
        throw Error(ErrorType::validation, "truncated " + sniff.detected + ": the file ends early",
                    {{"detected", sniff.detected}});
    }

    cv::Mat image;
    try {
        const cv::Mat raw(1, static_cast<int>(bytes.size()), CV_8UC1,
                          const_cast<std::uint8_t*>(bytes.data()));
        image = cv::imdecode(raw, cv::IMREAD_COLOR);
    } catch (const cv::Exception&) {
        image.release();
    }
    if (image.empty() || image.type() != CV_8UC3) {
        throw Error(ErrorType::validation, "corrupt " + sniff.detected + ": it cannot be decoded",
                    {{"detected", sniff.detected}});
    }
    return image;
}

}  // namespace decklist

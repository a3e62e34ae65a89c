#include "layout/header_text.hpp"

#include <algorithm>

#include <opencv2/imgproc.hpp>

#include "layout/ink.hpp"

namespace decklist::layout {
namespace {

// The largest blob of `mask` in the right half of the header that `fits`.
std::optional<cv::Rect> largest_blob(const cv::Mat& mask, auto&& fits) {
    const double w = mask.cols;
    cv::Mat labels, stats, centroids;
    const int n = cv::connectedComponentsWithStats(mask, labels, stats, centroids, 8, CV_32S);
    std::optional<cv::Rect> best;
    int best_area = static_cast<int>(0.0025 * w * w);
    for (int i = 1; i < n; ++i) {
        const cv::Rect box(stats.at<int>(i, cv::CC_STAT_LEFT), stats.at<int>(i, cv::CC_STAT_TOP),
                           stats.at<int>(i, cv::CC_STAT_WIDTH),
                           stats.at<int>(i, cv::CC_STAT_HEIGHT));
        const int area = stats.at<int>(i, cv::CC_STAT_AREA);
        if (area > best_area && box.x > 0.5 * w && fits(box, area)) {
            best = box;
            best_area = area;
        }
    }
    return best;
}

// The placement badge: the largest yellow blob in the right half of the header.
std::optional<cv::Rect> find_badge(const cv::Mat& hsv, int bottom) {
    cv::Mat yellow;
    cv::inRange(hsv.rowRange(0, bottom), cv::Scalar(15, 100, 170), cv::Scalar(35, 255, 255),
                yellow);
    return largest_blob(yellow,
                        [&](const cv::Rect& box, int) { return box.width < 0.25 * hsv.cols; });
}

// Without colour the badge is a bright blob among others (the menu capsule, the view
// toggle): it is the one standing upright, a little taller than wide, and solid.
std::optional<cv::Rect> find_grey_badge(const cv::Mat& grey, int bottom) {
    cv::Mat bright;
    cv::inRange(grey.rowRange(0, bottom), cv::Scalar(150), cv::Scalar(255), bright);
    const double w = grey.cols;
    return largest_blob(bright, [&](const cv::Rect& box, int area) {
        return box.width > 0.04 * w && box.width < 0.2 * w && box.height >= 0.9 * box.width &&
               box.height < 2 * box.width && area > 0.6 * box.area();
    });
}

// The digit printed in the badge's upper half, dark on yellow.
std::optional<TextBox> badge_digits(const cv::Mat& grey, cv::Rect badge) {
    const cv::Rect upper(badge.x + badge.width / 10, badge.y + badge.height / 20,
                         badge.width * 8 / 10, badge.height / 2);
    cv::Mat dark;
    cv::threshold(grey(upper), dark, 0, 255, cv::THRESH_BINARY_INV | cv::THRESH_OTSU);
    // The top half also catches the top of "排名"; keep the first run of rows only.
    const auto rows = row_runs(dark, cv::Rect(0, 0, dark.cols, dark.rows),
                               std::max(1, badge.height / 30), std::max(2, badge.height / 10));
    if (rows.empty()) return std::nullopt;
    const cv::Rect box = ink_box(dark, cv::Rect(0, rows[0].begin, dark.cols, rows[0].size()));
    if (box.empty()) return std::nullopt;
    return TextBox{box + upper.tl(), false};
}

}  // namespace

HeaderLayout find_header_text(const cv::Mat& bgr, const cv::Mat& grey, int bottom, bool greyscale) {
    HeaderLayout out;
    const int w = bgr.cols;
    bottom = std::clamp(bottom, 0, bgr.rows);
    if (bottom < w / 5) return out;
    cv::Mat hsv;
    if (!greyscale) cv::cvtColor(bgr.rowRange(0, bottom), hsv, cv::COLOR_BGR2HSV);
    const auto badge = greyscale ? find_grey_badge(grey, bottom) : find_badge(hsv, bottom);
    if (badge) out.placement = badge_digits(grey, *badge);

    // Light, unsaturated ink: the header's white and grey text (icons are coloured; on a
    // grey page they cannot be told from text, and the line search below copes with them).
    cv::Mat mask;
    cv::inRange(grey.rowRange(0, bottom), cv::Scalar(140), cv::Scalar(255), mask);
    if (!greyscale) {
        cv::Mat unsaturated;
        cv::inRange(hsv, cv::Scalar(0, 0, 0), cv::Scalar(180, 80, 255), unsaturated);
        mask &= unsaturated;
    }

    const int right = badge ? badge->x - w / 50 : static_cast<int>(0.7 * w);
    const cv::Rect area(w / 50, 0, right - w / 50, bottom);
    const auto bands = row_runs(mask, area, std::max(2, w / 120), std::max(3, w / 80));
    if (bands.empty()) return out;

    auto tight = [&](const Span& rows, int x0, int x1) -> std::optional<TextBox> {
        const cv::Rect box = ink_box(mask, cv::Rect(x0, rows.begin, x1 - x0, rows.size()));
        if (box.empty()) return std::nullopt;
        return TextBox{box, true};
    };

    // Deck name: the line level with the badge, or else the tallest line below the title bar.
    std::size_t name_index = bands.size();
    for (std::size_t i = 0; i < bands.size(); ++i) {
        const int centre = (bands[i].begin + bands[i].end) / 2;
        if (badge && centre > badge->y && centre < badge->y + badge->height) {
            name_index = i;
            break;
        }
    }
    if (name_index == bands.size()) {
        int tallest = 0;
        for (std::size_t i = 0; i + 1 < bands.size(); ++i) {
            if (bands[i].begin > w / 5 && bands[i].size() > tallest) {
                tallest = bands[i].size();
                name_index = i;
            }
        }
    }
    if (name_index == bands.size()) return out;
    out.deck_name = tight(bands[name_index], area.x, area.x + area.width);

    // Event and date share the next line: [icon] event | [clock] date.
    if (name_index + 1 < bands.size()) {
        const Span rows = bands[name_index + 1];
        const cv::Rect line(area.x, rows.begin, area.width, rows.size());
        const auto words = column_runs(mask, line, std::max(3, w / 80), 1);
        if (words.size() >= 2) {
            out.date = tight(rows, words.back().begin, words.back().end);
            std::size_t widest = 0;
            for (std::size_t i = 1; i + 1 < words.size(); ++i) {
                if (words[i].size() > words[widest].size()) widest = i;
            }
            out.event = tight(rows, words[widest].begin, words[widest].end);
        } else if (words.size() == 1) {
            out.event = tight(rows, words[0].begin, words[0].end);
        }
    }

    // Player: the last header line, right of the round avatar, left of the view toggle.
    if (bands.size() > name_index + 2) {
        const Span rows = bands.back();
        const int x0 = static_cast<int>(0.13 * w), x1 = static_cast<int>(0.62 * w);
        const cv::Rect line(x0, rows.begin, x1 - x0, rows.size());
        const auto words = column_runs(mask, line, std::max(3, w / 40), 1);
        if (!words.empty()) {
            auto player = tight(rows, words.front().begin, words.back().end);
            // The avatar may reach into the line's rows; keep the text's own rows only.
            if (player) {
                const auto text_rows = row_runs(mask, player->box, 2, 2);
                if (!text_rows.empty()) {
                    player =
                        tight(text_rows.front(), player->box.x, player->box.x + player->box.width);
                }
            }
            out.player = player;
        }
    }
    return out;
}

}  // namespace decklist::layout

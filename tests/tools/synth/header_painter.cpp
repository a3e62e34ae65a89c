#include "synth/header_painter.hpp"

#include <cmath>
#include <map>
#include <opencv2/imgproc.hpp>
#include <string>

#include "synth/shapes.hpp"
#include "synth/style.hpp"

namespace decklist::synth {
namespace {

using namespace style;

void paint_background(cv::Mat& header) {
    // A soft glow from the top centre fading into the flat header colour.
    for (int y = 0; y < header.rows; ++y) {
        auto* row = header.ptr<cv::Vec3b>(y);
        for (int x = 0; x < header.cols; ++x) {
            const double dx = (x - 540.0) / 620.0, dy = y / 200.0;
            const double t = std::pow(std::max(0.0, 1.0 - std::sqrt(dx * dx + dy * dy)), 1.4);
            for (int c = 0; c < 3; ++c)
                row[x][c] =
                    cv::saturate_cast<uchar>(kHeaderBg[c] + t * (kHeaderGlow[c] - kHeaderBg[c]));
        }
    }
}

void paint_status_and_nav(cv::Mat& page, const TextPainter& text, std::mt19937_64& rng) {
    const cv::Scalar dark(33, 22, 12);
    std::uniform_int_distribution<int> hour(1, 12), minute(0, 59), battery(20, 99);
    const int m = minute(rng);
    const std::string clock =
        std::to_string(hour(rng)) + ":" + (m < 10 ? "0" : "") + std::to_string(m);
    text.draw(page, clock, {55, 64}, 40, Weight::medium, dark);
    for (int i = 0; i < 3; ++i)
        fill_rounded_rect(page, cv::Rect2f(160.0f + i * 48, 34, 32, 30), 5, dark);
    fill_rounded_rect(page, cv::Rect2f(948, 29, 64, 40), 20, dark);
    text.draw(page, std::to_string(battery(rng)), {958, 62}, 32, Weight::bold,
              cv::Scalar(150, 150, 150));
    for (int i = 0; i < 4; ++i)
        fill_polygon(page,
                     {{910.0f + i * 8, 62},
                      {916.0f + i * 8, 62},
                      {916.0f + i * 8, 50.0f - i * 7},
                      {910.0f + i * 8, 50.0f - i * 7}},
                     dark);

    thick_polyline(page, {{64, 117}, {42, 146}, {64, 175}}, 9, kChevronGold);
    const std::string title = "卡组详情";
    text.draw(page, title, {540 - text.width(title, 51, Weight::medium) / 2, 168}, 51,
              Weight::medium, kNavGold);
    fill_rounded_rect(page, cv::Rect2f(785, 103, 271, 90), 45, kCapsule);
    fill_circle(page, {833, 148}, 5, cv::Scalar(0, 0, 0));
    fill_circle(page, {853, 148}, 8, cv::Scalar(0, 0, 0));
    fill_circle(page, {873, 148}, 5, cv::Scalar(0, 0, 0));
    cv::line(page, {920, 126}, {920, 170}, cv::Scalar(158, 151, 142), 2, cv::LINE_AA);
    cv::circle(page, {990, 148}, 21, cv::Scalar(0, 0, 0), 5, cv::LINE_AA);
    fill_circle(page, {990, 148}, 8, cv::Scalar(0, 0, 0));
}

void paint_placement(cv::Mat& page, int placement, const TextPainter& text) {
    fill_polygon(page, {{915, 270}, {1014, 270}, {1014, 372}, {964.5f, 382}, {915, 372}}, kBadge);
    fill_polygon(page, {{915, 354}, {936, 366}, {915, 372}}, kBadgeFold);
    fill_polygon(page, {{1014, 354}, {993, 366}, {1014, 372}}, kBadgeFold);
    const std::string number = std::to_string(placement);
    text.draw(page, number, {964 - text.width(number, 36, Weight::bold) / 2, 321}, 36, Weight::bold,
              kBadgeText);
    const std::string label = "排名";
    text.draw(page, label, {965 - text.width(label, 33, Weight::regular) / 2, 369}, 33,
              Weight::regular, kBadgeText);
}

void paint_event_line(cv::Mat& page, const DeckHeader& h, const TextPainter& text) {
    fill_polygon(page, {{49, 386}, {75, 386}, {75, 408}, {62, 415}, {49, 408}}, kMetaIcon);
    fill_polygon(page, {{62, 394}, {68, 400}, {62, 406}, {56, 400}}, kHeaderBg);
    text.draw(page, h.event, {92, 414}, 31, Weight::regular, kMetaText);
    const int separator = 92 + text.width(h.event, 31, Weight::regular) + 36;
    cv::line(page, {separator, 385}, {separator, 415}, kSeparator, 2, cv::LINE_AA);
    fill_circle(page, {separator + 45.0f, 401}, 15, kMetaIcon);
    thick_polyline(page,
                   {{separator + 45.0f, 391}, {separator + 45.0f, 402}, {separator + 52.0f, 402}},
                   3, kHeaderBg);
    text.draw(page, h.date, {separator + 75, 414}, 31, Weight::regular, kMetaText);
}

void paint_domains_and_tools(cv::Mat& page, const std::vector<std::string>& domains) {
    static const std::map<std::string, cv::Scalar> kDomainColour = {
        {"Fury", {1, 94, 227}},   {"Calm", {39, 123, 69}},   {"Mind", {200, 130, 30}},
        {"Body", {30, 140, 230}}, {"Chaos", {140, 60, 130}}, {"Order", {40, 180, 220}}};
    for (std::size_t i = 0; i < domains.size() && i < 2; ++i) {
        const cv::Point2f c(79.0f + 89.0f * i, 501);
        fill_circle(page, c, 31, kRingGold);
        const auto it = kDomainColour.find(domains[i]);
        fill_circle(page, c, 27,
                    it == kDomainColour.end() ? cv::Scalar(120, 120, 120) : it->second);
        fill_polygon(page, {{c.x, c.y - 15}, {c.x + 11, c.y}, {c.x, c.y + 15}, {c.x - 11, c.y}},
                     cv::Scalar(250, 250, 250));
    }
    fill_rounded_rect(page, cv::Rect2f(880, 478, 31, 36), 3, kToolIcon);
    fill_rounded_rect(page, cv::Rect2f(867, 488, 31, 36), 3, kToolIcon);
    for (int i = 0; i < 3; ++i)
        cv::line(page, {873, 498 + i * 8}, {891, 498 + i * 8}, kHeaderBg, 3, cv::LINE_AA);
    thick_polyline(page, {{1000, 484}, {979, 484}, {979, 522}, {1020, 522}, {1020, 505}}, 5,
                   kToolIcon);
    fill_polygon(page, {{1008, 478}, {1026, 494}, {1008, 510}}, kToolIcon);
    thick_polyline(page, {{991, 508}, {998, 494}, {1012, 494}}, 6, kToolIcon);
    cv::line(page, {48, 578}, {1032, 578}, kDivider, 3);
}

void paint_player_row(cv::Mat& page, const std::string& player, const TextPainter& text,
                      std::mt19937_64& rng) {
    const cv::Point2f c(92.5f, 668.5f);
    std::uniform_int_distribution<int> channel(40, 230);
    fill_circle(page, c, 45, kRingGold);
    fill_circle(page, c, 42, cv::Scalar(channel(rng), channel(rng), channel(rng)));
    std::uniform_real_distribution<float> off(-22, 22);
    for (int i = 0; i < 3; ++i)
        fill_circle(page, {c.x + off(rng), c.y + off(rng)}, 14,
                    cv::Scalar(channel(rng), channel(rng), channel(rng)));
    text.draw(page, player, {160, 683}, 34, Weight::regular, kPlayer);

    stroke_rounded_rect(page, cv::Rect2f(796, 622, 236, 74), 37, 2, cv::Scalar(165, 160, 155));
    fill_rounded_rect(page, cv::Rect2f(914, 627, 114, 64), 32, cv::Scalar(255, 255, 255));
    const std::string pictures = "图片", list = "列表";
    text.draw(page, pictures, {856 - text.width(pictures, 32, Weight::regular) / 2, 672}, 32,
              Weight::regular, cv::Scalar(175, 172, 170));
    text.draw(page, list, {971 - text.width(list, 32, Weight::medium) / 2, 672}, 32, Weight::medium,
              cv::Scalar(40, 32, 28));
}

}  // namespace

void paint_header(cv::Mat& page, const DeckHeader& header, const TextPainter& text,
                  std::mt19937_64& rng) {
    cv::Mat top = page(cv::Rect(0, 0, page.cols, kHeaderHeight));
    paint_background(top);
    paint_status_and_nav(page, text, rng);
    text.draw(page, header.deck_name, {48, 335}, 50, Weight::bold, kDeckName);
    paint_placement(page, header.placement, text);
    paint_event_line(page, header, text);
    paint_domains_and_tools(page, header.domains);
    paint_player_row(page, header.player, text, rng);
}

}  // namespace decklist::synth

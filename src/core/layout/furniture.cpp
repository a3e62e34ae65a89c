#include "layout/furniture.hpp"

#include <algorithm>
#include <array>
#include <cstdint>
#include <cstdlib>

#include <opencv2/imgproc.hpp>

namespace decklist::layout {
namespace {

// A tile is 0.13 of the width tall, a title bar 0.075; without colour the two are the same
// shade, so their height is what tells them apart.
constexpr double kTileMinHeight = 0.10;
constexpr double kBarMinHeight = 0.045;

// Shades in units of the tile's distance from the background (see PagePalette). A tile
// pixel lies within kTileRadius of the tile colour: nearer it than the background, with
// room for JPEG noise. The border is lighter still, on the same axis; title bars and other
// coloured furniture stand off the axis, well clear of the background and short of text.
constexpr float kTileRadius = 0.55f;
constexpr float kBorderMinLift = 1.6f, kBorderMaxLift = 4.0f, kBorderMaxOffAxis = 0.6f;
constexpr float kFurnitureMinDistance = 0.5f, kFurnitureMaxDistance = 3.0f;
constexpr float kFurnitureMinOffAxis = 0.5f;
// A row of bare page: nearly all its pixels within kBackgroundRadius of the background.
constexpr float kBackgroundRadius = 0.4f;
constexpr double kBackgroundRowShare = 0.9;

// Colour modes are counted in bins of 4 levels per channel, fine enough to separate a
// linear-light grey copy's tiles from its background (8 levels apart). A tile colour closer
// to the background than kMinContrast would be noise, not furniture.
constexpr int kBinShift = 2, kBinsPerChannel = 256 >> kBinShift;
constexpr float kMinContrast = 10;
// The background and the tile candidates come from the commonest few modes; the first
// candidate showing kConvincingTiles tiles under a title bar ends the search.
constexpr std::size_t kModes = 8, kTileCandidates = 3, kConvincingTiles = 4;

// Where pixels stand relative to a palette, in units of the tile's distance from the
// background: the lift along the background-to-tile axis, and the squared distance from
// the background. Both are sums of one term per channel, looked up in tables.
class Shades {
  public:
    explicit Shades(const PagePalette& palette) {
        const cv::Vec3f axis = palette.tile - palette.background;
        const float length2 = std::max(axis.dot(axis), 1.0f);
        for (int c = 0; c < 3; ++c) {
            for (int v = 0; v < 256; ++v) {
                const float d = static_cast<float>(v) - palette.background[c];
                lift_[c][v] = d * axis[c] / length2;
                distance2_[c][v] = d * d / length2;
            }
        }
    }

    bool tile(const cv::Vec3b& pixel) const {
        const float lift = lift_of(pixel), distance2 = distance2_of(pixel);
        return distance2 - 2 * lift + 1 < kTileRadius * kTileRadius;  // |pixel - tile|^2
    }
    // Nearer the background than a third of the way to the tile: flat page, JPEG noise.
    bool background(const cv::Vec3b& pixel) const {
        return distance2_of(pixel) < kBackgroundRadius * kBackgroundRadius;
    }
    bool border(const cv::Vec3b& pixel) const {
        const float lift = lift_of(pixel), distance2 = distance2_of(pixel);
        return lift >= kBorderMinLift && lift <= kBorderMaxLift &&
               distance2 - lift * lift < kBorderMaxOffAxis * kBorderMaxOffAxis;
    }
    // Tiles, title bars and whatever else is a flat slab clearly apart from the background.
    bool furniture(const cv::Vec3b& pixel) const {
        if (tile(pixel)) return true;
        const float lift = lift_of(pixel), distance2 = distance2_of(pixel);
        return distance2 >= kFurnitureMinDistance * kFurnitureMinDistance &&
               distance2 <= kFurnitureMaxDistance * kFurnitureMaxDistance &&
               distance2 - lift * lift >= kFurnitureMinOffAxis * kFurnitureMinOffAxis;
    }

  private:
    float lift_of(const cv::Vec3b& p) const {
        return lift_[0][p[0]] + lift_[1][p[1]] + lift_[2][p[2]];
    }
    float distance2_of(const cv::Vec3b& p) const {
        return distance2_[0][p[0]] + distance2_[1][p[1]] + distance2_[2][p[2]];
    }

    std::array<std::array<float, 256>, 3> lift_{}, distance2_{};
};

int bin_of(const cv::Vec3b& p) {
    return ((p[0] >> kBinShift) * kBinsPerChannel + (p[1] >> kBinShift)) * kBinsPerChannel +
           (p[2] >> kBinShift);
}

// The page's colour modes, commonest first: histogram bins that hold more pixels than any
// neighbour, each refined to the mean colour of its own and neighbouring bins. Every other
// pixel of every other row is plenty for a page's few flat colours.
std::vector<cv::Vec3f> colour_modes(const cv::Mat& bgr, std::size_t wanted) {
    constexpr int n = kBinsPerChannel;
    constexpr int kStep = 2;
    std::vector<int> histogram(n * n * n, 0);
    std::vector<int> occupied;  // the bins that hold any pixel: a page has few colours
    for (int y = 0; y < bgr.rows; y += kStep) {
        const auto* row = bgr.ptr<cv::Vec3b>(y);
        for (int x = 0; x < bgr.cols; x += kStep) {
            const int bin = bin_of(row[x]);
            if (histogram[bin]++ == 0) occupied.push_back(bin);
        }
    }
    auto for_each_neighbour = [&](int index, auto&& visit) {
        const int b = index / (n * n), g = index / n % n, r = index % n;
        for (int db = -1; db <= 1; ++db) {
            for (int dg = -1; dg <= 1; ++dg) {
                for (int dr = -1; dr <= 1; ++dr) {
                    const int nb = b + db, ng = g + dg, nr = r + dr;
                    if (nb < 0 || ng < 0 || nr < 0 || nb >= n || ng >= n || nr >= n) continue;
                    visit((nb * n + ng) * n + nr);
                }
            }
        }
    };
    struct Peak {
        int bin, count;
    };
    std::vector<Peak> peaks;
    for (const int index : occupied) {
        const int count = histogram[index];
        bool highest = true;
        // Ties go to the lower bin, so a flat top yields one peak.
        for_each_neighbour(index, [&](int other) {
            highest &= histogram[other] < count || (histogram[other] == count && other >= index);
        });
        if (highest) peaks.push_back({index, count});
    }
    std::sort(peaks.begin(), peaks.end(),
              [](const Peak& a, const Peak& b) { return a.count > b.count; });
    if (peaks.size() > wanted) peaks.resize(wanted);

    // Refine: mean of the pixels in each peak's 3x3x3 block of bins (the commoner peak
    // keeps a bin two blocks share).
    std::vector<std::int8_t> owner(histogram.size(), -1);
    for (std::size_t i = peaks.size(); i-- > 0;) {
        for_each_neighbour(peaks[i].bin,
                           [&](int bin) { owner[bin] = static_cast<std::int8_t>(i); });
    }
    std::vector<cv::Vec3d> sums(peaks.size(), cv::Vec3d(0, 0, 0));
    std::vector<long> counts(peaks.size(), 0);
    for (int y = 0; y < bgr.rows; y += kStep) {
        const auto* row = bgr.ptr<cv::Vec3b>(y);
        for (int x = 0; x < bgr.cols; x += kStep) {
            const int i = owner[bin_of(row[x])];
            if (i < 0) continue;
            sums[i] += cv::Vec3d(row[x][0], row[x][1], row[x][2]);
            ++counts[i];
        }
    }
    std::vector<cv::Vec3f> modes;
    for (std::size_t i = 0; i < peaks.size(); ++i) {
        modes.emplace_back(sums[i] / static_cast<double>(counts[i]));
    }
    return modes;
}

std::vector<cv::Rect> components(const cv::Mat& mask, auto&& keep) {
    cv::Mat labels, stats, centroids;
    const int n = cv::connectedComponentsWithStats(mask, labels, stats, centroids, 4, CV_32S);
    std::vector<cv::Rect> out;
    for (int i = 1; i < n; ++i) {
        const cv::Rect box(stats.at<int>(i, cv::CC_STAT_LEFT), stats.at<int>(i, cv::CC_STAT_TOP),
                           stats.at<int>(i, cv::CC_STAT_WIDTH),
                           stats.at<int>(i, cv::CC_STAT_HEIGHT));
        if (keep(box, stats.at<int>(i, cv::CC_STAT_AREA))) out.push_back(box);
    }
    return out;
}

// Opens a mask of flat furniture: cuts slabs loose from the panels' thin frames and drops
// JPEG specks.
cv::Mat open_slabs(const cv::Mat& mask) {
    const int k = std::max(3, mask.cols / 150);
    cv::Mat opened;
    cv::morphologyEx(mask, opened, cv::MORPH_OPEN,
                     cv::getStructuringElement(cv::MORPH_RECT, {k, k}));
    return opened;
}

// The tile-shaped components of an opened mask of tile-coloured pixels, in reading order.
std::vector<cv::Rect> tiles_in_mask(const cv::Mat& mask) {
    const double w = mask.cols;
    auto is_tile = [&](const cv::Rect& box, int area) {
        const double aspect = static_cast<double>(box.width) / box.height;
        const double fill = static_cast<double>(area) / box.area();
        return box.width > 0.30 * w && box.width < 0.50 * w && box.height > kBarMinHeight * w &&
               aspect > 2.3 && aspect < 6.0 && fill > 0.55;
    };
    // Heavy JPEG compression can bridge the narrow gap between the two tiles of a row; such
    // a pair is split at its emptiest column near the middle.
    auto is_pair = [&](const cv::Rect& box, int area) {
        const double fill = static_cast<double>(area) / box.area();
        return box.width > 0.70 * w && box.width < 0.98 * w && box.height > kBarMinHeight * w &&
               box.height < 0.25 * w && fill > 0.55;
    };
    std::vector<cv::Rect> tiles;
    for (const cv::Rect& box : components(mask, [&](const cv::Rect&b, int area) {
             return is_tile(b, area) || is_pair(b, area);
         })) {
        const int area = cv::countNonZero(mask(box));
        if (is_tile(box, area)) {
            tiles.push_back(box);
            continue;
        }
        cv::Mat columns;
        cv::reduce(mask(box) / 255, columns, 0, cv::REDUCE_SUM, CV_32S);
        int split = box.width / 2;
        for (int x = box.width * 3 / 10; x < box.width * 7 / 10; ++x) {
            if (columns.at<int>(0, x) < columns.at<int>(0, split)) split = x;
        }
        for (cv::Rect half :
             {cv::Rect(box.x, box.y, split, box.height),
              cv::Rect(box.x + split + 1, box.y, box.width - split - 1, box.height)}) {
            // Trim the half to its own ink so the split column's neighbours do not count.
            const cv::Rect inked = cv::boundingRect(mask(half)) + half.tl();
            if (is_tile(inked, cv::countNonZero(mask(inked)))) tiles.push_back(inked);
        }
    }
    // A tile cut by the image's edge may be as low as a bar: it is kept as a tile (for
    // find_page_layout to judge); any other slab that low is not a tile.
    std::erase_if(tiles, [&](const cv::Rect& t) {
        const bool at_edge = t.y <= 0 || t.y + t.height >= mask.rows;
        return t.height < kTileMinHeight * w && !at_edge;
    });
    // Reading order: rows (tiles whose tops are within a fraction of a tile), then left to right.
    std::sort(tiles.begin(), tiles.end(), [&](const cv::Rect& a, const cv::Rect& b) {
        if (std::abs(a.y - b.y) > 0.03 * w) return a.y < b.y;
        return a.x < b.x;
    });
    return tiles;
}

// Title bars: slabs of a bar's height whose left edge lines up with the tiles' column (both
// start at the panel's inner margin); that rejects bands of the header. A cut tile at the
// image's edge is never taken for a bar.
std::vector<cv::Rect> bars_in_mask(const cv::Mat& mask, const std::vector<cv::Rect>& tiles) {
    const double w = mask.cols;
    auto bars = components(mask, [&](const cv::Rect& box, int area) {
        const double fill = static_cast<double>(area) / box.area();
        const bool bar_shaped = box.width > 0.15 * w && box.width < 0.9 * w &&
                                box.height > kBarMinHeight * w && box.height < kTileMinHeight * w &&
                                fill > 0.4;
        const bool aligned = std::any_of(tiles.begin(), tiles.end(), [&](const cv::Rect& t) {
            return std::abs(t.x - box.x) < 0.02 * w;
        });
        const bool at_edge = box.y <= 0 || box.y + box.height >= mask.rows;
        return bar_shaped && aligned && !at_edge;
    });
    std::sort(bars.begin(), bars.end(),
              [](const cv::Rect& a, const cv::Rect& b) { return a.y < b.y; });
    return bars;
}

Furniture furniture_under(const cv::Mat& small, const PagePalette& palette) {
    const Shades shades(palette);
    cv::Mat tile_mask(small.size(), CV_8UC1), furniture_mask(small.size(), CV_8UC1);
    for (int y = 0; y < small.rows; ++y) {
        const auto* row = small.ptr<cv::Vec3b>(y);
        auto* tile_row = tile_mask.ptr<std::uint8_t>(y);
        auto* furniture_row = furniture_mask.ptr<std::uint8_t>(y);
        for (int x = 0; x < small.cols; ++x) {
            tile_row[x] = shades.tile(row[x]) ? 255 : 0;
            furniture_row[x] = shades.furniture(row[x]) ? 255 : 0;
        }
    }
    Furniture out;
    out.palette = palette;
    out.tiles = tiles_in_mask(open_slabs(tile_mask));
    if (!out.tiles.empty()) out.bars = bars_in_mask(open_slabs(furniture_mask), out.tiles);
    return out;
}

}  // namespace

bool is_greyscale(const cv::Mat& bgr) {
    if (bgr.channels() == 1) return true;
    // Sampled on a sparse grid: a colour screenshot is tinted nearly everywhere.
    const int step = std::max(1, std::min(bgr.cols, bgr.rows) / 200);
    long coloured = 0, total = 0;
    for (int y = 0; y < bgr.rows; y += step) {
        const auto* row = bgr.ptr<cv::Vec3b>(y);
        for (int x = 0; x < bgr.cols; x += step) {
            const cv::Vec3b p = row[x];
            const int spread = std::max({p[0], p[1], p[2]}) - std::min({p[0], p[1], p[2]});
            coloured += spread > 20;
            ++total;
        }
    }
    // JPEG chroma ringing around sharp edges leaves a few tinted pixels on a grey page.
    return coloured * 50 < total;
}

std::optional<Furniture> find_furniture(const cv::Mat& small) {
    const auto modes = colour_modes(small, kModes);
    std::optional<Furniture> best;
    std::size_t tried = 0;
    for (std::size_t i = 1; i < modes.size() && tried < kTileCandidates; ++i) {
        if (cv::norm(modes[i] - modes[0]) < kMinContrast) continue;
        ++tried;
        Furniture candidate = furniture_under(small, {modes[0], modes[i]});
        if (candidate.bars.empty()) continue;
        if (!best || candidate.tiles.size() > best->tiles.size()) best = std::move(candidate);
        // A page of tiles under title bars is what the next candidates would have to beat;
        // the tile colour is nearly always the second commonest, so stop looking.
        if (best->tiles.size() >= kConvincingTiles) break;
    }
    return best;
}

std::optional<int> first_panel_border_row(const cv::Mat& bgr, const PagePalette& palette, int top,
                                          int bottom) {
    top = std::max(top, 0);
    bottom = std::min(bottom, bgr.rows);
    const Shades shades(palette);
    for (int y = top; y < bottom; ++y) {
        const auto* row = bgr.ptr<cv::Vec3b>(y);
        int border = 0;
        for (int x = 0; x < bgr.cols; ++x) border += shades.border(row[x]);
        if (border > bgr.cols / 2) return y;
    }
    return std::nullopt;
}

bool has_panel_border(const cv::Mat& bgr, const PagePalette& palette, int top, int bottom) {
    return first_panel_border_row(bgr, palette, top, bottom).has_value();
}

int first_row_off_background(const cv::Mat& bgr, const PagePalette& palette, int top) {
    const Shades shades(palette);
    for (int y = std::max(top, 0); y < bgr.rows; ++y) {
        const auto* row = bgr.ptr<cv::Vec3b>(y);
        int background = 0;
        for (int x = 0; x < bgr.cols; ++x) background += shades.background(row[x]);
        if (background < bgr.cols * kBackgroundRowShare) return y;
    }
    return bgr.rows;
}

}  // namespace decklist::layout

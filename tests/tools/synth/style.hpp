#pragma once
// The app's look, measured on real 1080 px screenshots (colours are BGR). Everything is
// drawn at this width and scaled afterwards, as a phone with another screen would.

#include <opencv2/core.hpp>

namespace decklist::synth::style {

inline constexpr int kWidth = 1080;

// Header
inline const cv::Scalar kHeaderBg{68, 48, 30};
inline const cv::Scalar kHeaderGlow{108, 82, 45};  // top centre of the header's radial glow
inline const cv::Scalar kNavGold{101, 146, 176};
inline const cv::Scalar kChevronGold{121, 181, 216};
inline const cv::Scalar kCapsule{180, 172, 165};
inline const cv::Scalar kDeckName{255, 255, 255};
inline const cv::Scalar kMetaText{213, 207, 198};
inline const cv::Scalar kMetaIcon{138, 134, 129};
inline const cv::Scalar kSeparator{97, 82, 67};
inline const cv::Scalar kDivider{77, 59, 42};
inline const cv::Scalar kPlayer{215, 211, 206};
inline const cv::Scalar kBadge{124, 196, 243};
inline const cv::Scalar kBadgeFold{70, 165, 211};
inline const cv::Scalar kBadgeText{28, 24, 20};
inline const cv::Scalar kToolIcon{156, 156, 156};
inline const cv::Scalar kRingGold{80, 130, 160};
inline constexpr int kHeaderHeight = 757;

// Body
inline const cv::Scalar kPageBg{80, 57, 1};
inline const cv::Scalar kPageBgTop{75, 53, 11};
inline const cv::Scalar kPanelBorder{123, 104, 61};
inline const cv::Scalar kPanelInnerBorder{95, 73, 21};
inline const cv::Scalar kTitleBar{124, 81, 0};
inline const cv::Scalar kSectionTitle{255, 255, 255};
inline const cv::Scalar kTile{100, 78, 26};
inline const cv::Scalar kIconDisc{80, 57, 1};
inline const cv::Scalar kIconInk{216, 214, 204};
inline const cv::Scalar kTileTitle{224, 218, 213};
inline const cv::Scalar kTileSubtitle{220, 212, 202};
inline const cv::Scalar kQuantity{223, 215, 205};

// Panel geometry (y offsets from the panel's outer top edge, x absolute)
inline constexpr int kPanelLeft = 42, kPanelRight = 1038;  // outer edge, exclusive right
inline constexpr float kPanelRadius = 30, kPanelBorderWidth = 8;
inline constexpr int kInnerInset = 22;
inline constexpr float kInnerRadius = 16, kInnerBorderWidth = 2;
inline constexpr int kFirstBarOffset = 66, kBarHeight = 81, kBarLeft = 96, kBarRight = 1014;
inline constexpr int kBarToTiles = 110, kTileHeight = 137, kRowPitch = 166;
inline constexpr int kLastRowToNextBar = 177, kLastRowToPanelBottom = 204;
inline constexpr int kTileLeft[2] = {94, 547};
inline constexpr int kTileWidth = 439;
inline constexpr int kPanelGap = 62, kHeaderToPanel = 43, kPageBottom = 104, kBottomStrip = 5;

// Tile contents (offsets from the tile's top-left)
inline constexpr float kDiscDx = 64.5f, kDiscRadius = 42.5f, kIconSize = 29.0f;
inline constexpr int kTextDx = 121;
inline constexpr int kTitlePx = 37, kSubtitlePx = 31;
inline constexpr int kTitleBaselineOneLine = 85, kTitleBaselineTwoLines = 55,
                     kSubtitleBaseline = 110;
inline constexpr int kQuantityRight = 13, kQuantityBaseline = 123;
inline constexpr int kQuantityXPx = 26, kQuantityDigitPx = 34;
inline constexpr int kSectionTitlePx = 43, kSectionTitleDx = 137, kSectionTitleBaseline = 56;

}  // namespace decklist::synth::style

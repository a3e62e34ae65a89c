#pragma once
// The typeface of renderings compared with the screenshots: Debian's Noto Sans CJK, which is
// the app's family (Source Han Sans under another name).

namespace decklist::ocr {

inline constexpr const char* kNotoSansCjkRegular =
    "/usr/share/fonts/opentype/noto/NotoSansCJK-Regular.ttc";
inline constexpr const char* kNotoSansCjkBold =
    "/usr/share/fonts/opentype/noto/NotoSansCJK-Bold.ttc";
// Face 2 of the Noto CJK collections is Simplified Chinese.
inline constexpr int kSimplifiedChineseFace = 2;

}  // namespace decklist::ocr

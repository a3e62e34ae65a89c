#include "synth/header_generator.hpp"

#include <array>
#include <cctype>
#include <cstdio>

namespace decklist::synth {
namespace {

template <typename T, std::size_t N>
const T& one_of(std::mt19937_64& rng, const std::array<T, N>& items) {
    return items[std::uniform_int_distribution<std::size_t>(0, N - 1)(rng)];
}

int between(std::mt19937_64& rng, int lo, int hi) {
    return std::uniform_int_distribution<int>(lo, hi)(rng);
}

constexpr std::array<const char*, 16> kArchetypes = {
    "快攻", "控制", "中速", "版本t0", "bo3",  "T1",   "改",   "v2",
    "爆发", "节奏", "无限", "上分",   "冠军", "练习", "纯净", "新版"};
constexpr std::array<const char*, 12> kCities = {"杭州", "上海", "北京", "广州", "成都", "深圳",
                                                 "武汉", "南京", "西安", "重庆", "苏州", "长沙"};
constexpr std::array<const char*, 3> kSeasons = {"第一赛季", "第二赛季", "第三赛季"};
constexpr std::array<const char*, 4> kTournaments = {"区域公开赛", "城市挑战赛", "全国公开赛",
                                                     "店赛"};
constexpr std::array<const char*, 20> kSyllables = {"Ai",  "po",  "tu",  "Ri",  "co",  "Bu", "gu",
                                                    "Liz", "Kai", "Mo",  "Zen", "Yu",  "Xi", "Neo",
                                                    "Sky", "Lu",  "Fox", "Ren", "Tao", "Max"};
constexpr std::array<const char*, 10> kHandlesCn = {"阿狸", "小明", "老王", "风暴",   "星辰",
                                                    "夜雨", "白羽", "青山", "大魔王", "咸鱼"};

std::string deck_name(std::mt19937_64& rng, const std::string& legend_title) {
    switch (between(rng, 0, 3)) {
        case 0:
            return legend_title;
        case 1:
            return legend_title + one_of(rng, kArchetypes);
        case 2:
            return one_of(rng, kArchetypes);
        default:
            return std::string(one_of(rng, kHandlesCn)) + one_of(rng, kArchetypes);
    }
}

std::string player(std::mt19937_64& rng) {
    std::string name = one_of(rng, kSyllables);
    for (int i = between(rng, 0, 2); i > 0; --i) {
        std::string s = one_of(rng, kSyllables);
        if (!s.empty()) s[0] = static_cast<char>(std::tolower(static_cast<unsigned char>(s[0])));
        name += s;
    }
    switch (between(rng, 0, 5)) {
        case 0:
            name += std::to_string(between(rng, 1980, 2009));
            break;
        case 1:
            name += "." + std::string(one_of(rng, kSyllables));
            break;
        case 2:
            name += "-" + std::string(one_of(rng, kSyllables));
            break;
        case 3:
            name = std::string(one_of(rng, kHandlesCn)) + std::to_string(between(rng, 1, 99));
            break;
        case 4:
            name += "-" + std::string(one_of(rng, kHandlesCn));
            break;
        default:
            break;
    }
    return name;
}

}  // namespace

DeckHeader random_header(std::mt19937_64& rng, const std::string& legend_title,
                         std::vector<std::string> domains) {
    DeckHeader h;
    h.deck_name = deck_name(rng, legend_title);
    h.event = std::string(one_of(rng, kSeasons)) + one_of(rng, kTournaments);
    if (between(rng, 0, 4) > 0) h.event += "-" + std::string(one_of(rng, kCities)) + "赛区";
    char date[16];
    std::snprintf(date, sizeof date, "%04d-%02d-%02d", between(rng, 2025, 2026),
                  between(rng, 1, 12), between(rng, 1, 28));
    h.date = date;
    h.placement = between(rng, 0, 3) > 0 ? between(rng, 1, 8) : between(rng, 9, 64);
    h.player = player(rng);
    h.domains = std::move(domains);
    return h;
}

}  // namespace decklist::synth

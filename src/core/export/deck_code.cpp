#include "decklist/export/deck_code.hpp"

#include <algorithm>
#include <climits>
#include <cstdint>
#include <map>
#include <set>
#include <tuple>

#include "decklist/error.hpp"
#include "export/base32.hpp"

namespace decklist::deck_code {
namespace {

[[noreturn]] void cannot_encode(const std::string& why) {
    throw Error(ErrorType::validation, "cannot encode deck code: " + why, {{"reason", why}});
}

[[noreturn]] void invalid_code(const std::string& why) {
    throw Error(ErrorType::validation, "invalid deck code: " + why, {{"reason", why}});
}

// Little-endian groups of 7 bits, high bit set on every byte but the last (LoR's varints).
void put_varint(std::vector<std::uint8_t>& out, unsigned value) {
    do {
        std::uint8_t byte = value & 0x7f;
        value >>= 7;
        if (value != 0) byte |= 0x80;
        out.push_back(byte);
    } while (value != 0);
}

std::uint8_t checked_set_id(const CardCode& card) {
    const auto id = set_id(card.set);
    if (!id) {
        std::string sets;
        for (const auto set : known_sets()) sets += (sets.empty() ? "" : ", ") + std::string(set);
        cannot_encode("set " + card.set + " of " + to_string(card) +
                      " is not in the format (known sets: " + sets + ")");
    }
    return *id;
}

void put_card(std::vector<std::uint8_t>& out, const CardCode& card) {
    out.push_back(checked_set_id(card));
    out.push_back(static_cast<std::uint8_t>(card.variant));
    put_varint(out, static_cast<unsigned>(card.number));
}

void check_section(const std::vector<DeckEntry>& entries, int max_count, const char* name) {
    std::set<CardCode> seen;
    for (const auto& entry : entries) {
        checked_set_id(entry.card);
        if (entry.card.number < 0) cannot_encode("negative card number in " + entry.card.set);
        if (entry.count < 1 || entry.count > max_count)
            cannot_encode(to_string(entry.card) + " has count " + std::to_string(entry.count) +
                          " in the " + name + "; the format holds 1 to " +
                          std::to_string(max_count));
        if (!seen.insert(entry.card).second)
            cannot_encode(to_string(entry.card) + " is listed twice in the " + name);
    }
}

// Count groups from max_count down to 1; within one, lists per (set id, variant id) in that
// order, numbers ascending: the reference implementation's order, so codes match its bytes.
void put_section(std::vector<std::uint8_t>& out, const std::vector<DeckEntry>& entries,
                 int max_count) {
    for (int count = max_count; count >= 1; --count) {
        std::map<std::pair<std::uint8_t, std::uint8_t>, std::vector<int>> lists;
        for (const auto& entry : entries)
            if (entry.count == count)
                lists[{*set_id(entry.card.set), static_cast<std::uint8_t>(entry.card.variant)}]
                    .push_back(entry.card.number);
        put_varint(out, static_cast<unsigned>(lists.size()));
        for (auto& [key, numbers] : lists) {
            std::sort(numbers.begin(), numbers.end());
            put_varint(out, static_cast<unsigned>(numbers.size()));
            out.push_back(key.first);
            out.push_back(key.second);
            for (const int number : numbers) put_varint(out, static_cast<unsigned>(number));
        }
    }
}

// Reads the decoded bytes front to back; every read names what it expected when it fails.
class ByteReader {
  public:
    explicit ByteReader(std::vector<std::uint8_t> bytes) : bytes_(std::move(bytes)) {}

    bool at_end() const { return pos_ == bytes_.size(); }
    std::size_t remaining() const { return bytes_.size() - pos_; }

    std::uint8_t byte(const char* what) {
        if (at_end()) invalid_code(std::string("code ends before the ") + what);
        return bytes_[pos_++];
    }

    int varint(const char* what) {
        std::uint64_t value = 0;
        for (int shift = 0; shift < 35; shift += 7) {
            const std::uint8_t b = byte(what);
            value |= static_cast<std::uint64_t>(b & 0x7f) << shift;
            if ((b & 0x80) == 0) {
                if (value > INT_MAX) break;
                return static_cast<int>(value);
            }
        }
        invalid_code(std::string("the ") + what + " is too large");
    }

    // A set byte and a variant byte, both checked against the format's tables.
    CardCode set_and_variant(const char* what) {
        const std::uint8_t set = byte(what);
        const std::uint8_t variant = byte(what);
        const auto set_code = set_from_id(set);
        if (!set_code) invalid_code("unknown set id " + std::to_string(set));
        if (variant > static_cast<std::uint8_t>(Variant::alt_b))
            invalid_code("unknown variant id " + std::to_string(variant));
        CardCode card;
        card.set = std::string(*set_code);
        card.variant = static_cast<Variant>(variant);
        return card;
    }

    CardCode card(const char* what) {
        CardCode card = set_and_variant(what);
        card.number = varint(what);
        return card;
    }

  private:
    std::vector<std::uint8_t> bytes_;
    std::size_t pos_ = 0;
};

std::vector<DeckEntry> read_section(ByteReader& reader, int max_count) {
    std::vector<DeckEntry> entries;
    for (int count = max_count; count >= 1; --count) {
        const int lists = reader.varint("number of card lists");
        for (int list = 0; list < lists; ++list) {
            const int cards = reader.varint("number of cards in a list");
            // Every card takes at least one byte: a larger count is a damaged code, and
            // checking it here keeps a hostile count from reserving memory.
            if (static_cast<std::size_t>(cards) > reader.remaining())
                invalid_code("a card list claims more cards than the code holds");
            const CardCode list_card = reader.set_and_variant("set and variant of a card list");
            for (int i = 0; i < cards; ++i) {
                DeckEntry entry{list_card, count};
                entry.card.number = reader.varint("card number");
                entries.push_back(std::move(entry));
            }
        }
    }
    return entries;
}

}  // namespace

std::string encode(const Deck& deck) {
    check_section(deck.main, kMaxMainCount, "main deck");
    check_section(deck.side, kMaxSideCount, "sideboard");
    std::vector<std::uint8_t> bytes;
    bytes.push_back(static_cast<std::uint8_t>(kFormat << 4 | kVersion));
    put_section(bytes, deck.main, kMaxMainCount);
    put_section(bytes, deck.side, kMaxSideCount);
    if (deck.chosen_champion) {
        if (deck.chosen_champion->number < 0) cannot_encode("negative champion card number");
        bytes.push_back(0x01);
        put_card(bytes, *deck.chosen_champion);
    } else {
        bytes.push_back(0x00);
    }
    return base32_encode(bytes);
}

DecodedDeck decode(std::string_view code) {
    if (code.empty()) invalid_code("the code is empty");
    if (code.size() > kMaxCodeLength)
        invalid_code("longer than " + std::to_string(kMaxCodeLength) + " characters");
    if (const auto bad = first_non_base32(code); bad != std::string_view::npos)
        invalid_code("character " + std::to_string(bad + 1) + " is not a base32 letter (A-Z, 2-7)");
    auto bytes = base32_decode(code);
    if (!bytes) invalid_code("the last characters do not end a base32 string");
    ByteReader reader(std::move(*bytes));

    const std::uint8_t head = reader.byte("format byte");
    const int format = head >> 4;
    DecodedDeck deck;
    deck.version = head & 0x0f;
    if (format != kFormat)
        invalid_code("format " + std::to_string(format) + " is not " + std::to_string(kFormat));
    if (deck.version < 1 || deck.version > kVersion)
        invalid_code("version " + std::to_string(deck.version) + " is not 1 to " +
                     std::to_string(kVersion));
    deck.main = read_section(reader, kMaxMainCount);
    if (deck.version >= 2) deck.side = read_section(reader, kMaxSideCount);
    if (deck.version >= 3) {
        const std::uint8_t flag = reader.byte("chosen champion flag");
        if (flag == 0x01) {
            deck.chosen_champion = reader.card("chosen champion");
        } else if (flag != 0x00) {
            invalid_code("chosen champion flag " + std::to_string(flag) + " is not 0 or 1");
        }
    }
    if (!reader.at_end()) invalid_code("bytes follow the end of the deck");
    return deck;
}

}  // namespace decklist::deck_code

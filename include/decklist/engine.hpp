#pragma once
// The whole pipeline behind one call:
//   bytes -> image (sniff, limits, decode) -> layout -> OCR -> ParsedDecklist -> match -> Decklist
// Engine is immutable after construction and shared by every thread; each thread that
// processes images owns one Engine::Worker, which owns that thread's Tesseract instances.

#include <cstddef>
#include <cstdint>
#include <memory>
#include <span>
#include <string>

#include "decklist/decklist.hpp"

namespace decklist {

class CardDatabase;
class CardMatcher;

struct EngineOptions {
    std::string cards_csv;                            // path to cards.csv
    std::string tessdata_dir;                         // empty: Tesseract's default
    std::size_t max_file_bytes = 10 * 1024 * 1024;    // max_file_size_mb
    std::size_t max_pixels = 40'000'000;              // checked from the header, before decoding
};

class Engine {
public:
    // Loads the card database; throws Error(validation) when it cannot.
    explicit Engine(EngineOptions options);
    ~Engine();
    Engine(const Engine&) = delete;
    Engine& operator=(const Engine&) = delete;

    const EngineOptions& options() const noexcept;
    const CardDatabase& cards() const noexcept;
    // The matcher every worker shares (its thresholds are shown by /api/v1/stats).
    const CardMatcher& matcher() const noexcept;

    class Worker {
    public:
        virtual ~Worker() = default;
        // Throws decklist::Error (validation, limit, processing) for bad input.
        virtual Decklist process(std::span<const std::uint8_t> bytes,
                                 const std::string& filename) = 0;
    };
    // Creates the Tesseract instances and warms them up (so a first request is not slow).
    std::unique_ptr<Worker> make_worker() const;

private:
    struct Impl;
    std::unique_ptr<Impl> impl_;
};

}  // namespace decklist

#pragma once
// One real Engine and worker (real Tesseract) shared by the tests of a suite: creating the
// OCR engines is the slow part, and a worker is meant to be reused across images.

#include <gtest/gtest.h>

#include <memory>

#include "decklist/config/defaults.hpp"
#include "decklist/engine.hpp"
#include "shared_data.hpp"

namespace decklist::testing {

class EngineSuite : public ::testing::Test {
  protected:
    static void SetUpTestSuite() {
        engine_ =
            std::make_unique<Engine>(EngineOptions{shared_cards_csv(), default_tessdata_dir()});
        worker_ = engine_->make_worker();
    }
    static void TearDownTestSuite() {
        worker_.reset();
        engine_.reset();
    }
    static Engine::Worker& worker() { return *worker_; }
    static const Engine& engine() { return *engine_; }

  private:
    static inline std::unique_ptr<Engine> engine_;
    static inline std::unique_ptr<Engine::Worker> worker_;
};

}  // namespace decklist::testing

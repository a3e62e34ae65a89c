#pragma once
// The shared card database and one matcher over it, loaded once per suite: reading and
// indexing cards.csv is the slow part, and both are read-only once built.

#include <gtest/gtest.h>

#include <memory>

#include "decklist/match/card_db.hpp"
#include "decklist/match/matcher.hpp"
#include "shared_data.hpp"

namespace decklist::testing {

class MatcherSuite : public ::testing::Test {
  protected:
    static void SetUpTestSuite() {
        db_ = std::make_unique<CardDatabase>(CardDatabase::load_csv(shared_cards_csv()));
        matcher_ = std::make_unique<CardMatcher>(*db_);
    }
    static void TearDownTestSuite() {
        matcher_.reset();
        db_.reset();
    }
    static const CardDatabase& db() { return *db_; }
    static const CardMatcher& matcher() { return *matcher_; }

  private:
    static inline std::unique_ptr<CardDatabase> db_;
    static inline std::unique_ptr<CardMatcher> matcher_;
};

}  // namespace decklist::testing

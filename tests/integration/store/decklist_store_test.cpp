// The decklist library on both backends, through DecklistStore only (and, where a test must
// look under it, a query straight on the database).

#include <algorithm>
#include <atomic>
#include <cctype>
#include <fstream>
#include <latch>
#include <regex>
#include <set>
#include <thread>

#include "store_fixture.hpp"

namespace decklist::store_test {
namespace {

const Card kJinx{"金克丝", "Jinx"};
const Card kYasuo{"无极剑圣", "Master Yi"};
const Card kAhri{"阿狸", "Ahri"};

DeckSpec full_spec(std::string id) {
    DeckSpec s;
    s.id = std::move(id);
    s.deck_name = "暴走萝莉";
    s.event = "Shanghai Open";
    s.date = "2026-11-28";
    s.player = "小明 Lee";
    s.placement = 3;
    s.legend = kJinx;
    s.main_deck = {kYasuo, {"火力压制", "Suppressing Fire", 3}};
    s.deck_code = "CEAAAAIBAEAQCAIB";
    s.needs_review = true;
    s.filename = "top8-jinx.png";
    return s;
}

void expect_iso_millis(const std::string& time) {
    static const std::regex iso(R"(\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d\.\d{3}Z)");
    EXPECT_TRUE(std::regex_match(time, iso)) << time;
}

TEST_P(StoreTest, SaveThenGetReturnsEveryColumn) {
    const DeckSpec spec = full_spec("dl-1");
    const auto bytes = image_bytes("dl-1");
    NewDecklist d;
    d.decklist = decklist_json(spec);
    d.image = bytes;
    d.image_sha256 = sha256_hex(bytes);
    d.batch_id = "batch-7";
    d.owner = "alice";
    d.format_id = "standard";
    d.saved_by = "key-of-alice";
    const SaveResult saved = store_->save(d);
    EXPECT_FALSE(saved.duplicate);

    const std::optional<StoredDecklist> got = store_->get("dl-1");
    ASSERT_TRUE(got);
    for (const StoredDecklist* s : {&saved.stored, &*got}) {
        EXPECT_EQ(s->id, "dl-1");
        EXPECT_EQ(s->decklist, d.decklist);
        EXPECT_EQ(s->revision, 1);
        expect_iso_millis(s->created_at);
        EXPECT_EQ(s->updated_at, s->created_at);
        EXPECT_EQ(s->image_sha256, d.image_sha256);
        EXPECT_TRUE(s->has_image);
        EXPECT_EQ(s->batch_id, "batch-7");
        EXPECT_EQ(s->filename, "top8-jinx.png");
        EXPECT_EQ(s->owner, "alice");
        EXPECT_EQ(s->format_id, "standard");
        EXPECT_EQ(s->event, "Shanghai Open");
        EXPECT_EQ(s->date, "2026-11-28");
        EXPECT_EQ(s->player, "小明 Lee");
        EXPECT_EQ(s->legend, "Jinx");
        EXPECT_EQ(s->deck_code, "CEAAAAIBAEAQCAIB");
        EXPECT_EQ(s->placement, 3);
        EXPECT_TRUE(s->needs_review);
    }
    EXPECT_EQ(store_->image("dl-1"), bytes);

    auto by_image = store_->find_by_image(d.image_sha256);
    ASSERT_TRUE(by_image);
    EXPECT_EQ(by_image->id, "dl-1");
    std::string upper = d.image_sha256;
    std::transform(upper.begin(), upper.end(), upper.begin(), ::toupper);
    EXPECT_TRUE(store_->find_by_image(upper));

    const auto revisions = store_->revisions("dl-1");
    ASSERT_EQ(revisions.size(), 1u);
    EXPECT_EQ(revisions[0].number, 1);
    EXPECT_EQ(revisions[0].author, "key-of-alice");
    EXPECT_EQ(revisions[0].at, saved.stored.created_at);
    EXPECT_EQ(revisions[0].changes, nlohmann::json({{"kind", "saved"}}));

    EXPECT_FALSE(store_->get("nope"));
    EXPECT_FALSE(store_->image("nope"));
    EXPECT_FALSE(store_->find_by_image(sha256_hex(image_bytes("other"))));
    EXPECT_TRUE(store_->revisions("nope").empty());
}

TEST_P(StoreTest, LegendFallsBackToItsChineseNameAndMissingMetadataIsEmpty) {
    DeckSpec spec;
    spec.id = "dl-bare";
    spec.legend = Card{"阿狸", std::nullopt};
    const StoredDecklist s = save(spec).stored;
    EXPECT_EQ(s.legend, "阿狸");
    EXPECT_EQ(s.event, "");
    EXPECT_EQ(s.date, "");
    EXPECT_EQ(s.player, "");
    EXPECT_EQ(s.deck_code, "");
    EXPECT_FALSE(s.placement);
    EXPECT_FALSE(s.needs_review);
    // Absent, not empty: a date range never matches a decklist without a date.
    DecklistQuery q;
    q.date_to = "2099-12-31";
    EXPECT_TRUE(list_ids(q).empty());
}

TEST_P(StoreTest, SaveRefusesADecklistWithoutIdOrAMalformedHash) {
    NewDecklist d;
    d.decklist = decklist_json(full_spec(""));
    const auto bytes = image_bytes("x");
    d.image = bytes;
    d.image_sha256 = sha256_hex(bytes);
    try {
        store_->save(d);
        ADD_FAILURE() << "saved a decklist without decklist_id";
    } catch (const Error& e) {
        EXPECT_EQ(e.type(), ErrorType::validation);
    }
    d.decklist = decklist_json(full_spec("dl-x"));
    d.image_sha256 = "not-a-hash";
    try {
        store_->save(d);
        ADD_FAILURE() << "saved with a malformed image_sha256";
    } catch (const Error& e) {
        EXPECT_EQ(e.type(), ErrorType::validation);
    }
    EXPECT_EQ(count("decklists"), 0);
}

TEST_P(StoreTest, TheSameBytesAgainAreADuplicateOfTheFirst) {
    const auto bytes = image_bytes("shared");
    const SaveResult first = save(*store_, full_spec("dl-first"), bytes);
    DeckSpec other = full_spec("dl-second");
    other.player = "Someone Else";
    const SaveResult second = save(*store_, other, bytes);
    EXPECT_FALSE(first.duplicate);
    EXPECT_TRUE(second.duplicate);
    EXPECT_EQ(second.stored.id, "dl-first");
    EXPECT_EQ(second.stored.player, "小明 Lee");
    EXPECT_FALSE(store_->get("dl-second"));
    EXPECT_EQ(count("decklists"), 1);
    EXPECT_EQ(count("images"), 1);
    EXPECT_EQ(count("revisions"), 1);
}

TEST_P(StoreTest, ADecklistIdSavedFromOtherBytesIsRefused) {
    save(*store_, full_spec("dl-1"), image_bytes("a"));
    try {
        save(*store_, full_spec("dl-1"), image_bytes("b"));
        ADD_FAILURE() << "saved the same decklist_id twice";
    } catch (const Error& e) {
        EXPECT_EQ(e.type(), ErrorType::validation);
    }
    EXPECT_EQ(count("decklists"), 1);
    EXPECT_EQ(count("images"), 1);
}

TEST_P(StoreTest, WithoutKeepImagesNoBytesAreStored) {
    auto store = open_again(/*keep_images=*/false);
    const auto bytes = image_bytes("dl-1");
    const SaveResult saved = save(*store, full_spec("dl-1"), bytes);
    EXPECT_FALSE(saved.stored.has_image);
    EXPECT_EQ(saved.stored.image_sha256, sha256_hex(bytes));
    EXPECT_FALSE(store->image("dl-1"));
    EXPECT_EQ(count("images"), 0);
    // The hash still finds it, so the same screenshot is not read twice.
    EXPECT_TRUE(save(*store, full_spec("dl-2"), bytes).duplicate);
}

TEST_P(StoreTest, AReopenedStoreHasEverything) {
    save(*store_, full_spec("dl-1"), image_bytes("1"), "alice");
    DeckSpec two = full_spec("dl-2");
    two.event = "Beijing Cup";
    save(*store_, two, image_bytes("2"));
    Correction c;
    c.decklist = decklist_json(full_spec("dl-1"));
    c.decklist["metadata"]["player"] = "Corrected";
    c.expected_revision = 1;
    c.author = "bob";
    c.changes = {{"kind", "corrected"}};
    ASSERT_EQ(store_->update("dl-1", c).outcome, UpdateOutcome::updated);

    store_.reset();
    store_ = open_again();
    const auto one = store_->get("dl-1");
    ASSERT_TRUE(one);
    EXPECT_EQ(one->revision, 2);
    EXPECT_EQ(one->player, "Corrected");
    EXPECT_EQ(one->decklist, c.decklist);
    EXPECT_EQ(store_->image("dl-1"), image_bytes("1"));
    EXPECT_EQ(store_->revisions("dl-1").size(), 2u);
    EXPECT_EQ(list_ids({}), (std::vector<std::string>{"dl-2", "dl-1"}));
    EXPECT_EQ(store_->events().size(), 2u);
}

// Eight decklists across events, legends, players, dates and review states.
class StoreFilterTest : public StoreTest {
  protected:
    void SetUp() override {
        StoreTest::SetUp();
        if (IsSkipped() || HasFatalFailure()) return;
        struct Row {
            const char* id;
            const char* event;
            const char* date;
            const char* player;
            Card legend;
            bool review;
        };
        const Row rows[] = {
            {"a", "Shanghai Open", "2026-11-01", "Lee", kJinx, false},
            {"b", "Shanghai Open", "2026-11-01", "Wang", kAhri, true},
            {"c", "Shanghai Open", "2026-11-02", "Lee", kAhri, false},
            {"d", "Beijing Cup", "2026-11-15", "Lee", kJinx, true},
            {"e", "Beijing Cup", "2026-11-16", "Chen", kJinx, false},
            {"f", "Beijing Cup", "2026-11-16", "Wang", kYasuo, true},
            {"g", "Online Weekly", "2026-12-01", "Chen", kYasuo, false},
            {"h", "Online Weekly", "2026-12-03", "Lee", kAhri, true},
        };
        for (const Row& r : rows) {
            DeckSpec s;
            s.id = r.id;
            s.event = r.event;
            s.date = r.date;
            s.player = r.player;
            s.legend = r.legend;
            s.needs_review = r.review;
            save(s);
        }
    }
};

TEST_P(StoreFilterTest, EachFilterAloneNewestFirst) {
    using V = std::vector<std::string>;
    EXPECT_EQ(list_ids({}), (V{"h", "g", "f", "e", "d", "c", "b", "a"}));
    DecklistQuery q;
    q.event = "Beijing Cup";
    EXPECT_EQ(list_ids(q), (V{"f", "e", "d"}));
    q = {};
    q.legend = "Ahri";
    EXPECT_EQ(list_ids(q), (V{"h", "c", "b"}));
    q = {};
    q.player = "Lee";
    EXPECT_EQ(list_ids(q), (V{"h", "d", "c", "a"}));
    q = {};
    q.needs_review = true;
    EXPECT_EQ(list_ids(q), (V{"h", "f", "d", "b"}));
    q.needs_review = false;
    EXPECT_EQ(list_ids(q), (V{"g", "e", "c", "a"}));
    q = {};
    q.date_from = "2026-11-16";  // inclusive
    EXPECT_EQ(list_ids(q), (V{"h", "g", "f", "e"}));
    q = {};
    q.date_to = "2026-11-02";  // inclusive
    EXPECT_EQ(list_ids(q), (V{"c", "b", "a"}));
    q.date_from = "2026-11-02";
    EXPECT_EQ(list_ids(q), (V{"c"}));
    q = {};
    q.event = "Nowhere";
    EXPECT_TRUE(list_ids(q).empty());
    q = {};
    q.event = "beijing cup";  // exact, not case-folded
    EXPECT_TRUE(list_ids(q).empty());
}

TEST_P(StoreFilterTest, FiltersCombine) {
    using V = std::vector<std::string>;
    DecklistQuery q;
    q.event = "Shanghai Open";
    q.player = "Lee";
    EXPECT_EQ(list_ids(q), (V{"c", "a"}));
    q.legend = "Ahri";
    EXPECT_EQ(list_ids(q), (V{"c"}));
    q = {};
    q.legend = "Jinx";
    q.needs_review = true;
    EXPECT_EQ(list_ids(q), (V{"d"}));
    q = {};
    q.date_from = "2026-11-02";
    q.date_to = "2026-12-01";
    q.needs_review = false;
    EXPECT_EQ(list_ids(q), (V{"g", "e", "c"}));
    q.player = "Chen";
    q.text = "master";
    EXPECT_EQ(list_ids(q), (V{"g"}));
}

TEST_P(StoreFilterTest, MalformedQueriesAreValidationErrors) {
    for (const char* cursor : {"abc", "-1", "0", "12x", " 12", "99999999999999999999", "1.5"}) {
        DecklistQuery q;
        q.cursor = cursor;
        try {
            store_->list(q);
            ADD_FAILURE() << "accepted cursor \"" << cursor << "\"";
        } catch (const Error& e) {
            EXPECT_EQ(e.type(), ErrorType::validation) << cursor;
        }
    }
    DecklistQuery q;
    q.date_from = "2026/11/01";
    EXPECT_THROW(store_->list(q), Error);
}

TEST_P(StoreFilterTest, LimitIsClampedToOneThroughTwoHundred) {
    DecklistQuery q;
    q.limit = 0;
    DecklistPage page = store_->list(q);
    EXPECT_EQ(ids(page.items), std::vector<std::string>{"h"});
    EXPECT_FALSE(page.next_cursor.empty());
    q.limit = -5;
    EXPECT_EQ(store_->list(q).items.size(), 1u);
    q.limit = 100000;
    page = store_->list(q);
    EXPECT_EQ(page.items.size(), 8u);
    EXPECT_TRUE(page.next_cursor.empty());
}

TEST_P(StoreTest, TextSearchCoversDeckNamesEventsPlayersAndCardNames) {
    DeckSpec a = full_spec("a");  // 暴走萝莉, Shanghai Open, 小明 Lee, Jinx, 无极剑圣/Master Yi
    save(a);
    DeckSpec b;
    b.id = "b";
    b.deck_name = "Snake_Case Aggro";
    b.event = "Top 1000 Cup";
    b.player = "Fox";
    b.legend = kAhri;
    save(b);
    DeckSpec c;
    c.id = "c";
    c.deck_name = "Tempo";
    c.event = "The Cup";
    c.player = "100% Tilt";
    c.legend = kAhri;
    save(c);

    using V = std::vector<std::string>;
    auto text = [&](std::string t) {
        DecklistQuery q;
        q.text = std::move(t);
        return list_ids(q);
    };
    EXPECT_EQ(text("无极剑圣"), V{"a"});     // a card's Chinese name
    EXPECT_EQ(text("剑圣"), V{"a"});         // any part of it
    EXPECT_EQ(text("暴走"), V{"a"});         // the deck's name
    EXPECT_EQ(text("master yi"), V{"a"});    // an English card name, any case
    EXPECT_EQ(text("SHANGHAI"), V{"a"});     // the event
    EXPECT_EQ(text("小明"), V{"a"});         // the player
    EXPECT_EQ(text("阿狸"), (V{"c", "b"}));  // the legend is a card too
    // LIKE's wildcards are the user's characters, not patterns.
    EXPECT_EQ(text("100%"), V{"c"});
    EXPECT_EQ(text("e_c"), V{"b"});
    EXPECT_TRUE(text("e%c").empty());
    EXPECT_TRUE(text("\\").empty());
    // Only names are searched, not the JSON around them.
    EXPECT_TRUE(text("name_en").empty());
    EXPECT_TRUE(text("match_type").empty());
    EXPECT_EQ(text("").size(), 3u);  // empty: no filter
}

TEST_P(StoreTest, KeysetPaginationVisitsEveryRowOnceNewestFirst) {
    std::vector<std::string> saved;
    for (int i = 0; i < 120; ++i) {
        DeckSpec s;
        s.id = std::string("p").append(std::to_string(i));
        s.event = "Paged";
        s.needs_review = i % 2 == 0;
        save(s);
        saved.push_back(s.id);
    }
    const std::vector<std::string> newest_first(saved.rbegin(), saved.rend());

    std::vector<std::string> seen;
    std::vector<std::size_t> sizes;
    DecklistQuery q;
    q.limit = 50;
    for (int pages = 0; pages < 10; ++pages) {
        const DecklistPage page = store_->list(q);
        sizes.push_back(page.items.size());
        for (const auto& item : page.items) seen.push_back(item.id);
        if (page.next_cursor.empty()) break;
        q.cursor = page.next_cursor;
    }
    EXPECT_EQ(sizes, (std::vector<std::size_t>{50, 50, 20}));
    EXPECT_EQ(seen, newest_first);

    // With a filter, the pages walk the filtered rows only.
    std::vector<std::string> reviewed;
    for (const auto& id : newest_first)
        if (std::stoi(id.substr(1)) % 2 == 0) reviewed.push_back(id);
    seen.clear();
    sizes.clear();
    q = {};
    q.limit = 25;
    q.needs_review = true;
    q.event = "Paged";
    for (int pages = 0; pages < 10; ++pages) {
        const DecklistPage page = store_->list(q);
        sizes.push_back(page.items.size());
        for (const auto& item : page.items) seen.push_back(item.id);
        if (page.next_cursor.empty()) break;
        q.cursor = page.next_cursor;
    }
    EXPECT_EQ(sizes, (std::vector<std::size_t>{25, 25, 10}));
    EXPECT_EQ(seen, reviewed);

    // A page that ends exactly at the last row has no next cursor.
    q = {};
    q.limit = 120;
    EXPECT_TRUE(store_->list(q).next_cursor.empty());
    q.limit = 119;
    EXPECT_FALSE(store_->list(q).next_cursor.empty());
}

TEST_P(StoreTest, UpdateWithTheCurrentRevisionMakesRevisionTwo) {
    const StoredDecklist before = save(full_spec("dl-1")).stored;
    Correction c;
    c.decklist = decklist_json(full_spec("dl-1"));
    c.decklist["metadata"]["player"] = "Corrected Name";
    c.decklist["metadata"]["placement"] = 1;
    c.decklist["needs_review"] = false;
    c.decklist["legend"][0]["name_en"] = "Ahri";
    c.expected_revision = 1;
    c.author = "reviewer-key";
    c.changes = {{"kind", "corrected"}, {"fields", {"player", "placement"}}};
    const UpdateResult r = store_->update("dl-1", c);
    ASSERT_EQ(r.outcome, UpdateOutcome::updated);
    ASSERT_TRUE(r.stored);
    EXPECT_EQ(r.stored->revision, 2);
    EXPECT_EQ(r.stored->player, "Corrected Name");
    EXPECT_EQ(r.stored->placement, 1);
    EXPECT_FALSE(r.stored->needs_review);
    EXPECT_EQ(r.stored->legend, "Ahri");
    EXPECT_EQ(r.stored->decklist, c.decklist);
    EXPECT_EQ(r.stored->created_at, before.created_at);
    EXPECT_GE(r.stored->updated_at, before.created_at);
    expect_iso_millis(r.stored->updated_at);
    // What the JSON does not hold stays as saved.
    EXPECT_EQ(r.stored->image_sha256, before.image_sha256);
    EXPECT_EQ(r.stored->filename, before.filename);

    EXPECT_EQ(store_->get("dl-1")->revision, 2);
    const auto revisions = store_->revisions("dl-1");
    ASSERT_EQ(revisions.size(), 2u);
    EXPECT_EQ(revisions[1].number, 2);
    EXPECT_EQ(revisions[1].author, "reviewer-key");
    EXPECT_EQ(revisions[1].changes, c.changes);
    EXPECT_EQ(revisions[1].at, r.stored->updated_at);

    // The indexed columns follow the correction.
    DecklistQuery q;
    q.player = "Corrected Name";
    EXPECT_EQ(list_ids(q), std::vector<std::string>{"dl-1"});
    q.player = "小明 Lee";
    EXPECT_TRUE(list_ids(q).empty());
    q = {};
    q.text = "corrected";
    EXPECT_EQ(list_ids(q).size(), 1u);
}

TEST_P(StoreTest, AStaleRevisionChangesNothing) {
    const StoredDecklist before = save(full_spec("dl-1")).stored;
    Correction c;
    c.decklist = decklist_json(full_spec("dl-1"));
    c.decklist["metadata"]["player"] = "Late";
    c.expected_revision = 5;
    c.author = "late-reviewer";
    const UpdateResult r = store_->update("dl-1", c);
    EXPECT_EQ(r.outcome, UpdateOutcome::stale);
    ASSERT_TRUE(r.stored);
    EXPECT_EQ(r.stored->revision, 1);
    EXPECT_EQ(r.stored->player, "小明 Lee");
    const auto now = store_->get("dl-1");
    EXPECT_EQ(now->decklist, before.decklist);
    EXPECT_EQ(now->updated_at, before.updated_at);
    EXPECT_EQ(store_->revisions("dl-1").size(), 1u);

    c.expected_revision = 1;
    const UpdateResult missing = store_->update("no-such-id", c);
    EXPECT_EQ(missing.outcome, UpdateOutcome::not_found);
    EXPECT_FALSE(missing.stored);
}

TEST_P(StoreTest, OfTwoConcurrentUpdatesWithOneRevisionExactlyOneWins) {
    save(full_spec("dl-1"));
    // A second store object for the second reviewer makes the race a real one on
    // PostgreSQL (two connections) as well as on SQLite (two connections to one file).
    auto other = open_again();
    DecklistStore* stores[2] = {store_.get(), other.get()};
    for (int round = 1; round <= 8; ++round) {
        std::latch start(2);
        std::atomic<int> updated{0}, stale{0};
        std::vector<std::thread> threads;
        for (int t = 0; t < 2; ++t) {
            threads.emplace_back([&, t] {
                Correction c;
                c.decklist = decklist_json(full_spec("dl-1"));
                c.decklist["metadata"]["player"] = "writer " + std::to_string(t);
                c.expected_revision = round;
                c.author = "reviewer " + std::to_string(t);
                start.arrive_and_wait();
                const UpdateResult r = stores[t]->update("dl-1", c);
                (r.outcome == UpdateOutcome::updated ? updated : stale)++;
            });
        }
        for (auto& thread : threads) thread.join();
        EXPECT_EQ(updated.load(), 1) << "round " << round;
        EXPECT_EQ(stale.load(), 1) << "round " << round;
        EXPECT_EQ(store_->get("dl-1")->revision, round + 1);
    }
    EXPECT_EQ(store_->revisions("dl-1").size(), 9u);
}

TEST_P(StoreTest, ConcurrentSavesOfTheSameBytesMakeOneRow) {
    const auto bytes = image_bytes("popular screenshot");
    constexpr int kThreads = 6;
    auto other = open_again();
    std::latch start(kThreads);
    std::vector<SaveResult> results(kThreads);
    std::vector<std::thread> threads;
    for (int t = 0; t < kThreads; ++t) {
        threads.emplace_back([&, t] {
            DecklistStore& store = t % 2 == 0 ? *store_ : *other;
            start.arrive_and_wait();
            results[t] = save(store, full_spec("dl-" + std::to_string(t)), bytes);
        });
    }
    for (auto& thread : threads) thread.join();
    int fresh = 0;
    std::set<std::string> ids_returned;
    for (const SaveResult& r : results) {
        fresh += r.duplicate ? 0 : 1;
        ids_returned.insert(r.stored.id);
    }
    EXPECT_EQ(fresh, 1);
    EXPECT_EQ(ids_returned.size(), 1u);
    EXPECT_EQ(count("decklists"), 1);
    EXPECT_EQ(count("revisions"), 1);
    EXPECT_EQ(count("images"), 1);
}

TEST_P(StoreTest, ManyThreadsSavingAndListingTogether) {
    constexpr int kThreads = 4, kEach = 10;
    std::vector<std::thread> threads;
    std::atomic<int> failures{0};
    for (int t = 0; t < kThreads; ++t) {
        threads.emplace_back([&, t] {
            try {
                for (int i = 0; i < kEach; ++i) {
                    DeckSpec s = full_spec(std::to_string(t).append("-").append(std::to_string(i)));
                    save(*store_, s, image_bytes(s.id));
                    DecklistQuery q;
                    q.event = "Shanghai Open";
                    store_->list(q);
                }
            } catch (const std::exception& e) {
                ADD_FAILURE() << e.what();
                failures++;
            }
        });
    }
    for (auto& thread : threads) thread.join();
    EXPECT_EQ(failures.load(), 0);
    EXPECT_EQ(count("decklists"), kThreads * kEach);
    DecklistQuery q;
    q.limit = 200;
    EXPECT_EQ(store_->list(q).items.size(), static_cast<std::size_t>(kThreads * kEach));
}

TEST_P(StoreTest, RemoveDeletesTheRowItsRevisionsAndItsImage) {
    save(*store_, full_spec("dl-1"), image_bytes("one"));
    save(*store_, full_spec("dl-2"), image_bytes("two"));
    Correction c;
    c.decklist = decklist_json(full_spec("dl-1"));
    c.expected_revision = 1;
    ASSERT_EQ(store_->update("dl-1", c).outcome, UpdateOutcome::updated);
    ASSERT_EQ(count("revisions"), 3);

    EXPECT_TRUE(store_->remove("dl-1"));
    EXPECT_FALSE(store_->get("dl-1"));
    EXPECT_FALSE(store_->image("dl-1"));
    EXPECT_TRUE(store_->revisions("dl-1").empty());
    EXPECT_FALSE(store_->find_by_image(sha256_hex(image_bytes("one"))));
    EXPECT_EQ(count("revisions"), 1);
    // The other decklist's image stays.
    EXPECT_EQ(count("images"), 1);
    EXPECT_EQ(store_->image("dl-2"), image_bytes("two"));
    EXPECT_EQ(list_ids({}), std::vector<std::string>{"dl-2"});

    EXPECT_FALSE(store_->remove("dl-1"));
    EXPECT_FALSE(store_->remove("never-was"));
    // The same bytes may be saved again afterwards, as a new decklist.
    const SaveResult again = save(*store_, full_spec("dl-3"), image_bytes("one"));
    EXPECT_FALSE(again.duplicate);
    EXPECT_EQ(store_->image("dl-3"), image_bytes("one"));
}

TEST_P(StoreTest, RemoveOnlyDeletesTheImageOfItsOwnHash) {
    // Two live decklists never hold the same hash (the unique index makes the second save a
    // duplicate), so an image row is shared only over time: by a decklist removed and the
    // one saved from the same bytes afterwards. remove() looks for other users before it
    // deletes an image rather than assuming there are none.
    const auto bytes = image_bytes("kept");
    save(*store_, full_spec("dl-1"), bytes);
    EXPECT_TRUE(store_->remove("dl-1"));
    EXPECT_EQ(count("images"), 0);

    save(*store_, full_spec("dl-2"), bytes);
    save(*store_, full_spec("dl-3"), image_bytes("other"));
    EXPECT_TRUE(store_->remove("dl-3"));
    EXPECT_EQ(store_->image("dl-2"), bytes);
    EXPECT_EQ(column("SELECT sha256 FROM images"), std::vector<std::string>{sha256_hex(bytes)});
}

TEST_P(StoreTest, EventsCountDecklistsAndSpanTheirDates) {
    auto add = [&](const char* id, std::optional<std::string> event,
                   std::optional<std::string> date) {
        DeckSpec s;
        s.id = id;
        s.event = std::move(event);
        s.date = std::move(date);
        save(s);
    };
    add("e1", "Shanghai Open", "2026-11-02");
    add("e2", "Shanghai Open", "2026-11-01");
    add("e3", "Beijing Cup", "2026-11-20");
    add("e4", "Shanghai Open", "2026-11-02");
    add("e5", "Undated Meetup", std::nullopt);
    add("e6", std::nullopt, "2026-12-01");  // no event: not listed
    add("e7", "", "2026-12-02");            // empty event: not listed

    const auto events = store_->events();
    ASSERT_EQ(events.size(), 3u);
    EXPECT_EQ(events[0].event, "Beijing Cup");
    EXPECT_EQ(events[0].decklists, 1);
    EXPECT_EQ(events[0].first_date, "2026-11-20");
    EXPECT_EQ(events[0].last_date, "2026-11-20");
    EXPECT_EQ(events[1].event, "Shanghai Open");
    EXPECT_EQ(events[1].decklists, 3);
    EXPECT_EQ(events[1].first_date, "2026-11-01");
    EXPECT_EQ(events[1].last_date, "2026-11-02");
    EXPECT_EQ(events[2].event, "Undated Meetup");
    EXPECT_EQ(events[2].decklists, 1);
    EXPECT_EQ(events[2].first_date, "");

    EXPECT_EQ(ids(store_->event_decklists("Shanghai Open")),
              (std::vector<std::string>{"e1", "e2", "e4"}));  // oldest first
    EXPECT_TRUE(store_->event_decklists("Nowhere").empty());
}

TEST_P(StoreTest, MigrationsRunOnceAndNotAgainOnReopen) {
    const auto versions = column("SELECT version FROM schema_migrations ORDER BY version");
    EXPECT_EQ(versions, (std::vector<std::string>{"1", "2", "3"}));
    const auto applied = column("SELECT applied_at FROM schema_migrations ORDER BY version");
    store_.reset();
    store_ = open_again();
    auto third = open_again();
    EXPECT_EQ(column("SELECT version FROM schema_migrations ORDER BY version"), versions);
    EXPECT_EQ(column("SELECT applied_at FROM schema_migrations ORDER BY version"), applied);
    // And the store works on the migrated schema.
    EXPECT_FALSE(save(full_spec("dl-1")).duplicate);
    EXPECT_TRUE(third->get("dl-1"));
}

TEST_P(StoreTest, TwoStoreObjectsSeeEachOthersWrites) {
    auto other = open_again();
    save(*store_, full_spec("dl-1"), image_bytes("1"));
    const auto seen = other->get("dl-1");
    ASSERT_TRUE(seen);
    EXPECT_EQ(other->image("dl-1"), image_bytes("1"));

    Correction c;
    c.decklist = decklist_json(full_spec("dl-1"));
    c.decklist["metadata"]["event"] = "Renamed Event";
    c.expected_revision = 1;
    ASSERT_EQ(other->update("dl-1", c).outcome, UpdateOutcome::updated);
    EXPECT_EQ(store_->get("dl-1")->revision, 2);
    EXPECT_EQ(store_->get("dl-1")->event, "Renamed Event");
    // The first store's reviewer, still at revision 1, is now stale.
    EXPECT_EQ(store_->update("dl-1", c).outcome, UpdateOutcome::stale);

    save(*other, full_spec("dl-2"), image_bytes("2"));
    EXPECT_EQ(list_ids({}), (std::vector<std::string>{"dl-2", "dl-1"}));
    EXPECT_TRUE(save(*store_, full_spec("dl-3"), image_bytes("2")).duplicate);
    EXPECT_EQ(store_->events().size(), 2u);

    EXPECT_TRUE(other->remove("dl-1"));
    EXPECT_FALSE(store_->get("dl-1"));
}

TEST_P(StoreTest, AnUnusableLocationIsAnInternalErrorNamingIt) {
    StoreOptions bad;
    std::string secret = "s3cret-pw";
    if (GetParam() == Backend::sqlite) {
        // A regular file where the directory should be.
        const std::string file = dir_ + "/plain-file";
        std::ofstream(file) << "x";
        bad.data_dir = file + "/library";
    } else {
        // Nothing listens on port 1.
        bad.store_url = "postgresql://decklist:" + secret + "@127.0.0.1:1/none";
    }
    try {
        open_decklist_store(bad);
        ADD_FAILURE() << "opened an unusable store";
    } catch (const Error& e) {
        EXPECT_EQ(e.type(), ErrorType::internal);
        const std::string message = e.what();
        if (GetParam() == Backend::sqlite) {
            EXPECT_NE(message.find(bad.data_dir), std::string::npos) << message;
        } else {
            EXPECT_NE(message.find("postgresql://decklist:***@127.0.0.1:1/none"), std::string::npos)
                << message;
            EXPECT_EQ(message.find(secret), std::string::npos) << message;
        }
    }
}

TEST_P(StoreTest, BackendNamesItself) {
    EXPECT_EQ(store_->backend(), GetParam() == Backend::sqlite ? "sqlite" : "postgresql");
}

INSTANTIATE_TEST_SUITE_P(Backends, StoreTest,
                         ::testing::Values(Backend::sqlite, Backend::postgresql), backend_name);
INSTANTIATE_TEST_SUITE_P(Backends, StoreFilterTest,
                         ::testing::Values(Backend::sqlite, Backend::postgresql), backend_name);

}  // namespace
}  // namespace decklist::store_test
